"""Fixtures of the knowledge tests: uploads in a temporary folder, commit hooks run at once, and a
helper that writes resources through the services, as the pages and the API do."""

import io
from datetime import date

import pytest
from django.db import transaction
from django.utils import translation

from hevruta.directory.models import GradeBand, Subject
from hevruta.knowledge import services
from hevruta.knowledge.models import Resource, Status

from ..factories import PersonFactory, UserFactory, member


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english(settings):  # type: ignore[no-untyped-def]
    # The tests read the interface's English words; the site's default language is Hebrew.
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _commit_hooks_run_at_once(monkeypatch):  # type: ignore[no-untyped-def]
    # Each test runs inside a transaction that never commits, so on_commit hooks (text extraction,
    # indexing) would never run; here they run at once, on the same connection.
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def subject(slug: str = "mathematics") -> Subject:
    return Subject.objects.get(slug=slug)


def grade_band(slug: str = "junior-high") -> GradeBand:
    return GradeBand.objects.get(slug=slug)


def write(author, network, *, title="משימת אבחון בשברים", body="תלמידי כיתה ז׳ משווים שברים.", uploads=(), **extra):  # type: ignore[no-untyped-def]
    data = services.ResourceInput(
        network=network,
        kind=extra.pop("kind", "diagnostic_task"),
        title=title,
        body=body,
        subjects=extra.pop("subjects", [subject()]),
        grade_bands=extra.pop("grade_bands", [grade_band()]),
        **extra,
    )
    return services.create_resource(author, data, uploads)


def review(resource, curator, decision="publish", comments=""):  # type: ignore[no-untyped-def]
    return services.review_resource(
        resource,
        curator,
        services.ReviewInput(
            decision=decision, accuracy=3, classroom_readiness=3, clarity=4, alignment=3, comments=comments
        ),
    )


def publish(resource, curator):  # type: ignore[no-untyped-def]
    services.submit_resource(resource)
    review(resource, curator)
    return Resource.objects.get(pk=resource.pk)


def published(author, network, curator, **fields):  # type: ignore[no-untyped-def]
    return publish(write(author, network, **fields), curator)


def edit(resource, person, **changes):  # type: ignore[no-untyped-def]
    """Change some fields through the service, as the edit form does: a published resource gets a version."""
    data = services.versions.current_input(resource)
    for name, value in changes.items():
        setattr(data, name, value)
    return services.update_resource(resource, person, data, note=changes.get("title", "edit"))


def use(resource, reporter, *, students=25, rating=4, is_public=False, **fields):  # type: ignore[no-untyped-def]
    data = services.UseInput(
        used_on=fields.pop("used_on", date(2025, 1, 15)),
        students=students,
        rating=rating,
        is_public=is_public,
        **fields,
    )
    return services.report_use(resource, reporter, data)


def teacher(network, locality=None, **fields):  # type: ignore[no-untyped-def]
    user = UserFactory()
    person = PersonFactory(user=user, email=user.email, locality=locality, **fields)
    member(network, person)
    return person


def upload(name: str, content: bytes) -> services.Upload:
    return services.Upload(name=name, handle=io.BytesIO(content), size=len(content))


__all__ = ["Status"]
