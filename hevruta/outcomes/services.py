"""Writing logic models' indicators, targets, measurements and milestones; each write one transaction.

Goals and objectives are written through programs.services (add_goal takes a program or a network).
"""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory.models import Network, Person
from hevruta.insights import measures
from hevruta.programs.models import Program, ProgramObjective

from .models import Indicator, Measurement, Milestone, MilestoneKind, Source, Target

# A computed indicator counts over the year before the date it is measured on, unless its baseline
# date says where counting starts.
DEFAULT_PERIOD = timedelta(days=365)


def _decimal(value: Any, message: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(message) from None
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        raise ValidationError(message)
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def add_indicator(
    objective: ProgramObjective,
    *,
    name: str,
    unit: str = measures.Unit.COUNT,
    source: str = Source.MANUAL,
    measure: str = "",
    survey_question: str = "",
    baseline: Any = None,
    baseline_date: date | None = None,
    language: str = "",
) -> Indicator:
    name = name.strip()
    if not name:
        raise ValidationError(_("Name the indicator."))
    if source not in Source.values:
        raise ValidationError(_("This source of an indicator is not known."))
    if source == Source.COMPUTED:
        known = measures.get(measure)
        if known is None:
            raise ValidationError(_("Choose a measure from the catalogue."))
        unit = known.unit
    if source == Source.SURVEY and not survey_question:
        raise ValidationError(_("An indicator from a survey needs the survey's question."))
    last = Indicator.objects.filter(objective=objective).aggregate(last=Max("order"))["last"] or 0
    return Indicator.objects.create(
        objective=objective,
        order=last + 1,
        name=name,
        unit=unit,
        source=source,
        measure=measure if source == Source.COMPUTED else "",
        survey_question=survey_question if source == Source.SURVEY else "",
        baseline=None if baseline in (None, "") else _decimal(baseline, _("The baseline must be a number.")),
        baseline_date=baseline_date,
        language=language,
    )


@transaction.atomic
def delete_indicator(indicator: Indicator) -> None:
    indicator.delete()


@transaction.atomic
def set_target(indicator: Indicator, due: date, value: Any) -> Target:
    number = _decimal(value, _("The target must be a number."))
    target, _created = Target.objects.update_or_create(indicator=indicator, due=due, defaults={"value": number})
    return target


@transaction.atomic
def record_measurement(indicator: Indicator, on: date, value: Any, evidence: str, by: Any = None) -> Measurement:
    """A value entered by hand; it needs its evidence (a document, a count's source)."""
    evidence = evidence.strip()
    if not evidence:
        raise ValidationError(_("A value entered by hand needs its evidence."))
    if indicator.source != Source.MANUAL:
        raise ValidationError(_("This indicator is measured by the platform, not by hand."))
    if on > timezone.localdate():
        raise ValidationError(_("A measurement cannot be dated in the future."))
    number = _decimal(value, _("The value must be a number."))
    measurement, _created = Measurement.objects.update_or_create(
        indicator=indicator,
        on=on,
        defaults={
            "value": number,
            "evidence": evidence,
            "source": Source.MANUAL,
            "recorded_by": by if getattr(by, "is_authenticated", False) else None,
        },
    )
    return measurement


def scope_of(indicator: Indicator) -> Program | Network:
    goal = indicator.objective.goal
    return goal.program if goal.program_id else goal.network  # type: ignore[return-value]


def _computed_value(indicator: Indicator, on: date) -> float | None:
    measure = measures.get(indicator.measure)
    if indicator.source != Source.COMPUTED or measure is None:
        return None
    start = indicator.baseline_date if indicator.baseline_date and indicator.baseline_date < on else on - DEFAULT_PERIOD
    return measure.compute(scope_of(indicator), start, on)


def _survey_value(indicator: Indicator) -> float | None:
    """The mean answer of the survey question named "surveys.question:<id>" (None below five answers)."""
    from hevruta.surveys.results import question_mean

    _label, _colon, question_id = indicator.survey_question.partition(":")
    return question_mean(int(question_id)) if question_id.isdigit() else None


@transaction.atomic
def measure_computed(indicator: Indicator, on: date) -> Measurement | None:
    """Asks the catalogue's measure for the indicator's value on a date; None if it does not apply."""
    value = _survey_value(indicator) if indicator.source == Source.SURVEY else _computed_value(indicator, on)
    if value is None:
        return None
    measurement, _created = Measurement.objects.update_or_create(
        indicator=indicator, on=on, defaults={"value": _decimal(value, ""), "source": indicator.source, "evidence": ""}
    )
    return measurement


def refresh_computed_indicators(on: date | None = None) -> int:
    """Measures every computed indicator on a date (today by default); the housekeeping calls it daily."""
    on = on or timezone.localdate()
    count = 0
    indicators = Indicator.objects.filter(source__in=(Source.COMPUTED, Source.SURVEY)).select_related(
        "objective__goal__program__network", "objective__goal__network"
    )
    for indicator in indicators:
        count += measure_computed(indicator, on) is not None
    return count


def _owner_key(objective: ProgramObjective) -> tuple[Any, Any]:
    return (objective.goal.program, objective.goal.network)


@transaction.atomic
def add_milestone(
    owner: Program | Network,
    *,
    title: str,
    due: date,
    kind: str = MilestoneKind.MILESTONE,
    owner_person: Person | None = None,
    objective: ProgramObjective | None = None,
) -> Milestone:
    title = title.strip()
    if not title:
        raise ValidationError(_("Give the milestone a title."))
    if kind not in MilestoneKind.values:
        raise ValidationError(_("This kind of milestone is not known."))
    owned = {"program": owner} if isinstance(owner, Program) else {"network": owner}
    if objective is not None and _owner_key(objective) != (owned.get("program"), owned.get("network")):
        raise ValidationError(_("The objective belongs to another logic model."))
    return Milestone.objects.create(title=title, due=due, kind=kind, owner=owner_person, objective=objective, **owned)


@transaction.atomic
def complete_milestone(milestone: Milestone, on: date | None = None) -> Milestone:
    milestone.done_on = on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    return milestone
