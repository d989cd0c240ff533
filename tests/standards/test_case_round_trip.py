"""CASE import → export keeps every item, association, identifier, URI and text; so does export → import."""

import json

import pytest

from hevruta.standards.case.compare import differences
from hevruta.standards.case.exporter import dumps, export_package
from hevruta.standards.demo import load_standards_demo
from hevruta.standards.models import Framework
from hevruta.standards.services import import_framework

from .conftest import CASE_FILES, build_framework


def test_the_shared_case_packages_are_there():
    assert len(CASE_FILES) == 7


@pytest.mark.django_db
@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.stem)
def test_import_then_export_gives_the_package_back(path):
    original = json.loads(path.read_bytes())
    report = import_framework(path.read_bytes(), network=None, user=None, source=path.name)
    assert report.items == len(original.get("CFItems", []))
    assert report.associations == len(original.get("CFAssociations", []))
    # As it came, in CASE 1.0's way of writing; in CASE 1.1's too for every package that was valid
    # CASE 1.1 (OpenSALT's sample is not: its differences are in test_case_conformance.py).
    exported = export_package(report.framework, v1p0=True)
    assert differences(original, exported) == []
    # And the bytes we serve parse to the same thing.
    assert differences(original, json.loads(dumps(exported))) == []
    if path.stem != "opensalt-sample-framework":
        assert differences(original, export_package(report.framework)) == []


def _reimport(framework: Framework) -> tuple[dict, dict]:
    first = json.loads(dumps(export_package(framework)))
    Framework.objects.filter(pk=framework.pk).delete()
    report = import_framework(dumps(first), network=None, user=None, source="our export")
    return first, export_package(report.framework)


@pytest.mark.django_db
def test_our_hebrew_three_level_framework_imports_back_unchanged(world):
    framework = build_framework(world.home, publish=True)
    first, second = _reimport(framework)
    assert differences(first, second) == []
    assert len(first["CFItems"]) == 2 + 4 + 8
    assert len(first["CFRubrics"][0]["CFRubricCriteria"]) == 1 + 8


@pytest.mark.django_db
def test_the_demo_framework_imports_back_unchanged(world):
    demo = load_standards_demo(world.home)
    first, second = _reimport(demo.framework)
    assert differences(first, second) == []
    assert any("מנחי" in item["fullStatement"] or "קהיל" in item["fullStatement"] for item in second["CFItems"])
