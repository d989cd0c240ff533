"""The four personas every view and endpoint is tested with (the alice/bob/charlie habit):

- manager: manages the network "home";
- member: a member of "home";
- outsider: a member of another network, "away", only;
- anonymous: nobody logged in.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client

from hevruta.directory.models import MembershipRole, Visibility

from .factories import NetworkFactory, PersonFactory, UserFactory, member

PERSONAS = ("manager", "member", "outsider", "anonymous")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The test database as migrate left it, less the 1,228 CBS localities the directory's data migration
    loads: tests make the few localities they need (with their own codes) and start from none; a test
    about the CBS localities loads them itself (`load_packaged_localities`)."""
    from hevruta.directory.models import Locality

    with django_db_blocker.unblock():
        Locality.objects.all().delete()


@dataclass
class World:
    home: object
    away: object
    manager: object
    member: object
    outsider: object
    # People of "home" with each profile visibility, none of them logged in.
    public_person: object
    network_person: object
    private_person: object

    def user(self, persona: str):  # type: ignore[no-untyped-def]
        return None if persona == "anonymous" else getattr(self, persona).user

    def client(self, persona: str) -> Client:
        client = Client()
        user = self.user(persona)
        if user is not None:
            client.force_login(user)
        return client


def _person_with_user(email: str, **fields):  # type: ignore[no-untyped-def]
    user = UserFactory(email=email)
    return PersonFactory(user=user, email=email, **fields)


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    return make_world()


def make_world() -> World:
    """The personas' world; a module whose tests only read it may build it once (see
    tests/communities/conftest.py's `shared_cw`)."""
    home = NetworkFactory(name="רשת ערים מחנכות", slug="home", is_public=False)
    away = NetworkFactory(name="Away network", slug="away", is_public=True)
    manager = _person_with_user("manager@example.org", given_name="Maya", family_name="Manager")
    member_person = _person_with_user("member@example.org", given_name="Mira", family_name="Member")
    outsider = _person_with_user("outsider@example.org", given_name="Omar", family_name="Outsider")
    member(home, manager, MembershipRole.MANAGER)
    member(home, member_person)
    member(away, outsider)
    public_person = PersonFactory(given_name="Pnina", family_name="Public", profile_visibility=Visibility.PUBLIC)
    network_person = PersonFactory(
        given_name="Nadia",
        family_name="Networked",
        profile_visibility=Visibility.NETWORK,
        email_visibility=Visibility.NETWORK,
        phone="050-1234567",
        phone_visibility=Visibility.PRIVATE,
    )
    private_person = PersonFactory(given_name="Pazit", family_name="Private", profile_visibility=Visibility.PRIVATE)
    for person in (public_person, network_person, private_person):
        member(home, person)
    return World(
        home=home,
        away=away,
        manager=manager,
        member=member_person,
        outsider=outsider,
        public_person=public_person,
        network_person=network_person,
        private_person=private_person,
    )


# Fixtures through which a test reaches a database; a test without one of them cannot (pytest-django
# blocks it), so its outcome is the same on every database.
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


@pytest.fixture(autouse=True)
def _once_if_no_database(request):  # type: ignore[no-untyped-def]
    """The suite runs twice, on SQLite and on PostgreSQL; a test that touches no database (a solver, a
    parser, a PDF) proves the same thing both times, so the PostgreSQL pass leaves it to the SQLite pass.
    Tests that start processes of their own keep running: those processes may reach the database."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        return
    if DATABASE_FIXTURES & set(request.fixturenames) or request.node.get_closest_marker("django_db"):
        return
    if "subprocess" in Path(request.node.fspath).read_text(encoding="utf-8"):
        return
    pytest.skip("touches no database: the SQLite pass ran it")


def pytest_terminal_summary(terminalreporter):  # type: ignore[no-untyped-def]
    """Every skip with its reason, one line per reason (pytest's own list gives one per test, which for the
    PostgreSQL pass's hundreds of database-free tests would bury the others)."""
    reasons: dict[str, list[str]] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reasons.setdefault(reason.removeprefix("Skipped: "), []).append(report.nodeid)
    if reasons:
        terminalreporter.write_sep("=", "skipped, by reason")
        for reason, tests in sorted(reasons.items(), key=lambda item: -len(item[1])):
            terminalreporter.write_line(f"SKIPPED [{len(tests)}] {reason} (e.g. {tests[0]})")


@pytest.fixture(params=PERSONAS)
def persona(request) -> str:  # type: ignore[no-untyped-def]
    return request.param


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):  # type: ignore[no-untyped-def]
    # Argon2 is deliberately slow; tests that only need *a* password use a fast hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_by_default(settings):  # type: ignore[no-untyped-def]
    # The site's default language is Hebrew; tests read English messages unless they ask for another language.
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _transactional(request) -> bool:  # type: ignore[no-untyped-def]
    marker = request.node.get_closest_marker("django_db")
    return bool(set(request.fixturenames) & {"transactional_db", "live_server"}) or bool(
        marker and marker.kwargs.get("transaction")
    )


@pytest.fixture(autouse=True)
def _empty_cache(request):  # type: ignore[no-untyped-def]
    # Each test's database starts over, and so do its data versions: a page kept by another test
    # would be found under the same version; and a rate limit counted by another test must not apply.
    # The default cache is a database table (settings.CACHES): a test's transaction takes its rows
    # away, except in tests whose writes are committed, which clear it themselves.
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    committed = _transactional(request)
    if committed:
        request.getfixturevalue("transactional_db")

    def clear() -> None:
        for alias in caches:
            if committed or not isinstance(caches[alias], DatabaseCache):
                caches[alias].clear()

    clear()
    yield
    clear()


class NetworkBlocked(OSError):
    """Raised by every attempt to reach the network in a test that uses `no_network`."""


@pytest.fixture
def no_network(monkeypatch):  # type: ignore[no-untyped-def]
    """Every network access from Python fails, as on a school's machine with no access: name lookups and
    connections raise. (A local PostgreSQL is reached by libpq in C, below Python, so it keeps working.)"""
    import socket

    attempts: list[object] = []

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        attempts.append(args[1:2] or args[:1])
        raise NetworkBlocked(f"network access blocked in this test: {args[1:2] or args[:1]}")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):  # type: ignore[no-untyped-def]
    # SQLite's test database in a file, not in memory: a worker process started by a test reads it too.
    # Not under pytest's own temporary folder, which a newer pytest run on the machine may prune.
    import shutil
    import tempfile

    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tempfile.mkdtemp(prefix="hevruta-test-database-")
        database.setdefault("TEST", {})["NAME"] = str(Path(folder) / "test.sqlite3")
        yield
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):  # type: ignore[no-untyped-def]
    # Tasks run inside the test (the immediate backend), and running jobs report to this process's memory;
    # the tests of the queue itself (tests/core/test_workers.py) start a real worker instead.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.CACHES = {
        **settings.CACHES,
        "jobs": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jobs"},
    }
    from django.core.cache import caches

    caches["jobs"].clear()
