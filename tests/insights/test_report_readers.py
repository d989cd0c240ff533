"""The readers a manager (or a program's coordinator) names for the monthly report: people of the
directory who may see the scope, checked when named and again before each sending; once each."""

import json
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from hevruta.directory.models import MembershipRole
from hevruta.insights import services
from hevruta.insights.models import ReportReader
from hevruta.insights.monthly import send_monthly_reports
from hevruta.programs import services as programs
from hevruta.programs.models import StaffRole
from tests.factories import PersonFactory, UserFactory, member

TODAY = date(2026, 12, 3)


@pytest.fixture
def program(world):  # type: ignore[no-untyped-def]
    program = programs.create_program(world.home, name_en="Leaders", name_ar="قادة", slug="leaders")
    coordinator = PersonFactory(user=UserFactory(email="coordinator@example.org"))
    programs.add_staff(program, coordinator, StaffRole.COORDINATOR)
    supervisor = PersonFactory(user=UserFactory(email="supervisor@example.org"))
    programs.add_staff(program, supervisor, StaffRole.SUPERVISOR)
    program.coordinator, program.supervisor = coordinator, supervisor
    return program


def _post(client, url, person_id):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps({"person_id": person_id}), content_type="application/json")


@pytest.mark.django_db
def test_a_named_reader_receives_the_report_once_and_not_after_losing_sight(world, program):
    services.name_report_reader(program.coordinator.user, program, program.supervisor.pk)
    # A second manager named by the first: one email, as manager.
    second = PersonFactory(user=UserFactory(email="second@example.org"))
    member(world.home, second, MembershipRole.MANAGER)
    services.name_report_reader(world.manager.user, world.home, second.pk)
    assert send_monthly_reports(TODAY) == 4
    sent = sorted((message.to[0], message.attachments[0][0]) for message in mail.outbox)
    assert sent == [
        ("coordinator@example.org", "program-leaders-2026-11.pdf"),
        ("manager@example.org", "network-home-2026-11.pdf"),
        ("second@example.org", "network-home-2026-11.pdf"),
        ("supervisor@example.org", "program-leaders-2026-11.pdf"),
    ]
    # Checked again before each sending: a reader who is no longer staff receives nothing.
    from hevruta.programs.models import ProgramStaff

    ProgramStaff.objects.filter(person=program.supervisor).delete()
    mail.outbox.clear()
    send_monthly_reports(date(2027, 1, 2))
    assert "supervisor@example.org" not in {message.to[0] for message in mail.outbox}


@pytest.mark.django_db
def test_naming_refuses_the_unknown_the_unseeing_the_duplicate_and_who_does_not_manage(world, program):
    with pytest.raises(ValidationError, match="No such person"):
        services.name_report_reader(world.manager.user, world.home, 999_999)
    with pytest.raises(ValidationError, match="may not see"):  # a member does not see the network's dashboard
        services.name_report_reader(world.manager.user, world.home, world.member.pk)
    services.name_report_reader(program.coordinator.user, program, program.supervisor.pk)
    with pytest.raises(ValidationError, match="already receives"):
        services.name_report_reader(program.coordinator.user, program, program.supervisor.pk)
    for persona in ("member", "outsider"):
        with pytest.raises(PermissionDenied):
            services.name_report_reader(world.user(persona), world.home, world.manager.pk)
    assert ReportReader.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("persona, status", [("manager", 201), ("member", 403), ("outsider", 404), ("anonymous", 401)])
def test_the_network_endpoints_answer_only_its_managers(world, persona, status):
    second = PersonFactory(user=UserFactory(email="second@example.org"))
    member(world.home, second, MembershipRole.MANAGER)
    client = world.client(persona)
    url = "/api/v1/insights/networks/home/report-readers"
    assert _post(client, url, second.pk).status_code == status
    listed = client.get(url)
    if status != 201:
        assert listed.status_code == status and not ReportReader.objects.exists()
        return
    assert [row["person_id"] for row in listed.json()] == [second.pk]
    assert _post(client, url, second.pk).status_code == 400  # a duplicate
    assert _post(client, url, world.member.pk).status_code == 400  # may not see
    assert client.delete(f"{url}/{second.pk}").status_code == 204
    assert client.get(url).json() == []
    assert client.delete(f"{url}/{second.pk}").status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona, status", [("coordinator", 201), ("manager", 201), ("member", 403), ("outsider", 404), ("anonymous", 401)]
)
def test_the_program_endpoints_answer_only_who_runs_it(world, program, persona, status):
    client = world.client(persona) if persona != "coordinator" else _logged_in(program.coordinator.user)
    url = f"/api/v1/insights/programs/{program.pk}/report-readers"
    assert _post(client, url, program.supervisor.pk).status_code == status
    assert ReportReader.objects.count() == (1 if status == 201 else 0)
    if status == 201:
        assert client.get(url).json()[0]["person_id"] == program.supervisor.pk
        assert client.delete(f"{url}/{program.supervisor.pk}").status_code == 204


