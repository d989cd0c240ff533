"""Starting, running, following and recovering jobs.

A job's life: `start` creates it (queued) and enqueues its task once the caller's transaction
commits; a worker calls `run`, which claims it (running), lets the job `prepare` outside any
transaction (reading and checking files: no lock held), and then `write`s everything in ONE
transaction that also marks the job succeeded. So a worker killed at any moment leaves either
nothing written and the job running, or everything written and the job finished.

While a job runs, its worker beats a heartbeat and reports progress in a cache every process shares
(the "jobs" cache: Redis where there is one, files in var/ on one machine). Rows written inside the
job's transaction are invisible to other connections until it commits, and on SQLite no other
connection may write meanwhile, so neither can live in the database. A running job whose heartbeat
stopped is recovered by whoever looks first (its page, the API, a worker starting): it is queued
again, up to JOB_MAX_ATTEMPTS attempts, and then failed with the reason.

`_finish` is the one place where every job ends: `job_finished` is sent from there once the
ending is committed.
"""

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, OperationalError, transaction
from django.dispatch import Signal
from django.tasks.base import TaskResultStatus
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .models import Job

logger = logging.getLogger(__name__)

# Sent with job=<Job> after the transaction that finished the job (succeeded or failed) commits.
job_finished = Signal()


@dataclass(frozen=True)
class JobKind:
    """What an app tells core about one kind of job it runs."""

    name: str
    # Dotted path of a django.tasks task that takes the job's id and calls `run`.
    task: str
    # Who, besides the person who started it and the operators, may follow the job.
    may_see: Callable[[Any, Any], bool]
    # The page where the job's progress shows, for links from the job's own page and the API.
    page: Callable[[Job], str] | None = None
    # A template that shows the job's result on its own page (core/job.html), if the kind has one.
    result_template: str = ""
    # Called inside the transaction that fails the job (refused, crashed, or its worker died for good),
    # so that what the job concerns says so too; the refusal when there was one.
    on_failure: Callable[[Job, "JobRefused | None"], None] | None = None


KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> None:
    """Called from an app's AppConfig.ready(); core names no feature."""
    KINDS[kind.name] = kind


class JobRefused(Exception):
    """The work cannot be done for a reason the person can act on; the message is shown as it is."""

    def __init__(self, message: str, result: dict | None = None) -> None:
        super().__init__(message)
        self.result = result or {}


def heartbeat_seconds() -> float:
    return float(settings.JOB_HEARTBEAT_SECONDS)


def _dead_after() -> float:
    return 3 * heartbeat_seconds()


def _cache():  # type: ignore[no-untyped-def]
    return caches[settings.JOBS_CACHE]


def _alive_key(job_id: int) -> str:
    return f"job:{job_id}:alive"


def _progress_key(job_id: int) -> str:
    return f"job:{job_id}:progress"


WORKER_LABEL = f"{socket.gethostname()}:{os.getpid()}"


# Starting ---------------------------------------------------------------------------------------


def start(kind: str, *, subject: Any, user: Any = None, total: int = 0, payload: dict | None = None) -> Job:
    """A new job, queued; its task is enqueued when the caller's transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of job: {kind}")
    job = Job.objects.create(
        kind=kind,
        subject=subject,
        started_by=user if getattr(user, "is_authenticated", False) else None,
        total=total,
        payload=payload or {},
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    enqueue_on_commit(job)
    return job


def enqueue_on_commit(job: Job) -> None:
    job_id = job.pk
    transaction.on_commit(lambda: _enqueue(job_id))


def _enqueue(job_id: int) -> None:
    job = Job.objects.get(pk=job_id)
    task = import_string(KINDS[job.kind].task)
    # With the immediate backend the task runs inside enqueue(), and may be over when it returns.
    result = task.enqueue(job_id)
    Job.objects.filter(pk=job_id).update(task_result_id=str(result.id)[:64])


@transaction.atomic
def retry(job: Job) -> Job:
    """A failed job again, from the start, by the person's choice (a killed one is retried by itself)."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.state != Job.State.FAILED:
        raise JobRefused(_("Only a failed job can be tried again."))
    job.state, job.error, job.finished_at, job.done, job.attempts, job.worker = Job.State.QUEUED, "", None, 0, 0, ""
    job.save()
    enqueue_on_commit(job)
    return job


