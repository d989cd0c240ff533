from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "hevruta.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Django's own empty choice, "- Select an option -", has no Hebrew or Arabic translation;
        # every select of every form shows ours instead (Django reads it when a form is built).
        from django.db.models import fields

        from . import checks  # noqa: F401 - registers the deployment checks

        fields.BLANK_CHOICE_LABEL = _("Choose…")
