"""A national-scale synthetic professional network, the same for the same seed.

The default shape follows seed document 002: 17,259 mathematics and science teachers in post-elementary
schools (junior-high and senior-high) split over biology, chemistry, science, mathematics and physics;
about 20% of them leading teachers (subject coordinators, instructors, community facilitators,
pedagogic supervisors) and 2-4% senior teachers who teach the leaders. `scale` multiplies it: 15 is
roughly every teacher in the country, ~250,000 people in ~5,000 schools.

Schools are spread over real localities weighted by population. Everybody gets one or two positions
(the current one, sometimes an earlier one), subjects, grade bands, languages, and a membership of one
new members-only network.

Speed: the target is 20,000 people a second into SQLite on two cores. QuerySet.bulk_create prepares
every value through the field API, ~8 µs a value here: ~3,300 people a second for the ~45 values a
person and their rows hold. So rows are made in database form, with primary keys reserved up front,
and written as multi-row INSERTs (COPY on PostgreSQL) built from the models' table and column names.
A thread makes the next chunk of people while the database writes this one. One transaction: all or
nothing.
"""

import contextlib
import queue
import random
import sqlite3
import threading
import time
from bisect import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import accumulate
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from hevruta.core.pagecache import data_changed
from hevruta.core.text import search_key

from .localities import ensure_localities
from .models import (
    LEADING_POSITION_ROLES,
    GradeBand,
    Language,
    Locality,
    MembershipRole,
    Network,
    NetworkKind,
    NetworkMembership,
    NetworkOrganization,
    Organization,
    OrganizationKind,
    Person,
    Position,
    PositionRole,
    Sector,
    Subject,
    Visibility,
)
from .signals import people_changed

# Synthetic names ---------------------------------------------------------------------------------

HEBREW_GIVEN_FEMALE = (
    "נועה", "מיכל", "רונית", "יעל", "תמר", "אורית", "שירה", "הילה", "ענבל", "סיגל", "אפרת", "דנה",
    "לימור", "מאיה", "רחל", "אסתר", "שרון", "ליאת", "עדי", "טל", "נטע", "גלית", "אביטל", "חנה",
    "אלה", "מירב", "אושרת", "קרן", "רעות", "הדס", "יפית", "אילנה", "ורד", "שולמית", "אנה", "ילנה",
)  # fmt: skip
HEBREW_GIVEN_MALE = (
    "יוסי", "דוד", "אבי", "משה", "אורי", "רון", "עמית", "איתן", "יונתן", "דניאל", "אליעזר", "גיל",
    "עידו", "אריאל", "נתן", "שמואל", "יגאל", "חיים", "עומר", "בועז", "אסף", "ניר", "אלכסנדר", "מיכאל",
)  # fmt: skip
HEBREW_FAMILY = (
    "כהן", "לוי", "מזרחי", "פרץ", "ביטון", "דהן", "אברהם", "פרידמן", "אזולאי", "מלכה", "כץ", "שפירא",
    "יוסף", "אוחיון", "חדד", "גבאי", "בן דוד", "שלום", "רוזנברג", "גולדשטיין", "אלון", "ברק", "שמעוני",
    "נחום", "טל", "אשכנזי", "סויסה", "עמר", "ויס", "קפלן", "לנדאו", "גרינברג", "בירנבאום", "ששון",
    "וקנין", "אלמוג", "קליין", "רבינוביץ", "ספקטור", "טסמה", "ורקו", "סלומון",
)  # fmt: skip
ARABIC_GIVEN_FEMALE = (
    "مريم", "فاطمة", "آمنة", "سناء", "رنا", "هبة", "نسرين", "ريم", "لبنى", "سماح", "منى", "عبير",
    "رشا", "ياسمين", "دعاء", "أسماء", "سهى", "نادية", "سوسن", "إيمان", "رهام", "هيام", "وفاء", "ميساء",
)  # fmt: skip
ARABIC_GIVEN_MALE = (
    "محمد", "أحمد", "خالد", "سامي", "يوسف", "عمر", "إبراهيم", "علي", "حسن", "مروان", "رامي", "وسيم",
    "جمال", "نبيل", "فادي", "كمال", "سليم", "باسل", "طارق", "عماد",
)  # fmt: skip
ARABIC_FAMILY = (
    "مصاروة", "أبو ريا", "غنايم", "زعبي", "طه", "حاج يحيى", "عثامنة", "جبارين", "محاجنة", "خطيب",
    "سعدي", "عودة", "بدارنة", "أبو صالح", "قاسم", "حسين", "شلبي", "عيسى", "نصار", "حلبي", "أبو عرار",
    "الصانع", "أبو فريح", "منصور", "خليل", "سليمان", "عمري", "ناطور", "وتد", "مرعي",
)  # fmt: skip

