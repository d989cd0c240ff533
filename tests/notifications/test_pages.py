"""The notification centre as each persona: a notice is seen, opened and marked only by its
recipient; anyone else gets 404 (or the login page) and nothing changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hevruta.notifications.models import Notice

from .conftest import AT_ONCE, DAILY

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(world, send):  # type: ignore[no-untyped-def]
    send([world.user("member")], context={"title": "Mira's notice"}, url="/knowledge/")
    return Notice.objects.get()


def test_the_list_shows_only_ones_own_notices(world, notice, persona):
    response = world.client(persona).get(reverse("notifications:list"))
    if persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        return
    assert response.status_code == 200
    assert ("Mira&#x27;s notice" in response.content.decode()) == (persona == "member")


def test_only_the_recipient_opens_a_notice_and_opening_marks_it_read(world, notice, persona):
    response = world.client(persona).get(reverse("notifications:open", args=[notice.pk]))
    notice.refresh_from_db()
    if persona == "member":
        assert response.status_code == 302 and response["Location"] == "/knowledge/"
        assert notice.read_at is not None
    else:
        assert response.status_code == (302 if persona == "anonymous" else 404)
        assert notice.read_at is None


def test_only_the_recipient_marks_a_notice_read(world, notice, persona):
    response = world.client(persona).post(reverse("notifications:read", args=[notice.pk]))
    notice.refresh_from_db()
    assert (notice.read_at is not None) == (persona == "member")
    assert response.status_code == {"member": 302, "anonymous": 302}.get(persona, 404)


def test_marking_all_read_touches_only_ones_own(world, send, notice, persona):
    send([world.user("manager"), world.user("outsider")], context={"title": "theirs"})
    world.client(persona).post(reverse("notifications:read_all"))
    unread = set(Notice.objects.filter(read_at__isnull=True).values_list("recipient__email", flat=True))
    everyone = {"member@example.org", "manager@example.org", "outsider@example.org"}
    assert unread == everyone - ({f"{persona}@example.org"} if persona != "anonymous" else set())


def test_marking_read_with_htmx_answers_the_row_and_the_bell(world, notice):
    response = world.client("member").post(reverse("notifications:read", args=[notice.pk]), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="notice-{notice.pk}"' in page and "Mark read" not in page
    assert 'id="notice-bell-count" hx-swap-oob="true"' in page and "unread" not in page


def test_the_bell_counts_unread_notices_with_one_query(world, send, notice):
    send([world.user("member")], context={"title": "second"})
    client = world.client("member")
    page = client.get(reverse("directory:networks")).content.decode()
    assert "2 unread notifications" in page
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("directory:networks"))
    assert sum('"notifications_notice"' in query["sql"] for query in queries.captured_queries) == 1


def test_the_bell_counts_in_hebrew_and_arabic_too(world, send, notice):
    # Their plural forms compute with the number (n % 10): the count must be a number, not a proxy.
    send([world.user("member")], context={"title": "second"})
    for language in ("he", "ar"):
        response = world.client("member").get(reverse("directory:networks"), headers={"Accept-Language": language})
        assert response.status_code == 200 and 'data-testid="notice-bell"' in response.content.decode()


def test_no_bell_and_no_query_for_a_visitor(world, notice):
    with CaptureQueriesContext(connection) as queries:
        page = world.client("anonymous").get(reverse("directory:networks")).content.decode()
    assert 'data-testid="notice-bell"' not in page
    assert not any("notifications_notice" in query["sql"] for query in queries.captured_queries)


def test_the_list_page_costs_the_same_queries_for_5_and_60_notices(world, send):
    member = world.user("member")
    client = world.client("member")

    def queries_for_list() -> int:
        client.get(reverse("notifications:list"))  # warm: the session, the viewer
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("notifications:list"))
        assert response.status_code == 200
        return len(queries.captured_queries)

    for _ in range(5):
        send([member], kind=DAILY.key)
    few = queries_for_list()
    for _ in range(55):
        send([member], kind=AT_ONCE.key, url="/knowledge/")
    assert queries_for_list() == few


def test_the_settings_page_saves_the_language_and_each_kinds_choice(world, persona):
    from hevruta.accounts.models import User
    from hevruta.notifications.forms import NotificationSettingsForm
    from hevruta.notifications.queries import email_choices

    client = world.client(persona)
    url = reverse("notifications:settings")
    if persona == "anonymous":
        assert client.get(url).status_code == 302
        assert client.post(url, {"language": "ar"}).status_code == 302
        return
    page = client.get(url).content.decode()
    assert "Knowledge" in page and "In a weekly digest" in page
    user = User.objects.get(pk=world.user(persona).pk)
    data = {"language": "ar"} | {NotificationSettingsForm.field_name(key): "never" for key in email_choices(user)}
    data[NotificationSettingsForm.field_name(DAILY.key)] = "weekly"
    response = client.post(url, data)
    assert response.status_code == 302 and response.cookies["django_language"].value == "ar"
    user.refresh_from_db()
    assert user.language == "ar"
    assert email_choices(user)[DAILY.key] == "weekly" and email_choices(user)[AT_ONCE.key] == "never"
    # A choice that is not one refuses the whole form.
    data[NotificationSettingsForm.field_name(AT_ONCE.key)] = "hourly"
    data["language"] = "en"
    assert client.post(url, data).status_code == 200
    user.refresh_from_db()
    assert user.language == "ar" and email_choices(user)[AT_ONCE.key] == "never"
