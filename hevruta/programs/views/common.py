"""What every programs page needs: the object if the user may see it (else 404), and the right to act
on it (else 403). A members-only network's program is not told to exist to those who may not see it."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hevruta.directory.models import Person
from hevruta.directory.queries import viewer_for
from hevruta.events.models import Event

from .. import queries
from ..models import Cohort, Enrollment, Program
from ..queries import ProgramAccess

MANAGE, STAFF = "manage", "staff"


def _require(access: ProgramAccess, need: str | None) -> None:
    if need == MANAGE and not access.manages:
        raise PermissionDenied(_("Only the program's coordinators and the network's managers may do this."))
    if need == STAFF and not access.is_staff:
        raise PermissionDenied(_("Only the program's staff may see this."))


def program_for(request: HttpRequest, slug: str, need: str | None = None) -> tuple[Program, ProgramAccess]:
    program = queries.program_by_slug(request.user, slug)
    if program is None:
        raise Http404(_("No such program, or it is not shown to you."))
    access = queries.program_access(request.user, program)
    _require(access, need)
    return program, access


def cohort_for(request: HttpRequest, pk: int, need: str | None = None) -> tuple[Cohort, ProgramAccess]:
    cohort = queries.cohort_of(queries.programs_visible_to(request.user), pk)
    if cohort is None:
        raise Http404(_("No such cohort, or it is not shown to you."))
    access = queries.program_access(request.user, cohort.program)
    _require(access, need)
    return cohort, access


def session_for(request: HttpRequest, pk: int, need: str | None = None) -> tuple[Event, ProgramAccess]:
    session = queries.session_of(queries.programs_visible_to(request.user), pk)
    if session is None:
        raise Http404(_("No such session, or it is not shown to you."))
    access = queries.program_access(request.user, queries.cohort_of_session(session).program)
    _require(access, need)
    return session, access


def enrollment_for(request: HttpRequest, pk: int) -> tuple[Enrollment, ProgramAccess]:
    enrollment = queries.enrollment_of(queries.programs_visible_to(request.user), pk)
    if enrollment is None:
        raise Http404(_("No such participant, or it is not shown to you."))
    return enrollment, queries.program_access(request.user, enrollment.cohort.program)


def me(request: HttpRequest) -> Person | None:
    """The signed-in user's person in the directory, if they have one."""
    person_id = viewer_for(request.user).person_id
    return Person.objects.filter(pk=person_id).first() if person_id else None


def add_errors(form: Any, error: ValidationError) -> None:
    form.add_error(None, error)


def form_page(
    request: HttpRequest, form: Any, *, title: str, back: str, program: Program | None = None, **extra: Any
) -> HttpResponse:
    """The one page every small form of the app is shown on."""
    return render(
        request,
        "programs/form.html",
        {"form": form, "title": title, "back": back, "program": program, **extra},
    )
