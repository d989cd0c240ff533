import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
application = get_wsgi_application()


def use_the_benchmarks_documents() -> None:
    """bench.knowledge_pages: the knowledge app finds its resources among bench.search's documents."""
    kind = os.environ.get("BENCH_KNOWLEDGE_KIND")
    if kind:
        from hevruta.knowledge import search

        search.KIND = kind


use_the_benchmarks_documents()
