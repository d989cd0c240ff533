"""The match score: a transparent weighted sum, one Reason per component, and the same sum computed
for a block of mentees against every mentor at once (numpy), point for point equal to `score()`.

Each component gives at most 10 × its weight points:
- subject, grade band, goals: each of the mentee's items carries an equal share of the points (the
  remainder going to the smallest ids), and the mentee gets the shares of the items the mentor has;
- language: all the points when they share a language;
- sector: all the points in the same sector;
- organization: all the points when the mentee's preference ("same" or "different") is met, both
  organizations being known;
- distance: 10 × weight × (1 − km / max_distance_km), rounded down, 0 beyond; km is the straight
  line between the two localities (within 100 km it differs from the great circle by metres).
Shares are whole numbers, so a score is exact; the distance is computed in float32 by one function
for a pair and for a block, so both round the same way."""

from __future__ import annotations

import contextlib
import math
import mmap
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from .model import COMPONENTS, Applicant, Problem, Reason, Weights

EARTH_RADIUS_KM = 6371.0088
SET_COMPONENTS = (("subject", "subjects"), ("grade_band", "grade_bands"), ("goals", "topics"))
NOT_ALLOWED = -1  # the score of a pair that may not be matched, in the blocks


@lru_cache(maxsize=65536)
def shares(items: frozenset[int], total: int) -> dict[int, int]:
    """Splits `total` points equally over `items`, the remainder to the smallest ids."""
    if not items or total <= 0:
        return {}
    base, extra = divmod(total, len(items))
    return {item: base + (1 if rank < extra else 0) for rank, item in enumerate(sorted(items))}


@lru_cache(maxsize=65536)
def position(latitude: float | None, longitude: float | None) -> tuple[np.float32, np.float32, np.float32] | None:
    """A point on the earth as x, y, z in km (float32), or None when unknown."""
    if latitude is None or longitude is None:
        return None
    phi, lam = math.radians(latitude), math.radians(longitude)
    return (
        np.float32(EARTH_RADIUS_KM * math.cos(phi) * math.cos(lam)),
        np.float32(EARTH_RADIUS_KM * math.cos(phi) * math.sin(lam)),
        np.float32(EARTH_RADIUS_KM * math.sin(phi)),
    )


def _distance_scale(weights: Weights) -> tuple[np.float32, np.float32]:
    full = weights.points("distance")
    if weights.max_distance_km <= 0:
        return np.float32(0), np.float32(0)
    return np.float32(full), np.float32(full / weights.max_distance_km)


def distance_points(dx, dy, dz, full: np.float32, per_km: np.float32):
    """km and points from coordinate differences (float32 arrays or scalars); NaN (unknown) → 0."""
    km = np.sqrt(dx * dx + dy * dy + dz * dz)
    return km, np.fmax(np.floor(full - km * per_km), np.float32(0))


def score(mentee: Applicant, mentor: Applicant, weights: Weights) -> tuple[int, list[Reason]]:
    """The pair's score and the components that gave points, in a fixed order."""
    reasons: list[Reason] = []
    for component, attribute in SET_COMPONENTS[:2]:
        _set_reason(reasons, component, getattr(mentee, attribute), getattr(mentor, attribute), weights)
    _distance_reason(reasons, mentee, mentor, weights)
    common = sorted(mentee.languages & mentor.languages)
    if common and weights.points("language"):
        reasons.append(Reason("language", weights.points("language"), {"shared": common}))
    if mentee.sector and mentee.sector == mentor.sector and weights.points("sector"):
        reasons.append(Reason("sector", weights.points("sector"), {"sector": mentee.sector}))
    _organization_reason(reasons, mentee, mentor, weights)
    _set_reason(reasons, "goals", mentee.topics, mentor.topics, weights)
    return sum(reason.points for reason in reasons), reasons


def _set_reason(reasons: list[Reason], component: str, wanted: frozenset[int], offered: frozenset[int], weights):
    share = shares(wanted, weights.points(component))
    common = sorted(wanted & offered)
    points = sum(share.get(item, 0) for item in common)
    if points:
        reasons.append(Reason(component, points, {"shared": common, "of": len(wanted)}))


def _distance_reason(reasons: list[Reason], mentee: Applicant, mentor: Applicant, weights: Weights) -> None:
    here, there = position(mentee.latitude, mentee.longitude), position(mentor.latitude, mentor.longitude)
    full, per_km = _distance_scale(weights)
    if here is None or there is None or not full:
        return
    km, points = distance_points(here[0] - there[0], here[1] - there[1], here[2] - there[2], full, per_km)
    if points:
        reasons.append(Reason("distance", int(points), {"km": round(float(km))}))


