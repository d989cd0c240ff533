"""Accreditation decisions, the role accreditations they grant, and the credentials issued for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField
from hevruta.credentials.models import IssuedCredential
from hevruta.directory.models import Person
from hevruta.standards.models import Item, Role

from .cohorts import Enrollment


class DecisionKind(models.TextChoices):
    APPROVE = "approve", _("Approve")
    DEFER = "defer", _("Defer")


class AccreditationDecision(models.Model):
    """Program staff's decision on a participant: who decided, when, and with what progress before them."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(_("decision"), max_length=8, choices=DecisionKind.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as it was, even if the account is later removed.
    decided_by_name = NameField(_("decided by"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    # The progress the decision was taken on, requirement by requirement.
    progress = models.JSONField(_("progress at the time"), default=list, blank=True)

    class Meta:
        verbose_name = _("accreditation decision")
        verbose_name_plural = _("accreditation decisions")
        ordering = ["enrollment", "-decided_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=DecisionKind.values),
                name="decision_kind_is_known",
                violation_error_message=_("A decision approves or defers."),
            ),
            models.CheckConstraint(
                condition=~Q(decision=DecisionKind.DEFER) | ~Q(reason=""),
                name="decision_defer_has_reason",
                violation_error_message=_("A deferral needs a reason."),
            ),
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=Q(decision=DecisionKind.APPROVE),
                name="decision_approve_once",
                violation_error_message=_("This participant's accreditation is already approved."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} · {self.enrollment}"


class RoleAccreditation(models.Model):
    """A person accredited for a role by an approved decision; shown on the person's profile."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="role_accreditations")
    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.PROTECT, related_name="accreditations")
    decision = models.ForeignKey(AccreditationDecision, on_delete=models.CASCADE, related_name="accreditations")
    granted_at = models.DateTimeField(_("granted"))

    class Meta:
        verbose_name = _("role accreditation")
        verbose_name_plural = _("role accreditations")
        ordering = ["-granted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "role"],
                name="accreditation_role_once",
                violation_error_message=_("This decision already grants this role."),
            )
        ]
        indexes = [models.Index(fields=["person", "role"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.role}"


class CredentialKind(models.TextChoices):
    ACCREDITATION = "accreditation", _("Accreditation")
    COMPLETION = "completion", _("Program completed")
    COMPETENCY = "competency", _("Competency")


class ProgramCredential(models.Model):
    """Which Open Badges credential was issued for what in a program (the credential itself is the
    credentials app's)."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="credentials")
    kind = models.CharField(_("kind"), max_length=16, choices=CredentialKind.choices)
    decision = models.ForeignKey(
        AccreditationDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="credentials"
    )
    competency = models.ForeignKey(Item, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    credential = models.OneToOneField(IssuedCredential, on_delete=models.PROTECT, related_name="program_link")
    issued_at = models.DateTimeField(_("issued"))

    class Meta:
        verbose_name = _("program credential")
        verbose_name_plural = _("program credentials")
        ordering = ["-issued_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CredentialKind.values),
                name="program_credential_kind_known",
                violation_error_message=_("This kind of credential is not known."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=CredentialKind.COMPETENCY) | Q(competency__isnull=False),
                name="program_credential_competency_named",
                violation_error_message=_("A credential for a competency needs the competency."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=CredentialKind.ACCREDITATION) | Q(decision__isnull=False),
                name="program_credential_accreditation_decided",
                violation_error_message=_("A credential for an accreditation needs the approved decision."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.enrollment}"
