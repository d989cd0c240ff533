"""Every write of the programs app, one transaction each. Callers check permission first (rules.py)."""

from .accreditation import achievement_for, alignment_for, decide, issue_program_credential
from .cohorts import (
    CheckInRefused,
    add_assignment,
    add_session,
    check_in,
    create_cohort,
    enroll,
    record_attendance,
    renew_check_in_code,
    set_enrollment_status,
    update_cohort,
    update_session,
)
from .evidence import review_evidence, submit_evidence, update_evidence
from .programs import (
    add_goal,
    add_objective,
    add_requirement,
    add_staff,
    create_program,
    delete_goal,
    delete_objective,
    remove_requirement,
    remove_staff,
    update_program,
)
from .supervision import may_supervise, record_meeting, update_meeting

__all__ = [
    "CheckInRefused",
    "achievement_for",
    "add_assignment",
    "add_goal",
    "add_objective",
    "add_requirement",
    "add_session",
    "add_staff",
    "alignment_for",
    "check_in",
    "create_cohort",
    "create_program",
    "decide",
    "delete_goal",
    "delete_objective",
    "enroll",
    "issue_program_credential",
    "may_supervise",
    "record_attendance",
    "record_meeting",
    "remove_requirement",
    "remove_staff",
    "renew_check_in_code",
    "review_evidence",
    "set_enrollment_status",
    "submit_evidence",
    "update_cohort",
    "update_evidence",
    "update_meeting",
    "update_program",
    "update_session",
]
