from django.core.management.base import BaseCommand, CommandError

from hevruta.accounts.models import User
from hevruta.accounts.services import create_api_token


class Command(BaseCommand):
    help = "Create a personal API token for a user and print its secret (shown only once)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("email")
        parser.add_argument("--name", default="command line")
        parser.add_argument("--days", type=int, default=None, help="days until the token expires")

    def handle(self, *args, email: str, name: str, days: int | None, **options):  # type: ignore[no-untyped-def]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with the email address {email}.")
        _, secret = create_api_token(user, name, days)
        self.stdout.write(secret)
