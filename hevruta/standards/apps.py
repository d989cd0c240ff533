from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "hevruta.standards"
    label = "standards"
    verbose_name = _("Roles and standards")

    def ready(self) -> None:
        from hevruta.core.jobs import services as jobs

        from .services import case_jobs

        jobs.register(
            jobs.JobKind(
                name=case_jobs.CASE_IMPORT,
                task="hevruta.standards.tasks.import_case_job",
                # A network's import: its managers follow it too; the library's: its starter and operators.
                may_see=lambda user, network: bool(user.has_perm("directory.manage_network", network)),
                result_template="standards/_import_job_result.html",
                on_failure=case_jobs.case_import_failed,
            )
        )
