"""Invitation emails are sent by a task, after the transaction that made the invitations commits."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hevruta.notifications.emails import absolute, language_of

from . import calendar
from .models import Registration, RegistrationStatus


def invitation_message(registration: Registration) -> EmailMultiAlternatives:
    """The invitation in the invited person's language, carrying the event's .ics with METHOD:REQUEST
    (Accept and Decline buttons in their mail program) when the event has an organizer to reply to."""
    event = registration.event
    person = registration.person
    language = language_of(person.user) if person.user_id else settings.LANGUAGE_CODE
    with translation.override(language):
        when = timezone.localtime(event.starts_at).strftime("%d.%m.%Y %H:%M")
        lines = [
            _("You are invited to %(event)s, on %(when)s.") % {"event": event.title, "when": when},
            _("Register on the event's page: %(url)s") % {"url": absolute(reverse("events:event", args=[event.pk]))},
        ]
        message = EmailMultiAlternatives(
            subject=f"[{_('Hevruta')}] " + _("Invitation: %(event)s") % {"event": event.title},
            body="\n\n".join(lines),
            to=[person.email or ""],
            headers={"Content-Language": language},
        )
    calendar.attach_invitation(message, registration)
    return message


@task()
def send_invitation_emails(registration_ids: list[int]) -> int:
    """One email per invitation still standing; people without an address get the notice on the site only."""
    registrations = list(
        Registration.objects.filter(pk__in=registration_ids, status=RegistrationStatus.INVITED)
        .exclude(person__email="")
        .select_related("person__user", "event__locality")
        .prefetch_related("event__agenda", "event__organizers")
    )
    messages = [invitation_message(registration) for registration in registrations]
    if messages:
        mailers.default.send_messages(messages)
    return len(messages)
