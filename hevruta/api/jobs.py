"""Jobs in the API: the state, progress and result or error of long work someone started."""

from django.http import Http404, HttpRequest
from ninja import Router

from hevruta.core.jobs import queries, services
from hevruta.core.jobs.models import Job

from .auth import REQUIRED
from .schemas import ErrorOut, JobOut

router = Router(tags=["jobs"])


def job_out(job: Job) -> dict:
    done, total = services.live_progress(job)
    kind = services.KINDS.get(job.kind)
    subject_type = job.subject_type
    subject = (
        {"type": f"{subject_type.app_label}.{subject_type.model}", "id": job.subject_id}
        if subject_type is not None and job.subject_id
        else None
    )
    return {
        "id": job.pk,
        "kind": job.kind,
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "progress": {"done": done, "total": total},
        "result": job.result,
        "error": job.error,
        "subject": subject,
        "page": kind.page(job) if kind and kind.page else "",
        "attempts": job.attempts,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
    }


@router.get(
    "/jobs/{job_id}",
    response={200: JobOut, 401: ErrorOut, 404: ErrorOut},
    auth=REQUIRED,
    summary="A background job: its state, progress, and result or error",
    description="State is queued, running, succeeded or failed; progress counts done of total (total 0 while "
    "unknown); the error is written in the language of the person who started the job. Only they, the site's "
    "operators and whoever may manage what the job concerns see it; anyone else gets 404.",
)
def get_job(request: HttpRequest, job_id: int):  # type: ignore[no-untyped-def]
    job = queries.job_for(request.user, job_id)
    if job is None:
        raise Http404("No such job, or it is not yours to follow.")
    return job_out(job)
