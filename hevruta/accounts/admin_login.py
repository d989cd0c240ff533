"""The admin is entered through the site's own login, never the admin's password form.

Django's admin login checks a password and nothing else: no two-factor, no rate limits. Here its login
view sends everyone to allauth's login (rate-limited, with the second factor) and back with `next=`;
and the admin lets in only active staff who, when they have two-factor authentication, passed it in
this session. A session made any other way (the admin's form, an old session) cannot open it.
"""

from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _


def passed_two_factor(request: HttpRequest) -> bool:
    """Whether this session's login included the second factor (allauth records each method used)."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def may_use_admin(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    return passed_two_factor(request) or not is_mfa_enabled(user)


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure()):
        return wanted
    return reverse("admin:index")


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """No password is read here: the site's login does that, then comes back to the admin."""
    target = _next_url(request)
    if not request.user.is_authenticated:
        login = resolve_url(settings.LOGIN_URL)
        return HttpResponseRedirect(f"{login}?{urlencode({REDIRECT_FIELD_NAME: target})}")
    if may_use_admin(request):
        return HttpResponseRedirect(target)
    if request.user.is_staff and request.user.is_active:
        raise PermissionDenied(
            _("Log out and log in again with your second factor (authenticator app) to open the admin.")
        )
    raise PermissionDenied(_("The admin is for the site's operators only."))


def route_admin_login_through_the_site() -> None:
    admin.site.login = admin_login  # type: ignore[method-assign]
    admin.site.has_permission = may_use_admin  # type: ignore[method-assign]
