"""A network's survey sent to a community's members, to an event's attendees and to a series' attendees:
the audiences communities and events register (their audiences.py). A secret community is never offered,
people who registered but did not come are not asked, and someone at two events of a series is asked once."""

import pytest
from django.core.exceptions import ValidationError

from hevruta.communities.models import Community, CommunityVisibility, Membership, MemberStatus
from hevruta.events import services as events
from hevruta.events.models import Attendance, AttendanceMethod
from hevruta.surveys import audiences, services
from hevruta.surveys.models import Invitation, QuestionKind
from tests.events.conftest import make_event
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _survey(owner):  # type: ignore[no-untyped-def]
    survey = services.create_survey(owner, title="After the meeting")
    services.add_question(survey, kind=QuestionKind.LIKERT, text="It was useful")
    return survey


def _asked(survey) -> set[int]:  # type: ignore[no-untyped-def]
    return set(Invitation.objects.filter(survey=survey).values_list("person_id", flat=True))


def test_the_members_of_a_community_and_never_a_secret_one(world):
    open_one = Community.objects.create(network=world.home, name="מתמטיקה", visibility=CommunityVisibility.NETWORK)
    secret = Community.objects.create(network=world.home, name="סוד", visibility=CommunityVisibility.SECRET)
    Membership.objects.create(community=open_one, person=world.member)
    Membership.objects.create(community=open_one, person=world.public_person, status=MemberStatus.REQUESTED)
    Membership.objects.create(community=secret, person=world.network_person)
    audience = audiences.get("communities.community")
    assert audience.options(world.home) == [(open_one.pk, "מתמטיקה")]
    assert audience.options(world.away) == []
    survey = _survey(world.home)
    assert services.send(survey, "communities.community", open_one.pk) == 1
    assert _asked(survey) == {world.member.pk}
    with pytest.raises(ValidationError, match="Choose whom"):
        services.send(_survey(world.home), "communities.community", secret.pk)


def test_the_attendees_of_an_event_and_of_a_series(world):
    series = events.create_series(world.home, "מפגשי רכזים")
    first = make_event(world.home, world.manager, title="מפגש ראשון", series_id=series.pk)
    second = make_event(world.home, world.manager, title="מפגש שני", series_id=series.pk)
    elsewhere = make_event(world.away, world.outsider, title="במקום אחר")
    came, missed, twice = world.member, world.public_person, PersonFactory()
    # Attendance written directly: the events are in the future, and taking it is the events app's test.
    for event, person, present in (
        (first, came, True),
        (first, missed, False),
        (first, twice, True),
        (second, twice, True),
        (elsewhere, world.outsider, True),
    ):
        Attendance.objects.create(event=event, person=person, present=present, method=AttendanceMethod.STAFF)
    assert {pk for pk, _title in audiences.get("events.event").options(world.home)} == {first.pk, second.pk}
    by_event = _survey(world.home)
    assert services.send(by_event, "events.event", first.pk) == 2
    assert _asked(by_event) == {came.pk, twice.pk}
    by_series = _survey(world.home)
    assert services.send(by_series, "events.series", series.pk) == 2  # twice is asked once
    assert _asked(by_series) == {came.pk, twice.pk}
    assert audiences.get("events.series").options(world.away) == []
