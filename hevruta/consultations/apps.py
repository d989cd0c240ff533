from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "hevruta.consultations"
    label = "consultations"
    verbose_name = _("Consultations")

    def ready(self) -> None:
        from hevruta.core import home

        from . import notices, strong_members  # noqa: F401  (notices registers the kinds of notice)
        from .queries import consultations_card

        strong_members.connect()
        self._endorsements_move_the_directory()

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

    @staticmethod
    def _endorsements_move_the_directory() -> None:
        """A person's profile shows what they were endorsed for: the directory's pages kept for visitors
        are made anew when an endorsement is written or removed, as when the profile itself changes."""
        from django.db.models import signals

        from hevruta.core.pagecache import data_changed

        from .models import Endorsement

        def changed(sender: object, **kwargs: object) -> None:
            data_changed("directory")

        for name, signal in (("save", signals.post_save), ("delete", signals.post_delete)):
            signal.connect(changed, sender=Endorsement, weak=False, dispatch_uid=f"endorsement-directory-{name}")
