"""The outcomes API's schemas: indicators with their targets and measurements."""

from datetime import date

from ninja import Schema


class TargetOut(Schema):
    due: date
    value: float


class MeasurementOut(Schema):
    on: date
    value: float
    source: str
    evidence: str


class IndicatorOut(Schema):
    id: int
    goal: int
    objective: str
    name: str
    unit: str
    source: str
    measure: str
    baseline: float | None
    baseline_date: date | None
    progress: int | None
    targets: list[TargetOut]
    measurements: list[MeasurementOut]
