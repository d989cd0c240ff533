"""Before publishing, an organizer is warned of the holidays that affect the people an event is for
(by the sectors of their organizations); invitations by email carry the .ics, and replies find their
registration."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from hevruta.directory.models import Sector
from hevruta.events import calendar
from hevruta.events.models import Event, EventStatus, EventVisibility, Registration, RegistrationStatus
from tests.factories import OrganizationFactory, PositionFactory

pytestmark = pytest.mark.django_db
ISRAEL = ZoneInfo("Asia/Jerusalem")


def event_on(world, day: datetime.date, visibility=EventVisibility.INVITED, hour: int = 10) -> Event:  # type: ignore[no-untyped-def]
    start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=ISRAEL)
    return Event.objects.create(
        network=world.home,
        title="Planning",
        visibility=visibility,
        status=EventStatus.DRAFT,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        check_in_code="PLAN1",
    )


def invite(event: Event, person, sector: str) -> None:  # type: ignore[no-untyped-def]
    PositionFactory(person=person, organization=OrganizationFactory(sector=sector))
    Registration.objects.create(event=event, person=person, status=RegistrationStatus.INVITED)


def keys(event: Event) -> set[str]:
    return {occasion.key for occasion in calendar.holiday_warnings(event)}


def test_christmas_warns_only_when_christians_may_be_invited(world):
    event = event_on(world, datetime.date(2026, 12, 25))
    invite(event, world.member, Sector.STATE)
    assert keys(event) == set()
    invite(event, world.public_person, Sector.ARAB)
    assert keys(event) == {"christmas"}


def test_yom_kippur_warns_everyone(world):
    event = event_on(world, datetime.date(2026, 9, 21))
    invite(event, world.member, Sector.BEDOUIN)
    assert keys(event) == {"yom_kippur"}


def test_nabi_shuayb_and_eid_warn_the_druze(world):
    event = event_on(world, datetime.date(2027, 4, 25))
    invite(event, world.member, Sector.DRUZE)
    assert keys(event) == {"nabi_shuayb"}
    eid = event_on(world, datetime.date(2026, 3, 20))
    invite(eid, world.member, Sector.DRUZE)
    assert keys(eid) == set()  # Eid al-Fitr is not a Druze holiday
    invite(eid, world.public_person, Sector.ARAB)
    assert keys(eid) == {"eid_al_fitr"}
    text = calendar.warning_text(calendar.holiday_warnings(eid)[0])
    assert "Eid al-Fitr" in text and "Muslim" in text


def test_a_network_event_is_for_the_networks_members_and_unknown_sectors_warn_of_all(world):
    # Members of "home" have no organization: anyone may be among them.
    event = event_on(world, datetime.date(2027, 1, 7), visibility=EventVisibility.NETWORK)
    assert keys(event) == {"orthodox_christmas"}


def test_a_plain_weekday_has_no_warning(world):
    event = event_on(world, datetime.date(2026, 11, 10), visibility=EventVisibility.NETWORK)
    assert keys(event) == set()


def test_the_invitation_email_carries_a_request_and_a_reply_finds_its_registration(world):
    event = event_on(world, datetime.date(2027, 3, 26))
    event.organizers.add(world.manager)
    registration = Registration.objects.create(event=event, person=world.member, status=RegistrationStatus.INVITED)
    message = EmailMultiAlternatives("Invitation", "You are invited.", to=[world.member.email])
    assert calendar.attach_invitation(message, registration)
    message.send()
    sent = mail.outbox[-1]
    (document, content_type) = sent.alternatives[0]
    assert content_type == "text/calendar; charset=utf-8; method=REQUEST"
    assert "METHOD:REQUEST" in document and f"UID:{calendar.registration_uid(registration)}" in document
    assert f"mailto:{world.member.email}" in document.replace("\r\n ", "")
    reply = document.replace("METHOD:REQUEST", "METHOD:REPLY").replace("PARTSTAT=NEEDS-ACTION", "PARTSTAT=ACCEPTED")
    found = calendar.registration_for_reply(reply)
    assert found == (registration, "ACCEPTED")
    # A reply from another address, or naming another site's registration, is not taken.
    assert calendar.registration_for_reply(reply.replace(world.member.email, "someone@else.test")) is None
    assert calendar.registration_for_reply(reply.replace("@127.0.0.1", "@elsewhere.test")) is None


def test_no_invitation_without_an_organizer_to_reply_to(world):
    event = event_on(world, datetime.date(2027, 3, 26))
    registration = Registration.objects.create(event=event, person=world.member, status=RegistrationStatus.INVITED)
    message = EmailMultiAlternatives("Invitation", "You are invited.", to=[world.member.email])
    assert calendar.attach_invitation(message, registration) is False
    assert message.alternatives == []


@pytest.mark.parametrize("persona", ["manager", "member", "outsider", "anonymous"])
def test_the_event_page_warns_its_organizers_before_publishing(world, persona):
    from django.urls import reverse

    from hevruta.accounts.models import User

    event = event_on(world, datetime.date(2026, 9, 21), visibility=EventVisibility.NETWORK)  # Yom Kippur
    User.objects.filter(pk=world.user("manager").pk).update(show_hebrew_date=True)
    response = world.client(persona).get(reverse("events:event", args=[event.pk]))
    if persona != "manager":
        assert response.status_code in (302, 404)  # a draft: only those who run it see it
        return
    page = response.content.decode()
    assert 'data-testid="holiday-warnings"' in page and "Yom Kippur" in page
    assert "10 Tishrei 5787" in page  # the Hebrew date, asked for
    assert reverse("events_calendar:event_ics", args=[event.pk]) in page
    Event.objects.filter(pk=event.pk).update(status=EventStatus.PUBLISHED)
    assert (
        'data-testid="holiday-warnings"'
        not in world.client(persona).get(reverse("events:event", args=[event.pk])).content.decode()
    )
