"""Every write to the directory goes through here, one transaction each."""

import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hevruta.accounts.models import User
from hevruta.core.pagecache import data_changed
from hevruta.core.text import search_key
from hevruta.notifications.services import notify

from . import notices
from .models import (
    Decision,
    Invitation,
    JoinPolicy,
    JoinRequest,
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


# Joining a network --------------------------------------------------------------------------------
# Open networks admit at once, on-request networks through a request their managers answer, and every
# network through an invitation from its managers. Each answer is one transaction; the notices go out
# after it commits.


class JoiningError(ValidationError):
    """Why someone cannot join, leave, ask or invite: a sentence in the user's language."""


def _is_member(network: Network, person: Person) -> bool:
    return NetworkMembership.objects.filter(network=network, person=person).exists()


@transaction.atomic
def join_open_network(network: Network, person: Person) -> NetworkMembership:
    if network.join_policy != JoinPolicy.OPEN:
        raise JoiningError(_("This network does not admit members at once."))
    if _is_member(network, person):
        raise JoiningError(_("You are already a member of this network."))
    return add_member(network, person)


def _network_name(network: Network) -> dict[str, str]:
    """A notice's context holds the name in each language; each reader gets theirs."""
    return {"he": network.name, "en": network.name_en, "ar": network.name_ar}


def _managers_of(network: Network) -> list:
    return [
        membership.person.user
        for membership in network.memberships.filter(
            role=MembershipRole.MANAGER, person__user__isnull=False
        ).select_related("person__user")
    ]


@transaction.atomic
def ask_to_join(network: Network, person: Person, message: str = "") -> JoinRequest:
    if network.join_policy != JoinPolicy.ON_REQUEST:
        raise JoiningError(_("This network does not take requests to join."))
    if _is_member(network, person):
        raise JoiningError(_("You are already a member of this network."))
    if JoinRequest.objects.filter(network=network, person=person, status=Decision.PENDING).exists():
        raise JoiningError(_("You have already asked to join this network."))
    join_request = JoinRequest.objects.create(network=network, person=person, message=message.strip())
    # The managers see the asker's name on their joining page too, whatever the profile's visibility:
    # asking them is showing oneself to them.
    notify(
        _managers_of(network),
        notices.JOIN_REQUESTED,
        url=reverse("directory:network_joining", args=[network.slug]),
        context={"person": person.full_name, "network": _network_name(network)},
        actor=person.user,
    )
    return join_request


@transaction.atomic
def answer_join_request(join_request: JoinRequest, by_user: Any, accept: bool) -> JoinRequest:
    # Locked, so two managers answering at once cannot both act on the same request.
    join_request = JoinRequest.objects.select_for_update().select_related("network", "person").get(pk=join_request.pk)
    if join_request.status != Decision.PENDING:
        raise JoiningError(_("This request was already answered."))
    join_request.status = Decision.ACCEPTED if accept else Decision.DECLINED
    join_request.decided_at = timezone.now()
    join_request.decided_by = by_user
    join_request.save(update_fields=["status", "decided_at", "decided_by"])
    if accept:
        add_member(join_request.network, join_request.person)
    network = join_request.network
    notify(
        [join_request.person.user],
        notices.JOIN_ANSWERED,
        # A declined asker may not see a members-only network's page: they are sent to the list.
        url=reverse("directory:network", args=[network.slug])
        if accept or network.is_public
        else reverse("directory:networks"),
        context={"network": _network_name(network), "accepted": accept},
        actor=by_user,
    )
    return join_request


@transaction.atomic
def withdraw_join_request(join_request: JoinRequest) -> None:
    updated = JoinRequest.objects.filter(pk=join_request.pk, status=Decision.PENDING).update(
        status=Decision.WITHDRAWN, decided_at=timezone.now()
    )
    if not updated:
        raise JoiningError(_("This request was already answered."))


@transaction.atomic
def invite(
    network: Network, by_user: Any, *, email: str = "", person: Person | None = None, message: str = ""
) -> Invitation:
    """Invites an address or a person of the directory; a person's own address is used when they have one."""
    if person is not None:
        if _is_member(network, person):
            raise JoiningError(_("%(name)s is already a member of this network.") % {"name": person.full_name})
        email = str((person.user.email if person.user else "") or person.email or "")
        if not email:
            raise JoiningError(_("This person has no email address: add them to the network instead."))
    email = email.strip().lower()
    if not email:
        raise JoiningError(_("Give an email address or choose a person."))
    if NetworkMembership.objects.filter(network=network, person__email__iexact=email).exists() or (
        NetworkMembership.objects.filter(network=network, person__user__email__iexact=email).exists()
    ):
        raise JoiningError(_("%(email)s is already a member of this network.") % {"email": email})
    if Invitation.objects.filter(network=network, email=email, status=Decision.PENDING).exists():
        raise JoiningError(_("This address already has an invitation waiting."))
    invitation = Invitation.objects.create(
        network=network,
        email=email,
        person=person,
        token=secrets.token_urlsafe(32),
        message=message.strip(),
        invited_by=by_user,
    )
    _tell_invitee(invitation)
    return invitation


def _tell_invitee(invitation: Invitation) -> None:
    """Someone with an account hears of it as a notice (and by email, as they chose); an address
    without one gets an email with the invitation's link, in the inviter's language."""
    from . import tasks

    invitee = invitation.person.user if invitation.person and invitation.person.user else None
    invitee = invitee or User.objects.filter(email__iexact=invitation.email, is_active=True).first()
    inviter = invitation.invited_by
    if invitee is not None:
        notify(
            [invitee],
            notices.INVITED,
            url=reverse("directory:invitation", args=[invitation.token]),
            context={"inviter": _name_of(inviter), "network": _network_name(invitation.network)},
            actor=inviter,
        )
        return
    language = translation.get_language() or settings.LANGUAGE_CODE
    transaction.on_commit(lambda: tasks.send_invitation_email.enqueue(invitation.pk, language))


def _name_of(user: Any) -> str:
    person = Person.objects.filter(user=user).first() if user is not None else None
    return person.full_name if person else ""


def invitation_is_for(invitation: Invitation, user: object) -> bool:
    """An invitation belongs to the invited person's account, or to whoever logs in with the invited address."""
    if not getattr(user, "is_authenticated", False):
        return False
    if invitation.person_id and invitation.person.user_id == user.pk:  # type: ignore[union-attr, attr-defined]
        return True
    return invitation.email.lower() == (getattr(user, "email", "") or "").lower()


@transaction.atomic
def answer_invitation(invitation: Invitation, user: object, accept: bool) -> Invitation:
    invitation = Invitation.objects.select_for_update().select_related("network", "person").get(pk=invitation.pk)
    if not invitation_is_for(invitation, user):
        raise JoiningError(_("This invitation was sent to another address."))
    if invitation.status != Decision.PENDING:
        raise JoiningError(_("This invitation was already answered or withdrawn."))
    invitation.status = Decision.ACCEPTED if accept else Decision.DECLINED
    invitation.decided_at = timezone.now()
    invitation.save(update_fields=["status", "decided_at"])
    if accept:
        add_member(invitation.network, ensure_person_for_user(user))
    return invitation


@transaction.atomic
def withdraw_invitation(invitation: Invitation) -> None:
    updated = Invitation.objects.filter(pk=invitation.pk, status=Decision.PENDING).update(
        status=Decision.WITHDRAWN, decided_at=timezone.now()
    )
    if not updated:
        raise JoiningError(_("This invitation was already answered or withdrawn."))


@transaction.atomic
def set_join_policy(network: Network, policy: str) -> None:
    if policy not in JoinPolicy.values:
        raise JoiningError(_("Choose who may join the network."))
    network.join_policy = policy
    network.save(update_fields=["join_policy", "updated_at"])


@transaction.atomic
def leave_network(network: Network, person: Person) -> None:
    membership = NetworkMembership.objects.select_for_update().filter(network=network, person=person).first()
    if membership is None:
        raise JoiningError(_("You are not a member of this network."))
    if membership.role == MembershipRole.MANAGER:
        managers = NetworkMembership.objects.select_for_update().filter(network=network, role=MembershipRole.MANAGER)
        if managers.count() == 1:
            raise JoiningError(_("You are this network's only manager: name another manager before you leave."))
    membership.delete()
    if person.user_id:
        _forget_viewer(person.user)


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
                is_senior=row.is_senior,
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
