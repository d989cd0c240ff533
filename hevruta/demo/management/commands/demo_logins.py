from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from hevruta.accounts.models import User
from hevruta.directory.demo import DEMO_LOGINS, DEMO_PASSWORD
from hevruta.mentoring.demo import MENTORING_LOGINS
from hevruta.outcomes.demo import OUTCOMES_LOGINS

# The directory's logins, then those another app's demo gives to people the directory demo made.
EVERY_LOGIN = (*DEMO_LOGINS, *MENTORING_LOGINS, *OUTCOMES_LOGINS)


class Command(BaseCommand):
    help = "Print the site's address and the demo logins (email, password, what each can do)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="the address the site is served at")

    def handle(self, *args, url: str, **options):  # type: ignore[no-untyped-def]
        existing = set(
            User.objects.filter(email__in=[login.email for login in EVERY_LOGIN]).values_list("email", flat=True)
        )
        logins = [login for login in EVERY_LOGIN if login.email in existing]
        self.stdout.write(_("Hevruta is at %(url)s") % {"url": url})
        if not logins:
            self.stdout.write(_("There are no demo logins: run manage.py load_demo first."))
            return
        width = max(len(login.email) for login in logins)
        self.stdout.write("")
        # Translated outside the f-string: xgettext does not read calls inside one.
        email, password, can = _("Email"), _("Password"), _("What this login can do")
        self.stdout.write(f"{email:<{width}}  {password:<{len(DEMO_PASSWORD)}}  {can}")
        for login in logins:
            self.stdout.write(f"{login.email:<{width}}  {DEMO_PASSWORD}  {login.can}")
