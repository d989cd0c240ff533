"""What most products do, for comparison: each mentee in turn takes its best mentor with room."""

from __future__ import annotations

import numpy as np

from .model import Problem, Result
from .pruned import survey
from .scoring import block_scores
from .solver import Tuning, assignment, blocking_in, blocking_sparse, blocks, build_result, prepare, thresholds


def greedy(problem: Problem, tuning: Tuning | None = None) -> Result:
    tuning = tuning or Tuning()
    setup = prepare(problem, tuning.group)
    enc = setup.enc
    found = survey(enc, tuning)
    arcs = found.arcs
    room = setup.room.copy()
    match = np.full(enc.n, -1, np.int64)
    # Candidates of each row, best first (ties: the mentor listed first).
    order = np.lexsort((arcs.cols, -arcs.scores, arcs.rows))
    rows, cols, scores = arcs.rows[order], arcs.cols[order], arcs.scores[order]
    starts = np.searchsorted(rows, np.arange(enc.n + 1))
    free = np.flatnonzero(setup.free)

    def best_listed(i: int) -> int:
        """The row's best listed mentor with room, if no mentor left out of its list can beat it."""
        mine = cols[starts[i] : starts[i + 1]]
        open_ = np.flatnonzero(room[mine] > 0)
        if len(open_) and scores[starts[i] + open_[0]] >= found.bound[i]:
            return int(mine[open_[0]])
        return -1 if found.bound[i] < 0 else -2  # -2: look at every mentor

    scored: dict[int, np.ndarray] = {}
    looked_to = 0  # rows up to here were looked ahead at once already
    for position, i in enumerate(free.tolist()):
        j = best_listed(i)
        if j == -2:
            if i not in scored:
                # Rows further on that will need a full look too (mentors only fill up) are scored with it.
                start = max(position + 1, looked_to)
                later = [r for r in free[start : start + 1024].tolist() if best_listed(r) == -2][:255]
                looked_to = start + 1024
                batch = np.array([i, *later])
                for r, row in zip(batch, block_scores(enc, batch), strict=True):
                    scored[int(r)] = row
            row = scored.pop(int(i))
            row[room <= 0] = -1
            j = int(np.argmax(row)) if row.max() >= 0 else -1
        if j >= 0:
            match[i] = j
            room[j] -= 1
    col, current = assignment(setup, match)
    threshold = thresholds(setup, col, current)
    dense = (found.bound >= 0) & (found.bound > current)
    blocking = blocking_sparse(arcs, ~dense, current, threshold)
    for chunk, block in blocks(enc, np.flatnonzero(dense), tuning.block_cells):
        blocking += blocking_in(block, current[chunk], threshold)
    return build_result(problem, setup, col, current, blocking=blocking, proven=False, arcs=len(arcs), rounds=0)
