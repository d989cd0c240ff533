"""What programs offer the measures catalogue (docs/insights.md): enrollment, credentials, alumni's posts."""

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from hevruta.insights.activity import name_kind
from hevruta.insights.measures import Measure, Unit, activity_in, register, share


def enrolled(scope: Any, start: date, end: date) -> float | None:
    return activity_in(scope, start, end).filter(kind="programs.enrolled").count()


def credentials_issued(scope: Any, start: date, end: date) -> float | None:
    return activity_in(scope, start, end).filter(kind="programs.credential_issued").count()


def alumni_in_senior_posts(scope: Any, start: date, end: date) -> float | None:
    """Of those who completed the program (or the network's programs), the share in a senior post on `end`."""
    from hevruta.directory.models import Network, Position

    from .models import Enrollment, EnrollmentStatus

    owner = {"cohort__program__network": scope} if isinstance(scope, Network) else {"cohort__program": scope}
    alumni = Enrollment.objects.filter(status=EnrollmentStatus.COMPLETED, **owner).values("person_id").distinct()
    senior = Position.objects.filter(person_id=OuterRef("person_id"), is_senior=True).filter(
        Q(start_date__isnull=True) | Q(start_date__lte=end), Q(end_date__isnull=True) | Q(end_date__gte=end)
    )
    total = alumni.count()
    return share(alumni.filter(Exists(senior)).count(), total)


register(
    Measure(
        "programs.enrolled",
        _("Participants enrolled"),
        Unit.COUNT,
        _("People enrolled in a cohort in the period."),
        enrolled,
    )
)
register(
    Measure(
        "programs.credentials_issued",
        _("Credentials issued"),
        Unit.COUNT,
        _("Program credentials issued in the period."),
        credentials_issued,
    )
)
register(
    Measure(
        "programs.alumni_in_senior_posts",
        _("Alumni in senior posts"),
        Unit.PERCENT,
        _("Of the participants who completed the program, the share holding a senior management post."),
        alumni_in_senior_posts,
    )
)

name_kind("programs.enrolled", _("A participant enrolled"))
name_kind("programs.credential_issued", _("A credential issued"))
