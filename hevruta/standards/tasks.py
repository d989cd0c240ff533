"""The standards app's background work: CASE imports, as jobs (core.jobs)."""

from django.tasks import task

from hevruta.core.jobs import services as jobs

from .services import case_jobs


@task()
def import_case_job(job_id: int) -> dict:
    """Fetch (or read the kept file), check and write a CASE package, all of it or nothing."""
    return jobs.run(job_id, prepare=case_jobs.prepare_case_import, write=case_jobs.write_case_import)
