"""The coordinator's spreadsheet of the program's relationships, as a page link and an API endpoint: who may
download it (the four personas, the coordinator and the pair), what it holds (activity, never what the pair
wrote) and that no cell of it is a formula to a spreadsheet program."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .conftest import EVERYONE, MENTEE_NOTE, PRIVATE_NOTE, SECRET_SUMMARY, SHARED_SUMMARY
from .test_pages import ANON, COORD, MEMBER, MENTEE, MENTOR, OUT, M, expected

PAGE = {(M, COORD): 200, (MEMBER, MENTOR, MENTEE): 403, ANON: 302, OUT: 404}
API = {(M, COORD): 200, (MEMBER, MENTOR, MENTEE): 403, ANON: 401, OUT: 404}
FORMULA = '=HYPERLINK("http://evil.example","click")'


def _urls(cast, file_format: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    page = reverse("mentoring:relationships_export", args=[cast.program.program.slug, file_format])
    api = f"/api/v1/mentoring/programs/{cast.program.program_id}/relationships/export?file_format={file_format}"
    return page, api


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_only_the_program_s_runners_download_it(cast):
    page, api = _urls(cast, "csv")
    for who in EVERYONE:
        client = cast.client(who)
        assert client.get(page).status_code == expected(PAGE, who), who
        assert client.get(api).status_code == expected(API, who), who


@pytest.mark.django_db
def test_it_holds_the_activity_and_never_what_the_pair_wrote(cast):
    cast.mentor.given_name = FORMULA
    cast.mentor.save(update_fields=["given_name"])
    page, api = _urls(cast, "csv")
    for url in (page, api):
        response = cast.client("coordinator").get(url)
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        text = response.content.decode("utf-8-sig")
        for secret in (SECRET_SUMMARY, SHARED_SUMMARY, PRIVATE_NOTE, MENTEE_NOTE):
            assert secret not in text
        header, row = _rows(response.content)
        assert len(header) == 10
        assert row[0].startswith("'=HYPERLINK"), "a name that is a formula is written as text"
        assert row[2] == cast.mentee.full_name
        assert row[6:8] == ["2", "2.5"], "two meetings, of 1 and 1.5 hours"


@pytest.mark.django_db
def test_the_excel_file_has_the_same_rows_and_no_formula(cast):
    cast.mentee.given_name = "@SUM(1+1)"
    cast.mentee.save(update_fields=["given_name"])
    page, api = _urls(cast, "xlsx")
    for url in (page, api):
        response = cast.client("manager").get(url)
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == 2
        assert str(rows[1][2]).startswith("'@SUM"), rows[1]
        assert rows[1][6] == 2


@pytest.mark.django_db
def test_an_unknown_format_is_not_found(cast):
    page = reverse("mentoring:relationships_export", args=[cast.program.program.slug, "pdf"])
    assert cast.client("coordinator").get(page).status_code == 404
    api = f"/api/v1/mentoring/programs/{cast.program.program_id}/relationships/export?file_format=pdf"
    assert cast.client("coordinator").get(api).status_code == 422
