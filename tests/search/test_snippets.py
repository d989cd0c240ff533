"""The highlighter's regular expression only skips words that cannot match: it marks exactly the words
that normalizing every word would mark."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hevruta.core.search import Highlighter, QueryError, parse_query
from hevruta.core.search.snippets import MAX_SCANNED_CHARACTERS
from hevruta.core.text import words


class WordByWord(Highlighter):
    """The reference: every word normalized and checked, no regular expression."""

    def _matches(self, text, spans):  # type: ignore[no-untyped-def]
        return [self._matched_term(text[start:end]) for start, end in spans]


stems = st.sampled_from(
    [
        *("כיתה", "כִּתָּה", "תלמידים", "שולחן", "שֻׁלְחָן", "מורה", 'צה"ל', "ספר"),
        *("مدرسة", "معلم", "إدارة", "مستوى"),
        *("fraction", "Lesson", "class", "2024", "٢٠٢٤", "ab"),
    ]
)
prefixes = st.sampled_from(["", "", "ב", "ו", "ה", "וה", "שב", "לכש", "مـ", "ال", "بال", "لل", "و", "وال", "ف"])
suffixes = st.sampled_from(["", "", "s", "ים", "ות", "ة", "ها"])
gaps = st.sampled_from([" ", " ", ", ", ". ", "\n", " - ", "\u200f ", " \u200d", "'", '"', "_", "׳"])
inside = st.sampled_from(["", "", "", "\u200d", "\u05b4", "\u0651", "'"])


@st.composite
def written_words(draw):  # type: ignore[no-untyped-def]
    word = draw(prefixes) + draw(stems) + draw(suffixes)
    cut = draw(st.integers(min_value=0, max_value=len(word)))
    return word[:cut] + draw(inside) + word[cut:]


@st.composite
def texts(draw):  # type: ignore[no-untyped-def]
    return "".join(draw(written_words()) + draw(gaps) for _ in range(draw(st.integers(1, 25))))


# On a shared machine a draw can stall for a second; the property, not the generation's speed, is tested.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(text=texts(), query=st.lists(written_words(), min_size=1, max_size=3), broad=st.booleans())
def test_the_regular_expression_marks_what_word_by_word_would(text, query, broad):
    try:
        parsed = parse_query(" ".join(query))
    except QueryError:
        return
    fast, reference = Highlighter(parsed, broad=broad), WordByWord(parsed, broad=broad)
    assert fast.highlight(text) == reference.highlight(text)
    assert fast.snippet(text) == reference.snippet(text)


@given(text=st.text(max_size=300), query=st.text(min_size=1, max_size=40), broad=st.booleans())
def test_any_text_and_query(text, query, broad):
    try:
        parsed = parse_query(query)
    except QueryError:
        return
    fast, reference = Highlighter(parsed, broad=broad), WordByWord(parsed, broad=broad)
    assert fast.highlight(text) == reference.highlight(text)


hebrew_arabic_text = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0591, max_codepoint=0x05F4),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(" .,'\"\u200d\u200fabsS_2٣"),
    ),
    max_size=120,
)


@given(text=st.one_of(st.text(max_size=200), hebrew_arabic_text), data=st.data(), broad=st.booleans())
def test_a_word_of_the_text_searched_for_is_marked_as_word_by_word_would(text, data, broad):
    written = words(text)
    if not written:
        return
    try:
        parsed = parse_query(data.draw(st.sampled_from(written)))
    except QueryError:
        return
    assert Highlighter(parsed, broad=broad).highlight(text) == WordByWord(parsed, broad=broad).highlight(text)


def test_a_long_text_is_searched_for_a_snippet_only_at_its_beginning():
    text = "word " * (MAX_SCANNED_CHARACTERS // 5) + "fractions"
    assert "<mark>" not in Highlighter(parse_query("fractions")).snippet(text)


def test_words_longer_than_a_form_are_marked_too():
    word = "ב" + "א" * 80
    text = f"שלום {word} סוף"
    query = parse_query(word)
    assert Highlighter(query).highlight(text) == WordByWord(query).highlight(text)
    assert "<mark>" in Highlighter(query).highlight(text)


def test_a_snippet_stays_in_the_paragraph_of_its_match():
    # An event's description in Hebrew, then in English: the snippet of an English match is English only.
    hebrew = "סיור למידה בירוחם עם מורים מבתי ספר בדרום ושיחה על משימות אבחון"
    english = "A learning tour in Yeruham with teachers from schools in the south"
    snippet = Highlighter(parse_query("Yeruham")).snippet(f"{hebrew}\n\n{english}")
    assert "<mark>Yeruham</mark>" in snippet and "ירוחם" not in snippet and "משימות" not in snippet
    # No match: the first paragraph's beginning, never the next one's words.
    assert "learning" not in Highlighter(parse_query("fractions")).snippet(f"{hebrew}\n\n{english}")
    # Within one paragraph the window is as before: the best match with a few words before it.
    long = " ".join(f"w{n}" for n in range(60)) + " fractions " + " ".join(f"v{n}" for n in range(60))
    cut = Highlighter(parse_query("fractions")).snippet(long)
    assert cut.startswith("…") and "w54 w55" in cut and "<mark>fractions</mark>" in cut and cut.endswith("…")
