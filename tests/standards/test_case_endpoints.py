"""The CASE read endpoints (v1p1 and v1p0) serve published frameworks as CASE specifies; drafts are 404."""

import json

import pytest
from django.test import Client

from hevruta.standards.case.compare import differences
from hevruta.standards.case.exporter import export_package
from hevruta.standards.case.uris import derived_identifier
from hevruta.standards.models import Association, Item
from hevruta.standards.services import import_framework

from .conftest import CASE_DIR, build_framework

VERSIONS = ["v1p1", "v1p0"]


@pytest.fixture
def public_framework(world):
    return build_framework(world.away, title="Public standards", publish=True)


def get(client: Client, path: str):  # type: ignore[no-untyped-def]
    return client.get(f"/ims/case/{path}")


def assert_unknown(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 404
    body = response.json()
    assert body["imsx_codeMajor"] == "failure"
    assert body["imsx_CodeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"] == "unknownobject"


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_documents_list_with_paging_and_sorting(world, public_framework, version):
    build_framework(world.away, title="Another public framework", publish=True)
    build_framework(world.away, title="A draft nobody reads")
    response = get(Client(), f"{version}/CFDocuments?limit=1&offset=0&sort=title&orderBy=asc")
    assert response.status_code == 200
    assert response["X-Total-Count"] == "2"
    assert [d["title"] for d in response.json()["CFDocuments"]] == ["Another public framework"]
    response = get(Client(), f"{version}/CFDocuments?sort=title&orderBy=desc")
    titles = [d["title"] for d in response.json()["CFDocuments"]]
    assert titles == ["Public standards", "Another public framework"]
    assert ("caseVersion" in response.json()["CFDocuments"][0]) == (version == "v1p1")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, field",
    [("limit=0", "limit"), ("limit=x", "limit"), ("sort=colour", "sort"), ("orderBy=up", "orderBy")],
)
def test_bad_list_parameters_are_imsx_errors(world, query, field):
    response = get(Client(), f"v1p1/CFDocuments?{query}")
    assert response.status_code == 400
    minor = response.json()["imsx_CodeMinor"]["imsx_codeMinorField"][0]
    assert minor["imsx_codeMinorFieldName"] == field


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_document_package_item_and_association(public_framework, version):
    client = Client()
    identifier = public_framework.identifier
    document = get(client, f"{version}/CFDocuments/{identifier}")
    assert document.status_code == 200
    assert document["Content-Type"] == "application/json"
    assert document.json()["identifier"] == identifier
    # CASE 1.0 servers add CFPackageURI and CFDocumentURI; CASE 1.1's schema has neither.
    assert ("CFPackageURI" in document.json()) == (version == "v1p0")
    package = get(client, f"{version}/CFPackages/{identifier}").json()
    expected = export_package(public_framework, v1p0=version == "v1p0")
    assert differences(expected, package) == []
    item = Item.objects.filter(framework=public_framework).first()
    body = get(client, f"{version}/CFItems/{item.identifier}").json()
    assert body["fullStatement"] == item.full_statement
    if version == "v1p0":
        assert body["CFDocumentURI"]["identifier"] == identifier
    else:
        assert "CFDocumentURI" not in body
    association = Association.objects.filter(framework=public_framework).first()
    body = get(client, f"{version}/CFAssociations/{association.identifier}").json()
    assert body["associationType"] == "isChildOf"
    assert body["originNodeURI"]["identifier"] == association.origin_identifier
    both = get(client, f"{version}/CFItemAssociations/{item.identifier}").json()
    assert both["CFItem"]["identifier"] == item.identifier
    assert {a["identifier"] for a in both["CFAssociations"]} >= {
        a.identifier for a in Association.objects.filter(origin_item=item)
    }


@pytest.mark.django_db
def test_item_types_and_rubric(public_framework):
    client = Client()
    item_type = public_framework.definitions.get(title="Competency")
    body = get(client, f"v1p1/CFItemTypes/{item_type.identifier}").json()
    assert body["title"] == "Competency"
    rubric_id = derived_identifier(public_framework.identifier, "rubric")
    rubric = get(client, f"v1p1/CFRubrics/{rubric_id}").json()
    assert rubric["identifier"] == rubric_id
    assert len(rubric["CFRubricCriteria"]) == 1 + 8
    assert_unknown(get(client, "v1p1/CFRubrics/no-such-rubric"))


@pytest.mark.django_db
@pytest.mark.parametrize("version", VERSIONS)
def test_drafts_are_not_served_even_to_their_managers(world, home_draft, version):
    client = world.client("manager")
    item = Item.objects.filter(framework=home_draft).first()
    association = Association.objects.filter(framework=home_draft).first()
    for path in (
        f"CFDocuments/{home_draft.identifier}",
        f"CFPackages/{home_draft.identifier}",
        f"CFItems/{item.identifier}",
        f"CFItemAssociations/{item.identifier}",
        f"CFAssociations/{association.identifier}",
    ):
        assert_unknown(get(client, f"{version}/{path}"))
    listed = get(client, f"{version}/CFDocuments").json()["CFDocuments"]
    assert home_draft.identifier not in {d["identifier"] for d in listed}


