"""The notifications API as each persona: one's own notices only; the others' answer 404; a
visitor is asked to authenticate; preferences all or nothing."""

import pytest

from hevruta.notifications.models import Notice
from hevruta.notifications.queries import email_choices

from .conftest import AT_ONCE, DAILY

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(world, send):  # type: ignore[no-untyped-def]
    send([world.user("member")], context={"title": "Mira's notice"}, url="/knowledge/")
    return Notice.objects.get()


def test_listing_shows_only_ones_own(world, notice, persona):
    response = world.client(persona).get("/api/v1/notifications")
    if persona == "anonymous":
        assert response.status_code == 401
        return
    assert response.status_code == 200
    body = response.json()
    if persona == "member":
        assert body["count"] == 1
        (item,) = body["items"]
        assert (item["id"], item["kind"], item["text"], item["url"], item["read_at"]) == (
            notice.pk,
            AT_ONCE.key,
            "Mira's notice",
            "/knowledge/",
            None,
        )
    else:
        assert body == {"items": [], "count": 0}


def test_marking_read_is_the_recipients_alone(world, notice, persona):
    response = world.client(persona).post(f"/api/v1/notifications/{notice.pk}/read", content_type="application/json")
    notice.refresh_from_db()
    assert response.status_code == {"member": 200, "anonymous": 401}.get(persona, 404)
    assert (notice.read_at is not None) == (persona == "member")
    if persona == "member":
        assert response.json()["read_at"] is not None
        unread = world.client("member").get("/api/v1/notifications?unread=true").json()
        assert unread["count"] == 0


def test_read_all_counts_ones_own(world, send, notice, persona):
    send([world.user("manager")], context={"title": "the manager's"})
    response = world.client(persona).post("/api/v1/notifications/read-all", content_type="application/json")
    if persona == "anonymous":
        assert response.status_code == 401
    else:
        assert response.json() == {"marked": 1 if persona in ("member", "manager") else 0}
    assert Notice.objects.filter(read_at__isnull=False).count() == (1 if persona in ("member", "manager") else 0)


def test_preferences_are_read_and_set_all_or_nothing(world, persona):
    client = world.client(persona)
    url = "/api/v1/notifications/preferences"
    if persona == "anonymous":
        assert client.get(url).status_code == 401
        assert client.put(url, {"preferences": []}, content_type="application/json").status_code == 401
        return
    user = world.user(persona)
    listed = {row["kind"]: row for row in client.get(url).json()}
    assert listed[DAILY.key] == {"kind": DAILY.key, "label": "Programs", "email": "daily", "default_email": "daily"}
    response = client.put(
        url, {"preferences": [{"kind": DAILY.key, "email": "never"}]}, content_type="application/json"
    )
    assert response.status_code == 200
    assert {row["kind"]: row["email"] for row in response.json()}[DAILY.key] == "never"
    assert email_choices(user)[DAILY.key] == "never"

    unknown = [{"kind": AT_ONCE.key, "email": "never"}, {"kind": "tests.nothing", "email": "never"}]
    response = client.put(url, {"preferences": unknown}, content_type="application/json")
    assert response.status_code == 400 and "tests.nothing" in response.json()["detail"]
    bad_choice = [{"kind": AT_ONCE.key, "email": "hourly"}]
    assert client.put(url, {"preferences": bad_choice}, content_type="application/json").status_code == 422
    assert email_choices(user)[AT_ONCE.key] == "immediately"


def test_the_api_list_costs_the_same_queries_for_3_and_40_notices(world, send, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client("member")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/notifications").status_code == 200
        return len(queries.captured_queries)

    for _ in range(3):
        send([world.user("member")])
    few = count()
    for _ in range(37):
        send([world.user("member")])
    assert count() == few
