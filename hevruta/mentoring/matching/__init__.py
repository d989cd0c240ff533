"""Globally optimal mentor–mentee matching: a min-cost flow on a pruned graph, proved optimal for
the whole graph. Pure Python and numpy with OR-Tools; no Django. docs/matching.md explains it."""

from __future__ import annotations

from collections.abc import Callable

from .greedy import greedy as _greedy
from .model import COMPONENTS, Applicant, MatchingError, Pair, Problem, Reason, Result, Weights
from .pruned import solve_pruned
from .scoring import allowed, score
from .solver import solve_full

__all__ = [
    "COMPONENTS",
    "Applicant",
    "MatchingError",
    "Pair",
    "Problem",
    "Reason",
    "Result",
    "Weights",
    "allowed",
    "greedy",
    "score",
    "solve",
    "solve_full",
]


def solve(problem: Problem, progress: Callable[[int, int], None] | None = None) -> Result:
    """The optimal matching: most mentees matched, then the greatest total score; proved optimal
    for the whole mentee × mentor graph. `progress(done, total)` counts mentee rows scored."""
    return solve_pruned(problem, progress)


def greedy(problem: Problem) -> Result:
    """Each mentee in turn takes its best mentor with room: what most products do."""
    return _greedy(problem)
