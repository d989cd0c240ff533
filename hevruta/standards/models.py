"""Roles (job definitions) and the professional standards frameworks they are measured by.

A framework is stored the way 1EdTech CASE describes it: a document (Framework), its items (Item) and
the associations between nodes (Association), isChildOf ones making the tree. Every CASE property we
model has a column; whatever else a CASE package carried stays in the `extra` JSON of its object and
is written back on export, so an imported framework leaves exactly as it came.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField, TitleTextField
from hevruta.core.models import ContentLanguage, TimeStampedModel
from hevruta.directory.models import Network, OrganizationKind, Position, PositionRole


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class AssociationType(models.TextChoices):
    """CASE 1.1's association types; isChildOf builds the tree, the others link nodes anywhere."""

    IS_CHILD_OF = "isChildOf", _("is a child of")
    EXACT_MATCH_OF = "exactMatchOf", _("is an exact match of")
    IS_RELATED_TO = "isRelatedTo", _("is related to")
    PRECEDES = "precedes", _("precedes")
    IS_PEER_OF = "isPeerOf", _("is a peer of")
    IS_PART_OF = "isPartOf", _("is part of")
    EXEMPLAR = "exemplar", _("has the exemplar")
    HAS_SKILL_LEVEL = "hasSkillLevel", _("has the skill level")
    REPLACED_BY = "replacedBy", _("is replaced by")
    IS_TRANSLATION_OF = "isTranslationOf", _("is a translation of")


class DefinitionKind(models.TextChoices):
    """The lists of a CASE package's CFDefinitions, by their CASE names."""

    CONCEPT = "CFConcepts", _("Concept")
    SUBJECT = "CFSubjects", _("Subject")
    LICENSE = "CFLicenses", _("Licence")
    ITEM_TYPE = "CFItemTypes", _("Item type")
    ASSOCIATION_GROUPING = "CFAssociationGroupings", _("Association grouping")


# CASE identifiers are UUIDs; some publishers use other tokens, so anything up to this length is kept.
IDENTIFIER_LENGTH = 100