# Sectors whose teachers get Arabic names and Arabic position titles.
ARABIC_SECTORS = frozenset({Sector.ARAB, Sector.DRUZE, Sector.BEDOUIN})


@dataclass(frozen=True)
class SyntheticName:
    given_name: str
    family_name: str
    female: bool
    arabic: bool


def synthetic_name(rng: random.Random, *, arabic: bool, female_share: float = 0.78) -> SyntheticName:
    """Most teachers in Israel are women, hence the default share."""
    female = rng.random() < female_share
    if arabic:
        given = rng.choice(ARABIC_GIVEN_FEMALE if female else ARABIC_GIVEN_MALE)
        return SyntheticName(given, rng.choice(ARABIC_FAMILY), female, True)
    given = rng.choice(HEBREW_GIVEN_FEMALE if female else HEBREW_GIVEN_MALE)
    return SyntheticName(given, rng.choice(HEBREW_FAMILY), female, False)


# Position titles ---------------------------------------------------------------------------------

# Subject names as titles use them: Hebrew bare and with the preposition ל, and Arabic.
SUBJECT_WORDS = {
    "mathematics": ("מתמטיקה", "למתמטיקה", "الرياضيات"),
    "physics": ("פיזיקה", "לפיזיקה", "الفيزياء"),
    "chemistry": ("כימיה", "לכימיה", "الكيمياء"),
    "biology": ("ביולוגיה", "לביולוגיה", "الأحياء"),
    "science": ("מדע וטכנולוגיה", "למדע וטכנולוגיה", "العلوم والتكنولوجيا"),
}
# (Hebrew masculine, Hebrew feminine, Arabic masculine, Arabic feminine), with {s} the subject
# ({l}: the subject after ל) in the form the phrase needs.
ROLE_TITLES = {
    PositionRole.TEACHER: ("מורה {l}", "מורה {l}", "معلم {a}", "معلمة {a}"),
    PositionRole.SUBJECT_COORDINATOR: ("רכז {s}", "רכזת {s}", "مركّز {a}", "مركّزة {a}"),
    PositionRole.INSTRUCTOR: ("מדריך {l}", "מדריכה {l}", "مرشد {a}", "مرشدة {a}"),
    PositionRole.COMMUNITY_FACILITATOR: (
        "מנחה קהילה מקצועית של מורי {s}",
        "מנחת קהילה מקצועית של מורי {s}",
        "ميسّر مجتمع مهني لمعلمي {a}",
        "ميسّرة مجتمع مهني لمعلمي {a}",
    ),
    PositionRole.PEDAGOGIC_SUPERVISOR: (
        "מלווה פדגוגי {l}",
        "מלווה פדגוגית {l}",
        "مرافق تربوي في {a}",
        "مرافقة تربوية في {a}",
    ),
    PositionRole.SENIOR_TEACHER: ("מורה בכיר {l}", "מורה בכירה {l}", "معلم كبير في {a}", "معلمة كبيرة في {a}"),
}
LEADING_ROLES = LEADING_POSITION_ROLES


def position_title(role: str, subject: str, *, female: bool, arabic: bool) -> str:
    bare, with_le, in_arabic = SUBJECT_WORDS[subject]
    template = ROLE_TITLES[PositionRole(role)][2 * arabic + female]
    return template.format(s=bare, l=with_le, a=in_arabic)


# Schools -----------------------------------------------------------------------------------------

