"""Importing a good roster: what it writes, that a second import changes nothing, and the page and API flows."""

from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation

from hevruta.directory import services
from hevruta.directory.models import (
    Locality,
    MembershipRole,
    NetworkMembership,
    Organization,
    Person,
    Position,
    RosterImport,
)
from hevruta.directory.roster import check_roster, hash_national_id
from tests.directory.rosters import (
    check_now,
    csv_bytes,
    directory_counts,
    import_now,
    israeli_id,
    row,
    run_queued_jobs,
    xlsx_bytes,
)

NOA_ID = israeli_id(3141592)
WRITERS = {"csv": csv_bytes, "xlsx": xlsx_bytes}


@pytest.fixture
def places(db):  # type: ignore[no-untyped-def]
    Locality.objects.create(cbs_code=2200, name_he="דימונה")
    return Organization.objects.create(name="Ofek", kind="school")


def good_rows() -> list[dict[str, object]]:
    return [
        row(email="noa@example.org", given_name="נועה", family_name="כהן", phone="050-1112222", national_id=NOA_ID,
            locality_code=2200, organization="Ofek", title="רכזת מתמטיקה", role="subject_coordinator",
            start_date=date(2019, 9, 1), subjects="mathematics", grade_bands="junior-high", languages="he;ar"),
        # Noa again, with a second position at a school the directory does not know yet.
        row(email="noa@example.org", given_name="נועה", family_name="כהן", organization="Makif Dimona",
            organization_kind="school", title="Teacher", role="teacher", start_date="01/09/2015",
            end_date="30/06/2019"),
        row(email="Sami@Example.org", given_name="سامي", family_name="خوري", organization="Ofek", title="Mentor",
            role="mentor"),
        row(email="dana@example.org", given_name="Dana", family_name="Levi"),
    ]  # fmt: skip


def snapshot() -> dict[str, object]:
    """Everything an import writes, as plain values, to compare two states of the directory."""
    return {
        "people": sorted(
            Person.objects.values_list(
                "email", "given_name", "family_name", "phone", "national_id_hash", "locality_id", "search_text"
            )
        ),
        "positions": sorted(
            Position.objects.values_list("person__email", "organization__name", "title", "role", "start_date")
        ),
        "memberships": sorted(NetworkMembership.objects.values_list("network__slug", "person__email", "role")),
        "organizations": sorted(Organization.objects.values_list("name", "kind", "search_text")),
        "subjects": sorted(Person.subjects.through.objects.values_list("person__email", "subject__slug")),
        "languages": sorted(Person.languages.through.objects.values_list("person__email", "language__code")),
        "grade_bands": sorted(Person.grade_bands.through.objects.values_list("person__email", "gradeband__slug")),
    }


def _import(network, content: bytes, name: str = "roster.csv") -> dict:  # type: ignore[no-untyped-def]
    roster_import = import_now(network, content, name)
    assert roster_import.status == RosterImport.Status.DONE, roster_import.errors
    return roster_import.summary


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_good_roster_writes_people_positions_and_memberships(world, places, file_format):
    summary = _import(world.home, WRITERS[file_format](good_rows()), f"roster.{file_format}")
    assert summary == {"people_created": 3, "people_updated": 0, "positions_created": 3, "memberships_created": 3}
    noa = Person.objects.get(email="noa@example.org")
    assert (noa.given_name, noa.family_name, noa.phone) == ("נועה", "כהן", "050-1112222")
    assert noa.search_text == "נועה כהנ"  # folded, so that search finds her
    assert noa.locality.cbs_code == 2200
    assert {(p.organization.name, p.title, p.start_date, p.end_date) for p in noa.positions.all()} == {
        ("Ofek", "רכזת מתמטיקה", date(2019, 9, 1), None),
        ("Makif Dimona", "Teacher", date(2015, 9, 1), date(2019, 6, 30)),
    }
    assert [s.slug for s in noa.subjects.all()] == ["mathematics"]
    assert sorted(language.code for language in noa.languages.all()) == ["ar", "he"]
    # A new organization is created with its kind, findable like any other.
    assert Organization.objects.get(name="Makif Dimona").search_text == "makif dimona"
    # Emails are kept in lower case, so the next import matches them.
    assert Person.objects.filter(email="sami@example.org").exists()
    assert set(world.home.memberships.filter(role=MembershipRole.MEMBER).values_list("person__email", flat=True)) >= {
        "noa@example.org",
        "sami@example.org",
        "dana@example.org",
    }


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_importing_the_same_roster_twice_changes_nothing(world, places, file_format):
    content = WRITERS[file_format](good_rows())
    _import(world.home, content, f"roster.{file_format}")
    first = snapshot()
    again = _import(world.home, content, f"roster.{file_format}")
    assert again == {"people_created": 0, "people_updated": 0, "positions_created": 0, "memberships_created": 0}
    assert snapshot() == first


