"""The one way an app tells insights that something happened.

    from hevruta.insights import activity

    activity.record(
        "mentoring.meeting_logged",
        person=mentor,
        organization=mentor_school,
        counterpart=intern_school,
        network=program.network,
        program=program.program,
        subject=relationship,
    )

Call it inside the write's own transaction (services are atomic), so an activity exists exactly
when what it records does. The kind is "<app>.<verb>"; docs/insights.md lists the kinds in use.
"""

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from .models import Activity, DailyActivity

if TYPE_CHECKING:
    from hevruta.directory.models import Locality, Network, Organization, Person
    from hevruta.programs.models import Program


# What each kind is called on the dashboards; apps name their kinds in their measures.py.
_labels: dict[str, Any] = {}


def name_kind(kind: str, label: Any) -> None:
    _labels[kind] = label


def kind_label(kind: str) -> str:
    return str(_labels.get(kind, kind))


def subject_key(instance: models.Model | None) -> str:
    if instance is None:
        return ""
    return f"{instance._meta.label_lower}:{instance.pk}"


def record(
    kind: str,
    *,
    person: "Person | None" = None,
    organization: "Organization | None" = None,
    counterpart: "Organization | None" = None,
    network: "Network | None" = None,
    program: "Program | None" = None,
    subject: models.Model | None = None,
    occurred_at: datetime | None = None,
    locality: "Locality | None" = None,
) -> Activity:
    """`locality`, when given, is where it happened if not at the organization (a resource used in a class
    of the teacher's own town); otherwise the organization's locality is copied."""
    locality = locality or getattr(organization, "locality", None)
    activity = Activity.objects.create(
        kind=kind,
        occurred_at=occurred_at or timezone.now(),
        person=person,
        organization=organization,
        counterpart=counterpart,
        network=network,
        program=program,
        locality=locality,
        peripherality_cluster=getattr(locality, "peripherality_cluster", None),
        sector=getattr(organization, "sector", "") or "",
        subject=subject_key(subject),
    )
    count_on_its_day(activity)
    return activity


def count_on_its_day(activity: Activity) -> None:
    """Adds the activity to its day's summary at once, so the dashboards are never a refresh behind on it."""
    key = {
        "day": timezone.localdate(activity.occurred_at),
        "network_id": activity.network_id,
        "program_id": activity.program_id,
        "kind": activity.kind,
        "cluster": activity.peripherality_cluster or 0,
    }
    if DailyActivity.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DailyActivity.objects.create(count=1, **key)
    except IntegrityError:  # another write made the row first: add to it
        DailyActivity.objects.filter(**key).update(count=F("count") + 1)
