from django.tasks import task

from .models import Decision, Invitation, RosterImport
from .services import confirm_roster


@task()
def apply_roster_import(roster_import_id: int) -> dict:
    """Runs in a worker (or at once with the immediate backend); the page polls its progress."""
    roster_import = RosterImport.objects.select_related("network").get(pk=roster_import_id)
    return confirm_roster(roster_import)


@task()
def send_invitation_email(invitation_id: int, language: str) -> None:
    """An invitation to an address with no account yet: an email with its link, in the inviter's language."""
    from .emails import invitation_email

    invitation = Invitation.objects.select_related("network").filter(pk=invitation_id, status=Decision.PENDING).first()
    if invitation is not None:
        invitation_email(invitation, language).send()
