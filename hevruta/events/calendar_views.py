"""Pages of the calendar side of events: an event's .ics, the feeds, one's feed address and its
reset, certificates of attendance and their verification page."""

import hashlib
from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import parse_etags
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.accounts.models import User
from hevruta.core import pagecache
from hevruta.core.files import made_download
from hevruta.core.names import local_name_text
from hevruta.directory.models import Network
from hevruta.directory.queries import networks_visible_to, viewer_for

from . import calendar, certificates_data
from .certificates import certificate_pdf, read_certificate_token
from .queries import events_visible_to, series_visible_to

CALENDAR_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(document: bytes, filename: str, attachment: bool) -> HttpResponse:
    response = made_download(document, CALENDAR_TYPE, filename, attachment=attachment)
    # A feed changes as people register; a calendar program asks again on its own schedule.
    response["Cache-Control"] = "private, max-age=300"
    return response


def _feed_response(request: HttpRequest, key: str, make: Callable[[], bytes], filename: str) -> HttpResponse:
    """A feed kept in the page cache under its key (whose feed, of what) until any data it reads
    changes; a calendar program that already holds this very document gets 304 and no body."""
    full_key = f"calendar-feed:{hashlib.sha256(key.encode()).hexdigest()}:{get_language()}"
    document = pagecache.kept_or_made(calendar.FEED_SCOPE, full_key, make)
    etag = f'"{hashlib.sha256(document).hexdigest()[:32]}"'
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response: HttpResponse = HttpResponseNotModified()
        response["Cache-Control"] = "private, max-age=300"
    else:
        response = _calendar_response(document, filename, attachment=False)
    response["ETag"] = etag
    return response


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One event with its sessions; an event the visitor may not see answers like one that does not exist."""
    event = calendar.for_calendar(events_visible_to(request.user)).filter(pk=pk).first()
    if event is None:
        raise Http404(_("No such event."))
    return _calendar_response(calendar.event_document(event), f"event-{event.pk}.ics", attachment=True)


def my_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = calendar.user_for_feed_token(token)
    if user is None:
        raise Http404(_("This calendar address is not valid; it may have been reset."))
    # Keyed by the token, not the person: a reset address never finds the feed kept for the old one.
    # In its owner's language: a calendar program asks with no cookie and its own Accept-Language.
    with translation.override(user.preferred_language):
        return _feed_response(
            request,
            f"mine:{token}",
            lambda: calendar.feed_document(calendar.my_events(user), _("My events on Hevruta")),
            "events.ics",
        )


def network_feed(request: HttpRequest, slug: str, token: str = "") -> HttpResponse:
    """A network's events as the feed's owner may see them: with a person's token, what they see;
    without, what any visitor sees."""
    user = calendar.user_for_feed_token(token) if token else None
    if token and user is None:
        raise Http404(_("This calendar address is not valid; it may have been reset."))
    network = networks_visible_to(user).filter(slug=slug).first()
    if network is None:
        raise Http404(_("No such network."))
    return _feed_response(
        request,
        f"network:{network.pk}:{token}",
        lambda: calendar.feed_document(calendar.network_events(user, network), local_name_text(network)),
        f"{network.slug}.ics",
    )


def community_feed(request: HttpRequest, pk: int, token: str = "") -> HttpResponse:
    """A community's meetings: anyone's for a public community, its members' (by their token) otherwise;
    a community the feed's owner may not know of answers like one that does not exist."""
    from hevruta.communities.models import Community

    user = calendar.user_for_feed_token(token) if token else None
    if token and user is None:
        raise Http404(_("This calendar address is not valid; it may have been reset."))
    community = Community.objects.select_related("network").filter(pk=pk).first()
    if community is None or not calendar.community_feed_allowed(user, community):
        raise Http404(_("No such community, or its calendar is not shown to you."))
    return _feed_response(
        request,
        f"community:{pk}:{token}",
        lambda: calendar.feed_document(calendar.community_events(user, community), community.name),
        f"community-{pk}.ics",
    )


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    token = calendar.feed_token(user)
    networks = Network.objects.filter(pk__in=viewer_for(user).network_ids).order_by("name")
    return render(
        request,
        "events/calendar_settings.html",
        {"my_feed_url": calendar.my_feed_url(user), "networks": networks, "token": token},
    )


@login_required
@require_POST
def reset_feed(request: HttpRequest) -> HttpResponse:
    calendar.reset_feed_token(cast(User, request.user))
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("events_calendar:settings")


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    return made_download(pdf, "application/pdf", filename)


@login_required
def event_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """One's own certificate for an event one attended; nobody else's."""
    event = get_object_or_404(events_visible_to(request.user), pk=pk)
    certificate = certificates_data.for_event(cast(User, request.user), event)
    if certificate is None:
        raise Http404(_("There is no certificate: your attendance at this event is not recorded."))
    return _pdf_response(certificate_pdf(certificate), f"certificate-event-{event.pk}.pdf")


@login_required
def series_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(series_visible_to(request.user), pk=pk)
    certificate = certificates_data.for_series(cast(User, request.user), series)
    if certificate is None:
        raise Http404(_("There is no certificate: no attendance of yours in this series is recorded."))
    return _pdf_response(certificate_pdf(certificate), f"certificate-series-{series.pk}.pdf")


def verify_certificate(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone holding a certificate's link sees what it certifies, as the records stand today."""
    found = read_certificate_token(token)
    record = certificates_data.verification(*found) if found else None
    status = 200 if record else 404
    return render(
        request,
        "events/certificate_verify.html",
        {"record": record, "checked_at": timezone.now()},
        status=status,
    )
