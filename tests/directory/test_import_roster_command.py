"""manage.py import_roster: the same checks as the page, a progress bar, a summary, a non-zero exit on errors."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hevruta.directory.models import Organization, Person, RosterImport
from tests.directory.rosters import csv_bytes, directory_counts, row, xlsx_bytes

GOOD = [
    row(email="noa@example.org", given_name="נועה", family_name="כהן", organization="Ofek", title="Teacher"),
    row(email="dana@example.org", given_name="Dana", family_name="Levi"),
]
BAD = [
    row(email="noa@example.org", given_name="נועה", family_name="כהן"),
    row(email="broken", given_name="", family_name="Levi"),
    row(email="late@example.org", given_name="L", family_name="Late", organization="Ofek", title="T",
        start_date="2024-01-01", end_date="2023-01-01"),
]  # fmt: skip


@pytest.fixture
def ofek(db):  # type: ignore[no-untyped-def]
    return Organization.objects.create(name="Ofek", kind="school")


def run(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("import_roster", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.mark.parametrize(("name", "writer"), [("roster.csv", csv_bytes), ("roster.xlsx", xlsx_bytes)])
def test_imports_with_a_progress_bar_and_prints_the_summary(world, ofek, tmp_path, name, writer):
    path = tmp_path / name
    path.write_bytes(writer(GOOD))
    stdout, stderr = run("home", str(path))
    assert "Imported 2 rows into home: 2 people created, 0 updated, 1 positions added, 2 members added." in stdout
    # tqdm's bar, at its end.
    assert "Importing" in stderr
    assert "2/2" in stderr
    assert "100%" in stderr
    assert set(world.home.memberships.values_list("person__email", flat=True)) >= {
        "noa@example.org",
        "dana@example.org",
    }
    assert RosterImport.objects.get().status == RosterImport.Status.DONE
    # Again: nothing new.
    stdout, _stderr = run("home", str(path))
    assert "0 people created, 0 updated, 0 positions added, 0 members added" in stdout


def test_dry_run_checks_and_writes_nothing(world, ofek, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_bytes(GOOD))
    before = directory_counts()
    stdout, _stderr = run("home", str(path), "--dry-run")
    assert "2 rows are valid; nothing was written (--dry-run)." in stdout
    assert directory_counts() == before
    assert not RosterImport.objects.exists()


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_bad_roster_prints_each_problem_and_exits_non_zero(world, ofek, tmp_path, dry_run):
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_bytes(BAD))
    before = directory_counts()
    stderr = StringIO()
    args = ["home", str(path), *(["--dry-run"] if dry_run else [])]
    with pytest.raises(CommandError, match=r"refused and nothing was written: 3 problems in 2 rows"):
        call_command("import_roster", *args, stdout=StringIO(), stderr=stderr)
    lines = stderr.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "row 3, email",
        "row 3, given_name",
        "row 4, end_date",
    ]
    assert directory_counts() == before
    assert not Person.objects.filter(email="noa@example.org").exists()


def test_the_exit_status_is_non_zero_from_the_shell(world, ofek, tmp_path):
    """CommandError becomes exit status 1 when run as a program."""
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_bytes(BAD))
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "import_roster", "home", str(path)]).execute()
    assert exited.value.code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere", "roster.csv"], "No network has the slug 'nowhere'."),
        (["home", "missing.csv"], "Cannot read"),
        (["home", "roster.pdf"], "Only CSV and XLSX files can be imported."),
    ],
)
def test_unusable_arguments_are_explained(world, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "roster.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "roster.csv").write_bytes(csv_bytes(GOOD))
    from django.utils import translation

    with translation.override("en"), pytest.raises(CommandError, match=message):
        run(*args)
    assert not RosterImport.objects.exists()