@pytest.mark.django_db
def test_a_members_only_networks_framework_is_served_to_its_members(world, home_framework, persona):
    response = get(world.client(persona), f"v1p1/CFDocuments/{home_framework.identifier}")
    if persona in ("manager", "member"):
        assert response.status_code == 200
    else:
        assert_unknown(response)


@pytest.mark.django_db
def test_a_personal_token_reads_like_the_session(world, home_framework):
    from hevruta.accounts.services import create_api_token

    _token, secret = create_api_token(world.member.user, "case reader")
    response = Client().get(
        f"/ims/case/v1p1/CFDocuments/{home_framework.identifier}", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 200
    bad = Client().get(f"/ims/case/v1p1/CFDocuments/{home_framework.identifier}", HTTP_AUTHORIZATION="Bearer nope")
    assert bad.status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(CASE_DIR.glob("*.json")), ids=lambda path: path.stem)
def test_an_imported_published_package_is_served_as_it_came(path):
    """v1p0 serves it exactly as it came; v1p1 too when it was valid CASE 1.1 (all but OpenSALT's sample)."""
    original = json.loads(path.read_bytes())
    import_framework(path.read_bytes(), network=None, user=None, source=path.name, publish=True)
    served = Client().get(f"/ims/case/v1p0/CFPackages/{original['CFDocument']['identifier']}").json()
    assert differences(original, served) == []
    for item in original["CFItems"]:
        assert Client().get(f"/ims/case/v1p0/CFItems/{item['identifier']}").json() == item
        if path.stem != "opensalt-sample-framework":
            assert Client().get(f"/ims/case/v1p1/CFItems/{item['identifier']}").json() == item


@pytest.mark.django_db
def test_unknown_identifiers(world):
    for path in ("CFDocuments/x", "CFPackages/x", "CFItems/x", "CFAssociations/x", "CFItemTypes/x", "CFConcepts/x"):
        assert_unknown(get(Client(), f"v1p1/{path}"))


@pytest.mark.django_db
def test_only_get(public_framework):
    assert Client().post(f"/ims/case/v1p1/CFDocuments/{public_framework.identifier}").status_code == 405


def _titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return [document["title"] for document in response.json()["CFDocuments"]]


@pytest.mark.django_db
def test_documents_filter_fields_and_their_combinations(world, public_framework):
    from django.utils import timezone

    from hevruta.standards.services import retire

    other = build_framework(world.away, title="Another public framework", publish=True)
    retire(other)
    client = Client()
    base = "v1p1/CFDocuments?sort=title&filter="
    assert _titles(get(client, base + "adoptionStatus='Adopted'")) == ["Public standards"]
    assert _titles(get(client, base + "adoptionStatus!='Adopted'")) == ["Another public framework"]
    assert _titles(get(client, base + "title~'another'")) == ["Another public framework"]
    both = "title='Public standards' OR adoptionStatus='Deprecated'"
    assert _titles(get(client, base + both)) == ["Another public framework", "Public standards"]
    neither = "title='Public standards' AND adoptionStatus='Deprecated'"
    response = get(client, base + neither)
    assert _titles(response) == [] and response["X-Total-Count"] == "0"
    today = timezone.now().date().isoformat()
    assert _titles(get(client, base + f"statusEndDate='{today}'")) == ["Another public framework"]
    assert _titles(get(client, base + "lastChangeDateTime>='2000-01-01T00:00:00Z'")) == [
        "Another public framework",
        "Public standards",
    ]
    assert _titles(get(client, base + "lastChangeDateTime<'2000-01-01T00:00:00Z'")) == []
    selected = get(client, "v1p1/CFDocuments?fields=identifier,title&sort=title").json()["CFDocuments"]
    assert selected == [
        {"identifier": other.identifier, "title": "Another public framework"},
        {"identifier": public_framework.identifier, "title": "Public standards"},
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, field, minor",
    [
        ("filter=colour='red'", "filter", "invalid_filter_field"),
        ("filter=title='a' AND version='1' OR language='he'", "filter", "invalid_filter_field"),
        ("filter=title=unquoted", "filter", "invalid_filter_field"),
        ("filter=lastChangeDateTime>'yesterday'", "filter", "invalid_filter_field"),
        ("filter=statusStartDate~'2020'", "filter", "invalid_filter_field"),
        ("filter=title='a'%00", "filter", "invalid_filter_field"),
        ("filter=title='a%00b'", "filter", "invalid_filter_field"),
        ("fields=identifier,colour", "fields", "invalid_selection_field"),
        ("fields=CFPackageURI", "fields", "invalid_selection_field"),
        ("offset=2083058700085244198912", "offset", "invalid_selection_field"),
        ("offset=-1", "offset", "invalid_selection_field"),
        ("limit=1.5", "limit", "invalid_selection_field"),
        ("sort=description", "sort", "invalid_sort_field"),
    ],
)
def test_bad_query_parameters_are_imsx_400s(world, public_framework, query, field, minor):
    response = get(Client(), f"v1p1/CFDocuments?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["imsx_codeMajor"] == "failure"
    assert body["imsx_description"]
    assert body["imsx_CodeMinor"]["imsx_codeMinorField"] == [
        {"imsx_codeMinorFieldName": field, "imsx_codeMinorFieldValue": minor}
    ]
