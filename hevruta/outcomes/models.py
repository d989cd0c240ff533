"""Logic models: a program's or a network's vision, goals and objectives (programs.ProgramGoal and
ProgramObjective), and here what measures them: indicators with a baseline, targets by date and
measurements over time, and the milestones and deliverables on the way (docs/outcomes.md)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.models import ContentLanguage
from hevruta.insights.measures import Unit


class Source(models.TextChoices):
    COMPUTED = "computed", _("Computed from the platform's data")
    MANUAL = "manual", _("Entered by hand with evidence")
    SURVEY = "survey", _("From a survey question")


class Indicator(models.Model):
    """How an objective is known to be reached: a number in a unit, from one source."""

    objective = models.ForeignKey(
        "programs.ProgramObjective", verbose_name=_("objective"), on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("indicator"), max_length=300)
    language = models.CharField(_("language of the text"), max_length=2, choices=ContentLanguage.choices, blank=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices, default=Unit.COUNT)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.MANUAL)
    # A key of the measures catalogue (insights.measures), for a computed indicator.
    measure = models.CharField(_("measure"), max_length=80, blank=True)
    # "surveys.question:<id>" and "mean" or "share" for an indicator read from a survey question.
    survey_question = models.CharField(_("survey question"), max_length=80, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["objective", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""),
                name="indicator_has_a_name",
                violation_error_message=_("An indicator needs a name."),
            ),
            models.CheckConstraint(
                condition=Q(source__in=Source.values),
                name="indicator_source_is_known",
                violation_error_message=_("This source of an indicator is not known."),
            ),
            models.CheckConstraint(
                condition=~Q(source=Source.COMPUTED) | ~Q(measure=""),
                name="computed_indicator_names_its_measure",
                violation_error_message=_("A computed indicator needs a measure from the catalogue."),
            ),
            models.CheckConstraint(
                condition=~Q(source=Source.SURVEY) | ~Q(survey_question=""),
                name="survey_indicator_names_its_question",
                violation_error_message=_("An indicator from a survey needs the survey's question."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    due = models.DateField(_("by"))
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "due"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "due"],
                name="target_once_per_date",
                violation_error_message=_("The indicator already has a target for this date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value} · {self.due}"


class Measurement(models.Model):
    """The indicator's value on a date: computed by the refresh, or entered by hand with its evidence."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.MANUAL)
    evidence = models.TextField(_("evidence"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "on"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "on"],
                name="measurement_once_per_date",
                violation_error_message=_("The indicator already has a measurement on this date."),
            ),
            models.CheckConstraint(
                condition=~Q(source=Source.MANUAL) | ~Q(evidence=""),
                name="manual_measurement_has_evidence",
                violation_error_message=_("A value entered by hand needs its evidence."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value} · {self.on}"


class MilestoneKind(models.TextChoices):
    MILESTONE = "milestone", _("Milestone")
    DELIVERABLE = "deliverable", _("Deliverable")


class Milestone(models.Model):
    """A key milestone or a principal deliverable (seed document 002's open questions), with who owns it."""

    program = models.ForeignKey(
        "programs.Program", null=True, blank=True, on_delete=models.CASCADE, related_name="milestones"
    )
    network = models.ForeignKey(
        "directory.Network", null=True, blank=True, on_delete=models.CASCADE, related_name="milestones"
    )
    objective = models.ForeignKey(
        "programs.ProgramObjective",
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=MilestoneKind.choices, default=MilestoneKind.MILESTONE)
    title = models.CharField(_("title"), max_length=300)
    owner = models.ForeignKey(
        "directory.Person", verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone or deliverable")
        verbose_name_plural = _("milestones and deliverables")
        ordering = ["due", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False, network__isnull=True)
                | Q(program__isnull=True, network__isnull=False),
                name="milestone_has_one_owner",
                violation_error_message=_("A milestone belongs either to a program or to a network."),
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="milestone_has_a_title",
                violation_error_message=_("A milestone needs a title."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MilestoneKind.values),
                name="milestone_kind_is_known",
                violation_error_message=_("This kind of milestone is not known."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