def test_a_second_import_updates_changed_names_and_keeps_what_it_does_not_mention(world, places):
    _import(world.home, csv_bytes(good_rows()))
    renamed = good_rows()
    renamed[3]["family_name"] = "Levi-Katz"
    renamed[0]["phone"] = ""  # an empty cell does not erase Noa's phone
    renamed[1]["phone"] = ""
    summary = _import(world.home, csv_bytes(renamed))
    assert summary == {"people_created": 0, "people_updated": 1, "positions_created": 0, "memberships_created": 0}
    dana = Person.objects.get(email="dana@example.org")
    assert dana.family_name == "Levi-Katz"
    assert dana.search_text == "dana levi katz"
    assert Person.objects.get(email="noa@example.org").phone == "050-1112222"
    found = world.client("manager").get("/api/v1/people", {"q": "katz"}).json()["items"]
    assert [person["id"] for person in found] == [dana.pk]


def test_an_import_claims_the_profile_of_a_signed_up_user_by_email(world, places):
    summary = _import(world.home, csv_bytes([row(email="member@example.org", given_name="Mira", family_name="Member",
                                                 organization="Ofek", title="Teacher")]))  # fmt: skip
    assert summary == {"people_created": 0, "people_updated": 0, "positions_created": 1, "memberships_created": 0}
    assert world.member.positions.get().organization.name == "Ofek"


def test_the_national_id_is_stored_only_as_a_keyed_hash(world, places, settings):
    _import(world.home, csv_bytes(good_rows()))
    noa = Person.objects.get(email="noa@example.org")
    assert noa.national_id_hash == hash_national_id(NOA_ID)
    assert len(noa.national_id_hash) == 64
    # The key matters: the same ID under another key hashes differently, so the hash is not a lookup table.
    settings.NATIONAL_ID_HASH_KEY = "another key"
    assert hash_national_id(NOA_ID) != noa.national_id_hash
    # Nowhere in the person's row, nor in the import's own record, are the digits.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Person._meta.db_table} WHERE id = %s", [noa.pk])
        person_row = cursor.fetchone()
        cursor.execute(f"SELECT * FROM {RosterImport._meta.db_table}")
        import_rows = cursor.fetchall()
    for values in (person_row, *import_rows):
        assert NOA_ID not in " ".join(str(value) for value in values)
        assert NOA_ID.lstrip("0") not in " ".join(str(value) for value in values)


def test_the_uploaded_file_with_its_id_numbers_is_not_kept(world, places, settings):
    content = csv_bytes(good_rows())
    roster_import = check_now(world.home, content)
    # Kept while it waits for confirmation...
    assert Path(roster_import.file.path).read_bytes() == content
    with transaction.atomic():
        services.confirm_roster(roster_import, None)
    run_queued_jobs()
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.DONE
    # ...and gone once it is imported.
    assert not roster_import.file
    media = Path(settings.MEDIA_ROOT)
    assert not any(NOA_ID.encode() in path.read_bytes() for path in media.rglob("*") if path.is_file())


def test_a_refused_file_is_not_kept(world, places, settings):
    roster_import = check_now(
        world.home, csv_bytes([row(email="x@example.org", given_name="X", family_name="", national_id=NOA_ID)])
    )
    assert roster_import.status == RosterImport.Status.INVALID
    assert not roster_import.file
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(path.is_file() for path in media.rglob("*"))


