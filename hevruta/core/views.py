from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import home as home_cards
from .search import QueryError, everywhere, parse_query


def home(request: HttpRequest) -> HttpResponse:
    """Each app's cards (core/home.py): the kernel knows none of them by name."""
    return render(request, "core/home.html", {"cards": home_cards.cards_for(request)})


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers; nothing else is touched."""
    return HttpResponse("ok", content_type="text/plain")


def search(request: HttpRequest) -> HttpResponse:
    """The header's search box: the few best of each app's section (core/search/everywhere.py), each
    app answering under its own rules of who sees what."""
    text = request.GET.get("q", "").replace("\x00", "")
    context: dict[str, Any] = {"site_search_query": text, "sections": None}
    if text.strip():
        try:
            query = parse_query(text)
        except QueryError as error:
            context["error"] = error.message
            return render(request, "core/search.html", context, status=400)
        context["sections"] = everywhere.search_everywhere(request.user, query, text)
    return render(request, "core/search.html", context)
