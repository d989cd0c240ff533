"""Every write to the directory goes through here, one transaction each."""

import secrets
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hevruta.accounts.models import User
from hevruta.core.jobs import services as jobs
from hevruta.core.jobs.models import Job
from hevruta.core.jobs.queries import latest_job_of
from hevruta.core.jobs.services import JobRefused
from hevruta.core.pagecache import data_changed
from hevruta.core.text import search_key
from hevruta.insights import activity
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
from .roster import CheckedRoster, RosterError, RosterRow, check_roster, precheck
from .signals import people_changed

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
    if created:
        activity.record("directory.member_joined", person=person, network=network, subject=membership)
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
    # Only the invitation is locked: its person may be empty, and PostgreSQL locks no outer-joined row.
    invitation = (
        Invitation.objects.select_for_update(of=("self",)).select_related("network", "person").get(pk=invitation.pk)
    )
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
#
# In the web request a roster is only looked at (precheck: its kind, its size unzipped, its number of
# rows) and kept; a worker then checks every row (job "directory.roster_check") and, once a manager
# confirms, writes it whole in one transaction (job "directory.roster_import"). The API's one call
# checks and imports in a single job. The file is deleted once imported, discarded, refused or dry-run.

ROSTER_CHECK = "directory.roster_check"
ROSTER_IMPORT = "directory.roster_import"


@transaction.atomic
def upload_roster(  # type: ignore[no-untyped-def]
    network: Network, user, name: str, content: bytes, *, dry_run: bool = False, then_import: bool = False
) -> tuple[RosterImport, Job]:
    """Keep an uploaded roster and queue its check (and import); RosterError if it cannot be one."""
    estimated_rows = precheck(name, content)
    roster_import = RosterImport(
        network=network,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        original_name=name[:255],
        dry_run=dry_run,
        total_rows=estimated_rows,
        status=RosterImport.Status.RUNNING if then_import else RosterImport.Status.CHECKING,
    )
    roster_import.file.save(name, ContentFile(content), save=False)
    roster_import.save()
    # Should this transaction roll back, the file is an orphan that discard_abandoned_rosters removes.
    kind = ROSTER_IMPORT if then_import else ROSTER_CHECK
    job = jobs.start(kind, subject=roster_import, user=user, total=estimated_rows)
    return roster_import, job


@transaction.atomic
def confirm_roster(roster_import: RosterImport, user) -> Job:  # type: ignore[no-untyped-def]
    """Queue the import of a checked, valid roster."""
    roster_import = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
    if roster_import.status != RosterImport.Status.PREVIEWED or not roster_import.file:
        raise RosterError(_("Only a checked, valid roster can be imported."))
    roster_import.status = RosterImport.Status.RUNNING
    roster_import.save(update_fields=["status", "updated_at"])
    return jobs.start(ROSTER_IMPORT, subject=roster_import, user=user, total=roster_import.total_rows)


@transaction.atomic
def retry_roster_import(roster_import: RosterImport) -> Job:
    """A failed import, tried again from its kept file."""
    roster_import = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
    job = latest_job_of(roster_import)
    if roster_import.status != RosterImport.Status.FAILED or not roster_import.file or job is None:
        raise RosterError(_("Only a failed import whose file is still kept can be tried again."))
    roster_import.status = RosterImport.Status.RUNNING if job.kind == ROSTER_IMPORT else RosterImport.Status.CHECKING
    roster_import.save(update_fields=["status", "updated_at"])
    return jobs.retry(job)


@transaction.atomic
def discard_roster(roster_import: RosterImport) -> RosterImport:
    """Forget a roster that waits for confirmation or failed: its file is deleted, nothing is imported."""
    roster_import = RosterImport.objects.select_for_update().get(pk=roster_import.pk)
    if not roster_import.may_be_discarded:
        raise RosterError(_("Only a roster waiting for confirmation, or one that failed, can be discarded."))
    roster_import.status = RosterImport.Status.DISCARDED
    _forget_file_on_commit(roster_import)
    roster_import.save(update_fields=["status", "file", "updated_at"])
    return roster_import


def _delete_file(name: str | None) -> None:
    if name:
        RosterImport.file.field.storage.delete(name)


def _forget_file_on_commit(roster_import: RosterImport) -> None:
    """Files are not transactional: the row forgets the file now, the disk once the row has committed."""
    name = roster_import.file.name
    roster_import.file = ""  # type: ignore[assignment]
    transaction.on_commit(lambda: _delete_file(name))


def _roster_of(job: Job, for_update: bool = False) -> RosterImport:
    imports = RosterImport.objects.select_for_update() if for_update else RosterImport.objects.all()
    return imports.select_related("network").get(pk=job.subject_id or 0)


def _read_kept_file(roster_import: RosterImport) -> bytes:
    if not roster_import.file:
        raise JobRefused(_("The roster's file is no longer kept; upload it again."))
    with roster_import.file.open("rb") as handle:
        return handle.read()


def check_kept_roster(job: Job, progress: jobs.Progress) -> CheckedRoster:
    roster_import = _roster_of(job)
    content = _read_kept_file(roster_import)
    try:
        return check_roster(roster_import.original_name, content, progress=lambda done: progress(done))
    except RosterError as error:
        raise JobRefused(str(error)) from None


