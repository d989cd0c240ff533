"""What fuzzing found (issue 10, §3 and §7), each refused at the schema with a clear JSON answer, alike on
SQLite and PostgreSQL, and nothing written: NUL characters, nulls in PATCH, ids and offsets beyond 64
bits, impossible time zone offsets, multipart bodies without a boundary; errors are JSON whatever DEBUG
says; a roster's dry run is a dry run whether `dry_run` comes in the query or in the form."""

from datetime import datetime, timedelta, timezone

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pydantic import ValidationError

from hevruta.directory import queries
from hevruta.directory.models import Person, RosterImport
from hevruta.programs.schemas import CohortSessionIn
from hevruta.standards.models import Framework, Role
from tests.directory.rosters import csv_bytes, row, run_queued_jobs

HUGE = 2**70


def _problems(response) -> list[str]:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.content
    assert response["Content-Type"].startswith("application/json")
    return [" ".join(map(str, problem["loc"])) + ": " + problem["msg"] for problem in response.json()["detail"]]


@pytest.mark.django_db
def test_a_nul_character_is_refused_in_bodies_queries_and_forms(world, token_client):
    client = token_client("manager")
    response = client.post(
        "/api/v1/standards/frameworks", {"network": "home", "title": "Bad\x00title"}, content_type="application/json"
    )
    assert any("NUL" in problem for problem in _problems(response))
    assert not Framework.objects.exists()
    assert any("NUL" in problem for problem in _problems(client.get("/api/v1/people", {"q": "a\x00b"})))
    assert any("NUL" in problem for problem in _problems(client.get("/api/v1/organizations", {"q": "\x00"})))
    upload = {"file": SimpleUploadedFile("case.json", b"{}"), "network": "home\x00"}
    assert any("NUL" in problem for problem in _problems(client.post("/api/v1/standards/frameworks/import", upload)))
    # The document says so, for clients and fuzzers.
    document = Client().get("/api/v1/openapi.json").json()
    title = document["components"]["schemas"]["FrameworkIn"]["properties"]["title"]
    assert title["pattern"] == "^[^\\u0000]*$"


@pytest.mark.django_db
def test_null_in_a_patch_is_refused_where_the_field_cannot_be_empty(world, token_client):
    client = token_client("manager")
    framework = client.post(
        "/api/v1/standards/frameworks", {"network": "home", "title": "Draft"}, content_type="application/json"
    ).json()
    url = f"/api/v1/standards/frameworks/{framework['id']}"
    assert any("null" in problem for problem in _problems(client.patch(url, {"title": None}, "application/json")))
    assert Framework.objects.get().title == "Draft"
    assert client.patch(url, {"title": "Renamed"}, "application/json").json()["title"] == "Renamed"

    role = client.post("/api/v1/standards/roles", {"network": "home", "name": "Mentor"}, "application/json").json()
    url = f"/api/v1/standards/roles/{role['id']}"
    _problems(client.patch(url, {"responsibilities": None}, "application/json"))
    # A nullable field stays nullable: clearing the role's stage.
    assert client.patch(url, {"track_stage": None}, "application/json").status_code == 200
    assert Role.objects.get().name == "Mentor"


@pytest.mark.django_db
def test_ids_and_offsets_beyond_64_bits_are_refused(world, token_client):
    client = token_client("manager")
    response = client.post(
        "/api/v1/programs", {"network": "home", "name_en": "P", "role_ids": [HUGE]}, content_type="application/json"
    )
    assert any("role_ids" in problem for problem in _problems(response))
    response = client.post(
        "/api/v1/knowledge/resources",
        {"network": "home", "kind": "lesson-plan", "title": "T", "organizations": [HUGE]},
        content_type="application/json",
    )
    assert any("organizations" in problem for problem in _problems(response))
    for url in ("/api/v1/people", "/api/v1/credentials/mine", "/api/v1/standards/roles", "/api/v1/programs"):
        _problems(client.get(url, {"offset": "2083058700085244198912"}))
    _problems(client.get(f"/api/v1/standards/roles/{HUGE}"))
    _problems(client.get(f"/api/v1/knowledge/resources/{HUGE}"))


def test_a_time_zone_offset_beyond_fourteen_hours_is_refused():
    fields = {"title": "Meeting", "ends_at": "2026-01-01T12:00:00+02:00"}
    for text in ("2026-01-01T10:00:00+22:31", "0001-01-01T00:00:00-05:00", "2026-01-01 10:00", "1700000000"):
        with pytest.raises(ValidationError, match="2026-09-01T16:30:00\\+03:00"):
            CohortSessionIn(starts_at=text, **fields)
    far = datetime(2026, 1, 1, 10, tzinfo=timezone(timedelta(hours=22, minutes=31)))
    with pytest.raises(ValidationError, match="between -14:00 and \\+14:00"):
        CohortSessionIn(starts_at=far, **fields)
    assert CohortSessionIn(starts_at="2026-01-01T10:00:00+14:00", **fields).starts_at.utcoffset().total_seconds() > 0


@pytest.mark.django_db
def test_a_multipart_body_without_a_boundary_is_a_400(world, token_client):
    client = token_client("manager")
    for url in (
        "/api/v1/networks/home/imports",
        "/api/v1/standards/frameworks/import",
        "/api/v1/programs/enrollments/1/evidence",
    ):
        response = client.generic("POST", url, b"--x\r\n", content_type="multipart/form-data")
        assert response.status_code == 400, (url, response.content)
        assert "multipart" in response.json()["detail"]


@pytest.mark.django_db
def test_errors_are_json_even_without_debug(world, settings, monkeypatch):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    unknown = client.get("/api/v1/no-such-endpoint")
    assert (unknown.status_code, unknown["Content-Type"]) == (404, "application/json; charset=utf-8")
    assert unknown.json() == {"detail": "Not Found."}
    wrong_method = client.delete("/api/v1/people")
    assert (wrong_method.status_code, wrong_method["Content-Type"]) == (405, "application/json; charset=utf-8")
    assert "GET" in wrong_method["Allow"]

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("a bug")

    monkeypatch.setattr(queries, "search_people", broken)
    crashed = client.get("/api/v1/people")
    assert (crashed.status_code, crashed["Content-Type"]) == (500, "application/json; charset=utf-8")
    assert "a bug" not in crashed.content.decode()  # nothing of the server's insides
    # Pages outside the API keep their HTML.
    assert "text/html" in client.get("/no-such-page/")["Content-Type"]


@pytest.mark.django_db
def test_a_dry_run_sent_as_a_form_field_writes_nothing(world, token_client):
    content = csv_bytes([row(email="dry@example.org", given_name="Dry", family_name="Run")])
    client = token_client("manager")
    for data, query in (({"dry_run": "true"}, ""), ({}, "?dry_run=true")):
        response = client.post(
            f"/api/v1/networks/home/imports{query}", {"file": SimpleUploadedFile("r.csv", content), **data}
        )
        assert response.status_code == 202, response.content
        assert response.json()["dry_run"] is True
        run_queued_jobs()
        assert not Person.objects.filter(email="dry@example.org").exists()
    response = client.post("/api/v1/networks/home/imports", {"file": SimpleUploadedFile("r.csv", content)})
    assert response.status_code == 202 and response.json()["dry_run"] is False
    run_queued_jobs()
    assert Person.objects.filter(email="dry@example.org").exists()
    assert RosterImport.objects.count() == 3