class Framework(TimeStampedModel):
    """One version of a standards framework: a CASE CFDocument with its items and associations."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="frameworks",
        help_text=_("Empty for a public framework imported into the site's library."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    version_number = models.PositiveIntegerField(_("version"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_versions",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    source = models.TextField(
        _("imported from"), blank=True, help_text=_("The file or CASE server this framework was imported from.")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    # CASE CFDocument
    identifier = models.CharField(_("CASE identifier"), max_length=IDENTIFIER_LENGTH, unique=True)
    uri = models.TextField(_("URI"))
    title = TitleTextField(_("title"))
    creator = models.TextField(_("creator"))
    publisher = models.TextField(_("publisher"), blank=True)
    description = models.TextField(_("description"), blank=True)
    official_source_url = models.TextField(_("official source URL"), blank=True)
    language = models.CharField(_("language"), max_length=35, blank=True)
    version = models.TextField(_("version label"), blank=True)
    adoption_status = models.TextField(_("adoption status"), blank=True)
    status_start_date = models.DateField(_("status start date"), null=True, blank=True)
    status_end_date = models.DateField(_("status end date"), null=True, blank=True)
    subject = models.JSONField(_("subjects"), default=list, blank=True)
    subject_uri = models.JSONField(default=list, blank=True)
    license_uri = models.JSONField(null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    last_change = models.DateTimeField(_("last changed"))
    extra = models.JSONField(default=dict, blank=True)
    # Package-level CASE properties outside the document (unknown keys, CFRubrics kept verbatim, and
    # which CFDefinitions lists the package had); keys starting with "_" are ours and never exported.
    package_extra = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("standards framework")
        verbose_name_plural = _("standards frameworks")
        ordering = ["title", "-version_number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=FrameworkStatus.values),
                name="framework_status_is_known",
                violation_error_message=_("The framework's status must be draft, published or retired."),
            ),
            models.CheckConstraint(
                condition=Q(status=FrameworkStatus.DRAFT) | Q(published_at__isnull=False),
                name="framework_published_has_date",
                violation_error_message=_("A published framework needs the date it was published."),
            ),
            # A version line has at most one draft being written at a time.
            models.UniqueConstraint(
                fields=["previous"],
                condition=Q(status=FrameworkStatus.DRAFT),
                name="framework_one_draft_per_version",
                violation_error_message=_(
                    "This framework already has a draft; change that draft instead of starting another."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(identifier=""),
                name="framework_identifier_not_empty",
                violation_error_message=_("A framework needs an identifier."),
            ),
        ]
        indexes = [models.Index(fields=["status", "network"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == FrameworkStatus.DRAFT

    @property
    def is_imported(self) -> bool:
        return bool(self.source)


class Item(models.Model):
    """A CASE CFItem: a domain, a standard, a competency, or any node of a framework."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    identifier = models.CharField(_("CASE identifier"), max_length=IDENTIFIER_LENGTH, unique=True)
    uri = models.TextField(_("URI"))
    full_statement = models.TextField(_("statement"))
    alternative_label = models.TextField(_("alternative label"), blank=True)
    abbreviated_statement = models.TextField(_("short statement"), blank=True)
    human_coding_scheme = models.TextField(_("code"), blank=True, help_text=_("The code people use, e.g. 2.3."))
    list_enumeration = models.TextField(_("list enumeration"), blank=True)
    item_type = models.TextField(_("item type"), blank=True)
    item_type_uri = models.JSONField(null=True, blank=True)
    concept_keywords = models.JSONField(_("keywords"), default=list, blank=True)
    concept_keywords_uri = models.JSONField(null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    subject = models.JSONField(_("subjects"), default=list, blank=True)
    subject_uri = models.JSONField(default=list, blank=True)
    language = models.CharField(_("language"), max_length=35, blank=True)
    education_level = models.JSONField(_("education levels"), default=list, blank=True)
    license_uri = models.JSONField(null=True, blank=True)
    status_start_date = models.DateField(_("status start date"), null=True, blank=True)
    status_end_date = models.DateField(_("status end date"), null=True, blank=True)
    last_change = models.DateTimeField(_("last changed"))
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(identifier=""),
                name="item_identifier_not_empty",
                violation_error_message=_("An item needs an identifier."),
            )
        ]

    def __str__(self) -> str:
        code = f"{self.human_coding_scheme} " if self.human_coding_scheme else ""
        return f"{code}{self.abbreviated_statement or self.full_statement}"[:200]


class Association(models.Model):
    """A CASE CFAssociation between two nodes (a framework's document or items, here or elsewhere).

    The node references are kept as CASE gave them (identifier, uri, title); `origin_item` and
    `destination_item` point to our own copy of the node when we have one.
    """

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="associations")
    identifier = models.CharField(_("CASE identifier"), max_length=IDENTIFIER_LENGTH, unique=True)
    uri = models.TextField(_("URI"))
    association_type = models.CharField(_("association type"), max_length=64)
    sequence_number = models.IntegerField(_("order"), null=True, blank=True)
    origin_identifier = models.CharField(max_length=255, db_index=True)
    origin_uri = models.TextField()
    origin_title = TitleTextField(blank=True)
    origin_item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="outgoing_associations"
    )
    destination_identifier = models.CharField(max_length=255, db_index=True)
    destination_uri = models.TextField()
    destination_title = TitleTextField(blank=True)
    destination_item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="incoming_associations"
    )
    grouping_uri = models.JSONField(null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    last_change = models.DateTimeField(_("last changed"))
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(identifier=""),
                name="association_identifier_not_empty",
                violation_error_message=_("An association needs an identifier."),
            ),
            models.CheckConstraint(
                condition=~Q(association_type=""),
                name="association_type_not_empty",
                violation_error_message=_("An association needs a type."),
            ),
            models.CheckConstraint(
                condition=~Q(association_type=AssociationType.IS_CHILD_OF)
                | ~Q(origin_identifier=models.F("destination_identifier")),
                name="association_not_child_of_itself",
                violation_error_message=_("An item cannot be a child of itself."),
            ),
        ]
        indexes = [models.Index(fields=["framework", "association_type"])]

    def __str__(self) -> str:
        return f"{self.origin_title or self.origin_identifier} {self.association_type} " + (
            self.destination_title or self.destination_identifier
        )


