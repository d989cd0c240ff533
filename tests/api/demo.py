"""The whole demo (every app's data) with API tokens for the four personas, and real ids for every path
parameter of the API: what the contract, fuzzing and generated-client tests call the API with.

A new endpoint whose path names a parameter not in REAL_IDS makes the contract test fail with the name
to add here: one line saying how to find a real one in the demo.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hevruta.accounts.services import create_api_token
from hevruta.communities.models import Attachment, Community, Post, Thread
from hevruta.consultations.models import Consultation
from hevruta.core.jobs.models import Job
from hevruta.credentials.models import IssuedCredential
from hevruta.demo.management.commands.load_demo import Command as LoadDemo
from hevruta.directory import demo as directory_demo
from hevruta.directory.models import Locality, Network, Organization, Person, Position, RosterImport
from hevruta.events.certificates import certificate_token
from hevruta.events.models import Attendance, Event, Registration, Series
from hevruta.knowledge.models import Resource, Review
from hevruta.mentoring.models import MatchingRun, MeetingLog, Relationship
from hevruta.programs.models import Enrollment, Evidence, Program
from hevruta.standards.models import Framework, Item, Role
from hevruta.surveys.models import Survey
from tests.directory.rosters import csv_bytes, import_now, row

# The demo's logins behind the four personas (directory/demo.py DEMO_LOGINS).
PERSONA_LOGINS = {
    "manager": "manager@hevruta.example",  # manages the Institute's network, which runs the programs
    "member": "teacher@hevruta.example",  # a member of the Institute's network
    "outsider": "outsider@hevruta.example",  # signed in, in no network
}
PERSONAS = ("manager", "member", "outsider", "anonymous")


def _current_cohort_enrollment() -> Enrollment:
    program = Program.objects.get(slug="master-teacher")
    cohort = program.cohorts.order_by("-start_date").first()
    enrollment = Enrollment.objects.filter(cohort=cohort, evidence__isnull=False).order_by("id").first()
    assert enrollment is not None
    return enrollment


def _first(*querysets: QuerySet) -> int:
    for queryset in querysets:
        found = queryset.order_by("id").first()
        if found is not None:
            return found.pk
    raise AssertionError(f"the demo has no {querysets[0].model.__name__}")


REAL_IDS: dict[str, Callable[[], Any]] = {
    "person_id": lambda: Person.objects.get(email=PERSONA_LOGINS["member"]).pk,
    "organization_id": lambda: Organization.objects.order_by("id").first().pk,
    "locality_id": lambda: Locality.objects.exclude(population=None).order_by("id").first().pk,
    "slug": lambda: directory_demo.INSTITUTE,
    # The fuzzing changes the demo as it goes (retires, deletes): prefer the richest, take any.
    "framework_id": lambda: _first(Framework.objects.filter(status="published"), Framework.objects.all()),
    "item_id": lambda: Item.objects.order_by("id").first().pk,
    "role_id": lambda: Role.objects.order_by("id").first().pk,
    "position_id": lambda: Position.objects.order_by("id").first().pk,
    "resource_id": lambda: _first(Resource.objects.filter(status="published"), Resource.objects.all()),
    "review_id": lambda: Review.objects.order_by("id").first().pk,
    "credential_id": lambda: str(IssuedCredential.objects.order_by("issued_at").first().pk),
    "program_id": lambda: Program.objects.get(slug="master-teacher").pk,
    "cohort_id": lambda: _current_cohort_enrollment().cohort_id,
    "session_id": lambda: (
        Event.objects.filter(cohort_id=_current_cohort_enrollment().cohort_id)
        .filter(starts_at__lt=timezone.now())
        .order_by("starts_at")
        .first()
        .pk
    ),
    "enrollment_id": lambda: _current_cohort_enrollment().pk,
    "evidence_id": lambda: Evidence.objects.filter(enrollment=_current_cohort_enrollment()).order_by("id").first().pk,
    "meeting_id": lambda: MeetingLog.objects.filter(relationship__kind="supervision").order_by("id").first().pk,
    "run_id": lambda: _first(MatchingRun.objects.all()),
    "relationship_id": lambda: _first(Relationship.objects.filter(kind="mentoring"), Relationship.objects.all()),
    # load_full_demo imports a small roster, so there is an import and its job to read.
    "import_id": lambda: _first(RosterImport.objects.all()),
    "job_id": lambda: _first(Job.objects.all()),
    # outcomes' demo sends Alumot a before and an after survey, both answered.
    "survey_id": lambda: _first(Survey.objects.filter(pre_survey__isnull=False), Survey.objects.all()),
    # The public community of Promentors mentors: every persona reads it.
    "community_id": lambda: _first(Community.objects.filter(visibility="public"), Community.objects.all()),
    "thread_id": lambda: _first(Thread.objects.filter(community__visibility="public"), Thread.objects.all()),
    "post_id": lambda: _first(Post.objects.filter(thread__community__visibility="public"), Post.objects.all()),
    # The demo's posts carry no file: an id that answers 404, which is documented.
    "attachment_id": lambda: Attachment.objects.order_by("id").values_list("id", flat=True).first() or 1,
    # The demo's consultation in progress: an open thread of the Education Cities Network.
    "consultation_id": lambda: _first(Consultation.objects.filter(status="in_progress"), Consultation.objects.all()),
    # A public event when the demo has one (every persona reads it), else a cohort's session.
    "event_id": lambda: _first(
        Event.objects.filter(visibility="public", status="published", cohort__isnull=True), Event.objects.all()
    ),
    "registration_id": lambda: _first(Registration.objects.all()) if Registration.objects.exists() else 1,
    # A series when the demo has one; otherwise an id that answers 404, which is documented.
    "series_id": lambda: Series.objects.order_by("id").values_list("id", flat=True).first() or 1,
    "certificate_token": lambda: _certificate_token(),
}


def _certificate_token() -> str:
    present = Attendance.objects.filter(present=True).order_by("id").first()
    return certificate_token("event", present.event_id, present.person_id) if present else "none"


@dataclass
class Demo:
    tokens: dict[str, str | None]

    def headers(self, persona: str) -> dict[str, str]:
        token = self.tokens[persona]
        return {"Authorization": f"Bearer {token}"} if token else {}


def load_full_demo(monkeypatch: Any) -> Demo:
    """The demo as `manage.py load_demo` loads it, with the localities shipped in the package."""
    LoadDemo(stdout=_Silent(), stderr=_Silent()).handle(if_empty=False, seed=directory_demo.DEMO_SEED)
    manager = Person.objects.get(email=PERSONA_LOGINS["manager"]).user
    roster = csv_bytes([row(email="roster.teacher@example.org", given_name="Roster", family_name="Teacher")])
    import_now(Network.objects.get(slug=directory_demo.INSTITUTE), roster, user=manager)
    tokens: dict[str, str | None] = {"anonymous": None}
    for persona, email in PERSONA_LOGINS.items():
        user = Person.objects.get(email=email).user
        tokens[persona] = create_api_token(user, "contract tests")[1]
    return Demo(tokens)


class _Silent:
    def write(self, *args: Any, **kwargs: Any) -> None:
        pass

    def flush(self) -> None:
        pass
