"""The queue itself, on a real worker process: jobs run there, and a worker killed with SIGKILL in the
middle of a roster import leaves nothing half-written; the job is tried again or failed with the reason."""

from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from hevruta.core.jobs import queries, services
from hevruta.core.jobs.models import Job
from hevruta.directory import services as directory
from hevruta.directory.models import Locality, Organization, Person, RosterImport
from tests.core.workers import wait_for
from tests.directory.rosters import csv_bytes, row


def roster(size: int) -> bytes:
    return csv_bytes(
        row(email=f"worker{n}@example.org", given_name="Worker", family_name=f"N{n}", organization="Ofek",
            title="Teacher", locality_code=2200)
        for n in range(size)
    )  # fmt: skip


@pytest.fixture
def places(transactional_db):  # type: ignore[no-untyped-def]
    Locality.objects.create(cbs_code=2200, name_he="דימונה")
    Organization.objects.create(name="Ofek", kind="school")


def _upload(world, content: bytes, **options) -> tuple[RosterImport, Job]:  # type: ignore[no-untyped-def]
    with transaction.atomic():  # the task is enqueued when this commits
        return directory.upload_roster(world.home, world.manager.user, "roster.csv", content, **options)


def _job(job: Job) -> Job:
    job.refresh_from_db()
    return job


def _imported() -> int:
    return Person.objects.filter(email__startswith="worker").count()


def test_a_worker_process_runs_the_check_then_the_import(world, places, workers):
    roster_import, check = _upload(world, roster(30))
    assert _job(check).task_result_id, "enqueued on commit into the database backend"
    assert DBTaskResult.objects.filter(id=check.task_result_id, status="READY").exists()
    workers.start()
    wait_for(lambda: _job(check).is_over, what="the check", workers=workers)
    assert check.state == Job.State.SUCCEEDED, check.error
    assert (check.done, check.total) == (30, 30)
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.PREVIEWED
    assert _imported() == 0

    with transaction.atomic():
        job = directory.confirm_roster(roster_import, world.manager.user)
    wait_for(lambda: _job(job).is_over, what="the import", workers=workers)
    assert job.state == Job.State.SUCCEEDED, job.error
    assert job.result["summary"]["people_created"] == 30
    assert _imported() == 30
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.DONE
    assert not roster_import.file
    assert not any(path.is_file() for path in Path(roster_import.file.storage.location).rglob("*"))
    # The worker records its task's end just after the job's own transaction commits.
    wait_for(lambda: DBTaskResult.objects.get(id=job.task_result_id).status == "SUCCESSFUL", timeout=60)


def _kill_while_writing(world, workers, size: int) -> tuple[RosterImport, Job]:  # type: ignore[no-untyped-def]
    roster_import, job = _upload(world, roster(size), then_import=True)
    worker = workers.start()
    # Killed once the worker has begun writing rows inside the import's transaction.
    wait_for(
        lambda: services.live_stage(_job(job)) == "writing" and services.live_progress(job)[0] >= 2000,
        what="the import to be writing",
        workers=workers,
    )
    workers.kill(worker)
    assert _imported() == 0, "rows written inside the killed worker's transaction must not show"
    assert _job(job).state == Job.State.RUNNING  # until someone notices that its worker is gone
    return roster_import, job


def test_a_killed_worker_leaves_nothing_written_and_its_job_is_tried_again(world, places, workers, settings):
    settings.JOB_MAX_ATTEMPTS = 2
    roster_import, job = _kill_while_writing(world, workers, 6000)
    # The heartbeat stops with the worker; whoever looks next (here the API's query) recovers the job.
    recovered = wait_for(
        lambda: (found := queries.job_for(world.manager.user, job.pk)) and found.state == Job.State.QUEUED and found,
        timeout=30,
        what="the job to be queued again",
    )
    assert recovered.attempts == 1
    recovered.refresh_from_db()  # the retry's task was enqueued when the recovery committed
    first_attempt = DBTaskResult.objects.exclude(id=recovered.task_result_id).get()
    assert first_attempt.status == "FAILED", "the backend's row no longer claims to be running"
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.RUNNING and roster_import.file

    workers.start()
    wait_for(lambda: _job(job).is_over, what="the second attempt", workers=workers)
    assert job.state == Job.State.SUCCEEDED, job.error
    assert job.attempts == 2
    assert _imported() == 6000
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.DONE and not roster_import.file


def test_a_job_killed_on_its_last_attempt_fails_with_the_reason_and_can_be_tried_again(
    world, places, workers, settings
):
    settings.JOB_MAX_ATTEMPTS = 1
    roster_import, job = _kill_while_writing(world, workers, 6000)
    client = world.client("manager")
    page = reverse("directory:roster_import", args=["home", roster_import.pk])
    # The page the manager keeps open notices it: the import no longer stays "running".
    html = wait_for(
        lambda: (
            'data-state="failed"' in (text := client.get(page, HTTP_ACCEPT_LANGUAGE="en").content.decode()) and text
        ),
        timeout=30,
        what="the page to show the failure",
    )
    assert "stopped before it finished" in html and "nothing was written" in html
    assert reverse("directory:roster_retry", args=["home", roster_import.pk]) in html
    assert reverse("directory:roster_discard", args=["home", roster_import.pk]) in html
    roster_import.refresh_from_db()
    assert roster_import.status == RosterImport.Status.FAILED
    assert _imported() == 0
    answer = client.get(f"/api/v1/jobs/{job.pk}").json()
    assert answer["state"] == "failed" and "stopped before it finished" in answer["error"]

    client.post(reverse("directory:roster_retry", args=["home", roster_import.pk]))
    assert _job(job).state == Job.State.QUEUED
    workers.start()
    wait_for(lambda: _job(job).is_over, what="the retried import", workers=workers)
    assert job.state == Job.State.SUCCEEDED, job.error
    assert _imported() == 6000


def test_a_starting_worker_recovers_a_dead_workers_job(world, places, workers, settings):
    settings.JOB_MAX_ATTEMPTS = 1
    _roster_import, job = _kill_while_writing(world, workers, 6000)
    # Nobody looks at the job; the next worker to start finds it.
    workers.start(JOB_MAX_ATTEMPTS="1")
    wait_for(lambda: _job(job).is_over, timeout=60, what="the new worker's housekeeping", workers=workers)
    assert job.state == Job.State.FAILED
    assert "stopped before it finished" in job.error