def _roster_result(roster_import: RosterImport) -> dict:
    return {
        "roster_import": roster_import.pk,
        "status": roster_import.status,
        "encoding": roster_import.encoding,
        "total_rows": roster_import.total_rows,
        "errors": roster_import.errors,
        "summary": roster_import.summary,
    }


def _record_check(roster_import: RosterImport, checked: CheckedRoster) -> None:
    roster_import.total_rows = len(checked.rows) + len({problem.row for problem in checked.problems})
    roster_import.errors = [problem.as_dict() for problem in checked.problems[:1000]]
    roster_import.encoding = checked.encoding


def write_roster_check(job: Job, checked: CheckedRoster, progress: jobs.Progress) -> dict:
    """The check's outcome: previewed (waiting for confirmation) or refused with its problems."""
    roster_import = _roster_of(job, for_update=True)
    _record_check(roster_import, checked)
    roster_import.status = RosterImport.Status.PREVIEWED if checked.is_valid else RosterImport.Status.INVALID
    if roster_import.dry_run or not checked.is_valid:
        _forget_file_on_commit(roster_import)
    roster_import.save()
    progress(roster_import.total_rows, roster_import.total_rows)
    return _roster_result(roster_import)


def write_roster_import(job: Job, checked: CheckedRoster, progress: jobs.Progress) -> dict:
    """All the roster's rows in the directory, in the job's one transaction, or a refusal."""
    roster_import = _roster_of(job, for_update=True)
    _record_check(roster_import, checked)
    if not checked.is_valid:
        roster_import.status = RosterImport.Status.INVALID
        _forget_file_on_commit(roster_import)
        roster_import.save()
        raise JobRefused(
            _("The roster was refused and nothing was written: %(problems)s problems in %(rows)s rows.")
            % {"problems": len(checked.problems), "rows": len({problem.row for problem in checked.problems})},
            result=_roster_result(roster_import),
        )
    total = len(checked.rows)
    summary = import_roster(roster_import.network, checked.rows, lambda done: progress(done, total))
    roster_import.status, roster_import.summary = RosterImport.Status.DONE, summary
    _forget_file_on_commit(roster_import)
    roster_import.save()
    progress(total, total)
    return _roster_result(roster_import)


def roster_job_failed(job: Job, refusal: JobRefused | None) -> None:
    """Inside the transaction that fails the job: the import says so (a refused file says INVALID itself)."""
    if refusal is not None and refusal.result.get("status") == RosterImport.Status.INVALID:
        RosterImport.objects.filter(pk=job.subject_id or 0).update(
            status=RosterImport.Status.INVALID, file="", errors=refusal.result.get("errors", [])
        )
        return
    RosterImport.objects.filter(pk=job.subject_id or 0).exclude(status=RosterImport.Status.DONE).update(
        status=RosterImport.Status.FAILED
    )


@transaction.atomic
def import_roster_at_once(  # type: ignore[no-untyped-def]
    network: Network, user, name: str, checked: CheckedRoster, progress: Callable[[int], None] | None = None
) -> dict:
    """For operators at the command line, which is its own worker: a checked roster written here and now."""
    summary = import_roster(network, checked.rows, progress)
    RosterImport.objects.create(
        network=network,
        uploaded_by=user,
        original_name=name[:255],
        status=RosterImport.Status.DONE,
        encoding=checked.encoding,
        total_rows=len(checked.rows),
        summary=summary,
    )
    return summary


def discard_abandoned_rosters(older_than: timedelta | None = None) -> int:
    """Files of rosters nobody confirmed, retried or discarded within ROSTER_KEEP_HOURS, and orphans."""
    older_than = older_than or timedelta(hours=settings.ROSTER_KEEP_HOURS)
    cutoff = timezone.now() - older_than
    abandoned = RosterImport.objects.filter(
        status__in=(RosterImport.Status.PREVIEWED, RosterImport.Status.FAILED), updated_at__lt=cutoff
    ).exclude(file="")
    count = 0
    for roster_import in abandoned:
        with transaction.atomic():
            _forget_file_on_commit(roster_import)
            roster_import.status = RosterImport.Status.DISCARDED
            roster_import.save(update_fields=["status", "file", "updated_at"])
        count += 1
    # A file whose row never committed (an upload that crashed) belongs to no import.
    storage = RosterImport.file.field.storage
    try:
        _folders, names = storage.listdir("rosters")
    except FileNotFoundError:
        return count
    kept = set(RosterImport.objects.exclude(file="").values_list("file", flat=True))
    for name in names:
        path = f"rosters/{name}"
        if path not in kept and storage.get_modified_time(path) < cutoff:
            storage.delete(path)
            count += 1
    return count


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
        people_changed.send(sender=Person, person_ids=[person.pk for person in people.values()])
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


def tell_who_imported(sender: object, job: Any, **kwargs: Any) -> None:
    """Whoever started a roster import hears when it is over, written or refused."""
    if job.kind != ROSTER_IMPORT or job.started_by_id is None:
        return
    roster_import = job.subject
    network = roster_import.network
    notify(
        [job.started_by],
        notices.ROSTER_IMPORTED,
        url=reverse("directory:roster_import", args=[network.slug, roster_import.pk]),
        context={
            "file": roster_import.original_name,
            "network": _network_name(network),
            "succeeded": job.state == "succeeded",
        },
    )
