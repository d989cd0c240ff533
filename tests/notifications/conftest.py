"""Kinds of notice for the tests, registered as any app registers its own, and helpers.

Their texts are strings the catalogues already translate ("Knowledge", "Hevruta"), so a test can
tell Arabic from Hebrew before this app's own strings are translated.
"""

import pytest
from django.utils.translation import gettext_lazy as _

from hevruta.notifications.kinds import Email, NoticeKind, register
from hevruta.notifications.services import notify

AT_ONCE = register(
    NoticeKind(
        key="tests.at_once",
        label=_("Knowledge"),
        default_email=Email.IMMEDIATELY,
        text=_("%(title)s"),
        email_subject=_("Knowledge"),
        email_body=_("Programs"),
    )
)
DAILY = register(NoticeKind(key="tests.daily", label=_("Programs"), default_email=Email.DAILY, text=_("%(title)s")))
WEEKLY = register(NoticeKind(key="tests.weekly", label=_("People"), default_email=Email.WEEKLY, text=_("%(title)s")))
QUIET = register(NoticeKind(key="tests.quiet", label=_("Networks"), default_email=Email.NEVER, text=_("%(title)s")))


@pytest.fixture
def send(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """notify(), with the hooks it leaves for after the commit run as a real commit would run them."""

    def _send(recipients, kind=AT_ONCE.key, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("context", {"title": "A notice"})
        with django_capture_on_commit_callbacks(execute=True):
            notify(recipients, kind, **kwargs)

    return _send
