"""What people did, kept compact so that dashboards count without joining every app's tables.

Apps write here only through `insights.activity.record`; the dashboards read only this table and the
summaries built from it (docs/insights.md).
"""

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
