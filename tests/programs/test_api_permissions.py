"""Every programs endpoint with the four personas and the program's roles, as an API client calls it:
with a personal token (anonymous: no header). Hidden answers 404, seen-but-not-allowed 403, and a signed-in
endpoint without credentials 401."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hevruta.accounts.services import create_api_token
from hevruta.mentoring.services import record_supervision
from hevruta.programs import services
from hevruta.programs.models import DecisionKind

from .conftest import EVERYONE

M, MEMBER, OUT, ANON = "manager", "member", "outsider", "anonymous"
COORD, REV, SUP, PART = "coordinator", "reviewer", "supervisor", "participant"
STAFF = (M, COORD, REV, SUP)
MANAGERS = (M, COORD)
SEEN = {(M, MEMBER, COORD, REV, SUP, PART): 200, "*": 404}


def token_client(cast, who: str) -> Client:
    user = cast.user(who)
    if user is None:
        return Client()
    _token, secret = create_api_token(user, "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def expected(table: dict, who: str) -> int:
    for key, status in table.items():
        if who == key or (isinstance(key, tuple) and who in key):
            return status
    return table["*"]


@pytest.fixture
def ids(cast):  # type: ignore[no-untyped-def]
    evidence = services.submit_evidence(cast.enrollment, cast.competencies[0], text="Shown in class")
    meeting = record_supervision(
        cast.supervisor, cast.participant, program=cast.program, date=cast.cohort.start_date, hours=1, summary="Private"
    )
    services.decide(cast.enrollment, DecisionKind.DEFER, reason="Attendance first.", by=cast.coordinator.user)
    return {
        "program": cast.program.pk,
        "cohort": cast.cohort.pk,
        "session": cast.sessions[2].pk,
        "enrollment": cast.enrollment.pk,
        "evidence": evidence.pk,
        "meeting": meeting.pk,
        "person": cast.participant.pk,
    }


SIGNED_IN = {ANON: 401, "*": 200}
READS = [
    ("/programs/{program}", SEEN),
    ("/programs/{program}/cohorts", SEEN),
    ("/programs/{program}/alumni", SEEN),
    ("/programs/{program}/alumni/figures", SEEN),
    ("/programs/cohorts/{cohort}", SEEN),
    ("/programs/cohorts/{cohort}/sessions", SEEN),
    ("/programs/sessions/{session}", SEEN),
    ("/programs/cohorts/{cohort}/participants", {(*STAFF, PART): 200, MEMBER: 403, ANON: 401, "*": 404}),
    ("/programs/sessions/{session}/attendance", {STAFF: 200, (MEMBER, PART): 403, ANON: 401, "*": 404}),
    ("/programs/enrollments/{enrollment}/progress", {(*STAFF, PART): 200, MEMBER: 403, ANON: 401, "*": 404}),
    ("/programs/enrollments/{enrollment}/decisions", {(*STAFF, PART): 200, MEMBER: 403, ANON: 401, "*": 404}),
    ("/programs/evidence", SIGNED_IN),
    ("/programs/evidence?scope=review", SIGNED_IN),
    ("/programs/evidence/{evidence}", {(*STAFF, PART): 200, ANON: 401, "*": 404}),
    ("/programs/supervision", SIGNED_IN),
    ("/programs/supervision/{meeting}", {(SUP, PART): 200, ANON: 401, "*": 404}),
    ("/programs/people/{person}/accreditations", {PART: 200, "*": 404}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "table"), READS, ids=[read[0] for read in READS])
def test_reads(cast, ids, path, table):
    url = "/api/v1" + path.format(**ids)
    for who in EVERYONE:
        response = token_client(cast, who).get(url)
        assert response.status_code == expected(table, who), (who, url, response.status_code)


@pytest.mark.django_db
def test_what_each_one_reads(cast, ids):
    listing = {who: token_client(cast, who).get("/api/v1/programs").json()["items"] for who in EVERYONE}
    for who, items in listing.items():
        assert ([item["id"] for item in items] == [cast.program.pk]) == (who not in (OUT, ANON)), who
    for who in (*STAFF, MEMBER, PART):
        sessions = token_client(cast, who).get(f"/api/v1/programs/cohorts/{cast.cohort.pk}/sessions").json()
        assert (sessions[0]["check_in_code"] is not None) == (who in STAFF), who
    decisions = f"/api/v1/programs/enrollments/{cast.enrollment.pk}/decisions"
    assert token_client(cast, COORD).get(decisions).json()[0]["decided_by"] == "Carmel Coordinator"
    own = token_client(cast, PART).get(decisions).json()[0]
    assert (own["decision"], own["reason"], own["decided_by"]) == ("defer", "Attendance first.", None)
    for who in EVERYONE:
        if who == ANON:
            continue
        items = token_client(cast, who).get("/api/v1/programs/evidence").json()["items"]
        assert ([item["id"] for item in items] == [ids["evidence"]]) == (who in (*STAFF, PART)), who
        queue = token_client(cast, who).get("/api/v1/programs/evidence?scope=review").json()["items"]
        assert (len(queue) == 1) == (who in (M, COORD, REV)), who


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


WRITES = [
    ("post", "/programs", lambda c: {"network": "home", "name_en": "New"}, {M: 201, MEMBER: 403, ANON: 401, "*": 404}),
    (
        "post",
        "/programs/{program}/cohorts",
        lambda c: {"name": "B", "start_date": "2030-09-01", "end_date": "2031-06-30"},
        {MANAGERS: 201, (MEMBER, REV, SUP, PART): 403, ANON: 401, "*": 404},
    ),
    (
        "post",
        "/programs/cohorts/{cohort}/participants",
        lambda c: {"person_id": c.world.member.pk},
        {MANAGERS: 201, (MEMBER, REV, SUP, PART): 403, ANON: 401, "*": 404},
    ),
    (
        "post",
        "/programs/cohorts/{cohort}/sessions",
        lambda c: {"title": "Extra", "starts_at": "2030-01-01T10:00:00Z", "ends_at": "2030-01-01T12:00:00Z"},
        {MANAGERS: 201, (MEMBER, REV, SUP, PART): 403, ANON: 401, "*": 404},
    ),
    (
        "put",
        "/programs/sessions/{session}/attendance",
        lambda c: {"marks": [{"person_id": c.participant.pk, "present": True}]},
        {STAFF: 200, (MEMBER, PART): 403, ANON: 401, "*": 404},
    ),
    (
        "post",
        "/programs/evidence/{evidence}/reviews",
        lambda c: {"decision": "return", "comments": "Add a transcript."},
        {(M, COORD, REV): 201, (SUP, PART): 403, ANON: 401, "*": 404},
    ),
    (
        "post",
        "/programs/supervision",
        lambda c: {"supervisee_id": c.participant.pk, "program_id": c.program.pk, "date": "2025-01-01", "hours": 1},
        {SUP: 201, ANON: 401, OUT: 404, "*": 403},
    ),
    (
        "post",
        "/programs/sessions/{session}/check-in",
        lambda c: {"code": "WRONG1"},
        {PART: 400, (*STAFF, MEMBER): 403, ANON: 401, "*": 404},
    ),
    (
        "post",
        "/programs/enrollments/{enrollment}/decisions",
        lambda c: {"decision": "defer", "reason": "Not yet."},
        {MANAGERS: 201, (REV, SUP, MEMBER, PART): 403, ANON: 401, "*": 404},
    ),
    (
        "post",
        "/programs/enrollments/{enrollment}/decisions",
        lambda c: {"decision": "approve"},
        {MANAGERS: 400, (REV, SUP, MEMBER, PART): 403, ANON: 401, "*": 404},
    ),
    (
        "post",
        "/programs/enrollments/{enrollment}/credentials",
        lambda c: {"kind": "accreditation"},
        {MANAGERS: 400, (REV, SUP, MEMBER, PART): 403, ANON: 401, "*": 404},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "body", "table"), WRITES, ids=[f"{w[0]} {w[1]} {i}" for i, w in enumerate(WRITES)]
)
def test_writes(cast, ids, who, method, path, body, table):
    url = "/api/v1" + path.format(**ids)
    response = getattr(token_client(cast, who), method)(url, body(cast), content_type="application/json")
    assert response.status_code == expected(table, who), (who, response.status_code, response.content[:300])


@pytest.mark.django_db
def test_evidence_is_submitted_and_revised_by_its_author_only(cast, ids, who):
    client = token_client(cast, who)
    submit = client.post(
        f"/api/v1/programs/enrollments/{cast.enrollment.pk}/evidence",
        {"competency_id": cast.competencies[1].pk, "text": "From the API", "file": _pdf()},
    )
    revise = client.post(f"/api/v1/programs/evidence/{ids['evidence']}/revisions", {"text": "Revised"})
    statuses = (submit.status_code, revise.status_code)
    assert statuses == expected(
        {PART: (201, 201), STAFF: (403, 403), MEMBER: (403, 404), ANON: (401, 401), "*": (404, 404)}, who
    ), who
    if who == PART:
        assert submit.json()["file_name"] == "plan.pdf"
        assert revise.json()["revisions"][0]["text"] == "Revised"


@pytest.mark.django_db
def test_the_openapi_document_describes_the_programs_endpoints(cast):
    document = Client().get("/api/v1/openapi.json").json()
    paths = document["paths"]
    for path in (
        "/api/v1/programs",
        "/api/v1/programs/{program_id}",
        "/api/v1/programs/{program_id}/alumni/figures",
        "/api/v1/programs/sessions/{session_id}/check-in",
        "/api/v1/programs/evidence/{evidence_id}/reviews",
        "/api/v1/programs/supervision",
        "/api/v1/programs/enrollments/{enrollment_id}/decisions",
        "/api/v1/programs/enrollments/{enrollment_id}/credentials",
    ):
        assert path in paths, path


@pytest.mark.django_db
def test_out_of_range_ids_are_refused_not_crashed(cast):
    client = token_client(cast, M)
    assert client.get(f"/api/v1/programs/{2**64}").status_code == 422
    assert client.get("/api/v1/programs/0").status_code == 422
    assert client.get("/api/v1/programs/999999").status_code == 404
