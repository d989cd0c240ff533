"""The site's error pages: in the reader's language and direction, in the site's layout, with the reason
the code gave (a 403's PermissionDenied message), and a 500 that touches no database."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import translation

from hevruta import urls as site_urls
from hevruta.core import errors


def _in(language: str, client: Client) -> Client:
    client.cookies["django_language"] = language
    return client


def _boom(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom), *site_urls.urlpatterns]
handler500 = errors.server_error  # as hevruta/urls.py says


@pytest.mark.parametrize(("language", "direction"), [("he", "rtl"), ("ar", "rtl"), ("en", "ltr")])
def test_404_is_in_the_layout_and_the_readers_language(db, language: str, direction: str) -> None:
    response = _in(language, Client()).get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert 'id="main-menu"' in html  # the site's navigation
    assert 'data-testid="error-page"' in html
    assert "Resolver404" not in html and "tried" not in html


def test_404_keeps_a_reason_written_for_people_and_drops_djangos(world) -> None:
    # The program views say why in words; get_object_or_404's English "No X matches the given query." is dropped.
    response = world.client("outsider").get("/programs/new/home/")
    assert response.status_code == 404
    assert "No such network." in response.content.decode()
    response = world.client("member").get("/directory/organizations/999999/")
    assert response.status_code == 404
    assert "matches the given query" not in response.content.decode()


@pytest.mark.parametrize("language", ["he", "ar"])
def test_403_shows_the_reason_in_the_readers_language(world, language: str) -> None:
    response = _in(language, world.client("member")).get("/programs/new/home/")
    assert response.status_code == 403
    html = response.content.decode()
    with translation.override(language):
        reason = translation.gettext("Only the network's managers may create its programs.")
    assert reason != "Only the network's managers may create its programs."  # it is translated
    assert reason in html
    assert 'data-testid="error-reason"' in html
    assert "403 Forbidden" not in html
    assert 'id="main-menu"' in html


def test_csrf_failure_is_the_sites_page(world) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member.user)
    response = _in("he", client).post("/i18n/setlang/", {"language": "ar"})
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="he" dir="rtl">' in html
    assert "CSRF" not in html


def test_400_is_the_sites_page(db) -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with translation.override("ar"):
        response = errors.bad_request(request, Exception("developer text"))
    assert response.status_code == 400
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "developer text" not in html


@pytest.mark.urls("tests.core.test_error_pages")
def test_500_renders_in_the_layout_without_touching_the_database(db) -> None:
    client = _in("ar", Client(raise_request_exception=False))
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'data-testid="error-page"' in html
    assert "a bug" not in html
    with translation.override("he"), CaptureQueriesContext(connection) as queries:
        errors.server_error(RequestFactory().get("/boom/"))
    assert len(queries) == 0


def test_favicon_is_served(db) -> None:
    from django.contrib.staticfiles import finders

    response = Client().get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("hevruta/favicon.svg")
    icon = finders.find("hevruta/favicon.svg")
    assert icon and Path(icon).read_text().startswith("<svg")
    assert 'rel="icon"' in Client().get("/").content.decode()


def test_the_api_docs_page_declares_its_language(db) -> None:
    html = _in("he", Client()).get("/api/v1/docs").content.decode()
    assert '<html lang="en" dir="ltr">' in html  # Swagger UI and the API document are in English
