"""The home page is made of the cards apps register (core/home.py); the kernel names no feature."""

import ast
import copy
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hevruta.core import home
from tests.factories import NetworkFactory, member

CORE = Path(__file__).resolve().parents[2] / "hevruta" / "core"
KERNEL = {"hevruta.core", "hevruta.accounts", "hevruta.api"}


def test_core_imports_no_feature_app():
    """Imports point from features toward core, never back (docs/architecture.md)."""
    for source in CORE.rglob("*.py"):
        tree = ast.parse(source.read_text(), filename=str(source))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name.startswith("hevruta."):
                    assert any(name == kernel or name.startswith(kernel + ".") for kernel in KERNEL), (
                        f"{source.name} imports {name}"
                    )


def _cards(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('data-card="')[1:]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "cards"),
    [
        ("anonymous", ["welcome", "public-networks"]),
        ("member", ["welcome", "my-networks", "my-positions", "my-resources"]),
        ("outsider", ["welcome", "my-networks", "my-positions", "my-resources"]),
    ],
)
def test_each_viewer_gets_the_cards_meant_for_them(world, persona, cards):
    html = world.client(persona).get(reverse("core:home")).content.decode()
    shown = _cards(html)
    # Apps registered after these (mentoring, events, ...) may add theirs; these come in this order.
    assert [name for name in shown if name in cards] == cards
    if persona == "anonymous":
        assert "My networks" not in html


@pytest.mark.django_db
def test_a_new_card_needs_no_other_app(world, settings, tmp_path):
    template = tmp_path / "card.html"
    template.write_text('<h2 id="{{ card.name }}">{{ card.title }}: {{ count }}</h2>')
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], str(tmp_path)]
    settings.TEMPLATES = templates  # assigned whole, so that the template engines are made anew
    card = home.Card(
        name="test-card",
        title="Tested",
        template="card.html",
        context=lambda request: {"count": 3} if request.user.is_authenticated else None,
        order=5,
    )
    home.register(card)
    try:
        member = world.client("member").get(reverse("core:home")).content.decode()
        visitor = world.client("anonymous").get(reverse("core:home")).content.decode()
    finally:
        home._cards.pop("test-card")
    assert _cards(member)[:2] == ["welcome", "test-card"] and "Tested: 3" in member
    assert "test-card" not in _cards(visitor)


@pytest.mark.django_db
def test_the_home_page_s_queries_do_not_grow_with_networks(world):
    client = world.client("member")
    client.get(reverse("core:home"))  # warm the session and the viewer
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:home"))
    for _ in range(6):
        member(NetworkFactory(), world.member)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("core:home"))
    assert len(many.captured_queries) == len(few.captured_queries)
