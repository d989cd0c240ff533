from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "hevruta.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        # Each app says whom a survey can be sent to in its own audiences.py (audiences.py here).
        autodiscover_modules("audiences")
