"""Communities' API schemas: what goes in and what comes out, documented in the OpenAPI document."""

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema

from hevruta.api.types import Id, Text

from .models import (
    MAX_NAME_CHARS,
    MAX_POST_CHARS,
    MAX_PURPOSE_CHARS,
    MAX_TITLE_CHARS,
    CommunityVisibility,
    ReactionKind,
)

VISIBILITIES = ", ".join(CommunityVisibility.values)


class CommunityQuery(Schema):
    q: Text = Field("", max_length=200, description="Words in the name or purpose.")
    network: Text = Field("", max_length=100, description="A network's slug.")
    limit: Annotated[int, Field(ge=1, le=100)] = 25
    offset: Annotated[int, Field(ge=0, le=100_000)] = 0


class CommunityIn(Schema):
    network: Text = Field(max_length=100, description="The slug of a network you belong to.")
    name: Text = Field(max_length=MAX_NAME_CHARS * 5, description=f"At most {MAX_NAME_CHARS} characters.")
    purpose: Text = Field(
        "", max_length=MAX_PURPOSE_CHARS * 5, description=f"At most {MAX_PURPOSE_CHARS:,} characters."
    )
    visibility: Text = Field(CommunityVisibility.NETWORK, description=f"One of: {VISIBILITIES}.")
    subjects: list[Text] = Field(default_factory=list, max_length=50, description="Subject slugs.")
    roles: list[Text] = Field(default_factory=list, max_length=20, description="The directory's roles (mentor, …).")
    report_threshold: Annotated[int, Field(ge=1, le=50)] = 3


class CommunityOut(Schema):
    id: int
    name: str
    purpose: str
    network: str
    visibility: str
    subjects: list[str]
    roles: list[str]
    member_count: int
    report_threshold: int
    url: str


class CommunityPageOut(Schema):
    items: list[CommunityOut]
    next_offset: int | None


class AccessOut(Schema):
    may_read: bool
    is_member: bool
    is_facilitator: bool
    status: str = Field(description="Your place in the list: active, requested, invited, removed, or empty.")
    join_mode: str = Field(description="open, request, accept (an invitation waits), or empty: you cannot join.")


class CommunityDetailOut(CommunityOut):
    you: AccessOut


class MemberOut(Schema):
    person_id: int
    name: str = Field(description="Empty when the person's profile is not shown to you.")
    role: str
    status: str


class JoinIn(Schema):
    message: Text = Field("", max_length=2000)


class MembershipOut(Schema):
    community_id: int
    status: str
    role: str


class JoinRequestAnswerIn(Schema):
    accept: bool


class CommunityInviteIn(Schema):
    person_id: Id


class ReasonIn(Schema):
    reason: Text = Field("", max_length=5000)


class ThreadOut(Schema):
    id: int
    community_id: int
    title: str
    author: str
    post_count: int
    last_post_at: datetime
    is_pinned: bool
    is_locked: bool
    is_removed: bool = Field(
        False,
        description="Removed by a moderator (a facilitator, a manager of the network): shown to them and its author.",
    )
    removal_reason: str = ""
    answer_id: int | None
    url: str


class ThreadPageOut(Schema):
    items: list[ThreadOut]
    next_offset: int | None


class AttachmentOut(Schema):
    id: int
    name: str
    size: int
    mime_type: str
    url: str = Field(description="The file on the site (the same checks as the API's `download`).")
    download: str = Field(description="The file through the API: GET /api/v1/communities/attachments/{id}.")


class ReactionOut(Schema):
    kind: str
    count: int
    mine: bool


class PostOut(Schema):
    id: int
    thread_id: int
    author: str
    reply_to: int | None
    status: str = Field(description="visible, hidden (reported; waits for a moderator) or removed.")
    body: str = Field(description="Markdown; empty when the post is hidden or removed and not yours.")
    body_html: str
    language: str
    created_at: datetime
    removal_reason: str
    edited_at: datetime | None = Field(description="When its author last changed it; null if never.")
    attachments: list[AttachmentOut]
    reactions: list[ReactionOut]


class ThreadDetailOut(ThreadOut):
    posts: list[PostOut]
    next_offset: int | None


class ThreadIn(Schema):
    title: Text = Field(max_length=MAX_TITLE_CHARS * 10, description=f"At most {MAX_TITLE_CHARS} characters.")
    body: Text = Field(
        max_length=MAX_POST_CHARS * 40,
        description=f"Markdown, at most {MAX_POST_CHARS:,} characters; mention a member with @[their full name].",
    )


class PostIn(Schema):
    body: Text = Field(max_length=MAX_POST_CHARS * 40, description=f"Markdown, at most {MAX_POST_CHARS:,} characters.")
    reply_to: Id | None = None


class PostEditIn(Schema):
    body: Text = Field(max_length=MAX_POST_CHARS * 40, description=f"Markdown, at most {MAX_POST_CHARS:,} characters.")


class ReactionIn(Schema):
    kind: Text = Field(description=f"One of: {', '.join(ReactionKind.values)}.")


class ReactedOut(Schema):
    kind: str
    on: bool = Field(description="Whether your reaction is there now (a second time takes it back).")


class ModerateIn(Schema):
    pinned: bool | None = None
    locked: bool | None = None
    move_to: Id | None = Field(None, description="Another community you facilitate.")
    answer: Id | None = Field(None, description="The post that answered the thread.")
    not_answered: bool = Field(False, description="Clear the answer.")


class ShareIn(Schema):
    resource_id: Id
    note: Text = Field("", max_length=500)


class SharedOut(Schema):
    resource_id: int
    title: str
    note: str
    url: str


class ModerationOut(Schema):
    id: int
    community_id: int
    community: str
    actor: str
    kind: str
    thread_id: int | None
    post_id: int | None
    person_id: int | None
    reason: str
    created_at: datetime


class SearchHitOut(Schema):
    kind: str = Field(description="community or thread")
    id: int
    title_html: str
    snippet_html: str
    url: str


class SearchOut(Schema):
    items: list[SearchHitOut]
    total: int
