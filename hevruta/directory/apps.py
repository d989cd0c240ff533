from typing import Any

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
        _register_jobs()
        from hevruta.core.jobs.services import job_finished

        job_finished.connect(_tell_who_imported, dispatch_uid="directory_roster_imported_notice")
        # Profiles show accreditations (programs) and role names (standards) beside the directory's own data.
        pagecache.watch(VISITOR_PAGES, ["directory", "programs", "standards"])


def _register_home_cards() -> None:
    from hevruta.core import home

    from . import queries

    home.register(
        home.Card(
            name="welcome",
            title=_("Welcome"),
            template="directory/home/welcome.html",
            context=lambda request: queries.welcome_card(request.user),
            order=0,
            width="full",
        )
    )
    home.register(
        home.Card(
            name="public-networks",
            title=_("Networks"),
            template="directory/home/public_networks.html",
            context=lambda request: queries.public_networks_card(request.user),
            order=10,
            width="full",
        )
    )
    home.register(
        home.Card(
            name="my-networks",
            title=_("My networks"),
            template="directory/home/my_networks.html",
            context=lambda request: queries.my_networks_card(request.user),
            order=10,
        )
    )
    home.register(
        home.Card(
            name="my-positions",
            title=_("My positions"),
            template="directory/home/my_positions.html",
            context=lambda request: queries.my_positions_card(request.user),
            order=20,
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


def _tell_who_imported(sender: object, job: Any, **kwargs: Any) -> None:
    """Whoever started a roster import hears when it is over, written or refused."""
    from . import services
    from .notices import ROSTER_IMPORTED

    if job.kind != services.ROSTER_IMPORT or job.started_by_id is None:
        return
    from django.urls import reverse

    from hevruta.notifications.services import notify

    roster_import = job.subject
    network = roster_import.network
    notify(
        [job.started_by],
        ROSTER_IMPORTED,
        url=reverse("directory:roster_import", args=[network.slug, roster_import.pk]),
        context={
            "file": roster_import.original_name,
            "network": {"he": network.name, "en": network.name_en, "ar": network.name_ar},
            "succeeded": job.state == "succeeded",
        },
    )
