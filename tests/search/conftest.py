import pytest

from hevruta.core.search import Searchable, index_documents

from .corpus import DOCUMENTS
from .relevance import object_id

CORPUS_KIND = "test.corpus"


@pytest.fixture(scope="session", autouse=True)
def _lexicons_loaded() -> None:
    """The lexicons load on first use (about two seconds): here, not inside a property test's timing."""
    from hevruta.core.text import lexicon

    lexicon.hebrew()
    lexicon.arabic()


@pytest.fixture
def corpus(db) -> None:  # type: ignore[no-untyped-def]
    """The relevance corpus in the index, as kind "test.corpus"."""
    index_documents(
        Searchable(CORPUS_KIND, object_id(document.key), document.title, document.body, document.language)
        for document in DOCUMENTS
    )


@pytest.fixture(params=["with the ranked index", "without it"])
def ranked_index(request, db):  # type: ignore[no-untyped-def]
    """Runs a test on PostgreSQL both with the RUM index (where the server has it) and with the GIN
    index alone: the index is dropped inside the test's transaction, which puts it back. On SQLite
    there is neither, and only one run."""
    from django.db import connection

    from hevruta.core.search.backends import forget_ranked_index, has_ranked_index

    with_index = request.param == "with the ranked index"
    if connection.vendor != "postgresql":
        if not with_index:
            pytest.skip("SQLite has no ranked index to do without; one run is enough")
        return False
    if with_index and not has_ranked_index(connection):
        pytest.skip("the rum extension is not installed on this PostgreSQL server (docs/search.md)")
    if not with_index:
        drop_ranked_index_in_this_test()
        request.addfinalizer(lambda: forget_ranked_index(connection))
    assert has_ranked_index(connection) is with_index
    return with_index


def drop_ranked_index_in_this_test() -> None:
    """Drops PostgreSQL's RUM index inside the test's transaction, whose rollback puts it back; the
    caller forgets afterwards (forget_ranked_index) that it was gone."""
    from django.db import connection

    from hevruta.core.search.schema import drop_ranked_index

    with connection.schema_editor(atomic=False) as schema_editor:
        drop_ranked_index(schema_editor)
