"""Keeping the search index in step with published resources, after the transaction commits."""

from django.db import transaction


def reindex_on_commit(resource_id: int) -> None:
    # pretix's habit: a task is queued only once the rows it reads are committed and visible to a worker.
    from ..tasks import index_resource

    transaction.on_commit(lambda: index_resource.enqueue(resource_id))
