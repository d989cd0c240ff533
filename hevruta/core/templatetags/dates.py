"""The Hebrew date beside the Gregorian one.

`{{ day|hebrew_date }}` is the Hebrew date in the reader's language, always;
`{% with_hebrew_date day %}` is the Gregorian date followed, for a person who asked for it
(`User.show_hebrew_date`), by the Hebrew one: the form pages use.
"""

import datetime
from typing import Any

from django import template
from django.template.defaultfilters import date as format_date
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..dates import hebrew_date_text

register = template.Library()


@register.filter(name="hebrew_date")
def hebrew_date_filter(day: datetime.date | None) -> str:
    if not day:
        return ""
    if isinstance(day, datetime.datetime):
        day = _local(day)
    return hebrew_date_text(day, translation.get_language())


def wants_hebrew_date(user: Any) -> bool:
    return bool(getattr(user, "show_hebrew_date", False))


@register.simple_tag(takes_context=True)
def with_hebrew_date(context: template.Context, day: datetime.date | None, date_format: str = "DATE_FORMAT") -> str:
    if not day:
        return ""
    gregorian = format_date(day, date_format)
    request = context.get("request")
    if request is None or not wants_hebrew_date(request.user):
        return gregorian
    local_day = _local(day) if isinstance(day, datetime.datetime) else day
    return _beside(gregorian, hebrew_date_text(local_day, translation.get_language()))


def _beside(gregorian: str, hebrew: str) -> SafeString:
    return format_html('{} <span class="hebrew-date text-body-secondary">({})</span>', gregorian, hebrew)


def _local(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


@register.simple_tag(takes_context=True)
def hebrew_date_if_wanted(context: template.Context, day: datetime.date | None) -> str:
    """Only the Hebrew date, in parentheses, for a person who asked for it; nothing for the others:
    for pages that write the Gregorian date their own way."""
    request = context.get("request")
    return hebrew_date_for(request.user, day) if request is not None else ""


def hebrew_date_for(user: Any, day: datetime.date | None) -> str:
    """hebrew_date_if_wanted for a view that formats its rows itself (the events list)."""
    if not day or not wants_hebrew_date(user):
        return ""
    local_day = _local(day) if isinstance(day, datetime.datetime) else day
    return format_html(
        '<span class="hebrew-date text-body-secondary">({})</span>',
        hebrew_date_text(local_day, translation.get_language()),
    )
