"""Communities' side of core's search index: a community (its name and purpose) and a thread (its
title, its opening post, and the text of its other shown posts). Who may find them is decided at
search time by `communities_visible_to` and `threads_readable_by`, passed as subqueries, so a
secret community and its threads are found only by its members."""

from collections.abc import Iterator
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from hevruta.core.search import (
    Hit,
    Query,
    Searchable,
    SearchResults,
    everywhere,
    index_documents,
    remove_document,
    search,
)
from hevruta.knowledge.rendering import plain_text

COMMUNITY = "communities.community"
THREAD = "communities.thread"
# The text of a long thread's other posts, as far as it is indexed.
MAX_EXTRA_CHARS = 100_000
MAX_POSTS = 500


def _community_searchable(community: Any) -> Searchable:
    return Searchable(
        COMMUNITY,
        community.pk,
        title=community.name,
        body=community.purpose,
        language=community.purpose_language or "he",
    )


def _thread_searchable(thread: Any, posts: list[tuple[str, str]]) -> Searchable:
    """posts: (body_html, language) of the thread's shown posts, oldest first. The opening post is the
    body, in its language; the others are searched but not shown, as far as MAX_EXTRA_CHARS."""
    first, language = (plain_text(posts[0][0]), posts[0][1]) if posts else ("", "he")
    extra, size = [], 0
    for html, _language in posts[1:]:
        text = plain_text(html)
        size += len(text)
        if size > MAX_EXTRA_CHARS:
            break
        extra.append(text)
    return Searchable(THREAD, thread.pk, title=thread.title, body=first, language=language, extra="\n".join(extra))


def _shown_posts() -> QuerySet:
    from .models import Post, PostStatus

    return Post.objects.filter(status=PostStatus.VISIBLE).order_by("created_at", "id")


def index_community(community_id: int) -> None:
    from .models import Community

    community = Community.objects.filter(pk=community_id).first()
    if community is None:
        remove_document(COMMUNITY, community_id)
        return
    index_documents([_community_searchable(community)])


def index_thread(thread_id: int) -> None:
    from .models import Thread

    thread = Thread.objects.filter(pk=thread_id, is_removed=False).first()
    if thread is None:
        remove_document(THREAD, thread_id)
        return
    posts = list(_shown_posts().filter(thread=thread).values_list("body_html", "language")[:MAX_POSTS])
    index_documents([_thread_searchable(thread, posts)])


def _all_threads() -> Iterator[Searchable]:
    """Every thread that is not removed, its shown posts read a hundred threads at a time."""
    from .models import Thread

    threads = Thread.objects.filter(is_removed=False).order_by("pk").only("pk", "title")
    shown = Prefetch("posts", queryset=_shown_posts().only("thread_id", "body_html", "language"), to_attr="shown")
    for thread in threads.prefetch_related(shown).iterator(chunk_size=100):
        yield _thread_searchable(thread, [(post.body_html, post.language) for post in thread.shown[:MAX_POSTS]])


def register_for_reindexing() -> None:
    """What `manage.py reindex_search` puts through the index again: every community, and every
    thread that is not removed (who may find them is decided when searching, as always)."""
    from hevruta.core.search.reindexing import register_source

    from .models import Community, Thread

    register_source(
        COMMUNITY,
        count=lambda: Community.objects.count(),
        items=lambda: map(_community_searchable, Community.objects.order_by("pk").iterator(chunk_size=500)),
    )
    register_source(THREAD, count=lambda: Thread.objects.filter(is_removed=False).count(), items=_all_threads)


def index_community_on_commit(community_id: int) -> None:
    transaction.on_commit(lambda: index_community(community_id))


def index_thread_on_commit(thread_id: int) -> None:
    transaction.on_commit(lambda: index_thread(thread_id))


def find(user: Any, query: Query, limit: int, offset: int) -> SearchResults:
    """Communities and threads this user may know of and read, best first."""
    from .queries import communities_visible_to, threads_readable_by

    return search(
        query,
        kinds=[COMMUNITY, THREAD],
        visible={
            COMMUNITY: communities_visible_to(user).values("pk"),
            THREAD: threads_readable_by(user).values("pk"),
        },
        limit=limit,
        offset=offset,
    )


def found_rows(user: Any, query: Query, limit: int, offset: int = 0) -> tuple[list[tuple[Hit, Any, bool]], int]:
    """(hit, community or thread, whether a thread) of what this user finds, best first, and how many."""
    from .models import Community, Thread

    results = find(user, query, limit=limit, offset=offset)
    communities = Community.objects.in_bulk([hit.object_id for hit in results.hits if hit.kind == COMMUNITY])
    threads = Thread.objects.select_related("community").in_bulk(
        [hit.object_id for hit in results.hits if hit.kind == THREAD]
    )
    rows = []
    for hit in results.hits:
        found = (communities if hit.kind == COMMUNITY else threads).get(hit.object_id)
        if found is not None:
            rows.append((hit, found, hit.kind == THREAD))
    return rows, results.total_estimate


def find_everywhere(user: Any, query: Query, text: str, limit: int) -> everywhere.Finding:
    """The site-wide search's section (core/search/everywhere.py): communities and their threads."""
    rows, total = found_rows(user, query, limit)
    return everywhere.Finding(
        [
            everywhere.Found(
                reverse("communities:thread" if is_thread else "communities:community", args=[found.pk]),
                hit.title_html,
                hit.snippet_html,
                found.community.name if is_thread else str(_("Community")),
            )
            for hit, found, is_thread in rows
        ],
        total,
    )
