from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The knowledge center's pages that visitors get from the cache (core/pagecache.py).
VISITOR_PAGES = "knowledge"


class KnowledgeConfig(AppConfig):
    name = "hevruta.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self) -> None:
        from hevruta.core import pagecache

        # Resource pages show their authors (directory), role tags (standards) and the search index (core).
        pagecache.watch(VISITOR_PAGES, ["knowledge", "directory", "standards", "core"])
