"""The optimal matching on a pruned graph, with its proof.

1. Survey: one pass over every mentee × mentor score (in blocks) keeps each mentee's best mentors,
   each mentor's best mentees, and for each mentee a bound: no pair left out scores above it.
2. Solve the candidate graph (solver.flow).
3. Prove: compute dual prices v (one per mentor) and u (one per mentee) that certify the candidate
   solution, then check u_i + v_j ≥ BIG + s_ij on every pair left out; most mentees pass by their
   bound alone, the others are scored again in full. Pairs that fail are added and the graph solved
   again, until none fails. docs/matching.md has the argument."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import Problem, Result
from .scoring import Encoded
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
    prepare,
    thresholds,
)


@dataclass
class Survey:
    arcs: Arcs  # the candidate pairs, with their scores
    bound: np.ndarray  # per mentee row: no allowed pair outside `arcs` scores more (-1: there is none)


def survey(enc: Encoded, tuning: Tuning, progress: Progress = None, total: int = 0) -> Survey:
    n, width = enc.n, enc.width
    bound = np.full(n, -1, np.int64)
    parts = []
    best_in_block, best_row = [], []
    done = 0
    for rows, scores in blocks(enc, np.arange(n), tuning.block_cells):
        cols, values, bound[rows] = _best_of_rows(scores, tuning.per_mentee, tuning.group)
        parts.append((np.repeat(rows, cols.shape[1]), cols.ravel(), values.ravel()))
        best_in_block.append(scores.max(axis=0))
        best_row.append(rows[scores.argmax(axis=0)].astype(np.int32))
        done += len(rows)
        if progress:
            progress(done, total or n)
    if best_in_block:
        parts.append(_best_of_columns(np.array(best_in_block), np.array(best_row), tuning.per_mentor, enc.m))
    return Survey(_concat(parts, width), bound)


def _best_of_rows(scores: np.ndarray, k: int, group: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's k best columns, their scores, and the best score left out. Columns are first
    grouped (column c in group c mod P): the k best lie in the k groups with the best maxima, so
    only those are sorted."""
    b, width = scores.shape
    rows = np.arange(b)[:, None]
    if width <= k:
        return np.broadcast_to(np.arange(width), (b, width)), scores, np.full(b, -1, np.int64)
    groups = width // group if width % group == 0 else 0
    if groups > k + 1:
        maxima = scores.reshape(b, group, groups).max(axis=1)
        order = np.argpartition(-maxima, k, axis=1)
        left_out_group = maxima[rows[:, 0], order[:, k]]
        pool = (order[:, :k, None] + np.arange(group)[None, None, :] * groups).reshape(b, -1)
    else:
        left_out_group = np.full(b, -1, scores.dtype)
        pool = np.broadcast_to(np.arange(width), (b, width))
    values = np.take_along_axis(scores, pool, axis=1)
    order = np.argpartition(-values, k, axis=1)
    top = order[:, :k]
    left_out = np.maximum(values[rows[:, 0], order[:, k]], left_out_group)
    return np.take_along_axis(pool, top, axis=1), np.take_along_axis(values, top, axis=1), left_out.astype(np.int64)


def _best_of_columns(best: np.ndarray, rows: np.ndarray, k: int, m: int):
    """For each mentor, the best mentee of each of its k best blocks of mentees."""
    best, rows = best[:, :m].T, rows[:, :m].T  # mentors × blocks
    if best.shape[1] > k:
        pick = np.argpartition(-best, k - 1, axis=1)[:, :k]
        best, rows = np.take_along_axis(best, pick, axis=1), np.take_along_axis(rows, pick, axis=1)
    cols = np.broadcast_to(np.arange(m)[:, None], best.shape)
    return rows.ravel(), cols.ravel(), best.ravel()


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


def solve_pruned(problem: Problem, progress: Progress = None, tuning: Tuning | None = None) -> Result:
    tuning = tuning or Tuning()
    setup = prepare(problem, tuning.group)
    enc = setup.enc
    n = enc.n
    found = survey(enc, tuning, progress, 2 * n)
    arcs = found.arcs
    big = (10 * 70 + 1) * (n + 1)
    rounds = 0
    while True:
        match = flow(setup, arcs)
        col, current = assignment(setup, match, arcs)
        v = prices(setup, arcs, match, current, big)
        added, blocking = _check(setup, arcs, found.bound, match, col, current, v, big, tuning)
        if progress:
            progress(n + n * (rounds + 1) // (rounds + 2), 2 * n)
        if not len(added):
            break
        grown = arcs + added
        if len(grown) == len(arcs):
            raise RuntimeError("the certificate fails on pairs already in the graph")
        arcs = grown
        rounds += 1
    if progress:
        progress(2 * n, 2 * n)
    usable = int(np.count_nonzero(setup.free[arcs.rows] & (setup.room[arcs.cols] > 0)))
    return build_result(problem, setup, col, blocking=blocking, proven=True, arcs=usable, rounds=rounds)


def _check(setup, arcs, bound, match, col, current, v, big, tuning):
    """Pairs that break the certificate (to add), and the blocking pairs of the solution."""
    enc = setup.enc
    free = setup.free
    slack = np.where(match >= 0, current - v[np.maximum(match, 0)], -big)  # u_i − BIG
    recheck = free & (bound >= 0) & (bound > slack)
    unsure = (bound >= 0) & (bound > current)  # a pair left out might block
    dense = recheck | unsure
    threshold = thresholds(setup, col, current)
    blocking = blocking_sparse(arcs, ~dense, current, threshold)
    price = np.where(setup.room > 0, v, np.iinfo(np.int64).max // 4)
    added = []
    for rows, scores in blocks(enc, np.flatnonzero(dense), tuning.block_cells):
        blocking += blocking_in(scores, current[rows], threshold)
        gain = scores.astype(np.int64) - price[None, :] - slack[rows, None]
        gain[(scores < 0) | ~recheck[rows, None]] = -1
        bad = np.flatnonzero((gain > 0).any(axis=1))
        if not len(bad):
            continue
        take = min(tuning.added_per_row, enc.width)
        worst = np.argpartition(-gain[bad], take - 1, axis=1)[:, :take]
        keep = np.take_along_axis(gain[bad], worst, axis=1) > 0
        at = np.broadcast_to(np.arange(len(bad))[:, None], worst.shape)[keep]
        c = worst[keep]
        added.append((rows[bad][at], c, scores[bad][at, c]))
    return _concat(added, enc.width), blocking
