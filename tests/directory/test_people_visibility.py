"""Who sees which profile, field and network: every persona, on pages, search and the API."""

import pytest
from django.urls import reverse

# Which of the "home" network's people each persona may see.
SEES_PROFILE = {
    "manager": {"public_person", "network_person", "private_person"},
    "member": {"public_person", "network_person"},
    "outsider": {"public_person"},
    "anonymous": {"public_person"},
}
PEOPLE = ("public_person", "network_person", "private_person")


@pytest.mark.django_db
@pytest.mark.parametrize("subject", PEOPLE)
def test_profile_page_respects_profile_visibility(world, persona, subject):
    person = getattr(world, subject)
    response = world.client(persona).get(reverse("directory:person", args=[person.pk]))
    expected = 200 if subject in SEES_PROFILE[persona] else 404
    assert response.status_code == expected
    if expected == 200:
        assert person.family_name in response.content.decode()


@pytest.mark.django_db
def test_people_search_lists_only_visible_profiles(world, persona):
    response = world.client(persona).get(reverse("directory:people"))
    assert response.status_code == 200
    html = response.content.decode()
    for subject in PEOPLE:
        shown = getattr(world, subject).family_name in html
        assert shown == (subject in SEES_PROFILE[persona]), subject


@pytest.mark.django_db
def test_api_people_list_matches_pages(world, persona):
    response = world.client(persona).get("/api/v1/people?limit=100")
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    for subject in PEOPLE:
        assert (getattr(world, subject).pk in ids) == (subject in SEES_PROFILE[persona]), subject
    assert all("email" not in item and "phone" not in item for item in response.json()["items"])


@pytest.mark.django_db
def test_api_person_detail_hides_fields_by_their_own_visibility(world, persona):
    person = world.network_person
    response = world.client(persona).get(f"/api/v1/people/{person.pk}")
    if "network_person" not in SEES_PROFILE[persona]:
        assert response.status_code == 404
        return
    body = response.json()
    # Email is shown to network members; the phone is private to Nadia herself.
    assert body["email"] == person.email
    assert body["phone"] is None


@pytest.mark.django_db
def test_members_only_network_is_hidden_from_outsiders(world, persona):
    response = world.client(persona).get(reverse("directory:network", args=["home"]))
    assert response.status_code == (200 if persona in ("manager", "member") else 404)
    api = world.client(persona).get("/api/v1/networks/home/members")
    assert api.status_code == (200 if persona in ("manager", "member") else 404)


@pytest.mark.django_db
def test_filtering_by_a_hidden_network_reveals_nobody(world, persona):
    response = world.client(persona).get("/api/v1/people", {"network": world.home.pk})
    ids = {item["id"] for item in response.json()["items"]}
    if persona in ("outsider", "anonymous"):
        # Pnina's profile is public, but that she belongs to "home" is not.
        assert ids == set()
    else:
        assert world.public_person.pk in ids
