"""The notice kind of the monthly report (hevruta/notifications): people turn it off in their
notification settings like any other kind, and its email carries the report as a PDF."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hevruta.notifications.kinds import Email, NoticeKind, register

MONTHLY_REPORT = "insights.monthly_report"


def _summary(context: Mapping[str, Any]) -> str:
    return gettext(
        "The report of %(scope)s for %(month)s is attached as a PDF. "
        "In that month: %(activity)s activities recorded. "
        "Members or participants counted: %(people)s. "
        "Indicators in the logic model: %(indicators)s, of which %(reached)s reached their next target."
    ) % dict(context)


register(
    NoticeKind(
        key=MONTHLY_REPORT,
        label=_("The monthly report of a network or program you run"),
        default_email=Email.IMMEDIATELY,
        text=_("The monthly report of %(scope)s, %(month)s"),
        email_body=_summary,
    )
)
