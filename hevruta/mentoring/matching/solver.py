"""Matching as a min-cost flow, on the whole graph or on a pruned one proved optimal for the whole.

The objective is lexicographic: first match as many mentees as possible, then the greatest total
score. OR-Tools' SimpleMinCostFlow finds it directly with solve_max_flow_with_min_cost (source →
mentee, capacity 1; mentee → mentor, capacity 1, cost −score; mentor → sink, capacity left after
the locked pairs). The proof that a pruned graph's solution is optimal for the whole graph is a dual
solution, computed here and checked against every pair: see docs/matching.md."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
from ortools.graph.python import min_cost_flow

from .model import Applicant, MatchingError, Pair, Problem, Reason, Result, Weights
from .scoring import Encoded, allowed, block_scores, encode, score

Progress = Callable[[int, int], None] | None


@dataclass(frozen=True)
class Tuning:
    """How the candidate graph is first drawn; any values give the optimum, these give it fast."""

    per_mentee: int = 24  # each mentee's best mentors
    per_mentor: int = 16  # each mentor's best mentees (so no mentor's room is pruned away)
    group: int = 32  # mentors are grouped by this many to find each mentee's best without sorting
    added_per_row: int = 16  # arcs added per mentee whose certificate fails
    near: int = 20  # … or comes within this many points of failing
    # After a round, only the mentees near the added arcs are solved again, unless their arcs are more
    # than this share of the graph (then solving it all costs about the same).
    repair_share: float = 0.5
    # After the first solve, the first graph's arcs whose reduced cost passes this are dropped (the
    # proof checks them again like any pair left out); negative: none is dropped.
    drop_above: int = 40
    block_cells: int = 1 << 20  # mentee × mentor scores computed at once
    # The survey keeps every score when they take at most this many bytes (one or two a pair): 2 GB
    # holds 100,000 × 20,000 scores of one byte.
    cache_bytes: int = 2_200_000_000


@dataclass
class Setup:
    """A problem made into arrays, with the locked pairs already placed."""

    enc: Encoded
    locked_col: np.ndarray  # per mentee row: the column it is locked to, or -1
    room: np.ndarray  # per column: capacity left after the locked pairs
    capacity: np.ndarray  # per column: the mentor's capacity (0 in padding)
    locked_score: np.ndarray  # per mentee row: score of its locked pair

    @property
    def free(self) -> np.ndarray:
        return self.locked_col < 0


def prepare(problem: Problem, group: int = 1) -> Setup:
    _check_keys(problem)
    enc = encode(problem, group)
    if group > 1 and enc.width // group > 4:
        enc = enc.reorder(tiers(enc, group))
    col = {mentor.key: j for j, mentor in enumerate(enc.mentors) if mentor is not None}
    row = {mentee.key: i for i, mentee in enumerate(enc.mentees)}
    mentors = {mentor.key: mentor for mentor in problem.mentors}
    locked_col = np.full(enc.n, -1, np.int64)
    locked_score = np.full(enc.n, -1, np.int64)
    capacity = np.array([mentor.capacity if mentor else 0 for mentor in enc.mentors], np.int64)
    room = capacity.copy()
    for mentee_key, mentor_key in sorted(problem.locked):
        if mentee_key not in row:
            raise MatchingError("unknown_mentee", (mentee_key,), f"Locked pair: no mentee {mentee_key}.")
        if mentor_key not in mentors:
            raise MatchingError("unknown_mentor", (mentor_key,), f"Locked pair: no mentor {mentor_key}.")
        i, mentee = row[mentee_key], enc.mentees[row[mentee_key]]
        if locked_col[i] >= 0:
            other = mentors_of(enc)[locked_col[i]].key
            raise MatchingError(
                "mentee_locked_twice",
                (mentee_key, other, mentor_key),
                f"Mentee {mentee_key} is locked to two mentors, {other} and {mentor_key}.",
            )
        if not allowed(problem, mentee, mentors[mentor_key]):
            raise MatchingError(
                "locked_not_allowed",
                (mentee_key, mentor_key),
                f"Mentee {mentee_key} and mentor {mentor_key} are locked together but may not be matched "
                "(forbidden, no language in common, or a mentor who takes nobody).",
            )
        j = col[mentor_key]
        if room[j] == 0:
            raise MatchingError(
                "mentor_over_capacity",
                (mentor_key,),
                f"Mentor {mentor_key} has more locked mentees than room for ({capacity[j]}).",
            )
        room[j] -= 1
        locked_col[i] = j
        locked_score[i] = score(mentee, mentors_of(enc)[j], problem.weights)[0]
    return Setup(enc, locked_col, room, capacity, locked_score)


def mentors_of(enc: Encoded) -> list[Applicant]:
    """The columns' mentors (padding columns are never matched, so never looked up)."""
    return enc.mentors  # type: ignore[return-value]


