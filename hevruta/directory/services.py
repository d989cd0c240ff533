"""Every write to the directory goes through here, one transaction each."""

from collections.abc import Callable, Iterable

from django.core.cache import BaseCache, caches
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify

from hevruta.core.pagecache import data_changed
from hevruta.core.text import search_key

from .models import (
    MembershipRole,
    Network,
    NetworkMembership,
    NetworkOrganization,
    Organization,
    Person,
    Position,
    RosterImport,
)
from .roster import CheckedRoster, RosterRow, check_roster

BULK_BATCH = 2000


def _forget_viewer(user: object) -> None:
    if hasattr(user, "_hevruta_viewer"):
        del user._hevruta_viewer  # type: ignore[attr-defined]


@transaction.atomic
def ensure_person_for_user(user) -> Person:  # type: ignore[no-untyped-def]
    """The directory profile of a signed-up user; an imported person with the same email is claimed."""
    person = Person.objects.filter(user=user).first()
    if person:
        return person
    person = Person.objects.select_for_update().filter(email__iexact=user.email, user__isnull=True).first()
    if person:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    else:
        local_part = user.email.split("@")[0]
        person = Person.objects.create(
            user=user,
            email=user.email,
            given_name=user.first_name or local_part,
            family_name=user.last_name or "",
        )
    _forget_viewer(user)
    return person


@transaction.atomic
def update_profile(person: Person, fields: dict, relations: dict[str, Iterable]) -> Person:
    for name, value in fields.items():
        setattr(person, name, value)
    person.save()
    for name, values in relations.items():
        getattr(person, name).set(values)
    return person


