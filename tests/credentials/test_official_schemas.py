"""Open Badges 3.0 conformance, checked by 1EdTech's official JSON schemas (../shared/data/schemas/):
the credentials we issue (the tests' and the demo's) against the AchievementCredential schema, and the
issuer Profile the site serves against the Profile schema. conftest.py also checks every credential any
test of this folder issued, after the test."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hevruta.credentials import services
from hevruta.credentials.dataintegrity import canonize
from hevruta.credentials.keys import did_for
from hevruta.credentials.models import AchievementType, IssuedCredential
from hevruta.credentials.openbadges import AchievementSpec
from hevruta.programs import demo as programs_demo

from .conftest import PROFILE_SCHEMA, as_json, schema_errors

pytestmark = pytest.mark.django_db


def test_an_issued_credential_meets_the_official_schema(issued):
    document = as_json(issued)
    assert schema_errors(document) == []
    assert isinstance(document["proof"], list)


def test_the_schema_check_can_fail(issued):
    # The check is real: what the schema forbids is caught, formats included.
    document = as_json(issued)
    document["proof"] = document["proof"][0]  # how we issued before: the official schema wants a list
    assert any(error.startswith("proof:") for error in schema_errors(document))
    document = as_json(issued)
    document["validFrom"] = "yesterday"
    assert any("validFrom" in error and "date-time" in error for error in schema_errors(document))
    document = as_json(issued)
    document["credentialSubject"]["achievement"]["image"] = {"id": "x"}
    assert schema_errors(document)


def test_every_kind_in_every_language_with_an_end_date_meets_the_official_schema(issuer, world):
    for number, (kind, language) in enumerate(zip(AchievementType.values, ["he", "ar", "en", "he"], strict=True)):
        spec = AchievementSpec(
            name=f"הישג {number} إنجاز achievement",
            description="תיאור",
            criteria="קריטריונים",
            achievement_type=kind,
            language=language,
            valid_until=timezone.now() + timedelta(days=365),
        )
        document = as_json(services.issue_credential(issuer, world.member, spec))
        assert schema_errors(document) == []
        assert document["validUntil"].endswith("Z")


def test_a_batch_meets_the_official_schema(issuer, world, achievement):
    awards = [services.Award(person, achievement) for person in (world.member, world.manager, world.outsider)]
    for credential in services.issue_batch(issuer, awards):
        assert schema_errors(as_json(credential)) == []


def test_the_demos_credentials_meet_the_official_schema():
    summary = programs_demo.load_programs_demo()
    assert summary.credentials > 0
    texts = list(IssuedCredential.objects.values_list("signed_credential", flat=True))
    assert len(texts) == summary.credentials
    for text in texts:
        assert schema_errors(json.loads(text)) == []


def test_the_issuer_profile_meets_the_official_profile_schema(client, issuer, issued):
    response = client.get(reverse("credentials:issuer_profile", args=[issuer.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    profile = response.json()
    assert schema_errors(profile, PROFILE_SCHEMA) == []
    # The same identity its credentials name, and every term defined by the contexts (nothing dropped).
    assert profile["id"] == did_for(issuer.pk) == as_json(issued)["issuer"]["id"]
    assert profile["name"] == issuer.name
    assert canonize(profile)
    issuer.description = "מכון מחקר והכשרה למורים"
    issuer.save()
    profile = client.get(reverse("credentials:issuer_profile", args=[issuer.pk])).json()
    assert profile["description"] == "מכון מחקר והכשרה למורים"
    assert schema_errors(profile, PROFILE_SCHEMA) == []


def test_the_profile_schema_check_can_fail(client, issuer):
    profile = client.get(reverse("credentials:issuer_profile", args=[issuer.pk])).json()
    profile["type"] = ["Organization"]
    assert schema_errors(profile, PROFILE_SCHEMA)


def test_an_unknown_issuer_has_no_profile(client):
    assert client.get(reverse("credentials:issuer_profile", args=[999999])).status_code == 404
