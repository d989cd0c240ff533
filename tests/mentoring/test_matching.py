"""The matching algorithm: optimal on the pruned graph as on the full one, constraints never
broken, the reports (unmatched, missing profiles, blocking pairs, reasons) right."""

import itertools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hevruta.mentoring.matching import (
    Applicant,
    MatchingError,
    Problem,
    Weights,
    allowed,
    greedy,
    score,
    scoring,
    solve,
    solve_full,
)
from hevruta.mentoring.matching.pruned import HUGE, _best_gains, prices, repair, solve_pruned
from hevruta.mentoring.matching.scoring import big_array, block_scores, encode, keep_scores
from hevruta.mentoring.matching.solver import Arcs, Tuning, assignment, flow, prepare

# A candidate graph so thin that most instances need the certificate to grow it.
# Its rounds repair the previous optimum wherever the repair is exact, however much it touches.
THIN = Tuning(per_mentee=2, per_mentor=1, group=4, added_per_row=2, repair_share=1.0)
# The same without the survey's kept scores: the re-scans and the blocking pairs score again (as at
# national scale, where the scores do not fit in memory).
THIN_UNKEPT = Tuning(per_mentee=2, per_mentor=1, group=4, added_per_row=2, cache_bytes=0)
# After the first solve, every arc of the first graph off the optimum's tight ones is dropped, and
# the proof has to find again those it needs; the same with nothing dropped.
DROPPING = Tuning(per_mentee=6, per_mentor=2, group=4, added_per_row=2, drop_above=0)
KEEPING = Tuning(per_mentee=2, per_mentor=1, group=4, added_per_row=2, drop_above=-1)

small_sets = st.frozensets(st.integers(0, 5), max_size=3)


def applicants(keys, mentor: bool):
    return st.builds(
        Applicant,
        key=keys,
        subjects=small_sets,
        grade_bands=st.frozensets(st.integers(0, 3), max_size=2),
        languages=st.frozensets(st.integers(0, 2), max_size=2),
        topics=st.frozensets(st.integers(0, 9), max_size=4),
        sector=st.sampled_from(["", "jewish", "arab"]),
        organization=st.one_of(st.none(), st.integers(1, 4)),
        latitude=st.one_of(st.none(), st.floats(31.0, 33.0)),
        longitude=st.just(35.0),
        capacity=st.integers(0, 4) if mentor else st.just(1),
        organization_preference=st.sampled_from(["any", "same", "different"]),
    )


@st.composite
def problems(draw, max_mentees=200, max_mentors=50):
    n = draw(st.integers(0, max_mentees))
    m = draw(st.integers(0, max_mentors))
    mentees = [draw(applicants(st.just(i), False)) for i in range(n)]
    mentors = [draw(applicants(st.just(1000 + j), True)) for j in range(m)]
    weights = draw(
        st.builds(
            Weights,
            **{c: st.integers(0, 10) for c in ("subject", "grade_band", "distance", "language", "sector")},
            organization=st.integers(0, 10),
            goals=st.integers(0, 10),
            max_distance_km=st.sampled_from([50.0, 100.0]),
        )
    )
    forbidden = set()
    if n and m:
        forbidden = set(draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(1000, 999 + m)), max_size=30)))
    problem = Problem(mentees, mentors, weights, forbidden, require_common_language=draw(st.booleans()))
    locked = set()
    if n and m:
        for i, j in draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, m - 1)), max_size=4)):
            mentee, mentor = mentees[i], mentors[j]
            taken = sum(1 for _, b in locked if b == mentor.key)
            if allowed(problem, mentee, mentor) and taken < mentor.capacity and all(a != i for a, _ in locked):
                locked.add((mentee.key, mentor.key))
    problem.locked = locked
    return problem


def check_constraints(problem: Problem, result) -> None:
    mentees = {a.key: a for a in problem.mentees}
    mentors = {a.key: a for a in problem.mentors}
    pairs = {(p.mentee, p.mentor) for p in result.pairs}
    assert len(pairs) == len(result.pairs)
    assert len({p.mentee for p in result.pairs}) == len(result.pairs), "a mentee matched twice"
    for mentor in problem.mentors:
        assert sum(1 for p in result.pairs if p.mentor == mentor.key) <= mentor.capacity
    for p in result.pairs:
        assert allowed(problem, mentees[p.mentee], mentors[p.mentor])
        assert (
            p.score
            == sum(r.points for r in p.reasons)
            == score(mentees[p.mentee], mentors[p.mentor], problem.weights)[0]
        )
        assert p.locked == ((p.mentee, p.mentor) in problem.locked)
    assert problem.locked <= pairs
    assert sorted(result.unmatched) == sorted(set(mentees) - {p.mentee for p in result.pairs})
    assert result.total_score == sum(p.score for p in result.pairs)
    assert sum(g["count"] for g in result.missing_profiles) == len(result.unmatched)


