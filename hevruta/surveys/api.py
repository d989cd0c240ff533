"""The surveys API: a draft survey's questions (read, add, edit, delete, reorder) for those who run its
program or network; a survey's aggregated results, under the same rules as its page (fewer than five
answers: nothing; groups only when each has five). Free-text answers are not served here.

What one may not know answers 404; what one sees but may not change, 403; a refused change (a locked
survey, an empty question, an order that does not name each question once), 400 with the reason, and
nothing changed.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Status

from hevruta.api.auth import REQUIRED
from hevruta.api.types import PathId
from hevruta.outcomes.scopes import scope_access

from . import queries, results, services
from .models import Question, Survey
from .schemas import (
    QuestionIn,
    QuestionOrderIn,
    QuestionOut,
    QuestionPatchIn,
    QuestionsOut,
    SurveyPersonChangesOut,
    SurveyResultsOut,
)

router = Router(tags=["surveys"])


def _survey_seen(request: HttpRequest, survey_id: int, *, manage: bool = False) -> Survey:
    """The survey if the viewer sees its results (and changes its questions, when asked): 404 when they
    may not know it, 403 when not theirs."""
    survey = Survey.objects.select_related("program__network", "network", "pre_survey").filter(pk=survey_id).first()
    owner = (survey.program or survey.network) if survey is not None else None
    scope = scope_access(request.user, owner) if owner is not None else None
    if survey is None or scope is None:
        raise Http404("No such survey, or it is not shown to you.")
    if not scope.sees or (manage and not scope.manages):
        raise PermissionDenied("Only those who run the program or the network may see or change its surveys.")
    return survey


def _question(survey: Survey, question_id: int) -> Question:
    question = survey.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404("No such question in this survey.")
    return question


def _questions(survey: Survey) -> dict[str, Any]:
    return {
        "survey_id": survey.pk,
        "locked": queries.questions_locked(survey),
        "questions": list(survey.questions.order_by("order")),
    }


@router.get(
    "/{int:survey_id}/questions",
    response=QuestionsOut,
    auth=REQUIRED,
    summary="A survey's questions, in order",
    description="For those who see the survey's results; `locked` says the survey was sent or answered, "
    "so that its questions no longer change.",
)
def list_survey_questions(request: HttpRequest, survey_id: PathId) -> dict[str, Any]:
    return _questions(_survey_seen(request, survey_id))


@router.post(
    "/{int:survey_id}/questions",
    response={201: QuestionOut},
    auth=REQUIRED,
    summary="Add a question at the end of a draft survey",
    description="For those who run the survey's program or network, while the survey is a draft that "
    "nobody has answered (400 otherwise).",
)
def add_survey_question(request: HttpRequest, survey_id: PathId, data: QuestionIn) -> Status:
    survey = _survey_seen(request, survey_id, manage=True)
    question = services.add_question(
        survey, kind=data.kind, text=data.text, choices=data.choices, required=data.required
    )
    return Status(201, question)


@router.patch(
    "/{int:survey_id}/questions/{int:question_id}",
    response=QuestionOut,
    auth=REQUIRED,
    summary="Edit a question of a draft survey",
    description="Its text, kind, choices or whether an answer is required; fields left out keep their "
    "value. Only while the survey is a draft that nobody has answered (400 otherwise).",
)
def edit_survey_question(
    request: HttpRequest, survey_id: PathId, question_id: PathId, data: QuestionPatchIn
) -> Question:
    question = _question(_survey_seen(request, survey_id, manage=True), question_id)
    return services.edit_question(
        question,
        kind=data.kind if data.kind is not None else question.kind,
        text=data.text if data.text is not None else question.text,
        choices=data.choices if data.choices is not None else question.choices,
        required=data.required if data.required is not None else question.required,
    )


@router.delete(
    "/{int:survey_id}/questions/{int:question_id}",
    response={204: None},
    auth=REQUIRED,
    summary="Delete a question of a draft survey",
    description="The questions after it move up one place. Only while the survey is a draft that nobody "
    "has answered (400 otherwise).",
)
def delete_survey_question(request: HttpRequest, survey_id: PathId, question_id: PathId) -> Status:
    services.delete_question(_question(_survey_seen(request, survey_id, manage=True), question_id))
    return Status(204, None)


@router.put(
    "/{int:survey_id}/questions/order",
    response=QuestionsOut,
    auth=REQUIRED,
    summary="Put a draft survey's questions in a new order",
    description="`question_ids` names every question of the survey once, in the new order; an unknown "
    "id, another survey's question, one left out or named twice is refused (400) and nothing moves.",
)
def reorder_survey_questions(request: HttpRequest, survey_id: PathId, data: QuestionOrderIn) -> dict[str, Any]:
    survey = _survey_seen(request, survey_id, manage=True)
    services.reorder_questions(survey, data.question_ids)
    return _questions(survey)


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
