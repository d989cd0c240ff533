"""Text normalization for Hebrew, Arabic and English, shared by every index and every query.

Indexed text and queries go through the same `fold()`, so that niqqud, harakat, final letters,
alef forms and letter case never decide whether something is found.

The full-text search (core/search) goes one step further with `word_forms()`: each word is indexed
as it is written (folded) and also without the prefixes Hebrew and Arabic attach to it, because no
database's full-text engine knows that בכיתה, והכיתה and כִּתָּה are all the word כיתה (docs/search.md).
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from . import lexicon

# Hebrew points and cantillation (U+0591–U+05C7, except the maqaf and sof pasuq which are
# punctuation), Arabic harakat (U+064B–U+065F), superscript alef (U+0670), tatweel (U+0640) and the
# Quranic annotation signs (U+0610–U+061A, U+06D6–U+06ED) that text copied from the Quran carries.
_MARK_CHARACTERS = (
    "\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u064b-\u065f\u0670\u0640"
    "\u0610-\u061a\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
)
_MARKS = re.compile(f"[{_MARK_CHARACTERS}]")

_FOLD = str.maketrans(
    {
        # Hebrew final letters to their medial forms.
        "ך": "כ",
        "ם": "מ",
        "ן": "נ",
        "ף": "פ",
        "ץ": "צ",
        # Arabic alef forms to bare alef, taa marbuta to haa, alef maqsura to yaa.
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        # Hebrew punctuation that sits inside words and names.
        "־": " ",
        "׳": "'",
        "״": '"',
    }
)

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)

# Bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), and the
# invisible marks (U+200E, U+200F, U+061C). In a name or a title they can make text read in another
# order than it is stored ("‮gpj.exe" shows as "exe.jpg"), and an override left open spills into the
# rest of the page. Names and titles never need them: pages show them with dir="auto" or <bdi>.
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def strip_bidi_controls(text: str) -> str:
    """The text without bidirectional control characters; used for every name and title (core.fields)."""
    return _BIDI.sub("", text) if text else text


def strip_marks(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFC", strip_bidi_controls(text)))


def fold(text: str) -> str:
    """The indexed form of a text: no marks, no final letters, one alef, lower case."""
    # The last NFC keeps fold idempotent: removing a mark or folding case can leave a letter and a
    # combining accent side by side that NFC would join on a second pass.
    return unicodedata.normalize("NFC", strip_marks(text).translate(_FOLD).casefold())


def tokens(text: str) -> list[str]:
    """Words of the folded text, without punctuation."""
    return [word for word in _NON_WORD.split(fold(text)) if word and word != "_"]


def search_key(*parts: str | None) -> str:
    """One folded, space-separated string of all the parts, for substring search."""
    return " ".join(word for part in parts if part for word in tokens(part))


# --- Words and their forms, for full-text search -------------------------------------------------

# Invisible characters that may sit inside a word without ending it: zero-width (non-)joiners,
# direction marks and embeddings, the soft hyphen, the byte-order mark.
_INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
# Quotes inside a word belong to it: צה"ל, ביה״ס, don't.
_INNER_QUOTES = "'\"׳״’"

# A word starts with a letter or digit and goes on through letters, digits, marks and invisible
# characters, and through a quote followed by a letter. It runs on the original text (with "_" made a
# space, which keeps every offset), so that the snippets can mark the words where they stand.
_IN_WORD = rf"[\w{_MARK_CHARACTERS}{_INVISIBLE}]*"
_WORD = re.compile(rf"\w{_IN_WORD}(?:[{_INNER_QUOTES}]\w{_IN_WORD})*")
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")

# Long "words" (hashes, URLs without separators) are cut: PostgreSQL refuses lexemes over 2 kB and
# nobody searches for the 65th character of a word.
MAX_WORD_LENGTH = 64
MIN_STEM_LENGTH = 2

HEBREW_PREFIX_LETTERS = frozenset("והבלמשכ")
HEBREW_MAX_PREFIX = 3
# و/ف (and, so), then ب/ك/ل (in, like, to), then ال (the); ل before ال is written لل.
_ARABIC_CONJUNCTIONS = ("", "و", "ف")
_ARABIC_PREPOSITIONS = ("", "ب", "ك", "ل")
_ARABIC_ARTICLE = "ال"


def _arabic_prefix(conjunction: str, preposition: str, article: str) -> str:
    if preposition == "ل" and article:
        return conjunction + "لل"
    return conjunction + preposition + article


# Shortest first, so that a word's forms come out from the least to the most stripped.
ARABIC_PREFIXES = tuple(
    sorted(
        {
            _arabic_prefix(conjunction, preposition, article)
            for conjunction in _ARABIC_CONJUNCTIONS
            for preposition in _ARABIC_PREPOSITIONS
            for article in ("", _ARABIC_ARTICLE)
        }
        - {""},
        key=lambda prefix: (len(prefix), prefix),
    )
)

# Hebrew vowel points that, in the spelling without niqqud, are written with a letter (ktiv male).
_HIRIQ, _QUBUTS, _HOLAM, _SHVA = "\u05b4", "\u05bb", "\u05b9", "\u05b0"
_HEBREW_POINTS = re.compile("[\u05b0-\u05bd\u05bf\u05c1\u05c2\u05c7]")
_VOWELS_OF_CONSONANT_VAV = frozenset("\u05b0\u05b1\u05b2\u05b3\u05b4\u05b5\u05b6\u05b7\u05b8\u05bb\u05c7")


@dataclass(frozen=True)
class WordForms:
    """How one word is found: by the spellings it is written in, by its lemmas (a lexicon's), by the
    spellings without prefixes, and by its stem (Snowball)."""

    exact: tuple[str, ...]
    stripped: tuple[str, ...]
    # Tokens (lexicon.NOUN_LEMMA, VERB_LEMMA or STEM followed by letters), never typed words.
    lemmas: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    all: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Kept, not computed on each use: the snippets ask for it for every word of every hit.
        object.__setattr__(self, "all", self.exact + self.lemmas + self.stripped + self.stems)

    @property
    def strict(self) -> tuple[str, ...]:
        """What a query word is looked for by before anything is stripped from it: as typed, and
        through its lemma or stem."""
        return self.exact + self.lemmas + self.stems

    @property
    def broadening(self) -> tuple[str, ...]:
        """What a broad search adds: the forms without prefixes, for a word the lexicon does not
        know (for one it knows, it has said which letters are prefixes)."""
        return () if self.lemmas else self.stripped


def words(text: str) -> list[str]:
    """The words of a text as written (with their niqqud), in order."""
    return _WORD.findall(unicodedata.normalize("NFC", text).replace("_", " "))


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where each word of `text` starts and ends; `text` should already be NFC."""
    return [match.span() for match in _WORD.finditer(text.replace("_", " "))]


def normalize_word(word: str) -> str:
    """A word's folded form for the index: compatibility forms unified, nothing but letters and digits.

    NFKC turns Arabic presentation forms (common in text taken from PDF files), ligatures and
    full-width letters into ordinary letters; digits of every script become 0-9 (٢٠٢٤ is 2024);
    whatever is not a letter or a digit afterwards (quotes, invisible characters) is dropped, so
    that both databases see exactly one token.
    """
    folded = _NOT_LETTER_OR_DIGIT.sub("", fold(unicodedata.normalize("NFKC", word)))
    if not folded.isascii():
        folded = "".join(
            str(unicodedata.decimal(character)) if character.isdecimal() else character for character in folded
        )
    return folded[:MAX_WORD_LENGTH]


def word_forms(word: str) -> WordForms:
    """The forms by which one written word is indexed and searched."""
    # Cut before the cache, so that a megabyte-long "word" is not kept as a cache key.
    return _word_forms(word if len(word) <= MAX_WORD_LENGTH * 4 else word[: MAX_WORD_LENGTH * 4])


@lru_cache(maxsize=200_000)  # words repeat: most of a text's words were seen in earlier texts
def _word_forms(word: str) -> WordForms:
    exact = [normalize_word(word)]
    plene = full_spelling(word)
    if plene != word:
        exact.append(normalize_word(plene))
    exact = [form for form in dict.fromkeys(exact) if form]
    # A pointed word is looked up in the lexicon in its spelling without niqqud, which is the lexicon's.
    readings = [reading for spelling in exact[1:] or exact if (reading := lexicon_reading(spelling))]
    if readings:
        # The lexicon knows the word: its prefixes are the ones it found, or none (למידה is not ל+מידה).
        stripped = [word for word, _tokens in readings if word not in exact]
    else:
        stripped = [form for spelling in exact for form in without_prefixes(spelling) if form not in exact]
    lemmas = [token for _word, tokens in readings for token in tokens]
    stem = stem_token(plene if plene != word else word) if exact else ""
    return WordForms(
        tuple(exact),
        tuple(dict.fromkeys(stripped)),
        tuple(dict.fromkeys(lemmas)),
        (stem,) if stem else (),
    )


# --- Lemmas and stems ------------------------------------------------------------------------------


def _is_hebrew(letter: str) -> bool:
    return "\u05d0" <= letter <= "\u05ea"


def is_arabic(letter: str) -> bool:
    return "\u0620" <= letter <= "\u064a"


def lemma_tokens(form: str) -> list[str]:
    """The lexicon's lemma tokens for a folded word, or none for a word it does not know."""
    reading = lexicon_reading(form)
    return reading[1] if reading else []


def lexicon_reading(form: str) -> tuple[str, list[str]] | None:
    """The folded word as the lexicon reads it (without the prefixes it found) and its lemma tokens,
    or None for a word the lexicon does not know.

    The word as a whole is looked up first, and only when the lexicon does not know it, the word
    without each candidate prefix, shortest first: מלמד is "teaching", not מ+למד; בכיתות is ב+כיתות.
    Documents and queries go through the same choice, so a homograph is read the same way in both.
    """
    if not form or not lexicon.ENABLED:
        return None
    if _is_hebrew(form[0]):
        table = lexicon.hebrew()
        whole = table.lemmas(form)
        if whole:
            return form, [table.tokens[index] for index in whole]
        # Without prefixes, a noun reading comes first: והכיתה is ו+ה+כיתה, not ו+הכיתה ("you hit").
        readings = [
            (candidate, [table.tokens[index] for index in found])
            for candidate in _without_hebrew_prefixes(form)
            if (found := table.lemmas(candidate))
        ]
        nouns = [reading for reading in readings if any(token[0] == lexicon.NOUN_LEMMA for token in reading[1])]
        chosen = nouns or readings
        return chosen[0] if chosen else None
    if is_arabic(form[0]) and form not in _ARABIC_FUNCTION_WORDS:
        plurals = lexicon.arabic()
        for candidate in [form, *_without_arabic_prefixes(form)]:
            singulars = plurals.singulars_of.get(candidate, ())
            own = (candidate,) if candidate in plurals.plurals_of else ()
            if singulars or own:
                # The singular's stem, the token its own inflections have (مدرسة, المدرسة, مدرستنا), so
                # that a broken plural and its singular meet at one token, whose rarity (bm25's IDF)
                # cannot lift a homograph (معالم "landmarks" as a plural of معلم) above the real word.
                tokens = [_singular_stem(singular) for singular in (*own, *singulars)]
                return candidate, [token for token in tokens if token]
    return None


# Words too common to stand for a noun: arramooz lists علي (على folded) as a plural of four nouns.
_ARABIC_FUNCTION_WORDS = frozenset(
    [
        "في",
        "من",
        "علي",
        "الي",
        "عن",
        "مع",
        "او",
        "ثم",
        "هذا",
        "هذه",
        "ذلك",
        "التي",
        "الذي",
        "ان",
        "كان",
        "لا",
        "ما",
        "قد",
        "هو",
        "هي",
        "كل",
        "بين",
        "عند",
        "حتي",
        "ولا",
    ]
)


def _singular_stem(singular: str) -> str:
    # The table's singulars are folded; the stemmer knows a final ة, which a folded ه stands for.
    return stem_token(singular[:-1] + "ة" if singular.endswith("ه") else singular)


_STEMMERS = threading.local()  # a Snowball stemmer keeps state while it works: one per thread


def _stemmer(language: str) -> snowballstemmer.stemmer:
    stemmers = _STEMMERS.__dict__
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return stemmers[language]


def stem_token(word: str) -> str:
    """The Snowball stem of an Arabic or English written word, as a token; "" for other words.

    Arabic is stemmed as written (with its ة, alef forms and prefixes: the stemmer knows them), then
    folded like every form: الكثافة, كثافتها → كثاف; English lower-cased: mentoring, Mentors → mentor.
    """
    written = _NOT_LETTER_OR_DIGIT.sub("", strip_marks(unicodedata.normalize("NFKC", word)))
    if len(written) < 3 or not lexicon.ENABLED:
        return ""
    if is_arabic(written[0]):
        stem = _arabic_stem(written)
    elif written.isascii() and written.isalpha():
        stem = _stemmer("english").stemWord(written.lower())
    else:
        return ""
    stem = normalize_word(stem)
    return lexicon.STEM + stem if len(stem) >= MIN_STEM_LENGTH else ""


def _arabic_stem(written: str) -> str:
    """Snowball's Arabic stem, and the singular's for a sound feminine plural in ات.

    Snowball takes ات off only after the article (الشبكات → شبك): without it, it takes the ت alone
    (شبكات → شبكا, حالات → حالا), a stem that no other form of the word has. Such a plural is stemmed
    as its singular in ة instead (شبكة → شبك, حالة → حال), which is what the stemmer does with the
    article. Only where Snowball took the ت alone: a word that merely ends in ات keeps its own stem
    (ذات, مات), and a singular in ات (نبات, ثبات) becomes a stem no other word has (نبة)."""
    stemmer = _stemmer("arabic")
    stem = stemmer.stemWord(written)
    if written.endswith("ات") and normalize_word(written).endswith(normalize_word(stem) + "ت"):
        return stemmer.stemWord(written[:-2] + "ة")
    return stem


MAX_VARIANTS = 60


def inflections(word: str) -> list[str]:
    """The folded word and the other words the lexicon gives the same lemma, each also with the
    article (ה, ال), for a substring search that has no lemmas of its own (organization names:
    בתי ספר finds בית הספר). At most MAX_VARIANTS; a word the lexicon does not know is only itself."""
    form = normalize_word(word)
    reading = lexicon_reading(form)
    if not form or reading is None:
        return [form] if form else []
    stem, tokens = reading
    found = [form, stem]
    for token in tokens:
        if token[0] in (lexicon.NOUN_LEMMA, lexicon.VERB_LEMMA):
            found += lexicon.hebrew().words_of(token)
        else:
            found += [singular for singular, plurals in _arabic_family(stem) for singular in (singular, *plurals)]
    article = "ה" if _is_hebrew(form[0]) else "ال"
    with_article = found + [article + variant for variant in found if not variant.startswith(article)]
    # The search matches words that begin with a variant: ביתו, בתים begin with בית, בתי.
    shortest = sorted(set(with_article), key=len)
    kept = [
        variant for index, variant in enumerate(shortest) if not any(variant.startswith(s) for s in shortest[:index])
    ]
    return kept[:MAX_VARIANTS]


def _arabic_family(word: str) -> list[tuple[str, tuple[str, ...]]]:
    plurals = lexicon.arabic()
    singulars = (*((word,) if word in plurals.plurals_of else ()), *plurals.singulars_of.get(word, ()))
    return [(singular, plurals.plurals_of.get(singular, ())) for singular in singulars]


def lemma_scan_forms(token: str) -> list[str]:
    """Folded letters that every written word having this lemma or stem token contains, or words one
    of which it contains: the highlighter's first look (written_form_pattern) for such a term."""
    mark, letters = token[0], token[1:]
    if mark == lexicon.STEM:
        # A broken plural holds its singular's stem as a token, not as letters: طالب, الطلاب.
        plurals = lexicon.arabic().plurals_of
        broken = [plural for singular in (letters, letters + "ه") for plural in plurals.get(singular, ())]
        return [letters[:-1] if len(letters) > 3 else letters, *broken]
    if _is_hebrew(letters[:1]):
        words = lexicon.hebrew().words_of(token) or [letters]
    else:
        words = [letters, *lexicon.arabic().plurals_of.get(letters, ())]
    common = _common_prefix(words)
    return [common] if len(common) >= MIN_STEM_LENGTH else words


def _common_prefix(words: list[str]) -> str:
    first, last = min(words), max(words)
    length = 0
    while length < min(len(first), len(last)) and first[length] == last[length]:
        length += 1
    return first[:length]


def index_forms(text: str, *, limit: int | None = None) -> list[WordForms]:
    """For each word of the text (the first `limit`): its exact folded forms and its forms without prefixes."""
    return [forms for forms in map(word_forms, words(text)[:limit]) if forms.exact]


# Written letters that fold to each letter of a form, for `written_form_pattern`.
_WRITTEN_VARIANTS = {
    "כ": "[כך]",
    "מ": "[מם]",
    "נ": "[נן]",
    "פ": "[פף]",
    "צ": "[צץ]",
    "ا": "[اأإآٱ]",
    "ه": "[هة]",
    "ي": "[يى]",
}
# What a word may hold between its letters and normalization drops: niqqud and harakat, invisible
# characters, quotes.
IGNORABLE_IN_WORD = re.compile(f"[{_MARK_CHARACTERS}{_INVISIBLE}{_INNER_QUOTES}]+")


def written_form_pattern(form: str) -> str:
    """A regular expression found inside every written word that may have `form` among its forms
    (and inside some that do not): a cheap first look before word_forms(), for the highlighter.

    It is meant for a text that was casefolded and had IGNORABLE_IN_WORD removed, where a word's
    letters stand side by side. Final letters and alef forms are written variants; י and ו may be
    missing (pointed text writes them as vowels); digits may be of any script.
    """
    parts = []
    for character in form:
        letter = r"\d" if character.isdecimal() else _WRITTEN_VARIANTS.get(character) or re.escape(character)
        parts.append(letter + ("?" if character in "יו" else ""))
    return "".join(parts)


def without_prefixes(form: str) -> list[str]:
    """A folded word without the prefixes Hebrew or Arabic may have attached, keeping two letters.

    Hebrew: up to three letters of ו ה ב ל מ ש כ, where ו can only open the chain and ה only end it
    (ושבכיתה, והכיתה, שהמורה, מהבית). Arabic: و/ف, then ب/ك/ل, then ال, in any of their combinations
    (والتعلم، بالمدرسة، للطلاب، فالمعلم). English: a plural s. Which letters really are a prefix
    would need a dictionary; every candidate is kept, and ranking puts exact forms first.
    """
    if not form:
        return []
    first = form[0]
    if first in HEBREW_PREFIX_LETTERS:
        return _without_hebrew_prefixes(form)
    if first in "وفبكلا":
        return _without_arabic_prefixes(form)
    if first.isascii() and form.endswith("s") and not form.endswith("ss") and len(form) > 3:
        return [form[:-1]]
    return []


def _without_hebrew_prefixes(form: str) -> list[str]:
    stripped = []
    for length in range(1, HEBREW_MAX_PREFIX + 1):
        prefix, stem = form[:length], form[length:]
        if len(stem) < MIN_STEM_LENGTH or not _is_hebrew_prefix(prefix):
            break
        stripped.append(stem)
    return stripped


def _is_hebrew_prefix(prefix: str) -> bool:
    if not all(letter in HEBREW_PREFIX_LETTERS for letter in prefix):
        return False
    return "ו" not in prefix[1:] and "ה" not in prefix[:-1]


def _without_arabic_prefixes(form: str) -> list[str]:
    return [
        form[len(prefix) :]
        for prefix in ARABIC_PREFIXES
        if form.startswith(prefix) and len(form) - len(prefix) >= MIN_STEM_LENGTH
    ]


def full_spelling(word: str) -> str:
    """A pointed Hebrew word in the spelling without niqqud (ktiv male): כִּתָּה → כיתה, שֻׁלְחָן → שולחן.

    Texts with niqqud write some vowels only as points; the same word without niqqud writes them as
    letters. The rules here are the common ones (hiriq before an open syllable → י, qubuts → ו,
    holam → ו, a consonant vav inside a word → וו); the pointed spelling is indexed too, so a rule
    that does not apply only adds a form nobody searches for. Words without points come back as they are.
    """
    word = unicodedata.normalize("NFC", word)
    if not _HEBREW_POINTS.search(word):
        return word
    letters = _letters_with_points(word)
    spelled = []
    for index, (letter, points) in enumerate(letters):
        following = letters[index + 1] if index + 1 < len(letters) else ("", "")
        spelled.append(_spell_letter(letter, points, following, is_first=index == 0))
    return "".join(spelled)


def _letters_with_points(word: str) -> list[tuple[str, str]]:
    letters: list[tuple[str, str]] = []
    for character in word:
        if letters and unicodedata.combining(character):
            letter, points = letters[-1]
            letters[-1] = (letter, points + character)
        else:
            letters.append((character, ""))
    return letters


def _spell_letter(letter: str, points: str, following: tuple[str, str], *, is_first: bool) -> str:
    next_letter, next_points = following
    if not next_letter:
        return letter
    if _HIRIQ in points and next_letter != "י" and _SHVA not in next_points:
        return letter + "י"
    if _QUBUTS in points and next_letter != "ו":
        return letter + "ו"
    if _HOLAM in points and letter != "ו" and next_letter != "ו":
        return letter + "ו"
    is_consonant_vav = letter == "ו" and not is_first and bool(_VOWELS_OF_CONSONANT_VAV & set(points))
    if is_consonant_vav and next_letter != "ו":
        return "וו"
    return letter
