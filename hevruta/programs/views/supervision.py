"""The supervision log: a supervisor's and a supervised teacher's meetings; confidential to the two."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hevruta.core.pagination import paginate
from hevruta.standards.models import Item

from .. import queries, services
from ..forms import SupervisionForm
from ..models import SupervisionMeeting
from .common import add_errors, form_page, me


def _competencies(programs) -> object:  # type: ignore[no-untyped-def]
    framework_ids = [p.framework_id for p in programs if p.framework_id]
    if not framework_ids:
        return Item.objects.none()
    found = queries.framework_competencies(framework_ids[0])
    for framework_id in framework_ids[1:]:
        found = found | queries.framework_competencies(framework_id)
    return found.order_by("framework_id", "human_coding_scheme", "id")


@login_required
def supervision_log(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programs/supervision.html",
        {
            "page": paginate(queries.supervision_log(request.user), request.GET.get("page")),
            "may_record": queries.supervisees_of(request.user).exists(),
        },
    )


@login_required
def supervision_create(request: HttpRequest) -> HttpResponse:
    supervisor = me(request)
    supervisees = queries.supervisees_of(request.user)
    if supervisor is None or not supervisees.exists():
        raise PermissionDenied(_("Only a program's supervisors record supervision meetings."))
    programs = queries.supervised_programs(request.user)
    form = SupervisionForm(
        request.POST or None,
        supervisees=supervisees,
        programs=programs,
        competencies=_competencies(list(programs)),
        initial={"supervisee": request.GET.get("supervisee")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.record_meeting(
                supervisor,
                data["supervisee"],
                program=data["program"],
                date=data["date"],
                hours=data["hours"],
                notes=data["notes"],
                notes_language=data["notes_language"],
                competencies=data["competencies"],
                created_by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect("programs:supervision_meeting", pk=meeting.pk)
    return form_page(request, form, title=_("Record a supervision meeting"), back=reverse("programs:supervision"))


def _meeting(request: HttpRequest, pk: int) -> SupervisionMeeting:
    meeting = queries.supervision_log(request.user).filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("No such meeting, or it is not shown to you."))
    return meeting


@login_required
def supervision_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return render(
        request,
        "programs/supervision_meeting.html",
        {"meeting": meeting, "may_change": request.user.has_perm("programs.change_supervision", meeting)},
    )


@login_required
def supervision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if not request.user.has_perm("programs.change_supervision", meeting):
        raise PermissionDenied(_("Only the supervisor changes the meeting's record."))
    programs = [meeting.program] if meeting.program else list(queries.supervised_programs(request.user))
    form = SupervisionForm(
        request.POST or None,
        supervisees=None,
        programs=None,
        competencies=_competencies(programs),
        editing=True,
        initial={
            "date": meeting.date,
            "hours": meeting.hours,
            "notes": meeting.notes,
            "notes_language": meeting.notes_language,
            "competencies": list(meeting.competencies.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_meeting(
                meeting,
                date=data["date"],
                hours=data["hours"],
                notes=data["notes"],
                notes_language=data["notes_language"],
                competencies=data["competencies"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("programs:supervision_meeting", pk=meeting.pk)
    return form_page(
        request, form, title=_("Edit the supervision meeting"), back=reverse("programs:supervision_meeting", args=[pk])
    )
