"""The credentials API: read a credential, verify one, revoke one, list mine."""

import json
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from hevruta.api.auth import OPTIONAL, REQUIRED
from hevruta.api.pagination import BoundedLimitOffsetPagination as LimitOffsetPagination

from . import queries, services, verifier
from .keys import did_for
from .models import IssuedCredential
from .schemas import CredentialDetailOut, CredentialSummaryOut, RevocationIn, VerificationOut

router = Router(tags=["credentials"])


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
    verdict = verifier.verify_credential(document)
    return {**_summary(credential), "status": verdict.status, "errors": verdict.errors, "credential": document}


def _found(credential_id: uuid.UUID) -> IssuedCredential:
    found = queries.credential(credential_id)
    if found is None:
        raise Http404(_("No such credential."))
    return found


# Declared before /credentials/{id} so that "mine" is not read as an id.
@router.get("/credentials/mine", response=list[CredentialSummaryOut], auth=REQUIRED, summary="My credentials")
@paginate(LimitOffsetPagination)
def my_credentials(request: HttpRequest) -> list[dict[str, Any]]:
    return [_summary(credential) for credential in queries.credentials_of(request.user)]


@router.post(
    "/credentials/verify",
    response=VerificationOut,
    summary="Verify a credential",
    description="Send the credential's JSON as the request body. Anyone may call this; nothing is stored.",
    openapi_extra={
        "requestBody": {
            "required": True,
            # Any JSON: what is not a credential object is answered "invalid" with the reason, not refused.
            "content": {"application/json": {"schema": {"title": "A verifiable credential (any JSON)"}}},
        }
    },
)
def verify_credential(request: HttpRequest) -> dict[str, Any]:
    try:
        document = verifier.parse(request.body)
    except verifier.UnreadableInput as error:
        raise HttpError(400, str(error)) from None
    return verifier.verify_credential(document).as_json()


@router.get("/credentials/{uuid:credential_id}", response=CredentialDetailOut, auth=OPTIONAL, summary="A credential")
def get_credential(request: HttpRequest, credential_id: uuid.UUID) -> dict[str, Any]:
    return _detail(_found(credential_id))


@router.post(
    "/credentials/{uuid:credential_id}/revoke",
    response=CredentialDetailOut,
    auth=REQUIRED,
    summary="Revoke a credential",
)
def revoke_credential(request: HttpRequest, credential_id: uuid.UUID, body: RevocationIn) -> dict[str, Any]:
    found = _found(credential_id)
    if not request.user.has_perm("credentials.revoke_credential", found):
        raise PermissionDenied(_("Only the issuer's network managers may revoke this credential."))
    try:
        services.revoke_credential(found, body.reason, by=request.user)
    except services.CredentialAlreadyRevoked as error:
        raise HttpError(409, str(error)) from None
    return _detail(found)
