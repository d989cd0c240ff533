"""The demo: the four networks of the seed documents, its logins, and its pages."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from hevruta.directory import demo
from hevruta.directory.models import Network, NetworkKind, Organization, Person, Position, PositionRole

NETWORK_NAMES = {
    "advanced-teaching": "הרשת המקצועית של המכון להוראה מתקדמת במתמטיקה ובמדעים",
    "education-cities": "רשת ערים מחנכות",
    "promentors": "פרומנטורס – השותפים בישראל",
    "alumot": "רשת בוגרי עלומות",
}


@pytest.fixture
def loaded(db):  # type: ignore[no-untyped-def]
    return demo.load_demo()


def test_the_four_networks_with_their_names_and_members(loaded):
    networks = {network.slug: network for network in Network.objects.all()}
    assert {slug: network.name for slug, network in networks.items()} == NETWORK_NAMES
    assert networks["education-cities"].name_en == "Education Cities Network"
    assert networks["education-cities"].kind == NetworkKind.MUNICIPAL
    assert all(network.description and network.description_language == "he" for network in networks.values())
    assert not networks["alumot"].is_public
    assert 200 <= Person.objects.count() <= 1000
    for network in networks.values():
        assert network.memberships.count() >= 25, network.slug
        assert network.member_organizations.count() >= 5, network.slug


def test_member_organizations_are_those_of_the_documents(loaded):
    def members(slug):  # type: ignore[no-untyped-def]
        return set(Organization.objects.filter(network_links__network__slug=slug).values_list("name_en", flat=True))

    cities = members("education-cities")
    for name in ("Bat Yam", "Hadera", "Jerusalem", "Yeruham", "Nof HaGalil", "Netanya", "TOPAZ", "Education Cities"):
        assert any(name in member for member in cities), name
    for council in ("Golan", "Upper Galilee", "Lower Galilee", "Menashe", "Emek HaMaayanot", "Central Arava"):
        assert f"{council} Regional Council" in cities
    promentors = members("promentors")
    assert {
        "Seminar HaKibbutzim College",
        "Kaye Academic College of Education",
        "Levinsky College of Education",
        "Ministry of Education",
        "Holon Municipality",
        "Ramat Gan Municipality",
        "Rakefet Kindergarten, Holon",
    } <= promentors
    alumot = members("alumot")
    assert {"Al-Qasemi Academic College of Education", "Sakhnin Academic College for Teacher Education"} <= alumot
    institute = members("advanced-teaching")
    assert {"Weizmann Institute of Science", "Trump Foundation", "Ministry of Education"} <= institute
    assert Organization.objects.filter(network_links__network__slug="advanced-teaching", kind="school").count() >= 20


def test_people_hold_the_roles_of_the_documents(loaded):
    institute_roles = set(
        Position.objects.filter(person__memberships__network__slug="advanced-teaching").values_list("role", flat=True)
    )
    assert {
        PositionRole.SUBJECT_COORDINATOR,
        PositionRole.INSTRUCTOR,
        PositionRole.COMMUNITY_FACILITATOR,
        PositionRole.PEDAGOGIC_SUPERVISOR,
        PositionRole.SENIOR_TEACHER,
    } <= institute_roles
    teacher = Person.objects.get(email="teacher@hevruta.example")
    current = teacher.positions.get(end_date__isnull=True)
    assert current.role == PositionRole.SUBJECT_COORDINATOR
    assert current.organization.locality.cbs_code == 831  # Yeruham
    assert teacher.subjects.get().slug == "mathematics"
    alumni = Position.objects.filter(person__memberships__network__slug="alumot")
    assert alumni.filter(is_senior=True, end_date__isnull=True).exists()
    assert alumni.filter(end_date__isnull=False).exists()
    assert Person.objects.filter(languages__code="ar").count() >= 30
    assert Person.objects.filter(strengths__isnull=False).distinct().count() >= 200
    assert {"public", "network", "private"} <= set(Person.objects.values_list("profile_visibility", flat=True))


def test_every_demo_login_can_sign_in(loaded):
    for login in demo.DEMO_LOGINS:
        client = Client()
        assert client.login(email=login.email, password=demo.DEMO_PASSWORD), login.email
        assert EmailAddress.objects.get(email=login.email).verified
    assert Person.objects.get(email="admin@hevruta.example").user.is_superuser
    manager = Person.objects.get(email="manager@hevruta.example")
    assert set(manager.memberships.filter(role="manager").values_list("network__slug", flat=True)) == {
        "advanced-teaching",
        "education-cities",
    }


def test_every_demo_page_renders_for_a_manager(loaded):
    client = Client()
    client.login(email="manager@hevruta.example", password=demo.DEMO_PASSWORD)
    teacher = Person.objects.get(email="teacher@hevruta.example")
    pages = [
        reverse("core:home"),
        reverse("directory:people"),
        reverse("directory:person", args=[teacher.pk]),
        reverse("directory:networks"),
        reverse("directory:organizations"),
        reverse("directory:organization", args=[teacher.positions.first().organization_id]),
        reverse("directory:localities"),
        reverse("directory:locality", args=[teacher.locality_id]),
        *(reverse("directory:network", args=[slug]) for slug in NETWORK_NAMES if slug != "alumot"),
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert "שירה" in client.get(reverse("directory:person", args=[teacher.pk])).content.decode()
    # Alumot is members-only: its manager sees it, this manager does not.
    assert client.get(reverse("directory:network", args=["alumot"])).status_code == 404
    client.login(email="alumot@hevruta.example", password=demo.DEMO_PASSWORD)
    assert client.get(reverse("directory:network", args=["alumot"])).status_code == 200


@pytest.mark.django_db
def test_the_command_loads_once_and_if_empty_respects_other_networks():
    Network.objects.create(name="רשת אחרת", slug="other")
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert Network.objects.count() == 1
    call_command("load_demo", stdout=out)
    assert Network.objects.count() == 5
    people = Person.objects.count()
    call_command("load_demo", stdout=out)
    assert Person.objects.count() == people
    logins = io.StringIO()
    call_command("demo_logins", "--url", "http://example.test:8000/", stdout=logins)
    assert "http://example.test:8000/" in logins.getvalue()
    assert all(login.email in logins.getvalue() for login in demo.DEMO_LOGINS)
    assert demo.DEMO_PASSWORD in logins.getvalue()
