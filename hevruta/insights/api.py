"""The insights API: a network's or a program's dashboard as data, read from the summaries like the page."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from hevruta.api.auth import REQUIRED
from hevruta.api.types import PathId
from hevruta.outcomes.api import network_scope, program_scope
from hevruta.outcomes.scopes import Scope

from .dashboards import dashboard
from .refresh import school_year
from .schemas import DashboardOut

router = Router(tags=["insights"])


def _data(scope: Scope, start: date | None, end: date | None) -> dict[str, Any]:
    default_start, default_end = school_year(timezone.localdate())
    start, end = start or default_start, end or default_end
    board = dashboard(scope, min(start, end), max(start, end))
    return {
        "start": board.start,
        "end": board.end,
        "refreshed_at": board.refreshed_at,
        "refresh_minutes": board.refresh_minutes,
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "note": section.note,
                "rows": [{"label": label, "value": value} for label, value in section.rows],
            }
            for section in board.sections
        ],
    }


@router.get(
    "/programs/{int:program_id}/dashboard",
    response=DashboardOut,
    auth=REQUIRED,
    summary="A program's dashboard: the rows behind each chart",
    description="From the summaries (refreshed every INSIGHTS_REFRESH_SECONDS); the school year by default.",
)
def get_program_dashboard(
    request: HttpRequest, program_id: PathId, start: date | None = None, end: date | None = None
) -> dict[str, Any]:
    return _data(program_scope(request, program_id), start, end)


@router.get(
    "/networks/{slug}/dashboard",
    response=DashboardOut,
    auth=REQUIRED,
    summary="A network's dashboard: the rows behind each chart",
    description="From the summaries (refreshed every INSIGHTS_REFRESH_SECONDS); the school year by default.",
)
def get_network_dashboard(
    request: HttpRequest, slug: str, start: date | None = None, end: date | None = None
) -> dict[str, Any]:
    return _data(network_scope(request, slug), start, end)
