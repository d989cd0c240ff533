"""The shapes the API shares across apps: its error answers, and the jobs that long work runs as."""

from datetime import datetime

from ninja import Schema


class ErrorOut(Schema):
    detail: str


class ValidationProblemOut(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationProblemOut]


class JobProgressOut(Schema):
    done: int
    total: int


class JobSubjectOut(Schema):
    type: str
    id: int


class JobOut(Schema):
    id: int
    kind: str
    state: str
    state_label: str
    progress: JobProgressOut
    result: dict
    error: str
    subject: JobSubjectOut | None
    page: str
    attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class FoundOut(Schema):
    url: str
    title_html: str
    snippet_html: str
    note: str


class SearchSectionOut(Schema):
    name: str
    title: str
    total: int | None
    more_url: str
    items: list[FoundOut]


class SearchEverywhereOut(Schema):
    sections: list[SearchSectionOut]
