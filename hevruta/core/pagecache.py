"""Whole pages for visitors who are not logged in, kept in the cache until their data changes.

Every such visitor sees the same page for the same address and language, the public part of the
data, so it is rendered once and served again. A kept page carries its data's version: a write to
that data moves the version on when its transaction commits, and a page kept under an older one is
rendered again. A profile made private leaves the public pages on the next request, not when a
timeout runs out; the timeout only frees the cache of pages nobody asks for.

Where the versions live depends on the cache. One that every web process shares and that counts
atomically (Redis, Memcached: a deployment's) keeps them beside the pages, and a hit is one read of
the cache, for the version and the page together, with no SQL. A cache of each process's own (the
cache "pages" without REDIS_URL) cannot tell one process of another's write, so there the versions are
DataVersion rows, read on every hit.

Each kind of page (a scope) names the apps whose data it shows (`watch`). The versions move on from
the models' save, delete and many-to-many signals, which admin edits and services send alike; writes
that send none (bulk_create, update(), raw SQL) call `data_changed(app_label)` themselves.

One thing in a page is the visitor's own: the CSRF token of its forms (the language switcher). It
is cut out of the page that is kept and the visitor's own is put in on every hit.
"""

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.memcached import BaseMemcachedCache
from django.core.cache.backends.redis import RedisCache
from django.db import connection, transaction
from django.db.models import F, Model, signals
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.connection import ConnectionProxy
from django.utils.translation import get_language

from .models import DataVersion

TIMEOUT_SECONDS = 600
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_TOKEN_HOLE = b"\x00csrf\x00"
_VERSION_SQL = f"SELECT version FROM {DataVersion._meta.db_table} WHERE scope = %s"  # noqa: S608 - a table name
# A message waiting to be shown, or anything a session holds, makes a page this visitor's own.
_PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
# Pages have a cache of their own (settings.CACHES["pages"]): Redis where there is one, else each
# process's memory. The default cache is for state every process must share (rate limits).
PAGES_CACHE = "pages"
cache: Any = ConnectionProxy(caches, PAGES_CACHE)


def cached_for_visitors(scope: str) -> Callable:
    """Serve the view's page from the cache to visitors who are not logged in (see the module)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _may_share(request):
                return view(request, *args, **kwargs)
            key = _key(request, scope)
            version, kept = _version_and_page(scope, key)
            if kept is None or kept[0] != version:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming or response.cookies:
                    return response
                content = _TOKEN.sub(rb"\1" + _TOKEN_HOLE + rb"\2", response.content)
                # Kept under the version read before the page was rendered: a write committed while
                # it was makes the next visitor's page anew.
                cache.set(key, (version, content, response["Content-Type"]), TIMEOUT_SECONDS)
                return response
            _version, content, content_type = kept
            if _TOKEN_HOLE in content:
                content = content.replace(_TOKEN_HOLE, get_token(request).encode())
            return HttpResponse(content, content_type=content_type)

        return wrapper

    return decorator


def kept_or_made(scope: str, key: str, make: Callable[[], bytes]) -> bytes:
    """A document that is not a visitor's page but follows the same rule (a calendar feed, whose key
    names whose it is): kept under the scope's version, made again once its data has changed."""
    version, kept = _version_and_page(scope, key)
    if kept is not None and kept[0] == version:
        return bytes(kept[1])
    content = make()
    # Under the version read before it was made, as a page is: a write meanwhile makes it anew.
    cache.set(key, (version, content), TIMEOUT_SECONDS)
    return content


def _may_share(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and not any(name in request.COOKIES for name in _PERSONAL_COOKIES)
    )


def _key(request: HttpRequest, scope: str) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    fragment = "fragment" if request.headers.get("HX-Request") else "page"
    return f"visitor-page:{scope}:{get_language()}:{fragment}:{address}"


def _version_and_page(scope: str, key: str) -> tuple[int, Any]:
    if _versions_in_cache():
        found = cache.get_many([_version_key(scope), key])
        return _kept_or_started(scope, found.get(_version_key(scope))), found.get(key)
    return _version_in_database(scope), cache.get(key)


def current_version(scope: str) -> int:
    if _versions_in_cache():
        return _kept_or_started(scope, cache.get(_version_key(scope)))
    return _version_in_database(scope)


def _versions_in_cache() -> bool:
    # Redis's and Memcached's incr are atomic: two writes committed at once move a version twice.
    return isinstance(caches[PAGES_CACHE], RedisCache | BaseMemcachedCache)


def _version_key(scope: str) -> str:
    return f"visitor-page-version:{scope}"


def _kept_or_started(scope: str, version: int | None) -> int:
    return _start_version(scope) if version is None else version


def _start_version(scope: str) -> int:
    """A version for a scope the cache holds none of (first use, or evicted): later than every one
    used before, so that no page kept under an earlier version is taken for a current one."""
    started = time.time_ns()
    if cache.add(_version_key(scope), started, timeout=None):
        return started
    version = cache.get(_version_key(scope))  # another process started one first
    return started if version is None else version


def _version_in_database(scope: str) -> int:
    # On every visitor's request: plain SQL, without building a queryset (a fifth of a cached page's time).
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [scope])
        row = cursor.fetchone()
    return row[0] if row else 0


def watch(scope: str, app_labels: Iterable[str]) -> None:
    """The pages of `scope` show data of these apps: their versions move on when it changes."""
    _bumpers.setdefault(scope, _Bump(scope))
    for label in app_labels:
        _scopes_by_app.setdefault(label, set()).add(scope)
    # A many-to-many signal's sender is the through model, which belongs to its model's app.
    for name, signal in (("save", signals.post_save), ("delete", signals.post_delete), ("m2m", signals.m2m_changed)):
        signal.connect(_model_changed, weak=False, dispatch_uid=f"pagecache-{name}")


def data_changed(app_label: str) -> None:
    """Data of this app changed: the pages that show it are forgotten once the transaction commits.
    Models' signals call it; writes that send none (bulk_create, update(), raw SQL) call it themselves."""
    for scope in _scopes_by_app.get(app_label, ()):
        bump = _bumpers[scope]
        # Once per transaction however many rows it writes: an import sends thousands of signals.
        if not any(entry[1] is bump for entry in connection.run_on_commit):
            transaction.on_commit(bump)


def _model_changed(sender: type[Model], **kwargs: Any) -> None:
    data_changed(sender._meta.app_label)


class _Bump:
    def __init__(self, scope: str) -> None:
        self.scope = scope

    def __call__(self) -> None:
        if _versions_in_cache():
            try:
                cache.incr(_version_key(self.scope))
            except ValueError:  # none kept: a new one is later than those the pages carry
                _start_version(self.scope)
            return
        if not DataVersion.objects.filter(scope=self.scope).update(version=F("version") + 1):
            DataVersion.objects.bulk_create([DataVersion(scope=self.scope, version=1)], ignore_conflicts=True)


_scopes_by_app: dict[str, set[str]] = {}
_bumpers: dict[str, _Bump] = {}
