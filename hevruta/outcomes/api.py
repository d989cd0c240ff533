"""The outcomes API: a program's or a network's indicators, with their targets and measurements.

For those who run the scope, as the pages: what one may not know exists answers 404, what one sees but
does not run 403.
"""

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router

from hevruta.api.auth import REQUIRED
from hevruta.api.types import PathId
from hevruta.directory.queries import network_by_slug
from hevruta.programs.queries import program_by_id

from . import queries
from .schemas import IndicatorOut
from .scopes import NETWORK, PROGRAM, Scope, scope_for

router = Router(tags=["outcomes"])


def _indicators(scope: Scope) -> list[dict[str, Any]]:
    model = queries.logic_model(scope)
    rows = []
    for goal, objectives in model.tree:
        for objective, states in objectives:
            for state in states:
                indicator = state.indicator
                rows.append(
                    {
                        "id": indicator.pk,
                        "goal": goal.order,
                        "objective": objective.text,
                        "name": indicator.name,
                        "unit": indicator.unit,
                        "source": indicator.source,
                        "measure": indicator.measure,
                        "baseline": indicator.baseline,
                        "baseline_date": indicator.baseline_date,
                        "progress": state.progress,
                        "targets": state.targets,
                        "measurements": state.measurements,
                    }
                )
    return rows


def program_scope(request: HttpRequest, program_id: int) -> Scope:
    program = program_by_id(request.user, program_id)
    if program is None:
        raise Http404("No such program, or it is not shown to you.")
    return scope_for(request.user, PROGRAM, program.slug)


def network_scope(request: HttpRequest, slug: str) -> Scope:
    if network_by_slug(slug) is None:
        raise Http404("No such network, or it is not shown to you.")
    return scope_for(request.user, NETWORK, slug)


@router.get(
    "/programs/{int:program_id}/indicators",
    response=list[IndicatorOut],
    auth=REQUIRED,
    summary="A program's indicators, with targets and measurements",
)
def list_program_indicators(request: HttpRequest, program_id: PathId) -> list[dict[str, Any]]:
    return _indicators(program_scope(request, program_id))


@router.get(
    "/networks/{slug}/indicators",
    response=list[IndicatorOut],
    auth=REQUIRED,
    summary="A network's indicators, with targets and measurements",
)
def list_network_indicators(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    return _indicators(network_scope(request, slug))
