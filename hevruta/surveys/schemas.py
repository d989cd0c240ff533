"""The surveys API's schemas: a draft survey's questions as they are built; aggregated results; answers
come with who gave them only for a survey that is not anonymous (the change person by person of a named
before/after pair)."""

from typing import Annotated

from ninja import Field, Schema

from hevruta.api.types import Id, OmittableText, OmittableTexts, Text


class QuestionOut(Schema):
    id: int
    order: int
    kind: str
    text: str
    choices: list[str]
    required: bool


class QuestionsOut(Schema):
    survey_id: int
    locked: bool  # the survey was sent or answered: its questions no longer change
    questions: list[QuestionOut]


class QuestionIn(Schema):
    kind: Annotated[Text, Field(max_length=8, description="likert, choice, number or text")]
    text: Annotated[Text, Field(max_length=2000)]
    choices: list[Annotated[Text, Field(max_length=200)]] = Field(
        default_factory=list, max_length=50, description="For a question with choices: at least two."
    )
    required: bool = True


class QuestionPatchIn(Schema):
    """The fields to change; those left out keep their value."""

    kind: OmittableText = None
    text: OmittableText = None
    choices: OmittableTexts = None
    required: bool | None = None


class QuestionOrderIn(Schema):
    question_ids: list[Id] = Field(
        ..., max_length=200, description="Every question of the survey, once, in the new order."
    )


class CountOut(Schema):
    label: str
    count: int


class GroupOut(Schema):
    group: str
    answers: int
    mean: float | None


class QuestionResultOut(Schema):
    order: int
    kind: str
    text: str
    answers: int
    shown: bool
    mean: float | None
    distribution: list[CountOut]
    groups: list[GroupOut]


class ChangeOut(Schema):
    order: int
    pairs: int
    shown: bool
    mean_change: float | None
    low: float | None
    high: float | None
    down: int
    same: int
    up: int


class SurveyResultsOut(Schema):
    id: int
    title: str
    status: str
    is_anonymous: bool
    asked: int
    answered: int
    questions: list[QuestionResultOut]
    changes: list[ChangeOut]


class PersonChangeOut(Schema):
    person_id: int
    name: str
    before: float
    after: float
    change: float


class QuestionPersonChangesOut(Schema):
    order: int
    kind: str
    text: str
    pairs: int
    shown: bool
    people: list[PersonChangeOut]


class SurveyPersonChangesOut(Schema):
    id: int
    title: str
    pre_survey_id: int
    questions: list[QuestionPersonChangesOut]
