"""Applying to a cohort where the program takes applications: the managers (coordinator, network
manager) answer; the other staff, members, outsiders and visitors cannot; refusals change nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hevruta.directory.models import Decision
from hevruta.programs import services
from hevruta.programs.models import CohortApplication, Enrollment, EnrollmentStatus

pytestmark = pytest.mark.django_db


def _state() -> tuple:
    return (
        sorted(Enrollment.objects.values_list("cohort_id", "person_id", "status")),
        sorted(CohortApplication.objects.values_list("cohort_id", "person_id", "status")),
    )


@pytest.fixture
def open_cast(cast):  # type: ignore[no-untyped-def]
    services.update_program(cast.program, accepts_applications=True)
    return cast


def test_a_member_applies_and_the_coordinator_accepts(open_cast):
    cast = open_cast
    member = cast.client("member")
    page = member.get(reverse("programs:cohort", args=[cast.cohort.pk])).content.decode()
    assert "Apply to this cohort" in page
    response = member.post(reverse("programs:apply", args=[cast.cohort.pk]), {"message": "I lead a community"})
    assert response.status_code == 302
    application = CohortApplication.objects.get(cohort=cast.cohort, person=cast.world.member)
    assert application.status == Decision.PENDING and application.message == "I lead a community"
    page = member.get(reverse("programs:cohort", args=[cast.cohort.pk])).content.decode()
    assert "Withdraw the application" in page and "Apply to this cohort" not in page

    coordinator = cast.client("coordinator")
    page = coordinator.get(reverse("programs:cohort", args=[cast.cohort.pk])).content.decode()
    assert "Mira Member" in page and "I lead a community" in page
    coordinator.post(reverse("programs:answer_application", args=[application.pk]), {"answer": "accept"})
    application.refresh_from_db()
    assert application.status == Decision.ACCEPTED and application.decided_by == cast.coordinator.user
    assert Enrollment.objects.get(cohort=cast.cohort, person=cast.world.member).status == EnrollmentStatus.ACTIVE


@pytest.mark.parametrize(("who", "status"), [("reviewer", 403), ("member", 403), ("outsider", 404), ("anonymous", 302)])
def test_only_the_managers_answer(open_cast, who, status):
    application = services.apply_to_cohort(open_cast.cohort, open_cast.world.member)
    before = _state()
    response = open_cast.client(who).post(
        reverse("programs:answer_application", args=[application.pk]), {"answer": "accept"}
    )
    assert response.status_code == status
    assert _state() == before


def test_the_network_manager_declines(open_cast):
    application = services.apply_to_cohort(open_cast.cohort, open_cast.world.member)
    open_cast.client("manager").post(reverse("programs:answer_application", args=[application.pk]), {"answer": "no"})
    application.refresh_from_db()
    assert application.status == Decision.DECLINED
    assert not Enrollment.objects.filter(cohort=open_cast.cohort, person=open_cast.world.member).exists()


def test_refusals_change_nothing(cast):
    member = cast.client("member")
    # The program takes no applications: no button, and a post is refused.
    assert "Apply to this cohort" not in member.get(reverse("programs:cohort", args=[cast.cohort.pk])).content.decode()
    before = _state()
    response = member.post(reverse("programs:apply", args=[cast.cohort.pk]), follow=True)
    assert "takes no applications" in response.content.decode()
    assert _state() == before
    services.update_program(cast.program, accepts_applications=True)
    # A participant already in the cohort, a second application, an ended cohort.
    response = cast.client("participant").post(reverse("programs:apply", args=[cast.cohort.pk]), follow=True)
    assert "already a participant" in response.content.decode()
    services.apply_to_cohort(cast.cohort, cast.world.member)
    before = _state()
    response = member.post(reverse("programs:apply", args=[cast.cohort.pk]), follow=True)
    assert "already applied" in response.content.decode()
    today = timezone.localdate()
    ended = services.create_cohort(cast.program, "Old cohort", today - timedelta(days=400), today - timedelta(days=30))
    response = member.post(reverse("programs:apply", args=[ended.pk]), follow=True)
    assert "has ended" in response.content.decode()
    assert _state() == before
    # The outsider does not see the members-only network's program at all.
    assert cast.client("outsider").post(reverse("programs:apply", args=[cast.cohort.pk])).status_code == 404
    assert _state() == before


def test_withdrawing_is_the_applicant_s_alone(open_cast):
    application = services.apply_to_cohort(open_cast.cohort, open_cast.world.member)
    assert (
        open_cast.client("coordinator")
        .post(reverse("programs:withdraw_application", args=[application.pk]))
        .status_code
        == 404
    )
    open_cast.client("member").post(reverse("programs:withdraw_application", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Decision.WITHDRAWN


def test_api_apply_list_and_answer(open_cast):
    cohort = open_cast.cohort
    member = open_cast.client("member")
    url = f"/api/v1/programs/cohorts/{cohort.pk}/applications"
    response = member.post(url, {"message": "please"}, content_type="application/json")
    assert response.status_code == 201 and response.json()["status"] == "pending"
    application_id = response.json()["id"]
    assert member.post(url, {}, content_type="application/json").status_code == 409
    assert member.get(url).status_code == 403
    assert open_cast.client("outsider").get(url).status_code == 404
    assert open_cast.client("anonymous").get(url).status_code == 401
    assert [item["id"] for item in open_cast.client("coordinator").get(url).json()] == [application_id]
    assert (
        open_cast.client("reviewer").post(f"/api/v1/programs/applications/{application_id}/accept").status_code == 403
    )
    response = open_cast.client("coordinator").post(f"/api/v1/programs/applications/{application_id}/accept")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert Enrollment.objects.filter(cohort=cohort, person=open_cast.world.member).exists()
    assert (
        open_cast.client("coordinator").post(f"/api/v1/programs/applications/{application_id}/decline").status_code
        == 409
    )


def test_managers_hear_of_applications_and_applicants_of_answers(open_cast, django_capture_on_commit_callbacks):
    from hevruta.notifications.models import Notice

    with django_capture_on_commit_callbacks(execute=True):
        application = services.apply_to_cohort(open_cast.cohort, open_cast.world.member)
    told = set(Notice.objects.filter(kind="programs.application_received").values_list("recipient_id", flat=True))
    # The coordinator and the network's manager; not the reviewer or supervisor.
    assert told == {open_cast.coordinator.user.pk, open_cast.world.manager.user.pk}
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_application(application, open_cast.coordinator.user, accept=True)
    answer = Notice.objects.get(kind="programs.application_answered")
    assert answer.recipient == open_cast.world.member.user and answer.context["accepted"] is True
