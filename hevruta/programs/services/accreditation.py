"""Accreditation: the staff's decision on a participant, the role accreditations it grants, and the Open
Badges credentials issued for an accreditation, a completed program or a competency."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hevruta.credentials import services as credentials
from hevruta.credentials.keys import site_url
from hevruta.credentials.models import AchievementType
from hevruta.credentials.openbadges import AchievementSpec, Alignment
from hevruta.insights import activity
from hevruta.standards.models import Item

from ..models import (
    AccreditationDecision,
    CredentialKind,
    DecisionKind,
    Enrollment,
    EnrollmentStatus,
    Evidence,
    EvidenceStatus,
    Program,
    ProgramCredential,
    Requirement,
    RequirementKind,
    RoleAccreditation,
)


def _who(user: Any) -> str:
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is not None:
        return person.full_name
    return getattr(user, "email", "") or ""


@transaction.atomic
def decide(enrollment: Enrollment, decision: str, *, reason: str = "", by: Any = None) -> AccreditationDecision:
    """Approve (only when every requirement is met) or defer with a reason; an approval grants the roles
    the program prepares for and completes the enrollment."""
    from ..queries import progress

    enrollment = (
        Enrollment.objects.select_for_update(of=("self",)).select_related("cohort__program").get(pk=enrollment.pk)
    )
    reason = reason.strip()
    if decision not in DecisionKind.values:
        raise ValidationError(_("Approve or defer."))
    if enrollment.status == EnrollmentStatus.WITHDRAWN:
        raise ValidationError(_("The participant withdrew from the program; there is nothing to decide."))
    if enrollment.decisions.filter(decision=DecisionKind.APPROVE).exists():
        raise ValidationError(_("This participant's accreditation was already approved."))
    rows = progress(enrollment)
    if decision == DecisionKind.DEFER and not reason:
        raise ValidationError(_("Say why the decision is deferred; the participant will read it."))
    if decision == DecisionKind.APPROVE:
        unmet = [row.label for row in rows if not row.met]
        if unmet:
            raise ValidationError(
                _("Approval is possible only when every requirement is met. Not met yet: %(unmet)s.")
                % {"unmet": "; ".join(unmet)}
            )
    recorded = AccreditationDecision.objects.create(
        enrollment=enrollment,
        decision=decision,
        reason=reason,
        decided_by=by if getattr(by, "is_authenticated", False) else None,
        decided_by_name=_who(by)[:200],
        decided_at=timezone.now(),
        progress=[row.as_json() for row in rows],
    )
    if decision == DecisionKind.APPROVE:
        RoleAccreditation.objects.bulk_create(
            RoleAccreditation(
                person_id=enrollment.person_id, role=role, decision=recorded, granted_at=recorded.decided_at
            )
            for role in enrollment.cohort.program.roles.all()
        )
        enrollment.status = EnrollmentStatus.COMPLETED
        enrollment.status_changed_at = recorded.decided_at
        enrollment.save(update_fields=["status", "status_changed_at"])
    return recorded


# Credentials ---------------------------------------------------------------------------------------


def competency_url(item: Item) -> str:
    """Where a competency is described: its CASE URI when it is a web address, else its framework's page."""
    if item.uri.startswith(("http://", "https://")):
        return item.uri
    return site_url(reverse("standards:framework", args=[item.framework_id])) + f"#item-{item.pk}"


def alignment_for(item: Item) -> Alignment:
    return Alignment(
        target_name=item.abbreviated_statement or item.full_statement,
        target_url=competency_url(item),
        target_code=item.human_coding_scheme,
        target_framework=item.framework.title,
        target_description=item.full_statement if item.abbreviated_statement else "",
    )


def _program_url(program: Program) -> str:
    return site_url(reverse("programs:program", args=[program.slug]))


