"""Accreditation decisions: approval only when every requirement is met, deferral only with a reason, who
decided and when kept; an approval grants the program's roles, shown on the person's profile."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from hevruta.mentoring.services import record_supervision
from hevruta.programs import queries, services
from hevruta.programs.models import (
    AccreditationDecision,
    DecisionKind,
    EnrollmentStatus,
    ReviewDecision,
    RoleAccreditation,
)


def meet_every_requirement(cast, enrollment=None, person=None) -> None:  # type: ignore[no-untyped-def]
    enrollment = enrollment or cast.enrollment
    person = person or cast.participant
    for session in cast.sessions[:3]:
        services.record_attendance(session, {person.pk: True})
    record_supervision(cast.supervisor, person, program=cast.program, date=cast.cohort.start_date, hours=4)
    for competency in cast.competencies[:2]:
        evidence = services.submit_evidence(enrollment, competency, text=f"Evidence of {competency}")
        services.review_evidence(evidence, cast.reviewer, ReviewDecision.ACCEPT, level=cast.levels[1])


@pytest.mark.django_db
def test_approval_is_refused_while_a_requirement_is_unmet(cast):
    for session in cast.sessions[:3]:
        services.record_attendance(session, {cast.participant.pk: True})
    with pytest.raises(ValidationError) as refused:
        services.decide(cast.enrollment, DecisionKind.APPROVE, by=cast.coordinator.user)
    message = refused.value.messages[0]
    assert message.startswith("Approval is possible only when every requirement is met. Not met yet:")
    assert "hours of supervised practice" in message and "Evidence of" in message
    assert "Attendance" not in message  # that one is met
    assert not AccreditationDecision.objects.exists() and not RoleAccreditation.objects.exists()
    cast.enrollment.refresh_from_db()
    assert cast.enrollment.status == EnrollmentStatus.ACTIVE


@pytest.mark.django_db
def test_deferring_needs_a_reason(cast):
    with pytest.raises(ValidationError, match="Say why"):
        services.decide(cast.enrollment, DecisionKind.DEFER, reason="   ", by=cast.coordinator.user)
    decision = services.decide(
        cast.enrollment, DecisionKind.DEFER, reason="Come back in June.", by=cast.coordinator.user
    )
    assert (decision.decision, decision.reason, decision.decided_by, decision.decided_by_name) == (
        DecisionKind.DEFER,
        "Come back in June.",
        cast.coordinator.user,
        "Carmel Coordinator",
    )
    assert decision.decided_at is not None
    assert [row["met"] for row in decision.progress] == [False, False, False, False]


@pytest.mark.django_db
def test_approval_records_who_and_when_and_grants_the_roles(cast):
    meet_every_requirement(cast)
    services.decide(cast.enrollment, DecisionKind.DEFER, reason="One more observation first.", by=cast.coordinator.user)
    decision = services.decide(cast.enrollment, DecisionKind.APPROVE, by=cast.world.manager.user)
    assert (decision.decided_by, decision.decided_by_name) == (cast.world.manager.user, "Maya Manager")
    assert all(row["met"] for row in decision.progress)
    granted = list(RoleAccreditation.objects.filter(person=cast.participant))
    assert [a.role for a in granted] == list(cast.program.roles.all())
    assert granted[0].decision == decision and granted[0].granted_at == decision.decided_at
    cast.enrollment.refresh_from_db()
    assert cast.enrollment.status == EnrollmentStatus.COMPLETED
    with pytest.raises(ValidationError, match="already approved"):
        services.decide(cast.enrollment, DecisionKind.APPROVE, by=cast.coordinator.user)
    assert [d.decision for d in queries.decisions_of(cast.enrollment)] == ["approve", "defer"]


@pytest.mark.django_db
def test_a_withdrawn_participant_is_not_decided_on(cast):
    services.set_enrollment_status(cast.enrollment, EnrollmentStatus.WITHDRAWN)
    with pytest.raises(ValidationError, match="withdrew"):
        services.decide(cast.enrollment, DecisionKind.DEFER, reason="Why not", by=cast.coordinator.user)


@pytest.mark.django_db
def test_the_decision_page_approves_and_refuses_with_the_message(cast):
    client = cast.client("coordinator")
    url = reverse("programs:decision", args=[cast.enrollment.pk])
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == 200
    assert "Approval is possible only when every requirement is met." in response.content.decode()
    response = client.post(url, {"decision": "defer", "reason": ""})
    assert "Say why the decision is deferred" in response.content.decode()
    meet_every_requirement(cast)
    assert client.post(url, {"decision": "approve"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Carmel Coordinator" in page and "Issue the accreditation credential" in page
    # The participant sees the outcome on their programs page.
    mine = cast.client("participant").get(reverse("programs:mine")).content.decode()
    assert "Your accreditation was approved." in mine


PROFILE_SNIPPET = Template("{% load programs_tags %}{% person_accreditations person %}")


def render_profile(user, person) -> str:  # type: ignore[no-untyped-def]
    request = RequestFactory().get("/")
    request.user = user
    return PROFILE_SNIPPET.render(Context({"request": request, "person": person}))


@pytest.mark.django_db
def test_accreditations_show_on_the_profile_to_those_who_may_see_the_program(cast):
    from django.contrib.auth.models import AnonymousUser

    meet_every_requirement(cast)
    services.decide(cast.enrollment, DecisionKind.APPROVE, by=cast.coordinator.user)
    role = cast.program.roles.get()
    assert [a.role for a in queries.accreditations_of(cast.participant.user, cast.participant)] == [role]
    assert [a.role for a in queries.accreditations_of(cast.world.member.user, cast.participant)] == [role]
    # The program (and its role) is of the members-only network "home": outsiders are not told of it.
    assert queries.accreditations_of(cast.world.outsider.user, cast.participant) == []
    assert queries.accreditations_of(AnonymousUser(), cast.participant) == []
    html = render_profile(cast.world.member.user, cast.participant)
    assert role.name in html and cast.program.name in html
    assert render_profile(cast.world.outsider.user, cast.participant).strip() == ""
    response = cast.client("member").get(f"/api/v1/programs/people/{cast.participant.pk}/accreditations")
    assert response.status_code == 404  # her profile is private: the API does not show it to others
    response = cast.client("participant").get(f"/api/v1/programs/people/{cast.participant.pk}/accreditations")
    assert [item["role"] for item in response.json()] == [role.name]
