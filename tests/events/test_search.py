"""Events in the search: found by their title, description (in each of its languages), place and
sessions, with their date and link; an invited-only event, a draft, a cancelled event and a closed or
secret community's meeting never reach anyone who could not open them: not in the results, the count,
nor a snippet (docs/events.md, "Search")."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hevruta.accounts.services import create_api_token
from hevruta.core.search.models import SearchDocument
from hevruta.events import services
from hevruta.events.models import EventVisibility, RegistrationPolicy
from hevruta.events.search import KIND
from tests.communities.conftest import build_communities

from .conftest import make_event, people, soon

# A word of each event's own, so that a search for it finds that event and nothing else.
WORDS = {"public": "Zephyrine", "members": "Quillmoor", "invited": "Brackenfell", "draft": "Ottersley"}
SEES = {
    # persona: the events found (the guest is the person invited to the invited-only event)
    "manager": {"public", "members", "invited"},
    "member": {"public", "members"},
    "outsider": {"public"},
    "anonymous": {"public"},
    "guest": {"public", "invited"},
}


@pytest.fixture
def found_events(world, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        made = {
            "public": make_event(
                world.home, world.manager, title=f"{WORDS['public']} day", visibility=EventVisibility.PUBLIC
            ),
            "members": make_event(world.home, world.manager, title="Members meeting", description=WORDS["members"]),
            "invited": make_event(
                world.home,
                world.manager,
                title="Policy round",
                address=f"{WORDS['invited']} hall",
                visibility=EventVisibility.INVITED,
                registration_policy=RegistrationPolicy.INVITATION,
            ),
        }
        draft = services.create_event(
            _input(f"{WORDS['draft']} draft", visibility=EventVisibility.PUBLIC), by=world.manager, network=world.home
        )
        guest = people(1, "guest")[0]
        services.invite(made["invited"], [guest])
    return made, draft, guest


def _input(title: str, **fields):  # type: ignore[no-untyped-def]
    from .conftest import event_input

    return event_input(title=title, **fields)


def _api(user) -> Client:  # type: ignore[no-untyped-def]
    return Client(headers={"Authorization": f"Bearer {create_api_token(user, 't')[1]}"} if user else {})


@pytest.mark.django_db
@pytest.mark.parametrize("who", list(SEES))
def test_each_person_finds_only_the_events_they_may_see(world, found_events, who):  # type: ignore[no-untyped-def]
    made, draft, guest = found_events
    every = made | {"draft": draft}
    user = guest.user if who == "guest" else world.user(who)
    api = _api(user)
    page_client = Client()
    if user is not None:
        page_client.force_login(user)
    for key, word in WORDS.items():
        seen = key in SEES[who]
        answer = api.get("/api/v1/events/search", {"q": word}).json()
        assert (answer["total"] == 1) is seen and len(answer["items"]) == answer["total"]
        page = page_client.get(reverse("events:search"), {"q": word}).content.decode()
        link = reverse("events:event", args=[every[key].pk])
        assert (f'<a href="{link}"' in page) is seen
        if seen:
            hit = answer["items"][0]
            assert hit["id"] == made[key].pk and hit["url"] == reverse("events:event", args=[made[key].pk])
            assert hit["starts_at"].startswith(str(timezone.localtime(made[key].starts_at).year))


@pytest.mark.django_db
def test_a_draft_is_not_indexed_and_publishing_indexes_it(world, found_events, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    _made, draft, _guest = found_events
    assert not SearchDocument.objects.filter(kind=KIND, object_id=draft.pk).exists()
    # Its organizer sees the draft on its page, but the search finds published events only.
    assert _api(world.manager.user).get("/api/v1/events/search", {"q": WORDS["draft"]}).json()["total"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_event(draft)
    assert _api(None).get("/api/v1/events/search", {"q": WORDS["draft"]}).json()["total"] == 1


@pytest.mark.django_db
def test_cancelling_takes_an_event_out_of_the_search(world, found_events, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    made, _draft, _guest = found_events
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(made["public"])
    assert not SearchDocument.objects.filter(kind=KIND, object_id=made["public"].pk).exists()
    assert _api(world.manager.user).get("/api/v1/events/search", {"q": WORDS["public"]}).json()["total"] == 0


@pytest.mark.django_db
def test_an_edit_and_a_new_session_are_searchable_at_once(world, found_events, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    made, _draft, _guest = found_events
    event = made["members"]
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(
            event, _input(event.title, starts_at=event.starts_at, description_ar="لقاء الشبكة السنوي في Haverlund")
        )
        services.add_session(
            event, title="Workshop Glimmerdale", starts_at=event.starts_at, ends_at=event.starts_at + timedelta(hours=1)
        )
    member = _api(world.member.user)
    assert member.get("/api/v1/events/search", {"q": WORDS["members"]}).json()["total"] == 0  # no longer said
    for word in ("Haverlund", "Glimmerdale", "السنوي"):
        assert [row["id"] for row in member.get("/api/v1/events/search", {"q": word}).json()["items"]] == [event.pk]


@pytest.mark.django_db
def test_a_closed_or_secret_communitys_meeting_is_found_by_its_members_only(  # type: ignore[no-untyped-def]
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        cw = build_communities(world)
        for visibility in ("closed", "secret"):
            starts = soon()
            data = services.EventInput(
                title=f"Meeting Wrenfield{visibility}",
                kind="meeting",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                visibility=EventVisibility.NETWORK,
                community_id=cw.community(visibility).pk,
            )
            services.create_event(data, by=None, network=world.home, publish=True)
    for persona in ("manager", "member", "outsider", "anonymous", "facilitator"):
        for visibility in ("closed", "secret"):
            answer = _api(cw.user(persona)).get("/api/v1/events/search", {"q": f"Wrenfield{visibility}"}).json()
            assert answer["total"] == (1 if persona == "facilitator" else 0), (persona, visibility)
            assert bool(answer["items"]) is (persona == "facilitator")


@pytest.mark.django_db
def test_a_query_with_no_word_is_refused_in_words(world):  # type: ignore[no-untyped-def]
    answer = _api(None).get("/api/v1/events/search", {"q": "!!!"}, headers={"Accept-Language": "he"})
    assert answer.status_code == 400 and answer.json()["detail"]
    assert Client().get(reverse("events:search"), {"q": "!!!"}).status_code == 400
    assert _api(None).get("/api/v1/events/search", {"q": ""}).json() == {"items": [], "total": 0}


@pytest.mark.django_db
def test_reindexing_puts_every_published_event_back(world, found_events):  # type: ignore[no-untyped-def]
    from hevruta.core.search.reindexing import SOURCES

    SearchDocument.objects.filter(kind=KIND).delete()
    source = SOURCES[KIND]
    assert source.count() == 3
    assert sorted(item.object_id for item in source.items()) == sorted(e.pk for e in found_events[0].values())
