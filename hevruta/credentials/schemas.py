"""The credentials API's schemas: what goes in and what comes out, documented in the OpenAPI document."""

import uuid
from datetime import datetime

from ninja import Field, Schema

from hevruta.api.types import Text


class CredentialIssuerOut(Schema):
    id: int
    name: str
    did: str


class CredentialSummaryOut(Schema):
    id: uuid.UUID
    name: str
    achievement_type: str
    issuer: CredentialIssuerOut
    recipient_name: str
    issued_at: datetime
    revoked_at: datetime | None
    revocation_reason: str
    page_url: str
    json_url: str


class CredentialDetailOut(CredentialSummaryOut):
    status: str
    errors: list[str]
    credential: dict


class VerificationOut(Schema):
    verified: bool
    revoked: bool
    status: str = Field(
        description="valid; revoked; unknown_issuer (signature valid, issuer not known to this site); "
        "unchecked (the issuer's did:web is on another site, not fetched); invalid"
    )
    issuer_known: bool
    errors: list[str]
    warnings: list[str]
    revocation_reason: str


class RevocationIn(Schema):
    reason: Text
