"""Reports of use, bookmarks, follows and collections."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField
from hevruta.core.models import TimeStampedModel
from hevruta.directory.models import GradeBand, Locality, Network, Person, Subject

from .choices import CollectionVisibility
from .resources import Resource


class UseReport(models.Model):
    """A teacher used a resource with a class. Who reported is shown only if the report is public."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="use_reports")
    reporter = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="knowledge_use_reports")
    used_on = models.DateField(_("when"))
    subject = models.ForeignKey(Subject, verbose_name=_("subject"), null=True, blank=True, on_delete=models.PROTECT)
    grade_band = models.ForeignKey(
        GradeBand, verbose_name=_("grade band"), null=True, blank=True, on_delete=models.PROTECT
    )
    grade = models.CharField(_("grade or class"), max_length=40, blank=True)
    students = models.PositiveSmallIntegerField(
        _("number of students"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    how_it_went = models.TextField(_("how it went"), blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    is_public = models.BooleanField(_("show my name with this report"), default=False)
    # Where it was used, fixed when reported: the reporter may move, the report stays where it happened.
    locality = models.ForeignKey(Locality, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    adaptation = models.ForeignKey(
        Resource, null=True, blank=True, on_delete=models.SET_NULL, related_name="adapted_in_reports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report of use")
        verbose_name_plural = _("reports of use")
        ordering = ["-used_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__range=(1, 5)),
                name="use_rating_1_to_5",
                violation_error_message=_("The rating is a number from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(students__range=(1, 1000)),
                name="use_students_1_to_1000",
                violation_error_message=_("The number of students is from 1 to 1,000."),
            ),
        ]
        indexes = [models.Index(fields=["resource", "locality"], name="use_resource_locality")]

    def __str__(self) -> str:
        return f"{self.resource} · {self.used_on}"


class Bookmark(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="knowledge_bookmarks")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "resource"],
                name="bookmark_once",
                violation_error_message=_("You already saved this resource."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.resource}"


class Follow(models.Model):
    """Someone wants to hear when a resource changes: "My resources" shows it once a version newer
    than the one they last saw is published; the notifications app will read these too."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="knowledge_follows")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)
    # The resource's version when they followed it or last opened its page.
    seen_version = models.PositiveIntegerField(_("version seen"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "resource"],
                name="follow_once",
                violation_error_message=_("You already follow this resource."),
            )
        ]
        indexes = [models.Index(fields=["resource"], name="follow_resource")]

    def __str__(self) -> str:
        return f"{self.person} · {self.resource}"


class Collection(TimeStampedModel):
    owner = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="knowledge_collections")
    name = NameField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    visibility = models.CharField(
        _("who may see it"),
        max_length=16,
        choices=CollectionVisibility.choices,
        default=CollectionVisibility.PRIVATE,
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="knowledge_collections",
    )
    resources = models.ManyToManyField(Resource, through="CollectionItem", related_name="collections")

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(visibility=CollectionVisibility.NETWORK) | Q(network__isnull=False),
                name="network_collection_names_its_network",
                violation_error_message=_("A collection shared with a network needs the network."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""),
                name="collection_has_a_name",
                violation_error_message=_("A collection needs a name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="collection_items")
    note = models.CharField(_("note"), max_length=300, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "resource"],
                name="collection_item_once",
                violation_error_message=_("The resource is already in the collection."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.collection} · {self.resource}"
