from collections.abc import Callable
from typing import Any, Literal

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The directory's pages that visitors get from the cache (core/pagecache.py).
VISITOR_PAGES = "directory"


class DirectoryConfig(AppConfig):
    name = "hevruta.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from hevruta.core import pagecache

        from .services import ensure_person_for_user

        # Everyone who logs in has a directory profile, found by email if a roster brought them first.
        user_logged_in.connect(
            lambda sender, request, user, **kwargs: ensure_person_for_user(user),
            dispatch_uid="directory_profile_on_login",
            weak=False,
        )
        _register_home_cards()
        _register_search_sections()
        _register_jobs()
        from hevruta.core.jobs.services import job_finished

        from .services import tell_who_imported

        job_finished.connect(tell_who_imported, dispatch_uid="directory_roster_imported_notice")
        # Profiles show accreditations (programs) and role names (standards) beside the directory's own data.
        pagecache.watch(VISITOR_PAGES, ["directory", "programs", "standards"])


def _for_the_viewer(query: Callable[[Any], dict | None]) -> Callable[[Any], dict | None]:
    return lambda request: query(request.user)


def _register_home_cards() -> None:
    from hevruta.core import home

    from . import queries

    # (name, title, template, the query that fills it, order, width)
    cards: tuple[tuple[str, Any, str, Callable[[Any], dict | None], int, Literal["full", "wide"]], ...] = (
        ("welcome", _("Welcome"), "welcome", queries.welcome_card, 0, "full"),
        ("public-networks", _("Networks"), "public_networks", queries.public_networks_card, 10, "full"),
        ("my-networks", _("My networks"), "my_networks", queries.my_networks_card, 10, "wide"),
        ("my-positions", _("My positions"), "my_positions", queries.my_positions_card, 20, "wide"),
    )
    for name, title, template, query, order, width in cards:
        home.register(
            home.Card(
                name=name,
                title=title,
                template=f"directory/home/{template}.html",
                context=_for_the_viewer(query),
                order=order,
                width=width,
            )
        )


def _register_search_sections() -> None:
    from hevruta.core.search import everywhere

    from . import queries

    everywhere.register(
        everywhere.Section("people", _("People"), queries.find_people_everywhere, "directory:people", 40)
    )
    everywhere.register(
        everywhere.Section(
            "organizations", _("Organizations"), queries.find_organizations_everywhere, "directory:organizations", 50
        )
    )


def _register_jobs() -> None:
    from django.urls import reverse

    from hevruta.core.jobs import services as jobs

    from . import services

    def may_see(user: object, roster_import: object) -> bool:
        return bool(user.has_perm("directory.manage_network", roster_import.network))  # type: ignore[attr-defined]

    def page(job: object) -> str:
        roster_import = job.subject  # type: ignore[attr-defined]
        return reverse("directory:roster_import", args=[roster_import.network.slug, roster_import.pk])

    for name, task in (
        (services.ROSTER_CHECK, "hevruta.directory.tasks.check_roster_job"),
        (services.ROSTER_IMPORT, "hevruta.directory.tasks.import_roster_job"),
    ):
        jobs.register(
            jobs.JobKind(name=name, task=task, may_see=may_see, page=page, on_failure=services.roster_job_failed)
        )
    jobs.register_housekeeping(services.discard_abandoned_rosters)
