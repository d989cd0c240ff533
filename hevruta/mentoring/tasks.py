"""Mentoring's background work: the matching of a big program, as a job (hevruta/core/jobs)."""

from django.tasks import task

from hevruta.core.jobs import services as jobs

from .services import prepare_matching_job, write_matching_job


@task()
def run_matching_job(job_id: int) -> dict:
    return jobs.run(job_id, prepare=prepare_matching_job, write=write_matching_job)
