"""`manage.py reindex_search`: after a new lexicon, every indexed object goes through the index again,
as a background job with progress, and --check says whether the index is current."""

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase

from hevruta.core.jobs.models import Job
from hevruta.core.search import Searchable, reindexing, search
from hevruta.core.search.models import SearchDocument
from hevruta.core.search.reindexing import REINDEX_JOB, indexed_lexicons
from hevruta.core.text import lexicon

KIND = "test.reindexed"
# What a document holds, but for its row id and when it was written: any column the index gains is compared too.
INDEXED_FIELDS = tuple(
    field.attname for field in SearchDocument._meta.concrete_fields if field.name not in ("id", "updated_at")
)
TITLES = ["משימת אבחון בשברים", "دروس في الكسور", "Mentoring in the first year"]


@pytest.fixture
def source(db, monkeypatch):  # type: ignore[no-untyped-def]
    """A kind of object the index should hold, registered as an app registers its own."""
    items = [Searchable(KIND, number, title, "") for number, title in enumerate(TITLES, start=1)]
    monkeypatch.setattr(reindexing, "SOURCES", {})
    reindexing.register_source(KIND, count=lambda: len(items), items=lambda: iter(items))


def test_the_command_rebuilds_the_index_as_a_job_and_records_the_lexicons(source):
    with pytest.raises(CommandError, match="unknown lexicons"):
        call_command("reindex_search", "--check")
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("reindex_search")
    job = Job.objects.get(kind=REINDEX_JOB)
    assert job.state == Job.State.SUCCEEDED
    assert (job.done, job.total, job.result["documents"]) == (3, 3, 3)
    assert indexed_lexicons() == lexicon.version()
    call_command("reindex_search", "--check")  # current now: no error
    # Found through a lemma, a broken plural and a stem.
    for query, found in (("משימה", 1), ("درس", 2), ("mentor", 3)):
        assert [hit.object_id for hit in search(query, kinds=[KIND]).hits] == [found], query


def test_a_second_rebuild_is_refused_while_one_waits(source):
    call_command("reindex_search")  # inside the test's transaction nothing commits: queued, not run
    with pytest.raises(CommandError, match="already being rebuilt"):
        call_command("reindex_search")


def test_every_app_rebuilds_exactly_what_its_single_writes_indexed_on_the_whole_demo(db):
    """Each registered source against what the demo's own writes put in the index: a rebuild that
    forgets a kind, a field or a language changes the rows."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", verbosity=0)
    written_one_by_one = sorted(SearchDocument.objects.values_list(*INDEXED_FIELDS))
    assert {row[0] for row in written_one_by_one} == set(reindexing.SOURCES)  # every kind has a source
    SearchDocument.objects.all().delete()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("reindex_search")
    assert sorted(SearchDocument.objects.values_list(*INDEXED_FIELDS)) == written_one_by_one
