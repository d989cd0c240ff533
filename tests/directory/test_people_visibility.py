"""Who sees which profile, field and network: every persona, on pages, search, the API, exports and counts.

A private profile is "only me": nobody else sees it, a network's managers included. Every side door
(search, lists, organization pages, member lists, exports, counts) is checked, not only the profile page.
"""

import csv
import io
import re

import pytest
from django.urls import reverse

from hevruta.directory.models import Visibility
from tests.factories import OrganizationFactory, PersonFactory, PositionFactory, member

# Which of the "home" network's people each persona may see.
SEES_PROFILE = {
    "manager": {"public_person", "network_person"},
    "member": {"public_person", "network_person"},
    "outsider": {"public_person"},
    "anonymous": {"public_person"},
}
PEOPLE = ("public_person", "network_person", "private_person")


def _shown(html: str, world, subject: str) -> bool:
    return getattr(world, subject).family_name in html


@pytest.mark.django_db
@pytest.mark.parametrize("subject", PEOPLE)
def test_profile_page_respects_profile_visibility(world, persona, subject):
    person = getattr(world, subject)
    response = world.client(persona).get(reverse("directory:person", args=[person.pk]))
    expected = 200 if subject in SEES_PROFILE[persona] else 404
    assert response.status_code == expected
    if expected == 200:
        assert person.family_name in response.content.decode()
    else:
        assert person.family_name not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("subject", PEOPLE)
def test_api_person_detail_respects_profile_visibility(world, persona, subject):
    person = getattr(world, subject)
    response = world.client(persona).get(f"/api/v1/people/{person.pk}")
    if subject in SEES_PROFILE[persona]:
        assert response.status_code == 200
        assert response.json()["family_name"] == person.family_name
    else:
        assert response.status_code == 404
        assert response.json() == {"detail": "No such person, or the profile is not shown to you."}


@pytest.mark.django_db
def test_people_search_lists_only_visible_profiles(world, persona):
    response = world.client(persona).get(reverse("directory:people"))
    assert response.status_code == 200
    html = response.content.decode()
    for subject in PEOPLE:
        assert _shown(html, world, subject) == (subject in SEES_PROFILE[persona]), subject


@pytest.mark.django_db
def test_searching_a_private_name_finds_nobody(world, persona):
    for url in (reverse("directory:people") + "?q=Private", "/api/v1/people?q=Private"):
        response = world.client(persona).get(url)
        assert response.status_code == 200
        assert "Pazit" not in response.content.decode()
    assert world.client(persona).get("/api/v1/people?q=Private").json() == {"items": [], "count": 0}


@pytest.mark.django_db
def test_api_people_list_and_count_match_pages(world, persona):
    response = world.client(persona).get("/api/v1/people?limit=100")
    assert response.status_code == 200
    body = response.json()
    ids = {item["id"] for item in body["items"]}
    for subject in PEOPLE:
        assert (getattr(world, subject).pk in ids) == (subject in SEES_PROFILE[persona]), subject
    # The count is of visible people only: it does not betray how many are hidden.
    assert body["count"] == len(body["items"])
    assert all("email" not in item and "phone" not in item for item in body["items"])


@pytest.mark.django_db
def test_network_member_lists_never_show_private_profiles(world, persona):
    page = world.client(persona).get(reverse("directory:network", args=["home"]))
    api = world.client(persona).get("/api/v1/networks/home/members?limit=100")
    if persona in ("outsider", "anonymous"):
        assert page.status_code == api.status_code == 404
        return
    html = page.content.decode()
    ids = {item["id"] for item in api.json()["items"]}
    for subject in PEOPLE:
        expected = subject in SEES_PROFILE[persona]
        assert _shown(html, world, subject) == expected, subject
        assert (getattr(world, subject).pk in ids) == expected, subject
    assert api.json()["count"] == len(ids) == 4  # the manager, the member, Pnina and Nadia