SCHOOL_KINDS = (  # Hebrew, English, Arabic (as the adjective after "مدرسة <name>")
    ("תיכון", "High School", "الثانوية"),
    ("חטיבת הביניים", "Junior High School", "الإعدادية"),
    ("בית הספר המקיף", "Comprehensive School", "الشاملة"),
)
HEBREW_EPONYMS = (
    ("רבין", "Rabin"), ("בגין", "Begin"), ("בן גוריון", "Ben-Gurion"), ("הרצל", "Herzl"), ("ביאליק", "Bialik"),
    ("רחל המשוררת", "Rachel"), ("אחד העם", "Ahad Ha'am"), ("ויצמן", "Weizmann"), ("אלון", "Alon"),
    ("רמון", "Ramon"), ("גולדה מאיר", "Golda Meir"), ("טשרניחובסקי", "Tchernichovsky"), ("הדר", "Hadar"),
    ("יצחק נבון", "Yitzhak Navon"), ("אורט", "ORT"), ("עמל", "Amal"), ("נעמי שמר", "Naomi Shemer"),
    ("אילן רמון", "Ilan Ramon"), ("לאה גולדברג", "Lea Goldberg"), ("ניצנים", "Nitzanim"),
)  # fmt: skip
RELIGIOUS_EPONYMS = (("נועם", "Noam"), ("צביה", "Tzvia"), ('אמי"ת', "AMIT"), ("בני עקיבא", "Bnei Akiva"))
ARABIC_EPONYMS = (
    ("אבן סינא", "Ibn Sina", "ابن سينا"), ("אל-פאראבי", "Al-Farabi", "الفارابي"),
    ("אבן ח'לדון", "Ibn Khaldun", "ابن خلدون"), ("אל-בירוני", "Al-Biruni", "البيروني"),
    ("אל-ח'ואריזמי", "Al-Khwarizmi", "الخوارزمي"), ("אל-נור", "Al-Nour", "النور"), ("אל-אמל", "Al-Amal", "الأمل"),
    ("אל-זהראא", "Al-Zahraa", "الزهراء"), ("אל-ג'ליל", "Al-Jalil", "الجليل"), ("אבן רושד", "Ibn Rushd", "ابن رشد"),
)  # fmt: skip
SCHOOL_SECTORS = (
    (Sector.STATE, 0.50),
    (Sector.STATE_RELIGIOUS, 0.17),
    (Sector.ULTRA_ORTHODOX, 0.03),
    (Sector.ARAB, 0.22),
    (Sector.DRUZE, 0.03),
    (Sector.BEDOUIN, 0.05),
)


def school(rng: random.Random, locality: Locality, sector: str) -> Organization:
    kind_he, kind_en, kind_ar = rng.choice(SCHOOL_KINDS)
    if sector in ARABIC_SECTORS:
        name_he, name_en, name_ar = rng.choice(ARABIC_EPONYMS)
        arabic_name = f"مدرسة {name_ar} {kind_ar}"
    else:
        eponyms = RELIGIOUS_EPONYMS if sector == Sector.STATE_RELIGIOUS else HEBREW_EPONYMS
        name_he, name_en = rng.choice(eponyms)
        arabic_name = ""
    name = f"{kind_he} {name_he}, {locality.name_he}"
    english = f"{name_en} {kind_en}, {locality.name_en}" if locality.name_en else ""
    return Organization(
        name=name,
        name_en=english,
        name_ar=arabic_name,
        kind=OrganizationKind.SCHOOL,
        sector=sector,
        locality=locality,
        search_text=search_key(name, english, arabic_name),
    )


# The shape ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    teachers: int = 17_259
    leading_share: float = 0.20
    senior_share: float = 0.03
    # One school a fifty teachers: at scale 15 (every subject's teachers) ~5,000 schools, as in Israel.
    people_per_school: int = 50
    # Document 002 names the five subjects but not their shares; these are assumptions.
    subjects: tuple[tuple[str, float], ...] = (
        ("mathematics", 0.42),
        ("science", 0.24),
        ("biology", 0.14),
        ("chemistry", 0.10),
        ("physics", 0.10),
    )
    leading_roles: tuple[tuple[str, float], ...] = (
        (PositionRole.SUBJECT_COORDINATOR, 0.40),
        (PositionRole.INSTRUCTOR, 0.25),
        (PositionRole.COMMUNITY_FACILITATOR, 0.25),
        (PositionRole.PEDAGOGIC_SUPERVISOR, 0.10),
    )
    past_position_share: float = 0.4


