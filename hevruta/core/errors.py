"""The site's own error pages: 400, 403, 404, 500 and a refused form (CSRF), in the reader's language
and the site's layout, with the reason when the code that refused gave one to show."""

import logging
import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# get_object_or_404's reason names a model in English ("No Person matches the given query."): it is
# written for developers, so the page says its own words instead.
DEVELOPER_REASON = re.compile(r"^No .+ matches the given query\.$")


def shown_reason(exception: BaseException | None) -> str:
    """The message the code gave with the exception, when it is one written for people."""
    if exception is None or not exception.args:
        return ""
    reason = exception.args[0]
    if not isinstance(reason, (str, Promise)):
        return ""  # the URL resolver's 404 carries a dict of the patterns it tried
    text = str(reason)
    return "" if DEVELOPER_REASON.match(text) else text


def _page(request: HttpRequest, status: int, title: str, explanation: str, reason: str = "") -> HttpResponse:
    context = {"status": status, "title": title, "explanation": explanation, "reason": reason}
    return render(request, "core/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _page(
        request,
        400,
        _("The request could not be understood"),
        _("Something in the address or the form sent was not valid. Go back and try again."),
    )


def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _page(
        request,
        403,
        _("You may not do this"),
        _("Your account does not have access to this page or action."),
        shown_reason(exception),
    )


def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    return _page(
        request,
        404,
        _("Page not found"),
        _("There is no such page, or it is not shown to you. Check the address, or start again from the menu."),
        shown_reason(exception),
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # Django's reason ("CSRF cookie not set.") is for the log, not the reader.
    logger.warning("Form refused (CSRF): %s %s: %s", request.method, request.path, reason)
    return _page(
        request,
        403,
        _("The form could not be sent"),
        _(
            "The page was open too long, or your browser does not keep this site's cookies. Go back, reload "
            "the page and send the form again."
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context processors, so that nothing here touches the database,
    which may be what failed."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    context = {
        "status": 500,
        "title": _("Something went wrong on our side"),
        "explanation": _(
            "The error was recorded. Try again in a few minutes; if it happens again, tell the site's operators."
        ),
        "reason": "",
        "ACTIVE_LANGUAGE": language,
        "LANGUAGE_DIRECTION": "rtl" if translation.get_language_bidi() else "ltr",
        "error_page_without_request": True,
    }
    return HttpResponse(render_to_string("core/error.html", context), status=500)
