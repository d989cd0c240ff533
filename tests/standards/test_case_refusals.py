"""Malformed CASE packages are refused whole, with a message that says what and where; nothing is written."""

import copy
import json

import pytest
from django.urls import reverse

from hevruta.standards.case.validate import CaseError
from hevruta.standards.models import Association, Definition, Framework, Item, PerformanceLevel, RubricText
from hevruta.standards.services import import_framework

from .conftest import CASE_DIR

SAMPLE = json.loads((CASE_DIR / "opensalt-sample-framework.json").read_bytes())
TABLES = (Framework, Item, Association, Definition, PerformanceLevel, RubricText)


def counts() -> list[int]:
    return [model.objects.count() for model in TABLES]


def package() -> dict:
    return copy.deepcopy(SAMPLE)


def refused(content: bytes) -> list[str]:
    before = counts()
    with pytest.raises(CaseError) as caught:
        import_framework(content, network=None, user=None, source="test")
    assert counts() == before, "nothing may be written"
    return caught.value.problems


def as_bytes(data: dict) -> bytes:
    return json.dumps(data).encode()


def _child_of(package_data: dict, child: str, parent: str) -> dict:
    return {
        "identifier": f"a-{child}-{parent}",
        "uri": f"https://example.org/a/{child}/{parent}",
        "lastChangeDateTime": "2024-01-01T00:00:00+00:00",
        "associationType": "isChildOf",
        "originNodeURI": {"title": child, "identifier": child, "uri": f"https://example.org/{child}"},
        "destinationNodeURI": {"title": parent, "identifier": parent, "uri": f"https://example.org/{parent}"},
    }


def mutate(change) -> bytes:  # type: ignore[no-untyped-def]
    data = package()
    change(data)
    return as_bytes(data)


@pytest.mark.django_db
def test_not_json():
    assert "not JSON" in refused(b'{"CFDocument": {')[0]


@pytest.mark.django_db
def test_not_utf8():
    assert "UTF-8" in refused('{"CFDocument": "שלום"}'.encode("utf-16"))[0]


@pytest.mark.django_db
def test_too_large(settings):
    settings.CASE_MAX_BYTES = 1000
    assert "MB" in refused(as_bytes(package()))[0]


@pytest.mark.django_db
def test_not_a_package():
    assert "CFDocument" in refused(b"[1, 2, 3]")[0]
    assert "CFDocument" in refused(b'{"CFItems": []}')[0]


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["CFDocument", "CFItems", "CFAssociations"])
def test_missing_identifiers(where):
    def change(data):  # type: ignore[no-untyped-def]
        target = data[where] if where == "CFDocument" else data[where][3]
        del target["identifier"]

    problems = refused(mutate(change))
    assert any("identifier is missing" in problem and problem.startswith(where) for problem in problems), problems


@pytest.mark.django_db
def test_missing_uri_and_statement():
    def change(data):  # type: ignore[no-untyped-def]
        del data["CFItems"][0]["uri"]
        data["CFItems"][1]["fullStatement"] = ""

    problems = refused(mutate(change))
    assert any(p.startswith("CFItems[0]") and "uri is missing" in p for p in problems)
    assert any(p.startswith("CFItems[1]") and "fullStatement is required" in p for p in problems)


@pytest.mark.django_db
def test_a_cycle_in_is_child_of():
    def change(data):  # type: ignore[no-untyped-def]
        first, second = data["CFItems"][0]["identifier"], data["CFItems"][1]["identifier"]
        data["CFAssociations"] += [_child_of(data, first, second), _child_of(data, second, first)]

    problems = refused(mutate(change))
    assert any("cycle" in problem for problem in problems), problems


@pytest.mark.django_db
def test_an_item_that_is_its_own_parent():
    def change(data):  # type: ignore[no-untyped-def]
        first = data["CFItems"][0]["identifier"]
        data["CFAssociations"].append(_child_of(data, first, first))

    assert any("cycle" in problem for problem in refused(mutate(change)))


@pytest.mark.django_db
def test_is_child_of_an_unknown_node():
    def change(data):  # type: ignore[no-untyped-def]
        data["CFAssociations"].append(_child_of(data, data["CFItems"][0]["identifier"], "no-such-parent"))

    problems = refused(mutate(change))
    assert any("isChildOf points to no-such-parent" in problem for problem in problems), problems


@pytest.mark.django_db
def test_an_association_that_touches_nothing_of_the_package():
    def change(data):  # type: ignore[no-untyped-def]
        association = _child_of(data, "somewhere", "elsewhere")
        association["associationType"] = "isRelatedTo"
        data["CFAssociations"].append(association)

    assert any("neither of which is in this package" in problem for problem in refused(mutate(change)))


