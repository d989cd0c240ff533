"""Search at scale: indexing throughput, freshness, query latency through the adapter against the raw
full-text query, and relevance against the databases' default tokenizers.

    .venv/bin/python -m bench.search [--documents 1000000] [--backends sqlite postgres] [--queries 200]
        [--reuse | --load-only]

For each database, in a database of its own (var/bench/search.sqlite3, or hevruta_bench_search on the
PostgreSQL server at 127.0.0.1:5432, both recreated on every run unless --reuse):

1. relevance: the corpus of tests/search/corpus.py through the adapter, and through the database's
   default tokenizer with no normalizer (FTS5 unicode61; PostgreSQL's default text search
   configuration) as a baseline: recall@10 and MRR of both;
2. indexing: N synthetic documents (Hebrew, Arabic and English, 60/25/15, realistic lengths and
   prefixes) through `index_documents`, in batches of 1,000, before the ranked index (PostgreSQL's
   RUM, migration core 0004) is built; the time to build it; then 10,000 more with every index in
   place: documents per second, text generation not counted;
3. freshness: one new document, then a search for a word only it has: the time until it is found;
4. latency: 200 fixed queries of one to three words through `search()` (ranking, count, snippets
   of 20 hits) and through the bare ranked full-text query under it (`raw_search_sql`): p50 and p95.

--reuse measures 1 and 3-4 again on the database the last run left, after a change to searching,
and reports the indexing numbers of the run that loaded it (kept in var/bench/search-<database>.json).
--load-only stops after 2: a large load runs outside the bench lock, and its queries are timed
afterwards with --reuse under it.

Prints the results and writes them to docs/benchmarks.md.
"""

import argparse
import contextlib
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from bench.report import postgres_version, table, write_section

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
VAR = ROOT / "var" / "bench"
SQLITE_FILE = Path(os.environ.get("BENCH_SEARCH_FILE", VAR / "search.sqlite3"))
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
POSTGRES_DATABASE = os.environ.get("BENCH_SEARCH_DATABASE", "hevruta_bench_search")
BATCH = 1_000
HITS_PER_QUERY = 20
FRESHNESS_SAMPLES = 20
ADDED_AFTER = 10_000


def database_url(backend: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{SQLITE_FILE}"
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + POSTGRES_DATABASE


def reset_database(backend: str) -> None:
    if backend == "sqlite":
        SQLITE_FILE.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE}")
        connection.execute(f"CREATE DATABASE {POSTGRES_DATABASE}")


# --- synthetic documents ---------------------------------------------------------------------------


class Language:
    """A language's words by frequency (Zipf), the prefixes it attaches, and how often."""

    def __init__(self, code: str, share: float, words: list[str], prefixes: list[str], prefix_rate: float) -> None:
        self.code, self.share, self.words = code, share, words
        self.prefixes, self.prefix_rate = prefixes, prefix_rate
        # Zipf's law with exponent 1: the word of rank r is used in proportion to 1/r.
        self.cumulative = list(_accumulate(1 / rank for rank in range(1, len(words) + 1)))

    def text(self, rng: random.Random, length: int) -> str:
        words = rng.choices(self.words, cum_weights=self.cumulative, k=length)
        out = []
        for position, word in enumerate(words, start=1):
            if self.prefixes and rng.random() < self.prefix_rate:
                word = rng.choice(self.prefixes) + word
            out.append(word + ("." if position % 13 == 0 else ""))
        return " ".join(out)


def _accumulate(values: Iterator[float]) -> Iterator[float]:
    total = 0.0
    for value in values:
        total += value
        yield total


def _synthetic_words(alphabet: str, count: int, rng: random.Random, shortest: int, longest: int) -> list[str]:
    return ["".join(rng.choices(alphabet, k=rng.randint(shortest, longest))) for _ in range(count)]


