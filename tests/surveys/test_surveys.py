"""Surveys: sent to a cohort, answered once, anonymous answers never joined to a person, small groups
never broken down, and a before/after pair's change with its confidence interval known by hand."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hevruta.notifications.models import Notice
from hevruta.programs import services as programs
from hevruta.surveys import results, services
from hevruta.surveys.models import Invitation, QuestionKind, Response
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort_of_seven(world):  # type: ignore[no-untyped-def]
    program = programs.create_program(world.home, name_en="Leaders", slug="leaders")
    first = programs.create_cohort(program, "First", date(2026, 9, 1), date(2027, 6, 30))
    second = programs.create_cohort(program, "Second", date(2026, 9, 1), date(2027, 6, 30))
    people = []
    for number in range(7):
        person = PersonFactory(user=UserFactory(email=f"p{number}@example.org"), email=f"p{number}@example.org")
        programs.enroll(first if number < 5 else second, person)
        people.append(person)
    return program, first, people


def _survey(program, **fields):  # type: ignore[no-untyped-def]
    survey = services.create_survey(program, title="Self-efficacy", **fields)
    services.add_question(survey, kind=QuestionKind.LIKERT, text="I can lead vision into action")
    services.add_question(survey, kind=QuestionKind.TEXT, text="What helped?", required=False)
    return survey


def test_sending_to_the_program_asks_each_participant_once_and_tells_them(cohort_of_seven):
    program, _first, people = cohort_of_seven
    survey = _survey(program)
    assert services.send(survey, "programs.program", program.pk) == 7
    assert services.send(survey, "programs.program", program.pk) == 0
    assert Notice.objects.filter(kind="surveys.sent").count() == 7
    services.answer(survey, people[0], {q.pk: "4" for q in survey.questions.all()})
    assert services.remind(survey) == 6


def test_bad_answers_change_nothing(cohort_of_seven):
    program, _first, people = cohort_of_seven
    survey = _survey(program)
    services.send(survey, "programs.program", program.pk)
    likert = survey.questions.get(kind=QuestionKind.LIKERT)
    for wrong in ("6", "x", ""):
        with pytest.raises(ValidationError):
            services.answer(survey, people[0], {likert.pk: wrong})
    stranger = PersonFactory()
    with pytest.raises(ValidationError):
        services.answer(survey, stranger, {likert.pk: "3"})
    services.answer(survey, people[0], {likert.pk: "3"})
    with pytest.raises(ValidationError):
        services.answer(survey, people[0], {likert.pk: "5"})
    assert Response.objects.count() == 1


def test_an_anonymous_answer_keeps_no_trace_of_its_person(cohort_of_seven):
    program, _first, people = cohort_of_seven
    survey = _survey(program)
    services.send(survey, "programs.program", program.pk)
    likert = survey.questions.get(kind=QuestionKind.LIKERT)
    services.answer(survey, people[3], {likert.pk: "2"})
    response = Response.objects.get()
    assert response.person is None and response.pair_key == ""
    # The invitation knows only that she answered: no time, no link to the response.
    invitation_fields = {field.name for field in Invitation._meta.get_fields()}
    assert not invitation_fields & {"response", "answered_at", "updated_at"}
    assert not hasattr(response, "submitted_at")


def test_fewer_than_five_answers_show_nothing_and_small_groups_are_not_broken_down(cohort_of_seven, world):
    program, _first, people = cohort_of_seven
    survey = _survey(program)
    services.send(survey, "programs.program", program.pk)
    likert = survey.questions.get(kind=QuestionKind.LIKERT)
    for person, value in zip(people[:4], "1234", strict=True):
        services.answer(survey, person, {likert.pk: value})
    (result, _text) = results.question_results(survey)
    assert (result.count, result.shown, result.mean, result.distribution) == (4, False, None, [])
    page = world.client("manager").get(reverse("surveys:survey", args=[survey.pk])).content.decode()
    assert "too few to show" in page and "mean" not in page
    for person in people[4:]:  # the fifth of the first cohort, and both of the second
        services.answer(survey, person, {likert.pk: "5"})
    (result, _text) = results.question_results(survey)
    assert (result.count, result.mean) == (7, pytest.approx(25 / 7, abs=0.01))
    assert result.groups == []  # the second cohort has 2 answers: no breakdown at all


def test_a_before_after_pair_reports_the_change_with_its_interval(cohort_of_seven):
    program, _first, people = cohort_of_seven
    pre = _survey(program)
    post = services.create_survey(program, title="Self-efficacy, after", pre_survey=pre)
    assert [q.text for q in post.questions.all()] == [q.text for q in pre.questions.all()]
    for survey in (pre, post):
        services.send(survey, "programs.program", program.pk)
    before, after = [1, 2, 3, 3, 2, 4], [2, 4, 3, 5, 3, 4]  # changes 1, 2, 0, 2, 1, 0: mean 1, sd 0.894
    for person, pre_value, post_value in zip(people, before, after, strict=False):
        services.answer(pre, person, {pre.questions.get(order=1).pk: str(pre_value)})
        services.answer(post, person, {post.questions.get(order=1).pk: str(post_value)})
    (change,) = results.changes(post)
    # t(5) = 2.571; margin = 2.571 * 0.8944 / sqrt(6) = 0.94
    assert (change.pairs, change.mean_change, change.low, change.high) == (6, 1.0, 0.06, 1.94)
    assert (change.down, change.same, change.up) == (0, 2, 4)
    assert all(response.person is None for response in Response.objects.all())


EXPECTED = {"manager": 200, "member": 403, "outsider": 404, "anonymous": 302}


def test_results_for_each_persona(cohort_of_seven, world, persona):
    program, _first, _people = cohort_of_seven
    survey = _survey(program)
    response = world.client(persona).get(reverse("surveys:survey", args=[survey.pk]))
    assert response.status_code == EXPECTED[persona]


def test_only_an_asked_person_sees_the_answer_page(cohort_of_seven, world, persona):
    program, _first, people = cohort_of_seven
    survey = _survey(program)
    services.send(survey, "programs.program", program.pk)
    response = world.client(persona).get(reverse("surveys:answer", args=[survey.pk]))
    assert response.status_code == (302 if persona == "anonymous" else 404)
    from django.test import Client

    asked = Client()
    asked.force_login(people[0].user)
    page = asked.get(reverse("surveys:answer", args=[survey.pk]))
    assert page.status_code == 200 and "I can lead vision into action" in page.content.decode()
