from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import home as home_cards


def home(request: HttpRequest) -> HttpResponse:
    """Each app's cards (core/home.py): the kernel knows none of them by name."""
    return render(request, "core/home.html", {"cards": home_cards.cards_for(request)})


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process answers; nothing else is touched."""
    return HttpResponse("ok", content_type="text/plain")
