"""Visitors' pages from the cache: served again only to visitors, forgotten when their data changes,
and never carrying another visitor's CSRF token or anything a logged-in persona may see."""

import os
import re
import uuid

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from redis.exceptions import RedisError

from hevruta.core import pagecache
from hevruta.core.models import DataVersion
from hevruta.directory import services
from hevruta.directory.models import Person, Visibility
from tests.factories import PersonFactory

PEOPLE = "/directory/people/"
# CI's Redis; a database of its own, and a key prefix for each test.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

# Versions move on when a transaction commits: these tests commit, as a site does.
pytestmark = pytest.mark.django_db(transaction=True)


def visitor_page(path: str = PEOPLE, client: Client | None = None, **headers: str) -> tuple[str, int]:
    """The page's text and the number of SQL queries it took."""
    with CaptureQueriesContext(connection) as captured:
        response = (client or Client()).get(path, headers=headers)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_a_visitors_second_request_is_served_from_the_cache(world):
    first, first_queries = visitor_page()
    again, again_queries = visitor_page()
    assert "Pnina" in first
    assert again_queries == 1  # the data version, and nothing else
    assert first_queries > again_queries
    assert _without_token(again) == _without_token(first)


def test_a_profile_made_private_leaves_the_visitors_pages_at_once(world):
    profile = reverse("directory:person", args=[world.public_person.pk])
    assert "Pnina" in visitor_page()[0]
    assert "Pnina" in visitor_page(profile)[0]
    services.update_profile(world.public_person, {"profile_visibility": Visibility.NETWORK}, {})
    assert "Pnina" not in visitor_page()[0]
    assert Client().get(profile).status_code == 404


def test_an_edit_that_bypasses_the_services_forgets_the_pages_too(world):
    visitor_page()
    person = Person.objects.get(pk=world.public_person.pk)
    person.given_name = "Penelope"
    person.save()  # as the admin saves it
    page = visitor_page()[0]
    assert "Penelope" in page
    assert "Pnina" not in page


def test_bulk_writes_say_that_the_data_changed_for_every_page_that_shows_it(world):
    visitor_page()
    knowledge_before = pagecache.current_version("knowledge")
    with transaction.atomic():
        Person.objects.filter(pk=world.public_person.pk).update(given_name="Penelope")  # sends no signal
        pagecache.data_changed("directory")
    assert "Penelope" in visitor_page()[0]
    assert pagecache.current_version("knowledge") == knowledge_before + 1  # it names authors


def test_a_write_rolled_back_changes_no_version(world):
    before = pagecache.current_version("directory")
    with pytest.raises(RuntimeError), transaction.atomic():
        PersonFactory(given_name="Ghost")
        raise RuntimeError("rolled back")
    assert pagecache.current_version("directory") == before


def test_many_writes_in_one_transaction_move_the_version_on_once(db):
    # The knowledge center's pages show people too, and so do calendar feeds (who sees which event).
    scopes = ("directory", "knowledge", "calendar-feeds")
    before = [pagecache.current_version(scope) for scope in scopes]
    with CaptureQueriesContext(connection) as captured, transaction.atomic():
        for number in range(50):
            PersonFactory(given_name=f"Many{number}")
    assert [pagecache.current_version(scope) for scope in scopes] == [version + 1 for version in before]
    assert sum('UPDATE "core_dataversion"' in query["sql"] for query in captured) == len(scopes)


@pytest.mark.parametrize("persona", ["manager", "member", "outsider"])
def test_logged_in_personas_are_never_served_a_kept_page_nor_leave_one(world, persona):
    client = world.client(persona)
    seen_by_persona = client.get(PEOPLE).content.decode()
    if persona in ("manager", "member"):
        assert "Nadia" in seen_by_persona  # network-only: members of "home" see her
    visitor = visitor_page()[0]
    assert "Nadia" not in visitor
    assert "Pazit" not in visitor
    # And the visitor's kept page does not reach the persona either.
    with CaptureQueriesContext(connection) as captured:
        again = client.get(PEOPLE).content.decode()
    assert len(captured) > 1
    assert ("Nadia" in again) == ("Nadia" in seen_by_persona)