def test_an_id_number_held_by_someone_else_in_the_directory_is_reported_not_crashed_on(world, places):
    Person.objects.create(given_name="Old", family_name="Holder", email="old@example.org",
                          national_id_hash=hash_national_id(NOA_ID))  # fmt: skip
    before = directory_counts()
    with translation.override("en"):
        checked = check_roster("roster.csv", csv_bytes(good_rows()))
    assert [(problem.row, problem.column) for problem in checked.problems] == [(2, "national_id")]
    assert "another email" in checked.problems[0].message
    response = world.client("manager").post(
        "/api/v1/networks/home/imports", {"file": SimpleUploadedFile("roster.csv", csv_bytes(good_rows()))}
    )
    assert response.status_code == 202
    run_queued_jobs()
    answer = world.client("manager").get(f"/api/v1/networks/home/imports/{response.json()['id']}").json()
    assert answer["status"] == "invalid"
    assert answer["job"]["state"] == "failed"
    assert [(error["row"], error["column"]) for error in answer["errors"]] == [(2, "national_id")]
    assert directory_counts() == before


# Upload limits: each refused with a clear message, and nothing changes.


def _refused_uploads(settings) -> list[tuple[str, bytes, str]]:  # type: ignore[no-untyped-def]
    settings.MAX_UPLOAD_BYTES = 2_000
    big = csv_bytes([row(email=f"p{n}@example.org", given_name="P", family_name=str(n)) for n in range(200)])
    assert len(big) > settings.MAX_UPLOAD_BYTES
    return [
        ("big.csv", big, "at most 2.0\xa0KB can be uploaded"),
        ("roster.pdf", b"%PDF-1.4 not a roster", "Only CSV and XLSX files can be imported."),
        ("roster.xlsx", b"PK\x03\x04 this is not a workbook", "The XLSX file cannot be opened"),
        ("roster.csv", b"email,given_name,family_name\nx@example.org,A\x00,B\n", "The CSV file is not text."),
        ("roster.csv", b"email,given_name,family_name\n", "The file has a header but no rows."),
    ]


