"""The credentials API: read a credential, verify one, revoke one, list mine."""

import json
import uuid
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from hevruta.api.auth import OPTIONAL, REQUIRED

from . import queries, services
from .keys import did_for
from .models import IssuedCredential
from .verifier import UnreadableInput, parse, verify_credential

router = Router(tags=["credentials"])


class IssuerOut(Schema):
    id: int
    name: str
    did: str


class CredentialSummaryOut(Schema):
    id: uuid.UUID
    name: str
    achievement_type: str
    issuer: IssuerOut
    recipient_name: str
    issued_at: datetime
    revoked_at: datetime | None
    revocation_reason: str
    page_url: str
    json_url: str


class CredentialOut(CredentialSummaryOut):
    status: str
    errors: list[str]
    credential: dict


class VerifyOut(Schema):
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


class RevokeIn(Schema):
    reason: str


def _summary(credential: IssuedCredential) -> dict:
    return {
        "id": credential.pk,
        "name": credential.name,
        "achievement_type": credential.achievement_type,
        "issuer": {
            "id": credential.issuer_id,
            "name": credential.issuer.name,
            "did": did_for(credential.issuer_id),
        },
        "recipient_name": credential.recipient_name,
        "issued_at": credential.issued_at,
        "revoked_at": credential.revoked_at,
        "revocation_reason": credential.revocation_reason,
        "page_url": queries.credential_page_url(credential.pk),
        "json_url": queries.credential_url(credential.pk),
    }


def _detail(credential: IssuedCredential) -> dict:
    document = json.loads(credential.signed_credential)
    verdict = verify_credential(document)
    return {**_summary(credential), "status": verdict.status, "errors": verdict.errors, "credential": document}


def _found(credential_id: uuid.UUID) -> IssuedCredential:
    found = queries.credential(credential_id)
    if found is None:
        raise Http404(_("No such credential."))
    return found


# Declared before /credentials/{id} so that "mine" is not read as an id.
@router.get("/credentials/mine", response=list[CredentialSummaryOut], auth=REQUIRED, summary="My credentials")
@paginate(LimitOffsetPagination)
def my_credentials(request: HttpRequest):  # type: ignore[no-untyped-def]
    return [_summary(credential) for credential in queries.credentials_of(request.user)]


@router.post(
    "/credentials/verify",
    response=VerifyOut,
    summary="Verify a credential",
    description="Send the credential's JSON as the request body. Anyone may call this; nothing is stored.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"type": "object", "title": "A verifiable credential"}}},
        }
    },
)
def verify(request: HttpRequest):  # type: ignore[no-untyped-def]
    try:
        document = parse(request.body)
    except UnreadableInput as error:
        raise HttpError(400, str(error)) from None
    return verify_credential(document).as_json()


@router.get("/credentials/{uuid:credential_id}", response=CredentialOut, auth=OPTIONAL, summary="A credential")
def get_credential(request: HttpRequest, credential_id: uuid.UUID):  # type: ignore[no-untyped-def]
    return _detail(_found(credential_id))


@router.post(
    "/credentials/{uuid:credential_id}/revoke", response=CredentialOut, auth=REQUIRED, summary="Revoke a credential"
)
def revoke(request: HttpRequest, credential_id: uuid.UUID, body: RevokeIn):  # type: ignore[no-untyped-def]
    found = _found(credential_id)
    if not request.user.has_perm("credentials.revoke_credential", found):
        raise PermissionDenied(_("Only the issuer's network managers may revoke this credential."))
    try:
        services.revoke_credential(found, body.reason, by=request.user)
    except services.CredentialAlreadyRevoked as error:
        raise HttpError(409, str(error)) from None
    return _detail(found)
