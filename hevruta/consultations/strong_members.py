"""The table of strong members (`StrongMember`) that the suggestions rank from, kept equal to what the
directory says.

A person's rows are rewritten from scratch (`refresh`) whenever something they are made of changes:
their name, locality or profile's visibility, their strengths, their networks, their posts, or the
sector of an organization they work at, or the place of their locality. Single writes (services, the
admin, anything that saves a model) reach it through the models' signals, connected in `connect`;
bulk writes, which send none, send the directory's `people_changed` with the people they wrote (or
none, meaning everyone), and `rebuild` recomputes every row. `expected_rows` is the same computation
without writing, which the tests compare the table with.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q, signals
from django.utils import timezone

from hevruta.directory.models import Locality, NetworkMembership, Organization, Person, Position, Sector, Visibility
from hevruta.directory.signals import people_changed

from .models import StrongMember

CHUNK = 5_000  # people computed and written at a time
SECTOR_BITS = {sector: 1 << number for number, sector in enumerate(Sector.values)}
Row = tuple[int, int, int, str, str, int | None, int | None, int, int]  # network, topic, person, ..., sectors


def sector_bit(sector: str) -> int:
    return SECTOR_BITS.get(sector, 0)


def expected_rows(person_ids: Iterable[int] | None = None) -> set[Row]:
    """The rows these people (everyone, for None) should have, computed from the directory."""
    strengths = Person.strengths.through.objects.all()
    if person_ids is not None:
        strengths = strengths.filter(person_id__in=list(person_ids))
    topics: dict[int, list[int]] = defaultdict(list)
    for person_id, topic_id in strengths.values_list("person_id", "topic_id"):
        topics[person_id].append(topic_id)
    rows: set[Row] = set()
    ids = sorted(topics)
    for start in range(0, len(ids), CHUNK):
        rows |= _rows_of(ids[start : start + CHUNK], topics)
    return rows


def _rows_of(ids: list[int], topics: dict[int, list[int]]) -> set[Row]:
    people = (
        Person.objects.filter(pk__in=ids)
        .exclude(profile_visibility=Visibility.PRIVATE)
        .values_list("pk", "family_name", "given_name", "locality__peripherality_cluster", "locality__district")
    )
    networks: dict[int, list[int]] = defaultdict(list)
    for person_id, network_id in NetworkMembership.objects.filter(person_id__in=ids).values_list(
        "person_id", "network_id"
    ):
        networks[person_id].append(network_id)
    sectors, dated = _sectors_of(ids)
    return {
        (network_id, topic_id, pk, family, given, cluster, district, sectors[pk], dated[pk])
        for pk, family, given, cluster, district in people
        for network_id in networks[pk]
        for topic_id in topics[pk]
    }


def _sectors_of(ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    """The sectors of each person's current posts, as bits: of the posts without an end, and of those
    that end later (which the ranking checks against the date it reads them on)."""
    sectors: dict[int, int] = defaultdict(int)
    dated: dict[int, int] = defaultdict(int)
    posts = Position.objects.filter(person_id__in=ids).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate())
    )
    for person_id, sector, end_date in posts.values_list("person_id", "organization__sector", "end_date"):
        if end_date is None:
            sectors[person_id] |= sector_bit(sector)
        else:
            dated[person_id] |= sector_bit(sector)
    return sectors, dated


def _model(row: Row) -> StrongMember:
    network_id, topic_id, person_id, family, given, cluster, district, sectors, dated = row
    return StrongMember(
        network_id=network_id,
        topic_id=topic_id,
        person_id=person_id,
        family_name=family,
        given_name=given,
        cluster=cluster,
        district=district,
        sectors=sectors,
        dated_sectors=dated,
    )


def table_rows() -> set[Row]:
    """What the table holds, in the form of `expected_rows`."""
    return set(
        StrongMember.objects.values_list(
            "network_id",
            "topic_id",
            "person_id",
            "family_name",
            "given_name",
            "cluster",
            "district",
            "sectors",
            "dated_sectors",
        )
    )


@transaction.atomic
def refresh(person_ids: Iterable[int]) -> None:
    """Rewrite these people's rows."""
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        StrongMember.objects.filter(person_id__in=chunk).delete()
        StrongMember.objects.bulk_create(map(_model, expected_rows(chunk)), batch_size=CHUNK)


@transaction.atomic
def rebuild() -> int:
    """Rewrite every row (after bulk writes, or to check a deployment): how many there are now."""
    StrongMember.objects.all().delete()
    rows = expected_rows()
    StrongMember.objects.bulk_create(map(_model, rows), batch_size=CHUNK)
    return len(rows)


# What keeps the table current ------------------------------------------------------------------------


# A restore (`loaddata`) saves rows raw and brings the table's rows as they were: nothing is computed from
# a half-loaded directory. The person's strengths are set right after, on the same object, so it is marked.


def _person_saved(sender: Any, instance: Person, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        instance._restored_from_a_dump = True  # type: ignore[attr-defined]
        return
    refresh([instance.pk])


def _post_or_membership_changed(sender: Any, instance: Position | NetworkMembership, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    origin = kwargs.get("origin")
    if isinstance(origin, Person) or getattr(origin, "model", None) is Person:
        return  # the person is being deleted, and their rows with them
    refresh([instance.person_id])


def _organization_saved(sender: Any, instance: Organization, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    # Its sector may have changed: the people working there.
    refresh(Position.objects.filter(organization_id=instance.pk).values_list("person_id", flat=True))


def _locality_saved(sender: Any, instance: Locality, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    refresh(Person.objects.filter(locality_id=instance.pk).values_list("pk", flat=True))


def _strengths_changed(sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any) -> None:
    if not reverse:  # a person's strengths
        if getattr(instance, "_restored_from_a_dump", False):
            return
        if action.startswith("post_"):
            refresh([instance.pk])
        return
    # A topic's people: those added or removed, or, when all are cleared, those it had before.
    if action in ("post_add", "post_remove"):
        refresh(pk_set)
    elif action == "pre_clear":
        instance._strong_before_clear = list(instance.strong_people.values_list("pk", flat=True))
    elif action == "post_clear":
        refresh(getattr(instance, "_strong_before_clear", []))


def _people_changed(sender: Any, person_ids: Iterable[int] | None = None, **kwargs: Any) -> None:
    if person_ids is None:
        rebuild()
    else:
        refresh(person_ids)


def connect() -> None:
    uid = "consultations-strong-members"
    signals.post_save.connect(_person_saved, sender=Person, dispatch_uid=f"{uid}-person")
    for model in (Position, NetworkMembership):
        for signal in (signals.post_save, signals.post_delete):
            signal.connect(_post_or_membership_changed, sender=model, dispatch_uid=f"{uid}-{model.__name__}")
    signals.post_save.connect(_organization_saved, sender=Organization, dispatch_uid=f"{uid}-organization")
    signals.post_save.connect(_locality_saved, sender=Locality, dispatch_uid=f"{uid}-locality")
    signals.m2m_changed.connect(_strengths_changed, sender=Person.strengths.through, dispatch_uid=f"{uid}-strengths")
    people_changed.connect(_people_changed, dispatch_uid=f"{uid}-people")
