"""The surveys API's schemas: aggregated results only; no answer ever comes with who gave it."""

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
