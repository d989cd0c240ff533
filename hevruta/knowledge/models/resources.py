"""A resource of practical knowledge, its authors, tags, links and attachments."""

import uuid
from pathlib import PurePath

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField
from hevruta.core.models import ContentLanguage, TimeStampedModel
from hevruta.directory.models import GradeBand, Network, Organization, Person, PositionRole, Subject, Topic

from .choices import (
    LICENCE_URLS,
    MAX_BODY_CHARS,
    MAX_TITLE_CHARS,
    Extraction,
    FileType,
    Licence,
    ResourceKind,
    Status,
    TagKind,
)


class Resource(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="knowledge_resources"
    )
    kind = models.CharField(_("type"), max_length=32, choices=ResourceKind.choices)
    title = NameField(_("title"), max_length=MAX_TITLE_CHARS)
    body = models.TextField(_("text"), blank=True, validators=[MaxLengthValidator(MAX_BODY_CHARS)])
    # The sanitized HTML of `body`, rendered once on every write rather than on every page view.
    body_html = models.TextField(editable=False, default="")
    language = models.CharField(_("language of the text"), max_length=2, choices=ContentLanguage.choices)
    licence = models.CharField(_("licence"), max_length=32, choices=Licence.choices, default=Licence.CC_BY)
    video_url = models.URLField(_("video"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="created_resources"
    )
    subjects = models.ManyToManyField(Subject, verbose_name=_("subjects"), blank=True, related_name="resources")
    grade_bands = models.ManyToManyField(GradeBand, verbose_name=_("grade bands"), blank=True, related_name="resources")
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="resources")
    adapted_from = models.ForeignKey(
        "self",
        verbose_name=_("adapted from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    # Kept by services.report_use, so "most used" sorts on an index instead of counting every report.
    use_count = models.PositiveIntegerField(_("reports of use"), default=0)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="resource_has_a_title",
                violation_error_message=_("A resource needs a title."),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
                name="published_resource_has_a_date",
                violation_error_message=_("A published resource needs the date it was published."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "network"], name="resource_status_network"),
            models.Index(fields=["-published_at", "-id"], name="resource_newest"),
            models.Index(fields=["-use_count", "-id"], name="resource_most_used"),
            models.Index(fields=["kind"], name="resource_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")  # type: ignore[call-overload]


class Authorship(models.Model):
    """An author of a resource: a person or an organization, in the order they are credited."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="authorships")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="knowledge_authorships"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="knowledge_authorships"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organization__isnull=True)
                | Q(person__isnull=True, organization__isnull=False),
                name="authorship_is_a_person_or_an_organization",
                violation_error_message=_("An author is either a person or an organization."),
            ),
            models.UniqueConstraint(
                fields=["resource", "person"],
                condition=Q(person__isnull=False),
                name="author_person_once",
                violation_error_message=_("This person is already an author of the resource."),
            ),
            models.UniqueConstraint(
                fields=["resource", "organization"],
                condition=Q(organization__isnull=False),
                name="author_organization_once",
                violation_error_message=_("This organization is already an author of the resource."),
            ),
        ]
        indexes = [models.Index(fields=["person", "resource"], name="authorship_person")]

    def __str__(self) -> str:
        return str(self.person or self.organization)


class ResourceTag(models.Model):
    """A role the resource serves (a value of the directory's PositionRole, which standards roles map
    onto) or a keyword as the author typed it."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=16, choices=TagKind.choices)
    value = models.CharField(max_length=60)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "kind", "value"],
                name="tag_once_per_resource",
                violation_error_message=_("The resource already has this tag."),
            )
        ]
        indexes = [models.Index(fields=["kind", "value"], name="tag_lookup")]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        """A role's name in the active language; a keyword as typed."""
        if self.kind == TagKind.ROLE and self.value in PositionRole.values:
            return str(PositionRole(self.value).label)
        return self.value


class ResourceLink(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(max_length=500)
    label = NameField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.label or self.url


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name: files are served only through a view that checks who may see the resource.
    return f"knowledge/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class Attachment(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(max_length=16, choices=FileType.choices)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    text = models.TextField(blank=True, default="", editable=False)
    extraction = models.CharField(max_length=16, choices=Extraction.choices, default=Extraction.PENDING)
    uploaded_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.file_type == FileType.IMAGE
