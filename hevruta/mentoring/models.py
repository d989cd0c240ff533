"""Mentoring and supervision: a program's settings, applications, matching runs, relationships and their
log, private notes, the mentor's part in assessment and the closing survey.

A mentoring program IS a program (programs.Program of kind "mentoring" or "supervision"); its settings
here add what matching needs. A relationship belongs to a program of any kind: the in-service supervision
of an accreditation program's participants is a relationship of kind "supervision" in that program, and
its meetings' hours count toward the program's supervised-hours requirement (docs/architecture.md).
"""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hevruta.core.models import ContentLanguage, TimeStampedModel
from hevruta.directory.models import Person, Topic
from hevruta.programs.models import Program
from hevruta.standards.models import Item, PerformanceLevel

DEFAULT_WEIGHTS = {
    "subject": 5,
    "grade_band": 4,
    "distance": 3,
    "language": 2,
    "sector": 1,
    "organization": 2,
    "goals": 4,
}


class Eligibility(models.TextChoices):
    NETWORK = "network", _("Members of the program's network")
    ENROLLED = "enrolled", _("Only people the coordinator enrolls")


class MentoringProgram(models.Model):
    """What a program needs to match mentors with mentees and keep the relationships going."""

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="mentoring")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    application_deadline = models.DateField(_("applications close on"), null=True, blank=True)
    mentors_may_apply = models.CharField(
        _("who may apply as mentor"), max_length=16, choices=Eligibility.choices, default=Eligibility.NETWORK
    )
    mentees_may_apply = models.CharField(
        _("who may apply as mentee"), max_length=16, choices=Eligibility.choices, default=Eligibility.NETWORK
    )
    questions = models.JSONField(_("application questions"), default=list, blank=True)
    default_capacity = models.PositiveSmallIntegerField(
        _("mentees per mentor"), default=2, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    weights = models.JSONField(_("matching weights"), default=dict, blank=True)
    max_distance_km = models.PositiveIntegerField(_("farthest distance that still scores (km)"), default=100)
    exclude_evaluation_chain = models.BooleanField(
        _("never a mentor from the mentee's own organization's evaluation chain"), default=True
    )
    self_matching = models.BooleanField(_("mentors and mentees may request each other"), default=False)
    meeting_every_days = models.PositiveSmallIntegerField(
        _("a meeting every (days)"), default=14, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )

    class Meta:
        verbose_name = _("mentoring program")
        verbose_name_plural = _("mentoring programs")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="mentoring_program_ends_after_it_starts",
                violation_error_message=_("A mentoring program cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(default_capacity__gte=1),
                name="mentoring_program_capacity_positive",
                violation_error_message=_("A mentor takes at least one mentee."),
            ),
            models.CheckConstraint(
                condition=Q(meeting_every_days__gte=1),
                name="mentoring_program_rhythm_positive",
                violation_error_message=_("The meeting rhythm is at least one day."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.program)

    def weight(self, component: str) -> int:
        value = (self.weights or {}).get(component, DEFAULT_WEIGHTS[component])
        return value if isinstance(value, int) else DEFAULT_WEIGHTS[component]

    def accepts_applications_on(self, day) -> bool:  # type: ignore[no-untyped-def]
        return self.application_deadline is None or day <= self.application_deadline

    def assessment_dates(self) -> list[tuple[str, date]]:
        """When the mentor's part of an intern's assessment is due: the program's middle and its end."""
        return [("mid_year", self.starts_on + (self.ends_on - self.starts_on) / 2), ("end_year", self.ends_on)]


class Side(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class OrganizationPreference(models.TextChoices):
    ANY = "any", _("No preference")
    SAME = "same", _("The same organization")
    DIFFERENT = "different", _("A different organization")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for matching")
    MATCHED = "matched", _("Matched")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(TimeStampedModel):
    """A person's request to take part in a mentoring program as mentor or mentee."""

    program = models.ForeignKey(MentoringProgram, on_delete=models.CASCADE, related_name="applications")
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+")
    side = models.CharField(_("as"), max_length=8, choices=Side.choices)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    capacity = models.PositiveSmallIntegerField(_("mentees I can take"), default=1)
    goals = models.ManyToManyField(Topic, verbose_name=_("goals"), blank=True, related_name="+")
    organization_preference = models.CharField(
        _("organization"), max_length=16, choices=OrganizationPreference.choices, default=OrganizationPreference.ANY
    )
    avoid = models.ManyToManyField(Person, verbose_name=_("people to avoid"), blank=True, related_name="+")
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("mentoring application")
        verbose_name_plural = _("mentoring applications")
        ordering = ["program", "side", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "person", "side"],
                name="mentoring_application_once_per_side",
                violation_error_message=_("This person has already applied to this program on this side."),
            ),
            models.CheckConstraint(
                condition=Q(side__in=Side.values),
                name="mentoring_application_side_is_known",
                violation_error_message=_("An application is as mentor or as mentee."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="mentoring_application_status_is_known",
                violation_error_message=_("This application status is not known."),
            ),
            models.CheckConstraint(
                condition=Q(side="mentee") | Q(capacity__gte=1),
                name="mentoring_mentor_capacity_positive",
                violation_error_message=_("A mentor takes at least one mentee."),
            ),
        ]
        indexes = [models.Index(fields=["program", "side", "status"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_side_display()}"


class RunStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by a later run")


class MatchingRun(models.Model):
    """One run of the matching over a program's pending applications: proposed pairs, and what is left."""

    program = models.ForeignKey(MentoringProgram, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(_("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.PROPOSED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("run at"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    total_score = models.IntegerField(_("total score"), default=0)
    unmatched = models.JSONField(_("unmatched mentees"), default=list, blank=True)
    blocking_pairs = models.PositiveIntegerField(_("blocking pairs"), default=0)
    proven_optimal = models.BooleanField(_("proven optimal"), default=False)
    missing_profiles = models.JSONField(_("missing mentor profiles"), default=list, blank=True)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values),
                name="matching_run_status_is_known",
                violation_error_message=_("This matching run status is not known."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="matching_run_published_has_date",
                violation_error_message=_("A published run has a publication date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} · {self.created_at:%Y-%m-%d %H:%M}"


class ProposedPair(models.Model):
    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="pairs")
    mentee = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    score = models.IntegerField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    locked = models.BooleanField(_("locked"), default=False)

    class Meta:
        verbose_name = _("proposed pair")
        verbose_name_plural = _("proposed pairs")
        ordering = ["run", "-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "mentee"],
                name="proposed_pair_one_mentor_per_mentee",
                violation_error_message=_("A mentee has one mentor in a run."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} → {self.mentor_id} ({self.score})"


class ConstraintKind(models.TextChoices):
    LOCK = "lock", _("Locked: always this pair")
    FORBID = "forbid", _("Forbidden: never this pair")


class PairConstraint(models.Model):
    """The coordinator's word on a pair, kept across runs until removed."""

    program = models.ForeignKey(MentoringProgram, on_delete=models.CASCADE, related_name="pair_constraints")
    mentee = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=8, choices=ConstraintKind.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("pair constraint")
        verbose_name_plural = _("pair constraints")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentee", "mentor"],
                name="pair_constraint_once",
                violation_error_message=_("This pair is already locked or forbidden."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ConstraintKind.values),
                name="pair_constraint_kind_is_known",
                violation_error_message=_("A pair is locked or forbidden."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} → {self.mentor_id} ({self.kind})"


class MatchRequest(models.Model):
    """In self-matching programs: a mentee asks a mentor (or the other way), who accepts or declines."""

    program = models.ForeignKey(MentoringProgram, on_delete=models.CASCADE, related_name="match_requests")
    sender = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="sent_requests")
    receiver = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="received_requests")
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=16, default="pending")
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("match request")
        verbose_name_plural = _("match requests")
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "receiver"],
                name="match_request_once",
                violation_error_message=_("You have already asked this person."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "declined"]),
                name="match_request_status_is_known",
                violation_error_message=_("A request waits, is accepted or is declined."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} → {self.receiver_id}"


class RelationshipKind(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    SUPERVISION = "supervision", _("In-service supervision")


class RelationshipState(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class Relationship(models.Model):
    """A mentor (or supervisor) and a mentee (or supervised teacher) in a program, from start to end."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="relationships")
    kind = models.CharField(_("kind"), max_length=16, choices=RelationshipKind.choices)
    mentor = models.ForeignKey(
        Person, verbose_name=_("mentor"), on_delete=models.CASCADE, related_name="relationships_as_mentor"
    )
    mentee = models.ForeignKey(
        Person, verbose_name=_("mentee"), on_delete=models.CASCADE, related_name="relationships_as_mentee"
    )
    run = models.ForeignKey(MatchingRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=8, choices=RelationshipState.choices, default=RelationshipState.ACTIVE
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        ordering = ["program", "mentor", "mentee"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "mentor", "mentee"],
                name="relationship_once_per_program",
                violation_error_message=_("These two already have a relationship in this program."),
            ),
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")),
                name="relationship_not_with_oneself",
                violation_error_message=_("Nobody mentors or supervises themselves."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="relationship_ends_after_it_starts",
                violation_error_message=_("A relationship cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RelationshipKind.values) & Q(state__in=RelationshipState.values),
                name="relationship_kind_and_state_known",
                violation_error_message=_("This kind or state of relationship is not known."),
            ),
        ]
        indexes = [models.Index(fields=["mentor", "state"]), models.Index(fields=["mentee", "state"])]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"

    def includes(self, person_id: int | None) -> bool:
        return person_id is not None and person_id in (self.mentor_id, self.mentee_id)


class Goal(models.Model):
    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("goal"), max_length=500)
    language = models.CharField(_("language of the text"), max_length=2, choices=ContentLanguage.choices, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["relationship", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="mentoring_goal_not_empty",
                violation_error_message=_("A goal cannot be empty."),
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Milestone(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    text = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["goal", F("due_on").asc(nulls_last=True), "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="mentoring_milestone_not_empty",
                violation_error_message=_("A milestone cannot be empty."),
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class MeetingLog(models.Model):
    """A meeting of the two. Program staff see that it took place, its length and topics; the summary is
    the pair's own unless they share it with the program."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    competencies = models.ManyToManyField(
        Item, verbose_name=_("competencies"), blank=True, related_name="mentoring_meetings"
    )
    summary = models.TextField(_("summary"), blank=True)
    summary_language = models.CharField(
        _("language of the summary"), max_length=2, choices=ContentLanguage.choices, blank=True
    )
    summary_shared = models.BooleanField(_("share the summary with the program's coordinators"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=24),
                name="mentoring_meeting_hours_in_a_day",
                violation_error_message=_("A meeting lasts more than zero and at most 24 hours."),
            ),
        ]
        indexes = [models.Index(fields=["relationship", "date"])]

    def __str__(self) -> str:
        return f"{self.relationship} · {self.date}"


class PrivateNote(models.Model):
    """A note only its writer ever reads: not the other side, not the coordinator, not the operator's pages."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="mentoring_private_note_not_empty",
                violation_error_message=_("A note cannot be empty."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.author_id} · {self.created_at:%Y-%m-%d}"


class AssessmentPoint(models.TextChoices):
    MID_YEAR = "mid_year", _("Mid-year")
    END_YEAR = "end_year", _("End of year")


class Assessment(models.Model):
    """The mentor's part in assessing an intern at a set point; submitted versions never change, a
    correction is a new version."""

    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="assessments")
    point = models.CharField(_("point"), max_length=16, choices=AssessmentPoint.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    summary = models.TextField(_("mentor's summary"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    response = models.TextField(_("intern's response"), blank=True)
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["relationship", "point", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "point", "version"],
                name="assessment_version_once",
                violation_error_message=_("This version of the assessment already exists."),
            ),
            models.CheckConstraint(
                condition=Q(point__in=AssessmentPoint.values),
                name="assessment_point_is_known",
                violation_error_message=_("An assessment is mid-year or end of year."),
            ),
            models.CheckConstraint(
                condition=Q(responded_at__isnull=True) | Q(submitted_at__isnull=False),
                name="assessment_response_after_submission",
                violation_error_message=_("The intern responds to a submitted assessment."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relationship} · {self.get_point_display()} v{self.version}"

    @property
    def is_locked(self) -> bool:
        return self.submitted_at is not None


class AssessmentRating(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    competency = models.ForeignKey(Item, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(
        PerformanceLevel, verbose_name=_("level"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("assessment rating")
        verbose_name_plural = _("assessment ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "competency"],
                name="assessment_rating_once",
                violation_error_message=_("This competency is already rated in the assessment."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} · {self.competency_id}"


class GoalsMet(models.TextChoices):
    NONE = "none", _("None")
    SOME = "some", _("Some")
    MOST = "most", _("Most")
    ALL = "all", _("All")


class ClosingSurvey(models.Model):
    relationship = models.ForeignKey(Relationship, on_delete=models.CASCADE, related_name="surveys")
    respondent = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1-5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    goals_met = models.CharField(_("goals met"), max_length=8, choices=GoalsMet.choices)
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("closing survey")
        verbose_name_plural = _("closing surveys")
        constraints = [
            models.UniqueConstraint(
                fields=["relationship", "respondent"],
                name="closing_survey_once",
                violation_error_message=_("You have already answered the closing survey."),
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1, satisfaction__lte=5),
                name="closing_survey_satisfaction_range",
                violation_error_message=_("Satisfaction is from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(goals_met__in=GoalsMet.values),
                name="closing_survey_goals_met_known",
                violation_error_message=_("Say how many goals were met."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relationship_id} · {self.respondent_id}"