def _logged_in(user):  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


# The page of readers, reached from the dashboard by those who run the scope.


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona, status",
    [
        ("coordinator", 200),
        ("manager", 200),
        ("supervisor", 403),
        ("member", 403),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_the_readers_page_answers_only_who_runs_the_program(world, program, persona, status):
    client = _client_of(world, program, persona)
    url = f"/insights/program/{program.slug}/readers/"
    assert client.get(url).status_code == status
    response = client.post(url, {"action": "name", "person": program.supervisor.pk})
    assert ReportReader.objects.exists() == (status == 200)
    if status != 200:
        assert response.status_code == status
        return
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    named = page.split('id="named-readers"')[1].split("</table>")[0]
    assert program.supervisor.full_name in named


@pytest.mark.django_db
def test_the_page_lists_who_receives_it_and_who_may_be_named(world, program):
    client = _logged_in(program.coordinator.user)
    url = f"/insights/program/{program.slug}/readers/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    own = page.split('id="own-readers"')[1].split("</ul>")[0]
    nameable = page.split('id="name-reader"')[1].split("</form>")[0]
    assert program.coordinator.full_name in own and program.coordinator.full_name not in nameable
    # The program's staff of every role and its network's managers; never a member who may not see it.
    assert program.supervisor.full_name in nameable and world.manager.full_name in nameable
    assert world.member.full_name not in page and world.outsider.full_name not in page
    client.post(url, {"action": "name", "person": program.supervisor.pk})
    nameable = client.get(url).content.decode().split('id="name-reader"')[1].split("</form>")[0]
    assert program.supervisor.full_name not in nameable


@pytest.mark.django_db
def test_a_refusal_is_told_in_the_readers_language_and_changes_nothing(world, program):
    client = _logged_in(program.coordinator.user)
    url = f"/insights/program/{program.slug}/readers/"
    refused = client.post(url, {"action": "name", "person": world.member.pk}, HTTP_ACCEPT_LANGUAGE="he", follow=True)
    assert "אינו רשאי לראות" in refused.content.decode()
    assert not ReportReader.objects.exists()
    for bad in ({"action": "name", "person": "x"}, {"action": "erase", "person": program.supervisor.pk}, {}):
        page = client.post(url, bad, HTTP_ACCEPT_LANGUAGE="en", follow=True).content.decode()
        assert "Choose a person to name or to remove." in page
    assert not ReportReader.objects.exists()
    gone = client.post(
        url, {"action": "remove", "person": program.supervisor.pk}, HTTP_ACCEPT_LANGUAGE="en", follow=True
    )
    assert "does not receive the monthly report" in gone.content.decode()


@pytest.mark.django_db
def test_removing_a_reader_stops_the_report_and_the_network_page_says_nobody_else_may_be_named(world, program):
    services.name_report_reader(program.coordinator.user, program, program.supervisor.pk)
    client = _logged_in(program.coordinator.user)
    client.post(f"/insights/program/{program.slug}/readers/", {"action": "remove", "person": program.supervisor.pk})
    assert not ReportReader.objects.exists()
    page = world.client("manager").get("/insights/network/home/readers/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="nobody-to-name"' in page and world.manager.full_name in page.split('id="own-readers"')[1]


@pytest.mark.django_db
def test_the_dashboard_links_to_the_readers_only_for_who_runs_it(world, program):
    link = f"/insights/program/{program.slug}/readers/"
    assert link in _logged_in(program.coordinator.user).get(f"/insights/program/{program.slug}/").content.decode()
    supervisor_page = _logged_in(program.supervisor.user).get(f"/insights/program/{program.slug}/")
    assert supervisor_page.status_code == 200 and link not in supervisor_page.content.decode()


def _client_of(world, program, persona):  # type: ignore[no-untyped-def]
    if persona in ("coordinator", "supervisor"):
        return _logged_in(getattr(program, persona).user)
    return world.client(persona)