@dataclass
class GenerationResult:
    network: Network
    people: int
    organizations: int
    positions: int
    seconds: float

    @property
    def people_per_second(self) -> float:
        return self.people / self.seconds if self.seconds else 0.0


CHUNK = 2_000  # people made and written at a time: memory stays small, and writing starts early
FIRST_YEAR, LAST_YEAR = 1990, 2025  # school years in which positions start


def generate_network(
    seed: int = 1, scale: float = 1.0, shape: Shape | None = None, progress: Callable[[int, int], None] | None = None
) -> GenerationResult:
    """Generate a network of round(shape.teachers × scale) people; the same seed makes the same people."""
    started = time.perf_counter()
    shape = shape or Shape()
    total = max(1, round(shape.teachers * scale))
    if not Locality.objects.filter(population__gt=0).exists():
        ensure_localities()
    with transaction.atomic(), _large_sqlite_cache():
        data_changed("directory")  # raw inserts send no signals
        maker = _Maker(seed, shape, total)
        done = 0
        # People are made in a thread from here on; the schools are written meanwhile.
        with _Ahead(maker.chunks(_reserve_ids(Person, total))) as chunks:
            maker.write_schools()
            for chunk in chunks:
                chunk.write()
                done += chunk.people
                if progress:
                    progress(done, total)
        people_changed.send(sender=Person, person_ids=None)
    return GenerationResult(
        network=maker.network,
        people=total,
        organizations=len(maker.school_ids),
        positions=maker.positions,
        seconds=time.perf_counter() - started,
    )


def role_plan(rng: random.Random, shape: Shape, total: int) -> list[str]:
    """Exactly the shape's shares of leading and senior teachers, in a seeded random order."""
    senior = round(total * shape.senior_share)
    leading = round(total * shape.leading_share)
    roles, weights = zip(*shape.leading_roles, strict=True)
    plan = [PositionRole.SENIOR_TEACHER] * senior + rng.choices(roles, weights=weights, k=leading)
    plan += [PositionRole.TEACHER] * (total - len(plan))
    rng.shuffle(plan)
    return plan


def _create_network(seed: int) -> Network:
    from .services import create_network

    return create_network(
        f"מורי המתמטיקה והמדעים – רשת סינתטית (זרע {seed})",
        kind=NetworkKind.PROFESSIONAL,
        is_public=False,
        description="רשת ארצית של מורי מתמטיקה ומדעים בחינוך העל-יסודי, שנוצרה באופן סינתטי לבדיקות ולהדגמה.",
        description_language="he",
        # Short: the slug is made from it and holds 50 characters.
        name_en=f"Synthetic teachers network, seed {seed}",
        name_ar=f"معلمو الرياضيات والعلوم – شبكة اصطناعية (بذرة {seed})",
    )


@dataclass
class _Chunk:
    """Rows for a few thousand people, in database form, with their primary keys already assigned."""

    people: int = 0
    person_rows: list[tuple] = field(default_factory=list)
    positions: list[tuple] = field(default_factory=list)
    memberships: list[tuple] = field(default_factory=list)
    subjects: list[tuple] = field(default_factory=list)
    grade_bands: list[tuple] = field(default_factory=list)
    languages: list[tuple] = field(default_factory=list)

    def write(self) -> None:
        _insert(Person, PERSON_COLUMNS, self.person_rows)
        _insert(Position, POSITION_COLUMNS, self.positions)
        _insert(NetworkMembership, ("network", "person", "role", "joined_at"), self.memberships)
        for relation in ("subjects", "grade_bands", "languages"):
            m2m = Person._meta.get_field(relation)
            through_fields = (m2m.m2m_field_name(), m2m.m2m_reverse_field_name())  # type: ignore[union-attr]
            _insert(m2m.remote_field.through, through_fields, getattr(self, relation))  # type: ignore[union-attr]