class Definition(models.Model):
    """One entry of a package's CFDefinitions (a concept, subject, licence, item type or grouping)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="definitions")
    kind = models.CharField(max_length=32, choices=DefinitionKind.choices)
    identifier = models.CharField(max_length=IDENTIFIER_LENGTH)
    uri = models.TextField()
    title = TitleTextField(blank=True)
    data = models.JSONField(help_text="The CASE object as it is exported.")

    class Meta:
        verbose_name = _("CASE definition")
        verbose_name_plural = _("CASE definitions")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "kind", "identifier"],
                name="definition_once_per_framework",
                violation_error_message=_("The framework already has a definition with this identifier."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=DefinitionKind.values),
                name="definition_kind_is_known",
                violation_error_message=_("This kind of definition is not known."),
            ),
        ]
        indexes = [models.Index(fields=["identifier"])]

    def __str__(self) -> str:
        return self.title or self.identifier


class PerformanceLevel(models.Model):
    """A level on a framework's scale (developing, proficient, ...), in order from the lowest."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="levels")
    identifier = models.CharField(max_length=IDENTIFIER_LENGTH)
    name = NameField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"))
    last_change = models.DateTimeField(_("last changed"))

    class Meta:
        verbose_name = _("performance level")
        verbose_name_plural = _("performance levels")
        ordering = ["framework", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "position"],
                name="level_position_once_per_framework",
                violation_error_message=_("The framework already has a level at this position."),
            ),
            models.UniqueConstraint(
                fields=["framework", "name"],
                name="level_name_once_per_framework",
                violation_error_message=_("The framework already has a level with this name."),
            ),
            models.UniqueConstraint(
                fields=["framework", "identifier"],
                name="level_identifier_once_per_framework",
                violation_error_message=_("The framework already has a level with this identifier."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""), name="level_name_not_empty", violation_error_message=_("A level needs a name.")
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RubricText(models.Model):
    """What a competency looks like at one performance level."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="rubric_texts")
    level = models.ForeignKey(PerformanceLevel, on_delete=models.CASCADE, related_name="rubric_texts")
    text = models.TextField(_("text"))
    last_change = models.DateTimeField(_("last changed"))

    class Meta:
        verbose_name = _("rubric text")
        verbose_name_plural = _("rubric texts")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "level"],
                name="rubric_text_once_per_item_and_level",
                violation_error_message=_("This competency already has a description for this level."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="rubric_text_not_empty",
                violation_error_message=_("A rubric description cannot be empty."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Role(TimeStampedModel):
    """A job definition a network writes: subject coordinator, instructor, community facilitator, ..."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="roles")
    name = NameField(_("name"), max_length=200)
    position_role = models.CharField(
        _("kind of position"),
        max_length=32,
        choices=PositionRole.choices,
        blank=True,
        help_text=_("The directory's kind of position this role is, for filtering people."),
    )
    purpose = models.TextField(_("purpose"), blank=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True, help_text=_("One per line."))
    organization_kinds = models.JSONField(
        _("where the role exists"), default=list, blank=True, help_text=_("Kinds of organization.")
    )
    career_track = models.CharField(_("career track"), max_length=200, blank=True)
    track_stage = models.PositiveSmallIntegerField(
        _("stage in the track"), null=True, blank=True, help_text=_("1 for the first step of the track.")
    )
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("measured by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roles",
    )
    text_language = models.CharField(
        _("language of the text"), max_length=2, choices=ContentLanguage.choices, blank=True
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["career_track", "track_stage", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"],
                name="role_name_once_per_network",
                violation_error_message=_("The network already has a role with this name."),
            ),
            models.CheckConstraint(
                condition=~Q(name=""), name="role_name_not_empty", violation_error_message=_("A role needs a name.")
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def responsibility_list(self) -> list[str]:
        return [line.strip() for line in self.responsibilities.splitlines() if line.strip()]

    @property
    def organization_kind_labels(self) -> list[str]:
        labels = dict(OrganizationKind.choices)
        return [str(labels.get(kind, kind)) for kind in self.organization_kinds]


class RoleAssignment(models.Model):
    """A position in the directory filled as this role; the directory itself knows nothing of roles."""

    position = models.OneToOneField(Position, on_delete=models.CASCADE, related_name="role_assignment")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="assignments")
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["role", "position"])]

    def __str__(self) -> str:
        return f"{self.position} → {self.role}"
