"""Days on which a meeting would keep some of the invited away: Shabbat, the Jewish holidays, the
Muslim, Christian and Druze ones, each with the communities it affects.

An organizer is warned about the occasions that affect the communities of the people invited (see
`communities_of_sectors`); docs/calendar.md lists the rules. In short:

- Shabbat runs from 40 minutes before Friday's sunset to 40 minutes after Saturday's (sunset in
  Jerusalem, by the NOAA sunrise equation; 40 minutes is Jerusalem's candle lighting, the earliest of
  the Israeli customs, and about when three stars are out on Saturday night). Jewish days of rest run
  the same way from their eve.
- Jewish holidays come from the `holidays` package's Israeli calendar: its public holidays are days
  of rest; its optional and school days (intermediate days, Purim, fasts, memorial days, Hanukkah)
  are notes. Yom Kippur affects everyone: the whole country stops.
- Muslim holidays follow the Umm al-Qura Hijri calendar (hijridate); the day the moon is sighted may
  differ by one, so they are whole civil days. Ramadan is a note, not a day of rest.
- Christian holidays of both calendars: Christmas on 25 December and on 7 January (the Julian date),
  Good Friday and Easter of the Western and the Orthodox reckoning (dateutil's computus).
- Druze: the pilgrimage to Nabi Shu'ayb on 25 April (an official holiday since 1954) and Eid al-Adha.
"""

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from zoneinfo import ZoneInfo

import holidays as holiday_calendars
from dateutil import easter
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from hijridate import Gregorian

ISRAEL = ZoneInfo("Asia/Jerusalem")
JERUSALEM = (31.778, 35.235)  # latitude, longitude (east)
# Shabbat and Jewish holidays: from candle lighting before sunset to nightfall after it.
CANDLE_LIGHTING = datetime.timedelta(minutes=40)
NIGHTFALL = datetime.timedelta(minutes=40)


class Community(models.TextChoices):
    JEWISH = "jewish", _("Jewish")
    MUSLIM = "muslim", _("Muslim")
    CHRISTIAN = "christian", _("Christian")
    DRUZE = "druze", _("Druze")


EVERYONE = frozenset(Community)

# Who keeps which calendar, by the sector of their organization (directory.Sector). The Arab sector
# has Muslim and Christian pupils and staff; a cross-sector or unknown organization may have anyone,
# so its people are warned about everything.
SECTOR_COMMUNITIES: dict[str, frozenset[Community]] = {
    "state": frozenset({Community.JEWISH}),
    "state_religious": frozenset({Community.JEWISH}),
    "ultra_orthodox": frozenset({Community.JEWISH}),
    "arab": frozenset({Community.MUSLIM, Community.CHRISTIAN}),
    "bedouin": frozenset({Community.MUSLIM}),
    "druze": frozenset({Community.DRUZE}),
    "general": EVERYONE,
}


def communities_of_sectors(sectors: Iterable[str | None]) -> frozenset[Community]:
    """The communities of people from organizations of these sectors ('' or None: unknown, everyone)."""
    found: set[Community] = set()
    for sector in sectors:
        found |= SECTOR_COMMUNITIES.get(sector or "", EVERYONE)
    return frozenset(found)


@dataclass(frozen=True)
class Occasion:
    key: str  # stable, e.g. "yom_kippur", "eid_al_fitr"
    name: Promise | str  # in the reader's language when shown
    communities: frozenset[Community]
    day: datetime.date  # the civil day it is on
    start: datetime.datetime  # when it begins (aware, Israel's time)
    end: datetime.datetime
    rest: bool  # a day of rest (do not schedule) rather than a note (Ramadan, intermediate days)

    def affects(self, communities: Iterable[Community]) -> bool:
        return not self.communities.isdisjoint(communities)

    def overlaps(self, start: datetime.datetime, end: datetime.datetime) -> bool:
        return self.start < end and start < self.end


