from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hevruta.credentials import queries, services
from hevruta.credentials.models import AchievementType
from hevruta.credentials.openbadges import AchievementSpec
from hevruta.directory.models import Organization, Person


class Command(BaseCommand):
    help = "Issue a signed Open Badges 3.0 credential to a person and print its public page's URL."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--email", required=True, help="the recipient's email in the directory")
        parser.add_argument("--issuer", required=True, type=int, help="the issuing organization's id")
        parser.add_argument("--name", required=True, help="the achievement's name")
        parser.add_argument("--description", required=True)
        parser.add_argument("--criteria", default="", help="what was required (default: the description)")
        parser.add_argument("--type", default=AchievementType.CERTIFICATE, choices=AchievementType.values)
        parser.add_argument("--language", default="", choices=["", "he", "ar", "en"], help="language of the texts")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        recipient = Person.objects.filter(email__iexact=options["email"]).first()
        if recipient is None:
            raise CommandError(f"No person with the email address {options['email']}.")
        issuer = Organization.objects.filter(pk=options["issuer"]).first()
        if issuer is None:
            raise CommandError(f"No organization with id {options['issuer']}.")
        spec = AchievementSpec(
            name=options["name"],
            description=options["description"],
            criteria=options["criteria"] or options["description"],
            achievement_type=options["type"],
            language=options["language"],
        )
        try:
            credential = services.issue_credential(issuer, recipient, spec)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(queries.credential_page_url(credential.pk))
