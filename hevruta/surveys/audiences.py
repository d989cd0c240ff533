"""Whom a survey can be sent to: a small registry that apps fill, so that a community's members or an
event's participants can be surveyed when those apps land, without this app reading their tables.

    from hevruta.surveys.audiences import Audience, register

    register(Audience(
        key="events.participants",
        label=_("The participants of an event"),
        options=lambda scope: [(event.pk, event.title) for event in ...],   # what a manager picks from
        people=lambda scope, option: [(person, group_label), ...],           # who is asked, and their group
    ))

`scope` is the survey's program or network; an audience returns nothing for a scope it does not serve.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Audience:
    key: str
    label: str | Promise
    options: Callable[[Any], list[tuple[int, str]]]
    people: Callable[[Any, int], Iterable[tuple[Any, str]]]


_audiences: dict[str, Audience] = {}


def register(audience: Audience) -> None:
    _audiences[audience.key] = audience


def get(key: str) -> Audience | None:
    return _audiences.get(key)


def catalogue() -> list[Audience]:
    return sorted(_audiences.values(), key=lambda audience: audience.key)
