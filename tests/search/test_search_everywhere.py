"""The header's search box (`/search/`, `GET /api/v1/search`) on the whole demo, with its four personas:
the network manager, a member, an outsider and a visitor. Each section must find exactly what that app's
own search finds for the same person, so that nothing is found, counted or quoted through the shared
box that the app's own pages would not show."""

from collections.abc import Iterator

import pytest
from django.test import Client, TestCase
from django.urls import reverse

from hevruta.accounts.models import User
from hevruta.communities import search as community_search
from hevruta.core.search import everywhere, parse_query
from hevruta.directory import queries as directory
from hevruta.events import search as event_search
from hevruta.knowledge import search as knowledge_search
from hevruta.knowledge.queries.visibility import published_visible_to

PERSONAS = {
    "manager": "manager@hevruta.example",  # manages the Education Cities Network, sits in its secret community
    "member": "teacher@hevruta.example",
    "outsider": "outsider@hevruta.example",
    "anonymous": None,
}
SECRET_THREAD = "עקרונות מנחים"  # a thread of המטבחון, the network's secret community
QUERIES = ["משימה", "סיור", "מורים", "ירוחם", "الرياضيات", "معلم", "mentoring", "עקרונות מנחים", "בתי ספר", "כהן"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The demo, loaded once for the module inside a transaction rolled back at its end."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    # As tests/conftest.py sets for each test: the knowledge app indexes its resources in a task.
    at_once = override_settings(
        TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
        CACHES={**settings.CACHES, "jobs": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), at_once:
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                call_command("load_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def as_persona(demo, db):  # type: ignore[no-untyped-def]
    def user_and_client(persona: str):  # type: ignore[no-untyped-def]
        client = Client()
        user = None
        if PERSONAS[persona]:
            user = User.objects.get(email=PERSONAS[persona])
            client.force_login(user)
        from django.contrib.auth.models import AnonymousUser

        return user or AnonymousUser(), client

    return user_and_client


def _own_search(user, text: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """What each app's own search shows this user first, as addresses."""
    query, limit = parse_query(text), everywhere.PER_SECTION
    marks = knowledge_search.page_of_hits(query, published_visible_to(user), limit, 0).marks
    rows, _total = community_search.found_rows(user, query, limit)
    people = directory.search_people(user, directory.PeopleFilter(query=text))[:limit]
    organizations = directory.search_organizations(user, text)[:limit]
    own = {
        "resources": [reverse("knowledge:detail", args=[mark.resource_id]) for mark in marks],
        "events": [
            reverse("events:event", args=[row.event.pk]) for row in event_search.find(user, query, limit=limit).rows
        ],
        "communities": [
            reverse("communities:thread" if is_thread else "communities:community", args=[found.pk])
            for _hit, found, is_thread in rows
        ],
        "people": [reverse("directory:person", args=[person.pk]) for person in people],
        "organizations": [reverse("directory:organization", args=[org.pk]) for org in organizations],
    }
    return {name: urls for name, urls in own.items() if urls}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_section_finds_what_the_apps_own_search_finds_for_each_persona(as_persona, persona):
    user, client = as_persona(persona)
    sections_seen = set()
    for text in QUERIES:
        answer = client.get("/api/v1/search", {"q": text})
        assert answer.status_code == 200
        found = {section["name"]: [item["url"] for item in section["items"]] for section in answer.json()["sections"]}
        assert found == _own_search(user, text), (persona, text)
        sections_seen |= set(found)
    # The queries reach every section, so the comparison is not of empty lists; a visitor sees no
    # member's event.
    expected = {"resources", "events", "communities", "people", "organizations"}
    assert sections_seen == (expected if persona in ("manager", "member") else expected - {"events"})


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_secret_communitys_thread_is_found_and_counted_only_by_its_members(as_persona, persona):
    _user, client = as_persona(persona)
    sections = {each["name"]: each for each in client.get("/api/v1/search", {"q": SECRET_THREAD}).json()["sections"]}
    page = client.get(reverse("core:search"), {"q": SECRET_THREAD}).content.decode()
    if persona == "manager":
        assert sections["communities"]["total"] == 1 and "מנחים" in sections["communities"]["items"][0]["title_html"]
        assert "המטבחון" in page  # the thread's community, named beside it
    else:
        assert "communities" not in sections
        assert "המטבחון" not in page and "מנחים</mark>" not in page


def test_the_page_in_hebrew_groups_what_was_found_and_links_to_each_apps_own_search(as_persona):
    _user, client = as_persona("member")
    page = client.get(reverse("core:search"), {"q": "משימה"}, HTTP_ACCEPT_LANGUAGE="he")
    html = page.content.decode()
    assert page.status_code == 200 and 'dir="rtl"' in html
    assert 'data-testid="section-resources"' in html and "<mark>" in html
    assert reverse("knowledge:list") + "?q=%D7%9E%D7%A9%D7%99%D7%9E%D7%94" in html  # "More in …"
    assert 'id="site-search"' in html  # the header's box, on every page


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_query_with_no_word_is_refused_in_the_readers_language_and_an_empty_one_finds_nothing(as_persona, persona):
    _user, client = as_persona(persona)
    refused = client.get(reverse("core:search"), {"q": "!!! ???"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert refused.status_code == 400 and 'role="alert"' in refused.content.decode()
    api = client.get("/api/v1/search", {"q": "!!! ???"}, HTTP_ACCEPT_LANGUAGE="he")
    assert api.status_code == 400 and any("\u0590" <= letter <= "\u05ff" for letter in api.json()["detail"])
    empty = client.get(reverse("core:search"))
    assert empty.status_code == 200 and 'data-testid="section-' not in empty.content.decode()
    assert client.get("/api/v1/search", {"q": " "}).json() == {"sections": []}


@pytest.mark.parametrize("text", ["משימה", "כהן", "בתי ספר"])
def test_the_queries_of_a_search_do_not_grow_with_the_rows_shown(as_persona, text):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _user, client = as_persona("manager")
    counts, sections = [], []
    for limit in (1, 5):
        with CaptureQueriesContext(connection) as queries:
            answer = client.get("/api/v1/search", {"q": text, "limit": limit}).json()
        counts.append(len(queries))
        sections.append([(each["name"], len(each["items"])) for each in answer["sections"]])
    assert [name for name, _rows in sections[0]] == [name for name, _rows in sections[1]]
    assert any(rows > 1 for _name, rows in sections[1])  # more rows were shown the second time
    # Not more queries for more rows: one row per section may cost more, as a full page of hits makes
    # the text search count the matches, which it can skip when fewer than the limit match.
    assert counts[1] <= counts[0], sections
