"""The surveys API's schemas: aggregated results; answers come with who gave them only for a survey
that is not anonymous (the change person by person of a named before/after pair)."""

from ninja import Schema


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
