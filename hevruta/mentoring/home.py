"""The "Mentoring" card of the home page: my relationships, what is due, the next meeting."""

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from hevruta.directory.queries import viewer_for

from . import queries
from .models import MentoringProgram, RelationshipState


def mentoring_card(request: HttpRequest) -> dict[str, Any] | None:
    if viewer_for(request.user).person_id is None:
        return None
    relationships = list(queries.my_relationships(request.user).filter(state=RelationshipState.ACTIVE)[:6])
    if not relationships:
        return None
    rhythms = dict(
        MentoringProgram.objects.filter(program_id__in={r.program_id for r in relationships}).values_list(
            "program_id", "meeting_every_days"
        )
    )
    today = timezone.localdate()
    for relationship in relationships:
        every = rhythms.get(relationship.program_id, 14)
        last = relationship.last_contact or relationship.starts_on  # type: ignore[attr-defined]
        relationship.next_meeting = last + timedelta(days=every)  # type: ignore[attr-defined]
        relationship.is_due = relationship.next_meeting < today  # type: ignore[attr-defined]
    return {"relationships": relationships, "me": viewer_for(request.user).person_id}
