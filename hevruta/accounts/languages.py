"""A person's language: stored on the user, brought back into the browser at login, and the one their
emails are written in."""

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponseBase
from django.utils import translation

from .models import User

_KNOWN = {code for code, _label in settings.LANGUAGES}


def is_known(language: str) -> bool:
    return language in _KNOWN


def user_language_for_email(email: str) -> str:
    """The language chosen by the user who owns this address (primary or not), or "" for nobody's."""
    from allauth.account.models import EmailAddress

    owner = EmailAddress.objects.filter(email__iexact=email).values("user_id")
    language = (
        User.objects.filter(Q(email__iexact=email) | Q(pk__in=owner))
        .exclude(language="")
        .values_list("language", flat=True)
        .first()
    )
    return language if language and is_known(language) else ""


def remember_language_on(response: HttpResponseBase, user: Any) -> None:
    """After login the site speaks the person's own language, on this browser too."""
    language = getattr(user, "language", "")
    if not is_known(language):
        return
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # a str setting, "Lax"
    )
