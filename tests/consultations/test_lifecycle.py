"""The states move forward only through services; refusals say why and change nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hevruta.consultations import services
from hevruta.consultations.models import Answer, Consultation, ConsultationInvitation, Endorsement, Reply, Status
from hevruta.insights.models import Activity
from hevruta.notifications.models import Notice

from .conftest import ask

pytestmark = pytest.mark.django_db


def _snapshot(consultation: Consultation) -> tuple:
    consultation.refresh_from_db()
    return (
        consultation.status,
        consultation.outcome,
        consultation.asker_rating,
        consultation.closed_at,
        ConsultationInvitation.objects.filter(consultation=consultation).count(),
        Reply.objects.count(),
        Notice.objects.count(),
        Activity.objects.count(),
    )


def test_a_draft_is_the_askers_until_opened(cities):
    world = cities.world
    draft = ask(world, world.member, cities.topic, publish=False)
    assert draft.status == Status.DRAFT and draft.opened_at is None
    with pytest.raises(ValidationError, match="Invite peers once the consultation is open"):
        services.invite(draft, world.member, [cities.alpha])
    with pytest.raises(PermissionDenied):
        services.publish(draft, world.manager)
    services.publish(draft, world.member)
    draft.refresh_from_db()
    assert draft.status == Status.OPEN and draft.opened_at is not None
    with pytest.raises(ValidationError, match="already open"):
        services.publish(draft, world.member)


def test_the_whole_way_records_who_helped_whom_and_tells_each_side(cities):
    world, consultation = cities.world, cities.consultation
    gamma = cities.gamma
    gamma.user = world.outsider.user  # any account will do to receive notices; the outsider's is free
    world.outsider.user = None
    world.outsider.save()
    gamma.save()
    services.invite(consultation, world.member, [gamma], organizations={gamma.pk: cities.strong_city})
    assert Notice.objects.filter(kind="consultations.invited", recipient=gamma.user).count() == 1

    invitation = consultation.invitations.get(person=gamma)
    services.answer(invitation, gamma, offer=True, message="בשמחה")
    consultation.refresh_from_db()
    assert consultation.status == Status.IN_PROGRESS
    helped = Activity.objects.get(kind="consultations.helped", subject=f"consultations.consultation:{consultation.pk}")
    assert (helped.person, helped.organization, helped.counterpart) == (gamma, cities.strong_city, cities.council)
    assert helped.sector == "arab"
    assert Notice.objects.filter(kind="consultations.answered", recipient=world.member.user).count() == 1

    services.reply(consultation, gamma, "הנה התוכנית שלנו")
    assert Notice.objects.filter(kind="consultations.replied", recipient=world.member.user).count() == 1

    services.close(consultation, world.member, outcome="סיור למידה", rating=5, follow_up="learning_tour")
    consultation.refresh_from_db()
    assert (consultation.status, consultation.asker_rating, consultation.follow_up) == ("closed", 5, "learning_tour")
    assert Notice.objects.filter(kind="consultations.closed", recipient=gamma.user).count() == 1

    services.rate_as_helper(invitation, gamma, rating=4, note="טוב")
    assert Notice.objects.filter(kind="consultations.rated", recipient=world.member.user).count() == 1
    endorsement = services.endorse(invitation, world.member)
    assert endorsement.organization == cities.strong_city and endorsement.person is None
    asked = Activity.objects.get(kind="consultations.asked", subject=f"consultations.consultation:{consultation.pk}")
    assert asked.organization == cities.council


@pytest.mark.parametrize("title", ["\u202etxt.exe", "<script>alert(1)</script>"])
def test_a_title_with_an_rtl_override_or_a_script_is_stored_harmless(cities, title):
    world = cities.world
    consultation = ask(world, world.member, cities.topic, title=title)
    consultation.refresh_from_db()
    assert "\u202e" not in consultation.title
    page = world.client("member").get(f"/consultations/{consultation.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page


def test_a_title_of_only_bidi_controls_is_refused(cities):
    world = cities.world
    before = Consultation.objects.count()
    with pytest.raises(ValidationError) as refused:
        ask(world, world.member, cities.topic, title="\u202e\u202d")
    assert refused.value.messages == ["Title: This field cannot be blank."]
    assert Consultation.objects.count() == before


def test_closing_twice_is_refused_and_changes_nothing(cities):
    world, consultation = cities.world, cities.consultation
    services.close(consultation, world.member, outcome="סוף", rating=3)
    before = _snapshot(consultation)
    with pytest.raises(ValidationError, match="already closed"):
        services.close(consultation, world.member, outcome="שוב", rating=5)
    assert _snapshot(consultation) == before


@pytest.mark.parametrize("rating", [0, 6, -1, True, "5"])
def test_a_rating_out_of_range_is_refused(cities, rating):
    world, consultation = cities.world, cities.consultation
    before = _snapshot(consultation)
    with pytest.raises(ValidationError, match="A rating is a number from 1 to 5"):
        services.close(consultation, world.member, outcome="סוף", rating=rating)
    assert _snapshot(consultation) == before


def test_inviting_someone_hidden_is_refused_and_invites_nobody(cities):
    world, consultation = cities.world, cities.consultation
    before = _snapshot(consultation)
    with pytest.raises(ValidationError, match="whose profiles you can see"):
        services.invite(consultation, world.member, [cities.alpha, cities.hidden])
    assert _snapshot(consultation) == before
    with pytest.raises(ValidationError, match="whose profiles you can see"):
        services.invite(consultation, world.member, [world.outsider])


def test_only_the_asker_invites_and_closes_only_the_invited_answer_once(cities):
    world, consultation = cities.world, cities.consultation
    with pytest.raises(PermissionDenied):
        services.invite(consultation, world.manager, [cities.alpha])
    with pytest.raises(PermissionDenied):
        services.close(consultation, world.manager, outcome="x", rating=3)
    services.invite(consultation, world.member, [cities.alpha])
    invitation = consultation.invitations.get()
    with pytest.raises(PermissionDenied):
        services.answer(invitation, cities.beta, offer=True)
    services.answer(invitation, cities.alpha, offer=False)
    with pytest.raises(ValidationError, match="already answered"):
        services.answer(invitation, cities.alpha, offer=True)
    consultation.refresh_from_db()
    assert (
        consultation.status == Status.OPEN and invitation.answer == Answer.INVITED
    )  # the object passed in is untouched
    with pytest.raises(ValidationError, match="already invited"):
        services.invite(consultation, world.member, [cities.alpha])


def test_an_endorsement_needs_help_given_a_listed_strength_and_comes_once(cities):
    world, consultation = cities.world, cities.consultation
    services.invite(consultation, world.member, [cities.alpha, cities.delta])
    alpha_invitation = consultation.invitations.get(person=cities.alpha)
    delta_invitation = consultation.invitations.get(person=cities.delta)
    services.answer(alpha_invitation, cities.alpha, offer=True)
    services.answer(delta_invitation, cities.delta, offer=True)
    with pytest.raises(ValidationError, match="once the help was given"):
        services.endorse(alpha_invitation, world.member)
    services.close(consultation, world.member, outcome="סוף", rating=4)
    with pytest.raises(PermissionDenied):
        services.endorse(alpha_invitation, cities.beta)
    with pytest.raises(ValidationError, match="does not list"):
        services.endorse(delta_invitation, world.member)
    services.endorse(alpha_invitation, world.member)
    with pytest.raises(ValidationError, match="already endorsed"):
        services.endorse(alpha_invitation, world.member)
    assert Endorsement.objects.filter(person=cities.alpha).count() == 1


def test_a_reply_in_a_private_thread_is_for_those_in_it(cities):
    world, consultation = cities.world, cities.consultation
    with pytest.raises(PermissionDenied):
        services.reply(consultation, world.manager, "גם אני")
    with pytest.raises(ValidationError):
        services.reply(consultation, world.member, "   ")
    assert Reply.objects.count() == 0


def test_asking_for_an_organization_one_does_not_head_is_refused(cities):
    world = cities.world
    with pytest.raises(ValidationError, match="head's post"):
        ask(world, world.manager, cities.topic, organization=cities.council)
    with pytest.raises(PermissionDenied):
        ask(world, world.outsider, cities.topic)
