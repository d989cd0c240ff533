"""The programs API's schemas: what goes in and what comes out, documented in the OpenAPI document.

Inputs use the shared constrained types of `hevruta.api.types`; names are unique across the project
(the OpenAPI document keys its components by class name).
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal

from django.utils.translation import gettext
from ninja import Field, Schema
from pydantic import AfterValidator, WithJsonSchema

from hevruta.api.types import DateTime, Id, Text
from hevruta.core.names import local_name_text
from hevruta.events.models import EventKind

from . import queries
from .models import ProgramKind


def _to_tenths(hours: Decimal) -> Decimal:
    # Kept to the tenth of an hour (the model's one decimal place), rather than refusing 1.25 hours.
    return hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# A number in the document (no strings), more than 0 and at most 24, rounded to tenths.
Hours = Annotated[
    Decimal,
    Field(gt=0, le=24),
    AfterValidator(_to_tenths),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": 24}),
]


class ProgramOut(Schema):
    id: int
    slug: str
    name: str
    name_he: str
    name_ar: str
    name_en: str
    kind: str
    network: str
    description: str
    vision: str
    framework_id: int | None
    issuing_organization_id: int | None

    @staticmethod
    def resolve_network(program: Any) -> str:
        # The detail hands over a dict already resolved; lists hand over Program objects.
        return program["network"] if isinstance(program, dict) else program.network.slug


class ProgramObjectiveOut(Schema):
    order: int
    text: str
    language: str


class ProgramGoalOut(Schema):
    order: int
    text: str
    language: str
    objectives: list[ProgramObjectiveOut]

    @staticmethod
    def resolve_objectives(goal: Any) -> list:
        return list(goal.objectives.all())


class ProgramRequirementOut(Schema):
    id: int
    kind: str
    label: str
    min_percent: int | None
    hours: Decimal | None
    competency_id: int | None
    min_level: str | None

    @staticmethod
    def resolve_label(requirement: Any) -> str:
        return queries.requirement_label(requirement)

    @staticmethod
    def resolve_min_level(requirement: Any) -> str | None:
        return requirement.min_level.name if requirement.min_level else None


class ProgramStaffOut(Schema):
    person_id: int
    name: str
    role: str

    @staticmethod
    def resolve_name(staff: Any) -> str:
        return staff.person.full_name


class ProgramRoleOut(Schema):
    id: int
    name: str


class CohortOut(Schema):
    id: int
    program_id: int
    name: str
    start_date: date
    end_date: date


class ProgramDetailOut(ProgramOut):
    goals: list[ProgramGoalOut]
    requirements: list[ProgramRequirementOut]
    roles: list[ProgramRoleOut]
    staff: list[ProgramStaffOut]
    cohorts: list[CohortOut]


class ProgramIn(Schema):
    network: Text = Field(..., description="The slug of the network the program belongs to")
    name_he: Text = ""
    name_ar: Text = ""
    name_en: Text = ""
    kind: ProgramKind = ProgramKind.ACCREDITATION
    description: Text = ""
    vision: Text = ""
    role_ids: list[Id] = []
    framework_id: Id | None = None
    issuing_organization_id: Id | None = None


class CohortIn(Schema):
    name: Text = Field(..., max_length=200)
    start_date: date
    end_date: date


class AlumniFiguresOut(Schema):
    alumni: int = Field(..., description="Alumni across all cohorts")
    senior_now: int = Field(..., description="Alumni who hold a senior post now")
    senior_after: int = Field(..., description="Alumni who took a senior post after their cohort ended")


class AlumnusPositionOut(Schema):
    title: str
    organization: str
    start_date: date | None
    end_date: date | None
    is_senior: bool

    @staticmethod
    def resolve_organization(position: Any) -> str:
        return local_name_text(position.organization)


class AlumnusOut(Schema):
    id: int
    given_name: str
    family_name: str
    cohorts: list[str]
    positions: list[AlumnusPositionOut]

    @staticmethod
    def resolve_cohorts(person: Any) -> list[str]:
        return [enrollment.cohort.name for enrollment in person.alumni_enrollments]

    @staticmethod
    def resolve_positions(person: Any) -> list:
        return person.timeline


class ParticipantOut(Schema):
    id: int
    person_id: int
    name: str
    organization: str | None
    status: str

    @staticmethod
    def resolve_name(enrollment: Any) -> str:
        # An "only me" profile is not named to fellow participants (queries.named_people).
        return gettext("A participant") if getattr(enrollment, "unnamed", False) else enrollment.person.full_name

    @staticmethod
    def resolve_organization(enrollment: Any) -> str | None:
        if getattr(enrollment, "unnamed", False) or not enrollment.organization:
            return None
        return local_name_text(enrollment.organization)


class ParticipantIn(Schema):
    person_id: Id


class CohortSessionOut(Schema):
    id: int
    cohort_id: int
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    check_in_code: str | None = Field(None, description="Shown to the program's staff only")


class CohortSessionIn(Schema):
    kind: EventKind = EventKind.MEETING
    title: Text = Field(..., max_length=300)
    starts_at: DateTime
    ends_at: DateTime
    place: Text = Field("", max_length=300)


class AttendanceOut(Schema):
    person_id: int
    name: str
    present: bool
    method: str | None

    @staticmethod
    def resolve_name(row: Any) -> str:
        return row["name"] if isinstance(row, dict) else row.person.full_name


class AttendanceMarkIn(Schema):
    person_id: Id
    present: bool


class AttendanceIn(Schema):
    marks: list[AttendanceMarkIn] = Field(..., max_length=5000)


class CheckInIn(Schema):
    code: Text = Field(..., max_length=20)


class CheckInOut(Schema):
    session_id: int
    present: bool
    method: str


class RequirementProgressOut(Schema):
    requirement_id: int
    kind: str
    label: str
    target: str
    current: str
    met: bool
    percent: int
    target_value: float | None
    current_value: float | None


class EvidenceOut(Schema):
    id: int
    enrollment_id: int
    person_id: int
    competency_id: int
    assignment_id: int | None
    status: str
    revision: int
    level: str | None
    submitted_at: datetime

    @staticmethod
    def resolve_person_id(evidence: Any) -> int:
        return evidence.enrollment.person_id

    @staticmethod
    def resolve_level(evidence: Any) -> str | None:
        return evidence.level.name if evidence.level else None


class EvidenceRevisionOut(Schema):
    number: int
    text: str
    file_name: str
    video_url: str
    reflection: str
    submitted_at: datetime


class EvidenceReviewOut(Schema):
    id: int
    revision: int
    reviewer_id: int | None
    decision: str
    level: str | None
    comments: str
    reviewed_at: datetime

    @staticmethod
    def resolve_revision(review: Any) -> int:
        return review.revision.number

    @staticmethod
    def resolve_level(review: Any) -> str | None:
        return review.level.name if review.level else None


class EvidenceDetailOut(EvidenceOut):
    text: str
    file_name: str
    video_url: str
    reflection: str
    revisions: list[EvidenceRevisionOut]
    reviews: list[EvidenceReviewOut]

    @staticmethod
    def resolve_revisions(evidence: Any) -> list:
        return list(evidence.revisions.all())

    @staticmethod
    def resolve_reviews(evidence: Any) -> list:
        return list(evidence.reviews.all())


class EvidenceReviewIn(Schema):
    decision: Literal["accept", "return"]
    level_id: Id | None = None
    comments: Text = Field("", max_length=20000)


class SupervisionMeetingOut(Schema):
    id: int
    supervisor_id: int
    supervisee_id: int
    program_id: int | None
    date: date
    hours: Decimal
    notes: str
    competency_ids: list[int]

    @staticmethod
    def resolve_competency_ids(meeting: Any) -> list[int]:
        return [item.pk for item in meeting.competencies.all()]


class SupervisionMeetingIn(Schema):
    supervisee_id: Id
    program_id: Id | None = None
    date: date
    hours: Hours
    notes: Text = Field("", max_length=50000)
    competency_ids: list[Id] = Field([], max_length=200)


class AccreditationDecisionOut(Schema):
    id: int
    enrollment_id: int
    decision: str
    reason: str
    decided_at: datetime
    decided_by: str | None = Field(None, description="Shown to the program's staff only")
    roles: list[str]


class AccreditationDecisionIn(Schema):
    decision: Literal["approve", "defer"]
    reason: Text = Field("", max_length=20000)


class ProgramCredentialIn(Schema):
    kind: Literal["accreditation", "completion", "competency"]
    competency_id: Id | None = None


class ProgramCredentialOut(Schema):
    id: str
    kind: str
    name: str
    url: str
    json_url: str


class RoleAccreditationOut(Schema):
    role_id: int
    role: str
    program_id: int
    program: str
    granted_at: datetime


class CohortApplicationIn(Schema):
    message: Annotated[Text, Field(max_length=2000)] = ""


class CohortApplicationOut(Schema):
    id: int
    cohort_id: int
    person_id: int
    name: str = Field(alias="person.full_name")
    message: str
    status: str
    created_at: datetime
    decided_at: datetime | None
