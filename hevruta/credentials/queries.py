"""The read side of credentials: public URLs, keys, status lists, and whose credentials are whose.

An issued credential is public to whoever has its link (a random UUID): the holder shares it to be
verified. Lists of credentials are shown only to their holder.
"""

import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse

from hevruta.core.names import local_name_text
from hevruta.directory.models import Network, Organization
from hevruta.directory.queries import viewer_for

from .keys import did_document, did_for, organization_id_from_did, site_url
from .models import IssuedCredential, IssuerKey, StatusList
from .openbadges import issuer_profile_document


def credential_url(credential_id: uuid.UUID | str) -> str:
    """The credential's `id`: where its JSON is published."""
    return site_url(reverse("credentials:credential_json", args=[credential_id]))


def credential_page_url(credential_id: uuid.UUID | str) -> str:
    return site_url(reverse("credentials:credential", args=[credential_id]))


def badge_url(key: uuid.UUID | str) -> str:
    """The achievement's image, the same for every recipient: what `achievement.image` points to."""
    return site_url(reverse("credentials:badge", args=[key]))


def badge(key: uuid.UUID) -> IssuedCredential | None:
    """One credential of the achievement this badge key is for: its achievement holds the name and language."""
    return IssuedCredential.objects.filter(badge_key=key).only("achievement", "achievement_type").first()


def issuer_profile_url(organization_id: int) -> str:
    return site_url(reverse("credentials:issuer_profile", args=[organization_id]))


def status_list_url(status_list_id: int) -> str:
    return site_url(reverse("credentials:status_list", args=[status_list_id]))


def organization_url(organization_id: int) -> str:
    return site_url(reverse("directory:organization", args=[organization_id]))


def organization_name(organization: Organization) -> str:
    """The organization's name in the reader's language when it has one, else its own name."""
    return local_name_text(organization)


def signing_key_of(organization: Organization) -> IssuerKey | None:
    return IssuerKey.objects.filter(organization=organization, retired_at__isnull=True, revoked_at__isnull=True).first()


def usable_keys(organization_id: int) -> QuerySet[IssuerKey]:
    """Keys whose signatures still count: current and retired ones, not revoked ones."""
    return IssuerKey.objects.filter(organization_id=organization_id, revoked_at__isnull=True).order_by("number")


def verification_key(verification_method: str) -> IssuerKey | None:
    """Our key behind a verification method id (did:web:…:issuers:<id>#key-<n>), if it still counts."""
    did, _, fragment = verification_method.partition("#")
    organization_id = organization_id_from_did(did)
    number = fragment.removeprefix("key-")
    if organization_id is None or not fragment.startswith("key-") or not number.isdigit():
        return None
    return usable_keys(organization_id).filter(number=int(number)).first()


def issuer_profile(organization_id: int) -> dict | None:
    """The issuer's Open Badges Profile: the same identity its credentials carry, with its description."""
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        return None
    return issuer_profile_document(
        did_for(organization.pk), organization.name, organization_url(organization.pk), organization.description
    )


def issuer_did_document(organization_id: int) -> dict | None:
    if not Organization.objects.filter(pk=organization_id).exists():
        return None
    keys = [(key.fragment, key.public_key_multibase) for key in usable_keys(organization_id)]
    return did_document(organization_id, keys)


def used_indexes(status_list: StatusList, among: Iterable[int] | None = None) -> set[int]:
    taken = IssuedCredential.objects.filter(status_list=status_list)
    if among is not None:
        taken = taken.filter(status_index__in=list(among))
    return set(taken.values_list("status_index", flat=True))


def open_status_lists(issuer: Organization) -> QuerySet[StatusList]:
    """The issuer's lists with room left, oldest first, each with `used` counted."""
    return (
        StatusList.objects.filter(issuer=issuer)
        .annotate(used=Count("credentials"))
        .filter(used__lt=F("size"))
        .order_by("pk")
    )


def status_list_by_url(url: str) -> StatusList | None:
    """Our status list published at this URL, if it is one of ours."""
    prefix = site_url(reverse("credentials:status_list", args=[0])).removesuffix("0.json")
    number = url.removeprefix(prefix).removesuffix(".json")
    if not url.startswith(prefix) or not number.isdigit() or url != status_list_url(int(number)):
        return None
    return StatusList.objects.filter(pk=int(number)).exclude(signed_credential="").first()


def credential(credential_id: uuid.UUID | str) -> IssuedCredential | None:
    return IssuedCredential.objects.select_related("issuer").filter(pk=credential_id).first()


def credential_by_url(url: str) -> IssuedCredential | None:
    """Our record of a credential from its `id`, if the id is one of our credential URLs."""
    prefix = site_url(reverse("credentials:credential_json", args=[uuid.UUID(int=0)])).removesuffix(
        f"{uuid.UUID(int=0)}.json"
    )
    if not url.startswith(prefix):
        return None
    try:
        credential_id = uuid.UUID(url.removeprefix(prefix).removesuffix(".json"))
    except ValueError:
        return None
    return credential(credential_id) if url == credential_url(credential_id) else None


def credentials_of(user: Any) -> QuerySet[IssuedCredential]:
    """A person's own credentials, newest first; nobody else's."""
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return IssuedCredential.objects.none()
    return IssuedCredential.objects.filter(recipient_id=viewer.person_id).select_related("issuer")


def manages_network_of(user: Any, organization: Organization) -> bool:
    """Is the user a manager of a network that has this organization among its member organizations?"""
    viewer = viewer_for(user)
    if not viewer.managed_network_ids:
        return False
    return Network.objects.filter(
        Q(pk__in=viewer.managed_network_ids), member_organizations__organization=organization
    ).exists()
