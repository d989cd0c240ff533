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
        _register_matching_job()


def _register_matching_job() -> None:
    from django.urls import reverse

    from hevruta.core.jobs import services as jobs

    from . import services

    def page(job: object) -> str:
        return reverse("mentoring:matching", args=[job.subject.program.slug])  # type: ignore[attr-defined]

    jobs.register(
        jobs.JobKind(
            name=services.MATCHING_JOB,
            task="hevruta.mentoring.tasks.run_matching_job",
            # The program's coordinators and the network's managers follow it, like its matching page.
            may_see=lambda user, program: bool(user.has_perm("mentoring.run_program", program)),
            page=page,
        )
    )
    jobs.job_finished.connect(services.tell_matching_finished, dispatch_uid="mentoring_matching_finished_notice")
