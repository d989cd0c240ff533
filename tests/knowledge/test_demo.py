"""The knowledge demo runs on an empty database, in all three languages, and only once."""

import pytest
from django.urls import reverse

from hevruta.knowledge.demo import load_knowledge_demo
from hevruta.knowledge.models import Resource, Status, UseReport

pytestmark = pytest.mark.django_db


def test_demo_standalone_and_idempotent(client):
    summary = load_knowledge_demo()
    assert summary.resources >= 30 and summary.use_reports == UseReport.objects.count() > 40
    assert set(Resource.objects.values_list("language", flat=True)) == {"he", "ar", "en"}
    statuses = set(Resource.objects.values_list("status", flat=True))
    assert {Status.PUBLISHED, Status.IN_REVIEW, Status.SUBMITTED, Status.RETURNED, Status.DRAFT} <= statuses
    for slug in ("mathematics", "physics", "chemistry", "biology", "science"):
        assert Resource.objects.filter(subjects__slug=slug, status=Status.PUBLISHED).exists(), slug
    assert Resource.objects.filter(title__icontains="mid-project insights", network__slug="promentors").exists()
    assert load_knowledge_demo().resources == 0
    # Anyone finds the public networks' resources, in Hebrew with a prefix.
    html = client.get(reverse("knowledge:list"), {"q": "והשברים"}).content.decode()
    assert "השוואת <mark>שברים</mark>" in html
