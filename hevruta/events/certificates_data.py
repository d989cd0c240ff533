"""Certificates from the records: who attended what, in the participant's language, and what a
certificate's verification link shows today."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from hevruta.accounts.models import User
from hevruta.core.names import local_name_text
from hevruta.directory.models import Person

from .certificates import Certificate, Kind, Meeting, certificate_token
from .models import Attendance, Event, EventStatus, Series


def _verification_url(kind: Kind, object_id: int, person_id: int) -> str:
    path = reverse("events_calendar:verify_certificate", args=[certificate_token(kind, object_id, person_id)])
    return settings.SITE_URL.rstrip("/") + path


def _organizer_name(event: Event) -> str:
    """The organizing network's name (or the organization's, or the program's), in the active language."""
    if event.network_id:
        return local_name_text(event.network)
    if event.organization_id:
        return local_name_text(event.organization)
    if event.program_id:
        return str(event.program)
    return ""


def _person(user: User) -> Person | None:
    return Person.objects.filter(user=user).first()


def _attended(person_id: int, events: Any) -> list[Event]:
    present = Attendance.objects.filter(person_id=person_id, present=True).values("event_id")
    return list(
        events.filter(pk__in=present)
        .exclude(status=EventStatus.CANCELLED)
        .select_related("network", "organization", "program")
        .order_by("starts_at", "pk")
    )


def for_event(user: User, event: Event) -> Certificate | None:
    person = _person(user)
    if person is None or not _attended(person.pk, Event.objects.filter(pk=event.pk)):
        return None
    event = Event.objects.select_related("network", "organization", "program").get(pk=event.pk)
    language = user.preferred_language
    with translation.override(language):
        return Certificate(
            participant=str(person),
            language=language,
            network=_organizer_name(event),
            title=event.title,
            meetings=[Meeting(event.title, timezone.localdate(event.starts_at))],
            verification_url=_verification_url("event", event.pk, person.pk),
            issued_on=timezone.localdate(),
            hours=round(event.hours, 1),
        )


def for_series(user: User, series: Series) -> Certificate | None:
    person = _person(user)
    if person is None:
        return None
    attended = _attended(person.pk, series.events.all())
    if not attended:
        return None
    language = user.preferred_language
    with translation.override(language):
        return Certificate(
            participant=str(person),
            language=language,
            network=local_name_text(series.network),
            title=series.name,
            meetings=[Meeting(event.title, timezone.localdate(event.starts_at)) for event in attended],
            series_total=series.events.exclude(status=EventStatus.CANCELLED).count(),
            verification_url=_verification_url("series", series.pk, person.pk),
            issued_on=timezone.localdate(),
            hours=round(sum(event.hours for event in attended), 1),
        )


def verification(kind: Kind, object_id: int, person_id: int) -> dict | None:
    """What a certificate's link shows: the person, what they attended, as recorded today."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return None
    if kind == "event":
        event = Event.objects.filter(pk=object_id).first()
        attended = _attended(person_id, Event.objects.filter(pk=object_id)) if event else []
        if not event or not attended:
            return None
        return {"person": person, "title": event.title, "organizer": _organizer_name(event), "attended": attended}
    series = Series.objects.select_related("network").filter(pk=object_id).first()
    attended = _attended(person_id, series.events.all()) if series else []
    if series is None or not attended:
        return None
    return {
        "person": person,
        "title": series.name,
        "organizer": local_name_text(series.network),
        "attended": attended,
        "total": series.events.exclude(status=EventStatus.CANCELLED).count(),
    }
