"""Prints, as JSON, what the directory benchmark requests at this scale, and the SQL queries of each page.

Run as `python -m bench.sample OUT_DIR` with DATABASE_URL set; the parent benchmark reads the output.
It writes OUT_DIR/<page>.paths, the many different addresses of each page for the runs that vary them,
and logs a member in (a session, as a browser holds it) for the runs of a logged-in member.
"""

import json
import os
import random
import sys
from pathlib import Path
from urllib.parse import quote

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from hevruta.directory.models import NetworkMembership, Person, Visibility  # noqa: E402

VARIED = 2_000


def main() -> None:
    out = Path(sys.argv[1])
    public = Person.objects.filter(profile_visibility=Visibility.PUBLIC).order_by("pk")
    person = public[public.count() // 2]
    term = person.family_name[:3]
    pages = {
        "people list": "/directory/people/",
        "people search": f"/directory/people/?q={quote(term)}",
        "profile": f"/directory/people/{person.pk}/",
        "api people search": f"/api/v1/people?q={quote(term)}&limit=25",
    }
    write_varied_paths(out, public)
    client = Client(HTTP_HOST="127.0.0.1")
    queries = {"visitor": count_queries(client, pages)}
    member = member_client()
    queries["member"] = count_queries(member, pages)
    print(
        json.dumps(
            {
                "people": Person.objects.count(),
                "pages": pages,
                "queries": queries,
                "member_cookie": f"{settings.SESSION_COOKIE_NAME}={member.cookies[settings.SESSION_COOKIE_NAME].value}",
            }
        )
    )


def count_queries(client: Client, pages: dict[str, str]) -> dict[str, int]:
    counts = {}
    for name, path in pages.items():
        client.get(path)  # a visitor's second request is the one served from the cache
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        assert status == 200, (path, status)
        counts[name] = len(captured)
    return counts


def write_varied_paths(out: Path, public) -> None:  # type: ignore[no-untyped-def]
    """VARIED different lists (filter × page), searches (name beginnings) and public profiles."""
    rng = random.Random(5)
    ids = list(public.values_list("pk", flat=True))
    chosen = [public.model.objects.get(pk=pk) for pk in rng.sample(ids, VARIED)]
    filters = ["", "subject=mathematics", "subject=physics", "grade_band=senior-high", "district=1", "district=4"]
    lists = [f"/directory/people/?{f}{'&' if f else ''}page={page}" for f in filters for page in range(1, 21)]
    searches = sorted({f"{p.given_name[:2]} {p.family_name[:3]}" for p in chosen})
    (out / "people list.paths").write_text("\n".join(lists) + "\n")
    (out / "people search.paths").write_text("\n".join(f"/directory/people/?q={quote(s)}" for s in searches) + "\n")
    (out / "profile.paths").write_text("\n".join(f"/directory/people/{p.pk}/" for p in chosen) + "\n")


def member_client() -> Client:
    """A member of the generated network, logged in: sees network-only profiles too, and is never cached."""
    membership = NetworkMembership.objects.select_related("person").order_by("pk").first()
    assert membership is not None
    user, _ = get_user_model().objects.get_or_create(email="bench-member@example.org")
    Person.objects.filter(user=user).exclude(pk=membership.person_id).update(user=None)
    Person.objects.filter(pk=membership.person_id).update(user=user)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


if __name__ == "__main__":
    main()
