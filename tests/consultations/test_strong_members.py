"""The strong members' table the suggestions rank from: equal to a full recomputation after every
kind of write, and the first few suggestions read through it the same as the first few of all."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hevruta.consultations.strong_members import expected_rows, rebuild, table_rows
from hevruta.consultations.suggestions import suggest
from hevruta.directory import services as directory
from hevruta.directory.models import District, Position, Sector, Visibility
from hevruta.directory.roster import RosterRow
from tests.factories import LocalityFactory, OrganizationFactory, PersonFactory, PositionFactory, member

pytestmark = pytest.mark.django_db


def _agrees() -> set:
    rows = table_rows()
    assert rows == expected_rows()
    return rows


def _rows_of(person) -> set:  # type: ignore[no-untyped-def]
    return {row for row in table_rows() if row[2] == person.pk}


def test_the_table_follows_every_write_to_what_it_is_made_of(cities):
    world, topic, alpha = cities.world, cities.topic, cities.alpha
    rows = _agrees()
    assert len(_rows_of(alpha)) == 1 and not _rows_of(cities.hidden) and not _rows_of(cities.epsilon)

    # The profile: a new strength, a move, a new name, then made private and shown again.
    other_topic = type(topic).objects.exclude(pk=topic.pk).first()
    far = LocalityFactory(district=District.SOUTH, peripherality_cluster=1)
    directory.update_profile(alpha, {"locality": far, "family_name": "Alpha-Levi"}, {"strengths": [topic, other_topic]})
    assert {(row[1], row[3], row[5], row[6]) for row in _rows_of(alpha)} == {
        (topic.pk, "Alpha-Levi", 1, District.SOUTH),
        (other_topic.pk, "Alpha-Levi", 1, District.SOUTH),
    }
    _agrees()
    directory.update_profile(alpha, {"profile_visibility": Visibility.PRIVATE}, {})
    assert not _rows_of(alpha)
    directory.update_profile(alpha, {"profile_visibility": Visibility.NETWORK}, {})
    assert _rows_of(alpha)
    _agrees()

    # Networks: joining another gives rows there too; leaving takes them away.
    directory.add_member(world.away, alpha)
    assert {row[0] for row in _rows_of(alpha)} == {world.home.pk, world.away.pk}
    directory.remove_member(world.away, alpha)
    assert {row[0] for row in _rows_of(alpha)} == {world.home.pk}
    _agrees()

    # Posts and their organizations' sectors: a post with an end counts apart; a sector changed.
    school = OrganizationFactory(sector=Sector.DRUZE)
    post = PositionFactory(person=alpha, organization=school, end_date=timezone.localdate() + timedelta(days=30))
    _agrees()
    school.sector = Sector.BEDOUIN
    school.save()
    _agrees()
    post.delete()
    _agrees()

    # A locality's place, and a topic's people changed from the topic's side.
    far.peripherality_cluster = 2
    far.save()
    topic.strong_people.add(cities.epsilon)
    topic.strong_people.remove(cities.beta)
    _agrees()
    other_topic.strong_people.clear()
    assert _agrees() != rows


def test_a_roster_import_updates_the_rows_of_the_people_it_writes(cities):
    """Bulk writes send no model signals: the import tells the table whom it wrote."""
    north = LocalityFactory(district=District.NORTH, peripherality_cluster=5)
    row = RosterRow(
        number=2,
        email=cities.alpha.email,
        given_name="Ayelet",
        family_name="Alpha",
        locality_id=north.pk,
        organization_name="בית ספר חדש",
        organization_kind="school",
        title="מורה",
        role="teacher",
    )
    directory.import_roster(cities.world.away, [row])
    assert {(row[0], row[5]) for row in _rows_of(cities.alpha)} == {
        (cities.world.home.pk, 5),
        (cities.world.away.pk, 5),
    }
    _agrees()


def test_a_rebuild_writes_what_was_there(cities):
    before = _agrees()
    assert rebuild() == len(before)
    assert table_rows() == before


def _crowd(cities, n: int, locality, sector: str | None, name: str) -> None:  # type: ignore[no-untyped-def]
    organization = OrganizationFactory(sector=sector) if sector else None
    for number in range(n):
        person = PersonFactory(given_name=name, family_name=f"{name}{number:02d}", locality=locality)
        member(cities.world.home, person)
        person.strengths.add(cities.topic)
        if organization is not None:
            PositionFactory(person=person, organization=organization)


def _ranked(suggestions) -> list:  # type: ignore[no-untyped-def]
    return [(s.person.pk, s.score, sorted((r.code, r.points) for r in s.reasons)) for s in suggestions]


@pytest.mark.parametrize("limit", [1, 3, 5, 8, 12])
def test_the_first_few_are_the_first_few_of_everyone(cities, limit):
    """Many strong people, placed every way around the asker (North, cluster 3, state sector): the
    first `limit` suggestions, whether the best placed fill them or not, are the first of all."""
    near = LocalityFactory(district=District.NORTH, peripherality_cluster=2)
    north_far = LocalityFactory(district=District.NORTH, peripherality_cluster=8)
    south_near = LocalityFactory(district=District.SOUTH, peripherality_cluster=4)
    _crowd(cities, 6, near, Sector.STATE, "Best")  # 4 + 3
    _crowd(cities, 3, near, Sector.ARAB, "Near")  # 4 + 2
    _crowd(cities, 3, north_far, Sector.STATE, "North")  # 4 + 2
    _crowd(cities, 3, south_near, None, "South")  # 4 + 1
    _crowd(cities, 3, None, None, "Nowhere")  # 4
    everyone = suggest(cities.consultation, limit=100)
    assert len(everyone) == 4 + 18  # the hand-built four and the crowd
    assert _ranked(suggest(cities.consultation, limit=limit)) == _ranked(everyone[:limit])


def test_a_post_that_has_ended_since_the_rows_were_written_no_longer_counts(cities):
    """A post with an end date counts for its sector while it lasts, even if nothing is written when
    it ends."""
    state_school = OrganizationFactory(sector=Sector.STATE)
    beta = cities.beta
    post = PositionFactory(person=beta, organization=state_school, end_date=timezone.localdate() + timedelta(days=1))
    reasons = {s.person.pk: {r.code for r in s.reasons} for s in suggest(cities.consultation)}
    assert "sector" in reasons[beta.pk]
    Position.objects.filter(pk=post.pk).update(end_date=timezone.localdate() - timedelta(days=1))  # time passed
    reasons = {s.person.pk: {r.code for r in s.reasons} for s in suggest(cities.consultation)}
    assert "sector" not in reasons[beta.pk]
