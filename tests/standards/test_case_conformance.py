"""What /ims/case/v1p1/ serves passes 1EdTech's official CASE 1.1 schema, and every URI we write resolves.

The schema is ../shared/data/schemas/case-v1p1-cfpackage-official.json, checked with the `jsonschema`
package and its format checker (UUIDs, dates, date-times): an independent reading of the standard,
not our own code.
"""

import functools
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from jsonschema import Draft201909Validator

from hevruta.standards.case import schema
from hevruta.standards.case.compare import differences
from hevruta.standards.case.exporter import dumps, export_package
from hevruta.standards.demo import load_standards_demo
from hevruta.standards.models import Association, Definition, Framework, Item
from hevruta.standards.services import import_framework

from .conftest import CASE_FILES, build_framework

SCHEMA_PATH = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "schemas" / "case-v1p1-cfpackage-official.json"
)
DEFINITION_OF_LIST = {
    "CFConcepts": "CFConcept",
    "CFSubjects": "CFSubject",
    "CFLicenses": "CFLicense",
    "CFItemTypes": "CFItemType",
    "CFAssociationGroupings": "CFAssociationGrouping",
}


@functools.cache
def official() -> dict[str, Any]:
    assert SCHEMA_PATH.exists(), f"the official CASE 1.1 schema should be at {SCHEMA_PATH}"
    return json.loads(SCHEMA_PATH.read_text())


@functools.cache
def validator(definition: str | None = None) -> Draft201909Validator:
    """The whole CFPackage schema, or one of its definitions (CFPckgItem, CFRubric, ...)."""
    document = official()
    if definition is not None:
        document = {"$schema": document["$schema"], "$ref": f"#/$defs/{definition}", "$defs": document["$defs"]}
    return Draft201909Validator(document, format_checker=Draft201909Validator.FORMAT_CHECKER)


def problems(data: Any, definition: str | None = None) -> list[str]:
    found = validator(definition).iter_errors(data)
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message[:200]}" for error in found][:20]


def case_get(client: Client, path: str) -> Any:
    response = client.get(path if path.startswith("/") else f"/ims/case/v1p1/{path}")
    assert response.status_code == 200, (path, response.content[:300])
    return response.json()


def test_our_property_lists_are_the_official_schemas():
    defs = official()["$defs"]
    assert set(official()["properties"]) == schema.PACKAGE_KEYS
    pairs = {
        "CFPckgDocument": schema.DOCUMENT_KEYS,
        "CFPckgItem": schema.ITEM_KEYS,
        "CFPckgAssociation": schema.ASSOCIATION_KEYS,
        "CFDefinition": schema.DEFINITIONS_KEYS,
        "CFRubric": schema.RUBRIC_KEYS,
        "CFRubricCriterion": schema.CRITERION_KEYS,
        "CFRubricCriterionLevel": schema.CRITERION_LEVEL_KEYS,
        **{name: schema.DEFINITION_KEYS[kind] for kind, name in DEFINITION_OF_LIST.items()},
    }
    for name, ours in pairs.items():
        assert ours == set(defs[name]["properties"]), name
        assert defs[name]["additionalProperties"] is False


def test_the_format_checker_is_on():
    """Without the format checker a bad UUID or date-time would pass unnoticed."""
    item = {"identifier": "not-a-uuid", "uri": "u", "fullStatement": "s", "lastChangeDateTime": "2020-01-01T00:00:00"}
    messages = " ".join(problems(item, "CFPckgItem"))
    assert "uuid" in messages and "date-time" in messages


def _every_endpoint(client: Client, package: dict[str, Any]) -> list[str]:
    """Each v1p1 endpoint's answer for the objects of `package`, checked against its definition."""
    found: list[str] = []
    document_id = package["CFDocument"]["identifier"]
    listed = case_get(client, "CFDocuments")["CFDocuments"]
    assert document_id in {document["identifier"] for document in listed}
    for document in listed:
        found += problems(document, "CFPckgDocument")
    found += problems(case_get(client, f"CFDocuments/{document_id}"), "CFPckgDocument")
    for item in package["CFItems"]:
        found += problems(case_get(client, f"CFItems/{item['identifier']}"), "CFPckgItem")
        both = case_get(client, f"CFItemAssociations/{item['identifier']}")
        found += problems(both["CFItem"], "CFPckgItem")
        for association in both["CFAssociations"]:
            found += problems(association, "CFPckgAssociation")
    for association in package["CFAssociations"]:
        found += problems(case_get(client, f"CFAssociations/{association['identifier']}"), "CFPckgAssociation")
    for kind, definition in DEFINITION_OF_LIST.items():
        for entry in package.get("CFDefinitions", {}).get(kind, []):
            found += problems(case_get(client, f"{kind}/{entry['identifier']}"), definition)
    for rubric in package.get("CFRubrics", []):
        found += problems(case_get(client, f"CFRubrics/{rubric['identifier']}"), "CFRubric")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.stem)