def tiers(enc: Encoded, group: int) -> np.ndarray:
    """A column order that puts mentors of like popularity in the same group (column c is in group
    c mod P): each mentee's candidates can then be drawn from every tier, and a group's lowest dual
    price bounds its mentors well."""
    sample = np.unique(np.linspace(0, enc.n - 1, min(enc.n, 256)).astype(np.int64)) if enc.n else np.zeros(0, np.int64)
    popularity = np.zeros(enc.width)
    if len(sample):
        popularity = np.maximum(block_scores(enc, sample), 0).mean(axis=0)
    popularity[enc.pad_cols] = -1.0
    ranked = np.argsort(-popularity, kind="stable")
    groups = enc.width // group
    columns = np.arange(enc.width)
    return ranked[(columns % groups) * group + columns // groups]


def _check_keys(problem: Problem) -> None:
    for side, people in (("mentee", problem.mentees), ("mentor", problem.mentors)):
        twice = sorted(key for key, count in Counter(a.key for a in people).items() if count > 1)
        if twice:
            raise MatchingError(f"duplicate_{side}", tuple(twice), f"The same {side} appears twice: {twice}.")
        negative = sorted(a.key for a in people if a.capacity < 0)
        if negative:
            raise MatchingError("negative_capacity", tuple(negative), f"Negative capacity: {negative}.")


def blocks(enc: Encoded, rows: np.ndarray, cells: int):
    """Consecutive slices of `rows`, each scored against every column at once."""
    size = max(32, min(1024, cells // max(enc.width, 1)) // 32 * 32)
    for start in range(0, len(rows), size):
        chunk = rows[start : start + size]
        yield chunk, (enc.cached(chunk) if enc.cache is not None else block_scores(enc, chunk))


# --- the flow -------------------------------------------------------------------------------------


@dataclass
class Arcs:
    """Mentee → mentor arcs with their scores, sorted by (row, col), no duplicates."""

    rows: np.ndarray
    cols: np.ndarray
    scores: np.ndarray

    @classmethod
    def of(cls, rows, cols, scores, width: int) -> Arcs:
        rows, cols, scores = (np.asarray(x, np.int64) for x in (rows, cols, scores))
        keep = scores >= 0
        keys, first = np.unique(rows[keep] * width + cols[keep], return_index=True)
        return cls(keys // width, keys % width, scores[keep][first])

    def __add__(self, other: Arcs) -> Arcs:
        width = int(max(self.cols.max(initial=0), other.cols.max(initial=0))) + 1
        return Arcs.of(
            np.concatenate([self.rows, other.rows]),
            np.concatenate([self.cols, other.cols]),
            np.concatenate([self.scores, other.scores]),
            width,
        )

    def __len__(self) -> int:
        return len(self.rows)


def flow(setup: Setup, arcs: Arcs) -> np.ndarray:
    """The lexicographic optimum on `arcs`: the column each mentee row gets, or -1."""
    usable = setup.free[arcs.rows] & (setup.room[arcs.cols] > 0)
    return flow_on(setup.enc.n, setup.room, arcs.rows[usable], arcs.cols[usable], arcs.scores[usable])


def flow_on(n: int, room: np.ndarray, rows: np.ndarray, cols: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Most of `n` mentee rows matched, then the greatest total score, over the arcs (rows, cols,
    scores) and the columns' `room`: the column each row gets, or -1. Rows and columns that no arc
    touches are left out of the network."""
    match = np.full(n, -1, np.int64)
    if not len(rows):
        return match
    mentees, row_node = np.unique(rows, return_inverse=True)
    mentors, col_node = np.unique(cols, return_inverse=True)
    a, b = len(mentees), len(mentors)
    source, sink = 0, 1 + a + b
    smcf = min_cost_flow.SimpleMinCostFlow()
    tails = np.concatenate([np.zeros(a, np.int64), 1 + row_node, 1 + a + np.arange(b)])
    heads = np.concatenate([1 + np.arange(a), 1 + a + col_node, np.full(b, sink)])
    capacities = np.concatenate([np.ones(a + len(rows), np.int64), room[mentors]])
    costs = np.concatenate([np.zeros(a, np.int64), -np.asarray(scores, np.int64), np.zeros(b, np.int64)])
    smcf.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), capacities, costs.astype(np.int64)
    )
    smcf.set_nodes_supplies(np.array([source, sink], np.int32), np.array([a, -a], np.int64))
    status = smcf.solve_max_flow_with_min_cost()
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended with status {status}")
    used = np.asarray(smcf.flows(np.arange(a, a + len(rows), dtype=np.int32))) > 0
    match[rows[used]] = cols[used]
    return match


# --- reporting ------------------------------------------------------------------------------------


def assignment(setup: Setup, match: np.ndarray, arcs: Arcs | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each mentee row's column (locked or matched, -1) and its score (-1 when unmatched)."""
    col = np.where(setup.locked_col >= 0, setup.locked_col, match)
    current = setup.locked_score.copy()
    matched = (setup.locked_col < 0) & (match >= 0)
    if matched.any():
        current[matched] = _scores_of(setup, np.flatnonzero(matched), match[matched], arcs)
    return col, current


def _scores_of(setup: Setup, rows: np.ndarray, cols: np.ndarray, arcs: Arcs | None) -> np.ndarray:
    if arcs is not None:
        width = setup.enc.width
        keys = arcs.rows * width + arcs.cols
        at = np.searchsorted(keys, rows * width + cols)
        return arcs.scores[at]
    from .scoring import pair_scores

    return pair_scores(setup.enc, rows, cols)


def thresholds(setup: Setup, col: np.ndarray, current: np.ndarray) -> np.ndarray:
    """What a mentee must score for each mentor to prefer it: -1 with room, else its worst mentee's."""
    width = setup.enc.width
    taken = np.bincount(col[col >= 0], minlength=width)
    worst = np.full(width, np.iinfo(np.int64).max, np.int64)
    np.minimum.at(worst, col[col >= 0], current[col >= 0])
    return np.where(taken < setup.capacity, -1, worst)


def blocking_in(scores: np.ndarray, current: np.ndarray, threshold: np.ndarray) -> int:
    """Blocking pairs among `scores` (rows × columns, NOT_ALLOWED where not allowed)."""
    return int(np.count_nonzero((scores > current[:, None]) & (scores > threshold[None, :])))


def blocking_sparse(arcs: Arcs, rows_mask: np.ndarray, current: np.ndarray, threshold: np.ndarray) -> int:
    pick = rows_mask[arcs.rows]
    s, r, c = arcs.scores[pick], arcs.rows[pick], arcs.cols[pick]
    return int(np.count_nonzero((s > current[r]) & (s > threshold[c])))


def build_result(
    problem: Problem,
    setup: Setup,
    col: np.ndarray,
    current: np.ndarray,
    *,
    blocking: int,
    proven: bool,
    arcs: int,
    rounds: int,
) -> Result:
    """The pairs with their scores (`current`, from the arrays; their reasons are built when read)."""
    enc = setup.enc
    pairs: list[Pair] = []
    unmatched: list[Applicant] = []
    mentors = mentors_of(enc)
    locked_rows = (setup.locked_col >= 0).tolist()
    for mentee, c, points, locked in zip(enc.mentees, col.tolist(), current.tolist(), locked_rows, strict=True):
        if c < 0:
            unmatched.append(mentee)
            continue
        mentor = mentors[c]
        pairs.append(Pair(mentee.key, mentor.key, points, partial(_reasons, mentee, mentor, problem.weights), locked))
    return Result(
        pairs=pairs,
        total_score=sum(pair.score for pair in pairs),
        unmatched=[mentee.key for mentee in unmatched],
        blocking_pairs=blocking,
        proven_optimal=proven,
        missing_profiles=missing_profiles(unmatched),
        arcs=arcs,
        rounds=rounds,
    )


def _reasons(mentee: Applicant, mentor: Applicant, weights: Weights) -> list[Reason]:
    return score(mentee, mentor, weights)[1]


def missing_profiles(unmatched: list[Applicant]) -> list[dict]:
    """The profiles of mentor that unmatched mentees lack, biggest group first."""
    groups = Counter(
        (tuple(sorted(a.subjects)), tuple(sorted(a.grade_bands)), tuple(sorted(a.languages))) for a in unmatched
    )
    ordered = sorted(groups.items(), key=lambda item: (-item[1], item[0]))
    return [
        {"subjects": list(s), "grade_bands": list(g), "languages": list(lang), "count": count}
        for (s, g, lang), count in ordered
    ]


# --- the full graph and greedy --------------------------------------------------------------------


def solve_full(problem: Problem) -> Result:
    """The min-cost flow on every allowed mentee × mentor pair (for tests and the benchmark)."""
    setup = prepare(problem)
    enc = setup.enc
    everyone = np.arange(enc.n)
    parts = []
    for rows, scores in blocks(enc, everyone, Tuning.block_cells):
        r, c = np.nonzero(scores >= 0)
        parts.append((rows[r], c, scores[r, c]))
    arcs = _concat(parts, enc.width)
    match = flow(setup, arcs)
    col, current = assignment(setup, match, arcs)
    threshold = thresholds(setup, col, current)
    blocking = blocking_sparse(arcs, np.ones(enc.n, bool), current, threshold)
    usable = int(np.count_nonzero(setup.free[arcs.rows] & (setup.room[arcs.cols] > 0)))
    return build_result(problem, setup, col, current, blocking=blocking, proven=True, arcs=usable, rounds=0)


def _concat(parts, width: int) -> Arcs:
    if not parts:
        return Arcs.of([], [], [], width)
    rows, cols, scores = (np.concatenate([p[k] for p in parts]) for k in range(3))
    return Arcs.of(rows, cols, scores, width)
