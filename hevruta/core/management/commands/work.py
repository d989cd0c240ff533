"""The background worker: django-tasks-db's db_worker, plus the jobs' housekeeping.

    manage.py work [db_worker's options]

When it starts, and every JOB_HOUSEKEEPING_SECONDS after, it recovers the jobs of workers that died
(queued again or failed with the reason, core/jobs) and runs the apps' chores (abandoned roster
files are deleted). Run as many as the machine's cores allow; each takes one task at a time.
"""

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from hevruta.core.jobs import services as jobs

logger = logging.getLogger(__name__)


def _housekeeping_forever(stop: threading.Event) -> None:
    while not stop.wait(settings.JOB_HOUSEKEEPING_SECONDS):
        try:
            jobs.housekeeping()
        except Exception:  # a locked database now is no reason to stop the worker
            logger.warning("Job housekeeping failed; it runs again later", exc_info=True)
        finally:
            close_old_connections()


class Command(DatabaseWorkerCommand):
    help = "Run a background worker for the database task backend, recovering the jobs of dead workers."

    def handle(self, *args: Any, **options: Any) -> None:
        jobs.housekeeping()
        close_old_connections()
        stop = threading.Event()
        threading.Thread(target=_housekeeping_forever, args=(stop,), name="job-housekeeping", daemon=True).start()
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
