"""Every directory page with each of the four personas: the status code and what the page shows.

"home" is members-only: its manager manages it, its member sees it, the outsider and the anonymous
visitor must not learn it exists (404, never 403). "away" is public, and nobody here manages it.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hevruta.core.jobs.models import Job
from hevruta.directory.models import Person, RosterImport, Visibility
from tests.directory.rosters import check_now, csv_bytes, directory_counts, row, run_queued_jobs
from tests.factories import LocalityFactory, OrganizationFactory, PositionFactory

LOGIN = "/accounts/login/"


def _is_login_redirect(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


# Pages that anyone may read, logged in or not.
@pytest.mark.django_db
def test_people_page(world, persona):
    response = world.client(persona).get(reverse("directory:people"))
    assert response.status_code == 200
    assert "Pnina Public" in response.content.decode()


@pytest.mark.django_db
def test_people_page_answers_htmx_with_the_results_only(world, persona):
    response = world.client(persona).get(reverse("directory:people"), {"q": "Pnina"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="people-results"')
    assert "<html" not in html
    assert "Pnina Public" in html


@pytest.mark.django_db
def test_organizations_pages(world, persona):
    locality = LocalityFactory(name_he="ירוחם", name_en="Yeroham")
    school = OrganizationFactory(name="Ofek Junior High", locality=locality)
    PositionFactory(person=world.public_person, organization=school, title="Math coordinator")
    client = world.client(persona)
    listing = client.get(reverse("directory:organizations"))
    assert listing.status_code == 200
    assert "Ofek Junior High" in listing.content.decode()
    page = client.get(reverse("directory:organization", args=[school.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ofek Junior High" in html
    assert "Pnina Public" in html
    assert "Math coordinator" in html
    assert client.get(reverse("directory:organization", args=[999_999])).status_code == 404


@pytest.mark.django_db
def test_localities_pages(world, persona):
    locality = LocalityFactory(name_he="ירוחם", name_en="Yeroham", population=11_000)
    OrganizationFactory(name="Ofek Junior High", locality=locality)
    client = world.client(persona)
    # Found by any of its names, shown in the reader's language.
    listing = client.get(reverse("directory:localities"), {"q": "ירוח"}, HTTP_ACCEPT_LANGUAGE="he")
    assert listing.status_code == 200
    assert "ירוחם" in listing.content.decode()
    english = client.get(reverse("directory:localities"), {"q": "ירוח"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Yeroham" in english.content.decode()
    page = client.get(reverse("directory:locality", args=[locality.pk]))
    assert page.status_code == 200
    assert "Ofek Junior High" in page.content.decode()
    assert "11000" in page.content.decode()
    assert client.get(reverse("directory:locality", args=[999_999])).status_code == 404


@pytest.mark.django_db
def test_networks_page(world, persona):
    response = world.client(persona).get(reverse("directory:networks"))
    assert response.status_code == 200
    html = response.content.decode()
    assert world.away.name in html
    assert (world.home.name in html) == (persona in ("manager", "member"))


@pytest.mark.django_db
def test_network_page(world, persona):
    client = world.client(persona)
    home = client.get(reverse("directory:network", args=["home"]))
    away = client.get(reverse("directory:network", args=["away"]))
    assert away.status_code == 200
    # Omar shows his profile to his networks: of the personas, only he shares "away" with himself.
    assert ("Omar Outsider" in away.content.decode()) == (persona == "outsider")
    if persona in ("manager", "member"):
        assert home.status_code == 200
        assert "Mira Member" in home.content.decode()
    else:
        assert home.status_code == 404
        assert world.home.name not in home.content.decode()
    # Only the manager is offered the manager's tools.
    export_link = reverse("directory:network_export", args=["home", "csv"])
    assert (export_link in home.content.decode()) == (persona == "manager")
    assert client.get(reverse("directory:network", args=["no-such-network"])).status_code == 404


# The profile editor.
@pytest.mark.django_db
def test_my_profile_page(world, persona):
    response = world.client(persona).get(reverse("directory:my_profile"))
    if persona == "anonymous":
        assert _is_login_redirect(response)
        return
    assert response.status_code == 200
    person = getattr(world, persona)
    assert f'value="{person.given_name}"' in response.content.decode()


@pytest.mark.django_db
def test_my_profile_post_changes_only_my_own_profile(world, persona):
    data = {
        "profile-given_name": "Changed",
        "profile-family_name": "Name",
        "profile-phone": "050-9999999",
        "profile-bio": "",
        "profile-bio_language": "",
        "privacy-profile_visibility": Visibility.PUBLIC,
        "privacy-email_visibility": Visibility.PRIVATE,
        "privacy-phone_visibility": Visibility.NETWORK,
    }
    before = {person.pk: person.given_name for person in Person.objects.all()}
    response = world.client(persona).post(reverse("directory:my_profile"), data)
    if persona == "anonymous":
        assert _is_login_redirect(response)
        assert {person.pk: person.given_name for person in Person.objects.all()} == before
        return
    me = getattr(world, persona)
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:person", args=[me.pk])
    me.refresh_from_db()
    assert (me.given_name, me.family_name, me.phone) == ("Changed", "Name", "050-9999999")
    assert (me.profile_visibility, me.email_visibility, me.phone_visibility) == ("public", "private", "network")
    assert me.search_text == "changed name"
    others = {pk: name for pk, name in before.items() if pk != me.pk}
    assert {person.pk: person.given_name for person in Person.objects.exclude(pk=me.pk)} == others


@pytest.mark.django_db
def test_my_profile_post_with_errors_keeps_what_was_typed(world):
    response = world.client("member").post(
        reverse("directory:my_profile"),
        {"profile-given_name": "", "profile-family_name": "Kept", "privacy-profile_visibility": "everyone"},
    )
    assert response.status_code == 200
    assert 'value="Kept"' in response.content.decode()
    world.member.refresh_from_db()
    assert world.member.family_name == "Member"


@pytest.mark.django_db
def test_my_profile_creates_a_profile_for_a_new_user(world):
    from django.test import Client

    from tests.factories import UserFactory

    newcomer = UserFactory(email="new@example.org")
    client = Client()
    client.force_login(newcomer)
    assert client.get(reverse("directory:my_profile")).status_code == 200
    assert Person.objects.get(user=newcomer).email == "new@example.org"


# The manager's tools on the members-only "home": manager 200, member 403, outsider 404, anonymous to login.
MANAGER_ONLY = {"manager": 200, "member": 403, "outsider": 404}


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_network_export(world, persona, file_format):
    response = world.client(persona).get(reverse("directory:network_export", args=["home", file_format]))
    if persona == "anonymous":
        assert _is_login_redirect(response)
        return
    assert response.status_code == MANAGER_ONLY[persona]
    if persona == "manager":
        assert response["Content-Disposition"] == f'attachment; filename="home-members.{file_format}"'
        if file_format == "csv":
            assert response["Content-Type"] == "text/csv; charset=utf-8"
            assert "Mira" in response.content.decode("utf-8-sig")
        else:
            assert response["Content-Type"].startswith("application/vnd.openxmlformats")
            assert response.content.startswith(b"PK")
    else:
        assert b"Mira" not in response.content


@pytest.mark.django_db
def test_network_export_of_a_public_network_is_for_its_managers_only(world):
    # The outsider is a member of "away", not its manager; "away" has none.
    assert world.client("outsider").get(reverse("directory:network_export", args=["away", "csv"])).status_code == 403
    assert world.client("manager").get(reverse("directory:network_export", args=["away", "csv"])).status_code == 403


@pytest.mark.django_db
def test_roster_upload_page(world, persona):
    response = world.client(persona).get(reverse("directory:roster_upload", args=["home"]))
    if persona == "anonymous":
        assert _is_login_redirect(response)
        return
    assert response.status_code == MANAGER_ONLY[persona]
    if persona == "manager":
        assert 'type="file"' in response.content.decode()


@pytest.mark.django_db
def test_roster_upload_post(world, persona):
    content = csv_bytes([row(email="new@example.org", given_name="New", family_name="Person")])
    before = directory_counts()
    response = world.client(persona).post(
        reverse("directory:roster_upload", args=["home"]), {"file": SimpleUploadedFile("roster.csv", content)}
    )
    if persona == "manager":
        roster_import = RosterImport.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("directory:roster_import", args=["home", roster_import.pk])
        # The request only keeps the file and queues its check on a worker.
        assert roster_import.status == RosterImport.Status.CHECKING
        assert Job.objects.get().kind == "directory.roster_check"
    else:
        assert _is_login_redirect(response) if persona == "anonymous" else response.status_code == MANAGER_ONLY[persona]
        assert not RosterImport.objects.exists()
    # Uploading only checks the file; nobody is written before the manager confirms.
    assert directory_counts() == before


@pytest.fixture
def staged(world):  # type: ignore[no-untyped-def]

    content = csv_bytes([row(email="new@example.org", given_name="New", family_name="Person")])
    return check_now(world.home, content, user=world.manager.user)


@pytest.mark.django_db
def test_roster_import_status_page(world, persona, staged):
    response = world.client(persona).get(reverse("directory:roster_import", args=["home", staged.pk]))
    if persona == "anonymous":
        assert _is_login_redirect(response)
        return
    assert response.status_code == MANAGER_ONLY[persona]
    if persona == "manager":
        assert reverse("directory:roster_confirm", args=["home", staged.pk]) in response.content.decode()


@pytest.mark.django_db
def test_a_roster_import_is_reached_only_through_its_own_network(world, staged):
    # The manager of "home" cannot reach a "home" import through "away"'s address, nor an unknown import.
    client = world.client("manager")
    assert client.get(reverse("directory:roster_import", args=["away", staged.pk])).status_code == 403
    assert client.get(reverse("directory:roster_import", args=["home", staged.pk + 1])).status_code == 404


@pytest.mark.django_db
def test_roster_confirm(world, persona, staged):
    response = world.client(persona).post(reverse("directory:roster_confirm", args=["home", staged.pk]))
    run_queued_jobs()
    staged.refresh_from_db()
    if persona == "manager":
        assert response.status_code == 302
        assert response["Location"] == reverse("directory:roster_import", args=["home", staged.pk])
        assert staged.status == RosterImport.Status.DONE
        assert Person.objects.filter(email="new@example.org").exists()
        return
    if persona == "anonymous":
        assert _is_login_redirect(response)
    else:
        assert response.status_code == MANAGER_ONLY[persona]
    assert staged.status == RosterImport.Status.PREVIEWED
    assert not Person.objects.filter(email="new@example.org").exists()


@pytest.mark.django_db
def test_roster_confirm_needs_post_and_a_previewed_import(world, staged):
    client = world.client("manager")
    url = reverse("directory:roster_confirm", args=["home", staged.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    # A second confirmation of the same import finds nothing left to confirm, and queues nothing.
    again = client.post(url, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "Only a checked, valid roster can be imported." in again.content.decode()
    assert Job.objects.filter(kind="directory.roster_import").count() == 1
