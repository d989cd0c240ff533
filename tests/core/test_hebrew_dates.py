"""The Hebrew date of a Gregorian day in three languages, the template tags, and the person's choice to
see it (a setting on the notification settings page)."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from hevruta.accounts.models import User
from hevruta.core.dates import hebrew_date
from hevruta.notifications.forms import NotificationSettingsForm
from hevruta.notifications.queries import email_choices
from tests.conftest import PERSONAS


@pytest.mark.parametrize(
    ("day", "hebrew", "arabic", "english"),
    [
        (datetime.date(2027, 1, 23), "ט״ו בשבט תשפ״ז", "15 شباط 5787", "15 Shevat 5787"),
        (datetime.date(2026, 9, 21), "י׳ בתשרי תשפ״ז", "10 تشري 5787", "10 Tishrei 5787"),
        # 5787 is a leap year: two Adars.
        (datetime.date(2027, 2, 20), "י״ג באדר א׳ תשפ״ז", "13 آذار الأول 5787", "13 Adar I 5787"),
        (datetime.date(2027, 3, 23), "י״ד באדר ב׳ תשפ״ז", "14 آذار الثاني 5787", "14 Adar II 5787"),
        (datetime.date(2026, 3, 3), "י״ד באדר תשפ״ו", "14 آذار 5786", "14 Adar 5786"),
        (datetime.date(2022, 3, 2), "כ״ט באדר א׳ תשפ״ב", "29 آذار الأول 5782", "29 Adar I 5782"),
    ],
)
def test_the_hebrew_date_in_each_language(day, hebrew, arabic, english):
    found = hebrew_date(day)
    assert (found.hebrew, found.arabic, found.english) == (hebrew, arabic, english)


def test_a_moment_counts_by_its_day_in_israel():
    # 23:30 in Israel on 22 January is 21:30 UTC: the filter speaks of Israel's day, the 22nd.
    moment = datetime.datetime(2027, 1, 22, 21, 30, tzinfo=datetime.UTC)
    with translation.override("en"):
        text = Template("{% load dates %}{{ moment|hebrew_date }}").render(Context({"moment": moment}))
    assert text == "14 Shevat 5787"


@pytest.mark.django_db
@pytest.mark.parametrize("show", [True, False])
def test_the_tag_adds_the_hebrew_date_only_for_who_asked(show):
    user = User.objects.create_user(email="dates@example.org", show_hebrew_date=show)
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% load dates %}{% with_hebrew_date day "Y-m-d" %}')
    with translation.override("he"):
        text = template.render(Context({"request": request, "day": datetime.date(2027, 1, 23)}))
    assert text.startswith("2027-01-23")
    assert ("ט״ו בשבט תשפ״ז" in text) is show


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_settings_page_turns_the_hebrew_date_on_and_off(world, persona):
    client = world.client(persona)
    url = reverse("notifications:settings")
    if persona == "anonymous":
        assert client.post(url, {"language": "en", "show_hebrew_date": "on"}).status_code == 302
        assert not User.objects.filter(show_hebrew_date=True).exists()
        return
    user = world.user(persona)
    assert user.show_hebrew_date is False  # off until asked for (docs/calendar.md)
    page = client.get(url).content.decode()
    assert 'name="show_hebrew_date"' in page
    data = {"language": "he"} | {NotificationSettingsForm.field_name(key): "never" for key in email_choices(user)}
    assert client.post(url, data | {"show_hebrew_date": "on"}).status_code == 302
    user.refresh_from_db()
    assert user.show_hebrew_date is True
    assert "checked" in client.get(url).content.decode().split('name="show_hebrew_date"')[1].split(">")[0]
    assert client.post(url, data).status_code == 302
    user.refresh_from_db()
    assert user.show_hebrew_date is False
    # Only one's own setting changed.
    assert User.objects.filter(show_hebrew_date=True).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
def test_the_api_reads_and_changes_ones_own_preferences(world, persona):
    client = world.client(persona)
    if persona == "anonymous":
        assert client.get("/api/v1/me/preferences").status_code == 401
        assert client.patch("/api/v1/me/preferences", {"show_hebrew_date": True}, "application/json").status_code == 401
        return
    user = world.user(persona)
    before = client.get("/api/v1/me/preferences").json()
    assert before == {"language": user.preferred_language, "show_hebrew_date": False}
    response = client.patch("/api/v1/me/preferences", {"show_hebrew_date": True}, "application/json")
    assert response.status_code == 200 and response.json()["show_hebrew_date"] is True
    user.refresh_from_db()
    assert user.show_hebrew_date is True and user.preferred_language == before["language"]
    # An unknown language refuses the whole request: nothing changes.
    refused = client.patch("/api/v1/me/preferences", {"language": "fr", "show_hebrew_date": False}, "application/json")
    assert refused.status_code == 422
    user.refresh_from_db()
    assert user.show_hebrew_date is True
    assert User.objects.filter(show_hebrew_date=True).count() == 1  # only one's own
