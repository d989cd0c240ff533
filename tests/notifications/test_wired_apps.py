"""The apps that send notices: a followed resource's new version, a review of one's resource, a
review of one's evidence, a credential issued. Nobody hears of what they may not see."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from hevruta.accounts.models import User
from hevruta.credentials import services as credentials
from hevruta.knowledge.models import Follow
from hevruta.knowledge.services import set_follow
from hevruta.notifications.models import Notice
from hevruta.programs import services as programs
from hevruta.programs.models import ReviewDecision
from tests.credentials.conftest import achievement, issuer, pinned_contexts  # noqa: F401
from tests.knowledge.conftest import edit, published, review, write
from tests.programs.conftest import cast  # noqa: F401

pytestmark = pytest.mark.django_db


def _notices(user: User) -> list[Notice]:
    return list(Notice.objects.filter(recipient=user))


def test_followers_who_may_read_a_resource_hear_of_its_new_version(world, django_capture_on_commit_callbacks):
    resource = published(world.member, world.home, world.manager, title="Fractions")
    for person in (world.member, world.network_person, world.outsider):
        Follow.objects.create(person=person, resource=resource, seen_version=1)
    # network_person has no account; the outsider follows a members-only network's resource it cannot read.
    set_follow(world.manager, resource, True)
    with django_capture_on_commit_callbacks(execute=True):
        edit(resource, world.member, title="Fractions, second edition")
    (notice,) = Notice.objects.filter(kind="knowledge.new_version")
    assert notice.recipient == world.user("manager")  # not the member, who made the change
    assert notice.url == reverse("knowledge:detail", args=[resource.pk])
    assert notice.text == "“Fractions, second edition”, which you follow, has a new version (2)"
    assert not _notices(world.user("outsider"))
    # The default for new versions is the daily digest: no email at once.
    assert not [message for message in mail.outbox if message.to == [world.user("manager").email]]


def test_a_public_networks_resource_tells_every_follower(world):
    resource = published(world.outsider, world.away, world.outsider, title="Open")
    Follow.objects.create(person=world.member, resource=resource, seen_version=1)
    edit(resource, world.outsider, title="Open, again")
    assert [notice.kind for notice in _notices(world.user("member"))] == ["knowledge.new_version"]


def test_the_authors_hear_of_the_review_of_their_resource(world, django_capture_on_commit_callbacks):
    from hevruta.knowledge import services

    draft = write(world.member, world.home, title="Draft")
    services.submit_resource(draft)
    with django_capture_on_commit_callbacks(execute=True):
        review(draft, world.manager, decision="return", comments="Add an example.")
    (notice,) = _notices(world.user("member"))
    assert notice.kind == "knowledge.resource_reviewed"
    assert notice.text == "“Draft” was returned to you with comments"
    assert not _notices(world.user("manager"))  # the reviewer
    assert [message.to for message in mail.outbox] == [[world.user("member").email]]  # at once, by default


def test_the_participant_hears_of_the_review_of_their_evidence_in_their_language(cast):  # noqa: F811
    participant = cast.participant.user
    User.objects.filter(pk=participant.pk).update(language="ar")
    cast.program.name_ar = "برنامج المعلمين القادة"
    cast.program.save()
    evidence = programs.submit_evidence(cast.enrollment, cast.competencies[0], text="What I did", language="en")
    programs.review_evidence(evidence, cast.reviewer, ReviewDecision.RETURN, comments="More, please.")
    (notice,) = _notices(participant)
    assert notice.kind == "programs.evidence_reviewed"
    assert notice.url == reverse("programs:evidence", args=[evidence.pk])
    assert "returned" in notice.text
    with translation.override("ar"):
        assert "برنامج المعلمين القادة" in notice.text
    assert not _notices(cast.reviewer.user)
    assert Notice.objects.count() == 1  # nobody else: not the coordinator, not the network's manager


def test_the_recipient_hears_of_a_credential_issued_to_them(world, pinned_contexts, issuer, achievement):  # noqa: F811
    credential = credentials.issue_credential(issuer, world.member, achievement, issued_by=world.user("manager"))
    credentials.issue_credential(issuer, world.network_person, achievement)  # no account: no notice
    (notice,) = Notice.objects.all()
    assert notice.recipient == world.user("member")
    assert notice.url == reverse("credentials:credential", args=[credential.pk])
    assert notice.text == f"You received the credential “{achievement.name}” from Institute for Advanced Teaching"
    with translation.override("ar"):
        assert "معهد التدريس المتقدم" in notice.text
    assert world.client("member").get(notice.url).status_code == 200
