"""The insights API's schemas: a dashboard's sections, each the rows its chart is drawn from."""

from datetime import date, datetime

from ninja import Schema


class DashboardRowOut(Schema):
    label: str
    value: float


class DashboardSectionOut(Schema):
    key: str
    title: str
    note: str
    rows: list[DashboardRowOut]


class DashboardOut(Schema):
    start: date
    end: date
    refreshed_at: datetime | None
    refresh_minutes: int
    sections: list[DashboardSectionOut]


class ReportReaderIn(Schema):
    person_id: int


class ReportReaderOut(Schema):
    person_id: int
    name: str
    named_at: datetime
