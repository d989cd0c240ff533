"""Events in a real Chromium over real HTTP: a member waits for a seat at a full event and is offered
the one another participant frees; an organizer checks people in on a phone; a participant who reads
Arabic downloads her certificate, whose text is her name in logical order."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from hevruta.directory.models import MembershipRole
from hevruta.events import services
from hevruta.events.models import Attendance, Registration, RegistrationStatus
from tests.factories import NetworkFactory, PersonFactory, UserFactory, member

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _person(network, email: str, given: str, family: str, language: str = "", role: str = MembershipRole.MEMBER):  # type: ignore[no-untyped-def]
    user = UserFactory(email=email, password=PASSWORD, language=language)
    person = PersonFactory(user=user, email=email, given_name=given, family_name=family)
    member(network, person, role)
    return person


def _event(network, organizer, starts_at, **fields):  # type: ignore[no-untyped-def]
    data = services.EventInput(
        title=fields.pop("title", "מפגש השיתוף והלמידה"),
        kind="meeting",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        **fields,
    )
    return services.create_event(data, by=organizer, network=network, publish=True)


def _log_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def _click(page, test_id: str) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.get_by_test_id(test_id).click()


@pytest.fixture
def network(transactional_db):  # type: ignore[no-untyped-def]
    return NetworkFactory(name="רשת ערים מחנכות", name_ar="شبكة المدن التربوية", slug="cities")


def test_a_member_waits_and_is_offered_the_seat_another_frees(page, browser, live_server, network, console):  # type: ignore[no-untyped-def]
    organizer = _person(network, "organizer@example.org", "Dana", "Organizer", role=MembershipRole.MANAGER)
    holder = _person(network, "holder@example.org", "Hila", "Holder")
    waiting = _person(network, "waiting@example.org", "Mira", "Member")
    event = _event(network, organizer, timezone.now() + timedelta(days=10), capacity=1)
    services.register(event, holder)  # the one seat is taken

    page.set_default_timeout(30_000)  # two browsers share the machine
    _log_in(page, waiting.email)
    page.goto(f"/events/{event.pk}/")
    _click(page, "register")
    assert page.get_by_test_id("my-status").inner_text().strip() == "On the waitlist"

    # The one with the seat cancels it, in a browser of her own.
    other = browser.new_context(base_url=live_server.url, locale="en-US")
    holder_page = other.new_page()
    holder_page.set_default_timeout(30_000)
    _log_in(holder_page, holder.email)
    holder_page.goto(f"/events/{event.pk}/")
    _click(holder_page, "cancel")
    other.close()

    # The member is offered the seat: the bell says so, its notice names the event, the page asks to confirm.
    page.goto("/")
    assert page.locator("#notice-bell-count .badge").first.inner_text().strip() == "2"
    page.goto("/notifications/")
    assert f"A seat freed at {event.title}" in page.content()
    page.goto(f"/events/{event.pk}/")
    assert page.get_by_test_id("my-status").inner_text().strip() == "A seat is offered to you"
    _click(page, "confirm")
    assert page.get_by_test_id("my-status").inner_text().strip() == "Registered"
    assert Registration.objects.get(event=event, person=waiting).status == RegistrationStatus.CONFIRMED
    assert console.csp_violations() == []


def test_an_organizer_checks_people_in_on_a_phone(browser, live_server, network, console):  # type: ignore[no-untyped-def]
    organizer = _person(network, "organizer@example.org", "Dana", "Organizer", role=MembershipRole.MANAGER)
    people = [_person(network, f"p{n}@example.org", "Participant", f"Number {n}") for n in range(3)]
    # It starts in ten minutes: check-in opened twenty minutes ago.
    event = _event(network, organizer, timezone.now() + timedelta(minutes=10))
    for person in people:
        services.register(event, person)

    phone = browser.new_context(
        base_url=live_server.url, locale="en-US", viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    page.set_default_timeout(30_000)
    page.on("console", lambda message: message.type == "error" and console.errors.append(message.text))
    _log_in(page, organizer.email)
    page.goto(f"/events/{event.pk}/")
    _click(page, "participants-link")
    buttons = page.get_by_test_id("mark-present")
    assert buttons.count() == 3
    # One tap per person; each button fits the screen and is big enough for a thumb.
    for _ in range(2):
        box = buttons.first.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 40
        with page.expect_navigation():
            buttons.first.tap()
    assert page.get_by_test_id("present").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than the phone
    phone.close()
    present = set(Attendance.objects.filter(event=event, present=True).values_list("person_id", flat=True))
    assert present == {people[0].pk, people[1].pk}
    assert console.csp_violations() == []


def test_a_participant_reading_arabic_downloads_her_certificate(browser, live_server, network, console):  # type: ignore[no-untyped-def]
    organizer = _person(network, "organizer@example.org", "Dana", "Organizer", role=MembershipRole.MANAGER)
    salma = _person(network, "salma@example.org", "سلمى", "خطيب", language="ar")
    held = timezone.now() - timedelta(days=3)
    event = _event(network, organizer, held, title="لقاء التعلّم المشترك")
    services.register(event, salma, now=held - timedelta(days=7))
    services.mark_present(event, salma, by=organizer.user, now=held)

    context = browser.new_context(base_url=live_server.url, locale="en-US", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("console", lambda message: message.type == "error" and console.errors.append(message.text))
    _log_in(page, salma.email)
    page.goto(f"/events/{event.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"  # her language, Arabic
    with page.expect_download() as download:
        page.get_by_test_id("certificate-link").click()
    pdf = download.value.path().read_bytes()
    context.close()

    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 1
    assert "سلمى خطيب" in text  # in logical order, as she would type it
    assert "لقاء التعلّم المشترك" in text
    assert "شبكة المدن التربوية" in text  # the organizing network, by its Arabic name
    assert console.csp_violations() == []
