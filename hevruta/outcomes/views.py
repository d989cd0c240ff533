"""Logic model pages: a program's or a network's vision, goals, objectives and indicators, and the
forms of those who run it. Views parse and authorize; outcomes.services and programs.services write."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.programs import services as program_services
from hevruta.programs.forms import GoalForm, ObjectiveForm

from . import queries, services
from .forms import IndicatorForm, MeasurementForm, MilestoneForm, TargetForm
from .models import Indicator, Milestone
from .scopes import Scope, scope_for


def _page(scope: Scope) -> str:
    return reverse("outcomes:logic_model", args=[scope.kind, scope.slug])


def _form(request: HttpRequest, scope: Scope, form: Any, title: str, save: Callable[[dict], Any]) -> HttpResponse:
    """Shows a small form and, when it is valid and the service agrees, goes back to the logic model."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_page(scope))
    return render(request, "outcomes/form.html", {"form": form, "title": title, "back": _page(scope), "scope": scope})


@login_required
def logic_model(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    scope = scope_for(request.user, kind, slug)
    return render(
        request,
        "outcomes/logic_model.html",
        {"scope": scope, "model": queries.logic_model(scope), "today": timezone.localdate()},
    )


@login_required
def goal_add(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    scope = scope_for(request.user, kind, slug, manage=True)
    form = GoalForm(request.POST or None)
    return _form(
        request,
        scope,
        form,
        _("Add a goal"),
        lambda data: program_services.add_goal(scope.owner, data["text"], data["language"]),
    )


@login_required
def objective_add(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    scope = scope_for(request.user, kind, slug, manage=True)
    # Networks own goals under the same name as programs (related_name "goals"), so the form serves both.
    form = ObjectiveForm(request.POST or None, program=scope.owner, initial={"goal": request.GET.get("goal")})  # type: ignore[arg-type]
    return _form(
        request,
        scope,
        form,
        _("Add an objective"),
        lambda data: program_services.add_objective(data["goal"], data["text"], data["language"]),
    )


def _save_indicator(data: dict) -> Indicator:
    indicator = services.add_indicator(
        data["objective"],
        name=data["name"],
        unit=data["unit"],
        source=data["source"],
        measure=data["measure"],
        baseline=data["baseline"],
        baseline_date=data["baseline_date"],
        language=data["language"],
    )
    if data.get("target") is not None:
        services.set_target(indicator, data["target_date"], data["target"])
    return indicator


@login_required
def indicator_add(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    scope = scope_for(request.user, kind, slug, manage=True)
    form = IndicatorForm(request.POST or None, scope=scope, initial={"objective": request.GET.get("objective")})
    return _form(request, scope, form, _("Add an indicator"), _save_indicator)


def _indicator(scope: Scope, pk: int) -> Indicator:
    return get_object_or_404(queries.indicators_of_scope(scope).select_related("objective__goal"), pk=pk)


@login_required
def target_add(request: HttpRequest, kind: str, slug: str, pk: int) -> HttpResponse:
    scope = scope_for(request.user, kind, slug, manage=True)
    indicator = _indicator(scope, pk)
    form = TargetForm(request.POST or None)
    title = _("A target for “%(indicator)s”") % {"indicator": indicator.name}
    return _form(request, scope, form, title, lambda data: services.set_target(indicator, data["due"], data["value"]))


@login_required
def measurement_add(request: HttpRequest, kind: str, slug: str, pk: int) -> HttpResponse:
    scope = scope_for(request.user, kind, slug, manage=True)
    indicator = _indicator(scope, pk)
    form = MeasurementForm(request.POST or None, initial={"on": timezone.localdate()})
    title = _("A measurement of “%(indicator)s”") % {"indicator": indicator.name}
    return _form(
        request,
        scope,
        form,
        title,
        lambda data: services.record_measurement(indicator, data["on"], data["value"], data["evidence"], request.user),
    )


@login_required
@require_POST
def measure_now(request: HttpRequest, kind: str, slug: str, pk: int) -> HttpResponse:
    scope = scope_for(request.user, kind, slug, manage=True)
    if services.measure_computed(_indicator(scope, pk), timezone.localdate()) is None:
        messages.warning(request, _("This measure does not apply to this program or network."))
    return redirect(_page(scope))


@login_required
@require_POST
def indicator_remove(request: HttpRequest, kind: str, slug: str, pk: int) -> HttpResponse:
    scope = scope_for(request.user, kind, slug, manage=True)
    services.delete_indicator(_indicator(scope, pk))
    return redirect(_page(scope))


@login_required
def milestone_add(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    scope = scope_for(request.user, kind, slug, manage=True)
    form = MilestoneForm(request.POST or None, scope=scope)
    return _form(
        request,
        scope,
        form,
        _("Add a milestone or a deliverable"),
        lambda data: services.add_milestone(
            scope.owner,
            title=data["title"],
            due=data["due"],
            kind=data["kind"],
            owner_person=data["owner"],
            objective=data["objective"],
        ),
    )


@login_required
@require_POST
def milestone_done(request: HttpRequest, kind: str, slug: str, pk: int) -> HttpResponse:
    scope = scope_for(request.user, kind, slug, manage=True)
    services.complete_milestone(get_object_or_404(Milestone, pk=pk, **scope.owned))
    return redirect(_page(scope))
