"""The consultations API's schemas."""

from datetime import datetime
from typing import Annotated, Any

from ninja import Field, Schema

from hevruta.api.types import Id, Text

from .models import MAX_REPLY_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS, FollowUp, HelpKind, Status, Thread

Rating = Annotated[int, Field(ge=1, le=5)]


class PersonRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(person: Any) -> str:
        return person.full_name


class ConsultationOut(Schema):
    id: int
    network: str
    topic: str
    title: str
    status: str
    thread: str
    asker: PersonRef
    organization_id: int | None
    help_kinds: list[str]
    created_at: datetime
    opened_at: datetime | None
    closed_at: datetime | None

    @staticmethod
    def resolve_network(consultation: Any) -> str:
        return consultation.network.slug

    @staticmethod
    def resolve_topic(consultation: Any) -> str:
        return consultation.topic.slug


class InvitationOut(Schema):
    id: int
    person: PersonRef
    organization_id: int | None
    answer: str
    message: str
    helper_rating: int | None


class ReplyOut(Schema):
    id: int
    author: PersonRef
    body: str
    created_at: datetime


class ConsultationDetailOut(ConsultationOut):
    description: str
    tried: str
    outcome: str
    asker_rating: int | None
    follow_up: str
    invitations: list[InvitationOut]
    replies: list[ReplyOut]

    @staticmethod
    def resolve_invitations(consultation: Any) -> list:
        return list(consultation.invitations.all())

    @staticmethod
    def resolve_replies(consultation: Any) -> list:
        return list(consultation.replies.all())


class ConsultationIn(Schema):
    network: Annotated[Text, Field(max_length=100, description="The network's slug")]
    topic: Annotated[Text, Field(max_length=50, description="A topic's slug, from the shared taxonomy")]
    title: Annotated[Text, Field(min_length=1, max_length=MAX_TITLE_CHARS)]
    description: Annotated[Text, Field(min_length=1, max_length=MAX_TEXT_CHARS)]
    tried: Annotated[Text, Field(max_length=MAX_TEXT_CHARS)] = ""
    help_kinds: list[HelpKind] = Field(default_factory=list, max_length=len(HelpKind.values))
    thread: Thread = Thread.PRIVATE
    organization_id: Id | None = None
    publish: bool = True


class DraftIn(Schema):
    """A draft's new text: everything but the network, which stays the one asked."""

    topic: Annotated[Text, Field(max_length=50, description="A topic's slug, from the shared taxonomy")]
    title: Annotated[Text, Field(min_length=1, max_length=MAX_TITLE_CHARS)]
    description: Annotated[Text, Field(min_length=1, max_length=MAX_TEXT_CHARS)]
    tried: Annotated[Text, Field(max_length=MAX_TEXT_CHARS)] = ""
    help_kinds: list[HelpKind] = Field(default_factory=list, max_length=len(HelpKind.values))
    thread: Thread = Thread.PRIVATE
    organization_id: Id | None = None
    publish: bool = False


class SuggestionReasonOut(Schema):
    code: str
    points: int
    text: str


class SuggestionOut(Schema):
    person: PersonRef
    organization_id: int | None
    score: int
    invited: bool
    reasons: list[SuggestionReasonOut]


class PeersInviteIn(Schema):
    people: list[Id] = Field(min_length=1, max_length=50)
    message: Annotated[Text, Field(max_length=2000)] = ""


class HelpAnswerIn(Schema):
    offer: bool
    message: Annotated[Text, Field(max_length=2000)] = ""


class ReplyIn(Schema):
    body: Annotated[Text, Field(min_length=1, max_length=MAX_REPLY_CHARS)]


class CloseIn(Schema):
    outcome: Annotated[Text, Field(min_length=1, max_length=MAX_TEXT_CHARS)]
    rating: Rating
    follow_up: FollowUp = FollowUp.NONE


class FollowUpEventIn(Schema):
    starts_at: datetime
    ends_at: datetime


class FollowUpEventOut(Schema):
    """The draft event made of a closed consultation's next step; its page is events' own."""

    event_id: int
    url: str


class HelperRatingIn(Schema):
    rating: Rating
    note: Annotated[Text, Field(max_length=2000)] = ""


class EndorsementIn(Schema):
    invitation_id: Id


class EndorsementOut(Schema):
    id: int
    topic: str
    person_id: int | None
    organization_id: int | None

    @staticmethod
    def resolve_topic(endorsement: Any) -> str:
        return endorsement.topic.slug


class TopicBalanceOut(Schema):
    topic: str
    wanting: int
    strong: int
    gap: int

    @staticmethod
    def resolve_topic(balance: Any) -> str:
        return balance.topic.slug


class ConsultationQuery(Schema):
    q: Text = ""
    topic: Text = ""
    status: Status | None = None