@pytest.mark.django_db
def test_organization_pages_show_only_visible_people(world, persona):
    school = OrganizationFactory(name="Makif Alef")
    for subject in PEOPLE:
        PositionFactory(person=getattr(world, subject), organization=school, title="Teacher")
    response = world.client(persona).get(reverse("directory:organization", args=[school.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for subject in PEOPLE:
        assert _shown(html, world, subject) == (subject in SEES_PROFILE[persona]), subject
    api = world.client(persona).get(f"/api/v1/people?organization={school.pk}")
    ids = {item["id"] for item in api.json()["items"]}
    assert ids == {getattr(world, subject).pk for subject in SEES_PROFILE[persona]}


@pytest.mark.django_db
def test_the_managers_export_leaves_out_private_profiles_and_hidden_fields(world):
    world.public_person.phone = "03-5555555"
    world.public_person.phone_visibility = Visibility.PUBLIC
    world.public_person.save()
    private = world.private_person
    private.phone = "02-6666666"
    private.phone_visibility = Visibility.PUBLIC
    private.save()
    response = world.client("manager").get(reverse("directory:network_export", args=["home", "csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_family = {cells[1]: cells for cells in rows[1:]}
    assert set(by_family) == {"Manager", "Member", "Public", "Networked"}
    # Nadia shows her email to her networks and her phone to nobody.
    assert by_family["Networked"][2] == world.network_person.email
    assert by_family["Networked"][3] == ""
    assert "050-1234567" not in response.content.decode("utf-8-sig")
    assert by_family["Public"][3] == "03-5555555"
    assert "Pazit" not in response.content.decode("utf-8-sig")
    assert "02-6666666" not in response.content.decode("utf-8-sig")


@pytest.mark.django_db
def test_contact_fields_follow_their_own_visibility(world, persona):
    """Nadia: email to her networks, phone to nobody; Pnina: a public profile, email public, phone network."""
    pnina = world.public_person
    pnina.email_visibility = Visibility.PUBLIC
    pnina.phone = "04-7777777"
    pnina.phone_visibility = Visibility.NETWORK
    pnina.save()
    client = world.client(persona)
    in_home = persona in ("manager", "member")

    page = client.get(reverse("directory:person", args=[pnina.pk])).content.decode()
    api = client.get(f"/api/v1/people/{pnina.pk}").json()
    assert pnina.email in page
    assert api["email"] == pnina.email
    assert ("04-7777777" in page) == in_home
    assert api["phone"] == ("04-7777777" if in_home else None)

    nadia = world.network_person
    response = client.get(reverse("directory:person", args=[nadia.pk]))
    if not in_home:
        assert response.status_code == 404
        return
    assert nadia.email in response.content.decode()
    assert "050-1234567" not in response.content.decode()
    api = client.get(f"/api/v1/people/{nadia.pk}").json()
    assert (api["email"], api["phone"]) == (nadia.email, None)


@pytest.mark.django_db
def test_one_sees_ones_own_private_profile_and_fields(world):
    me = world.member
    me.profile_visibility = Visibility.PRIVATE
    me.phone = "052-1111111"
    me.phone_visibility = Visibility.PRIVATE
    me.email_visibility = Visibility.PRIVATE
    me.save()
    mine = world.client("member").get(f"/api/v1/people/{me.pk}").json()
    assert (mine["email"], mine["phone"]) == (me.email, "052-1111111")
    page = world.client("member").get(reverse("directory:person", args=[me.pk])).content.decode()
    assert "052-1111111" in page
    # The "edit my profile" button (the menu links there too, so the button's own markup is matched).
    assert f'class="btn btn-outline-primary" href="{reverse("directory:my_profile")}"' in page
    # The manager of Mira's network sees neither the profile nor her in the member list.
    assert world.client("manager").get(f"/api/v1/people/{me.pk}").status_code == 404
    members = world.client("manager").get("/api/v1/networks/home/members").json()
    assert me.pk not in {item["id"] for item in members["items"]}


@pytest.mark.django_db
def test_members_only_network_is_hidden_from_outsiders(world, persona):
    insiders = persona in ("manager", "member")
    client = world.client(persona)
    assert client.get(reverse("directory:network", args=["home"])).status_code == (200 if insiders else 404)
    assert client.get("/api/v1/networks/home").status_code == (200 if insiders else 404)
    assert client.get("/api/v1/networks/home/members").status_code == (200 if insiders else 404)
    listed = {item["slug"] for item in client.get("/api/v1/networks").json()["items"]}
    assert ("home" in listed) == insiders
    assert "away" in listed
    networks_page = client.get(reverse("directory:networks")).content.decode()
    assert (world.home.name in networks_page) == insiders
    # Nor is it named on the profile of a public member of it.
    profile = client.get(reverse("directory:person", args=[world.public_person.pk])).content.decode()
    assert (world.home.name in profile) == insiders
    api = client.get(f"/api/v1/people/{world.public_person.pk}").json()
    assert ("home" in api["networks"]) == insiders
    # Nor in the people page's network filter.
    people_page = client.get(reverse("directory:people")).content.decode()
    network_select = re.search(r'<select name="network".*?</select>', people_page, re.S)
    assert network_select is not None
    assert (world.home.name in network_select.group()) == insiders
    assert world.away.name in network_select.group()


@pytest.mark.django_db
def test_filtering_by_a_hidden_network_reveals_nobody(world, persona):
    response = world.client(persona).get("/api/v1/people", {"network": world.home.pk})
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    page = world.client(persona).get(reverse("directory:people"), {"network": world.home.pk})
    assert page.status_code == 200
    if persona in ("outsider", "anonymous"):
        # Pnina's profile is public, but that she belongs to "home" is not.
        assert ids == set()
        assert response.json()["count"] == 0
        assert "Pnina" not in page.content.decode()
    else:
        assert ids == {world.manager.pk, world.member.pk, world.public_person.pk, world.network_person.pk}
        assert "Pnina" in page.content.decode()


@pytest.mark.django_db
def test_network_visibility_reaches_people_of_every_shared_network(world):
    """A network-visible person in "away" is seen by the outsider (shares "away"), not by "home"'s member."""
    colleague = PersonFactory(given_name="Amal", family_name="Away", profile_visibility=Visibility.NETWORK)
    member(world.away, colleague)
    assert world.client("outsider").get(f"/api/v1/people/{colleague.pk}").status_code == 200
    assert world.client("member").get(f"/api/v1/people/{colleague.pk}").status_code == 404
    assert world.client("manager").get(f"/api/v1/people/{colleague.pk}").status_code == 404


@pytest.mark.django_db
def test_the_site_operator_sees_everyone(world):
    from tests.factories import UserFactory

    operator = UserFactory(is_superuser=True, is_staff=True)
    from django.test import Client

    client = Client()
    client.force_login(operator)
    assert client.get(f"/api/v1/people/{world.private_person.pk}").status_code == 200
    assert client.get("/api/v1/networks/home").status_code == 200