def test_every_imported_package_is_served_to_the_schema(path):
    """OpenSALT's sample itself fails the schema 120 times; what we serve of it does not."""
    original = json.loads(path.read_bytes())
    report = import_framework(path.read_bytes(), network=None, user=None, source=path.name, publish=True)
    client = Client()
    served = case_get(client, f"CFPackages/{original['CFDocument']['identifier']}")
    assert problems(served) == []
    assert _every_endpoint(client, served) == []
    # What the original carried beyond CASE 1.1 is in `extensions`, not lost.
    if path.stem == "opensalt-sample-framework":
        assert problems(original) != []
        extended = [item for item in served["CFItems"] if "CFItemAssociationURI" in item.get("extensions", {})]
        assert len(extended) == len(original["CFItems"])
    # Our CASE 1.1 writing is a fixed point: imported again, it exports the same.
    Framework.objects.filter(pk=report.framework.pk).delete()
    again = import_framework(dumps(served), network=None, user=None, source="again", publish=True)
    assert differences(served, export_package(again.framework)) == []


@pytest.mark.django_db
def test_the_demo_framework_and_its_endpoints_pass_the_schema(world):
    demo = load_standards_demo(world.home)
    client = world.client("member")
    package = case_get(client, f"CFPackages/{demo.framework.identifier}")
    assert problems(package) == []
    assert package["CFDocument"]["caseVersion"] == "1.1"
    assert len(package["CFRubrics"][0]["CFRubricCriteria"]) == 1 + 25
    assert _every_endpoint(client, package) == []


@pytest.mark.django_db
def test_a_5000_item_framework_passes_the_schema(world):
    from bench.case_export import build

    framework, items, associations, _texts = build(5000)
    assert items >= 5000
    package = json.loads(dumps(export_package(framework)))
    assert len(package["CFItems"]) == items and len(package["CFAssociations"]) == associations
    assert problems(package) == []


def _objects_with_uri(value: Any) -> list[dict[str, Any]]:
    """Every object of the package with an identifier and a uri (CASE objects and LinkURIs)."""
    found, stack = [], [value]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            if isinstance(current.get("uri"), str) and isinstance(current.get("identifier"), str):
                found.append(current)
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["v1p1", "v1p0"])
def test_every_uri_in_the_demos_package_resolves_to_its_object(world, version):
    demo = load_standards_demo(world.home)
    client = world.client("member")
    package = case_get(client, f"/ims/case/{version}/CFPackages/{demo.framework.identifier}")
    site = settings.SITE_URL.rstrip("/")
    objects = _objects_with_uri(package)
    ours = [obj for obj in objects if obj["uri"].startswith(site + "/ims/case/")]
    assert len(ours) == len(objects)  # the demo is ours: every URI is on this site
    assert len({obj["uri"] for obj in ours}) > 130 + 25
    seen: set[str] = set()
    for obj in ours:
        if obj["uri"] in seen:
            continue
        seen.add(obj["uri"])
        body = case_get(client, obj["uri"][len(site) :])
        answered = body["CFDocument"] if "/CFPackages/" in obj["uri"] else body
        assert answered["identifier"] == obj["identifier"], obj["uri"]
        if "fullStatement" in obj or "quality" in obj:  # a whole object, not a link: the same object
            assert differences(obj, answered) == [], obj["uri"]


@pytest.mark.django_db
def test_rubric_parts_of_another_framework_stay_hidden(world):
    """The criterion and level URIs answer only to readers who may see the framework."""
    framework = build_framework(world.home, publish=True)
    package = export_package(framework)
    criterion = package["CFRubrics"][0]["CFRubricCriteria"][1]
    level = criterion["CFRubricCriterionLevels"][0]
    for path in (f"CFRubricCriteria/{criterion['identifier']}", f"CFRubricCriterionLevels/{level['identifier']}"):
        assert Client().get(f"/ims/case/v1p1/{path}").status_code == 404
        assert world.client("outsider").get(f"/ims/case/v1p1/{path}").status_code == 404
        assert case_get(world.client("member"), path)["identifier"] in (criterion["identifier"], level["identifier"])
    assert Item.objects.filter(framework=framework).exists()
    assert Association.objects.filter(framework=framework).exists()
    assert Definition.objects.filter(framework=framework).exists()
