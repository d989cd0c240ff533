"""Survey pages: a scope's surveys, building and sending one, answering it, and its results."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.core.refusals import tell_refusal
from hevruta.directory.queries import viewer_for
from hevruta.outcomes.scopes import Scope, scope_access, scope_for

from . import queries, results, services
from .forms import AnswerForm, QuestionForm, SendForm, SurveyForm
from .models import Invitation, Question, Survey, SurveyStatus


def _surveys(scope: Scope) -> Any:
    return Survey.objects.filter(**scope.owned)


def _survey_for(request: HttpRequest, pk: int, *, manage: bool = False) -> tuple[Survey, Scope]:
    survey = get_object_or_404(Survey.objects.select_related("program__network", "network"), pk=pk)
    owner = survey.program or survey.network
    scope = scope_access(request.user, owner) if owner is not None else None
    if scope is None:
        raise Http404(_("No such survey, or it is not shown to you."))
    if not scope.sees or (manage and not scope.manages):
        raise PermissionDenied(_("Only those who run the program or the network may see or change its surveys."))
    return survey, scope


@login_required
def survey_list(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    scope = scope_for(request.user, kind, slug)
    surveys = _surveys(scope).prefetch_related("questions")
    return render(request, "surveys/list.html", {"scope": scope, "surveys": surveys})


@login_required
def survey_create(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    scope = scope_for(request.user, kind, slug, manage=True)
    form = SurveyForm(request.POST or None, surveys=_surveys(scope))
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(scope.owner, created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("surveys:survey", pk=survey.pk)
    return render(request, "surveys/form.html", {"form": form, "title": _("New survey"), "scope": scope})


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey, scope = _survey_for(request, pk)
    may_change = request.user.has_perm("surveys.change_questions", survey)
    context = {
        "survey": survey,
        "scope": scope,
        "questions": survey.questions.all(),
        "asked": survey.invitations.count(),
        "answered": survey.invitations.filter(answered=True).count(),
        "results": results.question_results(survey),
        "changes": results.changes(survey),
        "names_people": request.user.has_perm("surveys.view_person_changes", survey),
        "smallest": results.SMALLEST_GROUP,
        "may_change_questions": may_change,
        "locked_message": services.questions_locked_message(),
        "has_post_survey": Survey.objects.filter(pre_survey=survey).exists(),
        "question_form": QuestionForm() if may_change else None,
        "send_form": SendForm(owner=scope.owner) if survey.status != SurveyStatus.CLOSED and scope.manages else None,
    }
    return render(request, "surveys/survey.html", context)


@login_required
def person_changes(request: HttpRequest, pk: int) -> HttpResponse:
    """Each person's before and after answers, for those who see the results of a named pair."""
    survey, scope = _survey_for(request, pk)
    if not queries.names_people(survey):
        raise Http404(_("Changes person by person are shown only for a before/after pair that is not anonymous."))
    context = {
        "survey": survey,
        "scope": scope,
        "questions": queries.person_changes(survey),
        "smallest": results.SMALLEST_GROUP,
    }
    return render(request, "surveys/person_changes.html", context)


def _act(request: HttpRequest, survey: Survey, action: Any) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        tell_refusal(request, error)
    return redirect("surveys:survey", pk=survey.pk)


def _form_errors(request: HttpRequest, form: QuestionForm) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))


def _question_fields(form: QuestionForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "text": data["text"],
        "choices": data["choices"].splitlines(),
        "required": data["required"],
    }


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey, _scope = _survey_for(request, pk, manage=True)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect("surveys:survey", pk=survey.pk)
    return _act(request, survey, lambda: services.add_question(survey, **_question_fields(form)))


def _question_for(request: HttpRequest, pk: int, question_pk: int) -> tuple[Survey, Scope, Question]:
    """A question of a survey the viewer runs; another survey's question is not found here (404)."""
    survey, scope = _survey_for(request, pk, manage=True)
    question = get_object_or_404(Question, pk=question_pk, survey=survey)
    return survey, scope, question


def _back_to_questions(survey: Survey, question: Question | None = None) -> HttpResponse:
    anchor = f"#question-{question.pk}" if question is not None else "#questions"
    return redirect(reverse("surveys:survey", args=[survey.pk]) + anchor)


def _refused_when_locked(request: HttpRequest, survey: Survey) -> HttpResponse | None:
    if queries.questions_locked(survey):
        messages.error(request, services.questions_locked_message())
        return _back_to_questions(survey)
    return None


@login_required
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey, scope, question = _question_for(request, pk, question_pk)
    if (refused := _refused_when_locked(request, survey)) is not None:
        return refused
    initial = {
        "kind": question.kind,
        "text": question.text,
        "choices": "\n".join(question.choices),
        "required": question.required,
    }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_question(question, **_question_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The question was saved."))
            return _back_to_questions(survey, question)
    context = {"form": form, "survey": survey, "scope": scope, "question": question}
    return render(request, "surveys/question_form.html", context)


@login_required
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """Asks before deleting (a page, so that it works without JavaScript), then deletes on POST."""
    survey, scope, question = _question_for(request, pk, question_pk)
    if (refused := _refused_when_locked(request, survey)) is not None:
        return refused
    if request.method == "POST":
        try:
            services.delete_question(question)
        except ValidationError as error:
            tell_refusal(request, error)
        else:
            messages.success(request, _("The question was deleted."))
        return _back_to_questions(survey)
    return render(request, "surveys/question_delete.html", {"survey": survey, "scope": scope, "question": question})


MOVES = {"up": -1, "down": 1}


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    survey, _scope, question = _question_for(request, pk, question_pk)
    step = MOVES.get(request.POST.get("direction", ""))
    if step is None:
        messages.error(request, _("Move a question up or down."))
        return _back_to_questions(survey, question)
    try:
        services.move_question(question, step)
    except ValidationError as error:
        tell_refusal(request, error)
    return _back_to_questions(survey, question)


@login_required
@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    survey, scope = _survey_for(request, pk, manage=True)
    form = SendForm(request.POST, owner=scope.owner)
    if not form.is_valid():
        messages.error(request, _("Choose whom to send the survey to."))
        return redirect("surveys:survey", pk=survey.pk)
    key, _sep, option = form.cleaned_data["audience"].rpartition(":")

    def sending() -> None:
        count = services.send(survey, key, int(option), closes_on=form.cleaned_data["closes_on"], by=request.user)
        messages.success(request, _("%(count)d more people were asked to answer.") % {"count": count})

    return _act(request, survey, sending)


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    survey, _scope = _survey_for(request, pk, manage=True)
    count = services.remind(survey)
    messages.success(request, _("%(count)d people were reminded.") % {"count": count})
    return redirect("surveys:survey", pk=survey.pk)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    survey, _scope = _survey_for(request, pk, manage=True)
    services.close(survey)
    return redirect("surveys:survey", pk=survey.pk)


@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The page of a person asked to answer; nobody else learns the survey exists from it."""
    person_id = viewer_for(request.user).person_id or 0
    invitation = Invitation.objects.filter(survey_id=pk, person_id=person_id).select_related("survey", "person").first()
    if invitation is None:
        raise Http404(_("No such survey, or you were not asked to answer it."))
    survey = invitation.survey
    form = AnswerForm(request.POST or None, survey=survey)
    if request.method == "POST" and form.is_valid():
        answers = {int(name): value for name, value in form.cleaned_data.items()}
        try:
            services.answer(survey, invitation.person, answers)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your answers were recorded."))
            return redirect("core:home")
    return render(request, "surveys/answer.html", {"survey": survey, "invitation": invitation, "form": form})