def brute_blocking(problem: Problem, result) -> int:
    """Blocking pairs counted pair by pair, straight from the definition."""
    w = problem.weights
    mine = {p.mentee: p for p in result.pairs}
    theirs = {m.key: [p for p in result.pairs if p.mentor == m.key] for m in problem.mentors}
    count = 0
    for mentee, mentor in itertools.product(problem.mentees, problem.mentors):
        if not allowed(problem, mentee, mentor) or (mine.get(mentee.key) and mine[mentee.key].mentor == mentor.key):
            continue
        s = score(mentee, mentor, w)[0]
        current = mine[mentee.key].score if mentee.key in mine else -1
        taken = theirs[mentor.key]
        room = len(taken) < mentor.capacity
        if s > current and (room or s > min(p.score for p in taken)):
            count += 1
    return count


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(problems())
def test_pruned_equals_full_and_breaks_nothing(problem):
    full = solve_full(problem)
    results = [solve(problem), *(solve_pruned(problem, tuning=t) for t in (THIN, THIN_UNKEPT, DROPPING, KEEPING))]
    for result in results:
        assert result.proven_optimal
        assert len(result.pairs) == len(full.pairs)
        assert result.total_score == full.total_score
        check_constraints(problem, result)
    check_constraints(problem, full)
    if len(problem.mentees) * len(problem.mentors) <= 3000:  # the pair-by-pair count is slow
        assert full.blocking_pairs == brute_blocking(problem, full)
        assert results[3].blocking_pairs == brute_blocking(problem, results[3])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(problems(max_mentees=60, max_mentors=20))
def test_greedy_keeps_the_constraints_and_never_beats_the_optimum(problem):
    optimum = solve_pruned(problem, tuning=THIN)
    unkept = solve_pruned(problem, tuning=THIN_UNKEPT)
    assert (len(unkept.pairs), unkept.total_score, unkept.blocking_pairs) == (
        len(optimum.pairs),
        optimum.total_score,
        brute_blocking(problem, unkept),
    )
    quick = greedy(problem)
    check_constraints(problem, quick)
    assert not quick.proven_optimal
    assert (len(quick.pairs), quick.total_score) <= (len(optimum.pairs), optimum.total_score)
    assert quick.blocking_pairs == brute_blocking(problem, quick)
    assert optimum.blocking_pairs == brute_blocking(problem, optimum)


