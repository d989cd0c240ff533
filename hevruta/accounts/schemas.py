"""The accounts API's schemas; their names are unique across the project (ninja keys by name)."""

from typing import Literal

from ninja import Field, Schema

LanguageCode = Literal["he", "ar", "en"]


class MyPreferencesOut(Schema):
    language: LanguageCode = Field(description="The language of the site and of one's email.")
    show_hebrew_date: bool = Field(description="Dates show the Hebrew date beside the Gregorian one.")


class MyPreferencesIn(Schema):
    language: LanguageCode | None = Field(default=None, description="Left out: unchanged.")
    show_hebrew_date: bool | None = Field(default=None, description="Left out: unchanged.")