# Running ----------------------------------------------------------------------------------------


class Progress:
    """Reports done/total (and the stage: "preparing", then "writing") to the shared cache, a few times a second."""

    def __init__(self, job: Job) -> None:
        self.job_id = job.pk
        self.done, self.total = 0, job.total
        self.stage = "preparing"
        self._reported_at = 0.0

    def __call__(self, done: int, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        now = time.monotonic()
        if now - self._reported_at >= 0.2 or done == self.total:
            self._reported_at = now
            _cache().set(_progress_key(self.job_id), (self.done, self.total, self.stage), 24 * 3600)

    def begin_writing(self) -> None:
        self.stage, self._reported_at = "writing", 0.0
        self(0)


@contextmanager
def _heartbeat(job_id: int) -> Iterator[None]:
    """A thread that says "this job's worker is alive" every few seconds, until the work ends.

    A worker killed with SIGKILL stops beating with it; the key expires and the job is recovered.
    """
    stop = threading.Event()
    key = _alive_key(job_id)

    def beat() -> None:
        while not stop.wait(heartbeat_seconds()):
            try:
                _cache().set(key, WORKER_LABEL, _dead_after())
            except Exception:  # a cache that hiccups must not stop the job
                logger.warning("Job %s: the heartbeat could not be written", job_id, exc_info=True)

    _cache().set(key, WORKER_LABEL, _dead_after())
    thread = threading.Thread(target=beat, name=f"job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        _cache().delete(key)


def _claim(job_id: int) -> Job | None:
    """Mark the job running for this worker; None if it is over or another live worker runs it."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.is_over or (job.state == Job.State.RUNNING and is_alive(job)):
            return None
        # Alive before it is seen running, so that nobody takes it for a dead worker's job.
        _cache().set(_alive_key(job_id), WORKER_LABEL, _dead_after())
        job.state, job.worker, job.started_at = Job.State.RUNNING, WORKER_LABEL, timezone.now()
        job.attempts += 1
        job.save(update_fields=["state", "worker", "started_at", "attempts", "updated_at"])
    return job


def run[T](
    job_id: int,
    *,
    write: Callable[[Job, T, Progress], dict],
    prepare: Callable[[Job, Progress], T] | None = None,
) -> dict:
    """Run a job's work in this process: prepare (no transaction), then write and finish in one."""
    job = _claim(job_id)
    if job is None:
        return {}
    with _heartbeat(job_id):
        progress = Progress(job)
        with translation.override(job.language):
            try:
                prepared = prepare(job, progress) if prepare else None
                progress.begin_writing()
                with transaction.atomic():
                    _still_ours(job)
                    result = write(job, prepared, progress)  # type: ignore[arg-type]
                    _finish(job, Job.State.SUCCEEDED, result=result, done=progress.done, total=progress.total)
                return result
            except JobRefused as refusal:
                _fail(job, str(refusal), refusal=refusal, progress=progress)
                return refusal.result
            except JobSuperseded:
                logger.warning("Job %s (%s): attempt %s superseded; nothing written", job.pk, job.kind, job.attempts)
                return {}
            except IntegrityError:
                # Someone else wrote the same data between the job's checks and its write.
                logger.warning("Job %s (%s) conflicted with another write", job.pk, job.kind, exc_info=True)
                _fail(
                    job,
                    _("This conflicts with data written meanwhile, and nothing was written. Try again."),
                    progress=progress,
                )
                return {}
            except Exception:
                logger.exception("Job %s (%s) failed", job.pk, job.kind)
                _fail(
                    job,
                    _(
                        "Something went wrong on the server and nothing was written. You can try again; if it "
                        "fails again, the site's operators can read the details in the worker's log."
                    ),
                    progress=progress,
                )
                raise


class JobSuperseded(Exception):
    """This attempt was taken for dead and the job recovered meanwhile: its work must not be written."""


def _still_ours(job: Job) -> None:
    # A fencing check inside the write's transaction: a worker that was only slow (its heartbeat
    # starved) finds the job queued again or taken by another attempt, and writes nothing.
    current = Job.objects.select_for_update().get(pk=job.pk)
    if current.state != Job.State.RUNNING or current.attempts != job.attempts:
        raise JobSuperseded(f"job {job.pk}: attempt {job.attempts} was superseded")


def _finish(
    job: Job, state: str, *, result: dict | None = None, error: str = "", done: int | None = None, total: int = 0
) -> None:
    """The one place where a job ends. Call inside the transaction that holds the job's writes."""
    job.state, job.error, job.finished_at = state, error, timezone.now()
    job.result = result or {}
    job.total = max(total, job.total)
    job.done = min(done if done is not None else job.done, job.total) if job.total else 0
    job.worker = ""
    job.save(update_fields=["state", "error", "finished_at", "result", "done", "total", "worker", "updated_at"])
    _cache().delete(_progress_key(job.pk))
    finished = job
    transaction.on_commit(lambda: job_finished.send(sender=Job, job=finished))


def _fail(job: Job, error: str, *, refusal: JobRefused | None = None, progress: Progress | None = None) -> None:
    """Fail the job, and tell what it concerns, in one transaction (the work's own was rolled back)."""
    with transaction.atomic():
        _finish(
            job,
            Job.State.FAILED,
            error=error,
            result=refusal.result if refusal else None,
            done=progress.done if progress else None,
            total=progress.total if progress else 0,
        )
        kind = KINDS.get(job.kind)
        if kind and kind.on_failure:
            kind.on_failure(job, refusal)


# Following and recovering -----------------------------------------------------------------------


def is_alive(job: Job) -> bool:
    return _cache().get(_alive_key(job.pk)) is not None


def live_progress(job: Job) -> tuple[int, int]:
    """(done, total): from the worker while the job runs, from the row once it is over."""
    if job.state == Job.State.RUNNING:
        reported = _cache().get(_progress_key(job.pk))
        if reported:
            return int(reported[0]), int(reported[1])
    return job.done, job.total


def live_stage(job: Job) -> str:
    """ "preparing" or "writing" while the job runs (its writes commit all at once at the end); "" otherwise."""
    if job.state != Job.State.RUNNING:
        return ""
    reported = _cache().get(_progress_key(job.pk))
    return str(reported[2]) if reported and len(reported) > 2 else "preparing"


def recover(job: Job) -> Job:
    """A running job whose worker stopped beating is queued again or, after its last attempt, failed."""
    if job.state != Job.State.RUNNING or is_alive(job):
        return job
    try:
        return _recover(job)
    except OperationalError:
        # SQLite is locked by a writer, most likely the job's own worker: not dead, only busy. Look later.
        return job


def _recover(job: Job) -> Job:
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.state != Job.State.RUNNING or is_alive(job):
            return job
        logger.warning("Job %s (%s): its worker %s stopped; attempt %s", job.pk, job.kind, job.worker, job.attempts)
        _forget_task_result(job)
        if job.attempts < settings.JOB_MAX_ATTEMPTS:
            job.state, job.worker = Job.State.QUEUED, ""
            job.save(update_fields=["state", "worker", "updated_at"])
            _cache().delete(_progress_key(job.pk))
            enqueue_on_commit(job)
        else:
            with translation.override(job.language):
                reason = _(
                    "The worker running this job stopped before it finished (it was killed or restarted), "
                    "%(attempts)s times; nothing was written. You can try again."
                ) % {"attempts": job.attempts}
            _finish(job, Job.State.FAILED, error=reason)
            kind = KINDS.get(job.kind)
            if kind and kind.on_failure:
                kind.on_failure(job, None)
    return job


def recover_all() -> int:
    """Every running job whose worker is gone: called when a worker starts, and now and then by it."""
    recovered = 0
    for job in Job.objects.filter(state=Job.State.RUNNING):
        if recover(job).state != Job.State.RUNNING:
            recovered += 1
    return recovered


# Chores the worker does when it starts and now and then (deleting abandoned files, ...): apps add theirs.
HOUSEKEEPING: list[Callable[[], object]] = []


def register_housekeeping(chore: Callable[[], object]) -> None:
    if chore not in HOUSEKEEPING:
        HOUSEKEEPING.append(chore)


def housekeeping() -> None:
    recover_all()
    for chore in HOUSEKEEPING:
        try:
            chore()
        except Exception:
            logger.exception("Housekeeping chore %s failed", chore)


def _forget_task_result(job: Job) -> None:
    # The database backend leaves a killed worker's task "running" forever; say what became of it.
    if not job.task_result_id or not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=job.task_result_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now()
    )
