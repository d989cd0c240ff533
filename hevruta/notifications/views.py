"""The notification centre: one's notices, marking them read, the settings page, and unsubscribing
from an email without logging in."""

from typing import cast

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from hevruta.accounts import services as accounts
from hevruta.accounts.languages import remember_language_on
from hevruta.accounts.models import User
from hevruta.core.pagination import paginate

from . import kinds, queries, services
from .emails import read_unsubscribe_token
from .forms import NotificationSettingsForm


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    page = paginate(queries.notices_visible_to(request.user), request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@login_required
def open_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """Following a notice's link marks it read on the way."""
    notice = queries.notice_for(request.user, pk)
    services.mark_read(notice)
    target = notice.url
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect("notifications:list")
    return HttpResponseRedirect(target)


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    notice = services.mark_read(queries.notice_for(request.user, pk))
    if request.headers.get("HX-Request"):
        return render(request, "notifications/_notice.html", {"notice": notice, "oob_count": True})
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(request.user)
    messages.success(request, _("All your notifications are marked read.") if count else _("Nothing was unread."))
    return redirect("notifications:list")


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = NotificationSettingsForm(
        request.POST or None,
        choices=queries.email_choices(user),
        language=user.preferred_language,
        show_hebrew_date=user.show_hebrew_date,
    )
    if request.method == "POST" and form.is_valid():
        accounts.set_language(user, form.cleaned_data["language"])
        accounts.set_show_hebrew_date(user, form.cleaned_data["show_hebrew_date"])
        services.set_email_choices(user, form.email_choices())
        response = redirect("notifications:settings")
        remember_language_on(response, user)
        messages.success(request, _("Your notification settings are saved."))
        return response
    return render(request, "notifications/settings.html", {"form": form, "kinds": kinds.all_kinds()})


@csrf_exempt  # the signed token is the authority; mail providers POST here without a session (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (a link scanner must not unsubscribe anyone); POST, from the page or from
    the mail program's one-click button, stops those kinds of email."""
    found = read_unsubscribe_token(token)
    user = get_user_model().objects.filter(pk=found[0]).first() if found else None
    if found is None or user is None:
        raise Http404(_("This unsubscribe link is not valid."))
    kind_list = [kind for key in found[1] if (kind := kinds.find(key)) is not None]
    done = False
    if request.method == "POST":
        services.unsubscribe(user, [kind.key for kind in kind_list])
        done = True
    return render(request, "notifications/unsubscribe.html", {"kinds": kind_list, "done": done, "token": token})
