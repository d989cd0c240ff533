"""The home page is a column of cards that the apps contribute, so the kernel names no feature.

An app registers its cards in its AppConfig.ready():

    from hevruta.core import home

    home.register(home.Card(
        name="my-resources",
        title=_("My resources"),
        template="knowledge/_home_card.html",
        context=my_resources_card,  # (request) -> dict, or None to leave the card out for this viewer
        order=40,
    ))

`context` is called once per page view with the request; it does the card's queries (one or two,
kept flat: the home page's query count is tested) and returns what the template needs, or None when
the card has nothing to say to this viewer (a visitor, say). Cards are shown by `order`, then name;
`width` is "wide" (half the row on large screens) or "narrow" (a quarter), or "full".
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.functional import Promise

WIDTH_CLASSES = {"full": "col-12", "wide": "col-lg-6", "narrow": "col-md-6 col-lg-3"}


@dataclass(frozen=True)
class Card:
    name: str
    title: str | Promise
    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 100
    width: Literal["full", "wide", "narrow"] = "wide"


@dataclass(frozen=True)
class RenderedCard:
    card: Card
    html: str

    @property
    def css_class(self) -> str:
        return WIDTH_CLASSES[self.card.width]


_cards: dict[str, Card] = {}


def register(card: Card) -> None:
    """Adds a card; registering the same name again replaces it (ready() may run twice in tests)."""
    _cards[card.name] = card


def registered() -> list[Card]:
    return sorted(_cards.values(), key=lambda card: (card.order, card.name))


def cards_for(request: HttpRequest) -> list[RenderedCard]:
    rendered = []
    for card in registered():
        context = card.context(request)
        if context is None:
            continue
        html = render_to_string(card.template, {"card": card, **context}, request=request)
        rendered.append(RenderedCard(card=card, html=html))
    return rendered
