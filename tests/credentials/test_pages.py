"""The web pages, with each persona: the public page, JSON, QR code, verifying, my credentials, revoking."""

import io

import pytest
from django.test import Client
from django.urls import reverse

from hevruta.credentials import services
from hevruta.credentials.models import IssuedCredential

from .conftest import change_one_character

pytestmark = pytest.mark.django_db

MAY_REVOKE = {"manager": True, "member": False, "outsider": False, "anonymous": False}


def test_the_public_page_shows_the_credential_to_everyone(world, persona, issued):
    response = world.client(persona).get(reverse("credentials:credential", args=[issued.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        issued.name,
        "Mira Member",
        "Institute for Advanced Teaching",
        "הובלת למידה עמיתים",
        "CF-2.1",
        "Valid.",
    ):
        assert text in html
    assert reverse("credentials:qr", args=[issued.pk]) in html
    assert f"{reverse('credentials:credential_json', args=[issued.pk])}?download=1" in html
    assert ("Revoke this credential" in html) == MAY_REVOKE[persona]
    if persona != "member":  # the member sees her own address in the menu
        assert world.member.email not in html


@pytest.mark.parametrize(
    ("language", "name"), [("he", "המכון להוראה מתקדמת"), ("ar", "معهد التدريس المتقدم"), ("en", "Institute")]
)
def test_the_page_names_the_issuer_in_the_readers_language(world, issued, language, name):
    client = world.client("anonymous")
    client.cookies["django_language"] = language
    html = client.get(reverse("credentials:credential", args=[issued.pk])).content.decode()
    assert f'lang="{language}"' in html
    assert name in html


def test_an_unknown_credential_is_not_found(world, persona):
    response = world.client(persona).get("/credentials/00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404


def test_the_json_is_served_as_json_ld_and_downloads(world, persona, issued):
    url = reverse("credentials:credential_json", args=[issued.pk])
    response = world.client(persona).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    assert response.content.decode("utf-8") == issued.signed_credential
    assert "Content-Disposition" not in response
    download = world.client(persona).get(url, {"download": "1"})
    assert download["Content-Disposition"] == f'attachment; filename="credential-{issued.pk}.json"'


def test_the_qr_code_is_an_svg_image(world, persona, issued):
    response = world.client(persona).get(reverse("credentials:qr", args=[issued.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content and b"<script" not in response.content


def test_the_did_document_and_status_list_are_public(world, persona, issued, issuer):
    client = world.client(persona)
    did = client.get(f"/credentials/issuers/{issuer.pk}/did.json")
    assert did.status_code == 200
    assert did.json()["id"].endswith(f":credentials:issuers:{issuer.pk}")
    assert did["Access-Control-Allow-Origin"] == "*"
    assert client.get(f"/credentials/status/{issued.status_list_id}.json").status_code == 200
    assert client.get("/credentials/issuers/999999/did.json").status_code == 404
    assert client.get("/credentials/status/999999.json").status_code == 404


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("as issued", "Valid."),
        ("changed", "the credential was changed after it was signed"),
        ("not json", "This is not valid JSON"),
        ("unknown context", "a context this site does not trust: https://example.org/ctx"),
        ("empty", "Paste a credential or choose its file."),
    ],
)
def test_verify_page_gives_a_verdict_in_plain_words(world, persona, issued, case, expected):
    text = {
        "as issued": issued.signed_credential,
        "changed": change_one_character(issued.signed_credential, '"name": "מנחת', 10),
        "not json": "{oops",
        "unknown context": issued.signed_credential.replace(
            '"https://www.w3.org/ns/credentials/v2",',
            '"https://www.w3.org/ns/credentials/v2", "https://example.org/ctx",',
        ),
        "empty": "",
    }[case]
    response = world.client(persona).post(reverse("credentials:verify"), {"text": text})
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_verify_page_takes_an_uploaded_file(world, issued):
    upload = io.BytesIO(issued.signed_credential.encode("utf-8"))
    upload.name = "credential.json"
    response = world.client("anonymous").post(reverse("credentials:verify"), {"file": upload})
    assert "Valid." in response.content.decode()
    assert reverse("credentials:credential", args=[issued.pk]) in response.content.decode()


def test_verify_page_shows_a_revoked_credential_as_revoked(world, issued):
    services.revoke_credential(issued, "הוענקה בטעות")
    response = world.client("anonymous").post(reverse("credentials:verify"), {"text": issued.signed_credential})
    html = response.content.decode()
    assert "Revoked." in html and "הוענקה בטעות" in html
    page = world.client("anonymous").get(reverse("credentials:credential", args=[issued.pk])).content.decode()
    assert "Revoked." in page and "הוענקה בטעות" in page and "Valid." not in page


def test_my_credentials_lists_only_my_own(world, persona, issued):
    response = world.client(persona).get(reverse("credentials:mine"))
    if persona == "anonymous":
        assert response.status_code == 302 and "/login" in response["Location"]
        return
    assert response.status_code == 200
    assert (issued.name in response.content.decode()) == (persona == "member")


def test_revoking_on_the_page(world, persona, issued):
    response = world.client(persona).post(reverse("credentials:revoke", args=[issued.pk]), {"reason": "טעות"})
    revoked = IssuedCredential.objects.get(pk=issued.pk).is_revoked
    if persona == "anonymous":
        assert response.status_code == 302 and "/login" in response["Location"]
    elif MAY_REVOKE[persona]:
        assert response.status_code == 302
        assert response["Location"] == reverse("credentials:credential", args=[issued.pk])
    else:
        assert response.status_code == 403
    assert revoked == MAY_REVOKE[persona]


def test_revoking_needs_post(world, issued):
    assert world.client("manager").get(reverse("credentials:revoke", args=[issued.pk])).status_code == 405


def test_a_manager_may_not_revoke_for_an_organization_outside_their_networks(world, other_issuer, achievement):
    foreign = services.issue_credential(other_issuer, world.outsider, achievement)
    response = world.client("manager").post(reverse("credentials:revoke", args=[foreign.pk]), {"reason": "x"})
    assert response.status_code == 403
    assert not IssuedCredential.objects.get(pk=foreign.pk).is_revoked


def test_the_site_operator_may_revoke_any(operator_client, other_issuer, world, achievement):
    foreign = services.issue_credential(other_issuer, world.outsider, achievement)
    response = operator_client.post(reverse("credentials:revoke", args=[foreign.pk]), {"reason": "x"})
    assert response.status_code == 302
    assert IssuedCredential.objects.get(pk=foreign.pk).is_revoked


@pytest.fixture
def operator_client(db) -> Client:  # type: ignore[no-untyped-def]
    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory(email="operator@example.org", is_superuser=True, is_staff=True))
    return client
