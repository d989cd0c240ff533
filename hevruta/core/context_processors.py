from django.conf import settings
from django.http import HttpRequest
from django.utils import translation


def site(request: HttpRequest) -> dict:
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "LANGUAGE_DIRECTION": "rtl" if translation.get_language_bidi() else "ltr",
        "ACTIVE_LANGUAGE": language,
        "SITE_URL": settings.SITE_URL,
    }
