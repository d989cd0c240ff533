"""The mentoring demo (seed document 001): Promentors' program of mentoring interns in Holon's kindergartens.

The directory demo made the kindergartens, a mentor and an intern in each, and the Promentors network with
its coordinator (promentors@hevruta.example). Here: a framework of the intern's competencies (so the
mentor's assessment has something to assess), the mentoring program, everyone's applications, a published
matching, meetings logged over the autumn, goals, and a mid-year assessment the intern can respond to.
Two more demo logins sign in as the first pair: mentor@hevruta.example and intern@hevruta.example.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hevruta.directory.demo import PROMENTORS, DemoLogin, give_demo_login
from hevruta.directory.models import Network, Person, PositionRole, Topic
from hevruta.programs.models import StaffRole
from hevruta.programs.services import add_staff
from hevruta.standards import services as standards
from hevruta.standards.models import Framework

from . import services
from .models import MentoringProgram, Relationship, Side

SLUG = "promentors-holon-kindergartens"
FRAMEWORK_TITLE = "מיומנויות הגננת המתמחה"
LEVELS = ("בתחילת הדרך", "מתפתחת", "מיומנת", "מובילה")
COMPETENCIES = (
    ("1", "תכנון ההוראה בגן", ("תכנון פעילות מותאמת לגיל ולשונות בין הילדים", "בניית סביבה חינוכית מזמנת למידה")),
    ("2", "קשר עם ההורים והצוות", ("שיחה מקצועית עם הורים", "עבודה משותפת עם הסייעת והצוות")),
    ("3", "התפתחות מקצועית", ("רפלקציה על ההוראה", "שימוש במשוב מהחונכת")),
)
MEETING_SUMMARIES = (
    "תכננו יחד את פתיחת השנה ואת קבלת הילדים החדשים.",
    "שוחחנו על שיחת ההורים הראשונה: מה אומרים, איך מקשיבים.",
    "צפיתי בפעילות בוקר; דיברנו על מעברים בין פעילויות.",
    "עבדנו על חלוקת התפקידים עם הסייעת.",
)
MENTOR_EMAIL, INTERN_EMAIL = "mentor@hevruta.example", "intern@hevruta.example"
# What manage.py demo_logins prints for them; they sign in as people the directory demo named, so no names here.
MENTORING_LOGINS = (
    DemoLogin(MENTOR_EMAIL, "", "", _("Mentor in Promentors' program in Holon: logs meetings, assesses her intern")),
    DemoLogin(INTERN_EMAIL, "", "", _("Intern in a Holon kindergarten: her mentor, meetings, goals and assessment")),
)


@dataclass
class MentoringDemo:
    program: MentoringProgram | None = None
    relationships: list[Relationship] = field(default_factory=list)


def _school_year(today: date) -> tuple[date, date]:
    start_year = today.year if today.month >= 9 else today.year - 1
    return date(start_year, 9, 1), date(start_year + 1, 6, 30)


def _framework(network: Network) -> Framework:
    found = Framework.objects.filter(network=network, title=FRAMEWORK_TITLE).first()
    if found is not None:
        return found
    framework = standards.create_framework(
        network,
        title=FRAMEWORK_TITLE,
        creator="פרומנטורס – השותפים בישראל",
        language="he",
        description="המיומנויות שהחונכת מעריכה באמצע השנה ובסופה, כחלק מהערכת המתמחה.",
        levels=list(LEVELS),
    )
    for code, domain_text, competencies in COMPETENCIES:
        domain = standards.add_item(framework, full_statement=domain_text, human_coding_scheme=code, item_type="תחום")
        for index, statement in enumerate(competencies, start=1):
            standards.add_item(
                framework,
                parent=domain,
                full_statement=statement,
                human_coding_scheme=f"{code}.{index}",
                item_type="מיומנות",
                language="he",
            )
    return standards.publish(framework)


def _kindergarten_people(network: Network, role: str) -> list[Person]:
    return list(
        Person.objects.filter(
            memberships__network=network, positions__role=role, positions__organization__name__startswith="גן "
        )
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def load_mentoring_demo() -> MentoringDemo:
    summary = MentoringDemo()
    network = Network.objects.filter(slug=PROMENTORS).first()
    if network is None or MentoringProgram.objects.filter(program__slug=SLUG).exists():
        return summary
    mentors = _kindergarten_people(network, PositionRole.MENTOR)
    interns = _kindergarten_people(network, PositionRole.INTERN)
    if not mentors or not interns:
        return summary
    give_demo_login(mentors[0], MENTOR_EMAIL)
    give_demo_login(interns[0], INTERN_EMAIL)
    today = timezone.localdate()
    starts, ends = _school_year(today)
    coordinator = Person.objects.filter(email="promentors@hevruta.example").first()
    program = services.create_mentoring_program(
        network,
        coordinator=coordinator,
        slug=SLUG,
        program_fields={
            "name_he": f"חניכת גננות מתמחות בגני חולון {starts.year}–{ends.year}",
            "name_en": f"Mentoring interns in Holon's kindergartens {starts.year}–{ends.year}",
            "name_ar": f"إرشاد المربيات المتدربات في روضات حولون {starts.year}–{ends.year}",
            "framework": _framework(network),
            "description": "גננות חונכות מלוות גננות מתמחות לאורך שנת ההתמחות: מפגש כל שבועיים, יעדים משותפים "
            "והערכה באמצע השנה ובסופה.",
            "description_language": "he",
        },
        starts_on=starts,
        ends_on=ends,
        application_deadline=starts - timedelta(days=7),
        questions=["מה את מצפה ללמוד השנה?", "מתי נוח לך להיפגש?"],
        default_capacity=2,
        meeting_every_days=14,
    )
    summary.program = program
    facilitator = Person.objects.filter(
        memberships__network=network, positions__role=PositionRole.COMMUNITY_FACILITATOR
    ).first()
    if facilitator is not None:
        add_staff(program.program, facilitator, StaffRole.COORDINATOR)
    _applications(program, mentors, interns, today)
    # The demo logins' pair is locked, as a coordinator keeps a pair she knows works.
    services.lock_pair(
        program,
        program.applications.get(person=interns[0], side=Side.MENTEE),
        program.applications.get(person=mentors[0], side=Side.MENTOR),
    )
    user = coordinator.user if coordinator else None
    run = services.run_matching(program, by_user=user)
    published = services.publish(run, by_user=user, starts_on=starts)
    summary.relationships = sorted(published, key=lambda r: (r.mentee_id != interns[0].pk, r.pk))
    for index, relationship in enumerate(summary.relationships):
        _year_so_far(relationship, index, today)
    return summary


def _applications(program: MentoringProgram, mentors: list[Person], interns: list[Person], today: date) -> None:
    """Everyone applied before the deadline; the first intern asked for help with parents."""
    applied_on = program.application_deadline - timedelta(days=3) if program.application_deadline else today
    goals = list(Topic.objects.filter(slug__in=["early-childhood-education", "community-partnership"]))
    for mentor in mentors:
        services.apply(program, mentor, Side.MENTOR, capacity=2, today=applied_on)
    for index, intern in enumerate(interns):
        services.apply(
            program,
            intern,
            Side.MENTEE,
            today=applied_on,
            goals=goals if index == 0 else goals[:1],
            answers={"מה את מצפה ללמוד השנה?": "לנהל שיחות עם הורים ולבנות סביבה מזמנת."},
        )


def _year_so_far(relationship: Relationship, index: int, today: date) -> None:
    """Meetings every two weeks since the start (the last one or two missing for some pairs), a goal."""
    mentor, intern = relationship.mentor, relationship.mentee
    day, number = relationship.starts_on + timedelta(days=3), 0
    stop = today - timedelta(days=7 * (index % 3))
    while day <= stop:
        services.log_meeting(
            relationship,
            by=mentor if number % 2 == 0 else intern,
            date=day,
            hours="1.5",
            summary=MEETING_SUMMARIES[number % len(MEETING_SUMMARIES)],
            summary_language="he",
            summary_shared=number % 3 == 0,
        )
        day, number = day + timedelta(days=14), number + 1
    services.add_goal(
        relationship,
        intern,
        "לנהל שיחת הורים בביטחון",
        [("שיחה ראשונה בליווי החונכת", relationship.starts_on + timedelta(days=45)), ("שיחה עצמאית", None)],
    )
    services.write_private_note(relationship, mentor, "לשים לב לעומס: היא נשארת בגן עד מאוחר.")
    if index == 0 and today >= relationship.starts_on + timedelta(days=60):
        _mid_year_assessment(relationship)


def _mid_year_assessment(relationship: Relationship) -> None:
    from hevruta.programs.queries import framework_competencies
    from hevruta.standards.models import PerformanceLevel

    items = list(framework_competencies(relationship.program.framework_id).order_by("human_coding_scheme"))
    levels: list[PerformanceLevel | None] = list(
        PerformanceLevel.objects.filter(framework=relationship.program.framework).order_by("position")
    )
    ratings = {item: (levels[1 + n % 2], "") for n, item in enumerate(items)}
    services.save_assessment(
        relationship,
        relationship.mentor,
        "mid_year",
        summary="התקדמות יפה בתכנון; השיחות עם ההורים עדיין מאתגרות.",
        ratings=ratings,
        submit=True,
    )
