"""People who run a survey's program, signed in, shared by the surveys' tests."""

from django.test import Client

from hevruta.programs import services as programs
from hevruta.programs.models import StaffRole
from tests.factories import PersonFactory, UserFactory


def coordinator_client(program) -> Client:  # type: ignore[no-untyped-def]
    """A client signed in as a new coordinator of the program (who neither manages its network nor takes part)."""
    coordinator = PersonFactory(user=UserFactory(email="coordinator@example.org"), email="coordinator@example.org")
    programs.add_staff(program, coordinator, StaffRole.COORDINATOR)
    client = Client()
    client.force_login(coordinator.user)
    return client
