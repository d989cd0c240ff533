"""Writing surveys: building them, sending them to an audience, reminding, answering; one transaction each."""

import hashlib
import hmac
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory.models import Network, Person
from hevruta.notifications.services import notify
from hevruta.programs.models import Program

from . import audiences, queries
from .models import Answer, Invitation, Question, QuestionKind, Response, Survey, SurveyStatus
from .notices import SURVEY_REMINDER, SURVEY_SENT

LIKERT = range(1, 6)
MAX_REMINDERS = 3
# Keeps a survey answerable in one sitting, and the renumbering (which moves numbers past the highest
# in use) within the small integers of the question's place.
MAX_QUESTIONS = 200


def questions_locked_message() -> str:
    return _("The questions are locked: they can change only while the survey is a draft that nobody has answered.")


@transaction.atomic
def create_survey(
    owner: Program | Network,
    *,
    title: str,
    introduction: str = "",
    is_anonymous: bool = True,
    pre_survey: Survey | None = None,
    language: str = "",
    created_by: Any = None,
) -> Survey:
    title = title.strip()
    if not title:
        raise ValidationError(_("Give the survey a title."))
    owned = {"program": owner} if isinstance(owner, Program) else {"network": owner}
    if pre_survey is not None:
        if (pre_survey.program, pre_survey.network) != (owned.get("program"), owned.get("network")):
            raise ValidationError(_("The before survey must be of the same program or network."))
        if Survey.objects.filter(pre_survey=pre_survey).exists():
            raise ValidationError(_("This before survey already has its after survey."))
    survey = Survey.objects.create(
        title=title,
        introduction=introduction.strip(),
        is_anonymous=is_anonymous,
        pre_survey=pre_survey,
        language=language,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        **owned,
    )
    if pre_survey is not None:  # the after survey asks the same questions, in the same order
        for question in pre_survey.questions.all():
            add_question(
                survey, kind=question.kind, text=question.text, choices=question.choices, required=question.required
            )
    return survey


def _locked_for_questions(survey: Survey) -> Survey:
    """The survey, locked against a concurrent send, if its questions may still change; refused otherwise."""
    current = Survey.objects.select_for_update().get(pk=survey.pk)
    if queries.questions_locked(current):
        raise ValidationError(questions_locked_message())
    return current


def _clean_question(kind: str, text: str, choices: list[str] | None) -> dict[str, Any]:
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the question."))
    if kind not in QuestionKind.values:
        raise ValidationError(_("This kind of question is not known."))
    choices = [choice.strip() for choice in (choices or []) if choice.strip()]
    if kind == QuestionKind.CHOICE and len(choices) < 2:
        raise ValidationError(_("A question with choices needs at least two of them."))
    if len(set(choices)) != len(choices):
        raise ValidationError(_("Each choice may be offered only once."))
    return {"kind": kind, "text": text, "choices": choices if kind == QuestionKind.CHOICE else []}


@transaction.atomic
def add_question(
    survey: Survey, *, kind: str, text: str, choices: list[str] | None = None, required: bool = True
) -> Question:
    survey = _locked_for_questions(survey)
    cleaned = _clean_question(kind, text, choices)
    count = survey.questions.count()
    if count >= MAX_QUESTIONS:
        raise ValidationError(_("A survey has at most %(count)d questions.") % {"count": MAX_QUESTIONS})
    return Question.objects.create(survey=survey, order=count + 1, required=required, **cleaned)


def _question_of(survey: Survey, question: Question) -> Question:
    found = Question.objects.filter(pk=question.pk, survey=survey).first()
    if found is None:
        raise ValidationError(_("This question is not one of the survey's questions."))
    return found


@transaction.atomic
def edit_question(
    question: Question, *, kind: str, text: str, choices: list[str] | None = None, required: bool = True
) -> Question:
    question = _question_of(_locked_for_questions(question.survey), question)
    for name, value in {**_clean_question(kind, text, choices), "required": required}.items():
        setattr(question, name, value)
    question.save(update_fields=["kind", "text", "choices", "required"])
    return question


def _number(survey: Survey, ordered_ids: list[int]) -> None:
    """Numbers the survey's questions 1, 2, 3… in the order given. The questions first move past the
    highest number in use, so that no two share a place at any moment (the database checks each row)."""
    highest = survey.questions.aggregate(highest=Max("order"))["highest"] or 0
    survey.questions.update(order=F("order") + highest)
    questions = {question.pk: question for question in survey.questions.all()}
    for place, pk in enumerate(ordered_ids, start=1):
        questions[pk].order = place
    Question.objects.bulk_update(questions.values(), ["order"])


@transaction.atomic
def delete_question(question: Question) -> None:
    survey = _locked_for_questions(question.survey)
    question = _question_of(survey, question)
    question.delete()
    _number(survey, list(survey.questions.order_by("order").values_list("pk", flat=True)))


@transaction.atomic
def move_question(question: Question, step: int) -> list[int]:
    """Moves a question one place up (step -1) or down (+1); at the first or last place it stays."""
    survey = _locked_for_questions(question.survey)
    question = _question_of(survey, question)
    ids = list(survey.questions.order_by("order").values_list("pk", flat=True))
    place = ids.index(question.pk)
    target = min(max(place + step, 0), len(ids) - 1)
    ids[place], ids[target] = ids[target], ids[place]
    _number(survey, ids)
    return ids


