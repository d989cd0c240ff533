"""Dashboards: the measures on a small network where the answers are known by hand, the summaries kept
right as activity is recorded, the four personas, and a page whose queries do not grow with history."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hevruta.directory.models import Locality, OrganizationKind, PositionRole, Sector
from hevruta.insights import activity, measures
from hevruta.insights.models import Activity, DailyActivity, PeopleCount
from hevruta.insights.refresh import recount_days, refresh_all
from tests.factories import OrganizationFactory, PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_network(world):  # type: ignore[no-untyped-def]
    """home: Maya (manager), Mira, Pnina, Nadia counted (Pazit is private, counted by nobody). By hand:
    - Mira is a teacher, Pnina a subject coordinator (leading), Nadia a senior teacher: of 3 teachers,
      1 leading (33.3%) and 1 senior (33.3%);
    - a peripheral school (cluster 2, state) and a central college (cluster 9, Arab): two ties between
      them (both across sectors, state and Arab), and one within the school, which is no tie.
    """
    periphery = Locality.objects.create(cbs_code=99001, name_he="ירוחם-בדיקה", peripherality_cluster=2, population=100)
    centre = Locality.objects.create(cbs_code=99002, name_he="מרכז-בדיקה", peripherality_cluster=9, population=300)
    school = OrganizationFactory(kind=OrganizationKind.SCHOOL, sector=Sector.STATE, locality=periphery)
    college = OrganizationFactory(kind=OrganizationKind.COLLEGE, sector=Sector.ARAB, locality=centre)
    PositionFactory(person=world.member, organization=school, role=PositionRole.TEACHER)
    PositionFactory(person=world.public_person, organization=school, role=PositionRole.SUBJECT_COORDINATOR)
    PositionFactory(person=world.network_person, organization=college, role=PositionRole.SENIOR_TEACHER)
    PositionFactory(person=world.private_person, organization=college, role=PositionRole.SENIOR_TEACHER)
    world.member.locality = periphery
    world.member.save()
    world.public_person.locality = centre
    world.public_person.save()
    for _tie in range(2):
        activity.record("tests.worked_together", organization=school, counterpart=college, network=world.home)
    activity.record("tests.worked_together", organization=school, counterpart=school, network=world.home)
    activity.record("tests.visited", organization=college, network=world.away)
    return world


def _compute(key, scope):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    return measures.get(key).compute(scope, today - timedelta(days=30), today)


def test_every_measure_on_a_network_known_by_hand(small_network):
    home = small_network.home
    assert _compute("directory.members", home) == 4  # Maya, Mira, Pnina, Nadia: Pazit is private
    assert _compute("directory.leading_share", home) == pytest.approx(33.3)
    assert _compute("directory.senior_share", home) == pytest.approx(33.3)
    assert _compute("insights.cross_organization_ties", home) == 2
    assert _compute("insights.cross_sector_share", home) == 100.0
    assert _compute("knowledge.resources_used", home) == 0
    assert _compute("knowledge.use_in_periphery", home) is None  # no use whose place is known


def test_the_daily_summary_follows_every_record_and_a_recount_agrees(small_network):
    counted = {(row.kind, row.cluster): row.count for row in DailyActivity.objects.filter(network=small_network.home)}
    assert counted == {("tests.worked_together", 2): 3}
    today = timezone.localdate()
    recount_days(today, today)
    recounted = {(row.kind, row.cluster): row.count for row in DailyActivity.objects.filter(network=small_network.home)}
    assert recounted == counted


def test_the_refresh_counts_people_by_tier_and_cluster(small_network):
    refresh_all()
    tiers = dict(PeopleCount.objects.filter(network=small_network.home, dimension="tier").values_list("value", "count"))
    assert tiers == {"teacher": 1, "leading": 1, "senior": 1, "other": 1}
    clusters = dict(
        PeopleCount.objects.filter(network=small_network.home, dimension="cluster").values_list("value", "count")
    )
    assert clusters == {"2": 1, "9": 1, "None": 2}


EXPECTED = {"manager": 200, "member": 403, "outsider": 404, "anonymous": 302}


@pytest.mark.parametrize("kind", ["network"])
def test_the_dashboard_for_each_persona(small_network, persona, kind):
    refresh_all()
    response = small_network.client(persona).get(reverse("insights:dashboard", args=[kind, "home"]))
    assert response.status_code == EXPECTED[persona]
    if response.status_code == 200:
        text = response.content.decode()
        assert "<svg" in text and "<table" in text
        assert "Leading teachers" in text
        assert "counted again every 15 minutes" in text


def test_the_dashboard_does_not_count_the_history(small_network):
    refresh_all()
    client = small_network.client("manager")
    url = reverse("insights:dashboard", args=["network", "home"])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    school = Activity.objects.filter(organization__isnull=False).first().organization
    start = timezone.make_aware(datetime(2026, 9, 2, 10))
    Activity.objects.bulk_create(
        [
            Activity(
                kind="tests.visited",
                occurred_at=start + timedelta(hours=i),
                organization=school,
                network=small_network.home,
            )
            for i in range(500)
        ]
    )
    recount_days(date(2026, 9, 1), date(2026, 12, 31))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    assert not [query for query in many if "insights_activity" in query["sql"]]
