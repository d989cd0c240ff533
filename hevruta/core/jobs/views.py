"""A job's own page: its state and progress, polled by htmx while it is not over."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import queries, services


@login_required
def job(request: HttpRequest, pk: int) -> HttpResponse:
    found = queries.job_for(request.user, pk)
    if found is None:
        raise Http404(_("No such job, or it is not yours to follow."))
    done, total = services.live_progress(found)
    kind = services.KINDS.get(found.kind)
    context = {
        "job": found,
        "done": done,
        "total": total,
        "stage": services.live_stage(found),
        "poll_url": reverse("core:job", args=[found.pk]),
        "subject_url": kind.page(found) if kind and kind.page and found.subject_id else "",
        "result_template": kind.result_template if kind else "",
    }
    if request.headers.get("HX-Request"):
        return render(request, "core/_job_panel.html", context)
    return render(request, "core/job.html", context)
