"""Pagination without COUNT(*): a page fetches one row more than it shows to know if there is a next.

Counting a quarter of a million visible people on every page view costs more than the page itself,
and nobody reads page 4,000; a "next" link is what a directory needs. The list still says how many
it has where that costs nothing: the exact number on the last page, "more than N" before it.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


@dataclass
class Page:
    items: list[Any]
    number: int
    size: int
    has_next: bool

    @property
    def shown_up_to(self) -> int:
        """How many rows this page and the ones before it show."""
        return (self.number - 1) * self.size + len(self.items)

    @property
    def total(self) -> int | None:
        """The exact count, known for free on the last page; None while there are more (then the list
        says "more than `shown_up_to`", which the one extra row fetched proves)."""
        return None if self.has_next else self.shown_up_to

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1


def parse_positive_int(value: object, default: int, maximum: int | None = None) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return default
    if number < 1:
        return default
    return min(number, maximum) if maximum else number


def paginate(queryset: QuerySet, page: object = 1, size: object = DEFAULT_PAGE_SIZE) -> Page:
    number = parse_positive_int(page, 1, maximum=10_000)
    page_size = parse_positive_int(size, DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
    offset = (number - 1) * page_size
    rows = list(queryset[offset : offset + page_size + 1])
    return Page(items=rows[:page_size], number=number, size=page_size, has_next=len(rows) > page_size)
