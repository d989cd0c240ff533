"""Matching a big program on the worker: above MENTORING_MATCHING_IN_REQUEST pending applications the
coordinator's "run matching" queues a job, the matching page follows its progress, the coordinators hear
when it ends, and a job that fails leaves no half-written run (the earlier proposal stays the latest)."""

import pytest
from django.db import transaction
from django.urls import reverse

from hevruta.core.jobs.models import Job
from hevruta.mentoring import notices, services
from hevruta.mentoring.models import MatchingRun, ProposedPair, RunStatus
from hevruta.notifications.models import Notice
from tests.core.workers import wait_for, workers  # noqa: F401  (the real worker fixture)
from tests.directory.rosters import run_queued_jobs

from .test_matching_flow import applicants  # noqa: F401  (two mentors, three mentees)


def _start(cast):  # type: ignore[no-untyped-def]
    with transaction.atomic():  # the task is enqueued when this commits
        return services.start_matching(cast.program, by_user=cast.coordinator.user)


def _job(job: Job) -> Job:
    job.refresh_from_db()
    return job


def _page(cast) -> str:  # type: ignore[no-untyped-def]
    url = reverse("mentoring:matching", args=[cast.program.program.slug])
    return cast.client("coordinator").get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def _heard(cast) -> list[Notice]:  # type: ignore[no-untyped-def]
    return list(Notice.objects.filter(recipient=cast.coordinator.user, kind=notices.MATCHING_FINISHED))


@pytest.mark.django_db
def test_a_small_program_is_matched_in_the_request(cast, applicants, settings):  # noqa: F811
    settings.MENTORING_MATCHING_IN_REQUEST = 5
    run = services.start_matching(cast.program, by_user=cast.coordinator.user)
    assert isinstance(run, MatchingRun) and run.pairs.count() == 2
    assert not Job.objects.exists()


def test_a_big_program_is_matched_by_a_worker(cast, applicants, workers, settings):  # noqa: F811
    settings.MENTORING_MATCHING_IN_REQUEST = 4
    job = _start(cast)
    assert isinstance(job, Job) and job.kind == services.MATCHING_JOB
    html = _page(cast)
    assert 'data-testid="matching-job"' in html and "hx-get" in html, "the page follows the queued job"
    assert not MatchingRun.objects.exists()
    with pytest.raises(Exception, match="already running"):
        services.start_matching(cast.program, by_user=cast.coordinator.user)

    workers.start()
    wait_for(lambda: _job(job).is_over, what="the matching job", workers=workers)
    assert job.state == Job.State.SUCCEEDED, job.error
    run = MatchingRun.objects.get()
    assert job.result == {"run": run.pk, "pairs": 2, "unmatched": 1}
    assert run.proven_optimal and run.pairs.count() == 2 and run.started_by == cast.coordinator.user
    assert job.done == job.total > 0
    # The notice is written once the job's ending has committed, a moment after.
    [notice] = wait_for(lambda: _heard(cast), timeout=60, what="the notice", workers=workers)
    assert notice.context["succeeded"] and notice.url == reverse("mentoring:matching", args=[cast.program.program.slug])
    assert 'data-testid="run-summary"' in _page(cast)


def test_a_refused_job_on_the_worker_writes_nothing(cast, applicants, workers, settings):  # noqa: F811
    mentors, _mentees = applicants
    earlier = services.run_matching(cast.program, by_user=cast.coordinator.user)
    settings.MENTORING_MATCHING_IN_REQUEST = 4
    job = _start(cast)
    for mentor in mentors:  # the mentors withdraw before the worker takes the job
        services.withdraw(mentor)
    workers.start()
    wait_for(lambda: _job(job).is_over, what="the matching job", workers=workers)
    assert job.state == Job.State.FAILED and "no mentors" in job.error
    assert list(MatchingRun.objects.all()) == [earlier]
    earlier.refresh_from_db()
    assert earlier.status == RunStatus.PROPOSED, "the earlier proposal is not superseded by nothing"
    # The notice is written once the job's ending has committed, a moment after.
    [notice] = wait_for(lambda: _heard(cast), timeout=60, what="the notice", workers=workers)
    assert not notice.context["succeeded"]
    html = _page(cast)
    assert 'data-state="failed"' in html and "no mentors" in html


@pytest.mark.django_db
def test_a_crash_while_writing_leaves_no_half_written_run(cast, applicants, settings, monkeypatch):  # noqa: F811
    earlier = services.run_matching(cast.program, by_user=cast.coordinator.user)
    settings.MENTORING_MATCHING_IN_REQUEST = 4
    job = services.start_matching(cast.program, by_user=cast.coordinator.user)

    def crash(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the database went away")

    monkeypatch.setattr(ProposedPair.objects, "bulk_create", crash)
    run_queued_jobs()  # the immediate task backend records the crash; the job says what became of it
    assert _job(job).state == Job.State.FAILED and "nothing was written" in job.error
    assert list(MatchingRun.objects.all()) == [earlier]
    earlier.refresh_from_db()
    assert earlier.status == RunStatus.PROPOSED


def _run_by_api(cast, who: str):  # type: ignore[no-untyped-def]
    return cast.client(who).post(f"/api/v1/mentoring/programs/{cast.program.program_id}/runs")


@pytest.mark.django_db
def test_the_api_matches_a_small_program_in_the_request(cast, applicants, settings):  # noqa: F811
    settings.MENTORING_MATCHING_IN_REQUEST = 5
    response = _run_by_api(cast, "coordinator")
    assert response.status_code == 201, response.content
    assert len(response.json()["pairs"]) == 2
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_the_api_answers_a_big_program_with_the_job_to_follow(cast, applicants, settings):  # noqa: F811
    settings.MENTORING_MATCHING_IN_REQUEST = 4
    for who in ("member", "outsider", "anonymous"):
        assert _run_by_api(cast, who).status_code in {401, 403, 404}, who
    assert not Job.objects.exists(), "nobody but a coordinator or a manager starts the job"
    response = _run_by_api(cast, "coordinator")
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["kind"] == services.MATCHING_JOB and job["state"] == "queued"
    assert not MatchingRun.objects.exists()
    assert _run_by_api(cast, "manager").status_code >= 400, "one matching job per program at a time"
    followed = cast.client("coordinator").get(f"/api/v1/jobs/{job['id']}")
    assert followed.status_code == 200 and followed.json()["id"] == job["id"]
    for who in ("member", "outsider"):
        assert cast.client(who).get(f"/api/v1/jobs/{job['id']}").status_code == 404, who
    assert cast.client("anonymous").get(f"/api/v1/jobs/{job['id']}").status_code == 401
    run_queued_jobs()
    done = cast.client("coordinator").get(f"/api/v1/jobs/{job['id']}").json()
    assert done["state"] == "succeeded", done
    run = MatchingRun.objects.get()
    assert done["result"]["run"] == run.pk
    assert cast.client("coordinator").get(f"/api/v1/mentoring/runs/{run.pk}").status_code == 200
