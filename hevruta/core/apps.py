from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hevruta.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .jobs import rules  # noqa: F401  (registers core.view_job)
