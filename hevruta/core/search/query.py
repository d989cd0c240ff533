"""What a person typed, checked and turned into the words the index is searched for.

Nothing typed reaches the database as typed: a query becomes a list of words made only of letters and
digits (core.text), and the backends quote those. So quotes, *, -, NEAR, AND/OR/NOT, parentheses or
column names like title: are simply not there any more, and no input can make a database error.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from hevruta.core.text import WordForms, normalize_word, word_forms, words

# Refused above these, with a message: a search box is not a place for a page of text, and every
# word is one more condition for the database.
MAX_QUERY_CHARACTERS = 500
MAX_TERMS = 16

# Words that nearly every text has. They are left out of a query that has other words, since every
# word must match and "the" or של would only lose documents that happen to lack them.
_STOPWORDS_AS_WRITTEN = """
the a an of in on at to for and or not with by from is are was be as it this that how what about
של את על עם גם זה זו זאת הוא היא הם הן כי או לא אם אל כל יש אין רק עוד מה מי אך בין לפי כמו אצל
في من على الى إلى عن مع او أو ثم هذا هذه ذلك التي الذي ان أن إن كان لا ما قد هو هي كل بين عند حتى
"""
STOPWORDS = frozenset(normalize_word(word) for word in _STOPWORDS_AS_WRITTEN.split())


class QueryError(ValueError):
    """A query that cannot be searched; `message` tells the person who typed it what to change."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Query:
    """The words to find: every term must match a document, by any of its forms."""

    text: str
    terms: tuple[WordForms, ...]

    @property
    def can_broaden(self) -> bool:
        """Whether some term has prefixes to strip, so that a broad search could find more. A word
        the lexicon knows has none left: the lexicon has said which of its letters are prefixes, and
        its reading is searched already (strict), so that מורים never broadens to ורים of הורים."""
        return any(term.broadening for term in self.terms)


def parse_query(text: str) -> Query:
    """Checks a query and splits it into terms; raises QueryError with a message to show."""
    text = (text or "").strip()
    if len(text) > MAX_QUERY_CHARACTERS:
        raise QueryError(
            _("The search is %(length)s characters long; at most %(limit)s are searched. Use a few words.")
            % {"length": f"{len(text):,}", "limit": MAX_QUERY_CHARACTERS}
        )
    terms = _terms(text)
    if not terms:
        raise QueryError(_("Type at least one word or number to search for."))
    if len(terms) > MAX_TERMS:
        raise QueryError(
            _("The search has %(count)s words; at most %(limit)s are searched. Use fewer words.")
            % {"count": len(terms), "limit": MAX_TERMS}
        )
    return Query(text=text, terms=tuple(terms))


def _terms(text: str) -> list[WordForms]:
    unique = {forms.exact: forms for forms in map(word_forms, words(text)) if forms.exact}
    terms = list(unique.values())
    meaningful = [term for term in terms if term.exact[0] not in STOPWORDS]
    # A query of nothing but stopwords ("מה זה") is searched as typed.
    return meaningful or terms
