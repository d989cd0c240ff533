"""The demo programs: Alumot's vision, goals and objectives as document 000 wrote them, the Master Teacher
program with a cohort mid-way, alumni with senior posts taken after the program, issued credentials that
verify; on the full demo and on an empty database alike."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from hevruta.credentials.verifier import verify_credential
from hevruta.directory import demo as directory_demo
from hevruta.mentoring.models import MeetingLog
from hevruta.programs import demo, queries
from hevruta.programs.models import (
    AccreditationDecision,
    DecisionKind,
    Evidence,
    EvidenceStatus,
    Program,
    ProgramCredential,
    RoleAccreditation,
)

pytestmark = pytest.mark.usefixtures("contexts")

VISION = (
    "Developing a cadre of educational leadership in the realm of teacher education – whose members aspire to "
    "reach senior management positions and have the ability to fulfill them."
)
GOAL_3 = "A solid, unified alumni network that works across sectors to strengthen the teacher-education system"
OBJECTIVE_2_3 = (
    "Creating a broader and deeper perspective of the world of teacher education through exposure to education "
    "systems outside of Israel, noting similarities and differences"
)


def check_the_demo() -> None:
    alumot = Program.objects.get(slug="alumot")
    assert alumot.vision.startswith(VISION) and alumot.vision_language == "en"
    assert (alumot.name_he, alumot.name_en) == ("תוכנית עלומות", "Alumot program")
    goals = list(alumot.goals.order_by("order"))
    assert [goal.language for goal in goals] == ["en", "en", "en"]
    assert goals[2].text == GOAL_3
    assert [goal.objectives.count() for goal in goals] == [3, 3, 3]
    assert goals[1].objectives.order_by("order")[2].text == OBJECTIVE_2_3
    assert "silos-each college and organization on its own" in alumot.description
    figures = queries.alumni_figures(alumot)
    assert figures.alumni >= 20 and figures.senior_after >= 3 and figures.senior_now >= figures.senior_after

    master = Program.objects.get(slug="master-teacher")
    current = master.cohorts.order_by("-start_date").first()
    today = timezone.localdate()
    assert current.start_date < today < current.end_date  # mid-way
    now = timezone.now()
    assert current.sessions.filter(ends_at__lt=now).exists() and current.sessions.filter(starts_at__gt=now).exists()
    states = set(Evidence.objects.filter(enrollment__cohort=current).values_list("status", flat=True))
    assert states == {EvidenceStatus.SUBMITTED, EvidenceStatus.RETURNED, EvidenceStatus.ACCEPTED}
    assert MeetingLog.objects.filter(relationship__program=master, relationship__kind="supervision").count() >= 6
    assert master.staff.filter(role="supervisor").exists()
    approved = AccreditationDecision.objects.get(enrollment__cohort__program=master, decision=DecisionKind.APPROVE)
    assert all(row["met"] for row in approved.progress)
    assert RoleAccreditation.objects.filter(decision=approved).count() == 2
    assert AccreditationDecision.objects.filter(decision=DecisionKind.DEFER).exclude(reason="").exists()
    links = list(ProgramCredential.objects.filter(enrollment=approved.enrollment))
    assert {link.kind for link in links} == {"accreditation", "completion", "competency"}
    for link in links:
        assert verify_credential(json.loads(link.credential.signed_credential)).status == "valid"


@pytest.mark.django_db
def test_the_demo_on_an_empty_database():
    summary = demo.load_programs_demo()
    assert summary.credentials == 3 and summary.notes == []
    check_the_demo()
    again = demo.load_programs_demo()
    assert "already there" in again.notes[0]
    assert Program.objects.count() == 2


@pytest.mark.django_db
def test_the_demo_on_the_directory_demo():
    directory_demo.load_demo()
    demo.load_programs_demo()
    check_the_demo()
    master = Program.objects.get(slug="master-teacher")
    current = master.cohorts.order_by("-start_date").first()
    # The demo's teacher works toward accreditation in the current cohort, with evidence in every state.
    teacher = current.enrollments.get(person__email=demo.TEACHER_EMAIL)
    assert set(teacher.evidence.values_list("status", flat=True)) == {"submitted", "returned", "accepted"}
    assert master.staff.get(role="coordinator").person.email == demo.MANAGER_EMAIL
    arabic = Program.objects.get(slug="alumot").cohorts.get(name="מחזור ג׳")
    assert arabic.enrollments.filter(person__email=demo.ARABIC_MEMBER_EMAIL).exists()
    from django.test import Client

    from hevruta.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=demo.TEACHER_EMAIL))
    assert client.get(reverse("programs:mine")).status_code == 200
    client.force_login(User.objects.get(email=demo.MANAGER_EMAIL))
    assert client.get(reverse("programs:decision", args=[teacher.pk])).status_code == 200
    client.force_login(User.objects.get(email=demo.ALUMOT_EMAIL))
    page = client.get(reverse("programs:program", args=["alumot"])).content.decode()
    assert "trailblazing a change in teacher education" in page


@pytest.mark.django_db
def test_the_outcomes_demo_names_the_master_teacher_supervisor_who_signs_in_and_reads_but_does_not_name():
    from django.contrib.auth import get_user_model
    from django.test import Client

    from hevruta.insights.models import ReportReader
    from hevruta.outcomes.demo import SUPERVISOR_EMAIL, load_outcomes_demo

    directory_demo.load_demo()
    demo.load_programs_demo()
    load_outcomes_demo()
    supervisor = get_user_model().objects.get(email=SUPERVISOR_EMAIL)
    assert ReportReader.objects.get().person.user == supervisor and supervisor.check_password("hevruta-demo")
    readers_page = "/insights/program/master-teacher/readers/"
    client = Client()
    client.force_login(supervisor)
    assert client.get("/insights/program/master-teacher/").status_code == 200
    assert client.get(readers_page).status_code == 403
    client.force_login(get_user_model().objects.get(email=demo.MANAGER_EMAIL))
    page = client.get(readers_page)
    assert supervisor.person.full_name in page.content.decode().split('id="named-readers"')[1]
