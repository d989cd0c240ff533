"""A real background worker (`manage.py work`, django-tasks-db) started by a test, on the test's database."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def database_url() -> str:
    """The test database as a DATABASE_URL the worker process understands."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or "postgres"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


class Workers:
    """Starts worker processes with the test's settings; stops (or has killed) each of them."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env = env
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []

    def start(self, **extra_env: str) -> subprocess.Popen:
        log = (self.log_dir / f"worker-{len(self.processes)}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, str(BASE_DIR / "manage.py"), "work", "--no-reload", "--no-startup-delay",
             "--interval", "0.1", "-v", "2"],
            cwd=BASE_DIR,
            env={**self.env, **extra_env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL: no handler runs, no transaction commits, the heartbeat thread dies with it."""
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def logs(self) -> str:
        return "\n".join(path.read_text(errors="replace") for path in sorted(self.log_dir.glob("worker-*.log")))

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def workers(settings, transactional_db) -> Iterator[Workers]:  # type: ignore[no-untyped-def]
    """The database task backend in this process and in the workers, sharing one jobs cache on disk."""
    # Not pytest's tmp_path: a newer pytest run on the same machine may prune it while the worker runs.
    tmp_path = Path(tempfile.mkdtemp(prefix="hevruta-test-worker-"))
    jobs_dir, media = tmp_path / "jobs", tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND, "QUEUES": ["default"]}}
    settings.CACHES = {
        **settings.CACHES,
        "jobs": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(jobs_dir)},
    }
    settings.JOB_HEARTBEAT_SECONDS = 1.0
    settings.MEDIA_ROOT = media
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": DATABASE_BACKEND,
        "JOBS_CACHE_DIR": str(jobs_dir),
        "JOB_HEARTBEAT_SECONDS": "1.0",
        "JOB_HOUSEKEEPING_SECONDS": "1",
        "JOB_MAX_ATTEMPTS": str(settings.JOB_MAX_ATTEMPTS),
        "MEDIA_ROOT": str(media),
        "REDIS_URL": "",
        "NATIONAL_ID_HASH_KEY": settings.NATIONAL_ID_HASH_KEY,
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    running = Workers(env, tmp_path)
    yield running
    running.stop_all()
    shutil.rmtree(tmp_path, ignore_errors=True)


def wait_for(condition: Callable[[], object], timeout: float = 240, what: str = "", workers: Workers | None = None):  # type: ignore[no-untyped-def]
    """Poll until condition() is truthy; the machine may be slow, so the bound is generous."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    logs = workers.logs() if workers else ""
    raise AssertionError(f"gave up waiting for {what or condition} after {timeout} s\n{logs[-4000:]}")