class _Maker:
    """Makes the rows of people chunk by chunk. Every database read happens in __init__, so that
    `chunks` can run in another thread; schools get their primary keys before they are written."""

    def __init__(self, seed: int, shape: Shape, total: int) -> None:
        self.rng = random.Random(seed)
        self.shape = shape
        self.network = _create_network(seed)
        self.schools = schools = self._make_schools(max(1, round(total / shape.people_per_school)))
        self.school_ids = [school.pk for school in schools]
        self.school_localities = [school.locality_id for school in schools]
        self.school_arabic = [school.sector in ARABIC_SECTORS for school in schools]
        self.roles = role_plan(self.rng, shape, total)
        self.positions = 0
        subjects, weights = zip(*shape.subjects, strict=True)
        self.subjects: Sequence[str] = subjects
        self.subject_weights = list(accumulate(weights))
        self.titles: dict[tuple[str, str, bool, bool], str] = {
            (role, subject, female, arabic): position_title(role, subject, female=female, arabic=arabic)
            for role in ROLE_TITLES
            for subject in SUBJECT_WORDS
            for female in (False, True)
            for arabic in (False, True)
        }
        self.search_texts: dict[tuple[str, str], str] = {}
        self._adapt_values()

    def _adapt_values(self) -> None:
        # Values in database form, made once: no field code runs on the multi-row INSERTs.
        ops = connection.ops
        self.now = ops.adapt_datetimefield_value(timezone.now())
        self.today = ops.adapt_datefield_value(timezone.localdate())
        years = range(FIRST_YEAR - 15, LAST_YEAR + 1)
        self.september = {year: ops.adapt_datefield_value(date(year, 9, 1)) for year in years}
        self.august = {year: ops.adapt_datefield_value(date(year, 8, 31)) for year in years}
        subject_ids = dict(Subject.objects.values_list("slug", "pk"))
        grade_ids = dict(GradeBand.objects.values_list("slug", "pk"))
        language_ids = dict(Language.objects.values_list("code", "pk"))
        self.subject_ids = {slug: subject_ids[slug] for slug in SUBJECT_WORDS}
        self.grade_ids = {slug: grade_ids[slug] for slug in ("junior-high", "senior-high")}
        self.language_ids = {code: language_ids[code] for code in ("he", "ar", "en", "ru", "fr", "am")}

    def _make_schools(self, count: int) -> list[Organization]:
        localities = list(Locality.objects.filter(population__gt=0).order_by("cbs_code"))
        weights = list(accumulate(locality.population or 0 for locality in localities))
        sectors, sector_weights = zip(*SCHOOL_SECTORS, strict=True)
        schools = [
            school(self.rng, locality, sector)
            for locality, sector in zip(
                self.rng.choices(localities, cum_weights=weights, k=count),
                self.rng.choices(sectors, weights=sector_weights, k=count),
                strict=True,
            )
        ]
        for pk, organization in zip(_reserve_ids(Organization, count), schools, strict=True):
            organization.pk = pk
        return schools

    def write_schools(self) -> None:
        _insert(Organization, ORGANIZATION_COLUMNS, [self._school_row(school) for school in self.schools])
        links = [(self.network.pk, school.pk, self.today) for school in self.schools]
        _insert(NetworkOrganization, ("network", "organization", "joined_at"), links)

    def _school_row(self, school: Organization) -> tuple:
        names = (school.name, school.name_en, school.name_ar)
        return (
            school.pk,
            self.now,
            self.now,
            *names,
            school.kind,
            school.sector,
            school.locality_id,
            "",
            "",
            school.search_text,
        )

    def chunks(self, ids: Sequence[int]) -> Iterator[_Chunk]:
        for first in range(0, len(ids), CHUNK):
            chunk = _Chunk()
            for index in range(first, min(len(ids), first + CHUNK)):
                self._person(chunk, index, ids[index])
                if index % 16 == 0:
                    # Give the GIL to the writer if its statement has finished: without this it may
                    # wait the interpreter's whole switch interval (5 ms) after every statement.
                    time.sleep(0)
            chunk.people = min(len(ids), first + CHUNK) - first
            self.positions += len(chunk.positions)
            yield chunk

    def _person(self, chunk: _Chunk, index: int, pk: int) -> None:
        rng = self.rng
        school = rng.randrange(len(self.school_ids))
        name = synthetic_name(rng, arabic=self.school_arabic[school])
        subject = self.subjects[bisect(self.subject_weights, rng.random() * self.subject_weights[-1])]
        key = (name.given_name, name.family_name)
        search = self.search_texts.get(key)
        if search is None:
            search = self.search_texts[key] = search_key(*key)
        chunk.person_rows.append(
            (
                pk,
                self.now,
                self.now,
                name.given_name,
                name.family_name,
                # Zero-padded, so that each address sorts after the last: the unique index grows at its end.
                f"teacher{index + 1:07d}.n{self.network.pk}@generated.hevruta.example",
                f"05{rng.randrange(10)}-{rng.randrange(10**7):07d}" if rng.random() < 0.6 else "",
                self.school_localities[school],
                _pick(rng, VISIBILITIES["profile"]),
                _pick(rng, VISIBILITIES["email"]),
                _pick(rng, VISIBILITIES["phone"]),
                search,
                "",
                "",
            )
        )
        chunk.memberships.append((self.network.pk, pk, MembershipRole.MEMBER, self.today))
        self._positions(chunk, pk, school, self.roles[index], subject, name)
        chunk.subjects.extend((pk, self.subject_ids[slug]) for slug in _subjects(rng, subject))
        chunk.grade_bands.extend((pk, self.grade_ids[slug]) for slug in grade_bands_for(rng, subject))
        chunk.languages.extend((pk, self.language_ids[code]) for code in _languages(rng, name.arabic))

    def _positions(self, chunk: _Chunk, pk: int, school: int, role: str, subject: str, name: SyntheticName) -> None:
        rng = self.rng
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        title = self.titles[role, subject, name.female, name.arabic]
        now = self.now
        chunk.positions.append((now, now, pk, self.school_ids[school], title, role, False, self.september[year], None))
        if rng.random() >= self.shape.past_position_share:
            return
        # Leaders taught at their school before; a teacher may have come from another school.
        earlier = school if role != PositionRole.TEACHER else rng.randrange(len(self.school_ids))
        past_title = self.titles[PositionRole.TEACHER, subject, name.female, name.arabic]
        past_start = self.september[year - rng.randint(2, 12)]
        chunk.positions.append(
            (
                now,
                now,
                pk,
                self.school_ids[earlier],
                past_title,
                PositionRole.TEACHER,
                False,
                past_start,
                self.august[year],
            )
        )