@pytest.mark.django_db
def test_a_link_to_another_framework_is_legitimate():
    """exactMatchOf to a node elsewhere is how CASE links frameworks: accepted, kept, reported."""
    data = package()
    report = import_framework(as_bytes(data), network=None, user=None, source="test")
    inside = {item["identifier"] for item in data["CFItems"]} | {data["CFDocument"]["identifier"]}
    outside = [
        node["identifier"]
        for association in data["CFAssociations"]
        for node in (association["originNodeURI"], association["destinationNodeURI"])
        if node["identifier"] not in inside
    ]
    assert report.linked_elsewhere == len(outside) == 21
    unresolved = Association.objects.filter(framework=report.framework, destination_item__isnull=True).exclude(
        destination_identifier=report.framework.identifier
    )
    assert unresolved.count() == 21


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda d: d.__setitem__("CFItems", {"not": "a list"}), "CFItems: should be a list"),
        (lambda d: d["CFItems"][0].__setitem__("conceptKeywords", "ratio, rate"), "conceptKeywords should be a list"),
        (lambda d: d["CFItems"][0].__setitem__("educationLevel", "06"), "educationLevel should be a list"),
        (lambda d: d["CFItems"][0].__setitem__("CFItemTypeURI", "Cluster"), "CFItemTypeURI should be a link"),
        (lambda d: d["CFDocument"].__setitem__("subjectURI", {"title": "Math"}), "subjectURI should be a list"),
        (lambda d: d["CFDocument"].__setitem__("title", ["a", "title"]), "title should be a text"),
        (lambda d: d["CFDocument"].__setitem__("statusStartDate", "next week"), "statusStartDate should be a date"),
        (lambda d: d["CFAssociations"][15].__setitem__("sequenceNumber", "first"), "sequenceNumber should be an"),
        (lambda d: d["CFAssociations"][0].__setitem__("originNodeURI", "edfce0e7"), "originNodeURI: should be a link"),
        (lambda d: d["CFAssociations"][0].__setitem__("associationType", "isCousinOf"), "not a CASE association type"),
        (lambda d: d["CFItems"][0].__setitem__("lastChangeDateTime", "yesterday"), "is not a date and time"),
        (lambda d: d.__setitem__("CFDefinitions", []), "CFDefinitions: should be an object"),
        (lambda d: d["CFItems"][2].__setitem__("identifier", d["CFItems"][1]["identifier"]), "also used by"),
        (lambda d: d["CFItems"][0].__setitem__("identifier", "has spaces/and slashes"), "not a usable CASE identifier"),
        (lambda d: d["CFItems"][0].__setitem__("notes", "a\x00b"), "NUL character"),
    ],
    ids=[
        "items-not-a-list",
        "keywords-a-string",
        "education-level-a-string",
        "item-type-uri-a-string",
        "subject-uri-an-object",
        "title-a-list",
        "date-not-a-date",
        "sequence-not-a-number",
        "node-a-string",
        "unknown-association-type",
        "last-change-not-a-time",
        "definitions-a-list",
        "duplicate-identifier",
        "identifier-with-slashes",
        "nul-character",
    ],
)
def test_wrong_types(change, expected):
    problems = refused(mutate(change))
    assert any(expected in problem for problem in problems), problems


@pytest.mark.django_db
def test_every_problem_is_reported_at_once():
    def change(data):  # type: ignore[no-untyped-def]
        for item in data["CFItems"][:5]:
            del item["identifier"]

    assert len(refused(mutate(change))) >= 5


@pytest.mark.django_db
def test_a_framework_already_here_is_not_imported_twice(world):
    """The same package again is an update that changes nothing; into another network it is refused."""
    first = import_framework(as_bytes(package()), network=None, user=None, source="first")
    before = counts()
    again = import_framework(as_bytes(package()), network=None, user=None, source="again")
    assert again.updated and again.framework.pk == first.framework.pk and again.changes == {}
    assert counts() == before
    with pytest.raises(CaseError) as caught:
        import_framework(as_bytes(package()), network=world.home, user=None, source="elsewhere")
    assert "already as" in caught.value.problems[0] and "another network" in caught.value.problems[0]
    assert counts() == before


@pytest.mark.django_db
def test_the_import_page_shows_the_problems_and_writes_nothing(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def change(data):  # type: ignore[no-untyped-def]
        first, second = data["CFItems"][0]["identifier"], data["CFItems"][1]["identifier"]
        data["CFAssociations"] += [_child_of(data, first, second), _child_of(data, second, first)]

    from tests.directory.rosters import run_queued_jobs

    before = counts()
    client = world.client("manager")
    response = client.post(
        reverse("standards:framework_import"),
        {"network": str(world.home.pk), "file": SimpleUploadedFile("bad.json", mutate(change))},
    )
    assert response.status_code == 302
    run_queued_jobs()
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "nothing was imported" in page
    assert "cycle" in page
    assert counts() == before


@pytest.mark.django_db
def test_the_import_page_refuses_a_file_over_the_limit(world, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.CASE_MAX_BYTES = 100
    response = world.client("manager").post(
        reverse("standards:framework_import"),
        {"network": str(world.home.pk), "file": SimpleUploadedFile("big.json", as_bytes(package()))},
    )
    assert response.status_code == 200
    assert "at most" in response.content.decode()
    assert Framework.objects.count() == 0
