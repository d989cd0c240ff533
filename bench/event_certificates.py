"""Attendance certificates: N PDFs for the participants of one series (ten meetings), in Hebrew,
Arabic and English in turn, the way a series' organizer downloads them all at the end of the year.

    .venv/bin/python -m bench.event_certificates [--count 1000]

Needs no database: the certificates are built from plain data (hevruta/events/certificates.py reads
dataclasses, not models), so the figure is WeasyPrint's and the fonts', not the queries'. Prints the
time per PDF (first one apart: it loads the fonts), the total, the bytes written and the process's
peak memory, and writes them to docs/benchmarks.md.
"""

import argparse
import datetime
import logging
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NAMES = {"he": "רותי כהן־לוי", "ar": "سلمى خطيب", "en": "Ruth Cohen"}
NETWORKS = {"he": "רשת ערים מחנכות", "ar": "شبكة المدن المربية", "en": "Education Cities Network"}
TITLES = {"he": "המטבחון: מנהלי חינוך עירוניים", "ar": "المطبخ: مديرو التربية في البلديات", "en": "The Kitchenette"}


def certificates(count: int):  # type: ignore[no-untyped-def]
    from hevruta.events.certificates import Certificate, Meeting, certificate_token

    languages = ("he", "ar", "en")
    for n in range(count):
        language = languages[n % 3]
        attended = 6 + n % 5
        meetings = [
            Meeting(f"{TITLES[language]} {month}", datetime.date(2026 + (month < 9), month, 10))
            for month in (9, 10, 11, 12, 1, 2, 3, 4, 5, 6)[:attended]
        ]
        yield Certificate(
            participant=f"{NAMES[language]} {n}",
            language=language,
            network=NETWORKS[language],
            title=TITLES[language],
            meetings=meetings,
            series_total=10,
            verification_url=f"https://hevruta.example/events/certificates/{certificate_token('series', 1, n)}/",
            issued_on=datetime.date(2027, 6, 30),
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'unused.sqlite3'}")
    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    from hevruta.events.certificates import certificate_pdf

    from .report import table, write_section

    times, cpu_times, sizes = [], [], []
    started, started_cpu = time.perf_counter(), time.process_time()
    for certificate in certificates(args.count):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        sizes.append(len(certificate_pdf(certificate)))
        times.append(time.perf_counter() - begin)
        cpu_times.append(time.process_time() - begin_cpu)
    total, total_cpu = time.perf_counter() - started, time.process_time() - started_cpu
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    steady = sorted(times[1:]) or times
    rows = [
        ["PDFs", args.count],
        ["first PDF (loads the fonts)", f"{times[0] * 1000:.0f} ms"],
        ["per PDF after it, median", f"{statistics.median(steady) * 1000:.0f} ms"],
        ["per PDF, p95", f"{steady[int(len(steady) * 0.95) - 1] * 1000:.0f} ms"],
        ["CPU per PDF after the first, median", f"{statistics.median(cpu_times[1:] or cpu_times) * 1000:.0f} ms"],
        ["all of them", f"{total:.1f} s ({total_cpu:.1f} s of CPU)"],
        ["PDFs per second", f"{args.count / total:.1f}"],
        ["bytes per PDF, median", f"{statistics.median(sizes) / 1024:.1f} KiB"],
        ["peak memory of the process", f"{peak_mib:.0f} MiB"],
    ]
    body = (
        f"`.venv/bin/python -m bench.event_certificates --count {args.count}`: a series of ten meetings, one "
        "certificate per participant, Hebrew, Arabic and English in turn, one process, fonts loaded once; load "
        f"average {os.getloadavg()[0]:.1f} on the machine's {os.cpu_count()} cores.\n\n"
        + table(["measure", "value"], rows)
    )
    print(body)
    write_section("event-certificates", "Event certificates (PDF)", body)


if __name__ == "__main__":
    main()
