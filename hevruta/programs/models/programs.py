"""A program: its goals and objectives, the roles it prepares for, its requirements and its staff."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField
from hevruta.core.models import ContentLanguage, TimeStampedModel
from hevruta.directory.models import Network, Organization, Person
from hevruta.standards.models import Framework, Item, PerformanceLevel, Role


class ProgramKind(models.TextChoices):
    ACCREDITATION = "accreditation", _("Training toward a role")
    LEADERSHIP = "leadership", _("Leadership program")
    MENTOR_TRAINING = "mentor_training", _("Mentor training course")
    SPECIALIZATION = "specialization", _("Specialization course in a tool or method")
    MENTORING = "mentoring", _("Mentoring program")
    SUPERVISION = "supervision", _("In-service supervision program")


class Program(TimeStampedModel):
    """A program of a network: the Master Teacher program, Alumot, a mentor-training course, ..."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="programs")
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)
    name_he = NameField(_("name in Hebrew"), max_length=200, blank=True)
    name_ar = NameField(_("name in Arabic"), max_length=200, blank=True)
    name_en = NameField(_("name in English"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=ProgramKind.choices, default=ProgramKind.ACCREDITATION)
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(
        _("language of the description"), max_length=2, choices=ContentLanguage.choices, blank=True
    )
    vision = models.TextField(_("vision"), blank=True)
    vision_language = models.CharField(
        _("language of the vision"), max_length=2, choices=ContentLanguage.choices, blank=True
    )
    roles = models.ManyToManyField(
        Role,
        verbose_name=_("roles it prepares for"),
        blank=True,
        related_name="programs",
        help_text=_("An approved accreditation grants these roles."),
    )
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("standards framework"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programs",
    )
    issuing_organization = models.ForeignKey(
        Organization,
        verbose_name=_("issuing organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_programs",
        help_text=_("The organization that signs the program's credentials."),
    )
    accepts_applications = models.BooleanField(
        _("people may apply to its cohorts"),
        default=False,
        help_text=_("Otherwise only the program's staff enroll participants."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["name_he", "name_en", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name_he="") | ~Q(name_en="") | ~Q(name_ar=""),
                name="program_has_a_name",
                violation_error_message=_("A program needs a name in at least one language."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, else in Hebrew, English or Arabic."""
        language = (translation.get_language() or "he")[:2]
        return getattr(self, f"name_{language}", "") or self.name_he or self.name_en or self.name_ar

    @property
    def name_language(self) -> str:
        language = (translation.get_language() or "he")[:2]
        if getattr(self, f"name_{language}", ""):
            return language
        return "he" if self.name_he else ("en" if self.name_en else "ar")


class ProgramGoal(models.Model):
    """A goal of a program's or of a network's logic model (docs/outcomes.md): exactly one owner.

    It kept its name and place when networks got goals too: one model for the notion, and the programs
    pages, API and other work on programs read it as before.
    """

    program = models.ForeignKey(Program, null=True, blank=True, on_delete=models.CASCADE, related_name="goals")
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.CASCADE, related_name="goals", verbose_name=_("network")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("goal"))
    language = models.CharField(_("language of the text"), max_length=2, choices=ContentLanguage.choices, blank=True)

    class Meta:
        verbose_name = _("program goal")
        verbose_name_plural = _("program goals")
        ordering = ["program", "network", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "order"],
                name="program_goal_order_once",
                violation_error_message=_("The program already has a goal at this place."),
            ),
            models.UniqueConstraint(
                fields=["network", "order"],
                condition=Q(network__isnull=False),
                name="network_goal_order_once",
                violation_error_message=_("The network already has a goal at this place."),
            ),
            models.CheckConstraint(
                condition=Q(program__isnull=False, network__isnull=True)
                | Q(program__isnull=True, network__isnull=False),
                name="goal_has_one_owner",
                violation_error_message=_("A goal belongs either to a program or to a network."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="program_goal_not_empty",
                violation_error_message=_("A goal cannot be empty."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ProgramObjective(models.Model):
    goal = models.ForeignKey(ProgramGoal, on_delete=models.CASCADE, related_name="objectives")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("objective"))
    language = models.CharField(_("language of the text"), max_length=2, choices=ContentLanguage.choices, blank=True)

    class Meta:
        verbose_name = _("program objective")
        verbose_name_plural = _("program objectives")
        ordering = ["goal", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "order"],
                name="program_objective_order_once",
                violation_error_message=_("The goal already has an objective at this place."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="program_objective_not_empty",
                violation_error_message=_("An objective cannot be empty."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class StaffRole(models.TextChoices):
    """Admin rights per program: coordinators run it, reviewers score evidence, supervisors supervise."""

    COORDINATOR = "coordinator", _("Coordinator")
    REVIEWER = "reviewer", _("Reviewer")
    SUPERVISOR = "supervisor", _("Supervisor")
    INSTRUCTOR = "instructor", _("Instructor")


class ProgramStaff(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="staff")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="program_staff")
    role = models.CharField(_("role"), max_length=16, choices=StaffRole.choices)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("program staff member")
        verbose_name_plural = _("program staff")
        ordering = ["program", "role", "person__family_name", "person__given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person", "role"],
                name="program_staff_role_once",
                violation_error_message=_("This person already has this role in the program."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=StaffRole.values),
                name="program_staff_role_is_known",
                violation_error_message=_("This staff role is not known."),
            ),
        ]
        indexes = [models.Index(fields=["person", "program"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()} · {self.program}"


class RequirementKind(models.TextChoices):
    ATTENDANCE = "attendance", _("Attendance")
    SUPERVISED_HOURS = "supervised_hours", _("Hours of supervised practice")
    COMPETENCY_EVIDENCE = "competency_evidence", _("Evidence of a competency")


class Requirement(models.Model):
    """What a participant must do: attend enough sessions, practise under supervision, show a competency."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="requirements")
    kind = models.CharField(_("kind"), max_length=32, choices=RequirementKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.TextField(_("description"), blank=True)
    min_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)
    competency = models.ForeignKey(
        Item,
        verbose_name=_("competency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="program_requirements",
    )
    min_level = models.ForeignKey(
        PerformanceLevel,
        verbose_name=_("minimum level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="program_requirements",
        help_text=_("Evidence counts when accepted at this level or above."),
    )

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["program", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=RequirementKind.values),
                name="requirement_kind_is_known",
                violation_error_message=_("This kind of requirement is not known."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=RequirementKind.ATTENDANCE) | Q(min_percent__gte=1, min_percent__lte=100),
                name="requirement_attendance_has_percent",
                violation_error_message=_("An attendance requirement needs a percentage from 1 to 100."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=RequirementKind.SUPERVISED_HOURS) | Q(hours__gt=0),
                name="requirement_hours_are_positive",
                violation_error_message=_("A requirement of supervised hours needs more than zero hours."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=RequirementKind.COMPETENCY_EVIDENCE) | Q(competency__isnull=False),
                name="requirement_evidence_has_competency",
                violation_error_message=_("A requirement of evidence needs the competency it shows."),
            ),
            models.UniqueConstraint(
                fields=["program", "competency"],
                condition=Q(competency__isnull=False),
                name="requirement_competency_once_per_program",
                violation_error_message=_("The program already requires evidence of this competency."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.program}"
