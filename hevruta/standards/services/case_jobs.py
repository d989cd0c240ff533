"""CASE imports as jobs (core.jobs): the request keeps the file (or the address) and a worker fetches,
checks and writes the package, so a large package or a slow CASE server holds no web request."""

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from hevruta.core.jobs import services as jobs
from hevruta.core.jobs.models import Job
from hevruta.directory.models import Network

from ..case.fetch import fetch_package
from ..case.importer import import_package, max_package_bytes
from ..case.validate import CaseError

CASE_IMPORT = "standards.case_import"


def REFUSED() -> str:
    return _("The CASE package was refused; nothing was imported.")


FOLDER = "case-imports"


@transaction.atomic
def start_case_import(
    *, network: Network | None, user: Any, publish: bool, content: bytes | None = None, url: str = "", source: str = ""
) -> Job:
    """Queue the import of a package sent as a file (kept under a random name) or found at an address."""
    name = ""
    if content is not None:
        name = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}.json", ContentFile(content))
    payload = {"file": name, "url": url, "source": source or url, "publish": publish}
    return jobs.start(CASE_IMPORT, subject=network, user=user, payload=payload)


def _forget_file(job: Job) -> None:
    name = job.payload.get("file")
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def prepare_case_import(job: Job, progress: jobs.Progress) -> bytes:
    try:
        if job.payload.get("file"):
            with default_storage.open(job.payload["file"], "rb") as handle:
                return handle.read()
        return fetch_package(job.payload["url"], max_package_bytes())
    except CaseError as error:
        raise jobs.JobRefused(REFUSED(), result={"problems": [str(problem) for problem in error.problems]}) from None
    except FileNotFoundError:
        raise jobs.JobRefused(_("The package's file is no longer kept; send it again.")) from None


def write_case_import(job: Job, content: bytes, progress: jobs.Progress) -> dict:
    network = Network.objects.filter(pk=job.subject_id).first() if job.subject_id else None
    try:
        report = import_package(
            content, network=network, user=job.started_by, source=job.payload.get("source", ""),
            publish=bool(job.payload.get("publish")),
        )  # fmt: skip
    except CaseError as error:
        raise jobs.JobRefused(REFUSED(), result={"problems": [str(problem) for problem in error.problems]}) from None
    _forget_file(job)
    framework = report.framework
    return {
        "framework": framework.pk,
        "framework_title": framework.title,
        "framework_url": reverse("standards:framework", args=[framework.pk]),
        "items": report.items,
        "associations": report.associations,
        "tree_links": report.tree_links,
        "definitions": report.definitions,
        "levels": report.levels,
        "rubric_texts": report.rubric_texts,
        "linked_here": report.linked_here,
        "linked_elsewhere": report.linked_elsewhere,
        "notes": [str(note) for note in report.notes],
        # A newer package of a framework already here updates it: what changed.
        "updated": report.updated,
        "changes": report.changes,
        "changed": [str(line) for line in report.changed],
    }


def case_import_failed(job: Job, refusal: jobs.JobRefused | None) -> None:
    _forget_file(job)
