"""What the knowledge center offers the measures catalogue (docs/insights.md)."""

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from hevruta.insights.activity import name_kind
from hevruta.insights.measures import PERIPHERY, Measure, Unit, activity_in, register, share


def published(scope: Any, start: date, end: date) -> float | None:
    return activity_in(scope, start, end).filter(kind="knowledge.resource_published").count()


def used(scope: Any, start: date, end: date) -> float | None:
    return activity_in(scope, start, end).filter(kind="knowledge.resource_used").count()


def used_in_periphery(scope: Any, start: date, end: date) -> float | None:
    uses = activity_in(scope, start, end).filter(kind="knowledge.resource_used", peripherality_cluster__isnull=False)
    return share(uses.filter(peripherality_cluster__in=PERIPHERY).count(), uses.count())


register(
    Measure(
        "knowledge.resources_published",
        _("Resources published"),
        Unit.COUNT,
        _("Knowledge resources of the network published after review in the period."),
        published,
    )
)
register(
    Measure(
        "knowledge.resources_used",
        _("Uses of resources reported"),
        Unit.COUNT,
        _("Reports of a resource used with a class, in the period."),
        used,
    )
)
register(
    Measure(
        "knowledge.use_in_periphery",
        _("Resource use in the periphery"),
        Unit.PERCENT,
        _("Of the reported uses whose place is known, the share in peripherality clusters 1 to 4."),
        used_in_periphery,
    )
)

name_kind("knowledge.resource_published", _("A resource published"))
name_kind("knowledge.resource_used", _("A resource used in class"))
