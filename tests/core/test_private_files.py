"""Uploads are private in every mode: no route serves the folder they are kept in, and they have no URL."""

import importlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import clear_url_caches

from hevruta.core.checks import uploads_not_in_public_folder
from hevruta.core.files import PrivateStorage

ROSTER = "rosters/2-dryrun2csv"


@pytest.fixture
def kept_roster(settings, tmp_path) -> str:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "private"
    return default_storage.save(ROSTER, ContentFile(b"given_name,phone,national_id\nMira,050-1234567,123456782\n"))


@pytest.fixture
def debug_urls():  # type: ignore[no-untyped-def]
    """The URLs as DEBUG=true builds them (make run), put back afterwards."""
    import hevruta.urls

    with override_settings(DEBUG=True):
        importlib.reload(hevruta.urls)
        clear_url_caches()
        yield
    importlib.reload(hevruta.urls)
    clear_url_caches()


def test_uploads_are_kept_where_nothing_serves_them(settings):
    assert isinstance(default_storage, PrivateStorage)
    static_root = Path(settings.STATIC_ROOT).resolve()
    assert static_root not in Path(settings.MEDIA_ROOT).resolve().parents


def test_a_private_file_has_no_url(kept_roster):
    with pytest.raises(NotImplementedError):
        default_storage.url(kept_roster)


@pytest.mark.django_db
def test_a_roster_on_disk_is_not_served_even_with_debug(world, persona, kept_roster, debug_urls, settings):
    assert (Path(settings.MEDIA_ROOT) / kept_roster).exists()
    for path in (f"/media/{kept_roster}", f"/private/{kept_roster}", f"/static/../private/{kept_roster}"):
        response = world.client(persona).get(path)
        assert response.status_code == 404, path
        assert b"national_id" not in response.content


def test_files_left_in_the_old_public_folder_are_reported(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "var" / "private"
    assert uploads_not_in_public_folder() == []
    legacy = tmp_path / "var" / "media" / "rosters"
    legacy.mkdir(parents=True)
    (legacy / "2-dryrun2csv").write_bytes(b"x")
    [warning] = uploads_not_in_public_folder()
    assert warning.id == "core.W001" and "var/media" in warning.msg


@pytest.mark.django_db
def test_the_admin_shows_a_roster_import_without_linking_its_file(world, kept_roster, client):
    from django.urls import reverse

    from hevruta.directory.models import RosterImport
    from tests.factories import UserFactory

    roster = RosterImport.objects.create(network=world.home, file=kept_roster, original_name="dry run.csv")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(reverse("admin:directory_rosterimport_change", args=[roster.pk])).content.decode()
    assert "dry run.csv" in html and "dryrun2csv" not in html
