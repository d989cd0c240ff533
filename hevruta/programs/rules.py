"""Who may do what in a program, declared once for pages and the API alike.

- Programs of public networks are public; members-only networks' programs are seen by their members, and
  by the program's own staff and participants.
- Program staff rights come from the program's staff table and from managing its network: coordinators
  (and network managers) run the program and decide; reviewers score evidence; any staff member takes
  attendance and sees the participants, their evidence and the decisions.
- Evidence: its author, the program's staff (reviewers included), nobody else.
- Supervision notes: the supervisor and the supervised teacher, nobody else, program staff included.
"""

import rules

from hevruta.directory.queries import viewer_for
from hevruta.events.models import Event

from .models import Enrollment, EnrollmentStatus, Evidence, EvidenceStatus, Program, SupervisionMeeting
from .queries import cohort_of_session, program_access


@rules.predicate
def can_view_program(user: object, program: Program) -> bool:
    return program_access(user, program).may_view


@rules.predicate
def manages_program(user: object, program: Program) -> bool:
    return program_access(user, program).manages


@rules.predicate
def is_program_staff(user: object, program: Program) -> bool:
    return program_access(user, program).is_staff


@rules.predicate
def can_view_participants(user: object, cohort) -> bool:  # type: ignore[no-untyped-def]
    access = program_access(user, cohort.program)
    return access.is_staff or access.in_cohort(cohort.pk)


@rules.predicate
def can_take_attendance(user: object, session: Event) -> bool:
    return program_access(user, cohort_of_session(session).program).is_staff


@rules.predicate
def can_check_in(user: object, session: Event) -> bool:
    cohort = cohort_of_session(session)
    return program_access(user, cohort.program).active_enrollment_in(cohort.pk) is not None


def _is_author(user: object, evidence: Evidence) -> bool:
    person_id = viewer_for(user).person_id
    return person_id is not None and evidence.enrollment.person_id == person_id


@rules.predicate
def can_view_evidence(user: object, evidence: Evidence) -> bool:
    return _is_author(user, evidence) or program_access(user, evidence.enrollment.cohort.program).is_staff


@rules.predicate
def can_change_evidence(user: object, evidence: Evidence) -> bool:
    return (
        _is_author(user, evidence)
        and evidence.status != EvidenceStatus.ACCEPTED
        and evidence.enrollment.status == EnrollmentStatus.ACTIVE
    )


@rules.predicate
def can_review_evidence(user: object, evidence: Evidence) -> bool:
    if _is_author(user, evidence) or viewer_for(user).person_id is None:
        return False
    return program_access(user, evidence.enrollment.cohort.program).reviews


@rules.predicate
def can_view_supervision(user: object, meeting: SupervisionMeeting) -> bool:
    person_id = viewer_for(user).person_id
    return person_id is not None and person_id in (meeting.supervisor_id, meeting.supervisee_id)


@rules.predicate
def can_change_supervision(user: object, meeting: SupervisionMeeting) -> bool:
    person_id = viewer_for(user).person_id
    return person_id is not None and person_id == meeting.supervisor_id


@rules.predicate
def can_view_progress(user: object, enrollment: Enrollment) -> bool:
    person_id = viewer_for(user).person_id
    if person_id is not None and enrollment.person_id == person_id:
        return True
    return program_access(user, enrollment.cohort.program).is_staff


@rules.predicate
def can_view_decisions(user: object, enrollment: Enrollment) -> bool:
    return program_access(user, enrollment.cohort.program).is_staff


@rules.predicate
def can_decide(user: object, enrollment: Enrollment) -> bool:
    return program_access(user, enrollment.cohort.program).manages


rules.add_perm("programs.view_program", can_view_program)
rules.add_perm("programs.manage_program", manages_program)
rules.add_perm("programs.staff_program", is_program_staff)
rules.add_perm("programs.view_participants", can_view_participants)
rules.add_perm("programs.take_attendance", can_take_attendance)
rules.add_perm("programs.check_in", can_check_in)
rules.add_perm("programs.view_evidence", can_view_evidence)
rules.add_perm("programs.change_evidence", can_change_evidence)
rules.add_perm("programs.review_evidence", can_review_evidence)
rules.add_perm("programs.view_supervision", can_view_supervision)
rules.add_perm("programs.change_supervision", can_change_supervision)
rules.add_perm("programs.view_progress", can_view_progress)
rules.add_perm("programs.view_decisions", can_view_decisions)
rules.add_perm("programs.decide", can_decide)
# Issuing goes with deciding: the network's managers named the program's issuing organization (one of the
# network's own), so its coordinators issue in its name for the program.
rules.add_perm("programs.issue_credential", can_decide)
