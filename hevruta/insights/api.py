"""The insights API: a network's or a program's dashboard as data, read from the summaries like the page."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Status

from hevruta.api.auth import REQUIRED
from hevruta.api.types import PathId
from hevruta.outcomes.api import network_scope, program_scope
from hevruta.outcomes.scopes import Scope

from . import services
from .dashboards import dashboard
from .models import ReportReader
from .monthly import named_readers
from .refresh import school_year
from .schemas import DashboardOut, ReportReaderIn, ReportReaderOut

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


# The readers named for the monthly report: listed, named and removed by who manages the scope.


def _managed(scope: Scope) -> Scope:
    if not scope.manages:
        raise PermissionDenied(_("Only those who run the program or the network may name the report's readers."))
    return scope


def _reader_out(reader: ReportReader) -> dict[str, Any]:
    return {"person_id": reader.person_id, "name": str(reader.person), "named_at": reader.named_at}


def _readers(scope: Scope) -> list[dict[str, Any]]:
    return [_reader_out(reader) for reader in named_readers(_managed(scope).owner)]


def _name(request: HttpRequest, scope: Scope, person_id: int) -> Status:
    reader = services.name_report_reader(request.user, _managed(scope).owner, person_id)
    return Status(201, _reader_out(reader))


def _remove(request: HttpRequest, scope: Scope, person_id: int) -> Status:
    services.remove_report_reader(request.user, _managed(scope).owner, person_id)
    return Status(204, None)


@router.get(
    "/networks/{slug}/report-readers",
    response=list[ReportReaderOut],
    auth=REQUIRED,
    summary="The readers named for a network's monthly report",
    description="Besides the managers, who receive it anyway. Only the network's managers.",
)
def list_network_report_readers(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    return _readers(network_scope(request, slug))


@router.post(
    "/networks/{slug}/report-readers",
    response={201: ReportReaderOut},
    auth=REQUIRED,
    summary="Name a reader of a network's monthly report",
    description="A person of the directory, with an account, who may see the network's dashboard; once.",
)
def add_network_report_reader(request: HttpRequest, slug: str, data: ReportReaderIn) -> Status:
    return _name(request, network_scope(request, slug), data.person_id)


@router.delete(
    "/networks/{slug}/report-readers/{int:person_id}",
    response={204: None},
    auth=REQUIRED,
    summary="Stop sending a network's monthly report to a reader named before",
)
def remove_network_report_reader(request: HttpRequest, slug: str, person_id: PathId) -> Status:
    return _remove(request, network_scope(request, slug), person_id)


@router.get(
    "/programs/{int:program_id}/report-readers",
    response=list[ReportReaderOut],
    auth=REQUIRED,
    summary="The readers named for a program's monthly report",
    description="Besides the coordinators, who receive it anyway. Only those who run the program.",
)
def list_program_report_readers(request: HttpRequest, program_id: PathId) -> list[dict[str, Any]]:
    return _readers(program_scope(request, program_id))


@router.post(
    "/programs/{int:program_id}/report-readers",
    response={201: ReportReaderOut},
    auth=REQUIRED,
    summary="Name a reader of a program's monthly report",
    description="A person of the directory, with an account, who may see the program's dashboard; once.",
)
def add_program_report_reader(request: HttpRequest, program_id: PathId, data: ReportReaderIn) -> Status:
    return _name(request, program_scope(request, program_id), data.person_id)


@router.delete(
    "/programs/{int:program_id}/report-readers/{int:person_id}",
    response={204: None},
    auth=REQUIRED,
    summary="Stop sending a program's monthly report to a reader named before",
)
def remove_program_report_reader(request: HttpRequest, program_id: PathId, person_id: PathId) -> Status:
    return _remove(request, program_scope(request, program_id), person_id)
