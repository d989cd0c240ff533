"""In-service supervision: a supervisor records meetings with a leading teacher they supervise."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hevruta.directory.models import Person
from hevruta.standards.models import Item

from ..models import Enrollment, Program, ProgramStaff, StaffRole, SupervisionMeeting


def may_supervise(supervisor: Person, supervisee: Person, program: Program | None) -> bool:
    """A supervisor of a program supervises its participants (during the program and after it, as alumni).

    Without a program, the meeting is in-service supervision of someone who took part in a program the
    supervisor supervises in.
    """
    if supervisor.pk == supervisee.pk:
        return False
    programs = ProgramStaff.objects.filter(person=supervisor, role=StaffRole.SUPERVISOR).values("program_id")
    if program is not None:
        programs = programs.filter(program=program)
    return Enrollment.objects.filter(person=supervisee, cohort__program_id__in=programs).exists()


def _check(
    supervisor: Person, supervisee: Person, program: Program | None, hours: Any, competencies: list[Item]
) -> Decimal:
    if not may_supervise(supervisor, supervisee, program):
        raise ValidationError(_("You can record supervision only of participants of a program you supervise in."))
    try:
        value = Decimal(str(hours))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Give the meeting's length in hours.")) from None
    if not Decimal("0") < value <= Decimal("24"):
        raise ValidationError(_("A meeting lasts more than no time and at most 24 hours."))
    framework_id = program.framework_id if program else None
    if framework_id and any(item.framework_id != framework_id for item in competencies):
        raise ValidationError(_("The competencies must be of the program's framework."))
    return value.quantize(Decimal("0.1"))


@transaction.atomic
def record_meeting(
    supervisor: Person,
    supervisee: Person,
    *,
    date: date,
    hours: Decimal | float | str,
    program: Program | None = None,
    notes: str = "",
    notes_language: str = "",
    competencies: Iterable[Item] = (),
    created_by: Any = None,
) -> SupervisionMeeting:
    competencies = list(competencies)
    value = _check(supervisor, supervisee, program, hours, competencies)
    meeting = SupervisionMeeting.objects.create(
        supervisor=supervisor,
        supervisee=supervisee,
        program=program,
        date=date,
        hours=value,
        notes=notes.strip(),
        notes_language=notes_language,
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
    )
    meeting.competencies.set(competencies)
    return meeting


@transaction.atomic
def update_meeting(
    meeting: SupervisionMeeting,
    *,
    date: date,
    hours: Decimal | float | str,
    notes: str = "",
    notes_language: str = "",
    competencies: Iterable[Item] = (),
) -> SupervisionMeeting:
    competencies = list(competencies)
    value = _check(meeting.supervisor, meeting.supervisee, meeting.program, hours, competencies)
    meeting.date, meeting.hours, meeting.notes, meeting.notes_language = date, value, notes.strip(), notes_language
    meeting.save()
    meeting.competencies.set(competencies)
    return meeting