def languages(rng: random.Random, vocabulary: int) -> list[Language]:
    """Real words of the corpus first (the most frequent), then invented ones up to `vocabulary`."""
    from tests.search.corpus import DOCUMENTS

    finals = str.maketrans({"כ": "ך", "מ": "ם", "נ": "ן", "פ": "ף", "צ": "ץ"})
    real: dict[str, list[str]] = {"he": [], "ar": [], "en": []}
    for document in DOCUMENTS:
        for word in f"{document.title} {document.body}".split():
            word = word.strip(".,:;!?()\"'")
            if word.isalpha() and word not in real[document.language]:
                real[document.language].append(word)
    hebrew = [
        word[:-1] + word[-1].translate(finals)
        for word in _synthetic_words("אבגדהוזחטיכלמנסעפצקרשת", vocabulary, rng, 3, 7)
    ]
    arabic = _synthetic_words("ابتثجحخدذرزسشصضطظعغفقكلمنهوية", vocabulary, rng, 3, 8)
    english = _synthetic_words("abcdefghiklmnoprstuvwy", vocabulary, rng, 3, 10)
    return [
        Language(
            "he",
            0.60,
            real["he"] + hebrew,
            ["ה", "ה", "ב", "ל", "ו", "ש", "מ", "כ", "וה", "שה", "וב", "ול", "שב", "מה", "כש"],
            0.35,
        ),
        Language(
            "ar", 0.25, real["ar"] + arabic, ["ال", "ال", "ال", "و", "ب", "ل", "ف", "وال", "بال", "لل", "فال", "ك"], 0.4
        ),
        Language("en", 0.15, real["en"] + english, [], 0.0),
    ]


def pick_language(rng: random.Random, langs: list[Language]) -> Language:
    return rng.choices(langs, weights=[language.share for language in langs])[0]


def documents(count: int, rng: random.Random, langs: list[Language], first: int = 1) -> Iterator[list]:
    """Batches of synthetic documents: a title of 3-9 words, a body of 10-800 (median about 80)."""
    from hevruta.core.search import Searchable

    batch = []
    for object_id in range(first, first + count):
        language = pick_language(rng, langs)
        body_length = min(800, max(10, int(rng.lognormvariate(math.log(80), 0.6))))
        batch.append(
            Searchable(
                "bench.document",
                object_id,
                title=language.text(rng, rng.randint(3, 9)),
                body=language.text(rng, body_length),
                language=language.code,
            )
        )
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def fixed_queries(count: int, rng: random.Random, langs: list[Language]) -> list[str]:
    """One to three words of middle frequency (ranks 30-3,000), Hebrew ones sometimes with a prefix."""
    queries = []
    for _ in range(count):
        language = pick_language(rng, langs)
        terms = rng.choices([1, 2, 3], weights=[35, 45, 20])[0]
        words = [language.words[rng.randint(30, 3_000)] for _ in range(terms)]
        if language.prefixes and rng.random() < 0.25:
            words[0] = rng.choice(language.prefixes) + words[0]
        queries.append(" ".join(words))
    return queries


# --- measurements (in the worker, with Django set up on the bench database) -----------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@contextlib.contextmanager
def lexicons(enabled: bool) -> Iterator[None]:
    """The search with the lexicons and stemmers (now) or without them (prefixes only, as before)."""
    from hevruta.core.search import indexing
    from hevruta.core.text import _word_forms, lexicon

    lexicon.ENABLED = enabled
    _word_forms.cache_clear()
    indexing._word_texts.cache_clear()
    try:
        yield
    finally:
        lexicon.ENABLED = True
        _word_forms.cache_clear()
        indexing._word_texts.cache_clear()


def corpus_relevance(documents: list, queries: list, keys: list[str]) -> dict:
    """recall@10, MRR (and precision failures for the inflected corpus) without and with lexicons."""
    from hevruta.core.search import Searchable, index_documents, search
    from hevruta.core.search.models import SearchDocument
    from tests.search import inflected_corpus
    from tests.search.relevance import evaluate, precision_failures

    def ranked(query: str) -> list[str]:
        return [keys[hit.object_id - 1] for hit in search(query, kinds=["bench.corpus"], limit=10).hits]

    figures = {}
    for name, enabled in (("before", False), ("now", True)):
        with lexicons(enabled):
            index_documents(
                Searchable("bench.corpus", number, d.title, d.body, d.language)
                for number, d in enumerate(documents, start=1)
            )
            result = evaluate(ranked, queries)
            failures = len(precision_failures(ranked)) if documents is inflected_corpus.DOCUMENTS else None
            SearchDocument.objects.filter(kind="bench.corpus").delete()
        figures[name] = [round(result.recall_at_10, 3), round(result.mrr, 3), failures]
    return figures