def _organization_reason(reasons: list[Reason], mentee: Applicant, mentor: Applicant, weights: Weights) -> None:
    full = weights.points("organization")
    if not full or mentee.organization is None or mentor.organization is None:
        return
    same = mentee.organization == mentor.organization
    if (mentee.organization_preference == "same" and same) or (
        mentee.organization_preference == "different" and not same
    ):
        reasons.append(Reason("organization", full, {"preference": mentee.organization_preference}))


def allowed(problem: Problem, mentee: Applicant, mentor: Applicant) -> bool:
    """The hard constraints: not forbidden, a mentor who takes someone, a language in common (a side
    that lists no language is not known to lack one)."""
    if mentor.capacity <= 0 or (mentee.key, mentor.key) in problem.forbidden:
        return False
    if problem.require_common_language and mentee.languages and mentor.languages:
        return bool(mentee.languages & mentor.languages)
    return True


@dataclass
class Encoded:
    """A problem as arrays: rows are all the mentees, columns the mentors who take someone (padded to
    `width` with columns that allow nobody)."""

    mentees: list[Applicant]
    mentors: list[Applicant | None]  # per column: capacity > 0, None in padding
    width: int
    pad_cols: np.ndarray
    # One row per (item, points) some mentee has: those points at the mentors who have the item (last
    # row: zeros, for padding); a mentee's item points over all mentors are the sum of its rows.
    items: np.ndarray  # (U + 1) × width int16
    item_index: np.ndarray  # n × W int32 rows of `items`
    item_count: np.ndarray  # n: how many of W are used
    languages: np.ndarray  # (L + 1) × width int8
    language_index: np.ndarray  # n × WL
    language_count: np.ndarray
    language_points: int
    check_language: bool
    mentee_speaks: np.ndarray  # n bool: lists a language
    mentor_speaks: np.ndarray  # width bool
    mentee_sector: np.ndarray
    mentor_sector: np.ndarray
    sector_points: int
    mentee_organization: np.ndarray
    mentor_organization: np.ndarray
    mentor_known_organization: np.ndarray
    same_points: np.ndarray  # n int16: points when the organizations are the same
    different_points: np.ndarray  # n int16: points when both are known and differ
    mentee_xyz: np.ndarray  # n × 3 float32, NaN unknown
    mentor_xyz: np.ndarray  # width × 3
    distance: tuple[np.float32, np.float32]
    # When people come from a few localities: points between places, and each one's place.
    distance_table: np.ndarray | None
    mentee_place: np.ndarray
    mentor_place: np.ndarray
    forbidden_rows: np.ndarray  # sorted by row
    forbidden_cols: np.ndarray
    # People fall into few classes by (place when distance_table is kept, languages, sector): the
    # points of language, sector (and distance) between classes, LOW where the language rule forbids
    # the pair, are looked up in one table instead of computed pair by pair. None when too many.
    pair_table: np.ndarray | None
    mentee_class: np.ndarray
    mentor_class: np.ndarray  # per column; padding columns have a class that allows nobody
    organization_cols: tuple[np.ndarray, np.ndarray]  # mentor organizations sorted, and their columns
    top: int  # the most points a pair can score
    # Every mentee's scores (n × width), kept by the survey when they fit in Tuning.cache_bytes: the
    # proof's re-scans and the blocking pairs then read them instead of scoring again. One byte a
    # pair (score + 1, 0 where not allowed) when no score passes 254, as with the default weights.
    cache: np.ndarray | None = None

    def new_cache(self, budget: int) -> np.ndarray | None:
        """An empty cache for every score, or None when it would take more than `budget` bytes."""
        dtype = np.uint8 if self.top < 255 else np.int16
        if self.n * self.width * np.dtype(dtype).itemsize > budget:
            return None
        return big_array((self.n, self.width), dtype)

    def cached(self, rows: np.ndarray) -> np.ndarray:
        """The kept scores of `rows` (int16, NOT_ALLOWED where not allowed)."""
        assert self.cache is not None
        kept = self.cache[rows]
        if kept.dtype == np.int16:
            return kept
        return np.subtract(kept, 1, dtype=np.int16)

    @property
    def n(self) -> int:
        return len(self.mentees)

    @property
    def m(self) -> int:
        return self.width - len(self.pad_cols)

    def reorder(self, order: np.ndarray) -> Encoded:
        """The same problem with column c holding what column order[c] held."""
        where = np.empty_like(order)
        where[order] = np.arange(len(order))
        return replace(
            self,
            mentors=[self.mentors[c] for c in order],
            pad_cols=np.sort(where[self.pad_cols]),
            # Indexing the columns gives a Fortran-ordered copy; whole rows are gathered from these, so
            # C order (a strided gather was most of the survey's time).
            items=np.ascontiguousarray(self.items[:, order]),
            languages=np.ascontiguousarray(self.languages[:, order]),
            mentor_speaks=self.mentor_speaks[order],
            mentor_sector=self.mentor_sector[order],
            mentor_organization=self.mentor_organization[order],
            mentor_known_organization=self.mentor_known_organization[order],
            mentor_xyz=self.mentor_xyz[order],
            mentor_place=self.mentor_place[order] if self.distance_table is not None else self.mentor_place,
            forbidden_cols=where[self.forbidden_cols],
            mentor_class=self.mentor_class[order],
            organization_cols=_organization_cols(self.mentor_organization[order]),
        )


