"""The constrained types every API schema uses, so bad input is refused at the schema (422) alike on
SQLite and PostgreSQL instead of reaching the database.

- `Text`: a string without a NUL character (PostgreSQL cannot store one; SQLite would, and a backup
  could then not be restored into PostgreSQL).
- `Id`/`PathId`: a positive identifier that fits the databases' 64-bit integers.
- `Int`: any other integer, within the databases' 64-bit integers.
- `OmittableText(s)`: a PATCH field that may be left out but is never null.
- `DateTime`: a moment whose UTC offset exists on Earth (±14:00; PostgreSQL refuses ±22:31) and whose
  year leaves room to convert it to UTC.

The OpenAPI document carries each constraint (a `pattern`, `minimum`/`maximum`), so clients and
fuzzers know them too. Other modules add `Field(...)` limits on top: `Annotated[Text, Field(max_length=200)]`.
"""

import re
from datetime import datetime, timedelta
from typing import Annotated, Any

from django.utils.translation import gettext as _
from ninja import Field
from ninja.params.functions import Path
from pydantic import AfterValidator, BeforeValidator, GetJsonSchemaHandler, WithJsonSchema
from pydantic.json_schema import JsonSchemaValue, SkipJsonSchema

MAX_ID = 2**63 - 1
MIN_INT = -(2**63)
MAX_OFFSET = timedelta(hours=14)

# ECMA-262 and Python both read this: any run of characters other than U+0000.
NO_NUL_PATTERN = "^[^\\u0000]*$"


def _refuse_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError(_("The text contains a NUL character (U+0000), which cannot be stored."))
    return value


def _earthly_moment(value: datetime) -> datetime:
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise ValueError(_("The time zone offset must be between -14:00 and +14:00."))
    if not 2 <= value.year <= 9998:
        raise ValueError(_("The year must be between 2 and 9998."))
    return value


class _DocumentedNoNul:
    """Writes the refusal of NUL into the JSON schema (a FieldInfo here would take a parameter's default)."""

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema["pattern"] = NO_NUL_PATTERN
        return schema


Text = Annotated[str, AfterValidator(_refuse_nul), _DocumentedNoNul()]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
Int = Annotated[int, Field(ge=MIN_INT, le=MAX_ID)]


def _refuse_null(value: Any) -> Any:
    if value is None:
        raise ValueError(_("This field may be left out, but not sent as null."))
    return value


# For PATCH schemas: a field that may be left out (None in Python) but never sent as null.
OmittableText = Annotated[Text | SkipJsonSchema[None], AfterValidator(_refuse_null)]
OmittableTexts = Annotated[list[Text] | SkipJsonSchema[None], AfterValidator(_refuse_null)]
# ISO 8601 as the document states it: years 0002 to 9998, seconds, an optional fraction and offset.
_YEAR = "(000[2-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-8][0-9]{3}|9[0-8][0-9]{2}|99[0-8][0-9]|999[0-8])"
DATE_TIME_PATTERN = (
    f"^{_YEAR}-[0-9]{{2}}-[0-9]{{2}}T[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}([.][0-9]{{1,6}})?"
    "(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)?$"
)


def _iso_text(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not re.match(DATE_TIME_PATTERN, value):
        raise ValueError(_("Give a date and time as 2026-09-01T16:30:00+03:00."))
    return value


DateTime = Annotated[
    datetime,
    BeforeValidator(_iso_text),
    AfterValidator(_earthly_moment),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": DATE_TIME_PATTERN}),
]
