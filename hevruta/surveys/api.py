"""The surveys API: a survey's aggregated results, under the same rules as its page (fewer than five
answers: nothing; groups only when each has five). Free-text answers are not served here."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router

from hevruta.api.auth import REQUIRED
from hevruta.api.types import PathId
from hevruta.outcomes.scopes import scope_access

from . import queries, results
from .models import Survey
from .schemas import SurveyPersonChangesOut, SurveyResultsOut

router = Router(tags=["surveys"])


def _survey_seen(request: HttpRequest, survey_id: int) -> Survey:
    """The survey if the viewer sees its results: 404 when they may not know it, 403 when not theirs."""
    survey = Survey.objects.select_related("program__network", "network", "pre_survey").filter(pk=survey_id).first()
    owner = (survey.program or survey.network) if survey is not None else None
    scope = scope_access(request.user, owner) if owner is not None else None
    if survey is None or scope is None:
        raise Http404("No such survey, or it is not shown to you.")
    if not scope.sees:
        raise PermissionDenied("Only those who run the program or the network may see its surveys.")
    return survey


@router.get(
    "/{int:survey_id}/results",
    response=SurveyResultsOut,
    auth=REQUIRED,
    summary="A survey's aggregated results",
    description="For those who run its program or network. Questions with fewer than five answers "
    "show only their count; a breakdown by group only when every group has five answers.",
)
def get_survey_results(request: HttpRequest, survey_id: PathId) -> dict[str, Any]:
    survey = _survey_seen(request, survey_id)
    return {
        "id": survey.pk,
        "title": survey.title,
        "status": survey.status,
        "is_anonymous": survey.is_anonymous,
        "asked": survey.invitations.count(),
        "answered": survey.invitations.filter(answered=True).count(),
        "questions": [
            {
                "order": r.question.order,
                "kind": r.question.kind,
                "text": r.question.text,
                "answers": r.count,
                "shown": r.shown,
                "mean": r.mean,
                "distribution": [{"label": label, "count": count} for label, count in r.distribution],
                "groups": [{"group": g, "answers": n, "mean": m} for g, n, m in r.groups],
            }
            for r in results.question_results(survey)
        ],
        "changes": [
            {
                "order": c.question.order,
                "pairs": c.pairs,
                "shown": c.shown,
                "mean_change": c.mean_change,
                "low": c.low,
                "high": c.high,
                "down": c.down,
                "same": c.same,
                "up": c.up,
            }
            for c in results.changes(survey)
        ],
    }


@router.get(
    "/{int:survey_id}/changes-by-person",
    response=SurveyPersonChangesOut,
    auth=REQUIRED,
    summary="Each person's change in a named before/after pair",
    description="For those who see the after survey's results, when neither it nor its before survey is "
    "anonymous (otherwise 404). Per question with a number or an agreement scale: each person's before "
    "and after answers and the change, greatest gain first; no one is listed while fewer than five "
    "people answered both.",
)
def get_survey_changes_by_person(request: HttpRequest, survey_id: PathId) -> dict[str, Any]:
    survey = _survey_seen(request, survey_id)
    if survey.pre_survey is None or not request.user.has_perm("surveys.view_person_changes", survey):
        raise Http404("Changes person by person are shown only for a before/after pair that is not anonymous.")
    return {
        "id": survey.pk,
        "title": survey.title,
        "pre_survey_id": survey.pre_survey.pk,
        "questions": [
            {
                "order": item.question.order,
                "kind": item.question.kind,
                "text": item.question.text,
                "pairs": item.pairs,
                "shown": item.shown,
                "people": [
                    {
                        "person_id": row.person_id,
                        "name": row.name,
                        "before": float(row.before),
                        "after": float(row.after),
                        "change": float(row.change),
                    }
                    for row in item.rows
                ],
            }
            for item in queries.person_changes(survey)
        ],
    }
