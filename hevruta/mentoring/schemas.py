"""The mentoring API's schemas. Meetings carry `summary` only as the reader may see it (the pair, or the
staff when the pair shared it); private notes only ever go to their writer."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from ninja import Field, Schema

from hevruta.api.types import Id, Text
from hevruta.programs.schemas import Hours


class MentoringProgramOut(Schema):
    id: int = Field(description="The program's id (programs API)")
    slug: str
    name: str
    kind: str
    network_id: int
    starts_on: date
    ends_on: date
    application_deadline: date | None
    default_capacity: int
    meeting_every_days: int
    self_matching: bool
    questions: list[str]

    @staticmethod
    def resolve_id(program: Any) -> int:
        return program.program_id

    @staticmethod
    def resolve_slug(program: Any) -> str:
        return program.program.slug

    @staticmethod
    def resolve_name(program: Any) -> str:
        return program.program.name

    @staticmethod
    def resolve_kind(program: Any) -> str:
        return program.program.kind

    @staticmethod
    def resolve_network_id(program: Any) -> int:
        return program.program.network_id


class ApplicationIn(Schema):
    side: Literal["mentor", "mentee"]
    capacity: int | None = Field(None, ge=1, le=20)
    goal_ids: list[Id] = Field([], max_length=50)
    organization_preference: Literal["any", "same", "different"] = "any"
    avoid_ids: list[Id] = Field([], max_length=50)
    answers: dict[str, Text] = Field({}, max_length=50)


class ApplicationOut(Schema):
    id: int
    person_id: int
    person_name: str
    side: str
    capacity: int
    status: str
    organization_preference: str
    goal_ids: list[int]

    @staticmethod
    def resolve_person_name(application: Any) -> str:
        return application.person.full_name

    @staticmethod
    def resolve_goal_ids(application: Any) -> list[int]:
        return [goal.pk for goal in application.goals.all()]


class MatchReasonOut(Schema):
    component: str
    points: int
    text: str


class PairOut(Schema):
    mentee_application_id: int
    mentor_application_id: int
    mentee_name: str
    mentor_name: str
    score: int
    locked: bool
    reasons: list[MatchReasonOut]


class RunOut(Schema):
    id: int
    status: str
    created_at: datetime
    published_at: datetime | None
    total_score: int
    unmatched: list[int] = Field(description="Application ids of the mentees left unmatched")
    blocking_pairs: int
    proven_optimal: bool
    missing_profiles: list[dict[str, Any]]
    pairs: list[PairOut]


class PairIn(Schema):
    mentee_application_id: Id
    mentor_application_id: Id
    kind: Literal["lock", "forbid"]


class ConstraintOut(Schema):
    id: int
    mentee_application_id: int
    mentor_application_id: int
    kind: str

    @staticmethod
    def resolve_mentee_application_id(constraint: Any) -> int:
        return constraint.mentee_id

    @staticmethod
    def resolve_mentor_application_id(constraint: Any) -> int:
        return constraint.mentor_id


class RelationshipOut(Schema):
    id: int
    program_id: int
    kind: str
    mentor_id: int
    mentor_name: str
    mentee_id: int
    mentee_name: str
    starts_on: date
    ends_on: date | None
    state: str
    meetings_held: int
    last_contact: date | None

    @staticmethod
    def resolve_mentor_name(relationship: Any) -> str:
        return relationship.mentor.full_name

    @staticmethod
    def resolve_mentee_name(relationship: Any) -> str:
        return relationship.mentee.full_name


class MeetingOut(Schema):
    id: int
    date: date
    hours: Decimal
    topic_ids: list[int]
    competency_ids: list[int]
    summary: str = Field(description="Empty unless you are one of the pair, or the pair shared it")
    summary_shared: bool

    @staticmethod
    def resolve_summary(meeting: Any) -> str:
        return meeting.shown_summary

    @staticmethod
    def resolve_topic_ids(meeting: Any) -> list[int]:
        return [topic.pk for topic in meeting.topics.all()]

    @staticmethod
    def resolve_competency_ids(meeting: Any) -> list[int]:
        return [item.pk for item in meeting.competencies.all()]


class MeetingIn(Schema):
    date: date
    hours: Hours
    topic_ids: list[Id] = Field([], max_length=50)
    competency_ids: list[Id] = Field([], max_length=200)
    summary: Text = Field("", max_length=50000)
    summary_shared: bool = False


class NoteIn(Schema):
    text: Text = Field(..., min_length=1, max_length=20000)


class NoteOut(Schema):
    id: int
    text: str
    created_at: datetime


class RatingOut(Schema):
    competency_id: int
    level_id: int | None
    comment: str


class AssessmentOut(Schema):
    id: int
    point: str
    version: int
    summary: str
    submitted_at: datetime | None
    response: str
    responded_at: datetime | None
    ratings: list[RatingOut]

    @staticmethod
    def resolve_ratings(assessment: Any) -> list[Any]:
        return list(assessment.ratings.all())


class SupervisionMeetingOut(Schema):
    """A meeting of a supervision relationship, in the shape the programs API has always given it."""

    id: int
    supervisor_id: int
    supervisee_id: int
    program_id: int | None
    date: date
    hours: Decimal
    notes: str
    competency_ids: list[int]

    @staticmethod
    def resolve_supervisor_id(meeting: Any) -> int:
        return meeting.relationship.mentor_id

    @staticmethod
    def resolve_supervisee_id(meeting: Any) -> int:
        return meeting.relationship.mentee_id

    @staticmethod
    def resolve_program_id(meeting: Any) -> int:
        return meeting.relationship.program_id

    @staticmethod
    def resolve_notes(meeting: Any) -> str:
        return meeting.shown_summary

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