@pytest.mark.django_db
def test_bad_uploads_on_the_page_are_refused_with_a_message(world, settings):
    client = world.client("manager")
    for name, content, message in _refused_uploads(settings):
        before = directory_counts()
        response = client.post(
            reverse("directory:roster_upload", args=["home"]),
            {"file": SimpleUploadedFile(name, content)},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert response.status_code == 200, name
        assert message in response.content.decode(), name
        assert directory_counts() == before
        assert not RosterImport.objects.exists()


@pytest.mark.django_db
def test_bad_uploads_through_the_api_are_400_with_a_detail(world, settings):
    client = world.client("manager")
    for name, content, _message in _refused_uploads(settings):
        before = directory_counts()
        response = client.post("/api/v1/networks/home/imports", {"file": SimpleUploadedFile(name, content)})
        assert response.status_code == 400, name
        assert response.json()["detail"], name
        assert directory_counts() == before
        assert not RosterImport.objects.exists()


@pytest.mark.django_db
def test_the_page_flow_upload_preview_confirm_done(world, places):
    client = world.client("manager")
    response = client.post(
        reverse("directory:roster_upload", args=["home"]),
        {"file": SimpleUploadedFile("roster.xlsx", xlsx_bytes(good_rows()))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    run_queued_jobs()
    roster_import = RosterImport.objects.get()
    status_url = reverse("directory:roster_import", args=["home", roster_import.pk])
    assert response["Location"] == status_url
    preview = client.get(status_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "All 4 rows are valid." in preview
    assert "Checked, waiting for confirmation" in preview
    assert not Person.objects.filter(email="noa@example.org").exists()

    confirmed = client.post(reverse("directory:roster_confirm", args=["home", roster_import.pk]))
    assert confirmed["Location"] == status_url
    run_queued_jobs()
    done = client.get(status_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span data-testid="roster-status">Imported</span>' in done
    assert "People created: 3" in done
    assert "Positions added: 3" in done
    assert "Members added to the network: 3" in done
    # The progress fragment that the page polls answers on its own.
    fragment = client.get(status_url, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<div id="roster-progress"' in fragment and "<html" not in fragment
    assert "4 / 4" in fragment
    assert Person.objects.filter(email="noa@example.org").exists()


@pytest.mark.django_db
def test_the_api_flow_dry_run_then_import(world, places):
    client = world.client("manager")
    content = csv_bytes(good_rows())
    before = directory_counts()
    # The form's dry_run counts as the query string's does (docs/api.md's curl example sends it with -F).
    dry = client.post(
        "/api/v1/networks/home/imports", {"file": SimpleUploadedFile("roster.csv", content), "dry_run": "true"}
    )
    assert dry.status_code == 202
    assert dry.json()["dry_run"] is True
    assert dry.json()["job"]["state"] == "queued"
    run_queued_jobs()
    dry = client.get(f"/api/v1/networks/home/imports/{dry.json()['id']}")
    assert dry.json()["status"] == "previewed"
    assert dry.json()["total_rows"] == 4
    assert dry.json()["errors"] == []
    assert dry.json()["job"]["state"] == "succeeded"
    assert directory_counts() == before
    assert not RosterImport.objects.get(pk=dry.json()["id"]).file  # a dry run's file is not kept

    done = client.post("/api/v1/networks/home/imports", {"file": SimpleUploadedFile("roster.csv", content)})
    assert done.status_code == 202
    run_queued_jobs()
    job = client.get(f"/api/v1/jobs/{done.json()['job']['id']}").json()
    assert job["state"] == "succeeded"
    assert job["progress"] == {"done": 4, "total": 4}
    done = client.get(f"/api/v1/networks/home/imports/{done.json()['id']}")
    assert done.json()["status"] == "done"
    assert done.json()["summary"] == {
        "people_created": 3,
        "people_updated": 0,
        "positions_created": 3,
        "memberships_created": 3,
    }
    again = client.post("/api/v1/networks/home/imports", {"file": SimpleUploadedFile("roster.csv", content)})
    assert again.status_code == 202
    run_queued_jobs()
    again = client.get(f"/api/v1/networks/home/imports/{again.json()['id']}")
    assert set(again.json()["summary"].values()) == {0}


@pytest.mark.django_db
def test_the_api_flow_without_a_file_is_422(world):
    response = world.client("manager").post("/api/v1/networks/home/imports")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["file", "file"]


def test_a_failed_write_marks_the_import_failed_and_writes_nothing(world, places, monkeypatch):
    roster_import = check_now(world.home, csv_bytes(good_rows()))
    before = directory_counts()

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_add_memberships", broken)
    with transaction.atomic():
        job = services.confirm_roster(roster_import, None)
    run_queued_jobs()  # the immediate backend records the task's exception; the job says it failed
    roster_import.refresh_from_db()
    job.refresh_from_db()
    assert roster_import.status == RosterImport.Status.FAILED
    assert job.state == "failed" and "nothing was written" in job.error
    assert roster_import.file  # kept, so that the import can be tried again
    # People and positions were written before the failure, in the same transaction: all rolled back.
    assert directory_counts() == before


@pytest.mark.django_db
def test_whoever_started_an_import_hears_when_it_is_over(world, places):
    from hevruta.notifications.models import Notice

    client = world.client("manager")
    client.post(
        reverse("directory:roster_upload", args=["home"]),
        {"file": SimpleUploadedFile("roster.xlsx", xlsx_bytes(good_rows()))},
    )
    run_queued_jobs()
    roster_import = RosterImport.objects.get()
    assert not Notice.objects.exists()  # checking it is not the end: the manager still has to confirm
    client.post(reverse("directory:roster_confirm", args=["home", roster_import.pk]))
    run_queued_jobs()  # runs what waits for the commit too: the job's end is told then
    notice = Notice.objects.get(kind="directory.roster_imported")
    assert notice.recipient == world.manager.user
    assert notice.context["succeeded"] is True and notice.context["file"] == "roster.xlsx"
    assert notice.url == reverse("directory:roster_import", args=["home", roster_import.pk])
    assert not Notice.objects.exclude(recipient=world.manager.user).exists()
