"""The optimal matching on a pruned graph, with its proof.

1. Survey: one pass over every mentee × mentor score (in blocks) keeps each mentee's best mentors,
   each mentor's best mentees, and for each mentee a bound: no pair left out scores above it.
2. Solve the candidate graph (solver.flow).
3. Prove: compute dual prices v (one per mentor) and u (one per mentee) that certify the candidate
   solution, then check u_i + v_j ≥ BIG + s_ij on every pair left out; most mentees pass by their
   bound alone, the others are scored again in full. Pairs that fail are added and the optimum
   repaired (only the mentees the added pairs can move are solved again, or the whole graph when
   that is most of it), until none fails. docs/matching.md has the argument."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from .model import Problem, Result
from .scoring import NOT_ALLOWED, Encoded, keep_scores
from .solver import (
    Arcs,
    Progress,
    Setup,
    Tuning,
    _concat,
    assignment,
    blocking_in,
    blocking_sparse,
    blocks,
    build_result,
    flow,
    flow_on,
    prepare,
    thresholds,
)


@dataclass
class Survey:
    arcs: Arcs  # the candidate pairs, with their scores
    bound: np.ndarray  # per mentee row: no allowed pair outside `arcs` scores more (-1: there is none)
    maxima: np.ndarray | None  # per mentee row and group of columns: the best score in the group


SUB = 32  # mentees per sub-block, in which each mentor's best mentee is kept


def survey(enc: Encoded, tuning: Tuning, progress: Progress = None, total: int = 0) -> Survey:
    n, width, group = enc.n, enc.width, tuning.group
    grouped = group > 1 and width % group == 0 and width // group > 4
    bound = np.full(n, -1, np.int64)
    maxima = np.zeros((n, width // group), np.int16) if grouped else None
    parts = []
    best_keys = []
    done = 0
    enc.cache = None
    keep = enc.new_cache(tuning.cache_bytes)
    for rows, scores in blocks(enc, np.arange(n), tuning.block_cells):
        if keep is not None:
            keep_scores(keep, int(rows[0]), scores)
        if maxima is not None:
            maxima[rows] = scores.reshape(len(rows), group, -1).max(axis=1)
            cols, values, bound[rows] = _best_of_tiers(scores, maxima[rows], tuning.per_mentee, group)
        else:
            cols, values, bound[rows] = _best_of_rows(scores, tuning.per_mentee)
        parts.append((np.repeat(rows, cols.shape[1]), cols.ravel(), values.ravel()))
        best_keys.append(_best_in_sub_blocks(scores, enc.top))
        done += len(rows)
        if progress:
            progress(done, total or n)
    if best_keys:
        parts.append(_best_of_columns(np.concatenate(best_keys), tuning.per_mentor, width))
    enc.cache = keep
    return Survey(_concat(parts, width), bound, maxima)


TIERS = 4  # each mentee's candidates come from the popular mentors and from every other tier


def _best_in_sub_blocks(scores: np.ndarray, top: int) -> np.ndarray:
    """Each column's best score in every SUB rows, with the row in the low 5 bits (first row wins ties).
    In int16 when the scores allow it (up to 1,023 points; 700 at most): half the memory traffic."""
    b, width = scores.shape
    dtype = np.int16 if (top + 1) * SUB <= np.iinfo(np.int16).max else np.int32
    keys = np.full((-(-b // SUB) * SUB, width), NOT_ALLOWED, dtype)
    keys[:b] = scores
    keys *= SUB
    keys += (SUB - 1 - np.arange(len(keys)) % SUB)[:, None].astype(dtype)
    return keys.reshape(-1, SUB, width).max(axis=1)


def _best_of_rows(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's k best columns, their scores, and the best score left out."""
    b, width = scores.shape
    if width <= k:
        return np.broadcast_to(np.arange(width), (b, width)), scores, np.full(b, -1, np.int64)
    order = np.argpartition(-scores, k, axis=1)
    left_out = np.take_along_axis(scores, order[:, k : k + 1], axis=1)[:, 0]
    top = order[:, :k]
    return top, np.take_along_axis(scores, top, axis=1), left_out.astype(np.int64)


