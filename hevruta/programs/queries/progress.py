"""Progress toward every requirement, for one participant or a whole cohort in a fixed number of queries.

- attendance: sessions attended out of all the cohort's sessions (planned ones too: the requirement is
  a share of the program's sessions, so a participant mid-way sees how far they are); only sessions that
  have begun count as attended, so a mark on a session still ahead never meets a requirement;
- supervised hours: hours of supervision meetings in the program, plus the hours of the supervised
  practice sessions attended;
- evidence of a competency: an accepted evidence whose level is the minimum or above.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.events.models import Attendance, Event, EventKind, EventStatus

from ..models import Enrollment, Evidence, EvidenceStatus, Requirement, RequirementKind, SupervisionMeeting


@dataclass
class RequirementProgress:
    requirement: Requirement
    kind: str
    label: str
    target: str
    current: str
    met: bool
    percent: int  # how far toward the target, 0 to 100, for a progress bar
    target_value: float | None = None
    current_value: float | None = None

    def as_json(self) -> dict:
        return {
            "requirement_id": self.requirement.pk,
            "kind": self.kind,
            "label": self.label,
            "target": self.target,
            "current": self.current,
            "met": self.met,
            "percent": self.percent,
            "target_value": self.target_value,
            "current_value": self.current_value,
        }


def requirement_label(requirement: Requirement) -> str:
    if requirement.kind == RequirementKind.ATTENDANCE:
        return _("Attendance of at least %(percent)s%% of the sessions") % {"percent": requirement.min_percent}
    if requirement.kind == RequirementKind.SUPERVISED_HOURS:
        return _("%(hours)s hours of supervised practice") % {"hours": _hours(requirement.hours)}
    competency = requirement.competency
    code = f"{competency.human_coding_scheme} " if competency and competency.human_coding_scheme else ""
    statement = (competency.abbreviated_statement or competency.full_statement) if competency else ""
    if requirement.min_level_id:
        return _("Evidence of %(competency)s, accepted at level “%(level)s” or above") % {
            "competency": f"{code}{statement}",
            "level": requirement.min_level.name,  # type: ignore[union-attr]
        }
    return _("Evidence of %(competency)s, accepted") % {"competency": f"{code}{statement}"}


def _hours(value: Decimal | float | None) -> str:
    number = float(value or 0)
    return f"{number:g}"


def _share(done: float, target: float) -> int:
    if target <= 0:
        return 100
    return max(0, min(100, int(100 * done / target)))


def requirements_of(program_ids: Iterable[int]) -> dict[int, list[Requirement]]:
    found: dict[int, list[Requirement]] = defaultdict(list)
    for requirement in Requirement.objects.filter(program_id__in=set(program_ids)).select_related(
        "competency", "min_level"
    ):
        found[requirement.program_id].append(requirement)
    return found


def progress_for(enrollments: list[Enrollment]) -> dict[int, list[RequirementProgress]]:
    """Each enrollment's progress, requirement by requirement; six queries for any number of them.

    The enrollments need `cohort` loaded (select_related("cohort")).
    """
    if not enrollments:
        return {}
    cohort_ids = {e.cohort_id for e in enrollments}
    person_ids = {e.person_id for e in enrollments}
    program_ids = {e.cohort.program_id for e in enrollments}
    enrollment_ids = [e.pk for e in enrollments]

    requirements = requirements_of(program_ids)
    now = timezone.now()
    sessions = dict(
        # A cancelled session is no longer one of the cohort's sessions.
        Event.objects.filter(cohort_id__in=cohort_ids)
        .exclude(status=EventStatus.CANCELLED)
        .values("cohort_id")
        .annotate(n=Count("pk"))
        .values_list("cohort_id", "n")
    )
    attended: dict[tuple[int, int], int] = {
        (cohort_id, person_id): count
        for cohort_id, person_id, count in Attendance.objects.filter(
            event__cohort_id__in=cohort_ids, person_id__in=person_ids, present=True, event__starts_at__lte=now
        )
        .values("event__cohort_id", "person_id")
        .annotate(n=Count("pk"))
        .values_list("event__cohort_id", "person_id", "n")
    }
    practice: dict[tuple[int, int], float] = defaultdict(float)
    for cohort_id, person_id, starts, ends in Attendance.objects.filter(
        event__cohort_id__in=cohort_ids,
        person_id__in=person_ids,
        present=True,
        event__kind=EventKind.SUPERVISED_PRACTICE,
        event__starts_at__lte=now,
    ).values_list("event__cohort_id", "person_id", "event__starts_at", "event__ends_at"):
        practice[(cohort_id, person_id)] += (ends - starts).total_seconds() / 3600
    supervised: dict[tuple[int, int], float] = {
        (program_id, person_id): float(total or 0)
        for program_id, person_id, total in SupervisionMeeting.objects.filter(
            program_id__in=program_ids, supervisee_id__in=person_ids
        )
        .values("program_id", "supervisee_id")
        .annotate(total=Sum("hours"))
        .values_list("program_id", "supervisee_id", "total")
    }
    # Per enrollment and competency: the best accepted level (its position and name), and the statuses seen.
    evidence: dict[tuple[int, int], list[tuple[str, int | None, str | None]]] = defaultdict(list)
    for enrollment_id, competency_id, status, position, level_name in Evidence.objects.filter(
        enrollment_id__in=enrollment_ids
    ).values_list("enrollment_id", "competency_id", "status", "level__position", "level__name"):
        evidence[(enrollment_id, competency_id)].append((status, position, level_name))

    result: dict[int, list[RequirementProgress]] = {}
    for enrollment in enrollments:
        rows = []
        program_id = enrollment.cohort.program_id
        for requirement in requirements.get(program_id, []):
            if requirement.kind == RequirementKind.ATTENDANCE:
                total = sessions.get(enrollment.cohort_id, 0)
                present = attended.get((enrollment.cohort_id, enrollment.person_id), 0)
                rows.append(_attendance(requirement, present, total))
            elif requirement.kind == RequirementKind.SUPERVISED_HOURS:
                hours = supervised.get((program_id, enrollment.person_id), 0.0) + practice.get(
                    (enrollment.cohort_id, enrollment.person_id), 0.0
                )
                rows.append(_supervised(requirement, hours))
            else:
                found = evidence.get((enrollment.pk, requirement.competency_id or 0), [])
                rows.append(_competency(requirement, found))
        result[enrollment.pk] = rows
    return result


def progress(enrollment: Enrollment) -> list[RequirementProgress]:
    return progress_for([enrollment])[enrollment.pk]


def all_met(rows: list[RequirementProgress]) -> bool:
    return all(row.met for row in rows)


def _attendance(requirement: Requirement, present: int, total: int) -> RequirementProgress:
    target = requirement.min_percent or 0
    # Exact: 4 of 5 sessions is 80% and meets 80%; no rounding decides a requirement.
    met = total > 0 and present * 100 >= target * total
    percent_attended = 100 * present / total if total else 0.0
    return RequirementProgress(
        requirement=requirement,
        kind=requirement.kind,
        label=requirement_label(requirement),
        target=f"{target}%",
        current=_("%(percent)s%% (%(present)d of %(total)d sessions)")
        % {"percent": f"{percent_attended:.0f}", "present": present, "total": total},
        met=met,
        percent=_share(percent_attended, target),
        target_value=float(target),
        current_value=round(percent_attended, 1),
    )


def _supervised(requirement: Requirement, hours: float) -> RequirementProgress:
    target = float(requirement.hours or 0)
    hours = round(hours, 2)
    return RequirementProgress(
        requirement=requirement,
        kind=requirement.kind,
        label=requirement_label(requirement),
        target=_("%(hours)s hours") % {"hours": _hours(target)},
        current=_("%(hours)s hours") % {"hours": _hours(hours)},
        met=hours >= target,
        percent=_share(hours, target),
        target_value=target,
        current_value=hours,
    )


def _competency(requirement: Requirement, found: list[tuple[str, int | None, str | None]]) -> RequirementProgress:
    minimum = requirement.min_level.position if requirement.min_level else None
    accepted = [(position, name) for status, position, name in found if status == EvidenceStatus.ACCEPTED]
    counting = [(position or 0, name) for position, name in accepted if minimum is None or (position or 0) >= minimum]
    met = bool(counting)
    if counting:
        best = max(counting, key=lambda pair: pair[0])
        current = _("Accepted at “%(level)s”") % {"level": best[1]} if best[1] else _("Accepted")
    elif accepted:
        best_name = max(accepted, key=lambda pair: pair[0] or 0)[1]
        current = _("Accepted at “%(level)s”, below the minimum") % {"level": best_name or "—"}
    elif any(status == EvidenceStatus.SUBMITTED for status, _position, _name in found):
        current = _("Submitted, waiting for review")
    elif found:
        current = _("Returned with comments")
    else:
        current = _("No evidence yet")
    target = requirement.min_level.name if requirement.min_level else _("Accepted")
    return RequirementProgress(
        requirement=requirement,
        kind=requirement.kind,
        label=requirement_label(requirement),
        target=target,
        current=current,
        met=met,
        percent=100 if met else (50 if found else 0),
        target_value=float(minimum) if minimum is not None else None,
        current_value=float(max((position or 0 for position, _name in accepted), default=0)) if accepted else None,
    )
