"""Putting every object through the index again: after a new lexicon (core/text/lexicons) or a
change to core.text's forms, documents indexed before keep their old forms until this runs.

Each app that indexes objects registers where they come from (`register_source`, from its
AppConfig.ready()); `start_reindex` starts one background job (core.jobs) that indexes them all in
batches, reporting progress, and records the lexicons' version in its result, which is how
`indexed_lexicons()` (and `manage.py reindex_search --check`) tell whether the index is current.

The batches are written as the job goes, each in its own transaction (index_documents), not in the
job's one final transaction: a million documents in one transaction would hold SQLite's write lock
for an hour. Writing a document again is harmless, so a job killed halfway and retried only
repeats work.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.utils.translation import gettext as _

from hevruta.core.jobs import services as jobs
from hevruta.core.jobs.models import Job
from hevruta.core.text import lexicon

from .indexing import Searchable, Vocabulary, index_documents

REINDEX_JOB = "core.search.reindex"
BATCH_SIZE = 500


@dataclass(frozen=True)
class Source:
    kind: str
    count: Callable[[], int]
    items: Callable[[], Iterable[Searchable]]


SOURCES: dict[str, Source] = {}


def register_source(kind: str, *, count: Callable[[], int], items: Callable[[], Iterable[Searchable]]) -> None:
    """Called from an app's AppConfig.ready(): what of this kind belongs in the index."""
    SOURCES[kind] = Source(kind, count, items)


def register_job() -> None:
    jobs.register(
        jobs.JobKind(
            name=REINDEX_JOB,
            task="hevruta.core.search.tasks.reindex_search_job",
            may_see=lambda user, subject: False,  # its starter and the operators only
        )
    )


def start_reindex(user: Any = None) -> Job:
    if Job.objects.filter(kind=REINDEX_JOB, state__in=[Job.State.QUEUED, Job.State.RUNNING]).exists():
        raise jobs.JobRefused(_("The search index is already being rebuilt; wait for that to finish."))
    total = sum(source.count() for source in SOURCES.values())
    return jobs.start(REINDEX_JOB, subject=None, user=user, total=total, payload={"lexicons": lexicon.version()})


def prepare_reindex(job: Job, progress: jobs.Progress) -> int:
    done = 0
    vocabulary = Vocabulary()  # each distinct word's forms computed once for the whole rebuild
    for source in SOURCES.values():
        items = iter(source.items())
        while batch := list(islice(items, BATCH_SIZE)):
            done += index_documents(batch, batch_size=BATCH_SIZE, vocabulary=vocabulary)
            progress(done)
    return done


def write_reindex(job: Job, written: int, progress: jobs.Progress) -> dict:
    # The documents went in while preparing; what is left is to say how many, and with which lexicons.
    progress(written)
    return {"documents": written, "lexicons": job.payload.get("lexicons", "")}


def indexed_lexicons() -> str | None:
    """The lexicons' version of the last finished rebuild, or None if the index was never rebuilt."""
    last = Job.objects.filter(kind=REINDEX_JOB, state=Job.State.SUCCEEDED).order_by("-finished_at").first()
    return last.result.get("lexicons") if last else None
