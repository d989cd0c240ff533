"""Every mentoring page with the four personas, the program's coordinator and the pair; bad input on forms;
the number of queries per page stays flat as the data grows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hevruta.mentoring import services
from hevruta.mentoring.models import Application, MeetingLog, Relationship, RelationshipKind

from ..factories import PersonFactory, member
from .conftest import EVERYONE

ANON, OUT, MEMBER, M = "anonymous", "outsider", "member", "manager"
COORD, MENTOR, MENTEE = "coordinator", "mentor", "mentee"
SIGNED_IN = {ANON: 302, "*": 200}
RUNS = {(M, COORD): 200, (MEMBER, MENTOR, MENTEE): 403, ANON: 302, OUT: 404}
PAIR = {(MENTOR, MENTEE): 200, (M, COORD): 403, ANON: 302, "*": 404}

PAGES = [
    ("mentoring:list", [], {"*": 200}),
    ("mentoring:mine", [], SIGNED_IN),
    ("mentoring:create", [], {M: 200, ANON: 302, "*": 403}),
    ("mentoring:supervision", [], SIGNED_IN),
    # The program is of a members-only network: not told to exist to outsiders and visitors.
    ("mentoring:program", ["slug"], {(OUT, ANON): 404, "*": 200}),
    ("mentoring:apply", ["slug", "mentee"], {OUT: 404, ANON: 302, "*": 200}),
    ("mentoring:settings", ["slug"], RUNS),
    ("mentoring:applications", ["slug"], RUNS),
    ("mentoring:matching", ["slug"], RUNS),
    ("mentoring:relationships", ["slug"], {(M, COORD): 200, (MEMBER, MENTOR, MENTEE): 403, ANON: 302, OUT: 404}),
    ("mentoring:relationship", ["relationship"], {(M, COORD, MENTOR, MENTEE): 200, ANON: 302, "*": 404}),
    ("mentoring:meeting_create", ["relationship"], PAIR),
    ("mentoring:meeting_edit", ["relationship", "meeting"], PAIR),
    ("mentoring:goal_create", ["relationship"], PAIR),
    ("mentoring:close", ["relationship"], PAIR),
    ("mentoring:assessment", ["relationship"], {MENTOR: 404, MENTEE: 403, (M, COORD): 403, ANON: 302, "*": 404}),
]


def expected(table: dict, who: str) -> int:
    for key, status in table.items():
        if who == key or (isinstance(key, tuple) and who in key):
            return status
    return table["*"]


def _things(cast) -> dict:  # type: ignore[no-untyped-def]
    return {
        "slug": cast.program.program.slug,
        "relationship": cast.relationship.pk,
        "meeting": cast.secret_meeting.pk,
        "mentee": "mentee",
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args", "table"), PAGES, ids=[page[0] for page in PAGES])
def test_pages(cast, name, args, table):
    things = _things(cast)
    url = reverse(name, args=[things[arg] for arg in args])
    for who in EVERYONE:
        response = cast.client(who).get(url)
        assert response.status_code == expected(table, who), (who, url, response.status_code)


@pytest.mark.django_db
def test_the_pair_logs_a_meeting_and_bad_input_changes_nothing(cast):
    url = reverse("mentoring:meeting_create", args=[cast.relationship.pk])
    before = MeetingLog.objects.count()
    bad = cast.client(MENTOR).post(url, {"date": "2099-01-01", "hours": "30"})
    assert bad.status_code == 200 and MeetingLog.objects.count() == before
    assert "24" in bad.content.decode()
    future = cast.client(MENTOR).post(url, {"date": "2099-01-01", "hours": "1"})
    assert "future" in future.content.decode() and MeetingLog.objects.count() == before
    good = cast.client(MENTEE).post(
        url, {"date": cast.relationship.starts_on.isoformat(), "hours": "1", "summary": "ok"}
    )
    assert good.status_code == 302 and MeetingLog.objects.count() == before + 1
    assert (
        cast.client(COORD).post(url, {"date": cast.relationship.starts_on.isoformat(), "hours": "1"}).status_code == 403
    )


@pytest.mark.django_db
def test_applying_through_the_page(cast):
    slug = cast.program.program.slug
    client = cast.client(MEMBER)
    response = client.post(reverse("mentoring:apply", args=[slug, "mentor"]), {"capacity": "0"})
    assert response.status_code == 200 and not Application.objects.filter(person=cast.world.member).exists()
    response = client.post(
        reverse("mentoring:apply", args=[slug, "mentor"]), {"capacity": "2", "organization_preference": "any"}
    )
    assert response.status_code == 302
    assert Application.objects.get(person=cast.world.member).capacity == 2
    again = client.post(
        reverse("mentoring:apply", args=[slug, "mentor"]), {"capacity": "2", "organization_preference": "any"}
    )
    assert "already applied" in again.content.decode()


@pytest.mark.django_db
def test_the_home_card_shows_the_pair_their_relationship(cast):
    home = cast.client(MENTEE).get("/").content.decode()
    assert cast.mentor.full_name in home
    assert cast.client(MEMBER).get("/").status_code == 200


def _grow(cast, pairs: int) -> None:  # type: ignore[no-untyped-def]
    for n in range(pairs):
        mentee = PersonFactory(given_name=f"Extra{n}", family_name="Intern")
        member(cast.world.home, mentee)
        relationship = Relationship.objects.create(
            program=cast.program.program,
            kind=RelationshipKind.MENTORING,
            mentor=cast.mentor,
            mentee=mentee,
            starts_on=cast.program.starts_on,
        )
        services.log_meeting(relationship, by=cast.mentor, date=cast.program.starts_on, hours=1, summary="s")
    for n in range(pairs):
        services.log_meeting(cast.relationship, by=cast.mentee, date=cast.program.starts_on, hours=1, summary=f"m{n}")


def _count(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_queries_per_page_stay_flat_as_data_grows(cast):
    slug = cast.program.program.slug
    pages = [
        (COORD, reverse("mentoring:program", args=[slug])),
        (MENTOR, reverse("mentoring:program", args=[slug])),
        (COORD, reverse("mentoring:relationships_export", args=[slug, "csv"])),
        (COORD, reverse("mentoring:relationships", args=[cast.program.program.slug])),
        (MENTOR, reverse("mentoring:mine")),
        (MENTOR, reverse("mentoring:relationship", args=[cast.relationship.pk])),
        (COORD, reverse("mentoring:relationship", args=[cast.relationship.pk])),
    ]
    before = {url + who: _count(cast.client(who), url) for who, url in pages}
    _grow(cast, 8)
    after = {url + who: _count(cast.client(who), url) for who, url in pages}
    assert after == before