def _best_of_tiers(scores: np.ndarray, maxima: np.ndarray, k: int, group: int):
    """Each row's best columns in each tier of popularity (the columns' groups in TIERS bands), with
    the best score left out. Within a band, the best columns lie in the groups with the best maxima,
    so only those are looked at."""
    b, groups = maxima.shape
    per_tier = max(1, k // TIERS)
    edges = np.linspace(0, groups, TIERS + 1).astype(int)
    cols, values, left_out = [], [], np.full(b, -1, np.int64)
    rows = np.arange(b)
    for lo, hi in itertools.pairwise(edges):
        if hi <= lo:
            continue
        band = maxima[:, lo:hi]
        if hi - lo > per_tier:
            order = np.argpartition(-band, per_tier, axis=1)
            left_out = np.maximum(left_out, band[rows, order[:, per_tier]])
            chosen = order[:, :per_tier] + lo
        else:
            chosen = np.broadcast_to(np.arange(lo, hi), (b, hi - lo))
        pool = (chosen[:, :, None] + np.arange(group)[None, None, :] * groups).reshape(b, -1)
        top, value, rest = _best_of_rows(np.take_along_axis(scores, pool, axis=1), per_tier)
        cols.append(np.take_along_axis(pool, top, axis=1))
        values.append(value)
        left_out = np.maximum(left_out, rest)
    return np.concatenate(cols, axis=1), np.concatenate(values, axis=1), left_out


def _best_of_columns(keys: np.ndarray, k: int, m: int):
    """For each mentor, the best mentee of each of its k best sub-blocks of mentees."""
    keys = keys[:, :m].T  # mentors × sub-blocks
    picked = np.broadcast_to(np.arange(keys.shape[1]), keys.shape)
    if keys.shape[1] > k:
        picked = np.argpartition(-keys, k - 1, axis=1)[:, :k]
        keys = np.take_along_axis(keys, picked, axis=1)
    keys = keys.astype(np.int64)
    rows = picked * SUB + (SUB - 1 - (keys & (SUB - 1)))
    cols = np.broadcast_to(np.arange(m)[:, None], keys.shape)
    return rows.ravel(), cols.ravel(), (keys >> 5).ravel()


def prices(setup: Setup, arcs: Arcs, match: np.ndarray, current: np.ndarray, big: int) -> np.ndarray:
    """Dual prices of the mentors for the candidate solution: the shortest distances in the graph
    whose arcs are the constraints v_k ≤ v_j + s_ik − s_ij (mentee i at k could move to j),
    v_k ≤ BIG + s_ik and v_j ≤ 0 with room (Bellman-Ford, frontier by frontier, in numpy)."""
    width = setup.enc.width
    at = match[arcs.rows]
    moving = setup.free[arcs.rows] & (at >= 0) & (arcs.cols != at) & (setup.room[arcs.cols] > 0)
    tail, head = arcs.cols[moving], at[moving]
    length = current[arcs.rows[moving]] - arcs.scores[moving]
    taken = np.bincount(match[match >= 0], minlength=width)
    v = np.full(width, np.iinfo(np.int64).max // 4, np.int64)
    matched_rows = np.flatnonzero(match >= 0)
    np.minimum.at(v, match[matched_rows], big + current[matched_rows])
    v[(setup.room > 0) & (taken < setup.room)] = 0
    order = np.argsort(tail, kind="stable")
    tail, head, length = tail[order], head[order], length[order]
    starts = np.searchsorted(tail, np.arange(width + 1))
    frontier = np.flatnonzero(setup.room > 0)
    for _ in range(width + 2):
        if not len(frontier):
            return v
        lo, hi = starts[frontier], starts[frontier + 1]
        sizes = hi - lo
        edges = np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(sizes.sum())
        if not len(edges):
            return v
        candidate = v[tail[edges]] + length[edges]
        before = v[head[edges]].copy()
        np.minimum.at(v, head[edges], candidate)
        changed = head[edges][v[head[edges]] < before]
        frontier = np.unique(changed)
    raise RuntimeError("no dual prices: the candidate solution is not optimal")


HUGE = np.iinfo(np.int64).max // 4  # the price of a mentor without room: no pair to it can break anything


@dataclass
class Scans:
    """For each mentee row, when it was last scored in full and what that showed: under the prices
    of that time, no pair outside the graph gained more than `left_out` (s_ij − v_j). Prices move
    little from one round to the next, so most rows need no new scan: s_ij − v_j ≤ left_out +
    max_j(old v_j − v_j)."""

    left_out: np.ndarray
    when: np.ndarray
    prices: list[np.ndarray]

    def unsure(self, slack: np.ndarray, price: np.ndarray, room: np.ndarray) -> np.ndarray:
        drift = np.array([max(0, int((old - price)[room > 0].max(initial=0))) for old in self.prices], np.int64)
        return self.left_out + drift[self.when] > slack


def solve_pruned(problem: Problem, progress: Progress = None, tuning: Tuning | None = None) -> Result:
    tuning = tuning or Tuning()
    setup = prepare(problem, tuning.group)
    enc = setup.enc
    n = enc.n
    found = survey(enc, tuning, progress, 2 * n)
    arcs = found.arcs
    big = (10 * 70 + 1) * (n + 1)
    # The survey scanned every row at price 0; -HUGE: no allowed pair was left out.
    scans = Scans(
        np.where(found.bound >= 0, found.bound, -HUGE), np.zeros(n, np.int64), [np.zeros(enc.width, np.int64)]
    )
    rounds = 0
    match = flow(setup, arcs)
    while True:
        col, current = assignment(setup, match, arcs)
        price = np.where(setup.room > 0, prices(setup, arcs, match, current, big), HUGE)
        slack = np.where(match >= 0, current - price[np.maximum(match, 0)], -big)  # u_i − BIG
        _check_graph(setup, arcs, price, slack)
        recheck = setup.free & scans.unsure(slack, price, setup.room)
        added, broke = _rescan(setup, arcs, np.flatnonzero(recheck), price, slack, scans, tuning)
        if progress:
            progress(n + n * (rounds + 1) // (rounds + 2), 2 * n)
        if not broke:  # proved; the pairs of rows that nearly break are not needed
            break
        if rounds == 0 and tuning.drop_above >= 0:
            arcs = _drop_far(setup, arcs, price, slack, scans, tuning.drop_above)
        grown = arcs + added
        if len(grown) == len(arcs):
            raise RuntimeError("the certificate fails on pairs already in the graph")
        match = repair(setup, grown, match, price, slack, big, tuning.repair_share)
        arcs = grown
        rounds += 1
    # The survey's pairs, dropped or not, are the ones its bound was drawn around.
    blocking = _blocking(setup, arcs + found.arcs if tuning.drop_above >= 0 else arcs, found, col, current, tuning)
    if progress:
        progress(2 * n, 2 * n)
    usable = int(np.count_nonzero(setup.free[arcs.rows] & (setup.room[arcs.cols] > 0)))
    return build_result(problem, setup, col, current, blocking=blocking, proven=True, arcs=usable, rounds=rounds)


def _drop_far(setup: Setup, arcs: Arcs, price: np.ndarray, slack: np.ndarray, scans: Scans, above: int) -> Arcs:
    """The graph without the arcs whose reduced cost r_ij = slack_i + v_j − s_ij passes `above`: the
    first graph is drawn blind, and most of it is far from any optimum; every later solve is faster
    without it. A matched pair has r = 0, so the solution stays in the graph, still optimal there;
    the dropped pairs are outside the graph again, so the proof checks them like any other: each
    row's bound on what is left out (Scans) takes in their gains s_ij − v_j under these prices (the
    last scan's), the row's older bound being carried to these prices by its drift."""
    usable = setup.free[arcs.rows] & (price[arcs.cols] < HUGE)
    gain = arcs.scores - price[np.where(usable, arcs.cols, 0)]
    far = usable & (slack[arcs.rows] - gain > above)
    if not far.any():
        return arcs
    rows = arcs.rows[far]
    most = np.full(setup.enc.n, -HUGE, np.int64)
    np.maximum.at(most, rows, gain[far])
    touched = np.unique(rows)
    room = setup.room > 0
    drift = np.array([max(0, int((old - price)[room].max(initial=0))) for old in scans.prices], np.int64)
    scans.left_out[touched] = np.maximum(scans.left_out[touched] + drift[scans.when[touched]], most[touched])
    scans.when[touched] = len(scans.prices) - 1
    keep = ~far
    return Arcs(arcs.rows[keep], arcs.cols[keep], arcs.scores[keep])


def repair(
    setup: Setup, arcs: Arcs, match: np.ndarray, price: np.ndarray, slack: np.ndarray, big: int, share: float
) -> np.ndarray:
    """The optimum on `arcs`, from `match`, optimal on a part of them and certified there by
    (price, slack): only the arcs added since can have a negative reduced cost r_ij = slack_i + v_j −
    s_ij. The new optimum differs from `match` by cycles of mentees moving from mentor to mentor, each
    of negative reduced cost, holding one or more added arcs and at most one arc per mentee; so along
    such a cycle, from the last added arc passed, the other arcs add up to less than D = Σ_i max(0,
    −min_j r_ij). Only the mentees whose move is within D of an added arc's mentor (a shortest-path
    search from those mentors, cut at D, where a mentor with room leads to any other k at the cost
    v_k of k losing a mentee) are solved again, in the room their mentors have left; the
    others keep their mentor. Unmatching a mentee costs u_i = BIG + slack_i: when D reaches it, or a
    mentee is unmatched, or the search reaches more than `share` of the arcs, the whole graph is
    solved. Exact
    either way; the prices computed next check it again."""
    n, width = setup.enc.n, setup.enc.width
    usable = setup.free[arcs.rows] & (setup.room[arcs.cols] > 0)
    rows, cols, scores = arcs.rows[usable], arcs.cols[usable], arcs.scores[usable]
    if not len(rows) or (match[rows] < 0).any():
        return flow(setup, arcs)
    reduced = slack[rows] + price[cols] - scores
    worst = np.zeros(n, np.int64)
    np.maximum.at(worst, rows, -reduced)
    bound = int(worst.sum())
    if bound >= int((big + slack[rows]).min()):
        return flow(setup, arcs)
    tail = match[rows]
    taken = np.bincount(match[(match >= 0) & setup.free], minlength=width)
    exit = (np.flatnonzero(taken < setup.room), np.where(setup.room > 0, price, HUGE))
    reach = _reach(width, tail, cols, reduced, np.unique(cols[reduced < 0]), bound, exit)
    near = (reach[tail] + np.maximum(reduced, 0) <= bound) | (reduced < 0)
    in_play = np.zeros(n, bool)
    in_play[rows[near & (cols != tail)]] = True
    pick = in_play[rows] & (near | (cols == tail))
    if np.count_nonzero(pick) > share * len(rows):  # about as long as solving it all
        return flow(setup, arcs)
    kept = (match >= 0) & setup.free & ~in_play
    room = setup.room - np.bincount(match[kept], minlength=width)
    moved = flow_on(n, room, rows[pick], cols[pick], scores[pick])
    return np.where(in_play, moved, match)


def _reach(width: int, tail: np.ndarray, head: np.ndarray, length: np.ndarray, start: np.ndarray, bound: int, exit):
    """Shortest distances from the mentors `start` (0 there) along the moves tail → head of
    non-negative `length`, up to `bound` (beyond: HUGE). A mentor with room left (`exit` = (its
    columns, the price of every column)) also leads, through the sink, to every mentor k at the cost
    v_k of k giving up a mentee. Bellman-Ford, frontier by frontier."""
    open_cols, price = exit
    step = np.maximum(length, 0)
    order = np.argsort(tail, kind="stable")
    tail, head, step = tail[order], head[order], step[order]
    starts = np.searchsorted(tail, np.arange(width + 1))
    dist = np.full(width, HUGE, np.int64)
    dist[start] = 0
    frontier = start
    sink = HUGE
    while len(frontier):
        lo, hi = starts[frontier], starts[frontier + 1]
        sizes = hi - lo
        edges = np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(sizes.sum())
        candidate = dist[tail[edges]] + step[edges]
        fits = candidate <= bound
        edges, candidate = edges[fits], candidate[fits]
        before = dist[head[edges]].copy()
        np.minimum.at(dist, head[edges], candidate)
        frontier = np.unique(head[edges][dist[head[edges]] < before])
        through = int(dist[open_cols].min(initial=HUGE))
        if through < sink:
            sink = through
            shorter = (sink + price <= bound) & (sink + price < dist)
            dist[shorter] = sink + price[shorter]
            frontier = np.union1d(frontier, np.flatnonzero(shorter))
    return dist


def _check_graph(setup: Setup, arcs: Arcs, price: np.ndarray, slack: np.ndarray) -> None:
    """The prices certify the solution on the graph it was solved on (they do by construction when
    the flow is optimal; checked, since the proof rests on it)."""
    usable = setup.free[arcs.rows] & (price[arcs.cols] < HUGE)
    if (price[price < HUGE] < 0).any() or (arcs.scores - price[arcs.cols] > slack[arcs.rows])[usable].any():
        raise RuntimeError("the dual prices do not certify the solution on its own graph")


def _rescan(
    setup: Setup, arcs: Arcs, rows: np.ndarray, price, slack, scans: Scans, tuning: Tuning
) -> tuple[Arcs, bool]:
    """Scores `rows` in full under the current prices: the pairs that break the certificate, with
    the next best of each such row, are returned to be added, and whether any breaks it; each row's
    scan is recorded. Rows within `tuning.near` of breaking it give their best pairs too: a whole
    solve costs about the same with them, and the next prices would likely make them break."""
    enc = setup.enc
    take = min(tuning.added_per_row, enc.width)
    scans.prices.append(price)
    # Gains in int32 when the prices allow (half the memory traffic of int64); LOW marks no pair.
    finite = price[price < HUGE]
    dtype = np.int32 if int(finite.max(initial=0)) < 1 << 29 else np.int64
    low = np.iinfo(dtype).min // 2
    cost = np.where(price < HUGE, price, 0).astype(dtype)
    shut = np.flatnonzero(price >= HUGE)  # mentors without room (few: locked full)
    added = []
    broke = False
    for chunk, gain in _scores_or_low(enc, rows, tuning.block_cells, dtype, low):
        gain -= cost[None, :]  # pairs not allowed: at most LOW, which no pair reaches
        gain[:, shut] = low
        _hide_candidates(gain, chunk, arcs, low)
        most = gain.max(axis=1).astype(np.int64)
        broke |= bool((most > slack[chunk]).any())
        breaks = most > slack[chunk] - tuning.near
        # A row that does not break is proved; its best gain is what was left out.
        scans.left_out[chunk] = np.where(most > low, most, -HUGE)
        scans.when[chunk] = len(scans.prices) - 1
        if not breaks.any():
            continue
        # A row that breaks, or nearly, gives its `take` best pairs; the next best is what is left out.
        broken, worse = chunk[breaks], gain[breaks]
        top, rest = _best_gains(worse, take, tuning.group, low)
        scans.left_out[broken] = np.where(rest > low, rest, -HUGE)
        best = np.take_along_axis(worse, top, axis=1)
        pick = best > low
        at = np.broadcast_to(np.arange(len(broken))[:, None], top.shape)[pick]
        added.append((broken[at], top[pick], best[pick].astype(np.int64) + cost[top[pick]].astype(np.int64)))
    return _concat(added, enc.width), broke


def _scores_or_low(enc: Encoded, rows: np.ndarray, cells: int, dtype, low: int):
    """Blocks of `rows` with their scores in `dtype`, `low` where the pair is not allowed: from the
    kept bytes by one look-up (score + 1 → score, 0 → low), else from the int16 scores."""
    if enc.cache is not None and enc.cache.dtype == np.uint8:
        decode = np.arange(-1, 255, dtype=dtype)
        decode[0] = low
        size = max(32, min(1024, cells // max(enc.width, 1)) // 32 * 32)
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            yield chunk, np.take(decode, enc.cache[chunk])
        return
    for chunk, scores in blocks(enc, rows, cells):
        yield chunk, np.where(scores >= 0, scores.astype(dtype), dtype(low))


def _best_gains(gain: np.ndarray, k: int, group: int, low: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's k best columns, and a bound on the gains of the others (`low` when there are none).
    With many columns, the k best lie in the k groups of columns (column c in group c mod P, as in
    the survey) with the best maxima: only those groups' columns are partitioned, and the best of the
    other groups bounds what they leave out."""
    b, width = gain.shape
    if width <= k:
        return np.broadcast_to(np.arange(width), gain.shape), np.full(b, low, np.int64)
    groups = width // group if group > 1 and width % group == 0 else 0
    if groups <= 2 * k:
        order = np.argpartition(-gain, k, axis=1)
        return order[:, :k], np.take_along_axis(gain, order[:, k : k + 1], axis=1)[:, 0].astype(np.int64)
    maxima = gain.reshape(b, group, groups).max(axis=1)
    order = np.argpartition(-maxima, k, axis=1)
    rows = np.arange(b)
    outside = maxima[rows, order[:, k]].astype(np.int64)  # the best of the groups not looked into
    pool = (order[:, :k, None] + np.arange(group)[None, None, :] * groups).reshape(b, -1)
    within = np.take_along_axis(gain, pool, axis=1)
    best = np.argpartition(-within, k, axis=1)
    rest = within[rows, best[:, k]].astype(np.int64)
    return np.take_along_axis(pool, best[:, :k], axis=1), np.maximum(rest, outside)


def _hide_candidates(gain: np.ndarray, chunk: np.ndarray, arcs: Arcs, low: int) -> None:
    lo = np.searchsorted(arcs.rows, chunk)
    hi = np.searchsorted(arcs.rows, chunk, side="right")
    sizes = hi - lo
    which = np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(sizes.sum())
    gain[np.repeat(np.arange(len(chunk)), sizes), arcs.cols[which]] = low


def _blocking(setup: Setup, arcs: Arcs, found: Survey, col, current, tuning: Tuning) -> int:
    """Blocking pairs: among the graph's pairs for the rows where no pair left out can score above
    the mentee's own, in full for the others."""
    threshold = thresholds(setup, col, current)
    unsure = (found.bound >= 0) & (found.bound > current)
    if found.maxima is not None:
        unsure &= _by_groups(found.maxima, current, threshold, tuning.group)
    blocking = blocking_sparse(arcs, ~unsure, current, threshold)
    for chunk, scores in blocks(setup.enc, np.flatnonzero(unsure), tuning.block_cells):
        blocking += blocking_in(scores, current[chunk], threshold)
    return blocking


def _by_groups(maxima: np.ndarray, current: np.ndarray, threshold: np.ndarray, group: int) -> np.ndarray:
    """Rows for which some group of columns might hold a blocking pair: its best score beats both
    the mentee's own and the group's lowest threshold."""
    lowest = threshold.reshape(group, -1).min(axis=0)
    out = np.zeros(len(maxima), bool)
    for start in range(0, len(maxima), 8192):
        gm = maxima[start : start + 8192].astype(np.int64)
        beats = (gm > lowest[None, :]) & (gm > current[start : start + 8192, None])
        out[start : start + 8192] = beats.any(axis=1)
    return out
