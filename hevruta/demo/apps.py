from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo network: the one place that knows every app, so that no app has to know the others."""

    name = "hevruta.demo"
    label = "demo"
    verbose_name = _("Demo")