PERSON_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "given_name",
    "family_name",
    "email",
    "phone",
    "locality",
    "profile_visibility",
    "email_visibility",
    "phone_visibility",
    "search_text",
    "bio",
    "bio_language",
)
ORGANIZATION_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "name",
    "name_en",
    "name_ar",
    "kind",
    "sector",
    "locality",
    "description",
    "website",
    "search_text",
)
POSITION_COLUMNS = (
    "created_at",
    "updated_at",
    "person",
    "organization",
    "title",
    "role",
    "is_senior",
    "start_date",
    "end_date",
)
VISIBILITIES = {
    "profile": ((Visibility.NETWORK, 0.7), (Visibility.PUBLIC, 0.2), (Visibility.PRIVATE, 0.1)),
    "email": ((Visibility.NETWORK, 0.7), (Visibility.PUBLIC, 0.1), (Visibility.PRIVATE, 0.2)),
    "phone": ((Visibility.PRIVATE, 0.7), (Visibility.NETWORK, 0.3)),
}


def _pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    draw = rng.random()
    for value, weight in weighted:
        draw -= weight
        if draw < 0:
            return value
    return weighted[-1][0]


def _subjects(rng: random.Random, subject: str) -> tuple[str, ...]:
    # Science and technology teachers often hold a second science; some mathematics teachers teach physics.
    if subject == "science" and rng.random() < 0.3:
        return (subject, rng.choice(("biology", "chemistry", "physics")))
    if subject == "mathematics" and rng.random() < 0.1:
        return (subject, "physics")
    return (subject,)


def grade_bands_for(rng: random.Random, subject: str) -> tuple[str, ...]:
    # Science and technology is the junior-high subject; the three sciences are mostly senior-high.
    if subject == "science":
        return ("junior-high",)
    draw = rng.random()
    if subject != "mathematics":
        return ("senior-high", "junior-high") if draw < 0.3 else ("senior-high",)
    return ("junior-high",) if draw < 0.4 else ("senior-high",) if draw < 0.75 else ("junior-high", "senior-high")


