from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "hevruta.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from hevruta.core import home

        from . import notices  # noqa: F401  (registers the kinds of notice)
        from .queries import consultations_card

        home.register(
            home.Card(
                name="my-consultations",
                title=_("Consultations"),
                template="consultations/home_card.html",
                context=lambda request: consultations_card(request.user),
                order=30,
                width="wide",
            )
        )
