"""Every write to accounts goes through here."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .languages import is_known
from .models import ApiToken, User, hash_token

# A token is touched at most this often, so reading the API does not write on every request.
LAST_USED_GRANULARITY = timedelta(minutes=5)


@transaction.atomic
def create_api_token(user: User, name: str, days_valid: int | None = None) -> tuple[ApiToken, str]:
    """Make a token and return it with its secret; the secret cannot be recovered later."""
    secret = ApiToken.PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=days_valid) if days_valid else None
    token = ApiToken.objects.create(
        user=user,
        name=name.strip() or "API",
        token_hash=hash_token(secret),
        hint=secret[: len(ApiToken.PREFIX) + 4],
        expires_at=expires_at,
    )
    return token, secret


@transaction.atomic
def revoke_api_token(user: User, token_id: int) -> bool:
    deleted, _ = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return deleted > 0


def authenticate_token(secret: str) -> User | None:
    if not secret.startswith(ApiToken.PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(secret), user__is_active=True).first()
    if token is None or token.is_expired:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def set_language(user: User, language: str) -> bool:
    """Store the language a person reads the site and their email in; an unknown code changes nothing."""
    if not is_known(language):
        return False
    if user.language != language:
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
    return True


@transaction.atomic
def set_preferences(user: User, *, language: str | None = None, show_hebrew_date: bool | None = None) -> None:
    """Change the preferences given (None: unchanged), together."""
    if language is not None:
        set_language(user, language)
    if show_hebrew_date is not None:
        set_show_hebrew_date(user, show_hebrew_date)


@transaction.atomic
def set_show_hebrew_date(user: User, show: bool) -> None:
    """Whether dates show the Hebrew date beside the Gregorian one for this person."""
    if user.show_hebrew_date != show:
        User.objects.filter(pk=user.pk).update(show_hebrew_date=show)
        user.show_hebrew_date = show
