"""The shipped word tables as the platform reads them (core/text/lexicon.py), and the rules that join
a word to its other forms where the tables and Snowball alone do not (docs/search.md)."""

import gzip

import pytest

from hevruta.core.text import lexicon, word_forms
from hevruta.core.text.lexicon import NOUN_LEMMA, HebrewLemmas, LexiconError


def test_the_hebrew_table_is_checked_and_bisected_as_stored():
    table = lexicon.hebrew()
    raw = (lexicon.LEXICONS / lexicon.manifest()["hebrew"]["table"]).read_bytes()
    word_lines = gzip.decompress(raw).split(b"\n\n", 1)[1].splitlines()
    assert word_lines == sorted(word_lines)  # stored sorted: loading sorts nothing
    assert [table.tokens[index] for index in table.lemmas("משימת")] == [NOUN_LEMMA + "משימה"]
    assert len(table.lemmas("ספרי")) == 2  # a word with two lemmas has two lines, side by side
    assert table.lemmas("א") == () and table.lemmas("zzz") == () and table.lemmas("תתתתתתת") == ()
    assert "משימות" in table.words_of(NOUN_LEMMA + "משימה")


def test_a_table_in_another_format_is_refused():
    with pytest.raises(LexiconError, match="format"):
        HebrewLemmas("Nאב\tאב אבות\n\nאב\t0\n".encode("iso-8859-8"))  # format 1's lines, no header


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("شبكات", "شبكة"), ("حالات", "حالة"), ("مهارات", "مهارة"), ("ملفات", "ملف"), ("الشبكات", "شبكة")],
)
def test_a_sound_feminine_plural_has_its_singulars_stem(plural, singular):
    assert set(word_forms(plural).stems) & set(word_forms(singular).stems + word_forms(singular).lemmas)


@pytest.mark.parametrize("word", ["ذات", "مات"])
def test_a_word_that_merely_ends_in_at_keeps_its_own_stem(word):
    assert [stem[1:] for stem in word_forms(word).stems] == [word]


def test_an_adjective_of_a_noun_is_also_the_noun_with_my():
    assert NOUN_LEMMA + "כיתה" in word_forms("כיתתי").lemmas  # "my class", and "of the class"
    assert NOUN_LEMMA + "כיתתי" in word_forms("כיתתי").lemmas
    assert word_forms("ספרה").lemmas == (NOUN_LEMMA + "ספרה",)  # a digit, still not "her book"


def test_the_compiled_stemmer_gives_the_stems_of_the_python_one():
    # snowballstemmer hands its work to PyStemmer when that is installed (requirements/app.in): the
    # index must not depend on which of the two a machine has.
    compiled = pytest.importorskip("Stemmer")
    from snowballstemmer.arabic_stemmer import ArabicStemmer
    from snowballstemmer.english_stemmer import EnglishStemmer

    from hevruta.core.text import words
    from tests.search import corpus, inflected_corpus

    texts = [f"{document.title} {document.body}" for document in corpus.DOCUMENTS + inflected_corpus.DOCUMENTS]
    written = {word for text in texts for word in words(text)}
    tables = lexicon.arabic().plurals_of
    arabic = sorted(
        {word for word in written if "\u0620" <= word[0] <= "\u064a"}
        | set(tables)
        | {plural for plurals in tables.values() for plural in plurals}
    )
    english = sorted(word.lower() for word in written if word.isascii() and word.isalpha())
    for language, python_stemmer, words_of_language in (
        ("arabic", ArabicStemmer(), arabic),
        ("english", EnglishStemmer(), english),
    ):
        compiled_stemmer = compiled.Stemmer(language)
        assert len(words_of_language) > 100
        assert [compiled_stemmer.stemWord(word) for word in words_of_language] == [
            python_stemmer.stemWord(word) for word in words_of_language
        ]