def growth(rng: random.Random, langs: list[Language]) -> dict:
    """Tokens indexed per document with the lexicons against without, on the corpora and on 5,000
    synthetic documents (whose made-up words the lexicon mostly does not know)."""
    from hevruta.core.search.indexing import _document
    from tests.search import corpus, inflected_corpus

    def tokens(items: list) -> int:
        total = 0
        for item in items:
            document = _document(item)
            columns = (document.title_exact, document.title_forms, document.body_exact, document.body_forms)
            total += sum(len(column.split()) for column in columns)
        return total

    from hevruta.core.search import Searchable

    real = [
        Searchable("g", n, d.title, d.body, d.language)
        for n, d in enumerate(corpus.DOCUMENTS + inflected_corpus.DOCUMENTS, start=1)
    ]
    synthetic = [item for batch in documents(5_000, rng, langs) for item in batch]
    figures = {}
    for name, items in (("corpora", real), ("synthetic", synthetic)):
        with lexicons(False):
            before = tokens(items)
        with lexicons(True):
            now = tokens(items)
        figures[name] = round(now / before, 2)
    return figures


def relevance(backend: str) -> dict:
    from django.db import connection

    from hevruta.core.search import Searchable, index_documents, search
    from hevruta.core.search.models import SearchDocument
    from tests.search import inflected_corpus
    from tests.search.corpus import DOCUMENTS, QUERIES
    from tests.search.relevance import INFLECTED_KEYS, KEYS, evaluate, object_id

    comparison = {
        "corpus": corpus_relevance(DOCUMENTS, QUERIES, KEYS),
        "inflected": corpus_relevance(inflected_corpus.DOCUMENTS, inflected_corpus.QUERIES, INFLECTED_KEYS),
    }
    index_documents(Searchable("bench.corpus", object_id(d.key), d.title, d.body, d.language) for d in DOCUMENTS)

    def ours(query: str) -> list[str]:
        return [KEYS[hit.object_id - 1] for hit in search(query, kinds=["bench.corpus"], limit=10).hits]

    ours_result = evaluate(ours)
    SearchDocument.objects.filter(kind="bench.corpus").delete()

    baseline = _sqlite_baseline if backend == "sqlite" else _postgres_baseline
    with connection.cursor() as cursor:
        baseline_result, configuration = baseline(cursor, DOCUMENTS, KEYS)
    return {
        "ours": [round(ours_result.recall_at_10, 3), round(ours_result.mrr, 3)],
        "baseline": [round(baseline_result.recall_at_10, 3), round(baseline_result.mrr, 3)],
        "baseline_configuration": configuration,
        "queries": ours_result.queries,
        "lexicons": comparison,
    }


def _sqlite_baseline(cursor, corpus, keys):  # type: ignore[no-untyped-def]
    from tests.search.relevance import evaluate

    cursor.execute("DROP TABLE IF EXISTS bench_baseline")  # left by an earlier run, with --reuse
    cursor.execute("CREATE VIRTUAL TABLE bench_baseline USING fts5(title, body)")
    for number, document in enumerate(corpus, start=1):
        cursor.execute(
            "INSERT INTO bench_baseline(rowid, title, body) VALUES (%s, %s, %s)",
            [number, document.title, document.body],
        )

    def ranked(query: str) -> list[str]:
        # Every word as an FTS5 string, all of them required, as our adapter requires them.
        expression = " AND ".join('"' + word.replace('"', '""') + '"' for word in query.split())
        cursor.execute(
            "SELECT rowid FROM bench_baseline WHERE bench_baseline MATCH %s "
            "ORDER BY bm25(bench_baseline, 2.5, 1.0) LIMIT 10",
            [expression],
        )
        return [keys[row[0] - 1] for row in cursor.fetchall()]

    return evaluate(
        ranked
    ), "FTS5 unicode61 (its defaults: diacritics removed), words ANDed, bm25 with the title weighing 2.5"


