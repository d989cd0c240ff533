"""Writing cohorts: the cohort, its participants, sessions, attendance and assignments."""

import secrets
from datetime import date, datetime
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory.models import Decision, MembershipRole, Organization, Person, Position
from hevruta.events.models import (
    Attendance,
    AttendanceMethod,
    Event,
    EventKind,
    EventStatus,
    EventVisibility,
    RegistrationPolicy,
)
from hevruta.insights import activity
from hevruta.notifications.services import notify
from hevruta.standards.models import Item

from ..models import Assignment, Cohort, CohortApplication, Enrollment, EnrollmentStatus, Program, StaffRole
from ..notices import APPLICATION_ANSWERED, APPLICATION_RECEIVED
from ..queries.pages import cohort_of_session

# No 0/O, 1/I/L: a code read off a projector is typed right the first time.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
# Wrong codes a participant may try for one session before check-in is closed to them (staff can still
# mark them present): 31^6 codes cannot be guessed in ten tries.
MAX_WRONG_CODES = 10


class CheckInRefused(Exception):
    """A code check-in that cannot be accepted; the message says why in plain words."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def create_cohort(program: Program, name: str, start_date: date, end_date: date) -> Cohort:
    name = name.strip()
    if not name:
        raise ValidationError(_("A cohort needs a name."))
    if end_date < start_date:
        raise ValidationError(_("A cohort ends after it starts."))
    return Cohort.objects.create(program=program, name=name, start_date=start_date, end_date=end_date)


@transaction.atomic
def update_cohort(cohort: Cohort, name: str, start_date: date, end_date: date) -> Cohort:
    if not name.strip():
        raise ValidationError(_("A cohort needs a name."))
    if end_date < start_date:
        raise ValidationError(_("A cohort ends after it starts."))
    cohort.name, cohort.start_date, cohort.end_date = name.strip(), start_date, end_date
    cohort.save()
    return cohort


def _current_organization(person: Person) -> Organization | None:
    today = timezone.localdate()
    position = (
        Position.objects.filter(person=person)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("organization")
        .order_by("-is_senior", "-start_date", "id")
        .first()
    )
    return position.organization if position else None


@transaction.atomic
def enroll(cohort: Cohort, person: Person, organization: Organization | None = None) -> Enrollment:
    """Add a participant; the organization defaults to where the person holds a position now.

    `enrollment.was_new` says whether this added them, and `enrollment.was_reinstated` whether it brought
    back a withdrawn participant; otherwise they were already taking part and nothing changed."""
    enrollment, created = Enrollment.objects.get_or_create(
        cohort=cohort,
        person=person,
        defaults={"organization": organization or _current_organization(person)},
    )
    enrollment.was_new = created  # type: ignore[attr-defined]
    if created:
        program = cohort.program
        activity.record(
            "programs.enrolled",
            person=person,
            organization=enrollment.organization,
            network=program.network,
            program=program,
            subject=cohort,  # the cohort: participants of one cohort tie their organizations (insights/graph.py)
        )
    enrollment.was_reinstated = False  # type: ignore[attr-defined]
    if not created and enrollment.status == EnrollmentStatus.WITHDRAWN:
        enrollment.status = EnrollmentStatus.ACTIVE
        enrollment.status_changed_at = timezone.now()
        enrollment.save(update_fields=["status", "status_changed_at"])
        enrollment.was_reinstated = True  # type: ignore[attr-defined]
    return enrollment


@transaction.atomic
def set_enrollment_status(enrollment: Enrollment, status: str) -> Enrollment:
    if status not in EnrollmentStatus.values:
        raise ValidationError(_("Unknown status."))
    enrollment.status = status
    enrollment.status_changed_at = timezone.now()
    enrollment.save(update_fields=["status", "status_changed_at"])
    return enrollment


# Applications: where a program takes them, people apply to a cohort and its managers answer ---------


@transaction.atomic
def apply_to_cohort(cohort: Cohort, person: Person, message: str = "") -> CohortApplication:
    if not cohort.program.accepts_applications:
        raise ValidationError(_("This program's staff enroll its participants; it takes no applications."))
    if cohort.has_ended:
        raise ValidationError(_("This cohort has ended."))
    if Enrollment.objects.filter(cohort=cohort, person=person, status=EnrollmentStatus.ACTIVE).exists():
        raise ValidationError(_("You are already a participant of this cohort."))
    if CohortApplication.objects.filter(cohort=cohort, person=person, status=Decision.PENDING).exists():
        raise ValidationError(_("You have already applied to this cohort."))
    application = CohortApplication.objects.create(cohort=cohort, person=person, message=message.strip())
    notify(
        _program_managers(cohort.program),
        APPLICATION_RECEIVED,
        url=reverse("programs:cohort", args=[cohort.pk]) + "#applications",
        context={"person": person.full_name, "cohort": cohort.name, "program": _program_name(cohort.program)},
        actor=person.user,
    )
    return application


def _program_name(program: Program) -> dict[str, str]:
    return {"he": program.name_he, "en": program.name_en, "ar": program.name_ar}


def _program_managers(program: Program) -> list:
    """Who answers applications: the program's coordinators and its network's managers."""
    coordinators = Q(program_staff__program=program, program_staff__role=StaffRole.COORDINATOR)
    managers = Q(memberships__network_id=program.network_id, memberships__role=MembershipRole.MANAGER)
    people = Person.objects.filter(coordinators | managers, user__isnull=False).select_related("user").distinct()
    return [person.user for person in people]


@transaction.atomic
def answer_application(application: CohortApplication, by_user: Any, accept: bool) -> CohortApplication:
    # Locked, so that two managers answering at once act once.
    application = (
        CohortApplication.objects.select_for_update().select_related("cohort", "person").get(pk=application.pk)
    )
    if application.status != Decision.PENDING:
        raise ValidationError(_("This application was already answered."))
    application.status = Decision.ACCEPTED if accept else Decision.DECLINED
    application.decided_at = timezone.now()
    application.decided_by = by_user
    application.save(update_fields=["status", "decided_at", "decided_by"])
    if accept:
        enroll(application.cohort, application.person)
    cohort = application.cohort
    notify(
        [application.person.user],
        APPLICATION_ANSWERED,
        url=reverse("programs:cohort", args=[cohort.pk]),
        context={"cohort": cohort.name, "program": _program_name(cohort.program), "accepted": accept},
        actor=by_user,
    )
    return application


@transaction.atomic
def withdraw_application(application: CohortApplication) -> None:
    updated = CohortApplication.objects.filter(pk=application.pk, status=Decision.PENDING).update(
        status=Decision.WITHDRAWN, decided_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This application was already answered."))


# Sessions and attendance ---------------------------------------------------------------------------


def _check_session(kind: str, title: str, starts_at: datetime, ends_at: datetime) -> None:
    if kind not in EventKind.values:
        raise ValidationError(_("Unknown kind of session."))
    if not title.strip():
        raise ValidationError(_("A session needs a title."))
    if ends_at <= starts_at:
        raise ValidationError(_("A session ends after it starts."))


@transaction.atomic
def add_session(
    cohort: Cohort, *, kind: str, title: str, starts_at: datetime, ends_at: datetime, place: str = ""
) -> Event:
    _check_session(kind, title, starts_at, ends_at)
    program = cohort.program
    # A cohort's session is an event of the cohort: seen by whoever sees the program, its participants
    # invited by their enrollment.
    return Event.objects.create(
        network_id=program.network_id,
        program=program,
        cohort=cohort,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        address=place.strip(),
        visibility=EventVisibility.PUBLIC if program.network.is_public else EventVisibility.NETWORK,
        status=EventStatus.PUBLISHED,
        registration_policy=RegistrationPolicy.INVITATION,
        check_in_code=new_code(),
    )


@transaction.atomic
def update_session(session: Event, **fields: Any) -> Event:
    merged = {name: getattr(session, name) for name in ("kind", "title", "starts_at", "ends_at")} | fields
    _check_session(merged["kind"], merged["title"], merged["starts_at"], merged["ends_at"])
    for name, value in fields.items():
        if name in ("kind", "title", "starts_at", "ends_at"):
            setattr(session, name, value)
        elif name == "place":
            session.address = value
    session.save()
    return session


@transaction.atomic
def renew_check_in_code(session: Event) -> Event:
    """A new code, e.g. when the old one was sent to someone who is not in the room."""
    session.check_in_code = new_code()
    session.save(update_fields=["check_in_code"])
    return session


@transaction.atomic
def record_attendance(session: Event, marks: dict[int, bool], by: Any = None, now: datetime | None = None) -> int:
    """Staff take attendance: {person id: present}. Only the cohort's participants (not withdrawn), and
    only once the session has begun (from when check-in opens): a mark for a session still ahead would
    count toward requirements, and let an accreditation be approved, before the session took place."""
    if (now or timezone.now()) < session.check_in_opens_at:
        raise ValidationError(
            _("Attendance can be taken only once the session begins (from half an hour before it starts).")
        )
    enrolled = set(
        Enrollment.objects.filter(cohort=cohort_of_session(session))
        .exclude(status=EnrollmentStatus.WITHDRAWN)
        .values_list("person_id", flat=True)
    )
    strangers = set(marks) - enrolled
    if strangers:
        raise ValidationError(_("Attendance can be taken only for the cohort's participants."))
    existing = {mark.person_id: mark for mark in Attendance.objects.select_for_update().filter(event=session)}
    recorder = by if getattr(by, "is_authenticated", False) else None
    changed = 0
    for person_id, present in marks.items():
        mark = existing.get(person_id)
        if mark is None:
            Attendance.objects.create(
                event=session,
                person_id=person_id,
                present=present,
                method=AttendanceMethod.STAFF,
                recorded_by=recorder,
            )
            changed += 1
        elif mark.present != present:
            mark.present, mark.method, mark.recorded_by = present, AttendanceMethod.STAFF, recorder
            mark.save(update_fields=["present", "method", "recorded_by", "recorded_at"])
            changed += 1
    return changed


def _wrong_codes_key(session: Event, person: Person) -> str:
    return f"programs:check-in:{session.pk}:{person.pk}"


def check_in(session: Event, person: Person, code: str, now: datetime | None = None) -> Attendance:
    """A participant marks themselves present with the code shown in the room.

    Only while the session is open (from CHECK_IN_OPENS_BEFORE its start to its end), only for the
    cohort's active participants, and once.
    """
    now = now or timezone.now()
    if not Enrollment.objects.filter(
        cohort=cohort_of_session(session), person=person, status=EnrollmentStatus.ACTIVE
    ).exists():
        raise CheckInRefused(_("Only the cohort's participants can check in to this session."), "not_enrolled")
    if now < session.check_in_opens_at:
        raise CheckInRefused(_("Check-in has not opened yet: it opens half an hour before the session."), "not_open")
    if now > session.ends_at:
        raise CheckInRefused(_("The session is over; check-in is closed. Ask the staff to mark you."), "closed")
    key = _wrong_codes_key(session, person)
    if cache.get(key, 0) >= MAX_WRONG_CODES:
        raise CheckInRefused(_("Too many wrong codes; ask the staff to mark you present."), "too_many")
    typed = "".join(code.split()).upper()
    if not secrets.compare_digest(typed.encode(), session.check_in_code.upper().encode()):
        cache.add(key, 0, timeout=24 * 3600)
        cache.incr(key)
        raise CheckInRefused(_("That is not this session's code."), "wrong_code")
    already = CheckInRefused(_("You are already checked in."), "already")
    try:
        with transaction.atomic():
            mark = Attendance.objects.select_for_update().filter(event=session, person=person).first()
            if mark is not None and mark.present:
                raise already
            if mark is None:
                return Attendance.objects.create(
                    event=session, person=person, present=True, method=AttendanceMethod.CODE
                )
            mark.present, mark.method, mark.recorded_by = True, AttendanceMethod.CODE, None
            mark.save(update_fields=["present", "method", "recorded_by", "recorded_at"])
            return mark
    except IntegrityError:  # the same check-in sent twice at once: the other one was recorded
        raise already from None


@transaction.atomic
def add_assignment(
    cohort: Cohort, *, title: str, description: str = "", due_date: date | None = None, competency: Item | None = None
) -> Assignment:
    if not title.strip():
        raise ValidationError(_("An assignment needs a title."))
    framework_id = cohort.program.framework_id
    if competency is not None and framework_id and competency.framework_id != framework_id:
        raise ValidationError(_("The competency must be one of the program's framework."))
    return Assignment.objects.create(
        cohort=cohort, title=title.strip(), description=description.strip(), due_date=due_date, competency=competency
    )
