"""The community page and a thread page take as many queries for a few threads and posts as for many:
nothing is read once per thread, post, attachment, reaction or author."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hevruta.communities import services
from hevruta.communities.models import Reaction, ReactionKind
from hevruta.communities.queries import POSTS_PER_PAGE
from tests.factories import PersonFactory, UserFactory, member

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def _writers(cw, count: int, batch: str) -> list:  # type: ignore[no-untyped-def]
    users = []
    for n in range(count):
        user = UserFactory(email=f"writer{batch}{n}@example.org")
        member(cw.world.home, PersonFactory(user=user, email=user.email, given_name="Writer", family_name=str(n)))
        services.join(user, cw.network)
        users.append(user)
    return users


def _grow(cw, threads: int, posts: int) -> None:  # type: ignore[no-untyped-def]
    writers = _writers(cw, 3, batch=str(threads))
    for n in range(threads):
        services.start_thread(writers[n % 3], cw.network, f"Thread {n}", f"Opening {n}")
    thread = cw.threads["network"]
    for n in range(posts):
        uploads = [services.Upload(f"f{n}.pdf", io.BytesIO(PDF))] if n % 4 == 0 else []
        post = services.reply(writers[n % 3], thread, f"Post {n} @[Fay Facilitator]", uploads=uploads)
        Reaction.objects.create(post=post, person=cw.facilitator, kind=ReactionKind.values[n % 4])


def _count(client, url: str) -> int:  # type: ignore[no-untyped-def]
    client.get(url)  # the session, content types and the thread's last reading are in place from here on
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["member", "facilitator"])
def test_queries_stay_flat_as_threads_and_posts_grow(cw, persona):
    client = cw.client(persona)
    community_url = reverse("communities:community", args=[cw.network.pk])
    thread_url = reverse("communities:thread", args=[cw.threads["network"].pk])
    _grow(cw, threads=2, posts=3)
    small = (_count(client, community_url), _count(client, thread_url))
    _grow(cw, threads=30, posts=POSTS_PER_PAGE)
    large = (_count(client, community_url), _count(client, thread_url))
    assert large == small, (small, large)
    assert client.get(thread_url).content.decode().count('class="card mb-3') == POSTS_PER_PAGE


def test_the_home_card_takes_two_queries_whatever_the_communities(cw, django_assert_num_queries):
    from hevruta.communities.queries import my_communities_card
    from hevruta.directory.queries import viewer_for

    user = cw.user("facilitator")
    viewer_for(user)
    with django_assert_num_queries(2):
        card = my_communities_card(user)
    assert card is not None and len(card["communities"]) == 4
