"""Submit, return with comments (nothing lost), answer, resubmit, publish; versions, diff and restore."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hevruta.knowledge import services
from hevruta.knowledge.models import Curator, Resource, Status

from .conftest import edit, publish, review, subject, teacher, write

pytestmark = pytest.mark.django_db

FORM = {
    "network": "",
    "kind": "diagnostic_task",
    "title": "שברים על ציר המספרים",
    "language": "he",
    "body": "## מטרה\nהתלמידים ממקמים שברים על ציר.",
    "licence": "cc-by-sa",
    "role_tags": ["subject_coordinator", "mentor"],
    "keywords": "שברים",
    "links": "https://example.org/fractions דף עבודה",
}


def test_the_whole_way_through_the_pages(world):
    author, curator = world.client("member"), world.client("manager")
    response = author.post(reverse("knowledge:create"), {**FORM, "network": world.home.pk})
    resource = Resource.objects.get(title=FORM["title"])
    assert response.status_code == 302 and resource.status == Status.DRAFT
    assert author.post(reverse("knowledge:submit", args=[resource.pk])).status_code == 302
    assert curator.get(reverse("knowledge:queue")).content.decode().count(FORM["title"]) == 1

    comments = "חסרה דוגמה לשבר גדול מ-1."
    rubric = {"accuracy": 3, "classroom_readiness": 2, "clarity": 3, "alignment": 4}
    curator.post(
        reverse("knowledge:review", args=[resource.pk]), {**rubric, "decision": "return", "comments": comments}
    )
    resource.refresh_from_db()
    assert resource.status == Status.RETURNED
    # Nothing the author wrote is lost: the edit form holds all of it.
    edit = author.get(reverse("knowledge:edit", args=[resource.pk])).content.decode()
    assert "ממקמים שברים על ציר" in edit and "example.org/fractions" in edit
    assert all(re.search(rf'value="{role}"[^>]*checked', edit) for role in FORM["role_tags"])
    page = author.get(reverse("knowledge:detail", args=[resource.pk])).content.decode()
    assert comments in page

    review_id = resource.reviews.get().pk
    author.post(reverse("knowledge:reply", args=[resource.pk, review_id]), {"text": "הוספתי דוגמה."})
    fixed = {**FORM, "body": FORM["body"] + "\n\nדוגמה: 5/4."}
    author.post(reverse("knowledge:edit", args=[resource.pk]), fixed)
    author.post(reverse("knowledge:submit", args=[resource.pk]))
    resource.refresh_from_db()
    assert resource.status == Status.SUBMITTED
    assert "הוספתי דוגמה." in curator.get(reverse("knowledge:review", args=[resource.pk])).content.decode()

    curator.post(reverse("knowledge:review", args=[resource.pk]), {**rubric, "decision": "publish", "comments": ""})
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED and resource.version == 1
    assert resource.versions.get().body.endswith("5/4.")


def test_returning_needs_comments_and_keeps_nothing_half_done(world):
    resource = write(world.member, world.home)
    services.submit_resource(resource)
    with pytest.raises(ValidationError):
        review(resource, world.manager, decision="return", comments="  ")
    resource.refresh_from_db()
    assert resource.status == Status.SUBMITTED and not resource.reviews.exists()


def test_a_curator_does_not_review_their_own_resource(world):
    resource = services.submit_resource(write(world.manager, world.home))
    assert not world.manager.user.has_perm("knowledge.review_resource", resource)
    assert world.manager.user.has_perm("knowledge.change_resource", resource)


def test_appointed_curator_reviews(world):
    client = world.client("manager")
    client.post(reverse("knowledge:curators", args=["home"]), {"email": world.network_person.email})
    assert Curator.objects.filter(network=world.home, person=world.network_person).exists()
    resource = services.submit_resource(write(world.member, world.home))
    reviewer = teacher(world.home)
    Curator.objects.create(network=world.home, person=reviewer)
    assert reviewer.user.has_perm("knowledge.review_resource", resource)
    assert not world.outsider.user.has_perm("knowledge.review_resource", resource)


def test_in_review_the_author_waits(world):
    resource = write(world.member, world.home)
    services.submit_resource(resource)
    services.start_review(resource)
    resource.refresh_from_db()
    assert not world.member.user.has_perm("knowledge.change_resource", resource)
    assert world.manager.user.has_perm("knowledge.change_resource", resource)


def test_versions_diff_and_restore(world):
    resource = publish(write(world.member, world.home, title="Fractions v1", body="line one\nline two"), world.manager)
    edit(resource, world.member, title="Fractions v2", body="line one\nline 2", subjects=[subject("physics")])
    edit(resource, world.manager, title="Fractions v3", body="line one")
    resource.refresh_from_db()
    assert resource.version == 3 and list(resource.versions.values_list("number", flat=True)) == [3, 2, 1]

    client = world.client("member")
    history = client.get(reverse("knowledge:history", args=[resource.pk])).content.decode()
    assert "Mira Member" in history and "Maya Manager" in history
    diff = client.get(reverse("knowledge:version", args=[resource.pk, 2])).content.decode()
    assert '<del class="d-block bg-danger-subtle" dir="auto">line two</del>' in diff
    assert '<ins class="d-block bg-success-subtle" dir="auto">line 2</ins>' in diff
    assert "subjects" in diff  # metadata that changed is named

    client.post(reverse("knowledge:restore", args=[resource.pk, 1]))
    resource.refresh_from_db()
    assert (resource.version, resource.title, resource.body) == (4, "Fractions v1", "line one\nline two")
    assert list(resource.subjects.values_list("slug", flat=True)) == ["mathematics"]
    assert resource.versions.get(number=4).restored_from == 1


def test_saving_unchanged_content_makes_no_version(world):
    resource = publish(write(world.member, world.home), world.manager)
    edit(resource, world.member)
    assert resource.versions.count() == 1


def test_outsiders_cannot_restore(world):
    resource = publish(write(world.member, world.home), world.manager)
    edit(resource, world.member, title="Second")
    response = world.client("outsider").post(reverse("knowledge:restore", args=[resource.pk, 1]))
    assert response.status_code == 404
    resource.refresh_from_db()
    assert resource.title == "Second"
