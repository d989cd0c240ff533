"""The events list formats its rows in the view (for speed): each row still links to its event's page,
says the reader's own status and the seats taken, and adds the Hebrew date for those who ask for it."""

import pytest
from django.urls import reverse

from hevruta.events import services

from .conftest import make_event


def _rows(client) -> list[str]:  # type: ignore[no-untyped-def]
    page = client.get(reverse("events:list")).content.decode()
    return page.split('data-testid="events"')[1].split("list-group-item-action")[1:]


@pytest.mark.django_db
def test_each_row_links_to_its_event_with_status_seats_and_the_hebrew_date_if_wanted(world):  # type: ignore[no-untyped-def]
    meeting = make_event(world.home, world.manager, title="Kitchenette meeting", capacity=12)
    services.register(meeting, world.member)
    client = world.client("member")
    row = next(row for row in _rows(client) if "Kitchenette meeting" in row)
    assert f'href="{reverse("events:event", args=[meeting.pk])}"' in row
    assert "Registered" in row and "1 of 12 seats taken" in row
    assert "hebrew-date" not in row
    world.member.user.show_hebrew_date = True
    world.member.user.save(update_fields=["show_hebrew_date"])
    row = next(row for row in _rows(client) if "Kitchenette meeting" in row)
    assert row.count("hebrew-date") == 1
