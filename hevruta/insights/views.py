"""Dashboards of a network and of a program: the summaries drawn, each chart with its table."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.core.files import made_download
from hevruta.core.names import local_name_text
from hevruta.core.refusals import tell_refusal
from hevruta.outcomes.scopes import Scope, scope_for

from . import exports, monthly, services
from .dashboards import dashboard
from .refresh import school_year


def _period(request: HttpRequest) -> tuple[date, date]:
    """The period asked for (?start=&end=), else the current school year; a bad date means the default."""
    start, end = school_year(timezone.localdate())
    try:
        start = date.fromisoformat(request.GET.get("start") or start.isoformat())
        end = date.fromisoformat(request.GET.get("end") or end.isoformat())
    except ValueError:
        return school_year(timezone.localdate())
    return (start, end) if start <= end else (end, start)


@login_required
def dashboard_page(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    scope = scope_for(request.user, kind, slug)
    start, end = _period(request)
    return render(request, "insights/dashboard.html", {"scope": scope, "board": dashboard(scope, start, end)})


@login_required
def readers(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    """Who receives the monthly report: those who run the scope, and the readers its managers name."""
    scope = scope_for(request.user, kind, slug, manage=True)
    if request.method == "POST":
        _change_readers(request, scope)
        return redirect("insights:readers", kind, slug)
    context = {
        "scope": scope,
        "own": monthly.own_readers(scope.owner),
        "named": monthly.named_readers(scope.owner),
        "nameable": monthly.nameable_readers(scope.owner),
    }
    return render(request, "insights/readers.html", context)


def _change_readers(request: HttpRequest, scope: Scope) -> None:
    """Names or removes one reader; a refusal (the service changed nothing) becomes the page's message."""
    action, person = request.POST.get("action"), request.POST.get("person", "")
    if action not in ("name", "remove") or not person.isdigit():
        messages.error(request, _("Choose a person to name or to remove."))
        return
    try:
        if action == "name":
            reader = services.name_report_reader(request.user, scope.owner, int(person))
            messages.success(request, _("%(name)s will receive the monthly report.") % {"name": reader.person})
        else:
            services.remove_report_reader(request.user, scope.owner, int(person))
            messages.success(request, _("The monthly report will no longer be sent to this reader."))
    except ValidationError as error:
        tell_refusal(request, error)


@login_required
def export(request: HttpRequest, kind: str, slug: str, fmt: str) -> HttpResponse:
    """The dashboard as a PDF report, an XLSX of every table, or one table as CSV (?section=<key>)."""
    scope = scope_for(request.user, kind, slug)
    start, end = _period(request)
    board = dashboard(scope, start, end)
    name = f"{kind}-{slug}-{start:%Y%m%d}-{end:%Y%m%d}"
    if fmt == "pdf":
        title = str(getattr(scope.owner, "name", "")) if scope.program else local_name_text(scope.owner)
        return made_download(exports.report_pdf(board, title), "application/pdf", f"{name}.pdf")
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return made_download(exports.report_xlsx(board), content_type, f"{name}.xlsx")
    section = board.section(request.GET.get("section", ""))
    if section is None:
        raise Http404(_("No such table."))
    return made_download(exports.section_csv(section), "text/csv; charset=utf-8", f"{name}-{section.key}.csv")
