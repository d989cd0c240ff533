"""Evidence of competencies, its revisions and reviews. (In-service supervision is a relationship of the
mentoring app: hevruta/mentoring, docs/architecture.md.)"""

import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.models import ContentLanguage
from hevruta.directory.models import Person
from hevruta.standards.models import Item, PerformanceLevel

from .cohorts import Assignment, Enrollment


def evidence_upload_to(instance: models.Model, filename: str) -> str:
    """A path nobody can guess; the file is served only through the permission-checked download view."""
    name = PurePath(filename.replace("\\", "/")).name[-120:] or "file"
    return f"programs/evidence/{uuid.uuid4().hex}/{name}"


class EvidenceStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, waiting for review")
    RETURNED = "returned", _("Returned with comments")
    ACCEPTED = "accepted", _("Accepted")


class Evidence(models.Model):
    """What a participant shows for a competency; the fields hold the latest revision.

    A returned evidence keeps everything the participant wrote; resubmitting makes a new revision, and
    every revision stays in EvidenceRevision with the reviews of it.
    """

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="evidence")
    competency = models.ForeignKey(
        Item, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="program_evidence"
    )
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
    )
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    language = models.CharField(_("language of the text"), max_length=2, choices=ContentLanguage.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EvidenceStatus.choices, default=EvidenceStatus.SUBMITTED
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    # The level the latest review gave; counts toward a requirement once the evidence is accepted.
    level = models.ForeignKey(
        PerformanceLevel, verbose_name=_("level"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["-submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EvidenceStatus.values),
                name="evidence_status_is_known",
                violation_error_message=_("This evidence status is not known."),
            ),
            models.CheckConstraint(
                condition=~Q(text="") | ~Q(file="") | ~Q(video_url="") | ~Q(reflection=""),
                name="evidence_is_not_empty",
                violation_error_message=_("Evidence needs a text, a file, a video link or a reflection."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "enrollment"]),
            models.Index(fields=["enrollment", "competency"]),
        ]

    def __str__(self) -> str:
        return f"{self.competency} · {self.enrollment.person}"


class EvidenceRevision(models.Model):
    """One submitted version of an evidence, kept as it was reviewed."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("evidence revision")
        verbose_name_plural = _("evidence revisions")
        ordering = ["evidence", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["evidence", "number"],
                name="evidence_revision_once",
                violation_error_message=_("This revision of the evidence already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.evidence_id} #{self.number}"


class ReviewDecision(models.TextChoices):
    RETURN = "return", _("Return with comments")
    ACCEPT = "accept", _("Accept")


class EvidenceReview(models.Model):
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="reviews")
    revision = models.ForeignKey(EvidenceRevision, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        Person, verbose_name=_("reviewer"), null=True, on_delete=models.SET_NULL, related_name="evidence_reviews"
    )
    level = models.ForeignKey(
        PerformanceLevel, verbose_name=_("level"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    comments = models.TextField(_("comments"), blank=True)
    decision = models.CharField(_("decision"), max_length=8, choices=ReviewDecision.choices)
    reviewed_at = models.DateTimeField(_("reviewed"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence review")
        verbose_name_plural = _("evidence reviews")
        ordering = ["evidence", "reviewed_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=ReviewDecision.values),
                name="review_decision_is_known",
                violation_error_message=_("A review accepts or returns."),
            ),
            models.CheckConstraint(
                condition=~Q(decision=ReviewDecision.RETURN) | ~Q(comments=""),
                name="review_return_has_comments",
                violation_error_message=_("Evidence returned for changes needs comments saying what to change."),
            ),
            # One review per revision: a reviewed revision is answered; the participant resubmits.
            models.UniqueConstraint(
                fields=["revision"],
                name="review_once_per_revision",
                violation_error_message=_("This revision of the evidence is already reviewed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} · {self.evidence_id}"
