"""The monthly report by email: each network's managers and each program's coordinators receive, once a
month, the dashboard of the month before as a PDF, with a short summary in the email, in their language.

A chore of the workers' housekeeping (which runs often, in every worker): it sends what this month still
owes. A MonthlyReport row (user, scope, month), unique, is written in the same transaction as the
sending: a second run at the same moment fails on the row and sends nothing; a failed sending leaves
no row, so the next run tries again. Nobody receives a scope that outcomes' scope rules do not let
them see, and nobody who turned the kind off in their notification settings.
"""

import logging
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation

from hevruta.core.names import local_name_text
from hevruta.directory.models import MembershipRole, Network, NetworkMembership, Person
from hevruta.notifications import kinds
from hevruta.notifications.emails import Recipient, language_of, notice_message
from hevruta.notifications.kinds import Email
from hevruta.notifications.queries import email_choices_of
from hevruta.outcomes.scopes import Scope, scope_access
from hevruta.programs.models import Program, ProgramStaff, StaffRole

from . import exports
from .dashboards import Dashboard, dashboard
from .models import MonthlyReport, ReportReader
from .notices import MONTHLY_REPORT

logger = logging.getLogger(__name__)
LANGUAGES = [code for code, _label in settings.LANGUAGES]


def month_reported(today: date) -> tuple[date, date]:
    """The calendar month before today's: its first and last day."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def scope_key(owner: Network | Program) -> str:
    return f"{'program' if isinstance(owner, Program) else 'network'}:{owner.pk}"


def readers() -> Iterator[tuple[Any, Network | Program]]:
    """(user, scope) pairs owed a report, each once: network managers, program coordinators and the
    readers they named, with an active account."""
    User = get_user_model()
    managers = NetworkMembership.objects.filter(
        role=MembershipRole.MANAGER, person__user__isnull=False, person__user__is_active=True
    ).values_list("person__user_id", "network_id")
    coordinators = ProgramStaff.objects.filter(
        role=StaffRole.COORDINATOR, person__user__isnull=False, person__user__is_active=True
    ).values_list("person__user_id", "program_id")
    named = ReportReader.objects.filter(person__user__isnull=False, person__user__is_active=True).values_list(
        "person__user_id", "scope"
    )
    pairs: list[tuple[int, type[Network] | type[Program], int]] = [(user_id, Network, pk) for user_id, pk in managers]
    pairs += [(user_id, Program, pk) for user_id, pk in coordinators]
    for user_id, key in named:
        kind, number = key.split(":")
        pairs.append((user_id, Program if kind == "program" else Network, int(number)))
    pairs = list(dict.fromkeys(pairs))  # a named reader who also manages receives one email
    users = User.objects.in_bulk({user_id for user_id, _model, _pk in pairs})
    networks = Network.objects.in_bulk({pk for _user, model, pk in pairs if model is Network})
    programs = Program.objects.select_related("network").in_bulk({pk for _u, model, pk in pairs if model is Program})
    for user_id, model, pk in pairs:
        owner = (networks if model is Network else programs).get(pk)
        if owner is not None and user_id in users:
            yield users[user_id], owner


def _names(owner: Network | Program) -> dict[str, str]:
    """The scope's name in every language, for the notice's context (rendered in the reader's)."""
    return {language: local_name_text(owner, language) for language in LANGUAGES}


def _month_names(first: date) -> dict[str, str]:
    names = {}
    for language in LANGUAGES:
        with translation.override(language):
            names[language] = formats.date_format(first, "YEAR_MONTH_FORMAT")
    return names


def summary(board: Dashboard) -> dict[str, int]:
    """The few numbers the email's body tells: activity in the month, people counted, indicators."""
    activity = board.section("activity")
    tiers = board.section("people_tier")
    indicators = board.section("indicators")
    rows = indicators.rows if indicators else []
    return {
        "activity": int(activity.total) if activity else 0,
        "people": int(tiers.total) if tiers else 0,
        "indicators": len(rows),
        "reached": sum(1 for _name, progress in rows if progress >= 100),
    }


class _Reports:
    """The PDF and summary of each scope, rendered once per language in a run."""

    def __init__(self, start: date, end: date) -> None:
        self.start, self.end = start, end
        self.pdfs: dict[tuple[str, str], bytes] = {}
        self.summaries: dict[str, dict[str, int]] = {}

    def pdf(self, scope: Scope, language: str) -> bytes:
        key = (scope_key(scope.owner), language)
        if key not in self.pdfs:
            with translation.override(language):
                board = dashboard(scope, self.start, self.end)
                self.summaries[key[0]] = summary(board)
                self.pdfs[key] = exports.report_pdf(board, local_name_text(scope.owner, language))
        return self.pdfs[key]


def send_monthly_reports(today: date | None = None) -> int:
    """The housekeeping chore: sends every report this month still owes; returns how many it sent."""
    today = today or timezone.localdate()
    start, end = month_reported(today)
    kind = kinds.get(MONTHLY_REPORT)
    owed = list(readers())
    sent_before = set(MonthlyReport.objects.filter(month=start).values_list("user_id", "scope"))
    owed = [(user, owner) for user, owner in owed if (user.pk, scope_key(owner)) not in sent_before]
    choices = email_choices_of({user.pk for user, _owner in owed}, kind)
    reports = _Reports(start, end)
    sent = 0
    for user, owner in owed:
        if choices.get(user.pk) == Email.NEVER or not user.email:
            continue
        scope = scope_access(user, owner)
        if scope is None or not scope.sees:  # a coordinator's role is not enough where the rules say no
            continue
        sent += _send(user, scope, reports, start, end)
    return sent


def _send(user: Any, scope: Scope, reports: "_Reports", start: date, end: date) -> int:
    language = language_of(user)
    pdf = reports.pdf(scope, language)
    key = scope_key(scope.owner)
    context = {"scope": _names(scope.owner), "month": _month_names(start), **reports.summaries[key]}
    url = reverse("insights:dashboard", args=[scope.kind, scope.slug]) + f"?start={start}&end={end}"
    message = notice_message(Recipient(user.pk, user.email, language), MONTHLY_REPORT, context, url)
    message.attach(f"{scope.kind}-{scope.slug}-{start:%Y-%m}.pdf", pdf, "application/pdf")
    try:
        with transaction.atomic():
            MonthlyReport.objects.create(user=user, scope=key, month=start)
            message.send()
    except IntegrityError:  # another run sent it a moment ago
        return 0
    logger.info("Monthly report of %s for %s sent to user %s", key, start, user.pk)
    return 1


def named_readers(owner: Network | Program) -> list[ReportReader]:
    """The readers named for a scope's monthly report, in the order they were named."""
    return list(ReportReader.objects.filter(scope=scope_key(owner)).select_related("person").order_by("named_at"))


def _with_account() -> Q:
    return Q(user__isnull=False, user__is_active=True)


def own_readers(owner: Network | Program) -> QuerySet[Person]:
    """Who receives a scope's report without being named: a network's managers, a program's coordinators."""
    if isinstance(owner, Program):
        runs = Q(program_staff__program=owner, program_staff__role=StaffRole.COORDINATOR)
    else:
        runs = Q(memberships__network=owner, memberships__role=MembershipRole.MANAGER)
    return Person.objects.filter(_with_account(), runs).distinct().order_by("family_name", "given_name", "pk")


def nameable_readers(owner: Network | Program) -> QuerySet[Person]:
    """Who may still be named: those the scope rules let see it (a program's staff of every role and its
    network's managers; a network's managers), less those who receive it already."""
    if isinstance(owner, Program):
        sees = Q(program_staff__program=owner) | Q(
            memberships__network=owner.network_id, memberships__role=MembershipRole.MANAGER
        )
    else:
        sees = Q(memberships__network=owner, memberships__role=MembershipRole.MANAGER)
    named = ReportReader.objects.filter(scope=scope_key(owner)).values("person_id")
    return (
        Person.objects.filter(_with_account(), sees)
        .exclude(pk__in=own_readers(owner).values("pk"))
        .exclude(pk__in=named)
        .distinct()
        .order_by("family_name", "given_name", "pk")
    )
