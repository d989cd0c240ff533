"""`make run`: the development server and one background worker beside it, in one command.

    manage.py serve [addrport]

The worker (`manage.py work`) runs while the server runs: a worker that stops is started again (its
job is then recovered), and both end when the server ends or on Ctrl+C. With a task backend that
needs no worker (TASKS_BACKEND=...ImmediateBackend) only the server starts.
"""

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend


class Command(BaseCommand):
    help = "Serve the site with runserver and one background worker beside it; both stop together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, addrport: str, **options: Any) -> None:
        # A SIGTERM (a supervisor, `timeout`) ends both children too, as Ctrl+C does.
        signal.signal(signal.SIGTERM, lambda signum, frame: (_ for _ in ()).throw(KeyboardInterrupt()))
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        needs_worker = isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend)
        worker = self._start_worker(manage) if needs_worker else None
        server = subprocess.Popen([*manage, "runserver", addrport])  # noqa: S603  (our own manage.py)
        try:
            while server.poll() is None:
                if worker is not None and worker.poll() is not None:
                    self.stderr.write(f"The background worker stopped (exit {worker.returncode}); starting another.")
                    worker = self._start_worker(manage)
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            self._stop(server, worker)

    def _start_worker(self, manage: list[str]) -> subprocess.Popen:
        self.stdout.write("Starting one background worker (manage.py work).")
        return subprocess.Popen([*manage, "work", "--no-startup-delay"])  # noqa: S603

    def _stop(self, *processes: subprocess.Popen | None) -> None:
        running = [process for process in processes if process is not None and process.poll() is None]
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
