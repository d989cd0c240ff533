"""A newer package of a framework already imported updates it in place, says what changed, all or nothing."""

import copy
import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hevruta.standards.case import schema
from hevruta.standards.case.compare import differences
from hevruta.standards.case.exporter import dumps, export_package
from hevruta.standards.case.validate import CaseError
from hevruta.standards.models import Association, Framework, Item, PerformanceLevel
from hevruta.standards.services import import_framework
from tests.directory.rosters import run_queued_jobs

from .conftest import build_framework


def later(package: dict[str, Any], days: int = 1) -> str:
    when = schema.parse_datetime(package["CFDocument"]["lastChangeDateTime"]) + timedelta(days=days)
    return schema.format_datetime(when)


@pytest.fixture
def imported(world) -> tuple[Framework, dict[str, Any]]:
    """Our Hebrew three-level framework, as a file imported into the home network."""
    ours = build_framework(world.home, publish=True)
    package = json.loads(dumps(export_package(ours)))
    Framework.objects.filter(pk=ours.pk).delete()
    report = import_framework(dumps(package), network=world.home, user=None, source="standards.json", publish=True)
    return report.framework, package


def item_by_code(package: dict[str, Any], code: str) -> dict[str, Any]:
    return next(item for item in package["CFItems"] if item.get("humanCodingScheme") == code)


def newer_version(package: dict[str, Any]) -> dict[str, Any]:
    """The publisher's next version: one item reworded (and a rubric text of it), one dropped, one added."""
    newer = copy.deepcopy(package)
    when = later(package)
    newer["CFDocument"]["lastChangeDateTime"] = when
    reworded = item_by_code(newer, "1.1.1")
    reworded["fullStatement"] = "מיומנות 1.1.1 בניסוח חדש"
    reworded["lastChangeDateTime"] = when
    dropped = item_by_code(newer, "2.2.2")["identifier"]
    newer["CFItems"] = [item for item in newer["CFItems"] if item["identifier"] != dropped]
    newer["CFAssociations"] = [
        association
        for association in newer["CFAssociations"]
        if dropped not in (association["originNodeURI"]["identifier"], association["destinationNodeURI"]["identifier"])
    ]
    rubric = newer["CFRubrics"][0]
    rubric["CFRubricCriteria"] = [
        criterion
        for criterion in rubric["CFRubricCriteria"]
        if criterion.get("CFItemURI", {}).get("identifier") != dropped
    ]
    for criterion in rubric["CFRubricCriteria"]:
        if criterion.get("CFItemURI", {}).get("identifier") == reworded["identifier"]:
            criterion["CFRubricCriterionLevels"][0]["description"] = "טקסט רובריקה חדש"
    parent = item_by_code(newer, "1.1")
    base = parent["uri"].rsplit("/CFItems/", 1)[0]
    added = {
        "identifier": "0b7a8d4e-94a5-4c55-9a6c-3c1e2f0d9a11",
        "uri": f"{base}/CFItems/0b7a8d4e-94a5-4c55-9a6c-3c1e2f0d9a11",
        "fullStatement": "מיומנות חדשה 1.1.3",
        "humanCodingScheme": "1.1.3",
        "lastChangeDateTime": when,
    }
    newer["CFItems"].append(added)
    newer["CFAssociations"].append(
        {
            "identifier": "5d0c6a3b-1f7e-4e2a-8b9c-7a6d5e4f3b21",
            "uri": f"{base}/CFAssociations/5d0c6a3b-1f7e-4e2a-8b9c-7a6d5e4f3b21",
            "associationType": "isChildOf",
            "sequenceNumber": 3,
            "originNodeURI": {"title": "1.1.3", "identifier": added["identifier"], "uri": added["uri"]},
            "destinationNodeURI": {"title": "1.1", "identifier": parent["identifier"], "uri": parent["uri"]},
            "lastChangeDateTime": when,
        }
    )
    return newer


@pytest.mark.django_db
def test_a_newer_package_updates_the_framework_and_lists_what_changed(world, imported):
    framework, package = imported
    newer = newer_version(package)
    report = import_framework(dumps(newer), network=world.home, user=None, source="standards-2.json")
    assert report.updated and report.framework.pk == framework.pk
    # The document's own properties are the same (only its lastChangeDateTime moved): not a change.
    assert report.changes == {
        "items_added": 1,
        "items_changed": 1,
        "items_removed": 1,
        "associations_added": 1,
        "associations_removed": 1,
        "rubric_texts_changed": 1,
    }
    assert "Item changed: 1.1.1." in report.changed and "Item removed: 2.2.2." in report.changed
    assert Framework.objects.filter(identifier=package["CFDocument"]["identifier"]).count() == 1
    # The framework now is the newer package, exactly: its export gives it back.
    framework.refresh_from_db()
    assert differences(newer, export_package(framework)) == []
    assert Item.objects.get(identifier=item_by_code(newer, "1.1.1")["identifier"]).full_statement.endswith("חדש")
    # The same package again changes nothing.
    again = import_framework(dumps(newer), network=world.home, user=None, source="standards-2.json")
    assert again.updated and again.changes == {}
    assert again.notes[-1] == "The package is the same as the framework on the site; nothing changed."