def _postgres_baseline(cursor, corpus, keys):  # type: ignore[no-untyped-def]
    from tests.search.relevance import evaluate

    cursor.execute("SHOW default_text_search_config")
    configuration = cursor.fetchone()[0]
    # The configuration is named, as a generated column needs, but it is the server's default one.
    vector = (
        f"setweight(to_tsvector('{configuration}', title), 'A') || setweight(to_tsvector('{configuration}', body), 'B')"
    )
    cursor.execute("DROP TABLE IF EXISTS bench_baseline")  # left by an earlier run, with --reuse
    cursor.execute(
        "CREATE TABLE bench_baseline (id integer PRIMARY KEY, title text, body text, "
        f"vector tsvector GENERATED ALWAYS AS ({vector}) STORED)"
    )
    for number, document in enumerate(corpus, start=1):
        cursor.execute(
            "INSERT INTO bench_baseline(id, title, body) VALUES (%s, %s, %s)", [number, document.title, document.body]
        )

    def ranked(query: str) -> list[str]:
        cursor.execute(
            f"SELECT id FROM bench_baseline, plainto_tsquery('{configuration}', %s) AS query WHERE vector @@ query "
            "ORDER BY ts_rank_cd(vector, query, 1) DESC, id LIMIT 10",
            [query],
        )
        return [keys[row[0] - 1] for row in cursor.fetchall()]

    return evaluate(ranked), f"to_tsvector/plainto_tsquery with the default configuration ({configuration}), ts_rank_cd"


def load(count: int, rng: random.Random, langs: list[Language], first: int = 1) -> dict:
    from hevruta.core.search import Vocabulary, index_documents

    indexing_seconds = processor_seconds = 0.0
    started = time.perf_counter()
    vocabulary = Vocabulary()  # as a reindex does: each distinct word's forms once for the whole import
    for number, batch in enumerate(documents(count, rng, langs, first), start=1):
        batch_started, cpu_started = time.perf_counter(), time.process_time() + server_cpu_seconds()
        index_documents(batch, batch_size=BATCH, vocabulary=vocabulary)
        indexing_seconds += time.perf_counter() - batch_started
        processor_seconds += time.process_time() + server_cpu_seconds() - cpu_started
        if number % 50 == 0:
            done = number * BATCH
            print(f"  {done:,} documents, {done / indexing_seconds:,.0f}/s", file=sys.stderr, flush=True)
    return {
        "documents": count,
        "indexing_seconds": round(indexing_seconds, 1),
        "per_second": round(count / indexing_seconds),
        # Processor time (this process and the PostgreSQL backend): the fairer figure on a loaded machine.
        "per_cpu_second": round(count / max(processor_seconds, 0.001)),
        "whole_seconds": round(time.perf_counter() - started, 1),
    }


def freshness(rng: random.Random, langs: list[Language]) -> dict:
    from hevruta.core.search import index_document, search

    samples = []
    for number in range(FRESHNESS_SAMPLES):
        word = f"freshword{number}x{rng.randint(0, 10**9)}"
        started = time.perf_counter()
        index_document("bench.fresh", number, title="new resource", body=f"{langs[0].text(rng, 60)} {word}")
        found = [hit.object_id for hit in search(word, limit=5).hits]
        samples.append((time.perf_counter() - started) * 1000)
        assert found == [number], found
    return {"median_ms": round(statistics.median(samples), 1), "max_ms": round(max(samples), 1)}


