"""Every write of the credentials app: issuer keys, issuing, revoking; one transaction each.

Callers check permission first (rules.can_issue_for); these functions assume the caller may.
"""

import json
import secrets
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory.models import Organization, Person
from hevruta.notifications.services import notify

from . import queries
from .dataintegrity import add_proof
from .keys import decrypt_private_key, did_for, generate_key
from .models import IssuedCredential, IssuerKey, StatusList
from .notices import CREDENTIAL_ISSUED
from .openbadges import (
    AchievementSpec,
    achievement_id,
    achievement_json,
    badge_key,
    credential_document,
    identity_objects,
    issuer_profile,
    xsd_datetime,
)
from .statuslist import encode_bits, status_entry, status_list_document

INSERT_BATCH = 500
# Up to this many indexes are found by probing random ones; a larger batch reads the list's used indexes once.
PROBE_LIMIT = 256
# Random indexes can collide with a concurrent issuance; the unique constraint notices and we pick again.
ISSUE_ATTEMPTS = 3
_random = secrets.SystemRandom()


class CredentialAlreadyRevoked(Exception):
    pass


@dataclass(frozen=True)
class Award:
    recipient: Person
    achievement: AchievementSpec


@dataclass(frozen=True)
class SigningKey:
    """A decrypted private key, held only in memory for the length of one issuing or revoking."""

    verification_method: str
    private_key: Ed25519PrivateKey


# Keys


@transaction.atomic
def create_issuer_key(organization: Organization) -> IssuerKey:
    last = IssuerKey.objects.filter(organization=organization).aggregate(last=Max("number"))["last"] or 0
    new = generate_key(organization.pk, last + 1)
    return IssuerKey.objects.create(
        organization=organization,
        number=last + 1,
        public_key_multibase=new.public_key_multibase,
        private_key_encrypted=new.private_key_encrypted,
    )


def load_signing_key(organization: Organization) -> SigningKey:
    """The organization's current key, decrypted; the first credential an organization issues creates it."""
    key = queries.signing_key_of(organization)
    if key is None:
        try:
            key = create_issuer_key(organization)
        except IntegrityError:  # another process created it at the same moment
            key = queries.signing_key_of(organization)
            assert key is not None
    private_key = decrypt_private_key(
        organization.pk, key.number, key.public_key_multibase, bytes(key.private_key_encrypted)
    )
    return SigningKey(f"{did_for(organization.pk)}#{key.fragment}", private_key)


@transaction.atomic
def rotate_issuer_key(organization: Organization) -> IssuerKey:
    """A new signing key; the old one is retired: it signs nothing more but what it signed still verifies."""
    IssuerKey.objects.filter(organization=organization, retired_at__isnull=True, revoked_at__isnull=True).update(
        retired_at=timezone.now()
    )
    return create_issuer_key(organization)


@transaction.atomic
def revoke_issuer_key(key: IssuerKey) -> IssuerKey:
    """For a key that leaked: nothing it signed verifies any more. The status lists are signed again with a
    new key, so that revocations stay checkable; credentials it signed must be issued again."""
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    signing = load_signing_key(key.organization)
    for status_list in StatusList.objects.select_for_update().filter(issuer=key.organization):
        _sign_status_list(status_list, signing)
    return key


# Status lists


def _sign_status_list(status_list: StatusList, key: SigningKey) -> None:
    """Sign the list as it is now in the database; called inside the transaction that changed it."""
    revoked = IssuedCredential.objects.filter(status_list=status_list, revoked_at__isnull=False).values_list(
        "status_index", flat=True
    )
    now = timezone.now()
    document = status_list_document(
        queries.status_list_url(status_list.pk),
        did_for(status_list.issuer_id),
        xsd_datetime(now),
        encode_bits(status_list.size, revoked),
    )
    signed = add_proof(document, key.private_key, key.verification_method, xsd_datetime(now))
    status_list.signed_credential = dump(signed)
    status_list.signed_at = now
    status_list.save(update_fields=["signed_credential", "signed_at"])


@transaction.atomic
def create_status_list(issuer: Organization, key: SigningKey) -> StatusList:
    status_list = StatusList.objects.create(issuer=issuer)
    _sign_status_list(status_list, key)
    return status_list


def _free_indexes(status_list: StatusList, wanted: int) -> list[int]:
    """`wanted` unused indexes at random, so a holder's index says nothing about when it was issued."""
    if wanted <= PROBE_LIMIT:
        found = _probe_free(status_list, wanted)
        if found is not None:
            return found
    used = set(queries.used_indexes(status_list))
    return _random.sample([index for index in range(status_list.size) if index not in used], wanted)


def _probe_free(status_list: StatusList, wanted: int) -> list[int] | None:
    chosen: set[int] = set()
    for _round in range(8):
        candidates = {_random.randrange(status_list.size) for _ in range(2 * (wanted - len(chosen)) + 8)} - chosen
        taken = queries.used_indexes(status_list, among=candidates)
        chosen.update(sorted(candidates - taken)[: wanted - len(chosen)])
        if len(chosen) == wanted:
            return list(chosen)
    return None  # the list is nearly full: read it whole


