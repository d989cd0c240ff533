"""Prints, as JSON, the pages a benchmark should request and their SQL query counts at this scale.

Run as `python -m bench.sample` with DATABASE_URL set; the parent benchmark reads the output.
"""

import json
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from hevruta.directory.models import Person, Visibility  # noqa: E402


def main() -> None:
    public = Person.objects.filter(profile_visibility=Visibility.PUBLIC).order_by("pk")
    person = public[public.count() // 2]
    term = person.family_name[:3]
    pages = {
        "people list": "/directory/people/",
        "people search": f"/directory/people/?q={term}",
        "profile": f"/directory/people/{person.pk}/",
        "api people search": f"/api/v1/people?q={term}&limit=25",
    }
    client = Client(HTTP_HOST="127.0.0.1")
    queries = {}
    for name, path in pages.items():
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        assert status == 200, (path, status)
        queries[name] = len(captured)
    print(json.dumps({"people": Person.objects.count(), "pages": pages, "queries": queries}))


if __name__ == "__main__":
    main()
