"""Demo indicators for the Alumot program's logic model: its vision, goals and objectives are the
program's own words (seed document 000, loaded by programs.demo); here each objective gets indicators
with a baseline, targets and, for those entered by hand, a first measurement with its evidence; and
the program's milestones and deliverables. The numbers are the demo's, not Alumot's."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from hevruta.directory.demo import DemoLogin, give_demo_login
from hevruta.directory.models import Person
from hevruta.insights.measures import Unit
from hevruta.insights.refresh import refresh_all
from hevruta.insights.services import name_report_reader
from hevruta.programs.models import Program, ProgramObjective, ProgramStaff, StaffRole

from . import services
from .models import Indicator, MilestoneKind, Source

ALUMOT_EMAIL = "alumot@hevruta.example"
SUPERVISOR_EMAIL = "supervisor@hevruta.example"
# What manage.py demo_logins prints for her; she is a person the programs demo made staff.
OUTCOMES_LOGINS = (
    DemoLogin(
        SUPERVISOR_EMAIL,
        "",
        "",
        _("Supervisor in the Master Teacher program: reads its dashboard and receives its monthly report"),
        arabic=True,
    ),
)

# (goal number, objective number): [(indicator, unit, source, measure, baseline, [(due, target)], measured)]
ALUMOT_INDICATORS: dict[tuple[int, int], list[tuple[Any, ...]]] = {
    (1, 1): [
        (
            "Participants who rate their leadership and system-management skills 4 or 5 of 5",
            Unit.PERCENT,
            Source.MANUAL,
            "",
            35,
            [(date(2026, 6, 30), 60), (date(2027, 6, 30), 75)],
            48,
        ),
        (
            "Program credentials issued",
            Unit.COUNT,
            Source.COMPUTED,
            "programs.credentials_issued",
            0,
            [(date(2027, 6, 30), 20)],
            None,
        ),
    ],
    (1, 2): [
        (
            "Self-efficacy in leading vision into action (mean, 1 to 5)",
            Unit.SCORE,
            Source.MANUAL,
            "",
            3.1,
            [(date(2027, 6, 30), 4.0)],
            3.6,
        ),
    ],
    (1, 3): [
        (
            "Sessions on professional values and critical thinking held",
            Unit.COUNT,
            Source.MANUAL,
            "",
            0,
            [(date(2027, 6, 30), 6)],
            3,
        ),
    ],
    (2, 1): [
        ("Meetings with policy makers", Unit.COUNT, Source.MANUAL, "", 0, [(date(2027, 6, 30), 5)], 2),
    ],
    (2, 2): [
        (
            "Inquiry projects that end in an applicable mode of action",
            Unit.COUNT,
            Source.MANUAL,
            "",
            0,
            [(date(2027, 6, 30), 4)],
            1,
        ),
    ],
    (2, 3): [
        (
            "Participants who took part in a study tour abroad",
            Unit.PERCENT,
            Source.MANUAL,
            "",
            0,
            [(date(2027, 6, 30), 80)],
            None,
        ),
    ],
    (3, 1): [
        (
            "Alumni who say they can speak openly in the network",
            Unit.PERCENT,
            Source.MANUAL,
            "",
            55,
            [(date(2027, 6, 30), 75)],
            62,
        ),
    ],
    (3, 2): [
        (
            "Ties across organizations",
            Unit.COUNT,
            Source.COMPUTED,
            "insights.cross_organization_ties",
            0,
            [(date(2027, 6, 30), 40)],
            None,
        ),
        (
            "Ties across sectors",
            Unit.PERCENT,
            Source.COMPUTED,
            "insights.cross_sector_share",
            10,
            [(date(2027, 6, 30), 30)],
            None,
        ),
    ],
    (3, 3): [
        (
            "Alumni in senior posts",
            Unit.PERCENT,
            Source.COMPUTED,
            "programs.alumni_in_senior_posts",
            20,
            [(date(2027, 6, 30), 35)],
            None,
        ),
    ],
}
EVIDENCE = "Coordinator's count from the cohort's session records, spring 2026."
ALUMOT_MILESTONES = (
    (MilestoneKind.MILESTONE, "Cohort 10 opens with a mix of colleges from every district", date(2026, 10, 15)),
    (
        MilestoneKind.DELIVERABLE,
        "Inquiry projects presented to the Ministry's teacher-education division",
        date(2027, 3, 1),
    ),
    (MilestoneKind.DELIVERABLE, "Annual report of the alumni network to the funders", date(2027, 7, 15)),
)


@transaction.atomic
def load_outcomes_demo() -> int:
    """Indicators and milestones for Alumot; nothing happens if it has indicators already. Returns how many."""
    program = Program.objects.filter(slug="alumot").first()
    if program is None or Indicator.objects.filter(objective__goal__program=program).exists():
        return 0
    count = 0
    for (goal_number, objective_number), indicators in ALUMOT_INDICATORS.items():
        objective = ProgramObjective.objects.filter(
            goal__program=program, goal__order=goal_number, order=objective_number
        ).first()
        if objective is None:
            continue
        for name, unit, source, measure, baseline, targets, measured in indicators:
            indicator = services.add_indicator(
                objective,
                name=name,
                unit=unit,
                source=source,
                measure=measure,
                baseline=baseline,
                baseline_date=date(2025, 9, 1),
                language="en",
            )
            for due, value in targets:
                services.set_target(indicator, due, value)
            if measured is not None:
                services.record_measurement(indicator, date(2026, 6, 30), measured, EVIDENCE)
            count += 1
    owner = Person.objects.filter(email=ALUMOT_EMAIL).first()
    for kind, title, due in ALUMOT_MILESTONES:
        services.add_milestone(program, title=title, due=due, kind=kind, owner_person=owner)
    _self_efficacy_surveys(program)
    _name_report_reader()
    services.refresh_computed_indicators()
    refresh_all()
    return count


def _name_report_reader() -> None:
    """The Master Teacher program's coordinator names its supervisor, who signs in with a demo login, as a
    reader of the program's monthly report (the readers' page, from the program's dashboard)."""
    program = Program.objects.filter(slug="master-teacher").first()
    coordinator = ProgramStaff.objects.filter(program=program, role=StaffRole.COORDINATOR).first()
    supervisor = ProgramStaff.objects.filter(program=program, role=StaffRole.SUPERVISOR).first()
    if program is None or coordinator is None or coordinator.person.user is None or supervisor is None:
        return
    give_demo_login(supervisor.person, SUPERVISOR_EMAIL, language="ar")
    name_report_reader(coordinator.person.user, program, supervisor.person_id)