def _allocate(issuer: Organization, count: int, key: SigningKey) -> list[tuple[StatusList, int]]:
    slots: list[tuple[StatusList, int]] = []
    for status_list in queries.open_status_lists(issuer):
        wanted = min(status_list.size - status_list.used, count - len(slots))  # type: ignore[attr-defined]
        slots += [(status_list, index) for index in _free_indexes(status_list, wanted)]
        if len(slots) == count:
            return slots
    while len(slots) < count:
        status_list = create_status_list(issuer, key)
        wanted = min(status_list.size, count - len(slots))
        slots += [(status_list, index) for index in _random.sample(range(status_list.size), wanted)]
    return slots


# Issuing


def dump(document: dict) -> str:
    """The text we serve: UTF-8 (Hebrew and Arabic as themselves), indented for people who open the file."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def issue_credential(
    issuer: Organization, recipient: Person, achievement: AchievementSpec, issued_by: Any = None
) -> IssuedCredential:
    return issue_batch(issuer, [Award(recipient, achievement)], issued_by)[0]


def issue_batch(
    issuer: Organization,
    awards: Iterable[Award],
    issued_by: Any = None,
    progress: Callable[[int], None] | None = None,
) -> list[IssuedCredential]:
    """Issue and sign many credentials with one decrypted key, and store them in one transaction.

    Signing happens before the transaction, so a long batch does not hold the database's write lock.
    """
    awards = list(awards)
    for spec in {id(award.achievement): award.achievement for award in awards}.values():
        spec.clean()
    key = load_signing_key(issuer)
    issued_at = timezone.now().replace(microsecond=0)
    for attempt in range(ISSUE_ATTEMPTS):
        slots = _allocate(issuer, len(awards), key)
        rows = _sign_awards(issuer, awards, slots, key, issued_at, issued_by, progress)
        try:
            with transaction.atomic():
                IssuedCredential.objects.bulk_create(rows, batch_size=INSERT_BATCH)
                _tell_recipients(issuer, awards, rows, issued_by)
            return rows
        except IntegrityError:
            if attempt == ISSUE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _sign_awards(
    issuer: Organization,
    awards: Sequence[Award],
    slots: Sequence[tuple[StatusList, int]],
    key: SigningKey,
    issued_at: datetime,
    issued_by: Any,
    progress: Callable[[int], None] | None,
) -> list[IssuedCredential]:
    did = did_for(issuer.pk)
    profile = issuer_profile(did, issuer.name, queries.organization_url(issuer.pk))
    valid_from = xsd_datetime(issued_at)
    achievements: dict[int, tuple[dict, uuid.UUID]] = {}
    rows = []
    for number, (award, (status_list, index)) in enumerate(zip(awards, slots, strict=True), start=1):
        spec = award.achievement
        if id(spec) not in achievements:
            image_key = badge_key(did, achievement_id(did, spec))
            achievements[id(spec)] = (achievement_json(did, spec, queries.badge_url(image_key)), image_key)
        achievement, image_key = achievements[id(spec)]
        credential_id = uuid.uuid4()
        person = award.recipient
        document = credential_document(
            credential_url=queries.credential_url(credential_id),
            issuer_profile=profile,
            valid_from=valid_from,
            valid_until=xsd_datetime(spec.valid_until) if spec.valid_until else None,
            achievement=achievement,
            identities=identity_objects(person.full_name, person.email or ""),
            status=status_entry(queries.status_list_url(status_list.pk), index),
        )
        signed = add_proof(document, key.private_key, key.verification_method, valid_from)
        rows.append(
            IssuedCredential(
                id=credential_id,
                issuer=issuer,
                recipient=person,
                recipient_name=person.full_name,
                recipient_email=person.email or "",
                name=spec.name,
                achievement_type=spec.achievement_type,
                achievement=achievement,
                badge_key=image_key,
                signed_credential=dump(signed),
                status_list=status_list,
                status_index=index,
                issued_at=issued_at,
                issued_by=issued_by,
            )
        )
        if progress:
            progress(number)
    return rows


def _tell_recipients(issuer: Organization, awards: Sequence[Award], rows: Sequence[IssuedCredential], by: Any) -> None:
    """Each recipient with an account hears of their credential (its page is theirs to see)."""
    users = get_user_model().objects.in_bulk([award.recipient.user_id for award in awards if award.recipient.user_id])
    issuer_name = {"he": issuer.name, "ar": issuer.name_ar, "en": issuer.name_en}
    for award, row in zip(awards, rows, strict=True):
        user = users.get(award.recipient.user_id)
        if user is None:
            continue
        notify(
            [user],
            CREDENTIAL_ISSUED,
            url=reverse("credentials:credential", args=[row.pk]),
            context={"name": row.name, "issuer": issuer_name, "credential": str(row.pk)},
            actor=by if getattr(by, "pk", None) else None,
        )


# Revoking


def revoke_credential(credential: IssuedCredential, reason: str, by: Any = None) -> IssuedCredential:
    """Mark it revoked and publish the status list again, signed; every verifier then sees it revoked."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the credential is revoked."))
    key = load_signing_key(credential.issuer)
    with transaction.atomic():
        status_list = StatusList.objects.select_for_update().get(pk=credential.status_list_id)
        changed = IssuedCredential.objects.filter(pk=credential.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revocation_reason=reason[:2000], revoked_by=by
        )
        if not changed:
            raise CredentialAlreadyRevoked(_("This credential was already revoked."))
        _sign_status_list(status_list, key)
    credential.refresh_from_db()
    return credential
