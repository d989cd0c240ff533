from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import services
from .forms import ApiTokenForm
from .models import User


@never_cache  # the answer to a POST shows a secret that no browser cache or proxy may keep
@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = ApiTokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        _token, new_secret = services.create_api_token(user, form.cleaned_data["name"], form.cleaned_data["days_valid"])
        form = ApiTokenForm()
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": user.api_tokens.all(), "new_secret": new_secret}
    )


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    # Only one's own tokens: someone else's answers exactly like one that does not exist.
    if not services.revoke_api_token(cast(User, request.user), pk):
        raise Http404(_("No such token."))
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:tokens")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switcher, which also remembers a logged-in person's choice on their account,
    so their email and their next login speak it too."""
    response = django_set_language(request)
    if request.user.is_authenticated:
        services.set_language(cast(User, request.user), request.POST.get("language", ""))
    return response
