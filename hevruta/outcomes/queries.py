"""The read side of logic models: a scope's goals, objectives and indicators, each indicator with its
targets, its measurements and where it stands, in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from hevruta.insights import measures
from hevruta.programs.models import ProgramGoal, ProgramObjective

from .models import Indicator, Measurement, Milestone
from .scopes import Scope


@dataclass
class IndicatorState:
    """An indicator with its latest value and the next target it is measured against."""

    indicator: Indicator
    targets: list = field(default_factory=list)
    measurements: list = field(default_factory=list)

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def next_target(self):  # type: ignore[no-untyped-def]
        today = timezone.localdate()
        upcoming = [target for target in self.targets if target.due >= today]
        return upcoming[0] if upcoming else (self.targets[-1] if self.targets else None)

    @property
    def progress(self) -> int | None:
        """Percent of the way from the baseline to the next target, when both and a value exist."""
        target, latest = self.next_target, self.latest
        if target is None or latest is None:
            return None
        start = self.indicator.baseline or Decimal(0)
        if target.value == start:
            return 100 if latest.value >= target.value else 0
        return max(0, min(100, round(100 * (latest.value - start) / (target.value - start))))

    @property
    def measure_label(self) -> str:
        measure = measures.get(self.indicator.measure)
        return str(measure.label) if measure else ""


@dataclass
class LogicModel:
    scope: Scope
    vision: str
    vision_language: str
    goals: list[ProgramGoal]
    states: dict[int, list[IndicatorState]]  # by objective id
    milestones: list[Milestone]

    def indicators_of(self, objective: ProgramObjective) -> list[IndicatorState]:
        return self.states.get(objective.pk, [])

    @property
    def tree(self) -> list[tuple[ProgramGoal, list[tuple[ProgramObjective, list[IndicatorState]]]]]:
        """Goals, each with its objectives, each with its indicators: what the page walks through."""
        return [
            (goal, [(objective, self.indicators_of(objective)) for objective in goal.objectives.all()])
            for goal in self.goals
        ]

    @property
    def all_states(self) -> list[IndicatorState]:
        return [state for states in self.states.values() for state in states]


def indicators_of_scope(scope: Scope):  # type: ignore[no-untyped-def]
    return Indicator.objects.filter(**{f"objective__goal__{scope.kind}": scope.owner})


def logic_model(scope: Scope, until: date | None = None) -> LogicModel:
    """Five queries whatever the size: goals, objectives, indicators, targets, measurements (+ milestones)."""
    measurements = Measurement.objects.order_by("on")
    if until is not None:
        measurements = measurements.filter(on__lte=until)
    goals = list(
        ProgramGoal.objects.filter(**scope.owned)
        .order_by("order")
        .prefetch_related(Prefetch("objectives", queryset=ProgramObjective.objects.order_by("order")))
    )
    indicators = indicators_of_scope(scope).prefetch_related("targets", Prefetch("measurements", queryset=measurements))
    states: dict[int, list[IndicatorState]] = {}
    for indicator in indicators.order_by("order", "id"):
        state = IndicatorState(indicator, list(indicator.targets.all()), list(indicator.measurements.all()))
        states.setdefault(indicator.objective_id, []).append(state)
    milestones = list(Milestone.objects.filter(**scope.owned).select_related("owner", "objective"))
    return LogicModel(
        scope=scope,
        vision=scope.owner.vision,
        vision_language=scope.owner.vision_language,
        goals=goals,
        states=states,
        milestones=milestones,
    )