@transaction.atomic
def create_network(name: str, *, kind: str, is_public: bool = True, description: str = "", **names: str) -> Network:
    # Room for a "-N" suffix within the slug field's 50 characters.
    base = slugify(names.get("name_en") or name, allow_unicode=True)[:44].strip("-") or "network"
    slug, counter = base, 1
    while Network.objects.filter(slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    return Network.objects.create(
        name=name, slug=slug, kind=kind, is_public=is_public, description=description, **names
    )


@transaction.atomic
def add_member(network: Network, person: Person, role: str = MembershipRole.MEMBER) -> NetworkMembership:
    membership, created = NetworkMembership.objects.get_or_create(
        network=network, person=person, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    if person.user_id:
        _forget_viewer(person.user)
    return membership


@transaction.atomic
def remove_member(network: Network, person: Person) -> None:
    NetworkMembership.objects.filter(network=network, person=person).delete()


@transaction.atomic
def add_organization(network: Network, organization: Organization) -> None:
    NetworkOrganization.objects.get_or_create(network=network, organization=organization)


# Roster import -----------------------------------------------------------------------------------


# Progress is written inside the import's transaction, so not to the default cache, which without Redis
# is a database table (invisible until commit): to the cache of pages, Redis or the process's memory.
def _progress_cache() -> BaseCache:
    return caches["pages"]


def _progress_key(roster_import_id: int) -> str:
    return f"roster-import:{roster_import_id}:progress"


def roster_progress(roster_import: RosterImport) -> int:
    """Rows written so far; kept in the cache because the import's transaction is not yet visible."""
    if roster_import.status != RosterImport.Status.RUNNING:
        return roster_import.processed_rows
    return _progress_cache().get(_progress_key(roster_import.pk), 0)


@transaction.atomic
def stage_roster(network: Network, user, name: str, content: bytes) -> tuple[RosterImport, CheckedRoster]:  # type: ignore[no-untyped-def]
    """Check an uploaded roster and keep it for confirmation; nothing in the directory changes."""
    checked = check_roster(name, content)
    roster_import = RosterImport(
        network=network,
        uploaded_by=user,
        original_name=name[:255],
        total_rows=len(checked.rows) + len({problem.row for problem in checked.problems}),
        errors=[problem.as_dict() for problem in checked.problems[:1000]],
        status=RosterImport.Status.PREVIEWED if checked.is_valid else RosterImport.Status.INVALID,
    )
    # The file is kept only until it is confirmed: it holds national ID numbers in the clear. A refused
    # file is never kept; the report of its problems is.
    if checked.is_valid:
        roster_import.file.save(f"{network.pk}-{slugify(name) or 'roster'}", ContentFile(content), save=False)
    roster_import.save()
    return roster_import, checked


def _discard_roster_file(roster_import: RosterImport) -> None:
    if roster_import.file:
        roster_import.file.delete(save=False)
        RosterImport.objects.filter(pk=roster_import.pk).update(file="")


def confirm_roster(roster_import: RosterImport, on_progress: Callable[[int], None] | None = None) -> dict:
    """Apply a checked roster: all of it in one transaction, or none of it."""
    if roster_import.status != RosterImport.Status.PREVIEWED:
        raise ValueError("Only a checked, valid roster can be imported.")
    RosterImport.objects.filter(pk=roster_import.pk).update(status=RosterImport.Status.RUNNING)
    roster_import.status = RosterImport.Status.RUNNING
    with roster_import.file.open("rb") as handle:
        content = handle.read()
    try:
        checked = check_roster(roster_import.original_name, content)
        if not checked.is_valid:
            raise ValueError("The roster no longer passes its checks.")

        def progress(done: int) -> None:
            _progress_cache().set(_progress_key(roster_import.pk), done, 3600)
            if on_progress:
                on_progress(done)

        summary = import_roster(roster_import.network, checked.rows, progress)
    except Exception:
        RosterImport.objects.filter(pk=roster_import.pk).update(status=RosterImport.Status.FAILED)
        _discard_roster_file(roster_import)
        raise
    RosterImport.objects.filter(pk=roster_import.pk).update(
        status=RosterImport.Status.DONE, processed_rows=len(checked.rows), summary=summary
    )
    _discard_roster_file(roster_import)
    roster_import.refresh_from_db()
    return summary


@transaction.atomic
def import_roster(network: Network, rows: list[RosterRow], progress: Callable[[int], None] | None = None) -> dict:
    """Write checked rows in bulk. Matching on email makes a second import of the same file change nothing."""
    summary = {"people_created": 0, "people_updated": 0, "positions_created": 0, "memberships_created": 0}
    data_changed("directory")  # bulk writes send no signals
    organizations = _organizations_for(rows)
    for start in range(0, len(rows), BULK_BATCH):
        batch = rows[start : start + BULK_BATCH]
        people = _upsert_people(batch, summary)
        _add_positions(batch, people, organizations, summary)
        _add_memberships(network, people.values(), summary)
        _add_taxonomy(batch, people)
        if progress:
            progress(start + len(batch))
    return summary


def _organizations_for(rows: list[RosterRow]) -> dict[str, int]:
    by_name = {name.strip().lower(): pk for pk, name in Organization.objects.values_list("pk", "name")}
    new: dict[str, Organization] = {}
    for row in rows:
        key = row.organization_name.lower()
        if row.organization_name and key not in by_name and key not in new:
            # bulk_create skips save(), which fills search_text; so it is filled here.
            new[key] = Organization(
                name=row.organization_name,
                kind=row.organization_kind,
                search_text=search_key(row.organization_name),
            )
    if new:
        Organization.objects.bulk_create(new.values(), batch_size=BULK_BATCH)
        created = Organization.objects.filter(name__in=[organization.name for organization in new.values()])
        for pk, name in created.values_list("pk", "name"):
            by_name.setdefault(name.strip().lower(), pk)
    return by_name


_PERSON_FIELDS = ("given_name", "family_name", "phone", "national_id_hash", "locality_id")


def _upsert_people(batch: list[RosterRow], summary: dict) -> dict[str, Person]:
    firsts: dict[str, RosterRow] = {}
    for row in batch:
        firsts.setdefault(row.email, row)
    existing = {person.email: person for person in Person.objects.filter(email__in=list(firsts))}
    new_people, changed = [], []
    for email, row in firsts.items():
        person = existing.get(email)
        values = {
            "given_name": row.given_name,
            "family_name": row.family_name,
            "phone": row.phone,
            "national_id_hash": row.national_id_hash,
            "locality_id": row.locality_id,
        }
        if person is None:
            person = Person(email=email, **values)
            person.search_text = search_key(row.given_name, row.family_name)
            new_people.append(person)
            continue
        # An empty cell never erases what the person or an earlier import wrote.
        updates = {key: value for key, value in values.items() if value and getattr(person, key) != value}
        if updates:
            for key, value in updates.items():
                setattr(person, key, value)
            person.search_text = search_key(person.given_name, person.family_name)
            changed.append(person)
    Person.objects.bulk_create(new_people, batch_size=BULK_BATCH)
    if changed:
        Person.objects.bulk_update(changed, [*_PERSON_FIELDS, "search_text"], batch_size=BULK_BATCH)
    summary["people_created"] += len(new_people)
    summary["people_updated"] += len(changed)
    # bulk_create sets primary keys on PostgreSQL and SQLite alike; re-read to be sure on any backend.
    return {str(person.email): person for person in Person.objects.filter(email__in=list(firsts))}


def _add_positions(
    batch: list[RosterRow], people: dict[str, Person], organizations: dict[str, int], summary: dict
) -> None:
    person_ids = [person.pk for person in people.values()]
    existing = set(
        Position.objects.filter(person_id__in=person_ids).values_list(
            "person_id", "organization_id", "title", "start_date"
        )
    )
    new_positions = []
    for row in batch:
        if not row.organization_name:
            continue
        key = (people[row.email].pk, organizations[row.organization_name.lower()], row.title, row.start_date)
        if key in existing:
            continue
        existing.add(key)
        new_positions.append(
            Position(
                person_id=key[0],
                organization_id=key[1],
                title=row.title,
                role=row.role,
                start_date=row.start_date,
                end_date=row.end_date,
            )
        )
    Position.objects.bulk_create(new_positions, batch_size=BULK_BATCH)
    summary["positions_created"] += len(new_positions)


def _add_memberships(network: Network, people: Iterable[Person], summary: dict) -> None:
    person_ids = {person.pk for person in people}
    existing = set(
        NetworkMembership.objects.filter(network=network, person_id__in=person_ids).values_list("person_id", flat=True)
    )
    new = [NetworkMembership(network=network, person_id=pk) for pk in person_ids - existing]
    NetworkMembership.objects.bulk_create(new, batch_size=BULK_BATCH)
    summary["memberships_created"] += len(new)


def _add_taxonomy(batch: list[RosterRow], people: dict[str, Person]) -> None:
    for relation, attribute in (
        ("subjects", "subject_ids"),
        ("grade_bands", "grade_band_ids"),
        ("languages", "language_ids"),
    ):
        through = getattr(Person, relation).through
        target = through._meta.get_field(relation[:-1] if relation != "grade_bands" else "gradeband").attname
        wanted = {(people[row.email].pk, pk) for row in batch for pk in getattr(row, attribute)}
        if not wanted:
            continue
        existing = set(
            through.objects.filter(person_id__in={person_id for person_id, _ in wanted}).values_list(
                "person_id", target
            )
        )
        through.objects.bulk_create(
            [through(person_id=person_id, **{target: pk}) for person_id, pk in wanted - existing],
            batch_size=BULK_BATCH,
        )
