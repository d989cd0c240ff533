"""Holiday warnings on known dates, by community (hevruta/core/holidays.py)."""

import datetime

import pytest

from hevruta.core.holidays import (
    ISRAEL,
    Community,
    communities_of_sectors,
    occasions_on,
    sunset,
    warnings_for_day,
    warnings_for_range,
)


def keys(occasions) -> set[str]:  # type: ignore[no-untyped-def]
    return {occasion.key for occasion in occasions}


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=ISRAEL)


@pytest.mark.parametrize(
    ("day", "key", "communities"),
    [
        ("2026-09-21", "yom_kippur", set(Community)),  # the whole country stops
        ("2027-10-11", "yom_kippur", set(Community)),
        ("2026-09-12", "rosh_hashanah", {Community.JEWISH}),
        ("2027-04-22", "pesach", {Community.JEWISH}),
        ("2026-03-20", "eid_al_fitr", {Community.MUSLIM}),
        ("2027-03-09", "eid_al_fitr", {Community.MUSLIM}),
        ("2026-05-27", "eid_al_adha", {Community.MUSLIM, Community.DRUZE}),
        ("2026-06-16", "islamic_new_year", {Community.MUSLIM}),
        ("2026-12-25", "christmas", {Community.CHRISTIAN}),
        ("2027-01-07", "orthodox_christmas", {Community.CHRISTIAN}),
        ("2027-03-28", "easter", {Community.CHRISTIAN}),
        ("2027-05-02", "orthodox_easter", {Community.CHRISTIAN}),
        ("2026-04-25", "nabi_shuayb", {Community.DRUZE}),
        ("2026-11-14", "shabbat", {Community.JEWISH}),
    ],
)
def test_known_days(day, key, communities):
    found = {occasion.key: occasion for occasion in occasions_on(datetime.date.fromisoformat(day))}
    assert key in found, found
    assert found[key].communities == communities
    assert found[key].rest


def test_a_plain_weekday_has_no_warning():
    assert occasions_on(datetime.date(2026, 11, 10)) == []  # a Tuesday in Heshvan and Jumada al-Awwal
    assert warnings_for_range(at("2026-11-10T09:00"), at("2026-11-10T16:00")) == []


def test_ramadan_is_a_note_not_a_day_of_rest():
    (ramadan,) = occasions_on(datetime.date(2027, 2, 15))
    assert ramadan.key == "ramadan" and not ramadan.rest


def test_easter_once_when_both_calendars_agree():
    # In 2025 the Western and Orthodox Easter fell on the same Sunday, 20 April.
    assert keys(occasions_on(datetime.date(2025, 4, 20))) == {"easter"}


def test_only_the_communities_asked_for():
    day = datetime.date(2026, 12, 25)
    assert keys(warnings_for_day(day, {Community.CHRISTIAN})) == {"christmas"}
    assert warnings_for_day(day, {Community.JEWISH, Community.DRUZE}) == []
    assert keys(warnings_for_day(datetime.date(2026, 4, 25), {Community.DRUZE})) == {"nabi_shuayb"}
    assert warnings_for_day(datetime.date(2026, 4, 25), {Community.MUSLIM}) == []


def test_sectors_map_to_communities():
    assert communities_of_sectors(["state", "ultra_orthodox"]) == {Community.JEWISH}
    assert communities_of_sectors(["arab"]) == {Community.MUSLIM, Community.CHRISTIAN}
    assert communities_of_sectors(["bedouin", "druze"]) == {Community.MUSLIM, Community.DRUZE}
    # A cross-sector organization, or one whose sector nobody wrote, may have anyone.
    assert communities_of_sectors(["general"]) == set(Community)
    assert communities_of_sectors([""]) == set(Community)
    assert communities_of_sectors([]) == set()


def test_shabbat_begins_before_sunset_on_friday_and_ends_after_it_on_saturday():
    # Friday 13 November 2026: sunset in Jerusalem about 16:41, so candle lighting about 16:01.
    assert abs(sunset(datetime.date(2026, 11, 13)) - at("2026-11-13T16:41")) <= datetime.timedelta(minutes=3)
    assert abs(sunset(datetime.date(2027, 6, 21)) - at("2027-06-21T19:48")) <= datetime.timedelta(minutes=3)
    assert warnings_for_range(at("2026-11-13T09:00"), at("2026-11-13T13:00")) == []
    assert keys(warnings_for_range(at("2026-11-13T17:00"), at("2026-11-13T19:00"))) == {"shabbat"}
    assert keys(warnings_for_range(at("2026-11-14T19:00"), at("2026-11-14T21:00"))) == set()
    assert keys(warnings_for_range(at("2026-11-14T16:00"), at("2026-11-14T21:00"))) == {"shabbat"}


def test_a_range_sees_the_eve_of_a_day_of_rest():
    # Yom Kippur 5787 begins on the evening of Sunday 20 September 2026.
    evening = warnings_for_range(at("2026-09-20T18:30"), at("2026-09-20T20:00"), {Community.MUSLIM})
    assert keys(evening) == {"yom_kippur"}
    assert warnings_for_range(at("2026-09-20T09:00"), at("2026-09-20T12:00")) == []


def test_a_range_over_several_days_lists_each_occasion():
    found = warnings_for_range(at("2027-04-24T09:00"), at("2027-04-26T17:00"), {Community.DRUZE, Community.JEWISH})
    assert {"shabbat", "nabi_shuayb", "pesach_intermediate"} <= keys(found)
