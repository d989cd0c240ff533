"""The Hebrew date of a Gregorian day, written for each of the site's readers.

Hebrew readers get it the way a Hebrew calendar prints it, in Hebrew numerals ("ט״ו בשבט תשפ״ז");
Arabic and English readers get the month's name transliterated and the numbers in digits
("15 شباط 5787", "15 Shevat 5787"), since Hebrew numerals mean nothing to most of them.

The conversion is pyluach's (arithmetic of the fixed Hebrew calendar, no tables to go out of date).
A Hebrew day begins at the previous evening's nightfall; a Gregorian day is what the site shows, so
the date given is the one that holds from that day's morning to its sunset, as calendars print it.
"""

import datetime
from dataclasses import dataclass

from django.utils import translation
from pyluach import dates as luach
from pyluach import hebrewcal

# pyluach numbers months from Nisan (1) to Adar (12) and Adar II (13) in a leap year. pyluach spells
# the English names (but "Adar 1", where English calendars write "Adar I"); the Arabic ones are those
# Arabic calendars in Israel print.
ARABIC_MONTHS = {
    1: "نيسان",
    2: "أيار",
    3: "سيوان",
    4: "تموز",
    5: "آب",
    6: "أيلول",
    7: "تشري",
    8: "حشفان",
    9: "كسليف",
    10: "طيفت",
    11: "شباط",
    12: "آذار",
    13: "آذار الثاني",
}
ARABIC_ADAR_I = "آذار الأول"


@dataclass(frozen=True)
class HebrewDate:
    year: int
    month: int  # pyluach's numbering: 1 is Nisan, 7 is Tishrei, 13 is Adar II
    day: int
    hebrew: str  # "ט״ו בשבט תשפ״ז"
    arabic: str  # "15 شباط 5787"
    english: str  # "15 Shevat 5787"

    def in_language(self, language: str) -> str:
        if language.startswith("he"):
            return self.hebrew
        if language.startswith("ar"):
            return self.arabic
        return self.english


def hebrew_date(day: datetime.date) -> HebrewDate:
    """The Hebrew date of a Gregorian day (a datetime counts by its own local day)."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    date = luach.GregorianDate(day.year, day.month, day.day).to_heb()
    leap_adar_i = date.month == 12 and hebrewcal.Year(date.year).leap
    arabic_month = ARABIC_ADAR_I if leap_adar_i else ARABIC_MONTHS[date.month]
    english_month = "Adar I" if leap_adar_i else "Adar II" if date.month == 13 else date.month_name()
    return HebrewDate(
        year=date.year,
        month=date.month,
        day=date.day,
        hebrew=f"{date.hebrew_day()} ב{date.month_name(hebrew=True)} {date.hebrew_year()}",
        arabic=f"{date.day} {arabic_month} {date.year}",
        english=f"{date.day} {english_month} {date.year}",
    )


def hebrew_date_text(day: datetime.date, language: str | None = None) -> str:
    """The Hebrew date in the given language, or in the active one."""
    return hebrew_date(day).in_language(language or translation.get_language() or "he")
