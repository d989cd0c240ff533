"""One search box for the whole site: each app that can be searched contributes a section (resources,
events, communities and discussions, people and organizations), and the page `/search/` and
`GET /api/v1/search` show the few best of each, with how many there are and a link to the app's own
search for the rest. The kernel names no app: they register in AppConfig.ready(), as home cards do.

    everywhere.register(everywhere.Section("events", _("Events"), find_everywhere, "events:search", order=20))

`find(user, query, text, limit) -> Finding` receives the query parsed for the full-text index and the
text as typed (the directory's name search reads names, not words), and answers only what this user
may see: each section applies its app's `visible_to` rules, so nothing is found, counted or quoted that
its own page would not show. Sections keep their own ranking: scores of different indexes are not
comparable, so results are grouped by section rather than merged into one list.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString

from .query import Query

PER_SECTION = 5


@dataclass(frozen=True)
class Found:
    url: str
    title_html: SafeString  # the matched words marked
    snippet_html: SafeString
    note: str = ""  # what and where it is: a date and place, a community's name, a locality


@dataclass(frozen=True)
class Finding:
    rows: list[Found]
    # How many match, as the section's own search counts them (no further than core's COUNT_CAP);
    # None where the section does not count (a directory search, which shows its first few).
    total: int | None


@dataclass(frozen=True)
class Section:
    name: str
    title: str | Promise
    find: Callable[[Any, Query, str, int], Finding]
    search_page: str  # the URL name of the app's own search, which reads `q`
    order: int = 100

    def more_url(self, text: str) -> str:
        """The app's own search page, asked the same."""
        return f"{reverse(self.search_page)}?{urlencode({'q': text})}"


@dataclass(frozen=True)
class SectionFinding:
    section: Section
    finding: Finding
    more_url: str  # the section's own search page, asked the same


_sections: dict[str, Section] = {}


def register(section: Section) -> None:
    """Adds a section; registering the same name again replaces it (ready() may run twice in tests)."""
    _sections[section.name] = section


def registered() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.name))


def search_everywhere(user: Any, query: Query, text: str, limit: int = PER_SECTION) -> list[SectionFinding]:
    """Every section's best matches for this user; sections with none are left out."""
    found = []
    for section in registered():
        finding = section.find(user, query, text, limit)
        if finding.rows:
            found.append(SectionFinding(section, finding, section.more_url(text)))
    return found