def achievement_for(enrollment: Enrollment, kind: str, competency: Item | None = None) -> AchievementSpec:
    """What the credential recognizes, written in the language of the page that issues it."""
    program = enrollment.cohort.program
    language = (translation.get_language() or "he")[:2]
    issuer = program.issuing_organization
    names = {"program": program.name, "issuer": issuer.name if issuer else ""}
    if kind == CredentialKind.COMPETENCY:
        assert competency is not None
        code = f"{competency.human_coding_scheme} " if competency.human_coding_scheme else ""
        return AchievementSpec(
            id=f"{_program_url(program)}#competency-{competency.pk}",
            name=f"{code}{competency.abbreviated_statement or competency.full_statement}"[:300],
            description=_("A competency shown in %(program)s, with evidence reviewed against its rubric.") % names,
            criteria=_(
                "Evidence submitted by the participant, reviewed against the competency's rubric by the "
                "program's reviewers, and accepted."
            ),
            achievement_type=AchievementType.COMPETENCY,
            alignments=(alignment_for(competency),),
            language=language,
        )
    requirements = list(
        Requirement.objects.filter(program=program).select_related("competency__framework", "min_level")
    )
    from ..queries import requirement_label

    criteria = _("Every requirement of the program met: %(requirements)s.") % {
        "requirements": "; ".join(requirement_label(requirement) for requirement in requirements) or "—"
    }
    alignments = tuple(
        alignment_for(requirement.competency)
        for requirement in requirements
        if requirement.kind == RequirementKind.COMPETENCY_EVIDENCE and requirement.competency is not None
    )
    if kind == CredentialKind.ACCREDITATION:
        roles = ", ".join(role.name for role in program.roles.order_by("name"))
        return AchievementSpec(
            id=f"{_program_url(program)}#accreditation",
            name=(
                _("Accreditation: %(roles)s") % {"roles": roles} if roles else _("Accreditation: %(program)s") % names
            )[:300],
            description=_(
                "Accreditation granted by the staff of %(program)s (%(issuer)s) after every requirement was met."
            )
            % names,
            criteria=criteria + " " + _("Approved by the program's staff."),
            achievement_type=AchievementType.CERTIFICATION,
            alignments=alignments,
            language=language,
        )
    return AchievementSpec(
        id=f"{_program_url(program)}#completion",
        name=(_("%(program)s: completed") % names)[:300],
        description=_("Completion of %(program)s, awarded by %(issuer)s.") % names,
        criteria=criteria,
        achievement_type=AchievementType.CERTIFICATE,
        alignments=alignments,
        language=language,
    )


def _check_issuable(enrollment: Enrollment, kind: str, competency: Item | None) -> AccreditationDecision | None:
    program = enrollment.cohort.program
    if program.issuing_organization_id is None:
        raise ValidationError(_("The program has no issuing organization; set one before issuing credentials."))
    decision = enrollment.decisions.filter(decision=DecisionKind.APPROVE).first()
    if kind == CredentialKind.ACCREDITATION and decision is None:
        raise ValidationError(_("An accreditation credential is issued only after the accreditation is approved."))
    if kind == CredentialKind.COMPLETION and enrollment.status != EnrollmentStatus.COMPLETED:
        raise ValidationError(_("A completion credential is issued only once the participant completed the program."))
    if kind == CredentialKind.COMPETENCY:
        if competency is None:
            raise ValidationError(_("Choose the competency."))
        if not Evidence.objects.filter(
            enrollment=enrollment, competency=competency, status=EvidenceStatus.ACCEPTED
        ).exists():
            raise ValidationError(_("A competency credential needs accepted evidence of that competency."))
    if kind not in CredentialKind.values:
        raise ValidationError(_("Unknown kind of credential."))
    already = ProgramCredential.objects.filter(
        enrollment=enrollment, kind=kind, competency=competency, credential__revoked_at__isnull=True
    )
    if already.exists():
        raise ValidationError(_("This credential was already issued (and not revoked)."))
    return decision


@transaction.atomic
def issue_program_credential(
    enrollment: Enrollment, kind: str, *, competency: Item | None = None, issued_by: Any = None
) -> ProgramCredential:
    """Issue an Open Badges 3.0 credential through the credentials app, signed by the program's issuing
    organization, and remember what it was for."""
    enrollment = (
        # Only the enrollment's row is locked (PostgreSQL locks no row of an outer join's nullable side).
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("person", "cohort__program__issuing_organization")
        .get(pk=enrollment.pk)
    )
    decision = _check_issuable(enrollment, kind, competency)
    issuer = enrollment.cohort.program.issuing_organization
    assert issuer is not None
    spec = achievement_for(enrollment, kind, competency)
    issued = credentials.issue_credential(
        issuer,
        enrollment.person,
        spec,
        issued_by=issued_by if getattr(issued_by, "is_authenticated", False) else None,
    )
    program = enrollment.cohort.program
    activity.record(
        "programs.credential_issued",
        person=enrollment.person,
        organization=issuer,
        network=program.network,
        program=program,
        subject=issued,
    )
    return ProgramCredential.objects.create(
        enrollment=enrollment,
        kind=kind,
        decision=decision if kind == CredentialKind.ACCREDITATION else None,
        competency=competency if kind == CredentialKind.COMPETENCY else None,
        credential=issued,
        issued_at=issued.issued_at,
    )
