from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hevruta.communities.demo import load_communities_demo
from hevruta.consultations.demo import load_consultations_demo
from hevruta.directory.demo import DEMO_SEED, INSTITUTE, demo_present, load_demo
from hevruta.directory.localities import LocalityImportError
from hevruta.directory.models import Network
from hevruta.events.demo import load_events_demo
from hevruta.knowledge.demo import load_knowledge_demo
from hevruta.mentoring.demo import load_mentoring_demo
from hevruta.outcomes.demo import load_outcomes_demo
from hevruta.programs.demo import load_programs_demo
from hevruta.standards.demo import load_standards_demo


class Command(BaseCommand):
    help = (
        "Load the demo: the four networks of the seed documents (the Institute for Advanced Teaching's "
        "network of leading teachers, the Education Cities Network, the Promentors partners and the Alumot "
        "alumni) with their real organizations, a few hundred synthetic people and demo logins (see "
        "demo_logins). Localities are the CBS localities shipped in the package (migrate loads them). "
        "The demo is loaded once: when its networks exist, the command says so and changes nothing; "
        "to load it afresh, start from an empty database (make clean, or manage.py flush). "
        "With --if-empty it does nothing when any network at all exists (make run uses this)."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when the database has any network already"
        )
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help="seed of the synthetic people")

    def handle(self, *args, if_empty: bool, seed: int, **options):  # type: ignore[no-untyped-def]
        if demo_present() or (if_empty and Network.objects.exists()):
            self.stdout.write(_("The demo is already there (the database has networks); nothing was changed."))
            return
        try:
            summary = load_demo(seed)
        except LocalityImportError as error:
            raise CommandError(str(error)) from None
        standards = load_standards_demo(Network.objects.get(slug=INSTITUTE))
        knowledge = load_knowledge_demo(seed)
        programs = load_programs_demo(seed)
        load_mentoring_demo()
        load_communities_demo()
        events = load_events_demo()
        consultations = load_consultations_demo()
        load_outcomes_demo()  # indicators of Alumot's logic model, then the dashboards' first refresh
        self.stdout.write(summary.localities)
        counts = {
            "networks": summary.networks,
            "organizations": summary.organizations,
            "people": summary.people,
            "seconds": summary.seconds,
        }
        self.stdout.write(
            _(
                "Demo loaded: %(networks)d networks, %(organizations)d organizations, "
                "%(people)d people in %(seconds).1f s."
            )
            % counts
        )
        self.stdout.write(
            _(
                "Also: %(roles)d roles and a framework, %(resources)d knowledge resources, %(programs)d programs, "
                "%(events)d events."
            )
            % {
                "roles": len(standards.roles),
                "resources": knowledge.resources,
                "programs": len(programs.programs),
                "events": events.events,
            }
        )
        for note in programs.notes + consultations.notes:
            self.stdout.write(note)
        self.stdout.write(_("Sign in with one of the logins that manage.py demo_logins prints."))
