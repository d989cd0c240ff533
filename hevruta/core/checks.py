"""System checks: what a production site must set for itself (`check --deploy`), and uploads left where an
older version let them be served publicly."""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

# settings.py's fallback, for a developer's laptop only.
DEVELOPMENT_SECRET_KEY = "django-insecure-hevruta-development-key-change-me"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0", "testserver"}  # noqa: S104 - names, not a bind


@register(Tags.security, deploy=True)
def check_secret_key(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """The development key is public (it is in the source): sessions, password resets and the keys that
    protect issuers' private keys and national-ID hashes would all be derived from it."""
    if settings.SECRET_KEY != DEVELOPMENT_SECRET_KEY:
        return []
    return [
        Error(
            "SECRET_KEY is the development key written in settings.py.",
            hint="Set SECRET_KEY to a long random string of your own (docs/deploy.md).",
            id="hevruta.E001",
        )
    ]


@register(Tags.security, deploy=True)
def check_site_url(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Credential ids, the issuers' did:web, status lists, CASE URIs and links in emails are built from
    SITE_URL; outside verifiers and wallets follow them, so they must name the public site."""
    messages: list[CheckMessage] = []
    address = urlsplit(settings.SITE_URL)
    if not getattr(settings, "SITE_URL_IS_SET", True):
        messages.append(
            Warning(
                f"SITE_URL is not set; the site names itself {settings.SITE_URL}.",
                hint="Set SITE_URL to the site's public address, e.g. https://hevruta.example.org (docs/deploy.md).",
                id="hevruta.W001",
            )
        )
    elif (address.hostname or "") in LOCAL_HOSTS:
        messages.append(
            Warning(
                f"SITE_URL ({settings.SITE_URL}) names this machine, not the public site.",
                hint="Set SITE_URL to the address visitors and verifiers reach the site at.",
                id="hevruta.W002",
            )
        )
    if address.scheme != "https":
        messages.append(
            Warning(
                f"SITE_URL ({settings.SITE_URL}) is not https: did:web issuers resolve over HTTPS only.",
                hint="Serve the site over HTTPS and set SITE_URL to its https:// address.",
                id="hevruta.W003",
            )
        )
    return messages


@register()
def uploads_not_in_public_folder(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Before uploads were private they lived in var/media, which DEBUG and the deployment notes served."""
    legacy = Path(settings.BASE_DIR) / "var" / "media"
    if legacy.resolve() == Path(settings.MEDIA_ROOT).resolve() or not legacy.is_dir() or not any(legacy.iterdir()):
        return []
    return [
        Warning(
            f"Uploaded files are still in {legacy}, a folder earlier versions served at /media/.",
            hint=f"Move them to the private folder ({settings.MEDIA_ROOT}) and remove any /media/ route from "
            "the proxy: uploads are now served only through views that check permission.",
            id="core.W001",
        )
    ]
