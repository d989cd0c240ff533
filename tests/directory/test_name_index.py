"""The name index follows every write to people, however it is made, on both databases.

They also guard the SQLite triggers: a later migration that rebuilds directory_person drops them
(docs/architecture.md), and these tests then fail.
"""

import pytest

from hevruta.directory.generate import generate_network
from hevruta.directory.models import Person, Visibility
from hevruta.directory.queries import PeopleFilter, search_people
from tests.factories import PersonFactory


def found(query: str) -> set[str]:
    return {person.full_name for person in search_people(None, PeopleFilter(query=query))}


@pytest.fixture
def noa(db) -> Person:
    return PersonFactory(given_name="נועה", family_name="כהן", profile_visibility=Visibility.PUBLIC)


def test_a_new_person_is_found_by_any_word_beginning(noa):
    assert found("נוע") == found("כה") == found("כהן נו") == {"נועה כהן"}
    assert found("עה") == set()


def test_a_renamed_person_is_found_by_the_new_name_only(noa):
    noa.family_name = "לוי"
    noa.save()
    assert found("לו") == {"נועה לוי"}
    assert found("כה") == set()


def test_a_deleted_person_is_not_found(noa):
    noa.delete()
    assert found("כה") == set()


def test_bulk_updates_reach_the_index(noa):
    Person.objects.filter(pk=noa.pk).update(search_text="נועה מזרחי")
    assert found("מז") == {"נועה כהן"}
    assert found("כה") == set()


def test_people_written_by_raw_inserts_are_found(db):
    result = generate_network(seed=11, scale=0.003)
    generated = Person.objects.filter(memberships__network=result.network)
    person = generated.filter(profile_visibility=Visibility.PUBLIC).first()
    assert person is not None
    assert person.full_name in found(f"{person.given_name[:2]} {person.family_name[:2]}")


@pytest.mark.parametrize("query", ["_", "__ ___", "a_b", "נו_עה", "'\"*", "NEAR(a b)", "x OR y", "כה*"])
def test_query_syntax_and_underscores_are_only_letters(noa, query):
    # Neither FTS5's nor tsquery's syntax reaches the database: these are words, or nothing.
    assert isinstance(found(query), set)
    assert found(f"{query} כה") <= {"נועה כהן"}


def test_an_underscore_parts_words_as_a_space_does(noa):
    assert found("נו_כה") == {"נועה כהן"}
