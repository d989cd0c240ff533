"""What people did, kept compact so that dashboards count without joining every app's tables.

Apps write here only through `insights.activity.record`; the dashboards read only this table and the
summaries built from it (docs/insights.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Activity(models.Model):
    """One thing someone did, with where it happened denormalized at the time it happened.

    `organization` is where the actor acted from; `counterpart` the other organization when the
    activity ties two (a mentor and an intern of different schools, a city helping another): the
    network graph is drawn from these pairs.
    """

    kind = models.CharField(_("kind"), max_length=60)
    occurred_at = models.DateTimeField(_("when"))
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    counterpart = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("other organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    network = models.ForeignKey(
        "directory.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    program = models.ForeignKey(
        "programs.Program", verbose_name=_("program"), null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Copied from the organization when recorded, so a count by place needs no join and keeps the
    # place the activity had even if the organization moves.
    locality = models.ForeignKey(
        "directory.Locality",
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    peripherality_cluster = models.PositiveSmallIntegerField(_("peripherality cluster"), null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=32, blank=True)
    # What the activity was about, as "app.model:id" (e.g. "events.event:12"): enough to count
    # distinct objects, never a foreign key into another app's table.
    subject = models.CharField(_("about"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            models.Index(fields=["network", "kind", "occurred_at"], name="activity_network_kind_time"),
            models.Index(fields=["program", "kind", "occurred_at"], name="activity_program_kind_time"),
            models.Index(fields=["occurred_at"], name="activity_time"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_at:%Y-%m-%d}"


# Summaries: what the dashboards read. Refreshed by refresh.py (a housekeeping chore and a command),
# and DailyActivity also on every activity.record, so a dashboard never counts the history itself.


class DailyActivity(models.Model):
    """Activities of one kind on one day in one network (and program), by peripherality cluster."""

    day = models.DateField()
    network = models.ForeignKey("directory.Network", null=True, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey("programs.Program", null=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60)
    # 0 when the place is unknown. Rows without a network or program are not kept unique (NULLs are
    # distinct): two rows for one day then only split a count that dashboards sum anyway.
    cluster = models.PositiveSmallIntegerField(default=0)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("activities of a day")
        verbose_name_plural = _("activities by day")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "network", "program", "kind", "cluster"],
                name="daily_activity_once",
                violation_error_message=_("This day's activities are already counted."),
            ),
        ]
        indexes = [
            models.Index(fields=["network", "day"], name="daily_activity_network_day"),
            models.Index(fields=["program", "day"], name="daily_activity_program_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.count}"


class PeopleCount(models.Model):
    """How many of a network's members (or a program's participants) have one value of a dimension."""

    network = models.ForeignKey("directory.Network", null=True, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey("programs.Program", null=True, on_delete=models.CASCADE, related_name="+")
    dimension = models.CharField(max_length=24)
    value = models.CharField(max_length=80)
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("people counted")
        verbose_name_plural = _("people counted")
        indexes = [models.Index(fields=["network", "program", "dimension"], name="people_count_scope")]

    def __str__(self) -> str:
        return f"{self.dimension}={self.value}: {self.count}"


class MeasureValue(models.Model):
    """A catalogue measure's value for a scope over the current school year, as of the last refresh."""

    network = models.ForeignKey("directory.Network", null=True, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey("programs.Program", null=True, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=80)
    value = models.FloatField()

    class Meta:
        verbose_name = _("measure's value")
        verbose_name_plural = _("measures' values")
        indexes = [models.Index(fields=["network", "program"], name="measure_value_scope")]

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"


class Refresh(models.Model):
    """When the summaries were last rebuilt; the dashboards say how old their numbers are."""

    finished_at = models.DateTimeField()
    seconds = models.FloatField(default=0)
    # The highest Activity id folded into the graphs' partial counts (GraphTie, SharedSubject): the next
    # refresh adds only the rows after it (docs/insights.md, "How the numbers stay fast").
    last_activity = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("refresh of the summaries")
        verbose_name_plural = _("refreshes of the summaries")
        ordering = ["-finished_at"]

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M}"


class NetworkGraph(models.Model):
    """A network's graph of organizations for one school year, drawn and measured by the refresh."""

    network = models.ForeignKey("directory.Network", on_delete=models.CASCADE, related_name="+")
    year_start = models.DateField()
    drawing = models.TextField()  # SVG, drawn on the server from the layout
    measures = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("network graph")
        verbose_name_plural = _("network graphs")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year_start"],
                name="network_graph_once_a_year",
                violation_error_message=_("The network's graph of this year is already drawn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network_id} {self.year_start:%Y}"


class GraphTie(models.Model):
    """A school year's tie between two organizations of a network and its weight (activities tying the
    pair, plus subjects their people shared): the graph's partial counts, to which each refresh adds only
    the new activity instead of recounting the year."""

    network = models.ForeignKey("directory.Network", on_delete=models.CASCADE, related_name="+")
    year_start = models.DateField()
    first = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("tie between organizations")
        verbose_name_plural = _("ties between organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year_start", "first", "second"],
                name="graph_tie_once",
                violation_error_message=_("This tie is already counted."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id}–{self.second_id}: {self.weight}"


class SharedSubject(models.Model):
    """An organization whose people took part in a subject (a cohort, an event, a community) in a school
    year: what co-participation ties are counted from, kept so a new participant ties in without a recount."""

    network = models.ForeignKey("directory.Network", on_delete=models.CASCADE, related_name="+")
    year_start = models.DateField()
    subject = models.CharField(max_length=80)
    organization = models.ForeignKey("directory.Organization", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("subject shared by an organization")
        verbose_name_plural = _("subjects shared by organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year_start", "subject", "organization"],
                name="shared_subject_once",
                violation_error_message=_("This organization already takes part in this subject."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} {self.organization_id}"


class MonthlyReport(models.Model):
    """A monthly report emailed to one person for one scope: the row is the claim, made in the same
    transaction as the sending, so that two housekeeping runs at once send it once (docs/insights.md)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=40)  # "network:<id>" or "program:<id>": one column, never NULL
    month = models.DateField()  # the first day of the month reported
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("monthly report sent")
        verbose_name_plural = _("monthly reports sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scope", "month"],
                name="monthly_report_once",
                violation_error_message=_("This month's report was already sent to this person."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.month:%Y-%m} → {self.user_id}"


class ReportReader(models.Model):
    """A person of the directory whom a manager (or a program's coordinator) named to receive the scope's
    monthly report besides the managers. Whether they may see the scope is checked when named and again
    before each sending (docs/insights.md)."""

    person = models.ForeignKey("directory.Person", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=40)  # "network:<id>" or "program:<id>", as MonthlyReport's
    named_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    named_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reader of the monthly report")
        verbose_name_plural = _("readers of the monthly report")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "scope"],
                name="report_reader_once",
                violation_error_message=_("This person already receives the monthly report."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} → {self.person_id}"
