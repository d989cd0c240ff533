"""The API's schemas: what goes in and what comes out, documented in the OpenAPI document."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema

from hevruta.api.types import Id, Text

from .models import MAX_BODY_CHARS, Decision, Licence, ResourceKind
from .search import MAX_QUERY_CHARS

KINDS = ", ".join(ResourceKind.values)
LICENCES = ", ".join(Licence.values)


class ResourceQuery(Schema):
    q: Text = Field("", description=f"Words to find; at most {MAX_QUERY_CHARS} characters.")
    kind: Text = ""
    subject: Text = ""
    grade_band: Text = ""
    role: Text = ""
    topic: Text = ""
    language: Text = ""
    network: Text = ""
    licence: Text = ""
    sort: Text = Field("", description="relevance (with q), newest or most_used.")
    limit: Annotated[int, Field(ge=1, le=100)] = 25
    offset: Annotated[int, Field(ge=0, le=100_000)] = 0


class ResourceLinkIn(Schema):
    url: Text = Field(max_length=2000)
    label: Text = Field("", max_length=500)


class ResourceFields(Schema):
    kind: Text | None = Field(None, description=f"One of: {KINDS}.")
    title: Text | None = Field(None, description="Required on creation; at most 300 characters.")
    body: Text | None = Field(None, description=f"Markdown, at most {MAX_BODY_CHARS:,} characters.")
    language: Text | None = Field(None, description="he, ar or en; found out from the text when left empty.")
    licence: Text | None = Field(None, description=f"One of: {LICENCES}.")
    video_url: Text | None = Field(None, description="A link to a video (shown as a link, never embedded).")
    subjects: list[Text] | None = Field(None, description="Subject slugs, e.g. mathematics, physics.")
    grade_bands: list[Text] | None = Field(None, description="Grade band slugs, e.g. junior-high.")
    topics: list[Text] | None = Field(None, description="Topic slugs.")
    role_tags: list[Text] | None = Field(
        None, description="The roles it serves, from the directory's list of roles (teacher, mentor, …)."
    )
    keywords: list[Text] | None = None
    links: list[ResourceLinkIn] | None = None
    co_authors: list[Text] | None = Field(None, description="Emails of members of the network.")
    organizations: list[Id] | None = Field(None, description="Ids of organizations credited as authors.")


class ResourceIn(ResourceFields):
    network: Text = Field(description="The slug of a network you belong to; its curators review the resource.")
    kind: Text = Field(description=f"One of: {KINDS}.")  # type: ignore[assignment]
    title: Text = Field(description="At most 300 characters.")  # type: ignore[assignment]


class ResourceUpdateIn(ResourceFields):
    change_note: Text = Field("", max_length=300, description="Kept in the history of a published resource.")


class ResourceLinkOut(Schema):
    url: str
    label: str


class ResourceAttachmentOut(Schema):
    id: int
    name: str
    file_type: str
    size: int
    url: str
    text_extraction: str


class ResourceOut(Schema):
    id: int
    title: str
    kind: str
    language: str
    status: str
    network: str
    licence: str
    subjects: list[str]
    grade_bands: list[str]
    authors: list[str] = Field(description="Organizations, and the people whose profile you may see.")
    published_at: datetime | None
    use_count: int
    url: str
    snippet_html: str = Field("", description="With a search: the text around the match, words in <mark>.")


class UsePlaceCountOut(Schema):
    place: str
    reports: int
    students: int


class PublicUseReportOut(Schema):
    reporter: str
    used_on: date
    grade: str
    students: int
    rating: int
    how_it_went: str


class UseSummaryOut(Schema):
    reports: int
    teachers: int
    students: int
    rating: float | None
    by_district: list[UsePlaceCountOut]
    by_cluster: list[UsePlaceCountOut]
    public_reports: list[PublicUseReportOut] = Field(description="Only reports whose reporters chose to be named.")


class ResourceDetailOut(ResourceOut):
    body: str
    body_html: str
    video_url: str
    topics: list[str]
    role_tags: list[str]
    keywords: list[str]
    links: list[ResourceLinkOut]
    attachments: list[ResourceAttachmentOut]
    version: int
    adapted_from: int | None
    use: UseSummaryOut


class ResourcePageOut(Schema):
    items: list[ResourceOut]
    count: int
    next_offset: int | None


class ResourceReviewIn(Schema):
    decision: Text = Field(description=f"{Decision.PUBLISH} or {Decision.RETURN}.")
    accuracy: int = Field(ge=1, le=4)
    classroom_readiness: int = Field(ge=1, le=4)
    clarity: int = Field(ge=1, le=4)
    alignment: int = Field(ge=1, le=4)
    comments: Text = Field("", description="Required when returning the resource.")


class ReviewReplyOut(Schema):
    author: str
    text: str
    created_at: datetime


class ResourceReviewOut(Schema):
    id: int
    decision: str
    accuracy: int
    classroom_readiness: int
    clarity: int
    alignment: int
    comments: str
    reviewer: str
    created_at: datetime
    replies: list[ReviewReplyOut]


class ReviewReplyIn(Schema):
    text: Text = Field(min_length=1, max_length=20_000)


class UseReportIn(Schema):
    used_on: date
    students: int = Field(ge=1, le=1000)
    rating: int = Field(ge=1, le=5)
    subject: Text = Field("", description="Subject slug of the class.")
    grade_band: Text = ""
    grade: Text = Field("", max_length=40)
    how_it_went: Text = Field("", max_length=5000)
    is_public: bool = Field(False, description="Show your name with the report; otherwise it is only counted.")


class UseReportOut(Schema):
    id: int
    used_on: date
    students: int
    rating: int
    is_public: bool
    district: str
    peripherality_cluster: int | None


class ResourceVersionOut(Schema):
    number: int
    title: str
    note: str
    author: str
    created_at: datetime
    restored_from: int | None


class FollowedResourceOut(Schema):
    id: int
    title: str
    version: int
    seen_version: int = Field(description="The version when you followed the resource or last opened it.")
    news: bool = Field(description="A version was published since then.")
    url: str
