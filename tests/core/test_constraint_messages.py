"""Every database constraint speaks to people: a form that breaks one shows a sentence in the reader's
language, never the constraint's name ('המגבלה "cohort_ends_after_it_starts" הופרה')."""

from datetime import date

from django.apps import apps
from django.db.models import BaseConstraint
from django.utils.functional import Promise

from hevruta.programs.forms import CohortForm


def _our_constraints() -> list[tuple[str, BaseConstraint]]:
    return [
        (model.__name__, constraint)
        for model in apps.get_models()
        if model.__module__.startswith("hevruta.")
        for constraint in model._meta.constraints
    ]


def test_every_constraint_has_a_translatable_sentence() -> None:
    constraints = _our_constraints()
    assert len(constraints) > 50
    missing = [
        f"{model}.{constraint.name}"
        for model, constraint in constraints
        if not isinstance(constraint.violation_error_message, Promise)
    ]
    assert missing == [], "constraints without a gettext_lazy violation_error_message: " + ", ".join(missing)
    for _model, constraint in constraints:
        assert constraint.name not in str(constraint.get_violation_error_message())


def test_a_form_breaking_a_constraint_shows_the_sentence(db) -> None:
    form = CohortForm(data={"name": "מחזור א", "start_date": date(2026, 9, 1), "end_date": date(2026, 1, 1)})
    assert not form.is_valid()
    errors = " ".join(str(error) for error in form.non_field_errors())
    assert "A cohort cannot end before it starts." in errors
    assert "cohort_ends_after_it_starts" not in errors
