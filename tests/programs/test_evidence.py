"""Evidence: a return keeps everything the participant wrote, a resubmission is a new revision beside the old
one and its review, accepted evidence is final; reviews follow the rubric's levels; files are checked."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hevruta.programs import services
from hevruta.programs.models import Evidence, EvidenceReview, EvidenceRevision, EvidenceStatus, ReviewDecision

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def pdf(name: str = "plan.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.django_db
def test_a_return_keeps_everything_and_a_resubmission_is_a_new_revision(cast):
    competency = cast.competencies[0]
    evidence = services.submit_evidence(
        cast.enrollment,
        competency,
        text="תיאור המפגש שהנחיתי",
        upload=pdf(),
        video_url="https://video.example.org/v/1",
        reflection="What I learned",
        language="he",
    )
    review = services.review_evidence(
        evidence, cast.reviewer, ReviewDecision.RETURN, level=cast.levels[0], comments="Add a transcript."
    )
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.RETURNED
    assert (evidence.text, evidence.video_url, evidence.reflection) == (
        "תיאור המפגש שהנחיתי",
        "https://video.example.org/v/1",
        "What I learned",
    )
    assert evidence.file.name and evidence.file_name == "plan.pdf"

    # The edit page brings back what was written, with the reviewer's comments.
    page = cast.client("participant").get(reverse("programs:evidence_edit", args=[evidence.pk])).content.decode()
    assert "תיאור המפגש שהנחיתי" in page and "What I learned" in page and "Add a transcript." in page

    services.update_evidence(evidence, text="תיאור המפגש, עם תמליל", reflection="What I learned, again")
    evidence.refresh_from_db()
    assert (evidence.status, evidence.revision) == (EvidenceStatus.SUBMITTED, 2)
    assert evidence.file.name  # the file was kept
    first, second = EvidenceRevision.objects.filter(evidence=evidence).order_by("number")
    assert (first.number, first.text, first.reflection) == (1, "תיאור המפגש שהנחיתי", "What I learned")
    assert (second.number, second.text) == (2, "תיאור המפגש, עם תמליל")
    assert first.file.name == second.file.name
    assert review.revision == first and not second.reviews.exists()

    accepted = services.review_evidence(evidence, cast.reviewer, ReviewDecision.ACCEPT, level=cast.levels[1])
    assert accepted.revision == second
    evidence.refresh_from_db()
    assert (evidence.status, evidence.level) == (EvidenceStatus.ACCEPTED, cast.levels[1])
    with pytest.raises(ValidationError, match="final"):
        services.update_evidence(evidence, text="Changed after acceptance")
    assert not cast.participant.user.has_perm("programs.change_evidence", evidence)
    # The evidence page shows both revisions with their reviews.
    page = cast.client("participant").get(reverse("programs:evidence", args=[evidence.pk])).content.decode()
    assert "Revision 1" in page and "Revision 2" in page and "Add a transcript." in page


@pytest.mark.django_db
def test_editing_before_a_review_changes_the_same_revision(cast):
    evidence = services.submit_evidence(cast.enrollment, cast.competencies[0], text="Draft")
    services.update_evidence(evidence, text="Better draft")
    evidence.refresh_from_db()
    assert evidence.revision == 1
    assert list(EvidenceRevision.objects.filter(evidence=evidence).values_list("text", flat=True)) == ["Better draft"]


@pytest.mark.django_db
def test_the_pages_resubmit(cast):
    client = cast.client("participant")
    response = client.post(
        reverse("programs:evidence_create", args=[cast.enrollment.pk]),
        {"competency": cast.competencies[0].pk, "text": "From the page", "language": "en"},
    )
    evidence = Evidence.objects.get(text="From the page")
    assert response.status_code == 302
    reviewer = cast.client("reviewer")
    reviewer.post(reverse("programs:evidence_review", args=[evidence.pk]), {"decision": "return", "comments": "Why?"})
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.RETURNED
    client.post(reverse("programs:evidence_edit", args=[evidence.pk]), {"text": "Because", "language": "en"})
    evidence.refresh_from_db()
    assert (evidence.status, evidence.revision, evidence.text) == (EvidenceStatus.SUBMITTED, 2, "Because")


@pytest.mark.django_db
def test_reviews_follow_the_rules(cast):
    evidence = services.submit_evidence(cast.enrollment, cast.competencies[0], text="Shown")
    with pytest.raises(ValidationError, match="what to improve"):
        services.review_evidence(evidence, cast.reviewer, ReviewDecision.RETURN, comments="  ")
    with pytest.raises(ValidationError, match="level"):
        services.review_evidence(evidence, cast.reviewer, ReviewDecision.ACCEPT)
    with pytest.raises(ValidationError, match="own evidence"):
        services.review_evidence(evidence, cast.participant, ReviewDecision.ACCEPT, level=cast.levels[1])
    services.review_evidence(evidence, cast.reviewer, ReviewDecision.ACCEPT, level=cast.levels[1])
    with pytest.raises(ValidationError, match="already reviewed"):
        services.review_evidence(evidence, cast.reviewer, ReviewDecision.RETURN, comments="Second thoughts")
    assert EvidenceReview.objects.filter(evidence=evidence).count() == 1


@pytest.mark.django_db
def test_a_level_of_another_framework_is_refused(cast, world):
    from tests.programs.conftest import make_program

    other = make_program(world, slug_name="Other")
    foreign_level = other.framework.levels.first()
    evidence = services.submit_evidence(cast.enrollment, cast.competencies[0], text="Shown")
    with pytest.raises(ValidationError, match="competency's framework"):
        services.review_evidence(evidence, cast.reviewer, ReviewDecision.ACCEPT, level=foreign_level)


@pytest.mark.django_db
def test_what_may_be_submitted(cast, world, settings):
    from hevruta.standards.models import Item
    from tests.programs.conftest import make_program

    foreign = Item.objects.filter(framework=make_program(world, slug_name="Elsewhere").framework).last()
    with pytest.raises(ValidationError, match="not one the program asks"):
        services.submit_evidence(cast.enrollment, foreign, text="Wrong competency")
    with pytest.raises(ValidationError, match="Write something"):
        services.submit_evidence(cast.enrollment, cast.competencies[0], text="  ")
    with pytest.raises(ValidationError, match="web address"):
        services.submit_evidence(cast.enrollment, cast.competencies[0], video_url="javascript:alert(1)")
    with pytest.raises(ValidationError, match="not a file type"):
        services.submit_evidence(cast.enrollment, cast.competencies[0], upload=pdf("page.html", b"<script>"))
    with pytest.raises(ValidationError, match=r"not really a \.pdf"):
        services.submit_evidence(cast.enrollment, cast.competencies[0], upload=pdf("fake.pdf", b"MZ" + b"\0" * 100))
    settings.PROGRAMS_MAX_EVIDENCE_BYTES = 20
    with pytest.raises(ValidationError, match="at most"):
        services.submit_evidence(cast.enrollment, cast.competencies[0], upload=pdf())
    services.set_enrollment_status(cast.enrollment, "withdrawn")
    with pytest.raises(ValidationError, match="active"):
        services.submit_evidence(cast.enrollment, cast.competencies[0], text="After withdrawing")
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_files_are_stored_under_media_and_served_as_downloads(cast, settings):
    evidence = services.submit_evidence(cast.enrollment, cast.competencies[0], upload=pdf("תכנית.pdf"))
    assert str(settings.MEDIA_ROOT) in evidence.file.path
    response = cast.client("reviewer").get(reverse("programs:evidence_file", args=[evidence.pk, 1]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    assert cast.client("member").get(reverse("programs:evidence_file", args=[evidence.pk, 1])).status_code == 404


@pytest.mark.django_db
def test_a_replaced_file_of_an_unreviewed_revision_is_deleted(cast, django_capture_on_commit_callbacks):
    evidence = services.submit_evidence(cast.enrollment, cast.competencies[0], upload=pdf("first.pdf"))
    old_path = evidence.file.path
    with django_capture_on_commit_callbacks(execute=True):
        services.update_evidence(evidence, text="", upload=pdf("second.pdf"))
    evidence.refresh_from_db()
    assert evidence.file_name == "second.pdf"
    import os

    assert not os.path.exists(old_path) and os.path.exists(evidence.file.path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("participant", 200),
        ("reviewer", 200),
        ("coordinator", 200),
        ("manager", 200),
        ("member", 404),
        ("outsider", 404),
        ("supervisor", 200),  # program staff see its evidence
        ("anonymous", 302),
    ],
)
def test_an_evidence_file_only_through_the_checked_download(cast, name, status):
    evidence = services.submit_evidence(cast.enrollment, cast.competencies[0], upload=pdf("תכנית.pdf"))
    response = cast.client(name).get(reverse("programs:evidence_file", args=[evidence.pk, 1]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        assert "sandbox" in response["Content-Security-Policy"]
    # Whoever asks, the file has no public address.
    assert cast.client(name).get("/media/" + evidence.file.name).status_code == 404


@pytest.mark.django_db
def test_the_admin_shows_evidence_without_linking_its_file(cast, client):
    from tests.factories import UserFactory

    evidence = services.submit_evidence(cast.enrollment, cast.competencies[0], upload=pdf("תכנית.pdf"))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:programs_evidence_change", args=[evidence.pk]))
    assert response.status_code == 200 and evidence.file.name not in response.content.decode()