def _languages(rng: random.Random, arabic: bool) -> tuple[str, ...]:
    first, second, second_share = ("ar", "he", 0.85) if arabic else ("he", "en", 0.3)
    languages = (first, second) if rng.random() < second_share else (first,)
    draw = rng.random()
    if arabic:
        return (*languages, "en") if draw < 0.2 else languages
    return (*languages, "ru") if draw < 0.1 else (*languages, "fr") if draw < 0.13 else languages


# Writing -----------------------------------------------------------------------------------------


@contextlib.contextmanager
def _large_sqlite_cache(mebibytes: int = 1024) -> Iterator[None]:
    """The indexes of a national network outgrow SQLite's default page cache of 2 MB; this connection
    gets a larger one while it writes them. It is a ceiling: pages are allocated only as they are used
    (~50 MB at scale 1), and at scale 15 a gigabyte saves a sixth of the time over 256 MB."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-1024 * mebibytes}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


def _reserve_ids(model: type[models.Model], count: int) -> Sequence[int]:
    """Primary keys for `count` new rows, so that rows referring to them can be made before they are written."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, _column(model, "pk"), count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the database's write lock, so nobody else takes these numbers.
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT MAX({quote(_column(model, 'pk'))}) FROM {quote(table)}")  # noqa: S608
        first = (cursor.fetchone()[0] or 0) + 1
        return range(first, first + count)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    assert isinstance(field, models.Field) and field.column
    return field.column


def _insert(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence]) -> None:
    """Write rows of values already in database form: multi-row INSERTs, or COPY on PostgreSQL.

    Table and column names come from the model; the caller adapts values (dates through
    connection.ops), since no field code runs here.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(_column(model, name)) for name in fields)
    with connection.cursor() as cursor:
        # The driver's own cursor: with DEBUG on, Django's would format every parameter for the query log.
        raw = cursor.cursor
        if connection.vendor == "postgresql":
            # psycopg binds parameters client-side, parsing a long statement in Python; COPY streams.
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        execute, placeholder = _raw_execute(raw)
        one_row = "(" + ", ".join([placeholder] * len(fields)) + ")"
        per_statement = max(1, min(connection.features.max_query_params or 30_000, 30_000) // len(fields))
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            sql = f"INSERT INTO {table} ({columns}) VALUES {', '.join([one_row] * len(batch))}"  # noqa: S608
            execute(sql, [value for row in batch for value in row])


def _raw_execute(raw: Any) -> tuple[Callable[[str, list], object], str]:
    """The driver's execute and its placeholder. On SQLite, past Django's cursor, which rewrites %s to ?
    with a regular expression: on statements of 30,000 parameters, a sixth of the time."""
    if connection.vendor == "sqlite":
        return partial(sqlite3.Cursor.execute, raw), "?"
    return raw.execute, "%s"


class _Ahead[T]:
    """Iterates `items` in a thread, up to `depth` items ahead of the consumer, from the moment it is made.

    SQLite and psycopg release the GIL while they write, so making the next chunk of people overlaps
    writing this one, on a second core. Items arrive in order, so the result stays deterministic.
    """

    _finished = object()

    def __init__(self, items: Iterator[T], depth: int = 2) -> None:
        self._items = items
        self._buffer: queue.Queue = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name="generate-network", daemon=True)
        self._thread.start()

    def _produce(self) -> None:
        try:
            for item in self._items:
                if self._stop.is_set():
                    return
                self._buffer.put(item)
            self._buffer.put(self._finished)
        except BaseException as error:  # handed to the consumer, which raises it
            self._buffer.put(error)

    def __iter__(self) -> Iterator[T]:
        while (item := self._buffer.get()) is not self._finished:
            if isinstance(item, BaseException):
                raise item
            yield item

    def __enter__(self) -> "_Ahead[T]":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        while self._thread.is_alive():  # unblock a producer waiting on a full buffer
            with contextlib.suppress(queue.Empty):
                self._buffer.get(timeout=0.05)
