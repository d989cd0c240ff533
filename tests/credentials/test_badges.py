"""The achievement's image: an SVG badge in the achievement's language at a stable URL (achievement.image),
a PNG with the credential baked in (Open Badges 3.0 baking: iTXt `openbadgecredential`, uncompressed),
and the wallet hand-off (download, QR code of the credential's JSON)."""

import io
import json
import struct
import xml.etree.ElementTree as ElementTree

import pytest
import qrcode
import qrcode.image.svg
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from hevruta.credentials import badges, queries, services
from hevruta.credentials.models import AchievementType
from hevruta.credentials.openbadges import AchievementSpec
from hevruta.credentials.verifier import verify_credential

from .conftest import as_json, schema_errors

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def svg_of(client, credential) -> ElementTree.Element:  # type: ignore[no-untyped-def]
    image_url = as_json(credential)["credentialSubject"]["achievement"]["image"]["id"]
    response = client.get(image_url.removeprefix("http://127.0.0.1:8000"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    return ElementTree.fromstring(response.content)


def texts(svg: ElementTree.Element) -> list[str]:
    return [element.text or "" for element in svg.iter(f"{SVG}text")]


def itxt_chunks(data: bytes) -> list[tuple[str, int, bytes]]:
    """(keyword, compression flag, text) of every iTXt chunk, read by hand from the PNG's chunks."""
    chunks, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"iTXt":
            keyword, _, rest = body.partition(b"\x00")
            _language, _, rest = rest[2:].partition(b"\x00")
            _translated, _, text = rest.partition(b"\x00")
            chunks.append((keyword.decode("latin-1"), rest and body[len(keyword) + 1], text))
    return chunks


def test_the_achievement_image_is_a_hebrew_right_to_left_badge_at_a_stable_url(client, issued, world, achievement):
    image = as_json(issued)["credentialSubject"]["achievement"]["image"]
    assert image["type"] == "Image" and image["caption"] == achievement.name
    assert image["id"] == queries.badge_url(issued.badge_key)
    svg = svg_of(client, issued)
    assert svg.get(XML_LANG) == "he" and svg.get("direction") == "rtl"
    assert " ".join(texts(svg)[:-1]).split() == achievement.name.split()
    assert svg.find(f"{SVG}title").text == achievement.name
    # The same achievement for another recipient: the same image, at the same address.
    other = services.issue_credential(issued.issuer, world.manager, achievement)
    assert as_json(other)["credentialSubject"]["achievement"]["image"] == image


def test_an_arabic_achievement_is_right_to_left_and_an_english_one_left_to_right(client, issuer, world):
    arabic = AchievementSpec(name="ميسّرة مجتمع مهني", description="وصف", criteria="معايير", language="ar")
    english = AchievementSpec(name="Community facilitator", description="d", criteria="c", language="en")
    svg = svg_of(client, services.issue_credential(issuer, world.member, arabic))
    assert (svg.get(XML_LANG), svg.get("direction")) == ("ar", "rtl")
    assert " ".join(texts(svg)[:-1]) == "ميسّرة مجتمع مهني"
    with translation.override("ar"):  # the kind in the achievement's language, whatever the reader's
        assert texts(svg)[-1] == str(AchievementType.CERTIFICATE.label)
    svg = svg_of(client, services.issue_credential(issuer, world.member, english))
    assert (svg.get(XML_LANG), svg.get("direction")) == ("en", "ltr")
    assert texts(svg)[-1] == "Program completed"


def test_a_name_with_markup_and_a_long_name_stay_well_formed(client, issuer, world):
    long_name = "מנחה <מוסמכת> & מובילה " + "של קהילות מקצועיות " * 6
    spec = AchievementSpec(name=long_name, description="d", criteria="c", language="he")
    svg = svg_of(client, services.issue_credential(issuer, world.member, spec))
    lines = texts(svg)[:-1]
    assert lines[0].startswith("מנחה <מוסמכת> &")
    assert len(lines) == badges.MAX_LINES and lines[-1].endswith("…")


def test_an_unknown_badge_is_not_found(client):
    assert client.get(reverse("credentials:badge", args=["00000000-0000-4000-8000-000000000000"])).status_code == 404


def test_the_baked_png_carries_the_credential_as_the_spec_says(world, persona, issued):
    response = world.client(persona).get(reverse("credentials:baked_badge", args=[issued.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="badge-{issued.pk}.png"'
    data = response.content
    with Image.open(io.BytesIO(data)) as image:  # Pillow decodes it: a real PNG
        image.load()
        assert image.size == (badges.SIZE, badges.SIZE)
        assert image.text[badges.BAKED_KEYWORD] == issued.signed_credential
    chunks = [chunk for chunk in itxt_chunks(data) if chunk[0] == "openbadgecredential"]
    assert len(chunks) == 1  # once, uncompressed, the credential's exact text
    assert chunks[0][1] == 0 and chunks[0][2].decode("utf-8") == issued.signed_credential
    baked = json.loads(badges.unbake(data))
    assert verify_credential(baked).status == "valid"
    assert schema_errors(baked) == []


def test_baking_again_replaces_the_credential(issued, world, achievement):
    other = services.issue_credential(issued.issuer, world.manager, achievement)
    twice = badges.bake(
        badges.bake(badges.badge_png(AchievementType.BADGE), issued.signed_credential), other.signed_credential
    )
    assert [chunk[0] for chunk in itxt_chunks(twice)].count("openbadgecredential") == 1
    assert badges.unbake(twice) == other.signed_credential


def test_unbaking_refuses_what_is_not_a_baked_badge():
    assert badges.unbake(b"not a png") is None
    assert badges.unbake(badges.badge_png(AchievementType.COMPETENCY)) is None


def test_the_verify_page_reads_a_baked_badge(client, issued):
    png = badges.bake(badges.badge_png(issued.achievement_type), issued.signed_credential)
    upload = SimpleUploadedFile("badge.png", png, content_type="image/png")
    html = client.post(reverse("credentials:verify"), {"file": upload}).content.decode()
    assert "Valid." in html
    plain = SimpleUploadedFile("badge.png", badges.badge_png(issued.achievement_type), content_type="image/png")
    html = client.post(reverse("credentials:verify"), {"file": plain}).content.decode()
    assert "no credential baked into it" in html


def test_the_wallet_qr_code_opens_the_credentials_json(world, persona, issued):
    response = world.client(persona).get(reverse("credentials:wallet_qr", args=[issued.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    expected = qrcode.make(queries.credential_url(issued.pk), image_factory=qrcode.image.svg.SvgPathFillImage)
    assert response.content.decode() == expected.to_string(encoding="unicode")
    page = world.client(persona).get(reverse("credentials:qr", args=[issued.pk])).content
    assert page != response.content  # the other code is the page's, for people


def test_the_page_offers_the_badge_the_downloads_and_the_wallet_code(world, persona, issued):
    html = world.client(persona).get(reverse("credentials:credential", args=[issued.pk])).content.decode()
    for name in ("badge", "baked_badge", "wallet_qr"):
        key = issued.badge_key if name == "badge" else issued.pk
        assert reverse(f"credentials:{name}", args=[key]) in html
    assert f"{reverse('credentials:credential_json', args=[issued.pk])}?download=1" in html
    assert queries.credential_url(issued.pk) in html


def test_a_credential_issued_before_badges_shows_without_one(client, issued):
    issued.badge_key = None
    issued.save(update_fields=["badge_key"])
    response = client.get(reverse("credentials:credential", args=[issued.pk]))
    assert response.status_code == 200
    assert "/credentials/badges/" not in response.content.decode()
