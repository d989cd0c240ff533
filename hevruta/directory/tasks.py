from django.tasks import task

from .models import RosterImport
from .services import confirm_roster


@task()
def apply_roster_import(roster_import_id: int) -> dict:
    """Runs in a worker (or at once with the immediate backend); the page polls its progress."""
    roster_import = RosterImport.objects.select_related("network").get(pk=roster_import_id)
    return confirm_roster(roster_import)
