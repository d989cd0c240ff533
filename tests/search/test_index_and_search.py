"""Indexing, replacing, removing, restricting to visible objects, ranking and snippets."""

import pytest

from hevruta.core.search import (
    Searchable,
    Vocabulary,
    highlight,
    index_document,
    index_documents,
    matching_ids,
    parse_query,
    remove_document,
    search,
    snippet,
)
from hevruta.core.search.models import SearchDocument
from hevruta.core.search.searching import BROADEN_BELOW
from hevruta.directory.models import Locality
from tests.factories import LocalityFactory

pytestmark = pytest.mark.django_db

KIND = "test.note"


def found(query: str, **options) -> list[int]:
    return [hit.object_id for hit in search(query, **options).hits]


def test_an_indexed_document_is_found_at_once():
    index_document(KIND, 1, title="Exit tickets", body="One question at the end of the lesson.")
    assert found("exit tickets") == [1]


def test_reindexing_replaces_the_document():
    index_document(KIND, 1, title="Exit tickets", body="One question at the end of the lesson.")
    index_document(KIND, 1, title="Lesson study", body="Teachers plan a lesson together.")
    assert SearchDocument.objects.filter(kind=KIND, object_id=1).count() == 1
    assert found("tickets") == []
    assert found("lesson study") == [1]


def test_the_same_object_twice_in_one_batch_is_written_once():
    written = index_documents([Searchable(KIND, 1, "first", ""), Searchable(KIND, 1, "second", "")])
    assert written == 1
    assert found("first") == []
    assert found("second") == [1]


def test_remove_document_removes_it():
    index_document(KIND, 1, title="Exit tickets", body="")
    index_document(KIND, 2, title="Exit tickets again", body="")
    assert remove_document(KIND, 1) is True
    assert remove_document(KIND, 1) is False
    assert found("exit tickets") == [2]


def test_kinds_keep_apart_objects_with_the_same_id():
    index_document("test.event", 7, title="כנס מורים", body="")
    index_document("test.resource", 7, title="מורים מובילים", body="")
    assert found("מורים", kinds=["test.resource"]) == [7]
    assert sorted(hit.kind for hit in search("מורים").hits) == ["test.event", "test.resource"]
    assert found("מורים", kinds=[]) == []


def test_visible_restricts_a_kind_to_a_queryset_of_ids():
    shown, hidden = LocalityFactory(), LocalityFactory()
    for locality in (shown, hidden):
        index_document("directory.locality", locality.pk, title="מרכז פסגה", body="")
    index_document("test.other", hidden.pk, title="מרכז פסגה", body="")
    visible = {"directory.locality": Locality.objects.filter(pk=shown.pk)}
    hits = search("פסגה", visible=visible).hits
    # The restricted kind keeps only the visible id; other kinds are not touched by it.
    assert {(hit.kind, hit.object_id) for hit in hits} == {("directory.locality", shown.pk), ("test.other", hidden.pk)}


def test_visible_accepts_a_list_of_ids():
    for object_id in (1, 2, 3):
        index_document(KIND, object_id, title="ניהול כיתה", body="")
    assert sorted(found("כיתה", visible={KIND: [1, 3]})) == [1, 3]
    assert found("כיתה", visible={KIND: []}) == []


def test_matching_ids_is_a_queryset_an_app_orders_itself():
    first, second, third = LocalityFactory(), LocalityFactory(), LocalityFactory()
    index_document("directory.locality", first.pk, title="בית ספר בכפר", body="")
    index_document("directory.locality", third.pk, title="כפר הנוער", body="")
    ids = matching_ids("כפר", "directory.locality")
    ordered = Locality.objects.filter(pk__in=ids).order_by("-pk")
    assert list(ordered) == [third, first]
    assert second not in ordered


def test_an_exact_form_ranks_above_a_form_found_without_its_prefix():
    index_document(KIND, 1, title="שיחה", body="המורה שוחחה עם התלמידים בכיתה על הטיול.")
    index_document(KIND, 2, title="שיחה", body="המורה שוחחה עם התלמידים של כיתה ו' על הטיול.")
    assert found("כיתה") == [2, 1]
    index_document(KIND, 3, title="דיון", body="دور المعلم في المدرسة")
    index_document(KIND, 4, title="דיון", body="دور المعلم بالمدرسة")
    assert found("المدرسة") == [3, 4]


def test_a_query_with_prefixes_is_broadened_when_it_finds_little():
    # The lexicon does not know the town: only stripping the query's own ב finds the second document.
    index_document(KIND, 1, title="", body="שיחה בטמרה על הטיול")
    index_document(KIND, 2, title="", body="טמרה יצאה לטיול")
    results = search("בטמרה")
    assert results.broadened
    assert [hit.object_id for hit in results.hits] == [1, 2]


def test_a_query_word_the_lexicon_knows_finds_its_other_forms_without_broadening():
    index_document(KIND, 1, title="", body="שיחה בכיתה על הטיול")
    index_document(KIND, 2, title="", body="כיתות גדולות יצאו לטיול")
    index_document(KIND, 3, title="", body="ורים אינה מילה")  # what stripping ה from הורים would look for
    results = search("בכיתה")
    assert not results.broadened
    assert [hit.object_id for hit in results.hits] == [1, 2]  # as typed first, then through the lemma
    assert search("הורים").hits == []


