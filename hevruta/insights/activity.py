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
from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone

from .models import Activity

if TYPE_CHECKING:
    from hevruta.directory.models import Network, Organization, Person
    from hevruta.programs.models import Program


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
) -> Activity:
    locality = getattr(organization, "locality", None)
    return Activity.objects.create(
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
