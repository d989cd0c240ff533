"""Building a draft survey's questions: edit, delete, move up or down, reorder; the order stays 1, 2, 3…
without gaps; once the survey is sent or answered the questions are locked, in the services themselves;
bad input changes nothing; pages and API under the rules of adding a question, for every persona."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hevruta.programs import services as programs
from hevruta.surveys import queries, services
from hevruta.surveys.models import Question, QuestionKind, Response
from tests.factories import PersonFactory, UserFactory

from .staff import coordinator_client

pytestmark = pytest.mark.django_db

TEXTS = ["I can lead vision into action", "Which subject do you teach?", "What helped?"]


@pytest.fixture
def program(world):  # type: ignore[no-untyped-def]
    program = programs.create_program(world.home, name_en="Leaders", slug="leaders")
    cohort = programs.create_cohort(program, "First", date(2026, 9, 1), date(2027, 6, 30))
    programs.enroll(cohort, PersonFactory(user=UserFactory(email="teacher@example.org"), email="teacher@example.org"))
    return program


@pytest.fixture
def survey(program):  # type: ignore[no-untyped-def]
    survey = services.create_survey(program, title="Self-efficacy")
    services.add_question(survey, kind=QuestionKind.LIKERT, text=TEXTS[0])
    services.add_question(survey, kind=QuestionKind.CHOICE, text=TEXTS[1], choices=["Mathematics", "Arabic"])
    services.add_question(survey, kind=QuestionKind.TEXT, text=TEXTS[2], required=False)
    return survey


@pytest.fixture
def coordinator(program) -> Client:  # type: ignore[no-untyped-def]
    return coordinator_client(program)


def _texts(survey) -> list[str]:  # type: ignore[no-untyped-def]
    return [question.text for question in survey.questions.order_by("order")]


def _orders(survey) -> list[int]:  # type: ignore[no-untyped-def]
    return list(survey.questions.order_by("order").values_list("order", flat=True))


def _question(survey, number: int) -> Question:  # type: ignore[no-untyped-def]
    return survey.questions.get(order=number)


def _snapshot(survey) -> list[tuple]:  # type: ignore[no-untyped-def]
    return list(survey.questions.order_by("order").values_list("pk", "order", "kind", "text", "choices", "required"))


# The services


def test_editing_changes_text_kind_choices_and_required(survey):
    choice = _question(survey, 2)
    services.edit_question(choice, kind=QuestionKind.CHOICE, text=" Which grade? ", choices=["7", " 8 ", ""])
    choice.refresh_from_db()
    assert (choice.text, choice.choices, choice.required) == ("Which grade?", ["7", "8"], True)
    services.edit_question(
        choice, kind=QuestionKind.LIKERT, text="I enjoy teaching", choices=["7", "8"], required=False
    )
    choice.refresh_from_db()
    # A question that is no longer a choice keeps no choices.
    assert (choice.kind, choice.choices, choice.required, choice.order) == (QuestionKind.LIKERT, [], False, 2)


def test_deleting_moves_the_later_questions_up(survey):
    services.delete_question(_question(survey, 1))
    assert _texts(survey) == TEXTS[1:]
    assert _orders(survey) == [1, 2]
    services.add_question(survey, kind=QuestionKind.NUMBER, text="Hours a week")
    assert _orders(survey) == [1, 2, 3]


def test_moving_up_and_down_and_at_the_ends(survey):
    services.move_question(_question(survey, 3), -1)
    assert _texts(survey) == [TEXTS[0], TEXTS[2], TEXTS[1]]
    services.move_question(_question(survey, 1), 1)
    assert _texts(survey) == [TEXTS[2], TEXTS[0], TEXTS[1]]
    services.move_question(_question(survey, 1), -1)  # the first stays first
    services.move_question(_question(survey, 3), 1)  # the last stays last
    assert _texts(survey) == [TEXTS[2], TEXTS[0], TEXTS[1]]
    assert _orders(survey) == [1, 2, 3]


def test_reordering_puts_every_question_in_its_new_place(survey):
    first, second, third = survey.questions.order_by("order")
    services.reorder_questions(survey, [third.pk, first.pk, second.pk])
    assert _texts(survey) == [TEXTS[2], TEXTS[0], TEXTS[1]]
    assert _orders(survey) == [1, 2, 3]


def test_a_bad_order_is_refused_and_nothing_moves(survey, program):
    first, second, third = survey.questions.order_by("order")
    other = services.create_survey(program, title="Another")
    stranger = services.add_question(other, kind=QuestionKind.TEXT, text="Elsewhere")
    before = _snapshot(survey)
    for wrong, says in (
        ([third.pk, first.pk, 999_999], "not questions of this survey: 999999"),
        ([third.pk, first.pk, stranger.pk], f"not questions of this survey: {stranger.pk}"),
        ([third.pk, first.pk], "exactly once"),
        ([third.pk, first.pk, first.pk], "exactly once"),
        ([third.pk, first.pk, second.pk, second.pk], "exactly once"),
    ):
        with pytest.raises(ValidationError, match=says):
            services.reorder_questions(survey, wrong)
        assert _snapshot(survey) == before
    assert _snapshot(other)[0][1:] == (1, QuestionKind.TEXT, "Elsewhere", [], True)


@pytest.mark.parametrize(
    "fields, says",
    [
        ({"kind": QuestionKind.TEXT, "text": "   "}, "Write the question"),
        ({"kind": QuestionKind.CHOICE, "text": "Which?", "choices": ["Only one"]}, "at least two"),
        ({"kind": QuestionKind.CHOICE, "text": "Which?", "choices": []}, "at least two"),
        ({"kind": QuestionKind.CHOICE, "text": "Which?", "choices": ["A", "A "]}, "only once"),
        ({"kind": "slider", "text": "Which?"}, "not known"),
    ],
)
def test_a_bad_question_is_refused_and_nothing_changes(survey, fields, says):
    before = _snapshot(survey)
    with pytest.raises(ValidationError, match=says):
        services.edit_question(_question(survey, 2), **fields)
    with pytest.raises(ValidationError, match=says):
        services.add_question(survey, **fields)
    assert _snapshot(survey) == before


def test_a_question_of_another_survey_is_not_changed_through_this_one(survey, program):
    other = services.create_survey(program, title="Another")
    stranger = services.add_question(other, kind=QuestionKind.TEXT, text="Elsewhere")
    stranger.survey = survey  # as a caller that mixed the two up would pass it
    with pytest.raises(ValidationError, match="not one of the survey's questions"):
        services.delete_question(stranger)
    assert other.questions.count() == 1 and survey.questions.count() == 3


def test_a_sent_survey_locks_its_questions_in_the_services(survey, program):
    services.send(survey, "programs.program", program.pk)
    before = _snapshot(survey)
    first, second, third = survey.questions.order_by("order")
    changes = [
        lambda: services.add_question(survey, kind=QuestionKind.TEXT, text="One more"),
        lambda: services.edit_question(first, kind=QuestionKind.TEXT, text="Changed"),
        lambda: services.delete_question(second),
        lambda: services.move_question(third, -1),
        lambda: services.reorder_questions(survey, [third.pk, second.pk, first.pk]),
    ]
    for change in changes:
        with pytest.raises(ValidationError, match="questions are locked"):
            change()
    assert _snapshot(survey) == before


def test_an_answered_survey_is_locked_even_as_a_draft(survey):
    assert not queries.questions_locked(survey)
    # Only a survey that was sent can be answered; its answers stay when it is copied or restored as a draft.
    Response.objects.create(survey=survey, submitted_on=date(2026, 12, 1))
    assert queries.questions_locked(survey)
    with pytest.raises(ValidationError, match="questions are locked"):
        services.delete_question(_question(survey, 1))
    assert survey.questions.count() == 3


def test_the_database_keeps_places_unique_and_from_one(survey):
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.filter(pk=_question(survey, 3).pk).update(order=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.filter(pk=_question(survey, 3).pk).update(order=1)
    assert _orders(survey) == [1, 2, 3]


@pytest.mark.parametrize("language", ["he", "ar"])
def test_the_locked_message_is_translated(language):
    english = services.questions_locked_message()
    with translation.override(language):
        assert services.questions_locked_message() != english


# The pages


def test_a_coordinator_edits_a_question_on_its_page(survey, coordinator):
    question = _question(survey, 2)
    url = reverse("surveys:question_edit", args=[survey.pk, question.pk])
    page = coordinator.get(url).content.decode()
    assert "Which subject do you teach?" in page and "Mathematics\nArabic" in page
    response = coordinator.post(
        url, {"kind": "choice", "text": "Which subject?", "choices": "Mathematics\nArabic\nHistory", "required": "on"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#question-{question.pk}")
    question.refresh_from_db()
    assert (question.text, question.choices) == ("Which subject?", ["Mathematics", "Arabic", "History"])


def test_bad_input_on_the_pages_says_why_and_changes_nothing(survey, coordinator):
    question = _question(survey, 2)
    before = _snapshot(survey)
    url = reverse("surveys:question_edit", args=[survey.pk, question.pk])
    page = coordinator.post(url, {"kind": "choice", "text": "Which?", "choices": "Only one"}).content.decode()
    assert "at least two" in page
    page = coordinator.post(url, {"kind": "text", "text": ""}).content.decode()
    assert "This field is required" in page
    move = reverse("surveys:question_move", args=[survey.pk, question.pk])
    page = coordinator.post(move, {"direction": "sideways"}, follow=True).content.decode()
    assert "Move a question up or down" in page
    assert _snapshot(survey) == before


def test_moving_and_deleting_on_the_pages(survey, coordinator):
    last = _question(survey, 3)
    coordinator.post(reverse("surveys:question_move", args=[survey.pk, last.pk]), {"direction": "up"})
    assert _texts(survey) == [TEXTS[0], TEXTS[2], TEXTS[1]]
    first = _question(survey, 1)
    delete = reverse("surveys:question_delete", args=[survey.pk, first.pk])
    assert TEXTS[0] in coordinator.get(delete).content.decode()  # asks first
    assert survey.questions.count() == 3
    coordinator.post(delete)
    assert _texts(survey) == [TEXTS[2], TEXTS[1]] and _orders(survey) == [1, 2]


def test_the_survey_page_offers_the_buttons_only_while_questions_may_change(survey, coordinator, program):
    url = reverse("surveys:survey", args=[survey.pk])
    first, _second, third = survey.questions.order_by("order")
    page = coordinator.get(url).content.decode()
    assert reverse("surveys:question_edit", args=[survey.pk, first.pk]) in page
    # The first has no "up", the last no "down": three questions, two of each.
    assert page.count('value="up"') == 2 and page.count('value="down"') == 2
    services.send(survey, "programs.program", program.pk)
    page = coordinator.get(url).content.decode()
    assert "questions are locked" in page
    assert reverse("surveys:question_edit", args=[survey.pk, first.pk]) not in page and 'value="up"' not in page
    # The pages themselves refuse, with the same message, and nothing changes.
    before = _snapshot(survey)
    edit = reverse("surveys:question_edit", args=[survey.pk, first.pk])
    page = coordinator.post(edit, {"kind": "text", "text": "Changed"}, follow=True).content.decode()
    assert "questions are locked" in page
    coordinator.post(reverse("surveys:question_delete", args=[survey.pk, first.pk]))
    coordinator.post(reverse("surveys:question_move", args=[survey.pk, third.pk]), {"direction": "up"})
    assert _snapshot(survey) == before


def test_the_pages_speak_hebrew_and_arabic(survey, coordinator):
    url = reverse("surveys:question_edit", args=[survey.pk, _question(survey, 1).pk])
    for language, heading in (("he", "עריכת השאלה"), ("ar", "تعديل السؤال")):
        coordinator.cookies["django_language"] = language
        page = coordinator.get(url, headers={"accept-language": language}).content.decode()
        assert heading in page


def test_another_surveys_question_is_not_found_through_this_survey(survey, program, coordinator):
    other = services.create_survey(program, title="Another")
    stranger = services.add_question(other, kind=QuestionKind.TEXT, text="Elsewhere")
    for name in ("surveys:question_edit", "surveys:question_delete"):
        assert coordinator.get(reverse(name, args=[survey.pk, stranger.pk])).status_code == 404
    assert coordinator.post(reverse("surveys:question_delete", args=[survey.pk, stranger.pk])).status_code == 404
    assert other.questions.count() == 1


# Every persona, on every page and endpoint. "coordinator" is the program's coordinator.

PAGE = {"coordinator": 200, "manager": 200, "member": 403, "outsider": 404, "anonymous": 302}
API = {"coordinator": 200, "manager": 200, "member": 403, "outsider": 404, "anonymous": 401}


@pytest.fixture(params=["coordinator", "manager", "member", "outsider", "anonymous"])
def someone(request, world, coordinator) -> tuple[str, Client]:  # type: ignore[no-untyped-def]
    name = request.param
    return name, (coordinator if name == "coordinator" else world.client(name))


def _allowed(name: str) -> bool:
    return name in ("coordinator", "manager")


def test_the_edit_page_for_each_persona(survey, someone):
    name, client = someone
    question = _question(survey, 1)
    url = reverse("surveys:question_edit", args=[survey.pk, question.pk])
    assert client.get(url).status_code == PAGE[name]
    response = client.post(url, {"kind": "text", "text": f"Edited by {name}"})
    assert response.status_code == (302 if _allowed(name) else PAGE[name])
    question.refresh_from_db()
    assert (question.text == f"Edited by {name}") is _allowed(name)


def test_the_delete_page_for_each_persona(survey, someone):
    name, client = someone
    url = reverse("surveys:question_delete", args=[survey.pk, _question(survey, 1).pk])
    assert client.get(url).status_code == PAGE[name]
    response = client.post(url)
    assert response.status_code == (302 if _allowed(name) else PAGE[name])
    assert survey.questions.count() == (2 if _allowed(name) else 3)


def test_moving_for_each_persona(survey, someone):
    name, client = someone
    url = reverse("surveys:question_move", args=[survey.pk, _question(survey, 2).pk])
    response = client.post(url, {"direction": "up"})
    assert response.status_code == (302 if _allowed(name) else PAGE[name])
    assert (_texts(survey)[0] == TEXTS[1]) is _allowed(name)
    assert client.get(url).status_code in ((405,) if name != "anonymous" else (302,))


def _api(survey, tail: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/surveys/{survey.pk}/questions{tail}"


def test_the_api_for_each_persona(survey, someone):
    name, client = someone
    ok = _allowed(name)
    first, second, third = survey.questions.order_by("order")
    listed = client.get(_api(survey))
    assert listed.status_code == API[name]
    if ok:
        assert [q["text"] for q in listed.json()["questions"]] == TEXTS and listed.json()["locked"] is False

    added = client.post(_api(survey), {"kind": "number", "text": "Hours a week"}, content_type="application/json")
    assert added.status_code == (201 if ok else API[name])
    edited = client.patch(_api(survey, f"/{first.pk}"), {"text": "Edited"}, content_type="application/json")
    assert edited.status_code == API[name]
    order = [third.pk, second.pk, first.pk] + ([added.json()["id"]] if ok else [])
    moved = client.put(_api(survey, "/order"), {"question_ids": order}, content_type="application/json")
    assert moved.status_code == API[name]
    deleted = client.delete(_api(survey, f"/{second.pk}"))
    assert deleted.status_code == (204 if ok else API[name])

    if ok:
        assert _texts(survey) == [TEXTS[2], "Edited", "Hours a week"] and _orders(survey) == [1, 2, 3]
        assert added.json()["order"] == 4 and edited.json()["kind"] == QuestionKind.LIKERT
    else:
        assert _texts(survey) == TEXTS


def test_the_api_refuses_bad_input_with_its_reason_and_changes_nothing(survey, coordinator, program):
    first, second, third = survey.questions.order_by("order")
    other = services.create_survey(program, title="Another")
    stranger = services.add_question(other, kind=QuestionKind.TEXT, text="Elsewhere")
    before = _snapshot(survey)

    def refused(response, says: str) -> None:  # type: ignore[no-untyped-def]
        assert response.status_code == 400, response.content
        assert says in response.json()["detail"]

    json = "application/json"
    refused(coordinator.patch(_api(survey, f"/{first.pk}"), {"text": "  "}, content_type=json), "Write the question")
    refused(
        coordinator.patch(_api(survey, f"/{second.pk}"), {"choices": ["Only one"]}, content_type=json), "at least two"
    )
    refused(coordinator.post(_api(survey), {"kind": "choice", "text": "Which?"}, content_type=json), "at least two")
    order = {"question_ids": [third.pk, first.pk, stranger.pk]}
    refused(coordinator.put(_api(survey, "/order"), order, content_type=json), "not questions of this survey")
    order = {"question_ids": [third.pk, first.pk, 424_242]}
    refused(coordinator.put(_api(survey, "/order"), order, content_type=json), "not questions of this survey")
    order = {"question_ids": [third.pk, first.pk]}
    refused(coordinator.put(_api(survey, "/order"), order, content_type=json), "exactly once")
    # Another survey's question through this survey's address is not found at all.
    assert coordinator.patch(_api(survey, f"/{stranger.pk}"), {"text": "X"}, content_type=json).status_code == 404
    assert coordinator.delete(_api(survey, f"/{stranger.pk}")).status_code == 404
    assert _snapshot(survey) == before and _snapshot(other)[0][3] == "Elsewhere"


def test_the_api_refuses_to_change_a_sent_survey_in_hebrew_too(survey, coordinator, program):
    services.send(survey, "programs.program", program.pk)
    first = _question(survey, 1)
    before = _snapshot(survey)
    assert coordinator.get(_api(survey)).json()["locked"] is True
    response = coordinator.delete(_api(survey, f"/{first.pk}"))
    assert response.status_code == 400 and "questions are locked" in response.json()["detail"]
    response = coordinator.patch(
        _api(survey, f"/{first.pk}"), {"text": "X"}, content_type="application/json", headers={"accept-language": "he"}
    )
    assert response.status_code == 400
    with translation.override("he"):
        assert response.json()["detail"] == services.questions_locked_message()
    assert _snapshot(survey) == before
