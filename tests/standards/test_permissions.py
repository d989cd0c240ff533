"""Every standards page and endpoint with the four personas: managers of "home" write its roles and
frameworks; members read what the members-only network shows them; outsiders and visitors read only
what is public, and get 404 for what they may not see and 403 for what they see but may not change."""

import json

import pytest
from django.db import transaction
from django.urls import reverse

from hevruta.standards import services
from hevruta.standards.models import Framework, Item, Role

from .conftest import build_framework

M, MEMBER, OUT, ANON = "manager", "member", "outsider", "anonymous"


@pytest.fixture
def things(world):  # type: ignore[no-untyped-def]
    published = build_framework(world.home, title="Published home framework", domains=1, publish=True)
    draft = build_framework(world.home, title="Draft home framework", domains=1)
    public = build_framework(world.away, title="Public away framework", domains=1, publish=True)
    role = services.create_role(world.home, name="Home role", framework=published)
    away_role = services.create_role(world.away, name="Away role")
    return {
        "published": published,
        "draft": draft,
        "public": public,
        "role": role,
        "away_role": away_role,
        "draft_item": Item.objects.filter(framework=draft).first(),
        "published_item": Item.objects.filter(framework=published).first(),
    }


def expect(table: dict, persona: str) -> int:
    return table.get(persona, table.get("*"))  # type: ignore[return-value]


READ_PAGES = [
    # (url name, args from things, {persona: status})
    ("standards:frameworks", [], {"*": 200}),
    ("standards:roles", [], {"*": 200}),
    ("standards:framework", ["published"], {M: 200, MEMBER: 200, OUT: 404, ANON: 404}),
    ("standards:framework", ["draft"], {M: 200, MEMBER: 404, OUT: 404, ANON: 404}),
    ("standards:framework", ["public"], {"*": 200}),
    ("standards:framework_export", ["published"], {M: 200, MEMBER: 200, OUT: 404, ANON: 404}),
    ("standards:framework_export", ["draft"], {M: 200, MEMBER: 404, OUT: 404, ANON: 404}),
    ("standards:framework_export", ["public"], {"*": 200}),
    ("standards:role", ["role"], {M: 200, MEMBER: 200, OUT: 404, ANON: 404}),
    ("standards:role", ["away_role"], {"*": 200}),
]

EDIT_PAGES = [
    ("standards:framework_create", [], {M: 200, "*": 403}),
    ("standards:framework_import", [], {M: 200, "*": 403}),
    ("standards:framework_edit", ["draft"], {M: 200, "*": 404}),
    ("standards:framework_edit", ["published"], {M: 403, MEMBER: 403, "*": 404}),
    ("standards:framework_edit", ["public"], {"*": 403}),
    ("standards:levels", ["draft"], {M: 200, "*": 404}),
    ("standards:levels", ["published"], {M: 403, MEMBER: 403, "*": 404}),
    ("standards:item_add", ["draft"], {M: 200, "*": 404}),
    ("standards:item_add", ["published"], {M: 403, MEMBER: 403, "*": 404}),
    ("standards:item_edit", ["draft", "draft_item"], {M: 200, "*": 404}),
    ("standards:item_edit", ["published", "published_item"], {M: 403, MEMBER: 403, "*": 404}),
    ("standards:item_move", ["draft", "draft_item"], {M: 200, "*": 404}),
    ("standards:item_delete", ["draft", "draft_item"], {M: 200, "*": 404}),
    ("standards:rubric", ["draft", "draft_item"], {M: 200, "*": 404}),
    ("standards:item_links", ["draft", "draft_item"], {M: 200, "*": 404}),
    ("standards:role_create", ["home"], {M: 200, MEMBER: 403, "*": 404}),
    ("standards:role_create", ["away"], {"*": 403}),
    ("standards:role_edit", ["role"], {M: 200, MEMBER: 403, "*": 404}),
    ("standards:role_edit", ["away_role"], {"*": 403}),
]

POST_ACTIONS = [
    ("standards:framework_publish", ["draft"], {M: 302, "*": 404}),
    ("standards:framework_publish", ["published"], {M: 403, MEMBER: 403, "*": 404}),
    ("standards:framework_new_draft", ["published"], {M: 302, MEMBER: 403, "*": 404}),
    ("standards:framework_new_draft", ["public"], {"*": 403}),
    ("standards:framework_retire", ["published"], {M: 302, MEMBER: 403, "*": 404}),
    ("standards:framework_delete", ["draft"], {M: 302, "*": 404}),
    ("standards:framework_delete", ["published"], {M: 403, MEMBER: 403, "*": 404}),
    ("standards:item_delete", ["draft", "draft_item"], {M: 302, "*": 404}),
    ("standards:role_delete", ["role"], {M: 302, MEMBER: 403, "*": 404}),
    ("standards:role_delete", ["away_role"], {"*": 403}),
]


