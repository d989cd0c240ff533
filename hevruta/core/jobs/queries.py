"""Who may follow a job, and the job as they may see it."""

from typing import Any

from django.db.models import QuerySet

from . import services
from .models import Job


def may_see(user: Any, job: Job) -> bool:
    """The person who started it, the site's operators, and whoever its kind lets see what it concerns."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or (job.started_by_id is not None and job.started_by_id == user.pk):
        return True
    kind = services.KINDS.get(job.kind)
    subject = job.subject if job.subject_id is not None else None
    return bool(kind is not None and subject is not None and kind.may_see(user, subject))


def jobs_visible_to(user: Any) -> QuerySet[Job]:
    """A person's own jobs (all of them for an operator); a manager reaches others' through their subject."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    if user.is_superuser:
        return Job.objects.all()
    return Job.objects.filter(started_by=user)


def job_for(user: Any, job_id: int) -> Job | None:
    """The job if the user may see it, with a dead worker's job recovered first; otherwise None."""
    job = Job.objects.select_related("subject_type").filter(pk=job_id).first()
    if job is None or not may_see(user, job):
        return None
    return services.recover(job)


def latest_job_of(subject: Any) -> Job | None:
    from django.contrib.contenttypes.models import ContentType

    return (
        Job.objects.filter(subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk)
        .order_by("-created_at", "-pk")
        .first()
    )
