"""Cohort and session pages: sessions, participants (for staff and participants), attendance taking by
staff and check-in with the session's code by participants."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hevruta.directory.models import Person

from .. import queries, services
from ..forms import AssignmentForm, CheckInForm, CohortApplicationForm, CohortForm, EnrollForm, SessionForm
from ..models import Cohort, CohortApplication, Enrollment, EnrollmentStatus
from ..queries import ProgramAccess
from .common import MANAGE, STAFF, add_errors, cohort_for, form_page, me, session_for


def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort, access = cohort_for(request, pk)
    sees_participants = access.is_staff or access.in_cohort(cohort.pk)
    page = queries.cohort_page(cohort, participants=sees_participants, with_progress=access.is_staff)
    return render(
        request,
        "programs/cohort.html",
        {
            "cohort": cohort,
            "program": cohort.program,
            "access": access,
            "sees_participants": sees_participants,
            "page": page,
            "named": queries.named_people(request.user, access, [e.person_id for e in page.participants or ()]),
            "applications": queries.pending_applications(cohort) if access.manages else [],
            "my_application": queries.my_application(cohort, access.person_id),
            "may_apply": _may_apply(cohort, access),
            "application_form": CohortApplicationForm(),
        },
    )


def _may_apply(cohort: Cohort, access: ProgramAccess) -> bool:
    return (
        cohort.program.accepts_applications
        and not cohort.has_ended
        and access.person_id is not None
        and access.active_enrollment_in(cohort.pk) is None
    )


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    cohort, _access = cohort_for(request, pk)
    form = CohortApplicationForm(request.POST)
    person = me(request)
    if person is None or not form.is_valid():
        messages.error(request, _("The application could not be sent: the message is too long."))
        return redirect("programs:cohort", pk=cohort.pk)
    try:
        services.apply_to_cohort(cohort, person, form.cleaned_data["message"])
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("Your application was sent to the program's staff. You will be told their answer."))
    return redirect("programs:cohort", pk=cohort.pk)


@login_required
@require_POST
def answer_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(CohortApplication.objects.select_related("person"), pk=pk)
    cohort, _access = cohort_for(request, application.cohort_id, MANAGE)
    accept = request.POST.get("answer") == "accept"
    try:
        services.answer_application(application, request.user, accept)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        done = _("%(name)s joined the cohort.") if accept else _("The application of %(name)s was declined.")
        messages.success(request, done % {"name": application.person.full_name})
    return redirect(reverse("programs:cohort", args=[cohort.pk]) + "#applications")


@login_required
@require_POST
def withdraw_application(request: HttpRequest, pk: int) -> HttpResponse:
    person = me(request)
    application = get_object_or_404(CohortApplication, pk=pk, person=person)
    try:
        services.withdraw_application(application)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, _("Your application was withdrawn."))
    return redirect("programs:cohort", pk=application.cohort_id)


@login_required
def cohort_edit(request: HttpRequest, pk: int) -> HttpResponse:
    cohort, _access = cohort_for(request, pk, MANAGE)
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cohort.refresh_from_db()
        try:
            services.update_cohort(cohort, data["name"], data["start_date"], data["end_date"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("programs:cohort", pk=cohort.pk)
    return form_page(
        request, form, title=_("Edit the cohort"), back=reverse("programs:cohort", args=[pk]), program=cohort.program
    )


@login_required
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    cohort, _access = cohort_for(request, pk, MANAGE)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.add_session(cohort, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("programs:session", pk=session.pk)
    return form_page(
        request, form, title=_("New session"), back=reverse("programs:cohort", args=[pk]), program=cohort.program
    )


@login_required
def enroll(request: HttpRequest, pk: int) -> HttpResponse:
    cohort, _access = cohort_for(request, pk, MANAGE)
    form = EnrollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person: Person = form.cleaned_data["person"]
        enrollment = services.enroll(cohort, person)
        if enrollment.was_new:  # type: ignore[attr-defined]
            messages.success(request, _("%(name)s was added to the cohort.") % {"name": person.full_name})
        elif enrollment.was_reinstated:  # type: ignore[attr-defined]
            messages.success(request, _("%(name)s takes part in the cohort again.") % {"name": person.full_name})
        else:
            messages.info(
                request, _("%(name)s already takes part in the cohort; nothing changed.") % {"name": person.full_name}
            )
        return redirect(reverse("programs:cohort", args=[pk]) + "#participants")
    return form_page(
        request, form, title=_("Add a participant"), back=reverse("programs:cohort", args=[pk]), program=cohort.program
    )


@login_required
@require_POST
def enrollment_status(request: HttpRequest, pk: int, enrollment_pk: int) -> HttpResponse:
    cohort, _access = cohort_for(request, pk, MANAGE)
    enrollment = get_object_or_404(Enrollment, cohort=cohort, pk=enrollment_pk)
    status = request.POST.get("status", "")
    if status not in (EnrollmentStatus.ACTIVE, EnrollmentStatus.WITHDRAWN):
        raise PermissionDenied(_("A program is completed through an approved accreditation decision."))
    services.set_enrollment_status(enrollment, status)
    return redirect(reverse("programs:cohort", args=[pk]) + "#participants")


@login_required
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    cohort, _access = cohort_for(request, pk, MANAGE)
    form = AssignmentForm(request.POST or None, program=cohort.program)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_assignment(cohort, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect(reverse("programs:cohort", args=[pk]) + "#assignments")
    return form_page(
        request, form, title=_("New assignment"), back=reverse("programs:cohort", args=[pk]), program=cohort.program
    )


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session, access = session_for(request, pk)
    cohort = queries.cohort_of_session(session)
    enrollment_id = access.active_enrollment_in(cohort.pk)
    return render(
        request,
        "programs/session.html",
        {
            "session": session,
            "cohort": cohort,
            "program": cohort.program,
            "access": access,
            "sheet": queries.attendance_sheet(session) if access.is_staff else None,
            "own": queries.own_attendance(session, access.person_id) if access.is_participant else None,
            "check_in_form": CheckInForm() if enrollment_id else None,
            "is_open": session.is_open_for_check_in(timezone.now()),
            "attendance_opens": session.check_in_opens_at if timezone.now() < session.check_in_opens_at else None,
        },
    )


@login_required
@require_POST
def attendance_save(request: HttpRequest, pk: int) -> HttpResponse:
    session, _access = session_for(request, pk, STAFF)
    sheet = queries.attendance_sheet(session)
    present = set(request.POST.getlist("present"))
    marks = {row.enrollment.person_id: str(row.enrollment.person_id) in present for row in sheet}
    try:
        services.record_attendance(session, marks, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Attendance was saved."))
    return redirect("programs:session", pk=pk)


@login_required
@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    session, access = session_for(request, pk)
    form = CheckInForm(request.POST)
    person = me(request)
    if person is None or not access.is_participant:
        raise PermissionDenied(_("Only the cohort's participants can check in to this session."))
    if form.is_valid():
        try:
            services.check_in(session, person, form.cleaned_data["code"])
        except services.CheckInRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("You are checked in. Welcome!"))
    else:
        messages.error(request, _("Type the code shown in the room."))
    return redirect("programs:session", pk=pk)


@login_required
@require_POST
def renew_code(request: HttpRequest, pk: int) -> HttpResponse:
    session, _access = session_for(request, pk, STAFF)
    services.renew_check_in_code(session)
    return redirect("programs:session", pk=pk)