def _url(world, things, name, args):  # type: ignore[no-untyped-def]
    values = []
    for arg in args:
        if arg in ("home", "away"):
            values.append(getattr(world, arg).slug)
        else:
            values.append(things[arg].pk)
    return reverse(name, args=values)


def _label(case) -> str:  # type: ignore[no-untyped-def]
    return f"{case[0].split(':')[1]}-{'-'.join(case[1])}"


def _check(world, things, persona, cases, method):  # type: ignore[no-untyped-def]
    """Each case in a savepoint that is rolled back, so that one action does not change the next."""
    client = world.client(persona)
    wrong = []
    for name, args, table in cases:
        with transaction.atomic():
            response = getattr(client, method)(_url(world, things, name, args))
            transaction.set_rollback(True)
        if response.status_code != expect(table, persona):
            wrong.append(
                f"{method.upper()} {_label((name, args))}: {response.status_code}, not {expect(table, persona)}"
            )
    assert wrong == []


# One test per persona and table rather than one per case: the fixture of three frameworks is built
# once for all the cases of a table.
@pytest.mark.django_db
def test_read_pages(world, things, persona):
    _check(world, things, persona, READ_PAGES, "get")


@pytest.mark.django_db
def test_edit_pages(world, things, persona):
    _check(world, things, persona, EDIT_PAGES, "get")


@pytest.mark.django_db
def test_post_actions(world, things, persona):
    _check(world, things, persona, POST_ACTIONS, "post")


@pytest.mark.django_db
def test_lists_show_only_what_each_persona_may_see(world, things, persona):
    frameworks = world.client(persona).get(reverse("standards:frameworks")).content.decode()
    assert ("Published home framework" in frameworks) == (persona in (M, MEMBER))
    assert ("Draft home framework" in frameworks) == (persona == M)
    assert "Public away framework" in frameworks
    roles = world.client(persona).get(reverse("standards:roles")).content.decode()
    assert ("Home role" in roles) == (persona in (M, MEMBER))
    assert "Away role" in roles


@pytest.mark.django_db
def test_editor_controls_only_for_managers_of_drafts(world, things, persona):
    page = world.client(persona).get(reverse("standards:framework", args=[things["public"].pk])).content.decode()
    assert "add below" not in page
    if persona == M:
        page = world.client(M).get(reverse("standards:framework", args=[things["draft"].pk])).content.decode()
        assert "add below" in page and "Publish" in page
        page = world.client(M).get(reverse("standards:framework", args=[things["published"].pk])).content.decode()
        assert "add below" not in page and "Make a new draft" in page