def sunset(day: datetime.date, latitude: float = JERUSALEM[0], longitude: float = JERUSALEM[1]) -> datetime.datetime:
    """Sunset by the sunrise equation (NOAA's simplified form, good to a minute or two), in Israel's time."""
    n = day.toordinal() + 1721425 - 2451545  # days from noon of 1 January 2000 (J2000) to this day's noon
    mean_solar_noon = n - longitude / 360
    anomaly = math.radians((357.5291 + 0.98560028 * mean_solar_noon) % 360)
    centre = 1.9148 * math.sin(anomaly) + 0.02 * math.sin(2 * anomaly) + 0.0003 * math.sin(3 * anomaly)
    ecliptic = math.radians((math.degrees(anomaly) + centre + 180 + 102.9372) % 360)
    transit = 2451545.0 + mean_solar_noon + 0.0053 * math.sin(anomaly) - 0.0069 * math.sin(2 * ecliptic)
    declination = math.asin(math.sin(ecliptic) * math.sin(math.radians(23.4397)))
    phi = math.radians(latitude)
    hour_angle = math.acos(
        (math.sin(math.radians(-0.833)) - math.sin(phi) * math.sin(declination))
        / (math.cos(phi) * math.cos(declination))
    )
    set_julian = transit + math.degrees(hour_angle) / 360
    moment = datetime.datetime.fromtimestamp((set_julian - 2440587.5) * 86400, tz=datetime.UTC)
    return moment.astimezone(ISRAEL).replace(second=0, microsecond=0)


def _from_eve(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """A Jewish day of rest: from candle lighting on its eve to nightfall at its end."""
    return sunset(day - datetime.timedelta(days=1)) - CANDLE_LIGHTING, sunset(day) + NIGHTFALL


def _civil(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(day, datetime.time(), tzinfo=ISRAEL)
    return start, datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), tzinfo=ISRAEL)


# The Israeli calendar's names (holidays' en_US) in our words, so they are translated with the site.
JEWISH_NAMES: dict[str, tuple[str, Promise]] = {
    "Rosh Hashanah": ("rosh_hashanah", _("Rosh Hashanah")),
    "Yom Kippur": ("yom_kippur", _("Yom Kippur")),
    "Sukkot": ("sukkot", _("Sukkot")),
    "Sukkot holiday": ("sukkot_intermediate", _("Intermediate days of Sukkot")),
    "Simchat Torah / Shemini Atzeret": ("simchat_torah", _("Shemini Atzeret and Simchat Torah")),
    "Hanukkah": ("hanukkah", _("Hanukkah")),
    "Ta'anit Ester": ("taanit_ester", _("Fast of Esther")),
    "Purim": ("purim", _("Purim")),
    "Pesach": ("pesach", _("Passover")),
    "Pesach holiday": ("pesach_intermediate", _("Intermediate days of Passover")),
    "Seventh day of Pesach": ("pesach_seventh", _("Seventh day of Passover")),
    "Remembrance Day": ("memorial_day", _("Memorial Day")),
    "Independence Day": ("independence_day", _("Independence Day")),
    "Lag BaOmer": ("lag_baomer", _("Lag BaOmer")),
    "Jerusalem Day": ("jerusalem_day", _("Jerusalem Day")),
    "Shavuot": ("shavuot", _("Shavuot")),
    "Tisha B'Av": ("tisha_bav", _("Tisha B'Av")),
    "Sigd": ("sigd", _("Sigd")),
}


@cache
def _israeli_calendar(year: int) -> tuple[dict[datetime.date, list[str]], dict[datetime.date, list[str]]]:
    """The Israeli calendar's days of rest and its other days, each a list of names by date."""
    rest = holiday_calendars.Israel(years=year, categories=("public",), language="en_US")
    other = holiday_calendars.Israel(years=year, categories=("optional", "school"), language="en_US")

    def by_day(calendar: holiday_calendars.HolidayBase) -> dict[datetime.date, list[str]]:
        return {day: sorted(set(calendar.get_list(day))) for day in calendar}

    return by_day(rest), by_day(other)


def _jewish(day: datetime.date) -> list[Occasion]:
    rest_days, other_days = _israeli_calendar(day.year)
    found: list[Occasion] = []
    for names, rest in ((rest_days.get(day, []), True), (other_days.get(day, []), False)):
        for name in names:
            # A name the package adds in a later version shows as the package writes it, untranslated.
            key, label = JEWISH_NAMES.get(name, (name.lower().replace(" ", "_"), name))
            if not rest and any(occasion.key == key for occasion in found):
                continue
            communities = EVERYONE if key == "yom_kippur" else frozenset({Community.JEWISH})
            start, end = _from_eve(day) if rest else _civil(day)
            found.append(Occasion(key, label, communities, day, start, end, rest))
    if day.weekday() == 5:  # Saturday
        start, end = _from_eve(day)
        found.append(Occasion("shabbat", _("Shabbat"), frozenset({Community.JEWISH}), day, start, end, True))
    return found


