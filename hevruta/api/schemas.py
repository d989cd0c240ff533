"""The shapes of the API's error answers, shared by every endpoint's documentation."""

from ninja import Schema


class ErrorOut(Schema):
    detail: str


class ValidationProblemOut(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationProblemOut]