@pytest.mark.django_db
def test_a_manager_writes_through_the_pages(world, things):
    client = world.client(M)
    draft = things["draft"]
    response = client.post(
        reverse("standards:item_add", args=[draft.pk]),
        {"full_statement": "מיומנות חדשה", "human_coding_scheme": "9", "item_type": "Competency"},
    )
    assert response.status_code == 302
    item = Item.objects.get(framework=draft, human_coding_scheme="9")
    levels = list(draft.levels.order_by("position"))
    response = client.post(
        reverse("standards:rubric", args=[draft.pk, item.pk]), {f"level_{levels[0].pk}": "בשלב ראשון"}
    )
    assert response.status_code == 302
    assert item.rubric_texts.get().text == "בשלב ראשון"
    response = client.post(
        reverse("standards:item_edit", args=[draft.pk, item.pk]),
        {"full_statement": "נוסח מתוקן", "human_coding_scheme": "9", "item_type": "Competency"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.full_statement == "נוסח מתוקן"
    form = {
        "form-TOTAL_FORMS": "5",
        "form-INITIAL_FORMS": "4",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "12",
    }
    for index, level in enumerate(levels):
        form |= {f"form-{index}-pk": level.pk, f"form-{index}-name": level.name, f"form-{index}-ORDER": 4 - index}
    form |= {"form-4-name": "", "form-4-ORDER": ""}
    response = client.post(reverse("standards:levels", args=[draft.pk]), form)
    assert response.status_code == 302
    assert [lv.pk for lv in draft.levels.order_by("position")] == [lv.pk for lv in reversed(levels)]
    target = Item.objects.filter(framework=things["public"]).first()
    response = client.post(
        reverse("standards:item_links", args=[draft.pk, item.pk]),
        {"target_framework": things["public"].pk, "target": target.pk, "association_type": "isRelatedTo"},
    )
    assert response.status_code == 302
    response = client.post(reverse("standards:framework_publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == "published"


@pytest.mark.django_db
def test_a_manager_creates_a_framework_and_a_role(world):
    client = world.client(M)
    response = client.post(
        reverse("standards:framework_create"),
        {"network": str(world.home.pk), "title": "מסגרת חדשה", "creator": "המכון", "subject_text": "מתמטיקה, מדעים"},
    )
    assert response.status_code == 302
    framework = Framework.objects.get(title="מסגרת חדשה")
    assert framework.subject == ["מתמטיקה", "מדעים"] and framework.levels.count() == 4
    response = client.post(
        reverse("standards:role_create", args=[world.home.slug]),
        {
            "name": "רכז/ת מתמטיקה",
            "purpose": "להוביל",
            "responsibilities": "א\nב",
            "organization_kinds": ["school"],
            "framework": framework.pk,
        },
    )
    assert response.status_code == 302
    assert Role.objects.get(name="רכז/ת מתמטיקה").responsibility_list == ["א", "ב"]


@pytest.mark.django_db
def test_a_manager_may_not_write_into_another_network(world):
    response = world.client(M).post(
        reverse("standards:framework_create"), {"network": str(world.away.pk), "title": "x", "creator": "y"}
    )
    assert response.status_code == 200  # the away network is not among the choices
    assert not Framework.objects.filter(title="x").exists()


API = "/api/v1/standards"


@pytest.mark.django_db
def test_api_reads(world, things, persona):
    client = world.client(persona)
    listed = {f["title"] for f in client.get(f"{API}/frameworks?limit=100").json()["items"]}
    assert ("Published home framework" in listed) == (persona in (M, MEMBER))
    assert ("Draft home framework" in listed) == (persona == M)
    status = client.get(f"{API}/frameworks/{things['published'].pk}").status_code
    assert status == (200 if persona in (M, MEMBER) else 404)
    items = client.get(f"{API}/frameworks/{things['public'].pk}/items")
    assert items.status_code == 200
    codes = [item["human_coding_scheme"] for item in items.json()]
    assert codes[:3] == ["1", "1.1", "1.1.1"]
    assert items.json()[2]["rubric"]
    roles = {r["name"] for r in client.get(f"{API}/roles?limit=100").json()["items"]}
    assert ("Home role" in roles) == (persona in (M, MEMBER))


@pytest.mark.django_db
def test_api_writes(world, things, persona):
    client = world.client(persona)
    draft, published = things["draft"], things["published"]
    create = client.post(
        f"{API}/frameworks/{draft.pk}/items",
        json.dumps({"full_statement": "מהממשק", "human_coding_scheme": "7"}),
        content_type="application/json",
    )
    frozen = client.post(
        f"{API}/frameworks/{published.pk}/items",
        json.dumps({"full_statement": "x"}),
        content_type="application/json",
    )
    role = client.post(
        f"{API}/roles", json.dumps({"network": "home", "name": "API role"}), content_type="application/json"
    )
    if persona == ANON:
        assert (create.status_code, frozen.status_code, role.status_code) == (401, 401, 401)
    elif persona == M:
        assert (create.status_code, frozen.status_code, role.status_code) == (201, 409, 201)
    elif persona == MEMBER:
        assert (create.status_code, frozen.status_code, role.status_code) == (404, 403, 403)
    else:
        assert (create.status_code, frozen.status_code, role.status_code) == (404, 404, 404)


@pytest.mark.django_db
def test_api_versions_and_export(world, things):
    client = world.client(M)
    response = client.post(f"{API}/frameworks/{things['published'].pk}/new-draft")
    assert response.status_code == 201
    new_id = response.json()["id"]
    item = client.get(f"{API}/frameworks/{new_id}/items").json()[-1]
    patched = client.patch(
        f"{API}/frameworks/{new_id}/items/{item['id']}",
        json.dumps({"full_statement": "עודכן", "parent_id": None, "position": 0}),
        content_type="application/json",
    )
    assert patched.status_code == 200
    assert client.get(f"{API}/frameworks/{new_id}/items").json()[0]["full_statement"] == "עודכן"
    assert client.post(f"{API}/frameworks/{new_id}/publish").json()["status"] == "published"
    package = client.get(f"{API}/frameworks/{new_id}/case").json()
    assert package["CFDocument"]["adoptionStatus"] == "Adopted"


@pytest.mark.django_db
def test_api_import_refuses_with_problems(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.directory.rosters import run_queued_jobs

    client = world.client(M)
    bad = client.post(
        f"{API}/frameworks/import", {"network": "home", "file": SimpleUploadedFile("x.json", b'{"CFDocument": {}}')}
    )
    assert bad.status_code == 202
    run_queued_jobs()
    job = client.get(f"/api/v1/jobs/{bad.json()['id']}").json()
    assert job["state"] == "failed" and "nothing was imported" in job["error"]
    assert any("identifier is missing" in problem for problem in job["result"]["problems"])
    # The network's other managers may follow it; a member may not.
    assert world.client(MEMBER).get(f"/api/v1/jobs/{bad.json()['id']}").status_code == 404
    refused = world.client(MEMBER).post(
        f"{API}/frameworks/import", {"network": "home", "file": SimpleUploadedFile("x.json", b"{}")}
    )
    assert refused.status_code == 403
