"""The notifications API's schemas; their names are unique across the project (ninja keys by name)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

EmailChoice = Literal["immediately", "daily", "weekly", "never"]


class NoticeOut(Schema):
    id: int
    kind: str = Field(description="The registered kind, e.g. 'programs.evidence_reviewed'.")
    text: str = Field(description="One line in the language of the request.")
    url: str = Field(description="A path on this site, or empty.")
    context: dict = Field(description="The values the text is made of.")
    created_at: datetime
    read_at: datetime | None


class NoticesReadOut(Schema):
    marked: int = Field(description="How many notices were unread and are now read.")


class NoticePreferenceOut(Schema):
    kind: str
    label: str
    email: EmailChoice
    default_email: EmailChoice


class NoticePreferenceIn(Schema):
    kind: str
    email: EmailChoice


class NoticePreferencesIn(Schema):
    preferences: list[NoticePreferenceIn] = Field(max_length=500)