def test_each_visitor_gets_a_csrf_token_of_their_own(world):
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    first_page, _ = visitor_page(client=first)
    second_page, queries = visitor_page(client=second)
    assert queries == 1
    first_token, second_token = _token(first_page), _token(second_page)
    assert first_token != second_token
    # The second visitor's token, from a page the first one's visit made, works with the second's cookie.
    response = second.post(reverse("set_language"), {"language": "he", "csrfmiddlewaretoken": second_token})
    assert response.status_code == 302
    refused = Client(enforce_csrf_checks=True)
    refused.get(PEOPLE)
    assert refused.post(reverse("set_language"), {"language": "he", "csrfmiddlewaretoken": "x" * 64}).status_code == 403


def test_each_language_and_each_fragment_is_kept_apart(world):
    english, _ = visitor_page()
    hebrew, _ = visitor_page(client=_hebrew_visitor())
    assert 'lang="en"' in english
    assert 'lang="he" dir="rtl"' in hebrew
    fragment, _ = visitor_page(**{"HX-Request": "true"})
    assert "<html" not in fragment
    assert "Pnina" in fragment


def test_a_visitor_with_a_message_waiting_or_a_session_gets_a_fresh_page(world):
    visitor_page()
    client = Client()
    client.cookies["messages"] = "anything"
    assert visitor_page(client=client)[1] > 1
    client = Client()
    client.cookies["sessionid"] = "anything"
    assert visitor_page(client=client)[1] > 1


def test_only_successful_pages_are_kept(world):
    hidden = reverse("directory:person", args=[world.network_person.pk])
    assert Client().get(hidden).status_code == 404
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(hidden).status_code == 404
    assert len(captured) > 1


def test_the_first_write_of_a_scope_creates_its_version(db):
    pagecache.watch("somewhere", ["elsewhere"])
    assert pagecache.current_version("somewhere") == 0
    pagecache.data_changed("elsewhere")
    assert DataVersion.objects.get(scope="somewhere").version == 1


# With a cache every web process shares (Redis), the versions are kept in it --------------------------


@pytest.fixture
def shared_cache(settings):  # type: ignore[no-untyped-def]
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    settings.CACHES = {**settings.CACHES, "default": redis, "pages": redis}  # the jobs' cache stays as it is
    try:
        cache.get("anything")
    except RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL} to keep versions in ({error})")
    yield cache
    cache.delete_many([pagecache._version_key(scope) for scope in ("directory", "knowledge")])


def test_with_a_shared_cache_a_kept_page_costs_no_sql(world, shared_cache):
    first, first_queries = visitor_page()
    again, again_queries = visitor_page()
    assert "Pnina" in again
    assert first_queries > 0
    assert again_queries == 0  # the version and the page come in one read of the cache
    assert _without_token(again) == _without_token(first)


def test_with_a_shared_cache_a_profile_made_private_leaves_at_once(world, shared_cache):
    before = pagecache.current_version("directory")
    in_database = list(DataVersion.objects.values_list("scope", "version"))
    assert "Pnina" in visitor_page()[0]
    services.update_profile(world.public_person, {"profile_visibility": Visibility.NETWORK}, {})
    assert pagecache.current_version("directory") == before + 1
    assert list(DataVersion.objects.values_list("scope", "version")) == in_database  # the cache's, not these
    assert "Pnina" not in visitor_page()[0]


def test_with_a_shared_cache_a_write_rolled_back_changes_no_version(world, shared_cache):
    before = pagecache.current_version("directory")
    with pytest.raises(RuntimeError), transaction.atomic():
        PersonFactory(given_name="Ghost")
        raise RuntimeError("rolled back")
    assert pagecache.current_version("directory") == before


def test_a_version_the_cache_lost_never_brings_an_earlier_page_back(world, shared_cache):
    assert "Pnina" in visitor_page()[0]
    kept_under = pagecache.current_version("directory")
    shared_cache.delete(pagecache._version_key("directory"))  # evicted, say, while the page stays
    # The write finds no version to move on, and starts one later than any the pages carry.
    services.update_profile(world.public_person, {"profile_visibility": Visibility.NETWORK}, {})
    assert pagecache.current_version("directory") > kept_under
    assert "Pnina" not in visitor_page()[0]


def test_a_scope_the_cache_holds_no_version_of_starts_one_later_than_any_before(world, shared_cache):
    visitor_page()
    kept_under = pagecache.current_version("directory")
    shared_cache.delete(pagecache._version_key("directory"))
    page, queries = visitor_page()
    assert queries > 0  # rendered again rather than trusted
    assert pagecache.current_version("directory") > kept_under
    assert "Pnina" in page


def _hebrew_visitor() -> Client:
    client = Client()
    client.cookies["django_language"] = "he"
    return client


def _token(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, "the page has a form with a CSRF token"
    return match.group(1)


def _without_token(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
