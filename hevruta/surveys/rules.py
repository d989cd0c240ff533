"""Who may see what of a survey, declared once for pages and the API."""

from typing import Any

import rules

from hevruta.outcomes.scopes import scope_access

from .models import Survey
from .queries import names_people, questions_locked


@rules.predicate
def sees_results(user: Any, survey: Survey) -> bool:
    """Those who run the survey's program or network (the rule of the results page)."""
    owner = survey.program or survey.network
    scope = scope_access(user, owner) if owner is not None else None
    return scope is not None and scope.sees


@rules.predicate
def runs_the_survey(user: Any, survey: Survey) -> bool:
    """Those who may change the program's or the network's surveys (a coordinator, a network manager)."""
    owner = survey.program or survey.network
    scope = scope_access(user, owner) if owner is not None else None
    return scope is not None and scope.manages


@rules.predicate
def questions_still_open(user: Any, survey: Survey) -> bool:
    return not questions_locked(survey)


@rules.predicate
def names_its_people(user: Any, survey: Survey) -> bool:
    return names_people(survey)


rules.add_perm("surveys.view_person_changes", sees_results & names_its_people)
# Adding, editing, reordering and deleting questions: the services refuse a locked survey themselves.
rules.add_perm("surveys.change_questions", runs_the_survey & questions_still_open)
