"""How allauth behaves in Hevruta: the site's name in emails, each email in its recipient's language,
the reader's language remembered at sign-up and brought back at login, and two-factor secrets
encrypted at rest."""

import base64
import hashlib
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from .languages import remember_language_on, user_language_for_email


class AccountAdapter(DefaultAccountAdapter):
    """Signing up makes a user; the directory profile is made when the user first logs in."""

    def format_email_subject(self, subject: str) -> str:
        # Without django.contrib.sites allauth would prefix the host name ("[hevruta.example.org]").
        return f"[{_('Hevruta')}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Written in the language of the one who reads it (a reset asked for from a Hebrew page still
        # reaches an Arabic reader in Arabic); an address nobody has yet gets the page's language.
        language = user_language_for_email(email) or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            # allauth's templates greet with the site's name ("Hello from …"): the platform's, not the host's.
            request = allauth_context.request
            site = RequestSite(request)
            site.name = _("Hevruta")
            ctx = {"request": request, "email": email, "current_site": site, **context}
            message = self.render_mail(template_prefix, email, ctx)
            message.extra_headers["Content-Language"] = language
            message.send()

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        # Whoever signs up from an Arabic page reads Arabic from then on, until they choose otherwise.
        if not getattr(user, "language", ""):
            user.language = translation.get_language() or ""
        return super().save_user(request, user, form, commit)

    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        response = super().post_login(request, user, **kwargs)
        remember_language_on(response, user)
        return response


# Fernet tokens begin with the version byte 0x80, which is "gAAAAA" in URL-safe base64.
_FERNET_PREFIX = "gAAAAA"


def _fernet() -> MultiFernet:
    """A key per SECRET_KEY (current first, then SECRET_KEY_FALLBACKS), so rotating the key keeps 2FA working."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([Fernet(_derive_key(key)) for key in keys])


def _derive_key(secret_key: str) -> bytes:
    digest = hashlib.sha256(b"hevruta.accounts.mfa-secrets:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest)


class MFAAdapter(DefaultMFAAdapter):
    """allauth stores TOTP secrets and recovery-code seeds as given; a copy of the database must not
    be enough to produce someone's codes."""

    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(_FERNET_PREFIX):
            # Written before encryption was switched on; it is re-encrypted when the user re-enrolls.
            return encrypted_text
        try:
            return _fernet().decrypt(encrypted_text.encode()).decode()
        except InvalidToken as error:
            raise ValueError("A two-factor secret cannot be decrypted with SECRET_KEY or its fallbacks.") from error
