import rules

from .queries import may_see


@rules.predicate
def can_view_job(user: object, job: object) -> bool:
    return may_see(user, job)  # type: ignore[arg-type]


rules.add_perm("core.view_job", can_view_job)
