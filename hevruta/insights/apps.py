from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "hevruta.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        # Each app declares what it can measure in its own measures.py (docs/insights.md).
        autodiscover_modules("measures")
        from hevruta.core.jobs import services as jobs

        from . import notices  # noqa: F401 - registers the monthly report's notice kind
        from .monthly import send_monthly_reports
        from .refresh import refresh_if_due

        # The worker's housekeeping rebuilds the summaries when they are older than INSIGHTS_REFRESH_SECONDS,
        # and sends the monthly reports a month still owes (at most one per person, scope and month).
        jobs.register_housekeeping(refresh_if_due)
        jobs.register_housekeeping(send_monthly_reports)
