"""A job: long work a person started and can follow (a roster import, a CASE import, ...).

The task backend (django.tasks) runs the work; the Job row is what people see: its state, its
progress, its result or its error in the language of whoever started it, and what it concerns.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.models import TimeStampedModel


class Job(TimeStampedModel):
    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Failed")

    FINISHED = (State.SUCCEEDED, State.FAILED)

    kind = models.CharField(_("kind"), max_length=64)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    # The worker writes the job's messages in the language of the person who started it.
    language = models.CharField(_("language"), max_length=8, default="he")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    # What the work needs besides its subject (a kept file's name, an address, options), kind by kind.
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    # The task backend's id of the latest attempt (a retry enqueues a new task).
    task_result_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    worker = models.CharField(_("worker"), max_length=128, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"], name="job_subject_idx"),
            models.Index(fields=["state"], name="job_state_idx", condition=Q(state__in=("queued", "running"))),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=("queued", "running", "succeeded", "failed")),
                name="job_state_is_known",
                violation_error_message=_("Unknown state of a job."),
            ),
            models.CheckConstraint(
                condition=Q(total=0) | Q(done__lte=models.F("total")),
                name="job_done_within_total",
                violation_error_message=_("A job cannot have done more than its total."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=("succeeded", "failed"), finished_at__isnull=False)
                | Q(state__in=("queued", "running"), finished_at__isnull=True),
                name="job_finished_iff_over",
                violation_error_message=_("A job has an end time exactly when it is over."),
            ),
            models.CheckConstraint(
                condition=~Q(state="failed") | ~Q(error=""),
                name="job_failure_has_a_reason",
                violation_error_message=_("A failed job says why."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"

    @property
    def is_over(self) -> bool:
        return self.state in self.FINISHED
