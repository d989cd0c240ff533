"""Communities' side of core's search index: a community (its name and purpose) and a thread (its
title, its opening post, and the text of its other shown posts). Who may find them is decided at
search time by `communities_visible_to` and `threads_readable_by`, passed as subqueries, so a
secret community and its threads are found only by its members."""

from typing import Any

from django.db import transaction

from hevruta.core.search import Query, SearchResults, index_document, remove_document, search
from hevruta.knowledge.rendering import plain_text

COMMUNITY = "communities.community"
THREAD = "communities.thread"
# The text of a long thread's other posts, as far as it is indexed.
MAX_EXTRA_CHARS = 100_000


def index_community(community_id: int) -> None:
    from .models import Community

    community = Community.objects.filter(pk=community_id).first()
    if community is None:
        remove_document(COMMUNITY, community_id)
        return
    index_document(
        COMMUNITY,
        community.pk,
        title=community.name,
        body=community.purpose,
        language=community.purpose_language or "he",
    )


def index_thread(thread_id: int) -> None:
    from .models import Post, PostStatus, Thread

    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is None or thread.is_removed:
        remove_document(THREAD, thread_id)
        return
    texts = list(
        Post.objects.filter(thread=thread, status=PostStatus.VISIBLE)
        .order_by("created_at", "id")
        .values_list("body_html", "language")[:500]
    )
    first, language = (plain_text(texts[0][0]), texts[0][1]) if texts else ("", "he")
    extra, size = [], 0
    for html, _language in texts[1:]:
        text = plain_text(html)
        size += len(text)
        if size > MAX_EXTRA_CHARS:
            break
        extra.append(text)
    index_document(THREAD, thread.pk, title=thread.title, body=first, language=language, extra="\n".join(extra))


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
