"""The normalizer of core.text: folding, full spelling of pointed Hebrew, and forms without prefixes."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hevruta.core.text import (
    MIN_STEM_LENGTH,
    fold,
    full_spelling,
    index_forms,
    normalize_word,
    search_key,
    tokens,
    without_prefixes,
    word_forms,
    words,
)
from hevruta.core.text.lexicon import TOKEN_MARKS

# Letters as Unicode defines them, without the tatweel: a letter by category, but a stretching mark
# that the normalizer removes like a diacritic.
letters = st.characters(categories=["Lu", "Ll", "Lt", "Lm", "Lo"], exclude_characters="\u0640")
hebrew_letters = st.characters(min_codepoint=0x05D0, max_codepoint=0x05EA)
arabic_letters = st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآ")
hebrew_points = st.characters(min_codepoint=0x05B0, max_codepoint=0x05BC)


# --- fold and the directory's helpers keep their behaviour ---------------------------------------


def test_fold_removes_niqqud_final_letters_and_alef_forms():
    assert fold("כִּתָּה") == "כתה"
    assert fold("שלום") == "שלומ"
    assert fold("إدارة") == "اداره"
    assert fold("مستوى") == "مستوي"
    assert fold("Kindergarten") == "kindergarten"


def test_directory_helpers_unchanged():
    assert tokens("כֹּהֵן, דָּוִד") == ["כהנ", "דוד"]
    assert search_key("מִרְיָם", None, "Cohen-Levi") == "מרימ cohen levi"


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_fold_is_idempotent_when_a_removed_mark_separated_an_accent():
    # a, a Hebrew accent, an acute accent: once the Hebrew accent is gone, NFC joins a and the acute.
    text = "a\u0592\u0301"
    assert fold(fold(text)) == fold(text) == "á"


@given(st.text())
def test_normalize_word_is_idempotent(text):
    assert normalize_word(normalize_word(text)) == normalize_word(text)


# --- never raises, never empties a word ----------------------------------------------------------


@given(st.text())
def test_nothing_raises_on_any_text(text):
    fold(text)
    tokens(text)
    full_spelling(text)
    for forms in index_forms(text):
        assert all(form and form.isalnum() for form in forms.exact + forms.stripped)
        # Lemmas and stems: one private-use mark, then letters and digits (core.text.lexicon).
        assert all(
            len(token) > 1 and token[0] in TOKEN_MARKS and token[1:].isalnum() for token in forms.lemmas + forms.stems
        )


@given(st.text(alphabet=letters, min_size=MIN_STEM_LENGTH, max_size=20))
def test_a_word_of_two_letters_or_more_always_has_forms(word):
    forms = word_forms(word)
    assert forms.exact, word
    assert all(forms.all)


@given(st.text(alphabet=st.one_of(hebrew_letters, arabic_letters), min_size=MIN_STEM_LENGTH, max_size=12))
def test_stripping_prefixes_keeps_at_least_two_letters(word):
    for form in word_forms(word).all:
        assert len(form) >= MIN_STEM_LENGTH


@given(st.lists(st.tuples(hebrew_letters, hebrew_points), min_size=2, max_size=8))
def test_pointed_hebrew_is_found_by_its_unpointed_letters(pairs):
    pointed = "".join(letter + point for letter, point in pairs)
    unpointed = "".join(letter for letter, _ in pairs)
    assert normalize_word(unpointed) in word_forms(pointed).exact


# --- the forms -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "stem"),
    [
        ("בכיתה", "כיתה"),
        ("והכיתה", "כיתה"),
        ("שבכיתה", "כיתה"),
        ("לתלמידים", "תלמידימ"),
        ("שבמתמטיקה", "מתמטיקה"),
        ("כשהמורה", "מורה"),
        ("والتعلم", "تعلم"),
        ("بالمدرسة", "مدرسه"),
        ("للطلاب", "طلاب"),
        ("فالمعلم", "معلم"),
        ("وبالمدرسة", "مدرسه"),
        ("كالمعلم", "معلم"),
        ("exercises", "exercise"),
    ],
)
def test_a_word_with_prefixes_is_also_indexed_without_them(written, stem):
    assert stem in word_forms(written).stripped


@pytest.mark.parametrize(
    ("pointed", "unpointed"),
    [
        ("כִּתָּה", "כיתה"),
        ("וְהַכִּתָּה", "והכיתה"),
        ("שֻׁלְחָן", "שולחנ"),
        ("חֹמֶר", "חומר"),
        ("תִּקְוָה", "תקווה"),
        ("דִּבּוּר", "דיבור"),
        ("מִסְפָּר", "מספר"),
        ("לַתַּלְמִידִים", "לתלמידימ"),
    ],
)
def test_pointed_words_are_indexed_in_the_spelling_without_niqqud(pointed, unpointed):
    assert unpointed in word_forms(pointed).exact


@pytest.mark.parametrize(
    ("form", "not_expected"),
    [
        ("מורה", "רה"),  # ו never follows another prefix letter: מו is not a prefix
        ("והכיתה", "יתה"),  # ה ends a prefix chain: והכ is not a prefix
        ("כיתה", "ה"),  # at least two letters are kept
    ],
)
def test_prefix_rules(form, not_expected):
    assert not_expected not in without_prefixes(form)


def test_two_letter_words_are_not_stripped():
    assert word_forms("וה").stripped == ()
    assert word_forms("بل").stripped == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('צה"ל', ["צהל"]),
        ("ביה״ס", ["ביהס"]),
        ("כי\u200dתה", ["כיתה"]),  # a zero-width joiner inside a word
        ("\u200fכיתה\u200f", ["כיתה"]),  # right-to-left marks around it
        ("ﻣﺪﺭﺳﺔ", ["مدرسه"]),  # Arabic presentation forms, as PDF files give them
        ("٢٠٢٤", ["2024"]),
        ("ـــ", []),  # tatweel only
        ("\u05b0\u05b4", []),  # points without a letter
    ],
)
def test_words_of_odd_texts(text, expected):
    assert [forms.exact[0] for forms in index_forms(text)] == expected


def test_words_keep_their_niqqud_for_the_highlighter():
    assert words("וְהַכִּתָּה שָׁרָה") == [unicodedata.normalize("NFC", "וְהַכִּתָּה"), unicodedata.normalize("NFC", "שָׁרָה")]
