"""Credentials for programs: issued through hevruta.credentials after approval, signed by the program's
issuing organization, aligned to the competencies of its requirements, and verified by the credentials
app's own verifier (and its public page says so)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hevruta.credentials.models import AchievementType, IssuedCredential
from hevruta.credentials.verifier import verify_credential
from hevruta.programs import services
from hevruta.programs.models import CredentialKind, DecisionKind, ProgramCredential

from .test_accreditation import meet_every_requirement

pytestmark = pytest.mark.usefixtures("contexts")


@pytest.mark.django_db
def test_an_approved_accreditation_is_issued_and_verifies(cast):
    with pytest.raises(ValidationError, match="only after the accreditation is approved"):
        services.issue_program_credential(cast.enrollment, CredentialKind.ACCREDITATION)
    meet_every_requirement(cast)
    decision = services.decide(cast.enrollment, DecisionKind.APPROVE, by=cast.coordinator.user)

    link = services.issue_program_credential(
        cast.enrollment, CredentialKind.ACCREDITATION, issued_by=cast.coordinator.user
    )
    credential = IssuedCredential.objects.get(pk=link.credential_id)
    assert (link.decision, credential.issuer, credential.recipient) == (
        decision,
        cast.program.issuing_organization,
        cast.participant,
    )
    assert credential.achievement_type == AchievementType.CERTIFICATION
    document = json.loads(credential.signed_credential)
    verdict = verify_credential(document)
    assert verdict.verified and verdict.status == "valid", verdict.errors

    achievement = document["credentialSubject"]["achievement"]
    role = cast.program.roles.get()
    assert role.name in achievement["name"]
    alignments = {alignment["targetCode"]: alignment for alignment in achievement["alignment"]}
    assert set(alignments) == {item.human_coding_scheme for item in cast.competencies[:2]}
    first = alignments[cast.competencies[0].human_coding_scheme]
    assert first["targetFramework"] == cast.program.framework.title
    assert first["targetUrl"] == cast.competencies[0].uri and first["targetUrl"].startswith("http")
    assert "75%" in achievement["criteria"]["narrative"]

    with pytest.raises(ValidationError, match="already issued"):
        services.issue_program_credential(cast.enrollment, CredentialKind.ACCREDITATION)

    page = cast.client("anonymous").get(reverse("credentials:credential", args=[credential.pk]))
    assert page.status_code == 200 and "Valid." in page.content.decode()


@pytest.mark.django_db
def test_completion_and_competency_credentials(cast):
    with pytest.raises(ValidationError, match="completed the program"):
        services.issue_program_credential(cast.enrollment, CredentialKind.COMPLETION)
    with pytest.raises(ValidationError, match="accepted evidence"):
        services.issue_program_credential(cast.enrollment, CredentialKind.COMPETENCY, competency=cast.competencies[0])
    meet_every_requirement(cast)
    competency = services.issue_program_credential(
        cast.enrollment, CredentialKind.COMPETENCY, competency=cast.competencies[0]
    )
    document = json.loads(competency.credential.signed_credential)
    achievement = document["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Competency"
    assert [a["targetCode"] for a in achievement["alignment"]] == [cast.competencies[0].human_coding_scheme]
    assert verify_credential(document).verified
    services.decide(cast.enrollment, DecisionKind.APPROVE, by=cast.coordinator.user)
    completion = services.issue_program_credential(cast.enrollment, CredentialKind.COMPLETION)
    assert completion.credential.achievement_type == AchievementType.CERTIFICATE
    assert ProgramCredential.objects.filter(enrollment=cast.enrollment).count() == 2


@pytest.mark.django_db
def test_a_revoked_credential_can_be_issued_again(cast):
    from hevruta.credentials.services import revoke_credential

    meet_every_requirement(cast)
    services.decide(cast.enrollment, DecisionKind.APPROVE, by=cast.coordinator.user)
    first = services.issue_program_credential(cast.enrollment, CredentialKind.ACCREDITATION)
    revoke_credential(first.credential, "Issued with a typo in the name.")
    second = services.issue_program_credential(cast.enrollment, CredentialKind.ACCREDITATION)
    assert second.credential_id != first.credential_id


@pytest.mark.django_db
def test_the_decision_page_issues_and_sends_to_the_public_page(cast):
    meet_every_requirement(cast)
    services.decide(cast.enrollment, DecisionKind.APPROVE, by=cast.coordinator.user)
    response = cast.client("coordinator").post(
        reverse("programs:issue_credential", args=[cast.enrollment.pk]), {"kind": "accreditation"}, follow=True
    )
    assert response.status_code == 200
    assert "Valid." in response.content.decode()
    assert ProgramCredential.objects.filter(enrollment=cast.enrollment, kind="accreditation").count() == 1
    # Reviewers and supervisors are staff, but do not issue.
    response = cast.client("reviewer").post(
        reverse("programs:issue_credential", args=[cast.enrollment.pk]), {"kind": "completion"}
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_the_api_issues_for_managers_only(cast):
    meet_every_requirement(cast)
    services.decide(cast.enrollment, DecisionKind.APPROVE, by=cast.coordinator.user)
    url = f"/api/v1/programs/enrollments/{cast.enrollment.pk}/credentials"
    for who, status in (("participant", 403), ("reviewer", 403), ("outsider", 404), ("member", 403)):
        response = cast.client(who).post(url, {"kind": "completion"}, content_type="application/json")
        assert response.status_code == status, who
    response = cast.client("manager").post(url, {"kind": "completion"}, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["kind"] == "completion" and body["url"].endswith(f"/credentials/{body['id']}/")
