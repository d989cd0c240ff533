"""Events' side of core's search index: a published event's title, its description in every language
it is written in, its place and its sessions' titles.

What is indexed: published events that are not a cohort's sessions (those are the program's, and its
pages list them). A draft is never indexed; a cancelled event leaves the index (the people registered
were told, and its page still says it was cancelled to whoever holds its link).

Who finds what is decided at search time, never at indexing time: `find` passes
`events_visible_to(user)` as a subquery, so an invited-only event, a members' event of another network
and the meetings of a closed or secret community reach neither the results nor their count nor a
snippet for anyone who could not open the event's page. A change of who may see an event (a community
turned secret, a person invited) needs no reindexing.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.timezone import localtime

from hevruta.core.names import local_name_text
from hevruta.core.search import Query, Searchable, everywhere, index_document, remove_document, search

from .models import Event, EventSession, EventStatus

KIND = "events.event"


def _indexed() -> QuerySet[Event]:
    return Event.objects.filter(status=EventStatus.PUBLISHED, cohort__isnull=True)


def _with_texts(events: QuerySet[Event]) -> QuerySet[Event]:
    sessions = EventSession.objects.order_by("starts_at", "id").only("event_id", "title", "room")
    return events.select_related("locality").prefetch_related(Prefetch("agenda", queryset=sessions))


def searchable(event: Event) -> Searchable:
    """The description in each language it is written in goes into the body, so that the snippet is
    cut from the words that matched, in their own language; the place and the agenda are searched
    but not shown."""
    descriptions = [event.description, event.description_en, event.description_ar]
    place = [local_name_text(event.locality, language) for language in ("he", "ar", "en")] if event.locality else []
    agenda = [part for session in event.agenda.all() for part in (session.title, session.room)]
    return Searchable(
        KIND,
        event.pk,
        title=event.title,
        body="\n\n".join(text for text in descriptions if text.strip()),
        language=event.description_language,
        extra="\n".join(part for part in (event.address, *dict.fromkeys(place), *agenda) if part),
    )


def index_event(event_id: int) -> None:
    """Puts the event in the index as it is now, or takes it out when it no longer belongs there."""
    event = _with_texts(_indexed().filter(pk=event_id)).first()
    if event is None:
        remove_document(KIND, event_id)
        return
    item = searchable(event)
    index_document(KIND, item.object_id, title=item.title, body=item.body, language=item.language, extra=item.extra)


def index_event_on_commit(event_id: int) -> None:
    """After the caller's transaction: a rolled-back change never reaches the index."""
    transaction.on_commit(lambda: index_event(event_id))


def _all_searchable() -> Iterator[Searchable]:
    return map(searchable, _with_texts(_indexed().order_by("pk")).iterator(chunk_size=500))


def register_for_reindexing() -> None:
    """What `manage.py reindex_search` puts through the index again: every published event."""
    from hevruta.core.search.reindexing import register_source

    register_source(KIND, count=lambda: _indexed().count(), items=_all_searchable)


@dataclass(frozen=True)
class Found:
    """An event found, with its title and snippet marked."""

    event: Event
    title_html: SafeString
    snippet_html: SafeString


@dataclass(frozen=True)
class FoundPage:
    rows: list[Found]
    total: int  # how many events this user may see match, no further than core's COUNT_CAP


def find(user: Any, query: Query, *, limit: int = 20, offset: int = 0) -> FoundPage:
    """The events this user may see that match, best first, with their place and network."""
    from .queries import events_visible_to

    visible = events_visible_to(user).filter(status=EventStatus.PUBLISHED, cohort__isnull=True)
    results = search(query, kinds=[KIND], visible={KIND: visible.values("pk")}, limit=limit, offset=offset)
    events = Event.objects.select_related("locality", "network").in_bulk([hit.object_id for hit in results.hits])
    rows = [
        Found(events[hit.object_id], hit.title_html, hit.snippet_html)
        for hit in results.hits
        if hit.object_id in events
    ]
    return FoundPage(rows, results.total_estimate)


def find_everywhere(user: Any, query: Query, text: str, limit: int) -> everywhere.Finding:
    """The site-wide search's section (core/search/everywhere.py): events this user may see, with
    their date and place."""
    found = find(user, query, limit=limit)
    return everywhere.Finding(
        [
            everywhere.Found(
                reverse("events:event", args=[row.event.pk]),
                row.title_html,
                row.snippet_html,
                _when_and_where(row.event),
            )
            for row in found.rows
        ],
        found.total,
    )


def _when_and_where(event: Event) -> str:
    when = date_format(localtime(event.starts_at), "SHORT_DATETIME_FORMAT")
    return f"{when} · {local_name_text(event.locality)}" if event.locality_id else when
