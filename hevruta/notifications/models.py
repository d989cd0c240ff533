"""A notice to one person, and each person's choice of email per kind of notice."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import kinds
from .kinds import Email


class Notice(models.Model):
    """Something happened that one person should hear of. The kind and its context are stored,
    not text, so each reader gets it in their own language; `email` is how it was to be mailed
    when it was made (a later change of preference moves the notices still waiting)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=100)
    context = models.JSONField(_("context"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email = models.CharField(_("email"), max_length=12, choices=Email.choices, default=Email.NEVER)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [
            # One's notices, newest first.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notice_recipient_newest"),
            # The bell: a count of one's unread notices.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notice_unread"),
            # Digests: the people with notices waiting, in order, then theirs.
            models.Index(
                fields=["email", "recipient"], condition=Q(emailed_at__isnull=True), name="notice_waiting_email"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(email__in=Email.values),
                name="notice_email_is_a_choice",
                violation_error_message=_("Choose when to hear of this by email."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def kind_spec(self) -> kinds.NoticeKind | None:
        return kinds.find(self.kind)

    @property
    def text(self) -> str:
        """One line in the active language; a kind no app registers any more shows its key."""
        spec = self.kind_spec
        return spec.render(self.context) if spec else self.kind

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NoticePreference(models.Model):
    """A person's choice for one kind, kept only where it differs or was chosen; otherwise the
    kind's default applies."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences")
    kind = models.CharField(_("kind"), max_length=100)
    email = models.CharField(_("email"), max_length=12, choices=Email.choices)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="notice_preference_once_per_kind",
                violation_error_message=_("This kind of notice already has a choice."),
            ),
            models.CheckConstraint(
                condition=Q(email__in=Email.values),
                name="notice_preference_is_a_choice",
                violation_error_message=_("Choose when to hear of this by email."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind}: {self.email}"
