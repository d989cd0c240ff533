from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The knowledge center's pages that visitors get from the cache (core/pagecache.py).
VISITOR_PAGES = "knowledge"


class KnowledgeConfig(AppConfig):
    name = "hevruta.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self) -> None:
        from hevruta.core import home, pagecache
        from hevruta.core.search import everywhere

        from .queries import home_resources
        from .search import find_everywhere, register_for_reindexing

        register_for_reindexing()
        everywhere.register(
            everywhere.Section("resources", _("Resources"), find_everywhere, "knowledge:list", order=10)
        )

        # Resource pages show their authors (directory), role tags (standards) and the search index (core).
        pagecache.watch(VISITOR_PAGES, ["knowledge", "directory", "standards", "core"])
        home.register(
            home.Card(
                name="my-resources",
                title=_("My resources"),
                template="knowledge/_home_card.html",
                context=lambda request: _resources_card(home_resources(request.user)),
                order=40,
            )
        )


def _resources_card(resources: dict | None) -> dict | None:
    return None if resources is None else {"resources": resources}
