"""The directory API's schemas: what goes in and what comes out, documented in the OpenAPI document."""

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Schema

from hevruta.api.schemas import JobOut
from hevruta.api.types import Id, Text


class OrganizationRef(Schema):
    id: int
    name: str


class PersonPositionOut(Schema):
    title: str
    role: str
    organization: OrganizationRef
    start_date: date | None
    end_date: date | None
    is_senior: bool


class PersonOut(Schema):
    id: int
    given_name: str
    family_name: str
    locality_id: int | None
    subjects: list[str]
    positions: list[PersonPositionOut]

    # Lists hand over Person objects (with subjects and current positions prefetched), the detail a dict.
    @staticmethod
    def resolve_subjects(person: Any) -> list[str]:
        if isinstance(person, dict):
            return person["subjects"]
        return [subject.slug for subject in person.subjects.all()]

    @staticmethod
    def resolve_positions(person: Any) -> list:
        if isinstance(person, dict):
            return person["positions"]
        current = getattr(person, "current_positions", None)
        return current if current is not None else list(person.positions.all())


class EndorsedStrengthOut(Schema):
    topic: str = Field(description="The topic's slug in the shared taxonomy")
    endorsements: int = Field(description="How many peers endorsed the person for it")


class PersonDetailOut(PersonOut):
    email: str | None = None
    phone: str | None = None
    bio: str
    grade_bands: list[str]
    languages: list[str]
    strengths: list[str]
    areas_to_develop: list[str]
    networks: list[str]
    endorsed: list[EndorsedStrengthOut] = Field(
        description="The strengths peers endorsed after being helped (consultations), most first"
    )


class PeopleQuery(Schema):
    q: Text = Field("", max_length=200)
    subject: Text = ""
    role: Text = ""
    grade_band: Text = ""
    district: Id | None = None
    peripherality_cluster: Annotated[int, Field(ge=1, le=10)] | None = None
    sector: Text = ""
    language: Text = ""
    network: Id | None = None
    organization: Id | None = None


class OrganizationOut(Schema):
    id: int
    name: str
    name_en: str
    name_ar: str
    kind: str
    sector: str
    locality_id: int | None
    parent_id: int | None
    website: str


class LocalityOut(Schema):
    id: int
    cbs_code: int
    name_he: str
    name_ar: str
    name_en: str
    district: int | None
    regional_council: str
    latitude: float | None
    longitude: float | None
    population: int | None
    peripherality_cluster: int | None


class NetworkOut(Schema):
    id: int
    slug: str
    name: str
    name_en: str
    name_ar: str
    kind: str
    description: str
    is_public: bool
    join_policy: str = Field(description="open, request (the managers answer) or invitation")


# Joining ------------------------------------------------------------------------------------------


class NetworkMembershipOut(Schema):
    network: str = Field(description="The network's slug")
    role: str


class JoinRequestIn(Schema):
    message: Annotated[Text, Field(max_length=2000)] = ""


class JoinRequestOut(Schema):
    id: int
    network: str = Field(alias="network.slug")
    person_id: int
    person_name: str = Field(alias="person.full_name")
    message: str
    status: str
    created_at: datetime
    decided_at: datetime | None


class NetworkInvitationIn(Schema):
    email: Annotated[
        Text, Field(max_length=254, description="The address to invite, or leave empty and give person_id")
    ] = ""
    person_id: Annotated[Id | None, Field(description="A person of the directory to invite")] = None
    message: Annotated[Text, Field(max_length=2000)] = ""


class NetworkInvitationOut(Schema):
    id: int
    network: str = Field(alias="network.slug")
    network_name: str = Field(alias="network.name")
    email: str
    person_id: int | None
    message: str
    status: str
    created_at: datetime
    decided_at: datetime | None


class RosterProblemOut(Schema):
    row: int
    column: str
    message: str


class RosterImportOut(Schema):
    id: int
    status: str
    dry_run: bool
    encoding: str
    total_rows: int
    errors: list[RosterProblemOut]
    summary: dict
    job: JobOut | None
