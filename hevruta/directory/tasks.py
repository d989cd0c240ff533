"""The directory's background work: checking and importing rosters, as jobs (core.jobs), and the
invitations sent to addresses without an account."""

from django.tasks import task

from hevruta.core.jobs import services as jobs

from . import services
from .models import Decision, Invitation


@task()
def check_roster_job(job_id: int) -> dict:
    """Read and check every row of a kept roster; the manager then confirms (or fixes the file)."""
    services.discard_abandoned_rosters()
    return jobs.run(job_id, prepare=services.check_kept_roster, write=services.write_roster_check)


@task()
def import_roster_job(job_id: int) -> dict:
    """Check the roster again (the directory may have changed since) and write it whole, or nothing."""
    services.discard_abandoned_rosters()
    return jobs.run(job_id, prepare=services.check_kept_roster, write=services.write_roster_import)


@task()
def send_invitation_email(invitation_id: int, language: str) -> None:
    """An invitation to an address with no account yet: an email with its link, in the inviter's language."""
    from .emails import invitation_email

    invitation = Invitation.objects.select_related("network").filter(pk=invitation_id, status=Decision.PENDING).first()
    if invitation is not None:
        invitation_email(invitation, language).send()
