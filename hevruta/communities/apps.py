from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "hevruta.communities"
    label = "communities"
    verbose_name = _("Communities of practice")

    def ready(self) -> None:
        from hevruta.core import home
        from hevruta.core.search import everywhere

        from . import notices, rules  # noqa: F401  (the kinds of notice and the permissions register)
        from .queries import my_communities_card
        from .search import find_everywhere, register_for_reindexing

        register_for_reindexing()
        everywhere.register(
            everywhere.Section(
                "communities", _("Communities and discussions"), find_everywhere, "communities:search", order=30
            )
        )

        home.register(
            home.Card(
                name="my-communities",
                title=_("My communities"),
                template="communities/_home_card.html",
                context=lambda request: my_communities_card(request.user),
                order=45,
            )
        )
