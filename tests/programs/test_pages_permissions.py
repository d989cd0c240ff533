"""Every programs page and form with the four personas and the program's own roles.

The program is in the members-only network "home": the network's manager runs it (admin rights come with
managing the network), its coordinator too (rights from the program's staff table), reviewers and
supervisors are staff, the participant takes part; members of "home" see the program but not who takes
part; the outsider and visitors are not told it exists (404). Signed-out visitors of a signed-in page are
sent to log in (302).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hevruta.mentoring.services import record_supervision
from hevruta.programs import services
from hevruta.programs.models import DecisionKind

from .conftest import EVERYONE

M, MEMBER, OUT, ANON = "manager", "member", "outsider", "anonymous"
COORD, REV, SUP, PART = "coordinator", "reviewer", "supervisor", "participant"
STAFF = (M, COORD, REV, SUP)
MANAGERS = (M, COORD)
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def things(cast):  # type: ignore[no-untyped-def]
    evidence = services.submit_evidence(
        cast.enrollment,
        cast.competencies[0],
        text="I facilitated a community meeting on fractions.",
        upload=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
    )
    meeting = record_supervision(
        cast.supervisor, cast.participant, program=cast.program, date=cast.cohort.start_date, hours=2,
        summary="Confidential: worked on asking better questions.",
    )  # fmt: skip
    services.decide(cast.enrollment, DecisionKind.DEFER, reason="Not yet: attendance and evidence are missing.")
    return {
        "slug": cast.program.slug,
        "cohort": cast.cohort.pk,
        "session": cast.sessions[2].pk,
        "enrollment": cast.enrollment.pk,
        "evidence": evidence.pk,
        "meeting": meeting.pk,
        "relationship": meeting.relationship_id,
        "home": "home",
        "goal": cast.program.goals.first().pk,
        "objective": cast.program.goals.first().objectives.first().pk,
        "requirement": cast.program.requirements.first().pk,
    }


def expected(table: dict, who: str) -> int:
    for key, status in table.items():
        if who == key or (isinstance(key, tuple) and who in key):
            return status
    return table["*"]


SEEN = {(M, MEMBER, COORD, REV, SUP, PART): 200, "*": 404}
SIGNED_IN = {ANON: 302, "*": 200}
MANAGE_FORM = {MANAGERS: 200, (MEMBER, REV, SUP, PART): 403, ANON: 302, "*": 404}

GET_PAGES = [
    ("programs:list", [], {"*": 200}),
    ("programs:program", ["slug"], SEEN),
    ("programs:alumni", ["slug"], SEEN),
    ("programs:cohort", ["cohort"], SEEN),
    ("programs:session", ["session"], SEEN),
    ("programs:mine", [], SIGNED_IN),
    ("programs:reviews", [], SIGNED_IN),
    # Supervision is mentoring's (docs/architecture.md); its old addresses lead there.
    ("programs:supervision", [], {"*": 302}),
    ("programs:supervision_create", [], {"*": 302}),
    ("programs:supervision_meeting", ["meeting"], {"*": 302}),
    ("programs:supervision_edit", ["meeting"], {"*": 302}),
    ("mentoring:supervision", [], SIGNED_IN),
    ("mentoring:supervision_create", [], {SUP: 200, ANON: 302, "*": 403}),
    ("mentoring:supervision_meeting", ["meeting"], {(SUP, PART): 302, ANON: 302, "*": 404}),
    # Program staff see the supervision relationship's activity (never the notes: the test below).
    ("mentoring:relationship", ["relationship"], {(PART, *STAFF): 200, ANON: 302, "*": 404}),
    (
        "mentoring:meeting_edit",
        ["relationship", "meeting"],
        {SUP: 200, (PART, M, COORD, REV): 403, ANON: 302, "*": 404},
    ),
    ("programs:evidence", ["evidence"], {(PART, *STAFF): 200, ANON: 302, "*": 404}),
    ("programs:evidence_file", ["evidence", 1], {(PART, *STAFF): 200, ANON: 302, "*": 404}),
    ("programs:evidence_edit", ["evidence"], {PART: 200, STAFF: 403, ANON: 302, "*": 404}),
    ("programs:evidence_create", ["enrollment"], {PART: 200, (MEMBER, *STAFF): 403, ANON: 302, "*": 404}),
    ("programs:decision", ["enrollment"], {STAFF: 200, (MEMBER, PART): 403, ANON: 302, "*": 404}),
    ("programs:create", ["home"], {M: 200, MEMBER: 403, ANON: 302, "*": 404}),
    ("programs:program_edit", ["slug"], MANAGE_FORM),
    ("programs:goal_add", ["slug"], MANAGE_FORM),
    ("programs:objective_add", ["slug"], MANAGE_FORM),
    ("programs:staff_add", ["slug"], MANAGE_FORM),
    ("programs:requirement_add", ["slug"], MANAGE_FORM),
    ("programs:cohort_create", ["slug"], MANAGE_FORM),
    ("programs:cohort_edit", ["cohort"], MANAGE_FORM),
    ("programs:session_create", ["cohort"], MANAGE_FORM),
    ("programs:enroll", ["cohort"], MANAGE_FORM),
    ("programs:assignment_create", ["cohort"], MANAGE_FORM),
]


def _url(name: str, args: list, things: dict) -> str:
    return reverse(name, args=[things[arg] if isinstance(arg, str) else arg for arg in args])


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args", "table"), GET_PAGES, ids=[f"{page[0]}" for page in GET_PAGES])
def test_pages(cast, things, name, args, table):
    url = _url(name, args, things)
    for who in EVERYONE:
        response = cast.client(who).get(url)
        assert response.status_code == expected(table, who), (who, url, response.status_code)


@pytest.mark.django_db
def test_participants_are_listed_for_staff_and_participants_only(cast, things):
    url = reverse("programs:cohort", args=[cast.cohort.pk])
    for who in EVERYONE:
        response = cast.client(who).get(url)
        if who in (OUT, ANON):
            assert response.status_code == 404
            continue
        shown = "Participant" in response.content.decode()
        assert shown == (who in (*STAFF, PART)), who


@pytest.mark.django_db
def test_the_session_code_is_shown_to_staff_and_check_in_to_participants(cast, things):
    url = reverse("programs:session", args=[cast.sessions[2].pk])
    code = cast.sessions[2].check_in_code
    for who in (*STAFF, MEMBER, PART):
        page = cast.client(who).get(url).content.decode()
        assert (code in page) == (who in STAFF), who
        assert ('name="code"' in page) == (who == PART), who


@pytest.mark.django_db
def test_supervision_notes_never_reach_program_staff(cast, things):
    notes = "Confidential: worked on asking better questions."
    for who in EVERYONE:
        client = cast.client(who)
        meeting_page = reverse("mentoring:relationship", args=[things["relationship"]])
        pages = [
            reverse("mentoring:supervision"),
            reverse("programs:decision", args=[cast.enrollment.pk]),
            meeting_page,
        ]
        for url in pages:
            body = client.get(url).content.decode()
            assert (notes in body) == (who in (SUP, PART) and url == meeting_page), (who, url)


@pytest.mark.django_db
def test_decisions_with_who_decided_are_for_staff_the_outcome_for_the_participant(cast, things):
    reason = "Not yet: attendance and evidence are missing."
    mine = cast.client(PART).get(reverse("programs:mine")).content.decode()
    assert reason in mine
    for who in (MEMBER, REV, SUP, M, COORD):
        assert reason not in cast.client(who).get(reverse("programs:mine")).content.decode(), who
    decision_page = reverse("programs:decision", args=[cast.enrollment.pk])
    for who in STAFF:
        assert reason in cast.client(who).get(decision_page).content.decode()


def _post(client, name, args, things, data=None):  # type: ignore[no-untyped-def]
    return client.post(_url(name, args, things), data or {})


POSTS = [
    ("programs:attendance", ["session"], {}, {STAFF: 302, (MEMBER, PART): 403, ANON: 302, "*": 404}),
    ("programs:renew_code", ["session"], {}, {STAFF: 302, (MEMBER, PART): 403, ANON: 302, "*": 404}),
    ("programs:check_in", ["session"], {"code": "WRONG1"}, {PART: 302, (MEMBER, *STAFF): 403, ANON: 302, "*": 404}),
    (
        "programs:evidence_review",
        ["evidence"],
        {"decision": "return", "comments": "More, please."},
        {(M, COORD, REV): 302, (SUP, PART): 403, ANON: 302, "*": 404},
    ),
    (
        "programs:decision",
        ["enrollment"],
        {"decision": "defer", "reason": "Wait."},
        {MANAGERS: 302, (REV, SUP, MEMBER, PART): 403, ANON: 302, "*": 404},
    ),
    (
        "programs:issue_credential",
        ["enrollment"],
        {"kind": "accreditation"},
        {MANAGERS: 302, (REV, SUP, MEMBER, PART): 403, ANON: 302, "*": 404},
    ),
    (
        "programs:staff_remove",
        ["slug", 999999],
        {},
        {MANAGERS: 404, (MEMBER, REV, SUP, PART): 403, ANON: 302, "*": 404},
    ),
    ("programs:goal_remove", ["slug", "goal"], {}, {MANAGERS: 302, (MEMBER, REV, SUP, PART): 403, ANON: 302, "*": 404}),
    (
        "programs:objective_remove",
        ["slug", "objective"],
        {},
        {MANAGERS: 302, (MEMBER, REV, SUP, PART): 403, ANON: 302, "*": 404},
    ),
    (
        "programs:requirement_remove",
        ["slug", "requirement"],
        {},
        {MANAGERS: 302, (MEMBER, REV, SUP, PART): 403, ANON: 302, "*": 404},
    ),
    (
        "programs:enrollment_status",
        ["cohort", "enrollment"],
        {"status": "withdrawn"},
        {MANAGERS: 302, (MEMBER, REV, SUP, PART): 403, ANON: 302, "*": 404},
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args", "data", "table"), POSTS, ids=[post[0] for post in POSTS])
def test_actions(cast, things, name, args, data, table, who):
    response = _post(cast.client(who), name, args, things, data)
    assert response.status_code == expected(table, who), (who, response.status_code)


@pytest.mark.django_db
def test_manage_forms_write_through_the_services(cast, things):
    client = cast.client(COORD)
    slug = cast.program.slug
    assert (
        client.post(reverse("programs:goal_add", args=[slug]), {"text": "A third goal", "language": "en"}).status_code
        == 302
    )
    assert cast.program.goals.filter(text="A third goal").exists()
    response = client.post(
        reverse("programs:staff_add", args=[slug]), {"person": cast.world.member.email, "role": "instructor"}
    )
    assert response.status_code == 302
    assert cast.program.staff.filter(person=cast.world.member, role="instructor").exists()
    response = client.post(
        reverse("programs:session_create", args=[cast.cohort.pk]),
        {"kind": "seminar", "title": "Extra seminar", "starts_at": "2030-01-01T10:00", "ends_at": "2030-01-01T09:00"},
    )
    assert response.status_code == 200  # ends before it starts: the form says so
    assert "A session ends after it starts." in response.content.decode()
    response = client.post(reverse("programs:enroll", args=[cast.cohort.pk]), {"person": "nobody@example.org"})
    assert "Nobody in the directory has this email address." in response.content.decode()
