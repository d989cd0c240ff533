"""The Open Badges 3.0 shape of what we issue: OpenBadgeCredential, AchievementSubject, Achievement, Profile."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from .contexts import OB_V3, VC_V2
from .models import AchievementType

_URL = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class Alignment:
    """A competency (or standard) the achievement is aligned to."""

    target_name: str
    target_url: str
    target_code: str = ""
    target_framework: str = ""
    target_description: str = ""

    def as_json(self) -> dict:
        alignment = {"type": ["Alignment"], "targetName": self.target_name, "targetUrl": self.target_url}
        optional = {
            "targetCode": self.target_code,
            "targetFramework": self.target_framework,
            "targetDescription": self.target_description,
        }
        return alignment | {key: value for key, value in optional.items() if value}


@dataclass(frozen=True)
class AchievementSpec:
    """What is recognized: an approved accreditation, a completed program, or a competency."""

    name: str
    description: str
    criteria: str
    achievement_type: str = AchievementType.CERTIFICATE
    alignments: tuple[Alignment, ...] | list[Alignment] = field(default_factory=tuple)
    # The achievement's URI; by default a stable urn:uuid from the issuer, kind and name.
    id: str = ""
    # The language the texts are written in (he, ar, en), as Open Badges' inLanguage.
    language: str = ""
    valid_until: datetime | None = None

    def clean(self) -> None:
        if not self.name.strip() or not self.description.strip() or not self.criteria.strip():
            raise ValidationError(_("A credential needs a name, a description and criteria."))
        if self.achievement_type not in AchievementType.values:
            raise ValidationError(_("Unknown kind of achievement: %(kind)s") % {"kind": self.achievement_type})
        for alignment in self.alignments:
            if not alignment.target_name.strip():
                raise ValidationError(_("Each alignment needs the name of its competency."))
            _URL(alignment.target_url)


def achievement_id(issuer_did: str, spec: AchievementSpec) -> str:
    """The achievement's URI; by default a urn:uuid from the issuer, kind and name, the same on every credential."""
    if spec.id:
        return spec.id
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer_did}/achievements/{spec.achievement_type}/{spec.name}").urn


def badge_key(issuer_did: str, achievement_uri: str) -> uuid.UUID:
    """The achievement's badge image's key in its URL: the same for every recipient of the same achievement."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{issuer_did}#badge:{achievement_uri}")


def achievement_json(issuer_did: str, spec: AchievementSpec, image_url: str = "") -> dict:
    achievement: dict[str, Any] = {
        "id": achievement_id(issuer_did, spec),
        "type": ["Achievement"],
        "achievementType": spec.achievement_type,
        "name": spec.name,
        "description": spec.description,
        "criteria": {"narrative": spec.criteria},
    }
    if image_url:
        achievement["image"] = {"id": image_url, "type": "Image", "caption": spec.name}
    if spec.language:
        achievement["inLanguage"] = spec.language
    if spec.alignments:
        achievement["alignment"] = [alignment.as_json() for alignment in spec.alignments]
    return achievement


def identity_objects(name: str, email: str) -> list[dict]:
    """The recipient as Open Badges IdentityObjects: the name in plain text, the email salted and hashed.

    The holder shares the credential (and its page) publicly, so the email is never in it in clear;
    whoever knows the address can still check it against the hash with the salt.
    """
    identities = [{"type": "IdentityObject", "identityHash": name, "identityType": "name", "hashed": False}]
    if email:
        salt = secrets.token_hex(8)
        digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
        identities.append(
            {
                "type": "IdentityObject",
                "identityHash": f"sha256${digest}",
                "identityType": "emailAddress",
                "hashed": True,
                "salt": salt,
            }
        )
    return identities


def email_matches(identity: dict, email: str) -> bool:
    expected = hashlib.sha256((email.strip().lower() + identity.get("salt", "")).encode("utf-8")).hexdigest()
    return identity.get("identityHash") == f"sha256${expected}"


def xsd_datetime(moment: datetime) -> str:
    """UTC, whole seconds, with Z: the form every verifier parses."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential_document(
    *,
    credential_url: str,
    issuer_profile: dict,
    valid_from: str,
    valid_until: str | None,
    achievement: dict,
    identities: list[dict],
    status: dict,
) -> dict:
    """The unsigned OpenBadgeCredential (VC Data Model 2.0)."""
    document = {
        "@context": [VC_V2, OB_V3],
        "id": credential_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile,
        "validFrom": valid_from,
        "name": achievement["name"],
        "credentialSubject": {"type": ["AchievementSubject"], "identifier": identities, "achievement": achievement},
        "credentialStatus": status,
    }
    if valid_until:
        document["validUntil"] = valid_until
    return document


def issuer_profile(did: str, name: str, url: str) -> dict:
    return {"id": did, "type": ["Profile"], "name": name, "url": url}


def issuer_profile_document(did: str, name: str, url: str, description: str = "") -> dict:
    """The issuer's Open Badges Profile as a document of its own (JSON-LD, with the contexts that define it)."""
    profile: dict[str, Any] = {"@context": [VC_V2, OB_V3], **issuer_profile(did, name, url)}
    if description.strip():
        profile["description"] = description.strip()
    return profile
