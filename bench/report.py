"""Writes a benchmark's results into docs/benchmarks.md, each benchmark in its own marked section."""

import os
import platform
import re
import subprocess
import time
from datetime import date
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = """# Benchmarks

Numbers from the scripts in `bench/`, each section written by its script with the date and the
machine it ran on. Run them again with the command each section names; they replace their own
section and leave the others.
"""


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores{memory}, {system}, Python {platform.python_version()}"


def postgres_version(url: str) -> str:
    try:
        out = subprocess.run(["psql", url, "-tAc", "show server_version"], capture_output=True, text=True, timeout=5)
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def write_section(name: str, title: str, body: str, parts: dict[str, tuple[str, str]] | None = None) -> None:
    """Replaces the section `name` with `body`, dated. `parts` are subsections, key → (heading, body),
    one database's results say, each dated on its own: those of an earlier run that this one did not
    measure are kept, in the order first written."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else HEADER
    stamp = f"_{date.today().isoformat()} on {machine()}._"
    pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S)
    earlier = pattern.search(text)
    if parts is None:
        content = f"{stamp}\n\n{body.strip()}"
    else:
        kept = dict(_PART.findall(earlier.group(0))) if earlier else {}
        kept |= {key: f"### {heading}\n\n{stamp}\n\n{part.strip()}" for key, (heading, part) in parts.items()}
        content = body.strip() + "".join(
            f"\n\n<!-- part:{key} -->\n{part.strip()}\n<!-- /part:{key} -->" for key, part in kept.items()
        )
    section = f"<!-- bench:{name} -->\n## {title}\n\n{content}\n<!-- /bench:{name} -->"
    text = pattern.sub(lambda _: section, text) if earlier else text.rstrip() + "\n\n" + section + "\n"
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(f"written to {DOC.relative_to(DOC.parent.parent)}")


_PART = re.compile(r"<!-- part:([\w-]+) -->\n(.*?)\n<!-- /part:\1 -->", re.S)


def table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def rows_against_bare(backend: str, results: dict[str, dict], extra: dict[str, object] | None = None) -> list[list]:
    """Table rows for wrk results: req/s, p50, p95, share of the "bare view" row, [extra], errors; printed too."""
    bare = results["bare view"]["rps"]
    rows = []
    for name, result in results.items():
        ratio = result["rps"] / bare
        more = [extra.get(name, "—")] if extra is not None else []
        errors = result["errors"] + result["non2xx"]
        rate, p50, p95 = f"{result['rps']:,.0f}", f"{result['p50_ms']:.1f}", f"{result['p95_ms']:.1f}"
        rows.append([name, rate, p50, p95, f"{ratio:.0%}", *more, errors])
        print(
            f"[{backend}] {name:36} {result['rps']:8.0f} req/s  p50 {result['p50_ms']:6.1f} ms  "
            f"p95 {result['p95_ms']:6.1f} ms  {ratio:5.0%} of bare  {' '.join(map(str, more))}"
        )
    return rows


class SqlTimer:
    """Wrapped around a connection (`connection.execute_wrapper`): the time and number of the queries
    run inside, measured around each (the debug log rounds each query to the millisecond)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1
