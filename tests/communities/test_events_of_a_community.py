"""A community's meetings are seen as the community is: a closed or secret community's by its members
only, and a secret community's never reach anyone else, through the events list, the API, the network's
feed, the counts or the community's page and feed (docs/events.md, "Events of a community")."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hevruta.accounts.services import create_api_token
from hevruta.communities.models import CommunityVisibility
from hevruta.events import calendar, services
from hevruta.events.forms import EventForm
from hevruta.events.models import EventVisibility
from hevruta.events.queries import events_visible_to

# Who sees a members-of-the-network meeting of each community (the facilitator is in all four).
SEES = {
    "public": {"manager", "member", "facilitator"},
    "network": {"manager", "member", "facilitator"},
    "closed": {"facilitator"},
    "secret": {"facilitator"},
}


def meeting(cw, visibility: str, title: str, event_visibility: str = EventVisibility.NETWORK):  # type: ignore[no-untyped-def]
    starts = timezone.now() + timedelta(days=5)
    data = services.EventInput(
        title=title,
        kind="meeting",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        visibility=event_visibility,
        community_id=cw.community(visibility).pk,
    )
    return services.create_event(data, by=None, network=cw.world.home, publish=True)


@pytest.fixture
def meetings(cw):  # type: ignore[no-untyped-def]
    made = {visibility: meeting(cw, visibility, f"{visibility} community meeting") for visibility in SEES}
    made["closed, public"] = meeting(cw, "closed", "Open day of the closed community", EventVisibility.PUBLIC)
    return made


@pytest.mark.django_db
def test_each_persona_sees_only_the_meetings_of_communities_they_may_read(cw, meetings, persona):  # type: ignore[no-untyped-def]
    user = cw.user(persona)
    api = Client(headers={"Authorization": f"Bearer {create_api_token(user, 't')[1]}"} if user else {})
    listed = {row["title"] for row in api.get("/api/v1/events").json()["items"]}
    page = cw.client(persona).get(reverse("events:list")).content.decode()
    visible = set(events_visible_to(user).values_list("title", flat=True))
    for visibility, seen_by in SEES.items():
        event = meetings[visibility]
        seen = persona in seen_by
        assert (event.title in listed) is seen and (event.title in page) is seen and (event.title in visible) is seen
        assert api.get(f"/api/v1/events/{event.pk}").status_code == (200 if seen else 404)
        filtered = api.get("/api/v1/events", {"community": cw.community(visibility).pk}).json()["items"]
        assert (event.pk in [row["id"] for row in filtered]) is seen
    # A closed community's public meeting is public, as the closed community's name is.
    assert meetings["closed, public"].title in listed


@pytest.mark.django_db
def test_a_secret_communitys_meeting_stays_out_of_feeds_counts_and_pages(cw, meetings, persona):  # type: ignore[no-untyped-def]
    secret = meetings["secret"]
    user = cw.user(persona)
    network_feed = (
        calendar.feed_document(calendar.network_events(user, cw.world.home), "home").decode()
        if persona != "outsider"
        else ""
    )
    assert (secret.title in network_feed) is (persona == "facilitator")
    counted = events_visible_to(user).filter(network=cw.world.home, community__isnull=False).count()
    assert counted == {"facilitator": 5, "manager": 3, "member": 3}.get(persona, 1)
    # The community's calendar: a member's, by their secret address; nobody else's.
    feed_path = reverse("events_calendar:community_feed", args=[cw.secret.pk])
    assert Client().get(feed_path).status_code == 404
    if user is not None:
        token = calendar.feed_token(user)
        tokened = Client().get(reverse("events_calendar:my_community_feed", args=[token, cw.secret.pk]))
        assert tokened.status_code == (200 if persona == "facilitator" else 404)
        if persona == "facilitator":
            assert secret.title in tokened.content.decode()
    # The community's page lists its meetings to those who read it.
    page = cw.client(persona).get(reverse("communities:community", args=[cw.secret.pk]))
    if persona == "facilitator":
        assert 'data-testid="meetings"' in page.content.decode() and secret.title in page.content.decode()
    else:
        assert page.status_code == 404


@pytest.mark.django_db
def test_the_public_communitys_feed_is_anyones(cw, meetings):  # type: ignore[no-untyped-def]
    meeting(cw, "public", "Public open meeting", EventVisibility.PUBLIC)
    feed = Client().get(reverse("events_calendar:community_feed", args=[cw.public.pk])).content.decode()
    assert (
        "Public open meeting" in feed and meetings["public"].title not in feed
    )  # the network's meeting: not a visitor's
    page = cw.client("member").get(reverse("communities:community", args=[cw.public.pk])).content.decode()
    assert meetings["public"].title in page and "Public open meeting" in page


@pytest.mark.django_db
def test_a_meeting_of_another_networks_community_or_a_public_secret_one_is_refused(cw):  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        meeting(cw, "secret", "Secret open day", EventVisibility.PUBLIC)
    assert "visibility" in refused.value.message_dict
    starts = timezone.now() + timedelta(days=5)
    data = services.EventInput(
        title="Elsewhere",
        kind="meeting",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        community_id=cw.public.pk,
    )
    with pytest.raises(ValidationError) as refused:
        services.create_event(data, by=None, network=cw.world.away)
    assert "community" in refused.value.message_dict
    # The form offers only the network's communities its user may know of.
    form = EventForm(network=cw.world.home, user=cw.user("manager"))
    offered = set(form.fields["community"].queryset.values_list("visibility", flat=True))
    assert offered == {CommunityVisibility.PUBLIC, CommunityVisibility.NETWORK, CommunityVisibility.CLOSED}
    refused_form = EventForm({"community": cw.public.pk}, network=cw.world.away, user=cw.user("manager"))
    assert not refused_form.is_valid() and "community" in refused_form.errors