@pytest.mark.django_db
def test_an_item_that_programs_use_is_retired_not_removed(world, imported):
    from hevruta.programs import services as programs
    from hevruta.programs.models import RequirementKind
    from tests.programs.conftest import make_program

    framework, package = imported
    program = make_program(world, framework=framework)
    used = Item.objects.get(framework=framework, human_coding_scheme="2.2.2")
    level = PerformanceLevel.objects.filter(framework=framework).order_by("position").first()
    programs.add_requirement(program, RequirementKind.COMPETENCY_EVIDENCE, competency=used, min_level=level)
    report = import_framework(dumps(newer_version(package)), network=world.home, user=None, source="v2")
    assert report.changes["items_retired"] == 1 and "items_removed" not in report.changes
    used.refresh_from_db()
    assert used.status_end_date == timezone.now().date()
    # A level the requirement uses cannot disappear: the whole update is refused and nothing changed.
    newer = newer_version(package)
    newer["CFDocument"]["lastChangeDateTime"] = later(package, days=2)
    criteria = newer["CFRubrics"][0]["CFRubricCriteria"]
    for criterion in criteria:
        criterion["CFRubricCriterionLevels"] = [
            entry for entry in criterion["CFRubricCriterionLevels"] if entry["quality"] != level.name
        ]
    reworded = item_by_code(newer, "1.2.1")
    reworded["fullStatement"] = "לא יישמר"
    before = export_package(Framework.objects.get(pk=framework.pk))
    with pytest.raises(CaseError, match=level.name):
        import_framework(dumps(newer), network=world.home, user=None, source="v3")
    assert differences(before, export_package(Framework.objects.get(pk=framework.pk))) == []


@pytest.mark.django_db
def test_what_is_not_an_update_is_refused(world, imported):
    framework, package = imported
    older = copy.deepcopy(package)
    older["CFDocument"]["lastChangeDateTime"] = later(package, days=-1)
    with pytest.raises(CaseError, match="older"):
        import_framework(dumps(older), network=world.home, user=None, source="old")
    with pytest.raises(CaseError, match="another network"):
        import_framework(dumps(newer_version(package)), network=world.away, user=None, source="elsewhere")
    ours = build_framework(world.home, title="Written here", publish=True)
    with pytest.raises(CaseError, match="written on this site"):
        import_framework(dumps(export_package(ours)), network=world.home, user=None, source="ours")
    # An identifier of another framework's item is still refused.
    taken = copy.deepcopy(newer_version(package))
    taken["CFItems"][-1]["identifier"] = Item.objects.filter(framework=ours).first().identifier
    with pytest.raises(CaseError, match="already used"):
        import_framework(dumps(taken), network=world.home, user=None, source="taken")
    assert Association.objects.filter(framework=framework).count() == len(package["CFAssociations"])


@pytest.mark.django_db
def test_the_api_and_the_page_answer_an_update(world, imported):
    _framework, package = imported
    newer = newer_version(package)
    client = world.client("manager")
    response = client.post(
        "/api/v1/standards/frameworks/import",
        {"network": world.home.slug, "file": _upload(newer, "v2.json")},
    )
    # A job: a worker imports the package (here at once), and the job's result says what changed.
    assert response.status_code == 202, response.content
    run_queued_jobs()
    body = client.get(f"/api/v1/jobs/{response.json()['id']}").json()
    assert body["state"] == "succeeded", body
    assert body["result"]["updated"] is True and body["result"]["changes"]["items_added"] == 1
    assert "Item added: 1.1.3." in body["result"]["changed"]
    newer["CFDocument"]["lastChangeDateTime"] = later(newer)
    item_by_code(newer, "1.2.1")["fullStatement"] = "ניסוח שלישי"
    page = client.post(
        "/standards/frameworks/import/",
        {"network": world.home.pk, "file": _upload(newer, "v3.json"), "publish": "on"},
    )
    assert page.status_code == 302
    run_queued_jobs()
    assert "Item changed: 1.2.1." in client.get(page["Location"]).content.decode()
    assert Client().post("/api/v1/standards/frameworks/import", {"network": world.home.slug}).status_code == 401


def _upload(package: dict[str, Any], name: str):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, dumps(package), content_type="application/json")
