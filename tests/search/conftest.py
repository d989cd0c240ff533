import pytest

from hevruta.core.search import Searchable, index_documents

from .corpus import DOCUMENTS
from .relevance import object_id

CORPUS_KIND = "test.corpus"


@pytest.fixture
def corpus(db) -> None:  # type: ignore[no-untyped-def]
    """The relevance corpus in the index, as kind "test.corpus"."""
    index_documents(
        Searchable(CORPUS_KIND, object_id(document.key), document.title, document.body, document.language)
        for document in DOCUMENTS
    )
