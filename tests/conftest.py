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


@pytest.fixture(autouse=True)
def _empty_cache():  # type: ignore[no-untyped-def]
    # Each test's database starts over, and so do its data versions: a page kept by another test
    # would be found under the same version.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
