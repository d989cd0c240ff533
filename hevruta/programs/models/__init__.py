"""The programs app's tables: programs, cohorts, evidence and supervision, accreditation."""

from .accreditation import (
    AccreditationDecision,
    CredentialKind,
    DecisionKind,
    ProgramCredential,
    RoleAccreditation,
)
from .cohorts import (
    Assignment,
    Cohort,
    CohortApplication,
    Enrollment,
    EnrollmentStatus,
)
from .evidence import (
    Evidence,
    EvidenceReview,
    EvidenceRevision,
    EvidenceStatus,
    ReviewDecision,
    SupervisionMeeting,
    evidence_upload_to,
)
from .programs import (
    Program,
    ProgramGoal,
    ProgramKind,
    ProgramObjective,
    ProgramStaff,
    Requirement,
    RequirementKind,
    StaffRole,
)

__all__ = [
    "AccreditationDecision",
    "Assignment",
    "Cohort",
    "CohortApplication",
    "CredentialKind",
    "DecisionKind",
    "Enrollment",
    "EnrollmentStatus",
    "Evidence",
    "EvidenceReview",
    "EvidenceRevision",
    "EvidenceStatus",
    "Program",
    "ProgramCredential",
    "ProgramGoal",
    "ProgramKind",
    "ProgramObjective",
    "ProgramStaff",
    "Requirement",
    "RequirementKind",
    "ReviewDecision",
    "RoleAccreditation",
    "StaffRole",
    "SupervisionMeeting",
    "evidence_upload_to",
]
