"""Change person by person: only in a before/after pair that is not anonymous, only for those who see
the survey's results, nobody listed while fewer than five answered both, and the numbers known by hand."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from hevruta.programs import services as programs
from hevruta.surveys import queries, services
from hevruta.surveys.models import QuestionKind
from tests.factories import PersonFactory, UserFactory

from .staff import coordinator_client

pytestmark = pytest.mark.django_db

# Six people; the sixth answers only the before survey, so five answered both.
BEFORE = [("2", "10"), ("3", "4"), ("4", "7"), ("1", "5"), ("5", "8"), ("3", "3")]
AFTER = [("4", "12"), ("3", "6"), ("3", "7.5"), ("4", "5"), ("5", "6")]


@pytest.fixture
def program(world):  # type: ignore[no-untyped-def]
    program = programs.create_program(world.home, name_en="Leaders", slug="leaders")
    cohort = programs.create_cohort(program, "First", date(2026, 9, 1), date(2027, 6, 30))
    for number in range(6):
        person = PersonFactory(
            user=UserFactory(email=f"p{number}@example.org"),
            email=f"p{number}@example.org",
            given_name=f"P{number}",
            family_name="Teacher",
        )
        programs.enroll(cohort, person)
    return program


def _pair(program, *, pre_anonymous=False, post_anonymous=False, answered=5):  # type: ignore[no-untyped-def]
    pre = services.create_survey(program, title="Before", is_anonymous=pre_anonymous)
    services.add_question(pre, kind=QuestionKind.LIKERT, text="I can lead vision into action")
    services.add_question(pre, kind=QuestionKind.NUMBER, text="Hours a week of peer learning")
    services.add_question(pre, kind=QuestionKind.TEXT, text="What helped?", required=False)
    post = services.create_survey(program, title="After", pre_survey=pre, is_anonymous=post_anonymous)
    people = [enrollment.person for enrollment in program.cohorts.get().enrollments.order_by("person__given_name")]
    for survey, rows in ((pre, BEFORE), (post, AFTER[:answered])):
        services.send(survey, "programs.program", program.pk)
        questions = list(survey.questions.order_by("order"))
        for person, (likert, number) in zip(people, rows, strict=False):
            services.answer(survey, person, {questions[0].pk: likert, questions[1].pk: number})
    return post, people


_coordinator = coordinator_client


def _api(pk: int) -> str:
    return f"/api/v1/surveys/{pk}/changes-by-person"


def test_each_persons_change_is_right_and_sorted_by_change(program):
    post, _people = _pair(program)
    likert, number = queries.person_changes(post)
    assert (likert.pairs, likert.shown, number.pairs) == (5, True, 5)
    # Likert: P0 2→4 (+2), P1 3→3 (0), P2 4→3 (−1), P3 1→4 (+3), P4 5→5 (0); greatest gain first.
    assert [(r.name, r.before, r.after, r.change) for r in likert.rows] == [
        ("P3 Teacher", 1, 4, 3),
        ("P0 Teacher", 2, 4, 2),
        ("P1 Teacher", 3, 3, 0),
        ("P4 Teacher", 5, 5, 0),
        ("P2 Teacher", 4, 3, -1),
    ]
    assert [(r.name, float(r.change)) for r in number.rows] == [
        ("P0 Teacher", 2.0),
        ("P1 Teacher", 2.0),
        ("P2 Teacher", 0.5),
        ("P3 Teacher", 0.0),
        ("P4 Teacher", -2.0),
    ]
    page = _coordinator(program).get(reverse("surveys:person_changes", args=[post.pk])).content.decode()
    assert "P3 Teacher" in page and "+3" in page and "P5 Teacher" not in page  # P5 answered only before


def test_the_api_gives_the_same_numbers(program):
    post, _people = _pair(program)
    body = _coordinator(program).get(_api(post.pk)).json()
    first = body["questions"][0]["people"][0]
    assert (first["name"], first["before"], first["after"], first["change"]) == ("P3 Teacher", 1.0, 4.0, 3.0)
    assert [q["order"] for q in body["questions"]] == [1, 2]  # the free-text question is not listed


def test_fewer_than_five_who_answered_both_show_nobody(program):
    post, _people = _pair(program, answered=4)
    likert, _number = queries.person_changes(post)
    assert (likert.pairs, likert.shown, likert.rows) == (4, False, [])
    coordinator = _coordinator(program)
    page = coordinator.get(reverse("surveys:person_changes", args=[post.pk])).content.decode()
    assert "too few to show" in page and "Teacher" not in page.split("</nav>", 1)[1]
    assert all(question["people"] == [] for question in coordinator.get(_api(post.pk)).json()["questions"])


@pytest.mark.parametrize("pre_anonymous,post_anonymous", [(True, True), (True, False), (False, True)])
def test_an_anonymous_survey_is_never_listed_by_person(program, pre_anonymous, post_anonymous):
    post, _people = _pair(program, pre_anonymous=pre_anonymous, post_anonymous=post_anonymous)
    coordinator = _coordinator(program)
    assert queries.person_changes(post) == []
    assert coordinator.get(reverse("surveys:person_changes", args=[post.pk])).status_code == 404
    assert coordinator.get(_api(post.pk)).status_code == 404
    results = coordinator.get(reverse("surveys:survey", args=[post.pk])).content.decode()
    assert reverse("surveys:person_changes", args=[post.pk]) not in results


def test_the_results_page_links_to_it(program):
    post, _people = _pair(program)
    results = _coordinator(program).get(reverse("surveys:survey", args=[post.pk])).content.decode()
    assert reverse("surveys:person_changes", args=[post.pk]) in results


PAGE = {"manager": 200, "member": 403, "outsider": 404, "anonymous": 302}
API = {"manager": 200, "member": 403, "outsider": 404, "anonymous": 401}


def test_each_persona(program, world, persona):
    post, _people = _pair(program)
    client = world.client(persona)
    assert client.get(reverse("surveys:person_changes", args=[post.pk])).status_code == PAGE[persona]
    assert client.get(_api(post.pk)).status_code == API[persona]


def test_a_participant_sees_nobodys_change(program):
    post, people = _pair(program)
    participant = Client()
    participant.force_login(people[0].user)
    assert participant.get(reverse("surveys:person_changes", args=[post.pk])).status_code in (403, 404)
    assert participant.get(_api(post.pk)).status_code in (403, 404)