MUSLIM = frozenset({Community.MUSLIM})
MUSLIM_AND_DRUZE = frozenset({Community.MUSLIM, Community.DRUZE})
# (Hijri month, first day, last day) -> key, name, communities, day of rest
HIJRI_OCCASIONS: list[tuple[int, int, int, str, Promise, frozenset[Community], bool]] = [
    (1, 1, 1, "islamic_new_year", _("Islamic New Year"), MUSLIM, True),
    (3, 12, 12, "mawlid", _("Mawlid, the Prophet's birthday"), MUSLIM, True),
    (9, 1, 30, "ramadan", _("Ramadan"), MUSLIM, False),
    (10, 1, 3, "eid_al_fitr", _("Eid al-Fitr"), MUSLIM, True),
    (12, 10, 13, "eid_al_adha", _("Eid al-Adha"), MUSLIM_AND_DRUZE, True),
]


def _hijri(day: datetime.date) -> list[Occasion]:
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except OverflowError:  # outside the Umm al-Qura tables (1924 to 2077)
        return []
    start, end = _civil(day)
    return [
        Occasion(key, name, communities, day, start, end, rest)
        for month, first, last, key, name, communities, rest in HIJRI_OCCASIONS
        if hijri.month == month and first <= hijri.day <= last
    ]


CHRISTIAN = frozenset({Community.CHRISTIAN})


def _christian(day: datetime.date) -> list[Occasion]:
    found: dict[str, Promise] = {}
    if (day.month, day.day) == (12, 25):
        found["christmas"] = _("Christmas")
    if (day.month, day.day) == (1, 7):
        found["orthodox_christmas"] = _("Christmas (Orthodox)")
    western, orthodox = easter.easter(day.year, easter.EASTER_WESTERN), easter.easter(day.year, easter.EASTER_ORTHODOX)
    for sunday, key, easter_name, friday_name in (
        (western, "easter", _("Easter"), _("Good Friday")),
        (orthodox, "orthodox_easter", _("Easter (Orthodox)"), _("Good Friday (Orthodox)")),
    ):
        if sunday == western and key == "orthodox_easter":
            continue  # the years both calendars meet: one Easter
        if day == sunday:
            found[key] = easter_name
        if day == sunday - datetime.timedelta(days=2):
            found["good_friday" if key == "easter" else "orthodox_good_friday"] = friday_name
    start, end = _civil(day)
    return [Occasion(key, name, CHRISTIAN, day, start, end, True) for key, name in found.items()]


def _druze(day: datetime.date) -> list[Occasion]:
    if (day.month, day.day) != (4, 25):
        return []
    start, end = _civil(day)
    return [Occasion("nabi_shuayb", _("Ziyarat Nabi Shu'ayb"), frozenset({Community.DRUZE}), day, start, end, True)]


def occasions_on(day: datetime.date) -> list[Occasion]:
    """Everything on this civil day, for every community."""
    return _jewish(day) + _hijri(day) + _christian(day) + _druze(day)


def warnings_for_day(day: datetime.date, communities: Iterable[Community] = EVERYONE) -> list[Occasion]:
    """The occasions on a day that affect any of these communities."""
    wanted = frozenset(communities)
    return [occasion for occasion in occasions_on(day) if occasion.affects(wanted)]


def warnings_for_range(
    start: datetime.datetime, end: datetime.datetime, communities: Iterable[Community] = EVERYONE
) -> list[Occasion]:
    """The occasions that overlap a meeting from `start` to `end` (aware) and affect these communities;
    a meeting on Friday at 20:00 meets Shabbat, one on Friday at 10:00 does not."""
    wanted = frozenset(communities)
    first, last = start.astimezone(ISRAEL).date(), end.astimezone(ISRAEL).date()
    found: list[Occasion] = []
    day = first
    # A Jewish day of rest begins the evening before: look one day past the meeting's end.
    while day <= last + datetime.timedelta(days=1):
        found += [o for o in occasions_on(day) if o.affects(wanted) and o.overlaps(start, end)]
        day += datetime.timedelta(days=1)
    return found
