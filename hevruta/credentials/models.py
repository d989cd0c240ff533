"""Credentials: issuers' signing keys, the credentials they issued, and the status lists that revoke them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField
from hevruta.directory.models import Organization, Person

# The Bitstring Status List spec's minimum size (16 KB), so a list does not reveal how few were issued.
STATUS_LIST_SIZE = 131_072


class AchievementType(models.TextChoices):
    """Open Badges 3.0 achievementType values the platform issues."""

    CERTIFICATION = "Certification", _("Accreditation")
    CERTIFICATE = "Certificate", _("Program completed")
    COMPETENCY = "Competency", _("Competency")
    BADGE = "Badge", _("Badge")


class IssuerKey(models.Model):
    """An Ed25519 key an organization signs credentials with.

    The private key is stored only encrypted (keys.py) and never leaves the server. A retired key
    signs nothing new but still verifies what it signed; a revoked key verifies nothing.
    """

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="credential_keys"
    )
    number = models.PositiveIntegerField(_("number"), help_text=_("The key's number within its organization."))
    public_key_multibase = models.CharField(_("public key"), max_length=64, unique=True)
    private_key_encrypted = models.BinaryField(editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("issuer key")
        verbose_name_plural = _("issuer keys")
        ordering = ["organization", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"],
                name="issuer_key_number_once",
                violation_error_message=_("The organization already has a key with this number."),
            ),
            models.UniqueConstraint(
                fields=["organization"],
                condition=Q(retired_at__isnull=True, revoked_at__isnull=True),
                name="issuer_one_signing_key",
                violation_error_message=_(
                    "The organization already has a signing key; retire it before adding another."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} #{self.number}"

    @property
    def fragment(self) -> str:
        return f"key-{self.number}"


class StatusList(models.Model):
    """A Bitstring Status List of one issuer; a credential's bit at its index is 1 once it is revoked."""

    class Purpose(models.TextChoices):
        REVOCATION = "revocation", _("Revocation")

    issuer = models.ForeignKey(
        Organization, verbose_name=_("issuer"), on_delete=models.PROTECT, related_name="credential_status_lists"
    )
    purpose = models.CharField(max_length=16, choices=Purpose.choices, default=Purpose.REVOCATION)
    size = models.PositiveIntegerField(default=STATUS_LIST_SIZE)
    # The signed BitstringStatusListCredential, kept as the exact text served; re-signed on each revocation.
    signed_credential = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    signed_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")
        ordering = ["issuer", "pk"]

    def __str__(self) -> str:
        return f"{self.issuer} {self.purpose} #{self.pk}"


class IssuedCredential(models.Model):
    """An Open Badges 3.0 credential as issued: the signed JSON, exactly as served, and who it is about."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    issuer = models.ForeignKey(
        Organization, verbose_name=_("issuer"), on_delete=models.PROTECT, related_name="issued_credentials"
    )
    recipient = models.ForeignKey(
        Person,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="credentials",
    )
    # Who it was issued to at the time, kept even if the person's profile later changes or is erased.
    recipient_name = NameField(_("recipient's name"), max_length=200)
    recipient_email = models.EmailField(_("recipient's email"), blank=True)
    name = NameField(_("name"), max_length=300)
    achievement_type = models.CharField(
        _("kind"), max_length=32, choices=AchievementType.choices, default=AchievementType.CERTIFICATE
    )
    achievement = models.JSONField(_("achievement"), default=dict)
    # The key of the achievement's badge image (/credentials/badges/<key>.svg); none on credentials issued
    # before achievements had images.
    badge_key = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    # Text, not JSON: the bytes served are the bytes signed, with their key order, on every database.
    signed_credential = models.TextField(editable=False)
    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="credentials")
    status_index = models.PositiveIntegerField()
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("issued credential")
        verbose_name_plural = _("issued credentials")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["status_list", "status_index"],
                name="credential_status_index_once",
                violation_error_message=_("This place in the status list is already taken by another credential."),
            ),
            models.CheckConstraint(
                condition=Q(status_index__lt=STATUS_LIST_SIZE),
                name="credential_status_index_in_list",
                violation_error_message=_("The place in the status list is beyond the list's length."),
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "issued_at"], name="credential_recipient_issued"),
            models.Index(fields=["issuer", "issued_at"], name="credential_issuer_issued"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.recipient_name}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
