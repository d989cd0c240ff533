"""The kinds of notice the knowledge center sends (hevruta/notifications, docs/notifications.md)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hevruta.notifications.kinds import Email, NoticeKind, register

NEW_VERSION = "knowledge.new_version"
RESOURCE_REVIEWED = "knowledge.resource_reviewed"


def _reviewed(context: Mapping[str, Any]) -> str:
    if context.get("decision") == "publish":
        return _("“%(title)s” was reviewed and published") % {"title": context.get("title", "")}
    return _("“%(title)s” was returned to you with comments") % {"title": context.get("title", "")}


register(
    NoticeKind(
        key=NEW_VERSION,
        label=gettext_lazy("A resource you follow has a new version"),
        default_email=Email.DAILY,
        text=gettext_lazy("“%(title)s”, which you follow, has a new version (%(version)s)"),
        email_body=gettext_lazy("What changed: %(note)s"),
    )
)
register(
    NoticeKind(
        key=RESOURCE_REVIEWED,
        label=gettext_lazy("A resource you wrote was reviewed"),
        default_email=Email.IMMEDIATELY,
        text=_reviewed,
        email_body=gettext_lazy("The curators' comments are on the resource's page."),
    )
)
