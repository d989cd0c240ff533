"""Mentoring matching at three scales: the pruned optimal solver, the full graph, and greedy.

    .venv/bin/python -m bench.mentoring_matching [--sizes 2000x400 20000x4000 100000x20000]

Instances are generated deterministically (seeded by their size): mentees teach one or two of 30
subjects (Zipf: mathematics and English first) in a grade band, speak Hebrew, Arabic or both, state
two to four of 40 goal topics, live in one of 250 localities (big towns draw more people; a person's coordinates are the
locality's, as the app gives them); a fifth
prefer a mentor from their own organization or another one. Mentors take 5 or 6 mentees and have a
popularity drawn from a Pareto law: the popular ones teach many subjects and grade bands and list
many strengths, so everyone scores them highest, as in real programs. Each solver runs in its own
process, so its peak memory (ru_maxrss: OR-Tools' C++ memory included; the instance itself is in it
too) is its own. The full graph is skipped where its estimate (13 GB for 80 million arcs, measured)
passes 5 GB. Prints a table and writes it to docs/benchmarks.md.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

FULL_GRAPH_LIMIT_GB = 5.0
BYTES_PER_ARC = 13e9 / 80e6  # the full graph at 20,000 × 4,000 took 12.9 GB in OR-Tools, measured


def instance(mentees: int, mentors: int):
    from hevruta.mentoring.matching import Applicant, Problem, Weights

    rng = np.random.default_rng(mentees * 7919 + mentors)
    towns = 250
    town_weight = 1.0 / np.arange(1, towns + 1) ** 0.9
    town_weight /= town_weight.sum()
    town_lat = rng.uniform(29.6, 33.2, towns)
    town_lon = rng.uniform(34.3, 35.8, towns)
    subject_weight = 1.0 / np.arange(1, 31)
    subject_weight /= subject_weight.sum()
    organizations = max(1, (mentees + mentors) // 25)

    def common(size):
        town = rng.choice(towns, size, p=town_weight)
        arabic = rng.random(size) < 0.25
        both = rng.random(size) < 0.3
        return town, arabic, both

    def languages(arabic, both):
        if both:
            return frozenset({1, 2})
        return frozenset({2}) if arabic else frozenset({1})

    town, arabic, both = common(mentees)
    people = []
    for i in range(mentees):
        subjects = rng.choice(30, rng.integers(1, 3), replace=False, p=subject_weight)
        people.append(
            Applicant(
                key=i + 1,
                subjects=frozenset(int(s) for s in subjects),
                grade_bands=frozenset({int(rng.integers(0, 6))}),
                languages=languages(arabic[i], both[i]),
                topics=frozenset(int(t) for t in rng.choice(40, rng.integers(2, 5), replace=False)),
                sector="arab" if arabic[i] else "jewish",
                organization=int(rng.integers(0, organizations)),
                latitude=float(town_lat[town[i]]),
                longitude=float(town_lon[town[i]]),
                organization_preference=str(rng.choice(["any", "same", "different"], p=[0.8, 0.1, 0.1])),
            )
        )
    town, arabic, both = common(mentors)
    popularity = np.minimum(rng.pareto(1.5, mentors), 20.0)
    coaches = []
    for j in range(mentors):
        breadth = popularity[j] / 20.0  # 0..1
        subjects = rng.choice(30, 1 + int(breadth * 29), replace=False, p=subject_weight)
        coaches.append(
            Applicant(
                key=10_000_000 + j,
                subjects=frozenset(int(s) for s in subjects),
                grade_bands=frozenset(int(g) for g in rng.choice(6, 1 + int(breadth * 5), replace=False)),
                languages=languages(arabic[j], both[j] or breadth > 0.5),
                topics=frozenset(int(t) for t in rng.choice(40, 3 + int(breadth * 37), replace=False)),
                sector="arab" if arabic[j] else "jewish",
                organization=int(rng.integers(0, organizations)),
                latitude=float(town_lat[town[j]]),
                longitude=float(town_lon[town[j]]),
                capacity=int(rng.integers(5, 7)),
            )
        )
    return Problem(people, coaches, Weights())


def run_one(solver: str, mentees: int, mentors: int) -> None:
    """In a child process: build the instance, run one solver, print its numbers as JSON."""
    from hevruta.mentoring import matching

    problem = instance(mentees, mentors)
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    result = {"pruned": matching.solve, "full": matching.solve_full, "greedy": matching.greedy}[solver](problem)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "load": os.getloadavg()[0],
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "total": result.total_score,
                "matched": len(result.pairs),
                "unmatched": len(result.unmatched),
                "blocking": result.blocking_pairs,
                "proven": result.proven_optimal,
                "arcs": result.arcs,
                "rounds": result.rounds,
            }
        )
    )


def measure(solver: str, mentees: int, mentors: int) -> dict:
    command = [sys.executable, "-m", "bench.mentoring_matching", "--run", solver, f"{mentees}x{mentors}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def baseline_mb() -> float:
    """The peak memory of a process that builds the instance modules and nothing else."""
    command = [
        sys.executable,
        "-c",
        "import resource, numpy, ortools.graph.python.min_cost_flow, hevruta.mentoring.matching;"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)",
    ]
    return float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["2000x400", "20000x4000", "100000x20000"])
    parser.add_argument("--run", nargs=2, metavar=("SOLVER", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if args.run:
        n, m = (int(x) for x in args.run[1].split("x"))
        run_one(args.run[0], n, m)
        return
    from bench.report import table, write_section

    rows, notes = [], []
    for size in args.sizes:
        n, m = (int(x) for x in size.split("x"))
        for solver in ("pruned", "full", "greedy"):
            estimate = n * m * BYTES_PER_ARC / 1e9
            if solver == "full" and estimate > FULL_GRAPH_LIMIT_GB:
                notes.append(f"{n:,} × {m:,}: full graph skipped ({n * m:,} arcs, about {estimate:.0f} GB).")
                continue
            numbers = measure(solver, n, m)
            rows.append(
                [
                    f"{n:,} × {m:,}",
                    {"pruned": "pruned, proved optimal", "full": "full graph", "greedy": "greedy"}[solver],
                    f"{numbers['seconds']:.2f}",
                    f"{numbers['cpu']:.2f}",
                    f"{numbers['load']:.1f}",
                    f"{numbers['peak_mb']:,.0f}",
                    f"{numbers['total']:,}",
                    f"{numbers['matched']:,}",
                    f"{numbers['unmatched']:,}",
                    f"{numbers['blocking']:,}",
                    f"{numbers['arcs']:,}" + (f" ({numbers['rounds']} rounds)" if solver == "pruned" else ""),
                    "yes" if numbers["proven"] else "no",
                ]
            )
            print(" | ".join(rows[-1]), flush=True)
    header = [
        "mentees × mentors",
        "solver",
        "seconds",
        "CPU seconds",
        "load average",
        "peak MB",
        "total score",
        "matched",
        "unmatched",
        "blocking pairs",
        "arcs solved",
        "proved optimal",
    ]
    body = (
        f"`.venv/bin/python -m bench.mentoring_matching --sizes {' '.join(args.sizes)}`: generated instances "
        "(capacity 5–6, a few popular mentors everyone scores highest; see the module). Seconds: the "
        "solver alone, wall clock, and the CPU time its process used (the machine being shared, the "
        "wall clock depends on the load average, shown as it was when the solver ended); peak MB: "
        "its process's ru_maxrss, with the instance and the libraries "
        f"(a process that only imports them: {baseline_mb():.0f} MB). The machine is shared (2 cores, "
        f"other jobs running; load average {os.getloadavg()[0]:.1f} at the end).\n\n"
        + table(header, rows)
        + ("\n\n" + "\n".join(notes) if notes else "")
    )
    print(body)
    if not args.no_write:
        write_section("mentoring-matching", "Mentoring matching", body)


if __name__ == "__main__":
    main()