def big_array(shape: tuple[int, int], dtype, at_least: int = 1 << 26) -> np.ndarray:
    """An empty array, in transparent huge pages where the system gives them on request (from
    `at_least` bytes): writing 2 GB of ordinary pages for the first time cost about 5 CPU s of page
    faults on the benchmark's machine, of huge pages a tenth of that (the kept scores at national
    scale). np.empty's memory, though numpy asks for huge pages too, was not given them there."""
    size = shape[0] * shape[1] * np.dtype(dtype).itemsize
    if size < max(at_least, 1) or not hasattr(mmap, "MADV_HUGEPAGE"):
        return np.empty(shape, dtype)
    memory = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    with contextlib.suppress(OSError):  # without transparent huge pages: ordinary ones
        memory.madvise(mmap.MADV_HUGEPAGE)
    return np.frombuffer(memory, dtype).reshape(shape)


def keep_scores(cache: np.ndarray, start: int, scores: np.ndarray) -> None:
    """Stores the scores of rows start… in the cache (see Encoded.cache)."""
    view = cache[start : start + len(scores)]
    if cache.dtype == np.int16:
        view[...] = scores
    else:
        np.add(scores, 1, out=view, casting="unsafe")


def encode(problem: Problem, width_multiple: int = 1) -> Encoded:
    weights = problem.weights
    mentees = list(problem.mentees)
    mentors = [mentor for mentor in problem.mentors if mentor.capacity > 0]
    width = max(1, -(-len(mentors) // width_multiple) * width_multiple)
    items, item_index, item_count = _encode_items(mentees, mentors, width, weights)
    languages, language_index, language_count = _encode_sets(
        [a.languages for a in mentees], [a.languages for a in mentors], width
    )
    sectors = {name: code for code, name in enumerate(sorted({a.sector for a in mentees + mentors} - {""}))}
    org_points = weights.points("organization")
    full, per_km = _distance_scale(weights)
    col = {mentor.key: j for j, mentor in enumerate(mentors)}
    row = {mentee.key: i for i, mentee in enumerate(mentees)}
    pairs = sorted((row[a], col[b]) for a, b in problem.forbidden if a in row and b in col)
    mentee_sector = np.array([sectors.get(a.sector, -1) for a in mentees], np.int32)
    mentor_sector = _pad(np.array([sectors.get(a.sector, -2) for a in mentors], np.int32), width, -2)
    mentor_organization = _pad(np.array([_org(a.organization, -2) for a in mentors], np.int64), width, -2)
    # No mentor: no table (the padding column's place is unknown).
    places = _places(_positions(mentees, len(mentees)), _positions(mentors, width if mentors else 0), full, per_km)
    return Encoded(
        mentees=mentees,
        mentors=[*mentors, *([None] * (width - len(mentors)))],
        width=width,
        pad_cols=np.arange(len(mentors), width),
        items=items,
        item_index=item_index,
        item_count=item_count,
        languages=languages,
        language_index=language_index,
        language_count=language_count,
        language_points=weights.points("language"),
        check_language=problem.require_common_language,
        mentee_speaks=np.array([bool(a.languages) for a in mentees], bool),
        mentor_speaks=_pad(np.array([bool(a.languages) for a in mentors], bool), width, False),
        mentee_sector=mentee_sector,
        mentor_sector=mentor_sector,
        sector_points=weights.points("sector"),
        mentee_organization=np.array([_org(a.organization, -1) for a in mentees], np.int64),
        mentor_organization=mentor_organization,
        mentor_known_organization=_pad(np.array([a.organization is not None for a in mentors], bool), width, False),
        same_points=np.array(
            [org_points if a.organization_preference == "same" and a.organization is not None else 0 for a in mentees],
            np.int16,
        ),
        different_points=np.array(
            [
                org_points if a.organization_preference == "different" and a.organization is not None else 0
                for a in mentees
            ],
            np.int16,
        ),
        mentee_xyz=_positions(mentees, len(mentees)),
        mentor_xyz=_positions(mentors, width),
        distance=(full, per_km),
        **places,
        forbidden_rows=np.array([i for i, _ in pairs], np.int64),
        forbidden_cols=np.array([j for _, j in pairs], np.int64),
        **_classes(problem, mentees, mentors, width, places, (mentee_sector, mentor_sector)),
        organization_cols=_organization_cols(mentor_organization),
        top=sum(weights.points(component) for component in COMPONENTS),
    )


def _org(organization: int | None, unknown: int) -> int:
    return unknown if organization is None else int(organization) + 3  # never equal to the unknown codes


def _pad(values: np.ndarray, width: int, fill) -> np.ndarray:
    padded = np.full(width, fill, values.dtype)
    padded[: len(values)] = values
    return padded


def _positions(people: list[Applicant], width: int) -> np.ndarray:
    xyz = np.full((width, 3), np.nan, np.float32)
    for i, person in enumerate(people):
        point = position(person.latitude, person.longitude)
        if point is not None:
            xyz[i] = point
    return xyz


TABLE_CELLS = 4_000_000  # the most place × place distance points kept in a table


def _places(here: np.ndarray, there: np.ndarray, full: np.float32, per_km: np.float32) -> dict:
    """Distance points between the distinct places, when they are few (people's coordinates are
    their locality's): a look-up then replaces the arithmetic on every pair."""
    none = {"distance_table": None, "mentee_place": np.zeros(0, np.int64), "mentor_place": np.zeros(0, np.int64)}
    if not full or not len(here) or not len(there):
        return none
    mentee_places, mentee_place = np.unique(here, axis=0, return_inverse=True)
    mentor_places, mentor_place = np.unique(there, axis=0, return_inverse=True)
    if len(mentee_places) * len(mentor_places) > TABLE_CELLS:
        return none
    _, points = distance_points(
        mentee_places[:, 0, None] - mentor_places[None, :, 0],
        mentee_places[:, 1, None] - mentor_places[None, :, 1],
        mentee_places[:, 2, None] - mentor_places[None, :, 2],
        full,
        per_km,
    )
    return {
        "distance_table": points.astype(np.int16),
        "mentee_place": mentee_place.ravel(),
        "mentor_place": mentor_place.ravel(),
    }


def _encode_items(mentees, mentors, width, weights):
    """The subject, grade-band and goal items of every mentee with their shares, as rows of points
    at the mentors who have each item: a mentee's points over all mentors are a sum of a few rows."""
    universe: dict[tuple[str, int, int], int] = {}
    rows: list[list[tuple[int, int]]] = []
    for mentee in mentees:
        row = []
        for component, attribute in SET_COMPONENTS:
            for item, points in shares(getattr(mentee, attribute), weights.points(component)).items():
                if points:
                    row.append((universe.setdefault((attribute, item, points), len(universe)), 0))
        rows.append(row)
    items = np.zeros((len(universe) + 1, width), np.int16)
    offered: dict[tuple[str, int], list[int]] = {}
    for j, mentor in enumerate(mentors):
        for attribute in ("subjects", "grade_bands", "topics"):
            for item in getattr(mentor, attribute):
                offered.setdefault((attribute, item), []).append(j)
    for (attribute, item, points), u in universe.items():
        items[u, offered.get((attribute, item), [])] = points
    index, _, count = _slots(rows, len(universe), np.int16)
    return items, index, count


def _encode_sets(wanted: list[frozenset[int]], offered: list[frozenset[int]], width: int):
    universe: dict[int, int] = {}
    rows = [[(universe.setdefault(item, len(universe)), 1) for item in sorted(items)] for items in wanted]
    table = np.zeros((len(universe) + 1, width), np.int8)
    for j, items in enumerate(offered):
        for item in items:
            if item in universe:
                table[universe[item], j] = 1
    index, _, count = _slots(rows, len(universe), np.int16)
    return table, index, count


def _slots(rows: list[list[tuple[int, int]]], empty: int, dtype):
    width = max((len(row) for row in rows), default=0)
    index = np.full((len(rows), max(width, 1)), empty, np.int32)
    value = np.zeros((len(rows), max(width, 1)), dtype)
    for i, row in enumerate(rows):
        for s, (u, points) in enumerate(row):
            index[i, s] = u
            value[i, s] = points
    return index, value, np.array([len(row) for row in rows], np.int32)


CLASS_CELLS = 4_000_000  # the most class × class cells kept in the pair table
LOW = -16384  # in the pair table: a pair the language rule forbids (stays negative whatever is added)


def _classes(
    problem: Problem, mentees, mentors, width: int, places: dict, sectors: tuple[np.ndarray, np.ndarray]
) -> dict:
    """Each person's class (place, when the distance is looked up; languages; sector) and the table of
    language, sector and distance points between classes, LOW where the pair may not be matched
    for want of a common language; none when the classes are too many for CLASS_CELLS."""
    weights = problem.weights
    language_points, sector_points = weights.points("language"), weights.points("sector")
    table = places["distance_table"]
    mentee_sector, mentor_sector = sectors
    mentee_place = places["mentee_place"] if table is not None else np.zeros(len(mentees), np.int64)
    mentor_place = places["mentor_place"][: len(mentors)] if table is not None else np.zeros(len(mentors), np.int64)
    spoken: dict[frozenset[int], int] = {}
    mentee_spoken = np.array([spoken.setdefault(a.languages, len(spoken)) for a in mentees], np.int64)
    mentor_spoken = np.array([spoken.setdefault(a.languages, len(spoken)) for a in mentors], np.int64)
    mentee_keys, mentee_class = _unique_rows(mentee_place, mentee_spoken, mentee_sector)
    mentor_keys, mentor_class = _unique_rows(mentor_place, mentor_spoken, mentor_sector[: len(mentors)])
    if len(mentee_keys) * (len(mentor_keys) + 1) > CLASS_CELLS:
        return {"pair_table": None, "mentee_class": np.zeros(0, np.int64), "mentor_class": np.zeros(width, np.int64)}
    sets = list(spoken)
    shared = np.array([[bool(a & b) for b in sets] for a in sets], bool).reshape(len(sets), len(sets))
    silent = np.array([not a for a in sets], bool)
    (pa, la, sa), (pb, lb, sb) = mentee_keys.T, mentor_keys.T
    common = shared[la[:, None], lb[None, :]]
    points = np.zeros((len(pa), len(pb) + 1), np.int16)
    body = points[:, :-1]
    if table is not None:
        body += table[pa[:, None], pb[None, :]]
    body += common * np.int16(language_points)
    body += ((sa[:, None] == sb[None, :]) & (sa[:, None] >= 0)) * np.int16(sector_points)
    if problem.require_common_language:
        body[~(common | silent[la][:, None] | silent[lb][None, :])] = LOW
    points[:, -1] = LOW  # the padding columns' class
    return {
        "pair_table": points,
        "mentee_class": mentee_class,
        "mentor_class": _pad(mentor_class, width, len(pb)),
    }


def _unique_rows(*columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of the columns stacked side by side, and each row's index among them."""
    stacked = np.stack([np.asarray(c, np.int64) for c in columns], axis=1).reshape(-1, len(columns))
    keys, index = np.unique(stacked, axis=0, return_inverse=True)
    return keys.reshape(-1, len(columns)), np.asarray(index, np.int64).ravel()


def _organization_cols(organization: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(organization, kind="stable")
    return organization[order], order


def block_scores(enc: Encoded, rows: np.ndarray) -> np.ndarray:
    """Scores of the mentees `rows` against every column (len(rows) × width int16), NOT_ALLOWED where
    the pair may not be matched."""
    b = len(rows)
    total = np.zeros((b, enc.width), np.int16)
    scratch = np.empty((b, enc.width), np.int16)
    for s in range(int(enc.item_count[rows].max(initial=0))):
        np.take(enc.items, enc.item_index[rows, s], axis=0, out=scratch if s else total)
        if s:
            total += scratch
    if enc.pair_table is not None:
        np.take(enc.pair_table[enc.mentee_class[rows]], enc.mentor_class, axis=1, out=scratch)
        total += scratch
        _organization(enc, rows, total)
        if enc.distance_table is None:
            _distance(enc, rows, total)
        np.maximum(total, np.int16(NOT_ALLOWED), out=total)
        _forbid(enc, rows, total)
        return total
    ok = _language(enc, rows, total)
    if enc.sector_points:
        total += (enc.mentee_sector[rows, None] == enc.mentor_sector[None, :]) * np.int16(enc.sector_points)
    _organization(enc, rows, total)
    _distance(enc, rows, total)
    if ok is not None:
        total[~ok] = NOT_ALLOWED
    total[:, enc.pad_cols] = NOT_ALLOWED
    _forbid(enc, rows, total)
    return total


def _language(enc: Encoded, rows: np.ndarray, total: np.ndarray) -> np.ndarray | None:
    if not enc.check_language and not enc.language_points:
        return None
    common = np.zeros(total.shape, np.int8)
    for s in range(int(enc.language_count[rows].max(initial=0))):
        common += enc.languages[enc.language_index[rows, s]]
    shared = common > 0
    if enc.language_points:
        total += shared * np.int16(enc.language_points)
    if not enc.check_language:
        return None
    return shared | ~enc.mentee_speaks[rows, None] | ~enc.mentor_speaks[None, :]


def _organization(enc: Encoded, rows: np.ndarray, total: np.ndarray) -> None:
    """A mentee who wants the same organization gets points at its few mentors: those cells only. One
    who wants another gets them at every mentor whose organization is known, less at its own's."""
    same, different = enc.same_points[rows], enc.different_points[rows]
    for wanted, sign in ((np.flatnonzero(same), 1), (np.flatnonzero(different), -1)):
        if not len(wanted):
            continue
        points = (same if sign > 0 else different)[wanted]
        if sign < 0:
            total[wanted] += enc.mentor_known_organization[None, :] * points[:, None]
        cells, cols = _same_organization(enc, enc.mentee_organization[rows[wanted]])
        total[wanted[cells], cols] += sign * points[cells]


def _same_organization(enc: Encoded, organization: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For mentees of these organizations: (which mentee, column) for every mentor of the same one."""
    sorted_organization, columns = enc.organization_cols
    lo = np.searchsorted(sorted_organization, organization)
    hi = np.searchsorted(sorted_organization, organization, side="right")
    sizes = hi - lo
    at = np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(sizes.sum())
    return np.repeat(np.arange(len(organization)), sizes), columns[at]


def _distance(enc: Encoded, rows: np.ndarray, total: np.ndarray) -> None:
    full, per_km = enc.distance
    if enc.distance_table is not None:
        total += np.take(enc.distance_table[enc.mentee_place[rows]], enc.mentor_place, axis=1)
        return
    here = enc.mentee_xyz[rows]
    if not full or np.isnan(here[:, 0]).all():
        return
    there = enc.mentor_xyz
    _, points = distance_points(
        here[:, 0, None] - there[None, :, 0],
        here[:, 1, None] - there[None, :, 1],
        here[:, 2, None] - there[None, :, 2],
        full,
        per_km,
    )
    total += points.astype(np.int16)


def _forbid(enc: Encoded, rows: np.ndarray, total: np.ndarray) -> None:
    if not len(enc.forbidden_rows):
        return
    position_of = {int(r): k for k, r in enumerate(rows)}
    lo = np.searchsorted(enc.forbidden_rows, rows.min())
    hi = np.searchsorted(enc.forbidden_rows, rows.max(), side="right")
    for r, c in zip(enc.forbidden_rows[lo:hi], enc.forbidden_cols[lo:hi], strict=True):
        k = position_of.get(int(r))
        if k is not None:
            total[k, c] = NOT_ALLOWED


def pair_scores(enc: Encoded, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Scores of the pairs (rows[k], cols[k]), computed row by row from the blocks (for small sets)."""
    out = np.empty(len(rows), np.int64)
    order = np.argsort(rows, kind="stable")
    unique, starts = np.unique(rows[order], return_index=True)
    bounds = [*starts[1:], len(rows)]
    for chunk in range(0, len(unique), 64):
        block = block_scores(enc, unique[chunk : chunk + 64])
        for k in range(chunk, min(chunk + 64, len(unique))):
            picked = order[starts[k] : bounds[k]]
            out[picked] = block[k - chunk, cols[picked]]
    return out