SELF_EFFICACY = (
    "I can lead a vision into action in my institution",
    "I want to take a senior management post in teacher education",
)


def _self_efficacy_surveys(program: Program) -> None:
    """A before and an after survey of the latest cohort (document 000's goal 1), answered by its
    participants: the after survey's page shows the change with its confidence interval."""
    from hevruta.surveys import services as surveys
    from hevruta.surveys.models import QuestionKind

    cohort = program.cohorts.order_by("-start_date").first()
    if cohort is None:
        return
    pre = surveys.create_survey(program, title="Self-efficacy and motivation: before", language="en")
    for text in SELF_EFFICACY:
        surveys.add_question(pre, kind=QuestionKind.LIKERT, text=text)
    post = surveys.create_survey(program, title="Self-efficacy and motivation: after", language="en", pre_survey=pre)
    people = [enrollment.person for enrollment in cohort.enrollments.select_related("person")]
    for number, survey in enumerate((pre, post)):
        surveys.send(survey, "programs.cohort", cohort.pk)
        for index, person in enumerate(people):
            # Demo answers: most rise by a step or two from before to after, a few stay.
            base = 2 + index % 3
            answers = {q.order: min(5, base + number * ((index + q.order) % 3)) for q in survey.questions.all()}
            surveys.answer(survey, person, {q.pk: answers[q.order] for q in survey.questions.all()})
    indicator = Indicator.objects.filter(objective__goal__program=program, name__startswith="Self-efficacy").first()
    if indicator is not None:
        question = post.questions.get(order=1)
        services.add_indicator(
            indicator.objective,
            name="Self-efficacy after the program (survey mean, 1 to 5)",
            unit=Unit.SCORE,
            source=Source.SURVEY,
            survey_question=f"surveys.question:{question.pk}",
            baseline=3.1,
            language="en",
        )
