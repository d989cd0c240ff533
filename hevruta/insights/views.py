"""Dashboards of a network and of a program: the summaries drawn, each chart with its table."""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hevruta.outcomes.scopes import scope_for

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
