"""Inviting people sends each an email in their language, once the invitations are committed, carrying
the event's .ics as a METHOD:REQUEST invitation naming them as its attendee."""

import pytest
from django.core import mail
from icalendar import Calendar

from hevruta.accounts.models import User
from hevruta.events import calendar, services
from hevruta.events.models import Registration

from .conftest import make_event, people


@pytest.mark.django_db
def test_each_invited_person_gets_the_invitation_with_a_request(world, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    event = make_event(world.home, world.manager, title="Policy round")
    hebrew, english = people(2, "invitee")
    User.objects.filter(pk=hebrew.user_id).update(language="he")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.invite(event, [hebrew, english]) == 2
        assert mail.outbox == []  # nothing leaves before the invitations are committed
    assert len(callbacks) == 1 and len(mail.outbox) == 2
    for person, words in ((hebrew, "הזמנה"), (english, "Invitation")):
        message = next(m for m in mail.outbox if m.to == [person.email])
        assert words in message.subject and "Policy round" in message.subject
        (name, document, content_type) = message.attachments[0]
        assert name == "invite.ics" and content_type == "application/ics"
        parsed = Calendar.from_ical(document)
        assert str(parsed["method"]) == "REQUEST"
        (vevent,) = parsed.walk("VEVENT")
        registration = Registration.objects.get(event=event, person=person)
        assert str(vevent["uid"]) == calendar.registration_uid(registration)
        assert str(vevent["attendee"]) == f"mailto:{person.email}"
        assert str(vevent["organizer"]) == f"mailto:{world.manager.email}"
    # Inviting again those already invited sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.invite(event, [hebrew]) == 0
    assert len(mail.outbox) == 2
