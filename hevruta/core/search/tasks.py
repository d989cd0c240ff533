"""The search index's background work: rebuilding it (reindexing.py), as a job (core.jobs)."""

from django.tasks import task

from hevruta.core.jobs import services as jobs

from .reindexing import prepare_reindex, write_reindex


@task()
def reindex_search_job(job_id: int) -> dict:
    return jobs.run(job_id, prepare=prepare_reindex, write=write_reindex)
