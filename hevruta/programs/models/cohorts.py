"""Cohorts of a program: who takes part and their assignments.


A cohort's sessions and their attendance are events of the cohort (hevruta/events): `cohort.sessions`."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField
from hevruta.directory.models import Decision, Organization, Person
from hevruta.standards.models import Item

from .programs import Program


class Cohort(models.Model):
    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="cohorts")
    name = NameField(_("name"), max_length=200)
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["program", "-start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="cohort_ends_after_it_starts",
                violation_error_message=_("A cohort cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""), name="cohort_name_not_empty", violation_error_message=_("A cohort needs a name.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} · {self.name}"

    @property
    def has_ended(self) -> bool:
        return self.end_date < timezone.localdate()


class EnrollmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Enrollment(models.Model):
    """A person in a cohort, with the organization they came from (cohorts mix organizations)."""

    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="enrollments")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="enrollments")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization at enrollment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="program_enrollments",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EnrollmentStatus.choices, default=EnrollmentStatus.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["cohort", "person__family_name", "person__given_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "person"],
                name="enrollment_once_per_cohort",
                violation_error_message=_("This person is already a participant of the cohort."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=EnrollmentStatus.values),
                name="enrollment_status_is_known",
                violation_error_message=_("This participation status is not known."),
            ),
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.cohort}"

    @property
    def is_active(self) -> bool:
        return self.status == EnrollmentStatus.ACTIVE


class CohortApplication(models.Model):
    """A person asks to join a cohort of a program that takes applications; its managers decide."""

    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="applications")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="cohort_applications"
    )
    message = models.TextField(_("why I apply"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Decision.choices, default=Decision.PENDING)
    created_at = models.DateTimeField(_("applied"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("application to a cohort")
        verbose_name_plural = _("applications to cohorts")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "person"],
                condition=Q(status="pending"),
                name="one_pending_application_per_cohort",
                violation_error_message=_("You have already applied to this cohort."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Decision.values),
                name="cohort_application_status_is_known",
                violation_error_message=_("Unknown status of an application."),
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self) -> str:
        return f"{self.person} → {self.cohort}"


class Assignment(models.Model):
    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="assignments")
    title = NameField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    due_date = models.DateField(_("due"), null=True, blank=True)
    competency = models.ForeignKey(
        Item,
        verbose_name=_("competency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="program_assignments",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["cohort", "due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="assignment_title_not_empty",
                violation_error_message=_("An assignment needs a title."),
            )
        ]

    def __str__(self) -> str:
        return self.title
