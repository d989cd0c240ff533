"""The read side of surveys: whether a survey's questions may still change, and, for surveys that name
their people, each person's before and after answers.

Only a before/after pair in which both surveys are not anonymous names anyone: a named after survey
whose before survey was anonymous must not join those anonymous answers back to a person (its
`pair_key` could). A question's people are listed only when at least SMALLEST_GROUP answered both.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from hevruta.directory.models import Person

from .models import SMALLEST_GROUP, Answer, Question, QuestionKind, Survey, SurveyStatus


@dataclass
class PersonChange:
    person_id: int
    name: str
    before: Decimal
    after: Decimal

    @property
    def change(self) -> Decimal:
        return self.after - self.before


@dataclass
class QuestionPeople:
    question: Question
    pairs: int
    shown: bool  # False: fewer than SMALLEST_GROUP answered both, and `rows` stays empty
    rows: list[PersonChange] = field(default_factory=list)


def questions_locked(survey: Survey) -> bool:
    """Whether the survey's questions may no longer change: once it was sent, or anyone answered it
    (answers point at their questions, and a before/after pair is matched question by question)."""
    return survey.status != SurveyStatus.DRAFT or survey.responses.exists()


def names_people(survey: Survey) -> bool:
    """Whether the survey is the after half of a pair in which neither half is anonymous."""
    pre = survey.pre_survey
    return pre is not None and not survey.is_anonymous and not pre.is_anonymous


def _numbers(survey: Survey) -> dict[tuple[int, int], Decimal]:
    """(question order, person id) -> the number the person answered."""
    rows = Answer.objects.filter(
        response__survey=survey, response__person__isnull=False, number__isnull=False
    ).values_list("question__order", "response__person_id", "number")
    return {(order, person_id): number for order, person_id, number in rows if number is not None}


def person_changes(post: Survey) -> list[QuestionPeople]:
    """Per scaled question of an after survey: each person's change, greatest gain first."""
    if not names_people(post) or post.pre_survey is None:
        return []
    before, after = _numbers(post.pre_survey), _numbers(post)
    both = before.keys() & after.keys()
    names = {person.pk: person.full_name for person in Person.objects.filter(pk__in={p for _o, p in both})}
    result = []
    for question in post.questions.filter(kind__in=(QuestionKind.LIKERT, QuestionKind.NUMBER)):
        keys = [key for key in both if key[0] == question.order]
        people = QuestionPeople(question, len(keys), shown=len(keys) >= SMALLEST_GROUP)
        if people.shown:
            rows = [PersonChange(key[1], names.get(key[1], ""), before[key], after[key]) for key in keys]
            people.rows = sorted(rows, key=lambda row: (-row.change, row.name, row.person_id))
        result.append(people)
    return result
