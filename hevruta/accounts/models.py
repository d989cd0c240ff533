import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField


class UserManager(DjangoUserManager):
    """Users log in with their email address; there is no username."""

    def _create_user(self, username, email, password, **extra_fields):  # type: ignore[no-untyped-def,override]
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):  # type: ignore[no-untyped-def,override]
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):  # type: ignore[no-untyped-def,override]
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    # The language the person reads the site and their email in; empty until they choose or sign up.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    # Off until the person turns it on, whatever their language: many Hebrew readers live by the
    # Gregorian calendar alone, and a default that followed the language would change under them
    # when they switch it (docs/calendar.md).
    show_hebrew_date = models.BooleanField(_("show the Hebrew date"), default=False)
    # The secret in the address of the person's calendar feed (events/feeds.py): made when first
    # asked for, replaced when they reset it, so an address that leaked stops working.
    calendar_feed_token = models.CharField(_("calendar feed token"), max_length=64, blank=True)

    USERNAME_FIELD = "email"  # type: ignore[misc]
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["calendar_feed_token"],
                condition=~models.Q(calendar_feed_token=""),
                name="user_calendar_feed_token_unique",
                violation_error_message=_("This calendar feed address is taken."),
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def preferred_language(self) -> str:
        """What to write to this person in: their choice, else the site's default language."""
        return self.language or settings.LANGUAGE_CODE


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal token for the API. Only its hash is stored; the secret is shown once."""

    PREFIX = "hev_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = NameField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    # The first characters of the secret, so a user can tell their tokens apart.
    hint = models.CharField(max_length=12)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()