@pytest.mark.parametrize(
    ("table_cells", "class_cells"),
    [(0, 0), (0, 4_000_000), (4_000_000, 4_000_000)],
    ids=["each pair computed", "classes looked up, distance computed", "classes and distance looked up"],
)
@settings(
    max_examples=12,
    deadline=None,
    # The same value is patched in for every example.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@given(problem=problems(max_mentees=30, max_mentors=30))
def test_the_blocks_score_as_score_does(problem, table_cells, class_cells, monkeypatch):
    monkeypatch.setattr(scoring, "TABLE_CELLS", table_cells)
    monkeypatch.setattr(scoring, "CLASS_CELLS", class_cells)
    enc = encode(problem, 8)  # padded to 8 columns: the padding allows nobody
    assert (enc.distance_table is None) == (table_cells == 0 or not problem.weights.distance or not enc.m or not enc.n)
    assert (enc.pair_table is None) == (class_cells == 0 and enc.n > 0)
    if not enc.n:
        return
    scores = block_scores(enc, np.arange(enc.n))
    for i, mentee in enumerate(enc.mentees):
        for j, mentor in enumerate(enc.mentors):
            allows = mentor is not None and allowed(problem, mentee, mentor)
            assert scores[i, j] == (score(mentee, mentor, problem.weights)[0] if allows else -1)


@pytest.mark.parametrize("weights", [None, Weights()], ids=["drawn weights", "default weights: one byte a score"])
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(problem=problems(max_mentees=40, max_mentors=30))
def test_the_kept_scores_are_the_scores(problem, weights):
    problem.weights = weights or problem.weights
    enc = encode(problem, 8)
    cache = enc.new_cache(1 << 30)
    assert cache is not None
    assert cache.dtype == (np.uint8 if enc.top <= 254 else np.int16)
    assert enc.new_cache(enc.n * enc.width * cache.itemsize - 1) is None or not enc.n
    everyone = np.arange(enc.n)
    for start in range(0, enc.n, 16):
        keep_scores(cache, start, block_scores(enc, everyone[start : start + 16]))
    enc.cache = cache
    assert (enc.cached(everyone) == block_scores(enc, everyone)).all()
    assert enc.cached(everyone).dtype == np.int16


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(problems(max_mentees=120, max_mentors=40))
def test_pruned_with_scores_kept_in_one_byte_equals_full(problem):
    problem.weights = Weights()  # at most 210 points: the survey keeps one byte a score
    full = solve_full(problem)
    for result in (solve(problem), solve_pruned(problem, tuning=THIN)):
        assert result.proven_optimal
        assert (len(result.pairs), result.total_score) == (len(full.pairs), full.total_score)
        check_constraints(problem, result)


def person(key, *, subjects=(1,), capacity=1, **more):
    return Applicant(key, subjects=frozenset(subjects), languages=frozenset({1}), capacity=capacity, **more)


WEIGHTS = Weights(subject=10, grade_band=0, distance=0, language=0, sector=0, organization=0, goals=10)


def test_more_mentees_than_room_leaves_exactly_the_surplus_unmatched():
    mentees = [person(i, subjects=(1,) if i < 6 else (2,), grade_bands=frozenset({i % 2})) for i in range(10)]
    mentors = [person(100, capacity=3), person(101, capacity=2, subjects=(1, 2)), person(102, capacity=0)]
    result = solve(Problem(mentees, mentors, WEIGHTS))
    assert len(result.pairs) == 5 and len(result.unmatched) == 5
    assert result.proven_optimal
    assert sum(g["count"] for g in result.missing_profiles) == 5
    counts = [g["count"] for g in result.missing_profiles]
    assert counts == sorted(counts, reverse=True)
    assert set(result.missing_profiles[0]) == {"subjects", "grade_bands", "languages", "count"}


def test_no_mentee_left_out_while_a_mentor_it_may_have_has_room():
    # Mentee 1 may only have mentor 10; mentee 2 prefers 10 but may have 11: the optimum moves 2.
    mentees = [person(1, topics=frozenset({5})), person(2, topics=frozenset({5}))]
    mentors = [person(10, topics=frozenset({5})), person(11)]
    result = solve(Problem(mentees, mentors, WEIGHTS, forbidden={(1, 11)}))
    assert {(p.mentee, p.mentor) for p in result.pairs} == {(1, 10), (2, 11)}


def test_greedy_is_worse_than_the_optimum_on_a_small_case():
    # Mentee 1 comes first and takes mentor 10, whom mentee 2 needed more.
    mentees = [person(1, topics=frozenset({1})), person(2, topics=frozenset({1, 2}))]
    mentors = [person(10, topics=frozenset({1, 2})), person(11, topics=frozenset({1}))]
    problem = Problem(mentees, mentors, WEIGHTS)
    best, quick = solve(problem), greedy(problem)
    assert {(p.mentee, p.mentor) for p in quick.pairs} == {(1, 10), (2, 11)}
    assert {(p.mentee, p.mentor) for p in best.pairs} == {(1, 11), (2, 10)}
    assert quick.total_score < best.total_score
    # Greedy can also leave someone unmatched who need not be.
    problem = Problem(mentees, [*mentors[:1], person(11, subjects=())], WEIGHTS, forbidden={(2, 11)})
    assert len(greedy(problem).unmatched) == 1 and not solve(problem).unmatched


def test_blocking_pairs_on_a_hand_built_case():
    # Locked: 1 with 11 (scores 200 with 10, 0 with 11); 10 has 2 (scored 100: a subject, no goal).
    mentees = [person(1, topics=frozenset({1})), person(2, topics=frozenset({2}))]
    mentors = [person(10, topics=frozenset({1})), person(11, subjects=())]
    problem = Problem(mentees, mentors, WEIGHTS, locked={(1, 11), (2, 10)})
    result = solve(problem)
    assert [p.score for p in sorted(result.pairs, key=lambda p: p.mentee)] == [0, 100]
    # 1 prefers 10 (200 > 0) and 10 prefers 1 (200 > 100): one blocking pair; 2 prefers nobody.
    assert result.blocking_pairs == 1 == brute_blocking(problem, result)
    # With room at 10, mentee 1 blocks with it whatever 10 has.
    roomy = Problem(
        mentees, [person(10, topics=frozenset({1}), capacity=2), mentors[1]], WEIGHTS, locked=problem.locked
    )
    assert solve(roomy).blocking_pairs == 1


def test_reasons_explain_the_score():
    mentee = Applicant(
        1,
        frozenset({1, 2}),
        frozenset({3}),
        frozenset({1}),
        frozenset({5, 6, 7}),
        "arab",
        4,
        32.0,
        34.8,
        organization_preference="different",
    )
    mentor = Applicant(
        2, frozenset({1}), frozenset({3, 4}), frozenset({1, 2}), frozenset({5}), "arab", 9, 32.1, 34.8, 3
    )
    total, reasons = score(mentee, mentor, Weights())
    parts = {r.component: r for r in reasons}
    assert total == sum(r.points for r in reasons)
    assert parts["subject"].points == 25 and parts["subject"].detail == {"shared": [1], "of": 2}
    assert parts["grade_band"].points == 40
    assert parts["distance"].detail == {"km": 11} and parts["distance"].points == 26
    assert parts["organization"].detail == {"preference": "different"}
    assert parts["goals"].points == 14  # 40 over three topics: 14, 13, 13; topic 5 has the 14
    assert score(
        mentee, mentor, Weights(subject=0, grade_band=0, distance=0, language=0, sector=0, organization=0, goals=0)
    ) == (0, [])


def test_zero_mentors_leaves_everyone_unmatched_and_says_who():
    mentees = [person(i, subjects=(7,)) for i in range(3)]
    result = solve(Problem(mentees, [], Weights()))
    assert result.pairs == [] and sorted(result.unmatched) == [0, 1, 2]
    assert result.missing_profiles == [{"subjects": [7], "grade_bands": [], "languages": [1], "count": 3}]
    assert solve(Problem([], [], Weights())).pairs == []


def test_a_mentor_with_capacity_zero_takes_nobody():
    result = solve(Problem([person(1)], [person(10, capacity=0)], Weights()))
    assert result.unmatched == [1]
    assert not allowed(Problem([], [], Weights()), person(1), person(10, capacity=0))


@pytest.mark.parametrize(
    ("locked", "forbidden", "code", "keys"),
    [
        ({(1, 10), (1, 11)}, set(), "mentee_locked_twice", (1, 10, 11)),
        ({(1, 10), (2, 10)}, set(), "mentor_over_capacity", (10,)),
        ({(1, 10)}, {(1, 10)}, "locked_not_allowed", (1, 10)),
        ({(1, 12)}, set(), "locked_not_allowed", (1, 12)),
        ({(9, 10)}, set(), "unknown_mentee", (9,)),
        ({(1, 99)}, set(), "unknown_mentor", (99,)),
    ],
)
def test_contradictory_locks_are_refused_with_the_keys(locked, forbidden, code, keys):
    mentees = [person(1), person(2)]
    mentors = [person(10), person(11), person(12, capacity=0)]
    problem = Problem(mentees, mentors, Weights(), forbidden=forbidden, locked=locked)
    for run in (solve, solve_full, greedy):
        with pytest.raises(MatchingError) as error:
            run(problem)
        assert error.value.code == code and error.value.keys == keys
        assert all(str(key) in str(error.value) for key in keys)


def test_duplicate_keys_are_refused():
    with pytest.raises(MatchingError, match="twice"):
        solve(Problem([person(1), person(1)], [person(10)], Weights()))


def test_a_language_in_common_is_required_unless_switched_off():
    mentee = Applicant(1, languages=frozenset({1}))
    mentor = Applicant(10, languages=frozenset({2}))
    assert solve(Problem([mentee], [mentor], Weights())).unmatched == [1]
    assert not solve(Problem([mentee], [mentor], Weights(), require_common_language=False)).unmatched
    # A side that lists no language is not known to lack one.
    assert not solve(Problem([Applicant(1)], [mentor], Weights())).unmatched


def test_pruning_grows_the_graph_when_everyone_wants_the_same_mentors():
    # Ten stars everyone scores highest, room for 20; 60 mentees; 40 ordinary mentors.
    mentees = [person(i, topics=frozenset({i % 4, 9})) for i in range(60)]
    stars = [person(100 + j, capacity=2, topics=frozenset(range(10))) for j in range(10)]
    ordinary = [person(200 + j, topics=frozenset({j % 4})) for j in range(40)]
    problem = Problem(mentees, stars + ordinary, WEIGHTS)
    thin = solve_pruned(problem, tuning=THIN)
    assert thin.rounds > 0 and thin.proven_optimal
    assert (len(thin.pairs), thin.total_score) == (len(solve_full(problem).pairs), solve_full(problem).total_score)
    assert thin.arcs < solve_full(problem).arcs


def test_progress_is_reported_up_to_the_end():
    seen = []
    solve(Problem([person(i) for i in range(20)], [person(100)], Weights()), progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(problems(max_mentees=80, max_mentors=20), st.integers(0, 2**32 - 1))
def test_the_repair_after_adding_arcs_reaches_the_optimum_of_the_grown_graph(problem, seed):
    setup = prepare(problem)
    everything = all_arcs(setup)
    rng = np.random.default_rng(seed)
    part = everything.rows >= 0
    part[rng.random(len(everything)) < 0.3] = False  # a graph missing a third of the pairs
    some = Arcs(everything.rows[part], everything.cols[part], everything.scores[part])
    match = flow(setup, some)
    current = assignment(setup, match, some)[1]
    big = 701 * (setup.enc.n + 1)
    price = np.where(setup.room > 0, prices(setup, some, match, current, big), HUGE)
    slack = np.where(match >= 0, current - price[np.maximum(match, 0)], -big)
    repaired = repair(setup, everything, match, price, slack, big, share=1.0)
    best = flow(setup, everything)
    assert np.count_nonzero(repaired >= 0) == np.count_nonzero(best >= 0)
    assert (
        assignment(setup, repaired, everything)[1].clip(0).sum() == assignment(setup, best, everything)[1].clip(0).sum()
    )
    taken = np.bincount(repaired[repaired >= 0], minlength=setup.enc.width)
    assert (taken <= setup.room).all()


def all_arcs(setup):
    scores = block_scores(setup.enc, np.arange(setup.enc.n))
    rows, cols = np.nonzero(scores >= 0)
    return Arcs.of(rows, cols, scores[rows, cols], setup.enc.width)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(1, 6),
    group=st.sampled_from([1, 2, 4, 8]),
    groups=st.integers(1, 12),
    k=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
)
def test_the_best_gains_of_a_row_and_the_bound_on_the_rest(rows, group, groups, k, seed):
    """The re-scan's k best columns per row (looked for in the groups with the best maxima only) are
    k best, and the bound it keeps is never below a gain left out: the proof rests on it."""
    low = -(1 << 30)
    rng = np.random.default_rng(seed)
    gain = rng.integers(-20, 20, (rows, group * groups)).astype(np.int32)
    gain[rng.random(gain.shape) < 0.3] = low  # pairs not allowed, or already in the graph
    top, rest = _best_gains(gain, k, group, low)
    for r in range(rows):
        chosen = set(top[r].tolist())
        assert len(chosen) == min(k, gain.shape[1])
        values = sorted(gain[r].tolist(), reverse=True)
        assert sorted(gain[r, list(chosen)].tolist(), reverse=True) == values[: len(chosen)]
        others = [int(gain[r, c]) for c in range(gain.shape[1]) if c not in chosen]
        assert rest[r] >= max(others, default=low)


@pytest.mark.parametrize("dtype", [np.uint8, np.int16])
def test_a_big_array_in_huge_pages_is_an_ordinary_writable_array(dtype):
    array = big_array((3, 5), dtype, at_least=0)  # the huge-page way, small as it is
    assert array.shape == (3, 5) and array.dtype == dtype and array.flags.writeable
    assert array.flags.c_contiguous
    array[...] = np.arange(15, dtype=dtype).reshape(3, 5)
    assert array[2, 4] == 14 and int(array.sum()) == 105
