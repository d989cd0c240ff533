from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "hevruta.mentoring"
    label = "mentoring"
    verbose_name = _("Mentoring and supervision")

    def ready(self) -> None:
        from hevruta.core import home
        from hevruta.core.jobs import services as jobs

        from . import notices, rules, services  # noqa: F401  (registers notice kinds and permissions)
        from .home import mentoring_card

        home.register(
            home.Card(
                name="mentoring",
                title=_("Mentoring"),
                template="mentoring/_home_card.html",
                context=mentoring_card,
                order=35,
            )
        )
        # Reminders of overdue meetings and assessments due, on the worker's housekeeping round.
        jobs.register_housekeeping(services.send_reminders)
