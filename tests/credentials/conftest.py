"""Credentials tests: the pinned contexts the package ships, an issuer in the "home" network.

The contexts are read from a fresh copy of the vendored folder per test, so a test may change or
remove a file; the loader never downloads, so a missing context is an error, not a fetch.
"""

import json
import os
import shutil
from functools import cache
from pathlib import Path

import pytest
from django.utils import translation
from jsonschema import Draft201909Validator

from hevruta.credentials import services
from hevruta.credentials.contexts import VENDORED_DIR
from hevruta.credentials.models import AchievementType, IssuedCredential
from hevruta.credentials.openbadges import AchievementSpec, Alignment
from hevruta.directory.models import NetworkOrganization, OrganizationKind
from tests.factories import OrganizationFactory

ROOT = Path(__file__).resolve().parents[2]
SHARED_CONTEXTS = ROOT.parent / "shared" / "data" / "jsonld"
OFFICIAL_SCHEMAS = ROOT.parent / "shared" / "data" / "schemas"
CREDENTIAL_SCHEMA = "ob_v3p0_achievementcredential_schema.json"
PROFILE_SCHEMA = "ob_v3p0_profile_schema.json"


def require(condition: bool, reason: str) -> None:
    """Skip with a reason when something outside the project is missing; on CI, fail instead."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def pinned_contexts(tmp_path, settings) -> Path:  # type: ignore[no-untyped-def]
    cache = tmp_path / "jsonld-cache"
    shutil.copytree(VENDORED_DIR, cache)
    settings.CREDENTIALS_CONTEXT_DIR = cache
    settings.SITE_URL = "http://127.0.0.1:8000"
    return cache


@cache
def official_validator(name: str) -> Draft201909Validator:
    """1EdTech's official JSON schema (draft 2019-09) with its format checker, which checks date-time only
    when rfc3339-validator is installed: without it a wrong date would pass unnoticed, so that is checked."""
    path = OFFICIAL_SCHEMAS / name
    require(path.is_file(), f"the official schema is missing: {path}")
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft201909Validator.check_schema(schema)
    format_checker = Draft201909Validator.FORMAT_CHECKER
    assert "date-time" in format_checker.checkers, "install rfc3339-validator: date-time formats go unchecked"
    return Draft201909Validator(schema, format_checker=format_checker)


def schema_errors(document: dict, name: str = CREDENTIAL_SCHEMA) -> list[str]:
    errors = official_validator(name).iter_errors(document)
    return [f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}" for error in errors]


@pytest.fixture(autouse=True)
def every_issued_credential_meets_the_official_schema(request):  # type: ignore[no-untyped-def]
    """After each test with a database, every credential it issued is checked against Open Badges 3.0's
    official schema (this fixture is torn down before the database is rolled back)."""
    yield
    if request.node.get_closest_marker("django_db") is None or not (OFFICIAL_SCHEMAS / CREDENTIAL_SCHEMA).is_file():
        return  # without the schemas, test_official_schemas.py says why it skips
    for text in IssuedCredential.objects.values_list("signed_credential", flat=True):
        assert schema_errors(json.loads(text)) == []


@pytest.fixture(autouse=True)
def _english(settings):  # type: ignore[no-untyped-def]
    # Tests read the interface's words in English, so Hebrew and Arabic translations added later keep them true.
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def issuer(world):  # type: ignore[no-untyped-def]
    """An issuing organization that is a member organization of "home", which the manager persona manages."""
    organization = OrganizationFactory(
        name="המכון להוראה מתקדמת",
        name_en="Institute for Advanced Teaching",
        name_ar="معهد التدريس المتقدم",
        kind=OrganizationKind.RESEARCH_INSTITUTE,
    )
    NetworkOrganization.objects.create(network=world.home, organization=organization)
    return organization


@pytest.fixture
def other_issuer(world):  # type: ignore[no-untyped-def]
    """An organization of the "away" network only: the home manager has no say over it."""
    organization = OrganizationFactory(name="מכללה אחרת", kind=OrganizationKind.COLLEGE)
    NetworkOrganization.objects.create(network=world.away, organization=organization)
    return organization


@pytest.fixture
def achievement() -> AchievementSpec:
    return AchievementSpec(
        name="מנחת קהילה מקצועית מוסמכת",
        description="הסמכה להנחיית קהילה מקצועית של מורי מתמטיקה, לפי הגדרת התפקיד והסטנדרטים.",
        criteria="השלמת תוכנית ההכשרה, הנחיית שישה מפגשי קהילה ותיק עבודות שנבדק מול המיומנויות.",
        achievement_type=AchievementType.CERTIFICATION,
        alignments=(
            Alignment(
                target_name="הובלת למידה עמיתים",
                target_url="http://127.0.0.1:8000/standards/competencies/12/",
                target_code="CF-2.1",
                target_framework="סטנדרטים למנחי קהילות",
            ),
            Alignment(target_name="Facilitating a community", target_url="https://example.org/competencies/cf-3"),
        ),
        language="he",
    )


@pytest.fixture
def issued(issuer, world, achievement):  # type: ignore[no-untyped-def]
    """A credential issued to the member persona."""
    return services.issue_credential(issuer, world.member, achievement)


def change_one_character(text: str, fragment: str, offset: int = 0) -> str:
    """`text` with one character of the first `fragment` in it replaced by another character of its kind."""
    start = text.index(fragment) + offset
    old = text[start]
    if old.isdigit():
        new = "1" if old != "1" else "0"
    elif "\u0590" <= old <= "\u05ff":
        new = "ב" if old != "ב" else "כ"
    else:
        new = "X" if old != "X" else "Y"
    return text[:start] + new + text[start + 1 :]


def as_json(credential) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(credential.signed_credential)
