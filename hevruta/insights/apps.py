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
