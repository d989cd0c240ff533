"""Suggestions on a small network whose ranking a person can count by hand (conftest.py):

Points: strength 4; speaks for a strong organization 3; helped on the topic 2 each; published 1 each;
endorsed 1 each; peripherality cluster within one, same district, same sector 1 each.

- Carmel Gamma: heads a strong city (3), helped twice (4), its strength endorsed once (1); the city is
  in cluster 2 (one from the council's 3: 1) in the North (1), Arab sector (the council is state: 0) = 10
- Ayelet Alpha: strong (4), cluster 4 (1), North (1), teaches at a state school (1) = 7
- Bina Beta: strong (4), Tel Aviv, cluster 9, no post = 4
- Dafna Delta: two resources (2), cluster 3 (1), North (1) = 4; ties with Beta, and Beta comes first by name
"""

import pytest

from hevruta.consultations.suggestions import suggest

pytestmark = pytest.mark.django_db


def _table(suggestions):  # type: ignore[no-untyped-def]
    return [(s.person.family_name, s.score, sorted((r.code, r.points) for r in s.reasons)) for s in suggestions]


def test_the_ranking_and_each_reason_are_what_a_person_counts(cities):
    assert _table(suggest(cities.consultation)) == [
        ("Gamma", 10, [("cluster", 1), ("district", 1), ("endorsed", 1), ("helped", 4), ("organization_strength", 3)]),
        ("Alpha", 7, [("cluster", 1), ("district", 1), ("sector", 1), ("strength", 4)]),
        ("Beta", 4, [("strength", 4)]),
        ("Delta", 4, [("cluster", 1), ("district", 1), ("published", 2)]),
    ]


def test_reasons_read_as_sentences(cities):
    gamma = suggest(cities.consultation)[0]
    assert gamma.organization == cities.strong_city
    texts = [reason.text for reason in gamma.reasons]
    assert "Helped 2 others on this topic" in texts
    assert "Speaks for עירייה חזקה, strong in this" in texts
    assert "Endorsed by 1 peer they helped" in texts


def test_hidden_profiles_outsiders_colleagues_and_places_alone_are_never_suggested(cities):
    suggested = {s.person for s in suggest(cities.consultation)}
    for person in (cities.hidden, cities.colleague, cities.epsilon, cities.world.member):
        assert person not in suggested
    assert all(s.person.family_name != "Away" for s in suggest(cities.consultation))


def test_a_limit_keeps_the_first_by_points_then_name(cities):
    assert [s.person.family_name for s in suggest(cities.consultation, limit=3)] == ["Gamma", "Alpha", "Beta"]


def test_the_many_only_strong_are_ranked_by_their_place_in_the_database(cities):
    from tests.factories import PersonFactory, member

    # Twenty more strong people far away: Alpha (near) still comes before every one of them.
    for number in range(20):
        person = PersonFactory(given_name="Far", family_name=f"Aaron{number:02d}")
        member(cities.world.home, person)
        person.strengths.add(cities.topic)
    names = [s.person.family_name for s in suggest(cities.consultation, limit=3)]
    assert names == ["Gamma", "Alpha", "Aaron00"]


def test_invited_people_are_marked(cities):
    from hevruta.consultations import services

    services.invite(cities.consultation, cities.world.member, [cities.alpha])
    marked = {s.person.family_name: s.invited for s in suggest(cities.consultation)}
    assert marked["Alpha"] is True and marked["Beta"] is False
