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
        # Profiles show accreditations (programs) and role names (standards) beside the directory's own data.
        pagecache.watch(VISITOR_PAGES, ["directory", "programs", "standards"])
