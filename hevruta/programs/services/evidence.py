"""Evidence of competencies: submitting, editing, resubmitting after a return, and reviewing.

Nothing a participant wrote is ever lost: a returned evidence keeps its content for them to edit, and a
resubmission is a new revision beside the old one, which stays with the review it got.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory.models import Person
from hevruta.notifications.services import notify
from hevruta.standards.models import Item, PerformanceLevel

from ..models import (
    Assignment,
    Enrollment,
    EnrollmentStatus,
    Evidence,
    EvidenceReview,
    EvidenceRevision,
    EvidenceStatus,
    ReviewDecision,
)
from ..notices import EVIDENCE_REVIEWED
from ..uploads import check_evidence_file

_URL = URLValidator(schemes=["http", "https"])


def _check_content(text: str, video_url: str, reflection: str, has_file: bool) -> None:
    if not (text.strip() or video_url.strip() or reflection.strip() or has_file):
        raise ValidationError(_("Write something, attach a file or give a video link."))
    if video_url.strip():
        try:
            _URL(video_url.strip())
        except ValidationError:
            raise ValidationError(_("The video link must be a web address (http or https).")) from None


def _check_active(enrollment: Enrollment) -> None:
    if enrollment.status != EnrollmentStatus.ACTIVE:
        raise ValidationError(_("Evidence can be submitted only while the enrollment is active."))


def _attach(evidence: Evidence, upload: Any) -> None:
    checked = check_evidence_file(upload.name or "file", upload, getattr(upload, "size", None))
    evidence.file.save(checked.name, File(upload, name=checked.name), save=False)
    evidence.file_name = checked.name


def _snapshot(evidence: Evidence, revision: EvidenceRevision | None = None) -> EvidenceRevision:
    revision = revision or EvidenceRevision(evidence=evidence, number=evidence.revision)
    revision.text = evidence.text
    revision.file = evidence.file.name or ""
    revision.file_name = evidence.file_name
    revision.video_url = evidence.video_url
    revision.reflection = evidence.reflection
    revision.submitted_at = evidence.submitted_at
    revision.save()
    return revision


def _forget_file_later(name: str, evidence: Evidence) -> None:
    """Delete a stored file once nothing refers to it any more (after the transaction commits)."""
    if not name:
        return
    storage = evidence.file.storage

    def forget() -> None:
        still_used = Evidence.objects.filter(file=name).exists() or EvidenceRevision.objects.filter(file=name).exists()
        if not still_used:
            storage.delete(name)

    transaction.on_commit(forget)


@transaction.atomic
def submit_evidence(
    enrollment: Enrollment,
    competency: Item,
    *,
    assignment: Assignment | None = None,
    text: str = "",
    upload: Any = None,
    video_url: str = "",
    reflection: str = "",
    language: str = "",
) -> Evidence:
    from ..queries import competencies_for

    _check_active(enrollment)
    if not competencies_for(enrollment).filter(pk=competency.pk).exists():
        raise ValidationError(_("This competency is not one the program asks evidence of."))
    if assignment is not None:
        if assignment.cohort_id != enrollment.cohort_id:
            raise ValidationError(_("The assignment is not of your cohort."))
        if assignment.competency_id and assignment.competency_id != competency.pk:
            raise ValidationError(_("The assignment asks for evidence of another competency."))
    _check_content(text, video_url, reflection, upload is not None)
    evidence = Evidence(
        enrollment=enrollment,
        competency=competency,
        assignment=assignment,
        text=text.strip(),
        video_url=video_url.strip(),
        reflection=reflection.strip(),
        language=language,
        status=EvidenceStatus.SUBMITTED,
        revision=1,
        submitted_at=timezone.now(),
    )
    if upload is not None:
        _attach(evidence, upload)
    evidence.save()
    _snapshot(evidence)
    return evidence


@transaction.atomic
def update_evidence(
    evidence: Evidence,
    *,
    text: str,
    video_url: str = "",
    reflection: str = "",
    upload: Any = None,
    remove_file: bool = False,
    language: str = "",
) -> Evidence:
    """Edit a submitted evidence before it is reviewed, or resubmit a returned one as a new revision."""
    evidence = Evidence.objects.select_for_update(of=("self",)).select_related("enrollment").get(pk=evidence.pk)
    _check_active(evidence.enrollment)
    if evidence.status == EvidenceStatus.ACCEPTED:
        raise ValidationError(_("Accepted evidence is final and cannot be changed."))
    resubmitting = evidence.status == EvidenceStatus.RETURNED
    old_file = evidence.file.name or ""
    keeps_file = bool(old_file) and not remove_file and upload is None
    _check_content(text, video_url, reflection, upload is not None or keeps_file)
    evidence.text, evidence.video_url, evidence.reflection = text.strip(), video_url.strip(), reflection.strip()
    evidence.language = language
    if upload is not None:
        _attach(evidence, upload)
    elif remove_file:
        evidence.file, evidence.file_name = "", ""  # type: ignore[assignment]
    evidence.submitted_at = timezone.now()
    if resubmitting:
        evidence.revision += 1
        evidence.status = EvidenceStatus.SUBMITTED
        evidence.save()
        _snapshot(evidence)
    else:
        evidence.save()
        current = EvidenceRevision.objects.get(evidence=evidence, number=evidence.revision)
        _snapshot(evidence, current)
        if old_file and old_file != (evidence.file.name or ""):
            _forget_file_later(old_file, evidence)
    return evidence


@transaction.atomic
def review_evidence(
    evidence: Evidence,
    reviewer: Person,
    decision: str,
    *,
    level: PerformanceLevel | None = None,
    comments: str = "",
) -> EvidenceReview:
    """Score the latest revision against the competency's rubric, and accept it or return it with comments."""
    evidence = (
        Evidence.objects.select_for_update(of=("self",)).select_related("enrollment", "competency").get(pk=evidence.pk)
    )
    if evidence.status != EvidenceStatus.SUBMITTED:
        raise ValidationError(_("This evidence was already reviewed; it waits for the participant."))
    if evidence.enrollment.person_id == reviewer.pk:
        raise ValidationError(_("Nobody reviews their own evidence."))
    if decision not in ReviewDecision.values:
        raise ValidationError(_("Accept the evidence or return it."))
    comments = comments.strip()
    if decision == ReviewDecision.RETURN and not comments:
        raise ValidationError(_("Say what to improve when returning evidence."))
    framework_id = evidence.competency.framework_id
    if level is not None and level.framework_id != framework_id:
        raise ValidationError(_("The level must be one of the competency's framework."))
    if (
        decision == ReviewDecision.ACCEPT
        and level is None
        and PerformanceLevel.objects.filter(framework_id=framework_id).exists()
    ):
        raise ValidationError(_("Give the level the evidence shows when accepting it."))
    revision = EvidenceRevision.objects.get(evidence=evidence, number=evidence.revision)
    review = EvidenceReview.objects.create(
        evidence=evidence, revision=revision, reviewer=reviewer, level=level, comments=comments, decision=decision
    )
    evidence.status = EvidenceStatus.ACCEPTED if decision == ReviewDecision.ACCEPT else EvidenceStatus.RETURNED
    evidence.level = level
    evidence.save(update_fields=["status", "level", "updated_at"])
    _tell_participant(evidence, review, reviewer)
    return review


def _tell_participant(evidence: Evidence, review: EvidenceReview, reviewer: Person) -> None:
    """The participant hears of the review of their own evidence, which they always may see."""
    participant = Person.objects.select_related("user").get(pk=evidence.enrollment.person_id)
    program = evidence.enrollment.cohort.program
    notify(
        [participant.user] if participant.user_id else [],
        EVIDENCE_REVIEWED,
        url=reverse("programs:evidence", args=[evidence.pk]),
        context={
            "competency": str(evidence.competency),
            "program": {"he": program.name_he, "ar": program.name_ar, "en": program.name_en},
            "decision": review.decision,
        },
        actor=reviewer.user if reviewer.user_id else None,
    )
