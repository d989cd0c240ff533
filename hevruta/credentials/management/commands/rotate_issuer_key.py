from django.core.management.base import BaseCommand, CommandError

from hevruta.credentials import services
from hevruta.credentials.keys import did_for
from hevruta.credentials.models import IssuerKey
from hevruta.directory.models import Organization


class Command(BaseCommand):
    help = (
        "Give an issuing organization a new signing key. The old key is retired: credentials it signed still "
        "verify. With --revoke-compromised, the old key is revoked instead: nothing it signed verifies any more."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("organization", type=int, help="the organization's id")
        parser.add_argument("--revoke-compromised", action="store_true")

    def handle(self, *args, organization: int, revoke_compromised: bool, **options):  # type: ignore[no-untyped-def]
        issuer = Organization.objects.filter(pk=organization).first()
        if issuer is None:
            raise CommandError(f"No organization with id {organization}.")
        current = IssuerKey.objects.filter(
            organization=issuer, retired_at__isnull=True, revoked_at__isnull=True
        ).first()
        if revoke_compromised:
            if current is None:
                raise CommandError("The organization has no signing key to revoke.")
            services.revoke_issuer_key(current)
        else:
            services.rotate_issuer_key(issuer)
        new = IssuerKey.objects.get(organization=issuer, retired_at__isnull=True, revoked_at__isnull=True)
        self.stdout.write(f"{did_for(issuer.pk)}#{new.fragment} {new.public_key_multibase}")