def latency(queries: list[str]) -> dict:
    from django.db import connection

    from hevruta.core.search import QueryError, raw_search_sql, search
    from hevruta.core.search.snippets import Highlighter

    def through_adapter(query: str) -> int:
        return search(query, limit=HITS_PER_QUERY).total_estimate

    def without_snippets(query: str) -> int:
        # The same search with the highlighter made a no-op: what the snippets cost, by difference.
        with _no_snippets(Highlighter):
            return search(query, limit=HITS_PER_QUERY).total_estimate

    def raw(query: str) -> int:
        sql, params = raw_search_sql(query, limit=HITS_PER_QUERY)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return len(cursor.fetchall())

    runs = {"adapter": through_adapter, "adapter without snippets": without_snippets, "raw": raw}
    timings: dict[str, list[float]] = {name: [] for name in runs}
    processor: dict[str, list[float]] = {name: [] for name in runs}
    totals = []
    for timed in (False, True):  # the first pass warms the caches
        for query in queries:
            try:
                for name, run in runs.items():
                    cpu_before = time.process_time() + server_cpu_seconds()
                    started = time.perf_counter()
                    result = run(query)
                    elapsed = (time.perf_counter() - started) * 1000
                    if timed:
                        timings[name].append(elapsed)
                        processor[name].append((time.process_time() + server_cpu_seconds() - cpu_before) * 1000)
                    if timed and name == "adapter":
                        totals.append(result)
            except QueryError:
                continue
    return {
        name: {
            "p50_ms": round(percentile(values, 0.5), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
            "cpu_mean_ms": round(statistics.mean(processor[name]), 1),
        }
        for name, values in timings.items()
    } | {
        "queries": len(totals),
        "median_matches": statistics.median(totals),
        "over_1000": sum(total >= 1000 for total in totals),
    }


def server_cpu_seconds() -> float:
    """Processor time the PostgreSQL backend serving this connection has used (0 on SQLite, which
    runs in this process and is counted by process_time): from /proc, as the server runs here."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    if not hasattr(server_cpu_seconds, "pid"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            server_cpu_seconds.pid = cursor.fetchone()[0]  # type: ignore[attr-defined]
    try:
        fields = Path(f"/proc/{server_cpu_seconds.pid}/stat").read_text().rsplit(")", 1)[1].split()  # type: ignore[attr-defined]
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _no_snippets:  # a context manager, named like one
    def __init__(self, highlighter: type) -> None:
        self.highlighter, self.saved = highlighter, (highlighter.snippet, highlighter.highlight)

    def __enter__(self) -> None:
        self.highlighter.snippet = self.highlighter.highlight = lambda *args, **kwargs: ""  # type: ignore[method-assign]

    def __exit__(self, *exc: object) -> None:
        self.highlighter.snippet, self.highlighter.highlight = self.saved  # type: ignore[method-assign]


def database_size(backend: str) -> str:
    from django.db import connection

    if backend == "sqlite":
        return f"{SQLITE_FILE.stat().st_size / 2**30:.2f} GiB file"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('core_searchdocument'), "
            "pg_relation_size('core_searchdocument_search_vector'), "
            "coalesce(pg_relation_size(to_regclass('core_searchdocument_search_rank')), 0)"
        )
        total, gin, rum = cursor.fetchone()
    ranked = f", RUM {rum / 2**30:.2f} GiB" if rum else ""
    return f"{total / 2**30:.2f} GiB table with indexes, of which GIN {gin / 2**30:.2f} GiB{ranked}"


def ranking(backend: str) -> str:
    from django.db import connection

    if backend == "sqlite":
        return "bm25 over FTS5's index"
    from hevruta.core.search.backends import has_ranked_index

    if has_ranked_index(connection):
        with connection.cursor() as cursor:
            cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'rum'")
            return f"ts_rank, best first from the RUM index (rum {cursor.fetchone()[0]})"
    return "ts_rank over every match, from the GIN index (no rum extension on the server)"


def worker(backend: str, count: int, query_count: int, *, reuse: bool, load_only: bool = False) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "core", verbosity=0)  # the relevance corpus, with every index
    rng = random.Random(2026)
    langs = languages(rng, vocabulary=30_000)
    queries = fixed_queries(query_count, random.Random(7), langs)
    result: dict = {"relevance": relevance(backend), "growth": growth(random.Random(5), langs)}
    print(f"[{backend}] relevance {result['relevance']} growth {result['growth']}", file=sys.stderr, flush=True)
    if reuse:
        result |= {name: loaded(backend)[name] for name in ("load", "ranked_index_seconds", "load_after")}
    else:
        result |= load_everything(count, rng, langs)
        if backend == "postgres":
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE core_searchdocument")
    result["size"] = database_size(backend)
    result["ranking"] = ranking(backend)
    if load_only:  # the latency is measured by a later --reuse run, under the bench lock
        print(json.dumps(result, ensure_ascii=False))
        return
    result["freshness"] = freshness(rng, langs)
    result["load_average"] = os.getloadavg()[0]
    result["latency"] = latency(queries)
    print(json.dumps(result, ensure_ascii=False))


def load_everything(count: int, rng: random.Random, langs: list[Language]) -> dict:
    from django.core.management import call_command

    # A first import goes in before the ranked index (PostgreSQL's RUM, where the server has it) is
    # built, as a deployment that adds it to existing data does; then more documents go in with every
    # index in place, which is what indexing costs from then on.
    call_command("migrate", "core", "0003", verbosity=0)
    from django.db import connection

    from hevruta.core.search.schema import keep_vectors_in_the_row

    with connection.schema_editor() as editor:  # where later migrations keep the vectors (0008)
        keep_vectors_in_the_row(editor)
    result: dict = {"load": load(count, rng, langs)}
    started = time.perf_counter()
    call_command("migrate", "core", verbosity=0)
    result["ranked_index_seconds"] = round(time.perf_counter() - started, 1)
    # A tenth of the first import, 1,000 to 10,000: enough for a rate, without doubling a small run.
    result["load_after"] = load(min(ADDED_AFTER, max(1_000, count // 10)), rng, langs, first=count + 1)
    return result


def loaded(backend: str) -> dict:
    """What the run that loaded the database measured, for --reuse."""
    kept = _loaded_file(backend)
    if not kept.exists():
        sys.exit(f"--reuse needs a database loaded by an earlier run, and {kept} is missing")
    return json.loads(kept.read_text())


def _loaded_file(backend: str) -> Path:
    name = SQLITE_FILE.stem if backend == "sqlite" else POSTGRES_DATABASE
    return VAR / f"search-{backend}-{name}.json"


# --- the parent: one worker per database, then the report ------------------------------------------


def run_worker(backend: str, count: int, query_count: int, *, reuse: bool, load_only: bool = False) -> dict:
    if not reuse:
        reset_database(backend)
    env = {
        **os.environ,
        "DATABASE_URL": database_url(backend),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [PY, "-m", "bench.search", "--worker", backend, "--documents", str(count), "--queries", str(query_count)]
    out = subprocess.run(
        [*command, *(["--reuse"] if reuse else []), *(["--load-only"] if load_only else [])],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    if not reuse:
        VAR.mkdir(parents=True, exist_ok=True)
        _loaded_file(backend).write_text(json.dumps(result, ensure_ascii=False))
    return result


def _or_dash(value: object) -> object:
    return "-" if value is None else value


def report(results: dict[str, dict], count: int, query_count: int) -> tuple[str, dict[str, tuple[str, str]]]:
    """The section's introduction, and one part per database measured."""
    intro = (
        "`.venv/bin/python -m bench.search --documents N` (the size is in each part's heading; a separate SQLite file "
        "or PostgreSQL database per size with `BENCH_SEARCH_FILE` or `BENCH_SEARCH_DATABASE`): N synthetic documents "
        "(Hebrew, Arabic and "
        "English 60/25/15, Zipf-distributed words, prefixes attached as in real text, bodies of 10-800 words, median "
        f"about 80), then {query_count} fixed queries of one to three middle-frequency words; "
        f"{HITS_PER_QUERY} hits per query. The adapter's time is `search()`'s: parsing, ranking with the count of "
        "matches (and a second, broad search when the first finds fewer than 10), reading the page and cutting "
        "highlighted snippets of title and body; the raw query is the bare ranked MATCH or @@ under it. Relevance is "
        "measured on the corpus of tests/search/corpus.py (known relevant documents per query), beside the "
        "database's default tokenizer with no normalizer."
    )
    parts = {}
    for backend, result in results.items():
        label = "SQLite" if backend == "sqlite" else f"PostgreSQL {postgres_version(database_url(backend))}"
        load, latency, fresh = result["load"], result["latency"], result["freshness"]
        ratio = latency["adapter"]["p95_ms"] / max(latency["raw"]["p95_ms"], 0.1)
        timings = {
            name: f"{run['p50_ms']} / {run['p95_ms']} (CPU {run.get('cpu_mean_ms', '?')})"
            for name, run in latency.items()
            if isinstance(run, dict)
        }
        speed = table(
            [
                "indexing docs/s: first import / then",
                "ranked index built in",
                "size",
                "new document found after, ms (median / max)",
                "adapter p50 / p95 ms (CPU ms a query)",
                "adapter without snippets",
                "raw p50 / p95 ms (CPU)",
                "p95 ratio",
            ],
            [
                [
                    f"{load['per_second']:,} / {result['load_after']['per_second']:,} (per CPU second "
                    f"{load.get('per_cpu_second', 0):,} / {result['load_after'].get('per_cpu_second', 0):,})",
                    f"{result['ranked_index_seconds']} s" if backend == "postgres" else "(none)",
                    result["size"],
                    f"{fresh['median_ms']} / {fresh['max_ms']}",
                    timings["adapter"],
                    timings["adapter without snippets"],
                    timings["raw"],
                    f"{ratio:.2f}",
                ]
            ],
        )
        relevance = result["relevance"]
        ours, baseline = relevance["ours"], relevance["baseline"]
        quality = table(
            ["search", "recall@10", "MRR"],
            [["Hevruta adapter", ours[0], ours[1]], [relevance["baseline_configuration"], baseline[0], baseline[1]]],
        )
        ranking = f" Ranking: {result['ranking']}." if result.get("ranking") else ""
        compared = relevance["lexicons"]
        lexicon_rows = [
            [f"{corpus_name}: {when}", *compared[corpus_name][when][:2], _or_dash(compared[corpus_name][when][2])]
            for corpus_name in ("corpus", "inflected")
            for when in ("before", "now")
        ]
        lexicon_table = table(["corpus: search", "recall@10", "MRR", "precision failures (top 3)"], lexicon_rows)
        grown = result["growth"]
        parts[f"{backend}-{load['documents']}"] = (  # each size its own part: 10,000 beside 100,000
            f"{label}, {load['documents']:,} documents",
            f"Median matches per query: {latency['median_matches']:,}; queries with 1,000 or more: "
            f"{latency['over_1000']}. Load average of the machine (shared, 2 cores) when the queries ran: "
            f"{result['load_average']:.1f}.{ranking}\n\n{speed}\n\n"
            f"Relevance ({relevance['queries']} queries):\n\n{quality}\n\n"
            "Lemmas and stems (tests/search/corpus.py, 61 queries; tests/search/inflected_corpus.py, 111 queries and "
            "10 precision queries): before = prefixes only, now = with hspell's lemmas, arramooz's broken plurals "
            f"and Snowball stems, in the same run.\n\n{lexicon_table}\n\n"
            f"Index growth (tokens indexed, now / before): {grown['corpora']} on the corpora's real words, "
            f"{grown['synthetic']} on synthetic documents.\n",
        )
    return intro, parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--reuse", action="store_true", help="measure again on the databases the last run loaded")
    parser.add_argument(
        "--load-only",
        action="store_true",
        help="load the databases and stop: a large load runs outside the bench lock, its queries with --reuse under it",
    )
    parser.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.documents, args.queries, reuse=args.reuse, load_only=args.load_only)
        return
    results = {}
    for backend in args.backends:
        results[backend] = run_worker(backend, args.documents, args.queries, reuse=args.reuse, load_only=args.load_only)
        print(f"[{backend}] {json.dumps(results[backend], ensure_ascii=False)}")
    if args.load_only:
        return
    intro, parts = report(results, args.documents, args.queries)
    print(intro, *(f"{heading}\n{body}" for heading, body in parts.values()), sep="\n\n")
    write_section("search", "Search", intro, parts)


if __name__ == "__main__":
    main()
