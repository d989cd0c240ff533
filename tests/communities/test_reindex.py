"""`manage.py reindex_search` rebuilds the communities' documents too: after a new lexicon, a community
and its threads must be indexed with the new forms, exactly as a single write would index them now,
and a removed thread must not come back."""

from django.core.management import call_command
from django.test import TestCase

from hevruta.communities import search, services
from hevruta.core.search import parse_query
from hevruta.core.search.models import SearchDocument
from tests.search.test_reindex import INDEXED_FIELDS

from .conftest import SECRET_WORD


def _indexed() -> list[tuple]:
    return sorted(
        SearchDocument.objects.filter(kind__in=[search.COMMUNITY, search.THREAD]).values_list(*INDEXED_FIELDS),
    )


def test_the_rebuild_writes_what_single_writes_wrote(cw, django_capture_on_commit_callbacks):
    user = cw.facilitator.user
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(user, cw.threads["public"], "שלוש משימות אבחון בשברים, וגם תשובה באנגלית: mentoring.")
        services.remove_thread(user, cw.threads["network"], "Off topic")
    written_one_by_one = _indexed()
    assert len(written_one_by_one) == 4 + 3  # four communities, and their threads but the removed one

    SearchDocument.objects.filter(kind__in=[search.COMMUNITY, search.THREAD]).delete()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("reindex_search")

    assert _indexed() == written_one_by_one
    # Found again through a lemma, under the same rules as before: Fay reads the secret thread,
    # a member of the network does not.
    found = search.find(user, parse_query("משימה"), limit=10, offset=0)
    assert [(hit.kind, hit.object_id) for hit in found.hits] == [(search.THREAD, cw.threads["public"].pk)]
    assert search.find(user, parse_query(SECRET_WORD), limit=10, offset=0).hits
    assert not search.find(cw.user("member"), parse_query(SECRET_WORD), limit=10, offset=0).hits