def test_a_query_that_finds_enough_is_not_broadened():
    # Without ל, למידה is מידה, which במידה also yields: a strict search does not go there.
    for object_id in range(1, BROADEN_BELOW + 1):
        index_document(KIND, object_id, title="למידה בקבוצות", body="")
    index_document(KIND, 100, title="תרמה במידה רבה", body="")
    results = search("למידה")
    assert not results.broadened
    assert results.total_estimate == BROADEN_BELOW
    assert 100 not in [hit.object_id for hit in results.hits]


def test_every_word_of_the_query_must_match():
    index_document(KIND, 1, title="שברים על ציר המספרים", body="")
    index_document(KIND, 2, title="ציר הזמן", body="")
    assert found("ציר שברים") == [1]


def test_limit_and_offset_page_through_the_ranking():
    for object_id in range(1, 6):
        index_document(KIND, object_id, title="כרטיס יציאה", body="")
    first_page, second_page = found("יציאה", limit=3), found("יציאה", limit=3, offset=3)
    assert len(first_page) == 3 and len(second_page) == 2
    assert set(first_page) | set(second_page) == {1, 2, 3, 4, 5}


# --- snippets ------------------------------------------------------------------------------------


def test_snippets_mark_the_words_as_written():
    index_document(KIND, 1, title="פְּעִילוּת לַכִּתָּה", body="וְהַכִּתָּה בּוֹנָה יַחַד סִפּוּר מְשֻׁתָּף.")
    hit = search("כיתה").hits[0]
    assert hit.title_html == "פְּעִילוּת <mark>לַכִּתָּה</mark>"
    assert hit.snippet_html == "<mark>וְהַכִּתָּה</mark> בּוֹנָה יַחַד סִפּוּר מְשֻׁתָּף."


def test_snippets_escape_everything_else():
    index_document(KIND, 1, title="<b>כיתה</b>", body='<script>alert("x")</script> כיתה & more')
    hit = search("כיתה").hits[0]
    assert hit.title_html == "&lt;b&gt;<mark>כיתה</mark>&lt;/b&gt;"
    assert "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html
    assert "<mark>כיתה</mark> &amp; more" in hit.snippet_html


def test_a_snippet_is_a_window_around_the_best_match():
    words = [f"word{number}" for number in range(200)]
    words[150] = "fractions"
    words[152] = "diagnostic"
    text = " ".join(words)
    html = snippet(text, parse_query("diagnostic fractions"))
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>fractions</mark> word151 <mark>diagnostic</mark>" in html
    assert len(html.replace("<mark>", "").replace("</mark>", "").split()) <= 32


def test_a_snippet_without_a_match_is_the_beginning():
    assert snippet("one two three", parse_query("four")) == "one two three"
    assert highlight("", parse_query("four")) == ""


def test_unstorable_characters_are_dropped_not_refused():
    index_document(KIND, 1, title="כיתה\x00", body="a\ud800b כיתה")
    assert found("כיתה") == [1]


def test_a_page_past_the_last_result_still_says_how_many_there_are():
    for object_id in range(1, 4):
        index_document(KIND, object_id, title="כרטיס יציאה", body="")
    results = search("יציאה", limit=10, offset=10)
    assert results.hits == []
    assert results.total_estimate == 3


def test_matching_ids_takes_the_broad_search_a_ranked_search_chose():
    village = LocalityFactory()
    index_document("directory.locality", village.pk, title="מועצת טמרה", body="")
    ranked = search("בטמרה", kinds=["directory.locality"])
    assert ranked.broadened  # "בטמרה" itself is in no document: its prefix had to be stripped
    assert list(matching_ids("בטמרה", "directory.locality", broad=ranked.broadened)) == [village.pk]
    assert list(matching_ids("בטמרה", "directory.locality")) == [village.pk]  # decided by counting
    assert list(matching_ids("בטמרה", "directory.locality", broad=False)) == []


def test_a_vocabulary_shared_by_batches_indexes_what_each_word_alone_would():
    from tests.search import corpus, inflected_corpus

    items = [
        Searchable(KIND, number, document.title, document.body, document.language)
        for number, document in enumerate(corpus.DOCUMENTS + inflected_corpus.DOCUMENTS, start=1)
    ]
    columns = ("title_exact", "title_forms", "body_exact", "body_forms")
    index_documents(items)
    alone = list(SearchDocument.objects.filter(kind=KIND).order_by("object_id").values_list(*columns))
    SearchDocument.objects.filter(kind=KIND).delete()
    vocabulary = Vocabulary(limit=50)  # emptied many times on the way
    for start in range(0, len(items), 7):
        index_documents(items[start : start + 7], vocabulary=vocabulary)
    shared = list(SearchDocument.objects.filter(kind=KIND).order_by("object_id").values_list(*columns))
    assert shared == alone
    assert 0 < len(vocabulary) <= 50
