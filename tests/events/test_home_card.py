"""The home page's "My events" card: what the person registered for and their cohort's sessions, with
the Hebrew date beside the Gregorian one for those who ask for it, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hevruta.accounts.models import User
from hevruta.events import queries, services
from hevruta.events.models import EventKind
from hevruta.programs import services as programs
from tests.programs.conftest import make_program

from .conftest import make_event, soon


def _card(client) -> str:  # type: ignore[no-untyped-def]
    page = client.get(reverse("core:home")).content.decode()
    return page.split('data-testid="home-my-events"')[1].split("</ul>")[0]


@pytest.mark.django_db
def test_the_card_lists_registrations_and_cohort_sessions_with_the_hebrew_date(world):  # type: ignore[no-untyped-def]
    meeting = make_event(world.home, world.manager, title="Kitchenette meeting")
    services.register(meeting, world.member)
    program = make_program(world)
    today = timezone.localdate()
    cohort = programs.create_cohort(program, "Cohort A", today - timedelta(days=10), today + timedelta(days=60))
    programs.enroll(cohort, world.member)
    starts = soon(3)
    programs.add_session(
        cohort, kind=EventKind.SEMINAR, title="Cohort seminar", starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    client = world.client("member")
    card = _card(client)
    assert "Kitchenette meeting" in card and "Cohort seminar" in card
    assert "hebrew-date" not in card
    world.member.user.show_hebrew_date = True
    world.member.user.save(update_fields=["show_hebrew_date"])
    assert card.count("hebrew-date") == 0 and _card(client).count("hebrew-date") == 2


@pytest.mark.django_db
def test_the_cards_queries_do_not_grow_with_the_rows(world):  # type: ignore[no-untyped-def]
    def count() -> int:
        user = User.objects.get(pk=world.member.user.pk)  # nothing remembered from the last call
        with CaptureQueriesContext(connection) as captured:
            rows = queries.my_events(user)
            [row.event.locality for row in rows]  # what the card reads of each row
        return len(captured)

    make_event(world.home, world.manager, title="First")
    services.register(make_event(world.home, world.manager, title="One"), world.member)
    few = count()
    for day in range(4):
        services.register(
            make_event(world.home, world.manager, title=f"More {day}", starts_at=soon(day + 1)), world.member
        )
    assert count() == few <= 4