@transaction.atomic
def reorder_questions(survey: Survey, question_ids: list[int]) -> list[Question]:
    """Puts the survey's questions in the order given, which must name each of them exactly once."""
    survey = _locked_for_questions(survey)
    current = set(survey.questions.values_list("pk", flat=True))
    strangers = [pk for pk in question_ids if pk not in current]
    if strangers:
        raise ValidationError(
            _("These are not questions of this survey: %(ids)s.") % {"ids": ", ".join(map(str, strangers))}
        )
    if len(question_ids) != len(current) or set(question_ids) != current:
        raise ValidationError(_("Give each of the survey's questions exactly once, in the new order."))
    _number(survey, question_ids)
    return list(survey.questions.order_by("order"))


def _owner(survey: Survey) -> Program | Network:
    return survey.program or survey.network  # type: ignore[return-value]


@transaction.atomic
def send(given: Survey, audience_key: str, option: int, *, closes_on: date | None = None, by: Any = None) -> int:
    """Opens the survey and asks the audience's people (again: those already asked are not asked twice)."""
    survey = Survey.objects.select_for_update().get(pk=given.pk)
    audience = audiences.get(audience_key)
    if audience is None or option not in [value for value, _label in audience.options(_owner(survey))]:
        raise ValidationError(_("Choose whom to send the survey to."))
    if not survey.questions.exists():
        raise ValidationError(_("Add questions before sending the survey."))
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError(_("The survey is closed."))
    asked = set(survey.invitations.values_list("person_id", flat=True))
    new = [
        Invitation(survey=survey, person=person, group=group)
        for person, group in audience.people(_owner(survey), option)
        if person.pk not in asked and not asked.add(person.pk)  # type: ignore[func-returns-value]
    ]
    Invitation.objects.bulk_create(new)
    survey.status = SurveyStatus.OPEN
    survey.closes_on = closes_on or survey.closes_on
    survey.audience = str(audience.label)
    survey.save(update_fields=["status", "closes_on", "audience"])
    given.status, given.closes_on, given.audience = survey.status, survey.closes_on, survey.audience
    users = [invitation.person.user for invitation in new if invitation.person.user_id]
    notify(
        users, SURVEY_SENT, url=reverse("surveys:answer", args=[survey.pk]), context={"survey": survey.title}, actor=by
    )
    return len(new)


@transaction.atomic
def remind(survey: Survey) -> int:
    """Reminds those who have not answered an open survey (at most MAX_REMINDERS times each)."""
    if survey.status != SurveyStatus.OPEN:
        return 0
    waiting = list(
        survey.invitations.filter(answered=False, reminders__lt=MAX_REMINDERS).select_related("person__user")
    )
    Invitation.objects.filter(pk__in=[invitation.pk for invitation in waiting]).update(reminders=F("reminders") + 1)
    users = [invitation.person.user for invitation in waiting if invitation.person.user_id]
    notify(users, SURVEY_REMINDER, url=reverse("surveys:answer", args=[survey.pk]), context={"survey": survey.title})
    return len(waiting)


def remind_open_surveys() -> int:
    """The weekly chore (manage.py remind_surveys): reminds each open survey's late respondents, and
    closes the surveys whose closing day has passed."""
    today = timezone.localdate()
    Survey.objects.filter(status=SurveyStatus.OPEN, closes_on__lt=today).update(status=SurveyStatus.CLOSED)
    return sum(remind(survey) for survey in Survey.objects.filter(status=SurveyStatus.OPEN))


@transaction.atomic
def close(survey: Survey) -> Survey:
    survey.status = SurveyStatus.CLOSED
    survey.save(update_fields=["status"])
    return survey


def pair_key(survey: Survey, person: Person) -> str:
    """The same for one person's before and after responses, and made only with the server's secret."""
    root = survey.pre_survey_id or survey.pk
    message = f"survey-pair:{root}:{person.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _clean_answer(question: Question, raw: Any) -> dict[str, Any] | None:
    raw = (str(raw) if raw is not None else "").strip()
    if not raw:
        if question.required:
            raise ValidationError(_("Answer the question “%(question)s”.") % {"question": question.text[:80]})
        return None
    if question.kind == QuestionKind.TEXT:
        return {"text": raw[:5000]}
    if question.kind == QuestionKind.CHOICE:
        if raw not in question.choices:
            raise ValidationError(_("Choose one of the answers offered."))
        return {"choice": raw}
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(
            _("The answer to “%(question)s” must be a number.") % {"question": question.text[:80]}
        ) from None
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        raise ValidationError(_("The answer to “%(question)s” must be a number.") % {"question": question.text[:80]})
    if question.kind == QuestionKind.LIKERT and number not in LIKERT:
        raise ValidationError(_("Answer with a number from 1 to 5."))
    return {"number": number}


@transaction.atomic
def answer(survey: Survey, person: Person, answers: dict[int, Any]) -> Response:
    """Records one person's answers, once; the invitation only learns that they answered."""
    survey = Survey.objects.get(pk=survey.pk)  # its status as it is now, not as the caller read it
    invitation = Invitation.objects.select_for_update().filter(survey=survey, person=person).first()
    if invitation is None:
        raise ValidationError(_("You were not asked to answer this survey."))
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("The survey is not open."))
    if invitation.answered:
        raise ValidationError(_("You have already answered this survey."))
    cleaned = {question: _clean_answer(question, answers.get(question.pk)) for question in survey.questions.all()}
    response = Response.objects.create(
        survey=survey,
        person=None if survey.is_anonymous else person,
        submitted_on=timezone.localdate(),
        group=invitation.group,
        pair_key=pair_key(survey, person) if (survey.pre_survey_id or hasattr(survey, "post_survey")) else "",
    )
    Answer.objects.bulk_create(
        [Answer(response=response, question=question, **value) for question, value in cleaned.items() if value]
    )
    invitation.answered = True
    invitation.save(update_fields=["answered"])
    return response
