"""Curators, their reviews with the rubric, the authors' answers, and published versions."""

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField
from hevruta.core.models import ContentLanguage
from hevruta.directory.models import Network, Person

from .choices import Decision
from .resources import Resource


class Curator(models.Model):
    """A person who reviews a network's resources besides its managers, appointed by a manager."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="knowledge_curators")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="curatorships")
    added_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("curator")
        verbose_name_plural = _("curators")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "person"],
                name="curator_once_per_network",
                violation_error_message=_("This person is already a curator of the network."),
            )
        ]
        indexes = [models.Index(fields=["person", "network"], name="curator_person")]

    def __str__(self) -> str:
        return f"{self.person} · {self.network}"


def _score_field(label: Any) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, validators=[MinValueValidator(1), MaxValueValidator(4)])


RUBRIC = ("accuracy", "classroom_readiness", "clarity", "alignment")


class Review(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    accuracy = _score_field(_("accuracy"))
    classroom_readiness = _score_field(_("classroom readiness"))
    clarity = _score_field(_("clarity"))
    alignment = _score_field(_("alignment"))
    comments = models.TextField(_("comments"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accuracy__range=(1, 4))
                & Q(classroom_readiness__range=(1, 4))
                & Q(clarity__range=(1, 4))
                & Q(alignment__range=(1, 4)),
                name="review_scores_1_to_4",
                violation_error_message=_("Each score is a number from 1 to 4."),
            ),
            # A returned resource must tell its author what to change.
            models.CheckConstraint(
                condition=~Q(decision=Decision.RETURN) | ~Q(comments=""),
                name="returned_review_has_comments",
                violation_error_message=_("A resource returned for changes needs comments saying what to change."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} · {self.resource}"

    @property
    def scores(self) -> list[tuple[str, int]]:
        return [(str(self._meta.get_field(name).verbose_name), getattr(self, name)) for name in RUBRIC]  # type: ignore[union-attr]


class ReviewReply(models.Model):
    """The author's answer to a review, kept beside it so the conversation reads in order."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("answer"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class ResourceVersion(models.Model):
    """A snapshot of a published resource: every edit after publication makes one."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = NameField(max_length=300)
    body = models.TextField(blank=True)
    language = models.CharField(max_length=2, choices=ContentLanguage.choices)
    # Type, licence, video, alignment, tags, links and authors, as they were.
    metadata = models.JSONField(default=dict)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "number"],
                name="version_number_once",
                violation_error_message=_("This version of the resource already exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} · v{self.number}"
