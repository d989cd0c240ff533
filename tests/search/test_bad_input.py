"""Queries people should not type, and queries meant to break the full-text syntax: a clear message or
a plain result, never a database error, and nothing written."""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hevruta.core.search import MAX_QUERY_CHARACTERS, MAX_TERMS, QueryError, index_document, parse_query, search
from hevruta.core.search.models import SearchDocument

pytestmark = pytest.mark.django_db

KIND = "test.note"


@pytest.fixture
def indexed(db):  # type: ignore[no-untyped-def]
    index_document(KIND, 1, title="ניהול כיתה", body='title: NEAR the AND OR NOT -minus *star "quoted"')
    index_document(KIND, 2, title="التعلم التعاوني", body="Exit tickets (formative assessment)")


@pytest.mark.parametrize(
    "query", ["", "   ", "!!!", "...", "?!", "«»", "״", "-", "*", "—", "()", "\u200f\u200d", "🙂🙂"]
)
def test_a_query_without_words_is_refused_with_a_message(indexed, query):
    with pytest.raises(QueryError) as refused:
        search(query)
    assert "word" in refused.value.message
    assert SearchDocument.objects.count() == 2


def test_a_query_of_five_thousand_characters_is_refused_with_a_message(indexed):
    with pytest.raises(QueryError) as refused:
        search("כיתה " * 999 + "כיתות")
    assert f"at most {MAX_QUERY_CHARACTERS}" in refused.value.message
    assert "5,000" in refused.value.message


def test_too_many_words_are_refused_with_a_message():
    with pytest.raises(QueryError) as refused:
        parse_query(" ".join(f"word{number}" for number in range(MAX_TERMS + 1)))
    assert f"at most {MAX_TERMS}" in refused.value.message
    assert len(parse_query(" ".join(f"word{number}" for number in range(MAX_TERMS))).terms) == MAX_TERMS


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "'",
        "title:ניהול",
        "{title_exact}: x",
        "body_forms:כיתה",
        "NEAR(כיתה ניהול)",
        "כיתה NEAR/2 ניהול",
        "כיתה*",
        "*",
        "-כיתה",
        "כיתה -ניהול",
        "^כיתה",
        "כיתה AND ניהול",
        "כיתה OR ניהול",
        "NOT כיתה",
        "AND",
        "(כיתה",
        "כיתה)",
        "כיתה\\",
        "\\\\",
        "כיתה & ניהול | !x",
        "'x':* & y:AB",
        "<-> כיתה",
        "%s %% ?",
        "; DROP TABLE core_searchdocument; --",
        "x' OR '1'='1",
        "\x00כיתה",
    ],
)
def test_query_syntax_of_either_database_is_just_text(indexed, query):
    try:
        results = search(query)
    except QueryError:
        return
    assert results.total_estimate >= 0
    assert SearchDocument.objects.count() == 2


@pytest.mark.parametrize(
    "query",
    [
        "\u200fכיתה\u200f",  # right-to-left marks
        "כי\u200dתה",  # zero-width joiner inside the word
        "\u202eכיתה",  # right-to-left override
        "\u0301\u05b4כיתה",  # combining marks with nothing to combine with
        "ניהול 🙂",
        "👩‍🏫 כיתה",  # an emoji sequence joined by zero-width joiners
        "\ufeffכיתה",
        "İstanbul ß ﬁ",
        "ـــكيف",
    ],
)
def test_unicode_oddities_do_not_break_search(indexed, query):
    results = search(query)
    assert results.total_estimate >= 0


def test_invisible_characters_do_not_hide_a_word(indexed):
    assert [hit.object_id for hit in search("\u200fכי\u200dתה\u200f").hits] == [1]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=MAX_QUERY_CHARACTERS + 20))
def test_any_text_is_a_result_or_a_query_error(indexed, text):
    with contextlib.suppress(QueryError):
        search(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=200), body=st.text(max_size=2_000))
def test_any_text_can_be_indexed_and_its_words_found(db, title, body):
    index_document(KIND, 99, title=title, body=body)
    words = [word for word in (title + " " + body).split() if any(character.isalnum() for character in word)]
    if words:
        try:
            results = search(words[0], kinds=[KIND])
        except QueryError:
            return
        assert 99 in [hit.object_id for hit in results.hits]


def test_a_very_long_text_is_indexed_and_found(db):
    # Far past PostgreSQL's limits on positions (16,383) and on positions per word (256).
    body = " ".join(f"מילה{number % 5_000} בכיתה" for number in range(30_000))
    index_document(KIND, 1, title="ארוך", body=body, extra="נספח " * 10_000)
    assert [hit.object_id for hit in search("מילה4999 כיתה").hits] == [1]
