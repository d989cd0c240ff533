"""Goals, objectives, indicators, targets, measurements and milestones of a program or a network."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from hevruta.insights import measures
from hevruta.outcomes import services
from hevruta.outcomes.models import Indicator, Measurement, Milestone, Source
from hevruta.outcomes.queries import logic_model
from hevruta.outcomes.scopes import PROGRAM, Scope
from hevruta.programs import services as programs
from hevruta.programs.models import ProgramGoal

pytestmark = pytest.mark.django_db


def test_a_goal_belongs_to_a_program_or_a_network_never_both(models, world):
    goal = ProgramGoal.objects.get(network=world.home)
    assert goal.program is None and goal.order == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgramGoal.objects.create(program=models.program, network=world.home, order=9, text="Both")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgramGoal.objects.create(order=9, text="Neither")


def test_network_goals_are_numbered_apart_from_programs_goals(models, world):
    second = programs.add_goal(world.home, "Reach the periphery", "en")
    assert second.order == 2
    assert list(world.home.goals.values_list("order", flat=True)) == [1, 2]


def test_a_computed_indicator_takes_its_measures_unit_and_needs_a_known_measure(models):
    indicator = services.add_indicator(
        models.program_objective,
        name="Alumni in senior posts",
        source=Source.COMPUTED,
        measure="programs.alumni_in_senior_posts",
        unit=measures.Unit.COUNT,
    )
    assert indicator.unit == measures.Unit.PERCENT
    with pytest.raises(ValidationError):
        services.add_indicator(models.program_objective, name="X", source=Source.COMPUTED, measure="nope.nothing")
    with pytest.raises(ValidationError):
        services.add_indicator(models.program_objective, name="  ", source=Source.MANUAL)
    assert Indicator.objects.count() == 1


def test_a_value_entered_by_hand_needs_evidence_and_a_date_not_ahead(models):
    indicator = services.add_indicator(models.program_objective, name="Self-efficacy", unit=measures.Unit.SCORE)
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.record_measurement(indicator, today, 3.5, "   ")
    with pytest.raises(ValidationError):
        services.record_measurement(indicator, today + timedelta(days=1), 3.5, "survey of June")
    with pytest.raises(ValidationError):
        services.record_measurement(indicator, today, "a lot", "survey of June")
    assert not Measurement.objects.exists()
    services.record_measurement(indicator, today, 3.5, "survey of June")
    services.record_measurement(indicator, today, 3.7, "survey of June, corrected")
    assert list(indicator.measurements.values_list("value", "evidence")) == [
        (Decimal("3.70"), "survey of June, corrected")
    ]


def test_progress_is_the_way_from_baseline_to_the_next_target(models):
    indicator = services.add_indicator(models.program_objective, name="Share", baseline=20, unit="percent")
    services.set_target(indicator, timezone.localdate() + timedelta(days=200), 60)
    services.record_measurement(indicator, timezone.localdate(), 30, "count")
    scope = Scope(PROGRAM, models.program, manages=True, sees=True)
    (state,) = logic_model(scope).all_states
    assert (state.latest.value, state.next_target.value, state.progress) == (30, 60, 25)


def test_a_milestone_names_an_objective_of_its_own_logic_model_only(models, world):
    due = date(2027, 1, 1)
    with pytest.raises(ValidationError):
        services.add_milestone(models.program, title="Report", due=due, objective=models.network_objective)
    milestone = services.add_milestone(
        models.program, title="Report", due=due, objective=models.program_objective, owner_person=world.manager
    )
    services.complete_milestone(milestone, date(2026, 12, 1))
    assert Milestone.objects.get().done_on == date(2026, 12, 1)


def test_the_logic_model_is_read_in_the_same_queries_however_large(models, django_assert_max_num_queries):
    scope = Scope(PROGRAM, models.program, manages=True, sees=True)

    def grow(count: int) -> None:
        for number in range(count):
            goal = programs.add_goal(models.program, f"Goal {number}")
            objective = programs.add_objective(goal, f"Objective {number}")
            indicator = services.add_indicator(objective, name=f"Indicator {number}")
            services.set_target(indicator, date(2030, 1, 1), 10)
            services.record_measurement(indicator, date(2026, 1, 1), 5, "count")

    grow(2)
    with django_assert_max_num_queries(7):
        small = logic_model(scope)
    grow(20)
    with django_assert_max_num_queries(7):
        large = logic_model(scope)
    assert len(large.all_states) == len(small.all_states) + 20
