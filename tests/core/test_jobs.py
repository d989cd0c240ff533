"""Jobs as people follow them: who sees a job on its page and in the API (the four personas), and what a
job says when it fails, in the language of whoever started it."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from hevruta.core.jobs import services
from hevruta.core.jobs.models import Job
from hevruta.directory import services as directory
from tests.directory.rosters import csv_bytes, row, run_queued_jobs

# Who may follow a roster import's job: its network's managers (and operators); nobody else learns it exists.
SEES_THE_JOB = {"manager": True, "member": False, "outsider": False, "anonymous": False}


@pytest.fixture
def roster_job(world) -> Job:  # type: ignore[no-untyped-def]
    content = csv_bytes([row(email="new@example.org", given_name="New", family_name="Person")])
    with transaction.atomic():
        _roster_import, job = directory.upload_roster(world.home, world.manager.user, "roster.csv", content)
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.SUCCEEDED
    return job


@pytest.mark.django_db
def test_the_job_api_as_each_persona(world, persona, roster_job):
    response = world.client(persona).get(f"/api/v1/jobs/{roster_job.pk}")
    if persona == "anonymous":
        assert response.status_code == 401
    elif SEES_THE_JOB[persona]:
        assert response.status_code == 200
        body = response.json()
        assert body["state"] == "succeeded"
        assert body["kind"] == "directory.roster_check"
        assert body["progress"] == {"done": 1, "total": 1}
        assert body["result"]["status"] == "previewed"
        assert body["subject"] == {"type": "directory.rosterimport", "id": roster_job.subject_id}
        assert body["page"] == reverse("directory:roster_import", args=["home", roster_job.subject_id])
        assert body["error"] == ""
    else:
        assert response.status_code == 404
        assert "roster" not in response.content.decode()


@pytest.mark.django_db
def test_the_job_page_as_each_persona(world, persona, roster_job):
    response = world.client(persona).get(reverse("core:job", args=[roster_job.pk]), HTTP_ACCEPT_LANGUAGE="en")
    if persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif SEES_THE_JOB[persona]:
        assert response.status_code == 200
        html = response.content.decode()
        assert 'data-state="succeeded"' in html
        assert "1 / 1" in html
        assert "hx-get" not in html  # over: the page stops polling
        assert reverse("directory:roster_import", args=["home", roster_job.subject_id]) in html
    else:
        assert response.status_code == 404


@pytest.mark.django_db
def test_a_job_of_another_network_is_hidden_from_its_managers_too(world, roster_job):
    from tests.conftest import _person_with_user
    from tests.factories import member

    away_manager = _person_with_user("away-manager@example.org")
    member(world.away, away_manager, "manager")
    client = world.client("anonymous")
    client.force_login(away_manager.user)
    assert client.get(f"/api/v1/jobs/{roster_job.pk}").status_code == 404
    # ...and a co-manager of the job's own network sees it, though someone else started it.
    co_manager = _person_with_user("co-manager@example.org")
    member(world.home, co_manager, "manager")
    client.force_login(co_manager.user)
    assert client.get(f"/api/v1/jobs/{roster_job.pk}").status_code == 200


@pytest.mark.django_db
def test_a_running_job_polls_and_shows_its_live_progress(world, roster_job):
    Job.objects.filter(pk=roster_job.pk).update(state=Job.State.RUNNING, finished_at=None, done=0)
    services._cache().set(services._alive_key(roster_job.pk), "a worker", 60)
    services._cache().set(services._progress_key(roster_job.pk), (1200, 20000, "writing"), 60)
    client = world.client("manager")
    fragment = client.get(reverse("core:job", args=[roster_job.pk]), HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")
    html = fragment.content.decode()
    assert "<html" not in html
    assert 'hx-trigger="every 1s"' in html
    assert "1200 / 20000" in html
    assert 'data-testid="job-stage"' in html
    assert client.get(f"/api/v1/jobs/{roster_job.pk}").json()["progress"] == {"done": 1200, "total": 20000}


@pytest.mark.django_db
def test_a_failure_is_told_in_the_language_of_whoever_started_the_job(world):
    content = csv_bytes([row(email="bad", given_name="A", family_name="B")])
    with translation.override("he"), transaction.atomic():
        _roster_import, job = directory.upload_roster(
            world.home, world.manager.user, "roster.csv", content, then_import=True
        )
    with translation.override("en"):  # the worker's own language does not matter
        run_queued_jobs()
    job.refresh_from_db()
    assert job.language == "he"
    assert job.state == Job.State.FAILED and job.error
    problem = job.result["errors"][0]
    assert problem["column"] == "email"
    assert any("\u0590" <= letter <= "\u05ff" for letter in problem["message"]), problem["message"]


@pytest.mark.django_db
def test_a_job_ends_in_one_place_that_others_can_listen_to(world):
    heard: list[tuple[int, str]] = []

    def listener(sender, job, **kwargs):  # type: ignore[no-untyped-def]
        heard.append((job.pk, job.state))

    services.job_finished.connect(listener)
    try:
        content = csv_bytes([row(email="new@example.org", given_name="New", family_name="Person")])
        with transaction.atomic():
            _roster_import, job = directory.upload_roster(world.home, world.manager.user, "roster.csv", content)
        run_queued_jobs()
    finally:
        services.job_finished.disconnect(listener)
    assert heard == [(job.pk, "succeeded")]


@pytest.mark.django_db
def test_the_database_refuses_a_failed_job_without_a_reason(world, roster_job):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=roster_job.pk).update(state=Job.State.FAILED, error="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=roster_job.pk).update(done=5, total=1)
