"""The site-wide search in the API: the same sections as the page `/search/` (core/search/everywhere.py)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from hevruta.core.search import QueryError, everywhere, parse_query

from .auth import OPTIONAL
from .schemas import ErrorOut, SearchEverywhereOut

router = Router(tags=["search"])


@router.get("/search", response={200: SearchEverywhereOut, 400: ErrorOut}, auth=OPTIONAL, summary="Search everything")
def search_everything(request: HttpRequest, q: str = "", limit: int = everywhere.PER_SECTION) -> dict[str, Any]:
    """The best few of each kind you may see (resources, events, communities and their threads, people,
    organizations), each kind ranked by its own search, with how many match where that is counted and
    the address of the kind's own search for the rest. A query with no word to search for is refused
    with 400; an empty one finds nothing."""
    text = q.replace("\x00", "")
    if not text.strip():
        return {"sections": []}
    try:
        query = parse_query(text)
    except QueryError as error:
        raise HttpError(400, error.message) from None
    found = everywhere.search_everywhere(request.user, query, text, max(1, min(limit, 20)))
    return {
        "sections": [
            {
                "name": each.section.name,
                "title": str(each.section.title),
                "total": each.finding.total,
                "more_url": each.more_url,
                "items": [
                    {"url": row.url, "title_html": row.title_html, "snippet_html": row.snippet_html, "note": row.note}
                    for row in each.finding.rows
                ],
            }
            for each in found
        ]
    }
