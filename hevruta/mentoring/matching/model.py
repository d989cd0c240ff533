"""The matching's vocabulary: who applies, what the coordinator weighs and decides, what comes back.

Plain data, no Django: the app builds these from applications and directory profiles, and renders
what comes back (reasons, missing profiles, errors) in the reader's language from their codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

COMPONENTS = ("subject", "grade_band", "distance", "language", "sector", "organization", "goals")


@dataclass(frozen=True)
class Applicant:
    """One mentor or one mentee, as the app builds it from an application and the directory profile."""

    key: int  # the application's id
    subjects: frozenset[int] = frozenset()
    grade_bands: frozenset[int] = frozenset()
    languages: frozenset[int] = frozenset()
    topics: frozenset[int] = frozenset()  # mentee: the goals' topics; mentor: strengths
    sector: str = ""
    organization: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    capacity: int = 1  # mentors only (0 allowed: takes nobody)
    organization_preference: str = "any"  # mentees only: "same" | "different" | "any"


@dataclass(frozen=True)
class Weights:
    """Integers 0..10 set by the coordinator; 0 switches a criterion off. Each criterion gives at most
    10 × its weight points, so a score is at most 700."""

    subject: int = 5
    grade_band: int = 4
    distance: int = 3
    language: int = 2
    sector: int = 1
    organization: int = 2
    goals: int = 4
    max_distance_km: float = 100.0  # beyond it the distance component gives 0 points

    def points(self, component: str) -> int:
        """The most points `component` can give."""
        return _most_points(self, component)


@lru_cache(maxsize=1024)
def _most_points(weights: Weights, component: str) -> int:
    return 10 * max(0, min(10, int(getattr(weights, component))))


@dataclass(frozen=True)
class Reason:
    component: str  # one of COMPONENTS
    points: int
    detail: dict  # e.g. {"shared": [subject ids]} or {"km": 12}; the app renders it with gettext


@dataclass
class Problem:
    mentees: list[Applicant]
    mentors: list[Applicant]
    weights: Weights
    # (mentee key, mentor key): avoid lists, the evaluation chain, the coordinator's "forbid".
    forbidden: set[tuple[int, int]] = field(default_factory=set)
    # Pairs the coordinator locked: they are in every solution (MatchingError if contradictory).
    locked: set[tuple[int, int]] = field(default_factory=set)
    require_common_language: bool = True


@dataclass
class Pair:
    mentee: int
    mentor: int
    score: int
    # The reasons are built when first read (score() in Python, about 0.1 ms a pair): the solver has the
    # score from its arrays, and a caller that shows a page of pairs pays for that page only.
    explain: Callable[[], list[Reason]] = field(repr=False, compare=False)
    locked: bool = False

    @cached_property
    def reasons(self) -> list[Reason]:
        return self.explain()


@dataclass
class Result:
    pairs: list[Pair]
    total_score: int
    unmatched: list[int]  # mentee keys
    # A mentee and a mentor who both prefer each other to their match: the mentee scores the mentor
    # higher than its own (any allowed mentor, when unmatched), and the mentor has room or scores
    # the mentee higher than the worst of its own.
    blocking_pairs: int
    # The pruned solution is proved optimal for the full graph (always true for the full solver,
    # never for greedy).
    proven_optimal: bool
    # Unmatched mentees grouped by profile, biggest group first:
    # [{"subjects": [3], "grade_bands": [2], "languages": [1], "count": 14}, ...]
    missing_profiles: list[dict]
    arcs: int  # mentee → mentor arcs in the graph that was solved
    rounds: int  # how many times the candidate graph grew before it was proved optimal


class MatchingError(ValueError):
    """The coordinator's constraints contradict each other. `code` says how, `keys` which
    applications: the app renders the message in the reader's language from them."""

    def __init__(self, code: str, keys: tuple[int, ...], message: str) -> None:
        super().__init__(message)
        self.code = code
        self.keys = keys
