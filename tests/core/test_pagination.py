"""hevruta.core.pagination: pages without COUNT(*), and page numbers from untrusted input."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hevruta.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, paginate, parse_positive_int
from hevruta.directory.models import Language


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3),
        (7, 7),
        ("0", 1),
        ("-1", 1),
        ("abc", 1),
        ("", 1),
        (None, 1),
        ("2.5", 1),
        ("²", 1),
        ("٣", 3),  # Arabic-Indic digits are numbers to int()
        (" 4 ", 4),
        ("99999999999999999999999", 10_000),
    ],
)
def test_parse_positive_int(value, expected):
    assert parse_positive_int(value, 1, maximum=10_000) == expected


def test_parse_positive_int_without_a_maximum():
    assert parse_positive_int("123456", 5) == 123456
    assert parse_positive_int("-5", 5) == 5


@given(st.one_of(st.none(), st.text(), st.integers(), st.floats(allow_nan=True)))
def test_parse_positive_int_never_raises_and_stays_in_bounds(value):
    number = parse_positive_int(value, 1, maximum=100)
    assert 1 <= number <= 100


@pytest.fixture
def languages(db):  # type: ignore[no-untyped-def]
    # Six languages come with the platform; 24 more make 30.
    for n in range(24):
        Language.objects.create(code=f"x{n:02d}", name_he=f"שפה {n}")
    return Language.objects.order_by("code")


def test_pages_follow_each_other(languages, django_assert_num_queries):
    everything = list(languages)
    assert len(everything) == 30
    with django_assert_num_queries(1):  # one query a page, no COUNT
        first = paginate(languages.all(), "1", 10)
    assert first.items == everything[:10]
    assert (first.number, first.size, first.has_next, first.has_previous) == (1, 10, True, False)
    assert (first.next_number, first.previous_number) == (2, 0)
    last = paginate(languages, 3, 10)
    assert last.items == everything[20:]
    assert (last.has_next, last.has_previous) == (False, True)
    beyond = paginate(languages, 4, 10)
    assert (beyond.items, beyond.has_next) == ([], False)


def test_page_exactly_full_has_no_next(languages):
    page = paginate(languages, 1, 30)
    assert len(page.items) == 30
    assert not page.has_next


def test_bad_page_numbers_and_sizes_fall_back(languages):
    assert paginate(languages, "-1").number == 1
    assert paginate(languages, "abc").number == 1
    assert paginate(languages, None).size == DEFAULT_PAGE_SIZE
    assert paginate(languages, 1, 10_000).size == MAX_PAGE_SIZE
    assert paginate(languages, 1, "0").size == DEFAULT_PAGE_SIZE
    # A huge page number is capped, and answers an empty page rather than an error.
    huge = paginate(languages, "99999999999999999999")
    assert (huge.number, huge.items, huge.has_next) == (10_000, [], False)
