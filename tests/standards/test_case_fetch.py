"""Importing from a CASE server's address: the outside server is replaced by a stand-in function."""

import io
import json
from unittest import mock

import pytest
from django.urls import reverse

from hevruta.standards.case import fetch
from hevruta.standards.case.validate import CaseError
from hevruta.standards.models import Framework
from tests.directory.rosters import run_queued_jobs

from .conftest import CASE_DIR

PACKAGE = (CASE_DIR / "Utf8TestFramework.json").read_bytes()
IDENTIFIER = json.loads(PACKAGE)["CFDocument"]["identifier"]


@pytest.mark.django_db
def test_import_from_a_document_url_fetches_the_package(world):
    client = world.client("manager")
    with mock.patch.object(fetch, "fetch_url", return_value=PACKAGE) as fetched:
        response = client.post(
            reverse("standards:framework_import"),
            {"network": str(world.home.pk), "url": f"https://case.example.org/ims/case/v1p0/CFDocuments/{IDENTIFIER}"},
        )
        assert not fetched.called  # the request only queues the job; a worker fetches
        run_queued_jobs()
    assert response.status_code == 302
    assert fetched.call_args.args[0] == f"https://case.example.org/ims/case/v1p0/CFPackages/{IDENTIFIER}"
    framework = Framework.objects.get(identifier=IDENTIFIER)
    assert framework.title == "UTF8 𝑑 Test" and framework.network == world.home
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-state="succeeded"' in page and "UTF8 𝑑 Test" in page


@pytest.mark.django_db
def test_an_unreachable_server_is_a_clear_refusal(world):
    import urllib.error

    client = world.client("manager")
    with mock.patch.object(fetch, "fetch_url", side_effect=urllib.error.URLError("timed out")):
        response = client.post(
            reverse("standards:framework_import"),
            {"network": str(world.home.pk), "url": "https://case.example.org/ims/case/v1p0/CFPackages/x"},
        )
        run_queued_jobs()
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-state="failed"' in page
    assert "could not be reached" in page
    assert not Framework.objects.exists()


def test_only_public_http_hosts_are_fetched():
    with pytest.raises(CaseError, match="http and https"):
        fetch.fetch_package("file:///etc/passwd", 1000)
    for url in ("http://127.0.0.1/x", "http://[::1]/x", "http://10.0.0.8/x", "http://169.254.169.254/latest"):
        with pytest.raises(CaseError, match="not on the public internet"):
            fetch.fetch_url(url, 1000)


def test_a_package_over_the_limit_is_not_read_whole():
    stream = io.BytesIO(b"x" * 5000)
    with pytest.raises(CaseError, match="larger than"):
        fetch.read_limited(stream, 1000)
    assert stream.tell() == 1001
    assert fetch.read_limited(io.BytesIO(b"{}"), 1000) == b"{}"
