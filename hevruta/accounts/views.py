from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import ApiTokenForm
from .models import User


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        _token, new_secret = services.create_api_token(
            cast(User, request.user), form.cleaned_data["name"], form.cleaned_data["days_valid"]
        )
        form = ApiTokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": request.user.api_tokens.all(), "new_secret": new_secret},  # type: ignore[union-attr]
    )


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    if services.revoke_api_token(cast(User, request.user), pk):  # type: ignore[arg-type]
        messages.success(request, _("The token was revoked."))
    return redirect("accounts:tokens")
