from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_tables(using: str = "default", **kwargs: Any) -> None:
    # The database cache (settings.CACHES without REDIS_URL) needs its table; migrate makes it, once.
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


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

        post_migrate.connect(_create_cache_tables, sender=self, dispatch_uid="core-create-cache-tables")
        from .jobs import rules  # noqa: F401  (registers core.view_job)
        from .search.reindexing import register_job

        register_job()
