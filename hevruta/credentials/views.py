"""Credential pages: the public page of a credential, its JSON and QR code, verifying, my credentials."""

import json
import uuid

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from hevruta.core.files import made_download
from hevruta.core.pagination import paginate

from . import badges, queries, services
from .forms import RevokeForm, VerifyForm
from .models import IssuedCredential, StatusList
from .verifier import verify_credential, verify_text

LD_JSON = "application/ld+json; charset=utf-8"


def _found(credential_id: uuid.UUID) -> IssuedCredential:
    found = queries.credential(credential_id)
    if found is None:
        raise Http404(_("No such credential."))
    return found


def _public_json(text: str, content_type: str = LD_JSON) -> HttpResponse:
    response = HttpResponse(text, content_type=content_type)
    # Verifiers and wallets on other sites read these documents from their pages.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def credential(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    found = _found(credential_id)
    verdict = verify_credential(json.loads(found.signed_credential))
    may_revoke = not found.is_revoked and request.user.has_perm("credentials.revoke_credential", found)
    return render(
        request,
        "credentials/credential.html",
        {
            "credential": found,
            "issuer_name": queries.organization_name(found.issuer),
            "verdict": verdict,
            "alignments": found.achievement.get("alignment", []),
            "criteria": found.achievement.get("criteria", {}).get("narrative", ""),
            "page_url": queries.credential_page_url(found.pk),
            "json_url": queries.credential_url(found.pk),
            "revoke_form": RevokeForm() if may_revoke else None,
        },
    )


def credential_json(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    found = _found(credential_id)
    response = _public_json(found.signed_credential)
    if request.GET.get("download"):
        response["Content-Disposition"] = content_disposition_header(True, f"credential-{found.pk}.json")
    return response


def _qr_svg(url: str) -> HttpResponse:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathFillImage)
    return HttpResponse(image.to_string(encoding="unicode"), content_type="image/svg+xml")


@cache_control(max_age=86400, public=True)
def qr_code(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    """A QR code of the credential's page, for people."""
    return _qr_svg(queries.credential_page_url(_found(credential_id).pk))


@cache_control(max_age=86400, public=True)
def wallet_qr_code(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    """A QR code of the credential's JSON, for a wallet's "add from a QR code / URL"."""
    return _qr_svg(queries.credential_url(_found(credential_id).pk))


@cache_control(max_age=86400, public=True)
def badge(request: HttpRequest, key: uuid.UUID) -> HttpResponse:
    """The achievement's image (achievement.image of its credentials), in the achievement's language."""
    found = queries.badge(key)
    if found is None:
        raise Http404(_("No such badge."))
    achievement = found.achievement
    svg = badges.badge_svg(
        str(achievement.get("name", "")), found.achievement_type, str(achievement.get("inLanguage", ""))
    )
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def baked_badge(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    """The badge as a PNG with this credential baked in (Open Badges 3.0 baking), to download."""
    found = _found(credential_id)
    png = badges.bake(badges.badge_png(found.achievement_type), found.signed_credential)
    return made_download(png, "image/png", f"badge-{found.pk}.png")


@require_POST
@login_required
def revoke(request: HttpRequest, credential_id: uuid.UUID) -> HttpResponse:
    found = _found(credential_id)
    if not request.user.has_perm("credentials.revoke_credential", found):
        raise PermissionDenied(_("Only the issuer's network managers may revoke this credential."))
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the credential is revoked."))
        return redirect("credentials:credential", credential_id=found.pk)
    try:
        services.revoke_credential(found, form.cleaned_data["reason"], by=request.user)
    except services.CredentialAlreadyRevoked as error:
        messages.info(request, str(error))
    except ValidationError as error:
        messages.error(request, "; ".join(error.messages))
    else:
        messages.success(request, _("The credential was revoked. Everyone who checks it now sees that."))
    return redirect("credentials:credential", credential_id=found.pk)


def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST or None, request.FILES or None)
    verdict = None
    if request.method == "POST" and form.is_valid():
        verdict = verify_text(form.credential_data())
    return render(request, "credentials/verify.html", {"form": form, "verdict": verdict})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    page = paginate(queries.credentials_of(request.user), request.GET.get("page"))
    return render(request, "credentials/mine.html", {"page": page})


# Short caching: a revocation must reach verifiers soon.
@cache_control(max_age=60, public=True)
def status_list(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(StatusList.objects.exclude(signed_credential=""), pk=pk)
    return _public_json(found.signed_credential)


@cache_control(max_age=300, public=True)
def issuer_profile(request: HttpRequest, organization_id: int) -> HttpResponse:
    """The issuer's Open Badges Profile, the same identity (its did:web) that its credentials name."""
    profile = queries.issuer_profile(organization_id)
    if profile is None:
        raise Http404(_("No such issuer."))
    return _public_json(json.dumps(profile, ensure_ascii=False, indent=2))


@cache_control(max_age=300, public=True)
def issuer_did(request: HttpRequest, organization_id: int) -> HttpResponse:
    document = queries.issuer_did_document(organization_id)
    if document is None:
        raise Http404(_("No such issuer."))
    return _public_json(json.dumps(document, indent=2), content_type="application/did+ld+json")
