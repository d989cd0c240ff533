"""The personas of tests/conftest.py plus a facilitator, and one community of each visibility in "home".

- facilitator: a member of "home" who facilitates all four communities;
- member: a member of "home", in the public and the network communities only;
- manager: manages "home", in none of the communities;
- outsider: in "away" only; anonymous: nobody.

Each community has a thread whose title and text carry a word of its own (SECRET_WORD in the secret one),
so a test can look for it anywhere.
"""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client

from hevruta.communities import services
from hevruta.communities.models import Community, CommunityVisibility, Thread
from tests.factories import PersonFactory, UserFactory, member

PERSONAS = ("manager", "member", "outsider", "anonymous", "facilitator")
SECRET_WORD = "Kitchenettezzz"
CLOSED_WORD = "Closedmatterszzz"


@dataclass
class Communities:
    world: object
    facilitator: object
    public: Community
    network: Community
    closed: Community
    secret: Community
    threads: dict[str, Thread]

    def user(self, persona: str):  # type: ignore[no-untyped-def]
        if persona == "facilitator":
            return self.facilitator.user
        return self.world.user(persona)  # type: ignore[attr-defined]

    def client(self, persona: str) -> Client:
        client = Client()
        user = self.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    def community(self, visibility: str) -> Community:
        return getattr(self, visibility)


def make_facilitator(world):  # type: ignore[no-untyped-def]
    user = UserFactory(email="facilitator@example.org")
    person = PersonFactory(user=user, email=user.email, given_name="Fay", family_name="Facilitator")
    member(world.home, person)
    return person


def open_community(user, network, name: str, visibility: str, **extra) -> Community:  # type: ignore[no-untyped-def]
    return services.create_community(
        user, network, services.CommunityInput(name=name, purpose=f"Purpose of {name}", visibility=visibility, **extra)
    )


@pytest.fixture
def cw(world, django_capture_on_commit_callbacks) -> Communities:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        return build_communities(world)


@pytest.fixture(scope="module")
def shared_cw(django_db_setup, django_db_blocker) -> Iterator[Communities]:  # type: ignore[no-untyped-def]
    """The same world, built once for a module whose tests only read it (a test module opts in by
    defining `cw` as `shared_cw` with `db`). It lives in a transaction rolled back when the module ends;
    each test runs in its own savepoint inside it (pytest-django's), so what a test writes goes with it."""
    from django.db import transaction
    from django.test import TestCase, override_settings
    from django.utils import translation

    from tests.conftest import make_world

    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], LANGUAGE_CODE="en")
    with django_db_blocker.unblock(), fast, translation.override("en"):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(execute=True):
                built = build_communities(make_world())
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def build_communities(world) -> Communities:  # type: ignore[no-untyped-def]
    """One community of each visibility in "home", facilitated by Fay, each with a first thread (the
    caller runs the on-commit callbacks: notices and the search index)."""
    facilitator = make_facilitator(world)
    user = facilitator.user
    made = {
        visibility: open_community(user, world.home, f"{visibility.title()} community", visibility)
        for visibility in CommunityVisibility.values
    }
    for visibility in ("public", "network"):
        services.join(world.user("member"), made[visibility])
    words = {"public": "Publicword", "network": "Networkword", "closed": CLOSED_WORD, "secret": SECRET_WORD}
    threads = {
        visibility: services.start_thread(user, community, f"{words[visibility]} thread", f"About {words[visibility]}.")
        for visibility, community in made.items()
    }
    return Communities(world, facilitator, threads=threads, **made)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(params=PERSONAS)
def persona(request) -> str:  # type: ignore[no-untyped-def]
    return request.param
