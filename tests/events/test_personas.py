"""Every events page with the four personas: what each may see and do, and nothing of an invited-only
event, nor its participants, reaches anyone else (lists, pages, counts)."""

import pytest
from django.urls import reverse

from hevruta.events import queries, services
from hevruta.events.models import Event, Registration

SEES = {
    # persona: (public, members, invited)
    "manager": (True, True, True),
    "member": (True, True, False),
    "outsider": (True, False, False),
    "anonymous": (True, False, False),
}


@pytest.mark.django_db
def test_event_list_and_pages(world, events, persona):  # type: ignore[no-untyped-def]
    client = world.client(persona)
    listing = client.get(reverse("events:list")).content.decode()
    for event, seen in zip((events.public, events.members, events.invited), SEES[persona], strict=True):
        assert (event.title in listing) is seen
        response = client.get(reverse("events:event", args=[event.pk]))
        assert response.status_code == (200 if seen else 404)


@pytest.mark.django_db
def test_the_invited_guest_sees_the_invited_only_event(world, events):  # type: ignore[no-untyped-def]
    visible = queries.events_visible_to(events.guest.user)
    assert events.invited in visible and events.members not in visible
    assert queries.event_managed_by(events.guest.user, events.invited) is False


@pytest.mark.django_db
def test_participants_page_and_exports_are_the_organizers_only(world, events, persona):  # type: ignore[no-untyped-def]
    services.register(events.members, world.member)
    client = world.client(persona)
    for name, args in (
        ("events:participants", [events.members.pk]),
        ("events:attendance_export", [events.members.pk, "csv"]),
        ("events:attendance_export", [events.members.pk, "xlsx"]),
        ("events:edit", [events.members.pk]),
    ):
        response = client.get(reverse(name, args=args))
        if persona == "manager":
            assert response.status_code == 200
        elif persona == "anonymous":
            assert response.status_code == 302  # to the login page
        else:
            assert response.status_code in (403, 404)
    if persona == "manager":
        csv = client.get(reverse("events:attendance_export", args=[events.members.pk, "csv"])).content.decode()
        assert "Member" in csv


@pytest.mark.django_db
def test_registering_from_the_page(world, events, persona):  # type: ignore[no-untyped-def]
    client = world.client(persona)
    response = client.post(reverse("events:register", args=[events.members.pk]))
    registered = Registration.objects.filter(event=events.members).count()
    if persona in ("manager", "member"):
        assert response.status_code == 302 and registered == 1
    else:
        assert registered == 0
        assert response.status_code == (302 if persona == "anonymous" else 404)


@pytest.mark.django_db
def test_the_invited_only_event_cannot_be_joined_without_an_invitation(world, events):  # type: ignore[no-untyped-def]
    with pytest.raises(services.Refused) as refused:
        services.register(events.invited, world.manager)
    assert refused.value.code == "invitation_only"
    assert services.register(events.invited, events.guest).status == "confirmed"


@pytest.mark.django_db
def test_counts_of_an_invited_only_event_reach_nobody_else(world, events):  # type: ignore[no-untyped-def]
    services.register(events.invited, events.guest)
    for persona in ("member", "outsider", "anonymous"):
        titles = [e.title for e in queries.event_list(world.user(persona))]
        assert events.invited.title not in titles
        assert not queries.events_visible_to(world.user(persona)).filter(pk=events.invited.pk).exists()
    assert Event.objects.filter(pk=events.invited.pk).exists()


@pytest.mark.django_db
def test_new_event_page_is_for_the_networks_managers(world, persona):  # type: ignore[no-untyped-def]
    client = world.client(persona)
    response = client.get(reverse("events:create", args=[world.home.slug]))
    expected = {"manager": 200, "member": 403, "outsider": 403, "anonymous": 302}[persona]
    assert response.status_code == expected
