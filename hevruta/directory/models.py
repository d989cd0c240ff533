"""The directory: localities, organizations, people, their positions, and the networks joining them."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField
from hevruta.core.models import ContentLanguage, TimeStampedModel, TrilingualNameModel
from hevruta.core.text import search_key


class District(models.IntegerChoices):
    """The Central Bureau of Statistics' districts, by their CBS codes."""

    JERUSALEM = 1, _("Jerusalem")
    NORTH = 2, _("North")
    HAIFA = 3, _("Haifa")
    CENTER = 4, _("Center")
    TEL_AVIV = 5, _("Tel Aviv")
    SOUTH = 6, _("South")
    JUDEA_SAMARIA = 7, _("Judea and Samaria")


class Locality(TrilingualNameModel):
    cbs_code = models.PositiveIntegerField(_("CBS code"), unique=True)
    district = models.PositiveSmallIntegerField(_("district"), choices=District.choices, null=True, blank=True)
    sub_district = models.CharField(_("sub-district"), max_length=100, blank=True)
    municipal_status = models.CharField(_("municipal status"), max_length=100, blank=True)
    regional_council = models.CharField(
        _("regional council"),
        max_length=100,
        blank=True,
        help_text=_("The regional council the locality belongs to, if any."),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    peripherality_cluster = models.PositiveSmallIntegerField(
        _("peripherality cluster"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("CBS peripherality index 2020: 1 is the most peripheral, 10 the most central."),
    )
    peripherality_index = models.FloatField(_("peripherality index"), null=True, blank=True)

    class Meta:
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        ordering = ["name_he"]
        constraints = [
            models.CheckConstraint(
                condition=Q(peripherality_cluster__isnull=True) | Q(peripherality_cluster__range=(1, 10)),
                name="locality_peripherality_cluster_1_to_10",
                violation_error_message=_("The peripherality cluster is a number from 1 to 10."),
            ),
        ]
        indexes = [models.Index(fields=["district"]), models.Index(fields=["peripherality_cluster"])]


class Subject(TrilingualNameModel):
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")
        ordering = ["slug"]


class GradeBand(TrilingualNameModel):
    slug = models.SlugField(unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")
        ordering = ["order"]


class Topic(TrilingualNameModel):
    """One shared taxonomy for strengths and for areas people and organizations want to develop."""

    slug = models.SlugField(unique=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["slug"]


class Language(TrilingualNameModel):
    code = models.CharField(max_length=8, unique=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]


class OrganizationKind(models.TextChoices):
    COLLEGE = "college", _("College of teacher education")
    UNIVERSITY = "university", _("University")
    SCHOOL = "school", _("School")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    MUNICIPALITY = "municipality", _("Municipality")
    LOCAL_COUNCIL = "local_council", _("Local council")
    REGIONAL_COUNCIL = "regional_council", _("Regional council")
    MINISTRY_UNIT = "ministry_unit", _("Ministry unit")
    TEACHERS_CENTER = "teachers_center", _("Teachers' center")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    FOUNDATION = "foundation", _("Foundation")
    NONPROFIT = "nonprofit", _("Non-profit")
    BUSINESS = "business", _("Business")


class Sector(models.TextChoices):
    """The education system's sectors, as the ministry reports them."""

    STATE = "state", _("State")
    STATE_RELIGIOUS = "state_religious", _("State-religious")
    ARAB = "arab", _("Arab")
    DRUZE = "druze", _("Druze")
    BEDOUIN = "bedouin", _("Bedouin")
    ULTRA_ORTHODOX = "ultra_orthodox", _("Ultra-Orthodox")
    GENERAL = "general", _("Cross-sector")


class Organization(TimeStampedModel):
    name = NameField(_("name"), max_length=200)
    name_en = NameField(_("name in English"), max_length=200, blank=True)
    name_ar = NameField(_("name in Arabic"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    strengths = models.ManyToManyField(
        Topic, verbose_name=_("strengths"), blank=True, related_name="strong_organizations"
    )
    areas_to_develop = models.ManyToManyField(
        Topic, verbose_name=_("areas to develop"), blank=True, related_name="developing_organizations"
    )
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["sector"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.search_text = search_key(self.name, self.name_en, self.name_ar)
        super().save(*args, **kwargs)


class Visibility(models.TextChoices):
    """Who may see a person's profile or one of its fields."""

    PUBLIC = "public", _("Anyone")
    NETWORK = "network", _("Members of my networks")
    PRIVATE = "private", _("Only me")


class Person(TimeStampedModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    given_name = NameField(_("given name"), max_length=100)
    family_name = NameField(_("family name"), max_length=100)
    email = models.EmailField(_("email"), null=True, blank=True, unique=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    # Only a keyed hash of a national ID is stored, to recognize a person across re-imports.
    national_id_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    bio = models.TextField(_("about"), blank=True)
    bio_language = models.CharField(
        _("language of the text"), max_length=2, choices=ContentLanguage.choices, blank=True
    )
    locality = models.ForeignKey(
        Locality, verbose_name=_("locality"), null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    subjects = models.ManyToManyField(Subject, verbose_name=_("subjects"), blank=True, related_name="people")
    grade_bands = models.ManyToManyField(GradeBand, verbose_name=_("grade bands"), blank=True, related_name="people")
    languages = models.ManyToManyField(Language, verbose_name=_("languages"), blank=True, related_name="people")
    strengths = models.ManyToManyField(Topic, verbose_name=_("strengths"), blank=True, related_name="strong_people")
    areas_to_develop = models.ManyToManyField(
        Topic, verbose_name=_("areas to develop"), blank=True, related_name="developing_people"
    )
    profile_visibility = models.CharField(
        _("who may see my profile"), max_length=16, choices=Visibility.choices, default=Visibility.NETWORK
    )
    email_visibility = models.CharField(
        _("who may see my email"), max_length=16, choices=Visibility.choices, default=Visibility.NETWORK
    )
    phone_visibility = models.CharField(
        _("who may see my phone"), max_length=16, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name", "id"]
        indexes = [
            models.Index(fields=["family_name", "given_name", "id"], name="person_name_order"),
            # Visitors and outsiders list public profiles in name order: filter and order from one index.
            models.Index(
                fields=["profile_visibility", "family_name", "given_name", "id"], name="person_visible_name_order"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    def refresh_search_text(self) -> None:
        self.search_text = search_key(self.given_name, self.family_name)

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        # Addresses are matched on import and login; one case avoids two people for one inbox.
        self.email = self.email.strip().lower() if self.email else None
        self.refresh_search_text()
        super().save(*args, **kwargs)


class PositionRole(models.TextChoices):
    """Kinds of position, so the directory can be filtered by role across titles written freely."""

    TEACHER = "teacher", _("Teacher")
    SUBJECT_COORDINATOR = "subject_coordinator", _("Subject coordinator")
    INSTRUCTOR = "instructor", _("Instructor")
    COMMUNITY_FACILITATOR = "community_facilitator", _("Community facilitator")
    PEDAGOGIC_SUPERVISOR = "pedagogic_supervisor", _("Pedagogic supervisor")
    MENTOR = "mentor", _("Mentor")
    INTERN = "intern", _("Intern")
    SENIOR_TEACHER = "senior_teacher", _("Senior teacher")
    PRINCIPAL = "principal", _("Principal")
    LECTURER = "lecturer", _("Lecturer")
    ACADEMIC_HEAD = "academic_head", _("Head of academic unit")
    DEPARTMENT_HEAD = "department_head", _("Head of education department")
    INSPECTOR = "inspector", _("Inspector")
    STAFF = "staff", _("Staff")
    OTHER = "other", _("Other")


# Leading teachers (seed document 002: about 20% of the teachers) and senior teachers (2-4%), who teach
# the leaders; a network's page counts both.
LEADING_POSITION_ROLES = (
    PositionRole.SUBJECT_COORDINATOR,
    PositionRole.INSTRUCTOR,
    PositionRole.COMMUNITY_FACILITATOR,
    PositionRole.PEDAGOGIC_SUPERVISOR,
)
SENIOR_POSITION_ROLES = (PositionRole.SENIOR_TEACHER,)


class Position(TimeStampedModel):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="positions")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="positions"
    )
    title = NameField(_("title"), max_length=200)
    role = models.CharField(_("role"), max_length=32, choices=PositionRole.choices, default=PositionRole.OTHER)
    is_senior = models.BooleanField(_("senior management post"), default=False)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = [models.F("end_date").desc(nulls_first=True), models.F("start_date").desc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="position_ends_after_it_starts",
                violation_error_message=_("A position cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["person", "organization", "title", "start_date"],
                name="position_unique_per_start",
                violation_error_message=_(
                    "This person already holds this position at this organization from the same date."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["role", "person"]),
            # Who speaks for these organizations (consultations' suggestions): read from the index alone.
            models.Index(
                fields=["organization", "role", "is_senior", "end_date", "person"], name="position_by_organization_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organization}"

    @property
    def is_current(self) -> bool:
        from django.utils import timezone

        return self.end_date is None or self.end_date >= timezone.localdate()


class NetworkKind(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional network")
    MUNICIPAL = "municipal", _("Network of municipalities")
    PROGRAM = "program", _("Program partners")
    ALUMNI = "alumni", _("Alumni network")


class JoinPolicy(models.TextChoices):
    """How a person comes to belong to a network."""

    OPEN = "open", _("Open: anyone signed up joins at once")
    ON_REQUEST = "request", _("On request: the managers approve or decline")
    INVITATION = "invitation", _("By invitation only")


class Network(TimeStampedModel):
    name = NameField(_("name"), max_length=200)
    name_en = NameField(_("name in English"), max_length=200, blank=True)
    name_ar = NameField(_("name in Arabic"), max_length=200, blank=True)
    slug = models.SlugField(unique=True, allow_unicode=True)
    kind = models.CharField(_("kind"), max_length=32, choices=NetworkKind.choices, default=NetworkKind.PROFESSIONAL)
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(
        _("language of the text"), max_length=2, choices=ContentLanguage.choices, blank=True
    )
    # The network's logic model starts here; its goals are programs.ProgramGoal rows it owns (docs/outcomes.md).
    vision = models.TextField(_("vision"), blank=True)
    vision_language = models.CharField(
        _("language of the vision"), max_length=2, choices=ContentLanguage.choices, blank=True
    )
    is_public = models.BooleanField(
        _("public page"), default=True, help_text=_("A members-only network is seen only by its members.")
    )
    join_policy = models.CharField(
        _("who may join"), max_length=16, choices=JoinPolicy.choices, default=JoinPolicy.INVITATION
    )
    organizations = models.ManyToManyField(
        Organization, through="NetworkOrganization", related_name="networks", verbose_name=_("member organizations")
    )
    people = models.ManyToManyField(
        Person, through="NetworkMembership", related_name="networks", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(join_policy__in=JoinPolicy.values),
                name="network_join_policy_is_known",
                violation_error_message=_("Choose who may join the network."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    MANAGER = "manager", _("Manager")


class NetworkMembership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    joined_at = models.DateField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "person"],
                name="membership_once_per_network",
                violation_error_message=_("This person is already a member of the network."),
            )
        ]
        indexes = [models.Index(fields=["person", "network"])]

    def __str__(self) -> str:
        return f"{self.person} ∈ {self.network}"


class NetworkOrganization(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="member_organizations")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="network_links")
    joined_at = models.DateField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("member organization")
        verbose_name_plural = _("member organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organization"],
                name="organization_once_per_network",
                violation_error_message=_("This organization is already a member of the network."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ∈ {self.network}"


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JoinRequest(models.Model):
    """A person asks to join a network that admits members on request; its managers decide."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="join_requests")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="join_requests")
    message = models.TextField(_("message to the managers"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Decision.choices, default=Decision.PENDING)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "person"],
                condition=Q(status="pending"),
                name="one_pending_join_request",
                violation_error_message=_("You have already asked to join this network."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Decision.values),
                name="join_request_status_is_known",
                violation_error_message=_("Unknown status of a request to join."),
            ),
        ]
        indexes = [models.Index(fields=["network", "status"])]

    def __str__(self) -> str:
        return f"{self.person} → {self.network}"


class Invitation(models.Model):
    """A network's managers invite someone, by email or from the directory; the invitee accepts or declines.

    The token is the only thing the emailed link carries: whoever holds it may see the invitation,
    and accepting it still requires logging in as the invited address (or the invited person).
    """

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations")
    token = models.CharField(max_length=43, unique=True)
    message = models.TextField(_("personal message"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Decision.choices, default=Decision.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "email"],
                condition=Q(status="pending"),
                name="one_pending_invitation_per_email",
                violation_error_message=_("This address already has an invitation waiting."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Decision.values),
                name="invitation_status_is_known",
                violation_error_message=_("Unknown status of an invitation."),
            ),
        ]
        indexes = [models.Index(fields=["email", "status"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.network}"


def roster_file_name(instance: "RosterImport", filename: str) -> str:
    # A name nobody can guess: the file holds national ID numbers and phones in the clear.
    suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    return f"rosters/{uuid.uuid4().hex}{suffix}"


class RosterImport(TimeStampedModel):
    """An uploaded roster of people and positions: checked on a worker, previewed, then applied at once.

    The file is kept only while it is needed (checking, waiting for confirmation, importing, or a
    failed import that may be tried again) and deleted once imported, discarded or abandoned. The
    work itself runs as jobs (core.jobs) whose subject is this import.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        PREVIEWED = "previewed", _("Checked, waiting for confirmation")
        INVALID = "invalid", _("Refused: the file has errors")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")
        DISCARDED = "discarded", _("Discarded")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="roster_imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    file = models.FileField(upload_to=roster_file_name, blank=True)
    original_name = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CHECKING)
    # A dry run is checked and then forgotten: its file is deleted once the check is done.
    dry_run = models.BooleanField(default=False)
    # How a CSV's bytes were read (UTF-8, Windows-1255, ...), told to the person who sent it.
    encoding = models.CharField(max_length=40, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.status})"

    @property
    def may_be_discarded(self) -> bool:
        return self.status in (self.Status.PREVIEWED, self.Status.FAILED)
