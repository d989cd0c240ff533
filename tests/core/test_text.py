"""hevruta.core.text: the one normalization that indexed text and queries both go through."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from hevruta.core.text import fold, search_key, strip_marks, tokens


def test_strips_niqqud_and_cantillation():
    assert fold("כֹּהֵן") == "כהנ"
    assert fold("בְּרֵאשִׁית") == "בראשית"
    assert fold("וַיֹּ֥אמֶר") == "ויאמר"  # with a cantillation mark (U+05A5)


def test_keeps_maqaf_and_sof_pasuq_as_punctuation_not_marks():
    # U+05BE maqaf joins words: it becomes a space; U+05C3 sof pasuq is not a mark to strip.
    assert fold("בית־ספר") == "בית ספר"
    assert "\u05c3" in fold("סוף\u05c3")


def test_strips_arabic_harakat_superscript_alef_and_tatweel():
    assert fold("مُحَمَّد") == "محمد"
    assert fold("عـــلي") == "علي"
    assert fold("هٰذا") == "هذا"


def test_folds_hebrew_final_letters():
    assert fold("ךםןףץ") == "כמנפצ"
    assert fold("כהן") == fold("כהנ")


def test_folds_arabic_alef_forms_taa_marbuta_and_alef_maqsura():
    assert fold("أإآٱا") == "ااااا"
    assert fold("مدرسة") == "مدرسه"
    assert fold("مصطفى") == "مصطفي"
    assert fold("أحمد") == fold("احمد") == fold("إحمد")


def test_folds_case_and_geresh():
    assert fold("Cohen") == fold("COHEN") == "cohen"
    assert fold("Straße") == "strasse"
    assert fold("צ׳יפס") == "צ'יפס"
    assert fold("צה״ל") == 'צה"ל'


def test_fold_is_idempotent_on_examples():
    for text in ("כֹּהֵן", "مُحَمَّد", "Straße", "ǰ", "İstanbul", "ﬁ", "é", "e\u0301", "בית־ספר"):
        assert fold(fold(text)) == fold(text), text


def test_composes_before_stripping():
    # A decomposed Latin letter survives; only Hebrew and Arabic marks are removed.
    assert strip_marks("e\u0301") == "é"
    assert fold("CAFE\u0301") == "café"


def test_tokens_and_search_key():
    assert tokens("  Dr. נֹעָה  כֹּהֵן-לוי, (Haifa) ") == ["dr", "נעה", "כהנ", "לוי", "haifa"]
    assert search_key("נועה", None, "", "כהן") == "נועה כהנ"
    assert search_key() == ""


@given(st.text())
def test_fold_never_raises_and_is_idempotent(text):
    once = fold(text)
    assert isinstance(once, str)
    assert fold(once) == once


@given(st.text())
def test_folded_text_has_no_marks_or_final_letters(text):
    folded = fold(text)
    assert not any(char in folded for char in "ךםןףץأإآٱةىـ")
    assert not any("\u0591" <= char <= "\u05bd" or "\u064b" <= char <= "\u065f" for char in folded)


@given(st.text())
def test_search_key_is_space_separated_words_of_folded_text(text):
    key = search_key(text)
    assert "  " not in key
    assert key == key.strip()
    assert search_key(key) == key
    assert all(unicodedata.category(char)[0] != "Z" or char == " " for char in key)


# Bidirectional controls in names and titles ----------------------------------------------------------

SPOOF = "\u202egpj.exe\u202c Cohen\u200f\u2066x\u2069"


def test_strip_bidi_controls_removes_every_control_and_nothing_else():
    from hevruta.core.text import strip_bidi_controls

    assert strip_bidi_controls(SPOOF) == "gpj.exe Cohenx"
    assert strip_bidi_controls("כֹּהֵן\u00a0Ali علي") == "כֹּהֵן\u00a0Ali علي"
    controls = (0x200E, 0x200F, 0x061C, 0x202A, 0x202E, 0x2066, 0x2069)
    assert all(strip_bidi_controls(chr(code)) == "" for code in controls)


def test_fold_ignores_bidi_controls():
    assert fold("\u202eכהן\u202c") == fold("כהן")
