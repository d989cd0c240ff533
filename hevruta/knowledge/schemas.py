"""The API's schemas: what goes in and what comes out, documented in the OpenAPI document."""

from datetime import date, datetime

from ninja import Field, Schema

from .models import MAX_BODY_CHARS, Decision, Licence, ResourceKind

KINDS = ", ".join(ResourceKind.values)
LICENCES = ", ".join(Licence.values)


class LinkIn(Schema):
    url: str = Field(max_length=2000)
    label: str = Field("", max_length=500)


class ResourceFields(Schema):
    kind: str | None = Field(None, description=f"One of: {KINDS}.")
    title: str | None = Field(None, description="Required on creation; at most 300 characters.")
    body: str | None = Field(None, description=f"Markdown, at most {MAX_BODY_CHARS:,} characters.")
    language: str | None = Field(None, description="he, ar or en; found out from the text when left empty.")
    licence: str | None = Field(None, description=f"One of: {LICENCES}.")
    video_url: str | None = Field(None, description="A link to a video (shown as a link, never embedded).")
    subjects: list[str] | None = Field(None, description="Subject slugs, e.g. mathematics, physics.")
    grade_bands: list[str] | None = Field(None, description="Grade band slugs, e.g. junior-high.")
    topics: list[str] | None = Field(None, description="Topic slugs.")
    role_tags: list[str] | None = Field(
        None, description="The roles it serves, from the directory's list of roles (teacher, mentor, …)."
    )
    keywords: list[str] | None = None
    links: list[LinkIn] | None = None
    co_authors: list[str] | None = Field(None, description="Emails of members of the network.")
    organizations: list[int] | None = Field(None, description="Ids of organizations credited as authors.")


class ResourceIn(ResourceFields):
    network: str = Field(description="The slug of a network you belong to; its curators review the resource.")
    kind: str = Field(description=f"One of: {KINDS}.")  # type: ignore[assignment]
    title: str = Field(description="At most 300 characters.")  # type: ignore[assignment]


class ResourceUpdateIn(ResourceFields):
    change_note: str = Field("", max_length=300, description="Kept in the history of a published resource.")


class AttachmentOut(Schema):
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


class PlaceCount(Schema):
    place: str
    reports: int
    students: int


class PublicReportOut(Schema):
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
    by_district: list[PlaceCount]
    by_cluster: list[PlaceCount]
    public_reports: list[PublicReportOut] = Field(description="Only reports whose reporters chose to be named.")


class ResourceDetailOut(ResourceOut):
    body: str
    body_html: str
    video_url: str
    topics: list[str]
    role_tags: list[str]
    keywords: list[str]
    links: list[LinkIn]
    attachments: list[AttachmentOut]
    version: int
    adapted_from: int | None
    use: UseSummaryOut


class ResourcePage(Schema):
    items: list[ResourceOut]
    count: int
    next_offset: int | None


class ReviewIn(Schema):
    decision: str = Field(description=f"{Decision.PUBLISH} or {Decision.RETURN}.")
    accuracy: int = Field(ge=1, le=4)
    classroom_readiness: int = Field(ge=1, le=4)
    clarity: int = Field(ge=1, le=4)
    alignment: int = Field(ge=1, le=4)
    comments: str = Field("", description="Required when returning the resource.")


class ReplyOut(Schema):
    author: str
    text: str
    created_at: datetime


class ReviewOut(Schema):
    id: int
    decision: str
    accuracy: int
    classroom_readiness: int
    clarity: int
    alignment: int
    comments: str
    reviewer: str
    created_at: datetime
    replies: list[ReplyOut]


class ReplyIn(Schema):
    text: str = Field(min_length=1, max_length=20_000)


class UseIn(Schema):
    used_on: date
    students: int = Field(ge=1, le=1000)
    rating: int = Field(ge=1, le=5)
    subject: str = Field("", description="Subject slug of the class.")
    grade_band: str = ""
    grade: str = Field("", max_length=40)
    how_it_went: str = Field("", max_length=5000)
    is_public: bool = Field(False, description="Show your name with the report; otherwise it is only counted.")


class UseOut(Schema):
    id: int
    used_on: date
    students: int
    rating: int
    is_public: bool
    district: str
    peripherality_cluster: int | None


class VersionOut(Schema):
    number: int
    title: str
    note: str
    author: str
    created_at: datetime
    restored_from: int | None


class FollowedOut(Schema):
    id: int
    title: str
    version: int
    seen_version: int = Field(description="The version when you followed the resource or last opened it.")
    news: bool = Field(description="A version was published since then.")
    url: str
