"""Notification emails are sent by tasks, after the transaction that made the notices commits."""

from django.core.mail import mailers
from django.tasks import task

from . import services
from .digests import send_digests
from .emails import Recipient, language_of, notice_message
from .models import Notice


@task()
def send_notice_emails(notice_ids: list[int]) -> int:
    """The emails of notices whose recipients want them at once; a notice already emailed is skipped,
    so a retried task sends nothing twice."""
    notices = list(
        Notice.objects.filter(pk__in=notice_ids, emailed_at__isnull=True, recipient__is_active=True)
        .exclude(recipient__email="")
        .select_related("recipient")
    )
    messages = [
        notice_message(
            Recipient(notice.recipient_id, notice.recipient.email, language_of(notice.recipient)),
            notice.kind,
            notice.context,
            notice.url,
        )
        for notice in notices
        if notice.kind_spec is not None
    ]
    if messages:
        mailers.default.send_messages(messages)
    services.mark_emailed([notice.pk for notice in notices])
    return len(messages)


@task()
def send_digest_emails(period: str) -> dict:
    """The daily or weekly digest of everyone (manage.py send_digests, or a scheduler's task)."""
    run = send_digests(period)
    return {"period": run.period, "people": run.people, "emails": run.emails, "notices": run.notices}
