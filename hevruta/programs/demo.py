"""Demo programs: the Institute's Master Teacher program with a cohort mid-way, and the Alumot program with
its vision, goals and objectives as the program wrote them (seed document 000), its past cohorts and alumni.

`load_programs_demo()` uses the directory's and the standards' demo (networks, organizations, people,
the community facilitators' framework) when they are loaded, and creates a minimal stand-in for whatever
is missing, so it also runs on an empty database. Running it twice changes nothing.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory import services as directory
from hevruta.directory.models import (
    MembershipRole,
    Network,
    NetworkKind,
    Organization,
    OrganizationKind,
    Person,
    Position,
    PositionRole,
    Sector,
    Visibility,
)
from hevruta.events.models import EventKind
from hevruta.standards.demo import load_standards_demo
from hevruta.standards.models import Framework, Item, PerformanceLevel

from . import services
from .models import (
    AccreditationDecision,
    CredentialKind,
    DecisionKind,
    Enrollment,
    EnrollmentStatus,
    Evidence,
    EvidenceRevision,
    Program,
    ProgramKind,
    ReviewDecision,
    RoleAccreditation,
    StaffRole,
)

DEMO_SEED = 2017
INSTITUTE_NETWORK, ALUMOT_NETWORK = "advanced-teaching", "alumot"
INSTITUTE_NAME = "המכון להוראה מתקדמת במתמטיקה ובמדעים"
ALUMOT_ORGANIZATION = "תוכנית עלומות"
MANAGER_EMAIL, ALUMOT_EMAIL = "manager@hevruta.example", "alumot@hevruta.example"
TEACHER_EMAIL, ARABIC_MEMBER_EMAIL = "teacher@hevruta.example", "member.ar@hevruta.example"

# The Alumot program in its own words (seed document 000), in English as it was written ----------------

ALUMOT_PROBLEMS = (
    "The main problems in colleges of teacher education\n\n"
    "There is a lack of skilled candidates for senior positions in academic management. Academic management "
    "requires academic seniority, but the latter may be acquired without any managerial skills.\n\n"
    "Organizations in the academic field of education tend to operate in silos-each college and organization "
    "on its own. This limits the efficiency of improvement processes, and eventually, widens the gap between "
    "the center and the periphery in Israel.\n\n"
    "The world of education is changing at an accelerated pace, and teacher education is having difficulty "
    "keeping up with it. The relevance of academe to the field cannot be underestimated."
)
ALUMOT_VISION = (
    "Developing a cadre of educational leadership in the realm of teacher education – whose members aspire to "
    "reach senior management positions and have the ability to fulfill them. These future leaders collaborate "
    "to create partnerships between different teacher-education institutions and between them and educational "
    "institutions, with the goal of trailblazing a change in teacher education and enhancing education in Israel."
)
ALUMOT_GOALS = (
    (
        "Fostering managerial capabilities and leadership skills for the senior academic level cadre in academic "
        "institutes of education, together with strengthening motivation to assume senior management positions "
        "in the teacher-education field",
        (
            "Improving member's personal, interpersonal, and professional capabilities, emphasizing leadership and "
            "system-management skills within a changing educational world",
            "Developing the efficacy to lead vision into action, both as individuals and as part of a group and a "
            "network",
            "Clarifying individual, group, and societal professional values, and fostering critical thinking about "
            "the education field",
        ),
    ),
    (
        "Establishing a systemic perception of the ecology of teacher education, and a deep, comprehensive "
        "understanding of processes of teacher education and development",
        (
            "Meeting with policy makers to enable a systemic understanding of the ecology of teacher education",
            "Investigating key issues in the professional field of teacher-education in Israel, and developing "
            "applicable modes of action",
            "Creating a broader and deeper perspective of the world of teacher education through exposure to "
            "education systems outside of Israel, noting similarities and differences",
        ),
    ),
    (
        "A solid, unified alumni network that works across sectors to strengthen the teacher-education system",
        (
            "Promoting honest and open discourse about professional and systemic challenges in the members' "
            "professional world, based on attentiveness, empathy, and mutual trust",
            "Deepening members' acquaintance with each other and with the variety of populations within Israeli "
            "society",
            "Leading strategic and systemwide change processes, while leveraging the partnerships and variety "
            "within the network",
        ),
    ),
)

# The Master Teacher program (seed document 002) --------------------------------------------------------

MASTER_TEACHER_VISION = (
    "Every student realizes their academic potential with the help of excellent teachers and quality teaching "
    "based on clinical tools and methods. Mathematics and science teaching in Israel is based on a leading cadre "
    "of excellent teachers who play an active role in their peers’ professional development processes, using "
    "research-based tools and practices that promote their students’ learning."
)
MASTER_TEACHER_DESCRIPTION = (
    "תוכנית Master Teacher היא בית הספר המקצועי של המכון להוראה מתקדמת למורים המובילים במתמטיקה ובמדעים: "
    "רכזי מקצוע, מדריכים, מנחי קהילות מקצועיות ומלווים פדגוגיים. המשתתפים לומדים בסמינרים ובמפגשים, מתנסים "
    "בהנחיה בליווי מורה בכיר, ומגישים ראיות לפרקטיקה שלהם מול הסטנדרטים המקצועיים של מנחי הקהילות. מי שעומד/ת "
    "בכל הדרישות מקבל/ת הסמכה ותעודה דיגיטלית מאומתת."
)
MASTER_TEACHER_SESSIONS = (
    (EventKind.SEMINAR, "סמינר פתיחה: הוראה קלינית ולמידת עמיתים"),
    (EventKind.MEETING, "מפגש קהילה: ניתוח משימות אבחון בשברים"),
    (EventKind.SUPERVISED_PRACTICE, "התנסות מודרכת: הנחיית מפגש קהילה בבית הספר"),
    (EventKind.MEETING, "סימולציות וידאו: משוב עמיתים מבוסס ראיות"),
    (EventKind.POLICY_MEETING, "מפגש עם אגף מתמטיקה ומדעים במשרד החינוך"),
    (EventKind.SEMINAR, "סמינר: שימוש בנתונים על למידת תלמידים"),
    (EventKind.SUPERVISED_PRACTICE, "התנסות מודרכת: תצפית בכיתה פתוחה"),
    (EventKind.MEETING, "מפגש קהילה: תיעוד ושיתוף ידע מעשי"),
    (EventKind.SEMINAR, "סמינר: הובלת שינוי עם הנהלת בית הספר"),
    (EventKind.MEETING, "מפגש סיכום: הצגת תיקי עבודות"),
)
# Competencies the program requires evidence of, by their code in the standards demo's framework.
REQUIRED_CODES = ("1.1.1", "1.3.1", "2.2.2")
ALUMOT_SESSIONS = (
    (EventKind.SEMINAR, "Opening seminar: leadership in teacher education"),
    (EventKind.POLICY_MEETING, "Meeting with policy makers at the Ministry of Education"),
    (EventKind.MEETING, "Key issues in teacher education in Israel"),
    (EventKind.STUDY_TRIP, "Study trip abroad: teacher education systems in Europe"),
    (EventKind.MEETING, "Across sectors: a meeting at an Arab college of education"),
    (EventKind.SEMINAR, "Closing seminar: leading systemwide change"),
)
ALUMOT_COHORTS = (
    ("מחזור א׳", date(2016, 10, 1), date(2017, 6, 30)),
    ("מחזור ב׳", date(2018, 10, 1), date(2019, 6, 30)),
    ("מחזור ג׳", date(2020, 10, 1), date(2021, 6, 30)),
)


@dataclass
class ProgramsDemo:
    programs: list[Program] = field(default_factory=list)
    credentials: int = 0
    notes: list[str] = field(default_factory=list)


@transaction.atomic
def load_programs_demo(seed: int = DEMO_SEED) -> ProgramsDemo:
    """Build the demo programs (and what they need that is missing); nothing happens if they exist."""
    summary = ProgramsDemo()
    rng = random.Random(seed)
    existing = list(Program.objects.filter(slug__in=["master-teacher", "alumot"]))
    if existing:
        summary.programs = existing
        summary.notes.append(_("The demo programs are already there; nothing was changed."))
        return summary
    summary.programs.append(_MasterTeacher(rng, summary).build())
    summary.programs.append(_Alumot(rng).build())
    return summary


# What the demo needs from the directory, found or made -----------------------------------------------


def _network(slug: str, name: str, name_en: str, kind: str, is_public: bool) -> Network:
    """The directory demo's network, or a stand-in. Not directory.create_network, which derives the slug
    from the (long) name; nor the directory demo's own slug, whose presence tells load_demo it already ran."""
    found = Network.objects.filter(slug=slug).first() or Network.objects.filter(slug=f"{slug}-programs").first()
    if found is None:
        found = Network.objects.create(
            slug=f"{slug}-programs", name=name, name_en=name_en, kind=kind, is_public=is_public
        )
    return found


def _organization(network: Network, name: str, **fields: object) -> Organization:
    found = Organization.objects.filter(name=name).order_by("pk").first()
    if found is None:
        found = Organization.objects.create(name=name, **fields)  # type: ignore[arg-type]
    directory.add_organization(network, found)
    return found


def _person(
    email: str,
    given: str,
    family: str,
    network: Network,
    *,
    organization: Organization,
    title: str,
    role: str,
    since: date,
    membership: str = MembershipRole.MEMBER,
) -> Person:
    found = Person.objects.filter(email=email).first()
    if found is None:
        found = Person.objects.create(
            email=email, given_name=given, family_name=family, profile_visibility=Visibility.NETWORK
        )
        Position.objects.create(person=found, organization=organization, title=title, role=role, start_date=since)
    if not found.memberships.filter(network=network).exists():
        directory.add_member(network, found, membership)
    return found


def _members(network: Network, roles: tuple[str, ...], exclude: set[int], count: int) -> list[Person]:
    today = timezone.localdate()
    return list(
        Person.objects.filter(memberships__network=network, positions__role__in=roles)
        .filter(Q(positions__end_date__isnull=True) | Q(positions__end_date__gte=today))
        .exclude(pk__in=exclude)
        .distinct()
        .order_by("pk")[:count]
    )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


# The Master Teacher program ------------------------------------------------------------------------------


class _MasterTeacher:
    def __init__(self, rng: random.Random, summary: ProgramsDemo) -> None:
        self.rng = rng
        self.summary = summary
        self.network = _network(
            INSTITUTE_NETWORK,
            "הרשת המקצועית של המכון להוראה מתקדמת במתמטיקה ובמדעים",
            "Institute for Advanced Teaching in Mathematics and Science: professional network",
            NetworkKind.PROFESSIONAL,
            True,
        )
        self.institute = _organization(
            self.network,
            INSTITUTE_NAME,
            name_en="Institute for Advanced Teaching in Mathematics and Science",
            name_ar="معهد التدريس المتقدم في الرياضيات والعلوم",
            kind=OrganizationKind.NONPROFIT,
            sector=Sector.GENERAL,
        )

    def build(self) -> Program:
        standards = load_standards_demo(self.network)
        framework = standards.framework
        roles = [role for role in standards.roles if role.name in ("מנחה קהילה מקצועית", "מורה מומחה/ית")]
        program = services.create_program(
            self.network,
            slug="master-teacher",
            name_he="תוכנית Master Teacher",
            name_en="Master Teacher program",
            name_ar="برنامج المعلم الخبير",
            kind=ProgramKind.ACCREDITATION,
            description=MASTER_TEACHER_DESCRIPTION,
            description_language="he",
            vision=MASTER_TEACHER_VISION,
            vision_language="en",
            roles=roles,
            framework=framework,
            issuing_organization=self.institute,
            # Teachers of the Institute's network apply to the current cohort; the coordinator answers.
            accepts_applications=True,
        )
        self.program = program
        self.levels = list(PerformanceLevel.objects.filter(framework=framework).order_by("position"))
        self.competencies = self._competencies(framework)
        services.add_requirement(program, "attendance", min_percent=80)
        services.add_requirement(program, "supervised_hours", hours=Decimal(12))
        for item in self.competencies:
            services.add_requirement(program, "competency_evidence", competency=item, min_level=self.levels[1])
        self._staff()
        self._past_cohort()
        self._current_cohort()
        return program

    def _competencies(self, framework: Framework) -> list[Item]:
        by_code = {item.human_coding_scheme: item for item in Item.objects.filter(framework=framework)}
        return [by_code[code] for code in REQUIRED_CODES if code in by_code]

    def _staff(self) -> None:
        network, institute = self.network, self.institute
        self.coordinator = _person(
            MANAGER_EMAIL,
            "דנה",
            "אלון",
            network,
            organization=institute,
            title="רכזת הרשת המקצועית",
            role=PositionRole.STAFF,
            since=date(2018, 9, 1),
            membership=MembershipRole.MANAGER,
        )
        seniors = _members(network, (PositionRole.SENIOR_TEACHER,), {self.coordinator.pk}, 3)
        while len(seniors) < 3:
            n = len(seniors) + 1
            seniors.append(
                _person(
                    f"senior{n}@hevruta.example",
                    ["רחל", "אבי", "נגה"][n - 1],
                    "מורה בכירה",
                    network,
                    organization=institute,
                    title="מורה בכירה",
                    role=PositionRole.SENIOR_TEACHER,
                    since=date(2012, 9, 1),
                )
            )
        self.reviewer, self.supervisor, instructor = seniors
        services.add_staff(self.program, self.coordinator, StaffRole.COORDINATOR)
        services.add_staff(self.program, self.reviewer, StaffRole.REVIEWER)
        services.add_staff(self.program, self.supervisor, StaffRole.SUPERVISOR)
        services.add_staff(self.program, self.supervisor, StaffRole.REVIEWER)
        services.add_staff(self.program, instructor, StaffRole.INSTRUCTOR)
        self.staff_ids = {p.pk for p in (self.coordinator, *seniors)}

    def _participants(self, count: int, exclude: set[int]) -> list[Person]:
        leading = (
            PositionRole.SUBJECT_COORDINATOR,
            PositionRole.COMMUNITY_FACILITATOR,
            PositionRole.INSTRUCTOR,
            PositionRole.PEDAGOGIC_SUPERVISOR,
        )
        people = _members(self.network, leading, exclude | self.staff_ids, count)
        for n in range(len(people), count):
            people.append(
                _person(
                    f"leading{n}@hevruta.example",
                    "מורה",
                    f"מובילה {n + 1}",
                    self.network,
                    organization=self.institute,
                    title="רכזת מתמטיקה",
                    role=PositionRole.SUBJECT_COORDINATOR,
                    since=date(2019, 9, 1),
                )
            )
        return people

    def _sessions(self, cohort, first: date, spacing: int) -> list:  # type: ignore[no-untyped-def]
        sessions = []
        for index, (kind, title) in enumerate(MASTER_TEACHER_SESSIONS):
            day = first + timedelta(days=spacing * index)
            sessions.append(
                services.add_session(
                    cohort,
                    kind=kind,
                    title=title,
                    starts_at=_at(day, 16),
                    ends_at=_at(day, 19),
                    place="מכון ויצמן למדע, רחובות" if kind == EventKind.SEMINAR else "",
                )
            )
        return sessions

    def _attend(self, sessions: list, people: list[Person], share: float) -> None:
        for session in sessions:
            marks = {person.pk: self.rng.random() < share for person in people}
            services.record_attendance(session, marks, by=self.coordinator.user)

    def _evidence(self, enrollment: Enrollment, item: Item, outcome: str, level: int = 1) -> Evidence:
        statement = item.full_statement
        evidence = services.submit_evidence(
            enrollment,
            item,
            text=f"תיאור מהכיתה ומהקהילה: {statement}. צירפתי תוצרי תלמידים ותכנון המפגש.",
            reflection="מה למדתי: שיח ממוקד בחשיבת התלמידים מקדם את הקהילה יותר מהצגת פתרונות.",
            video_url="https://video.example.org/hevruta/demo-session",
            language="he",
        )
        if outcome == "submitted":
            return evidence
        reviewer = self.supervisor if enrollment.person_id == self.reviewer.pk else self.reviewer
        if outcome == "returned":
            services.review_evidence(
                evidence,
                reviewer,
                ReviewDecision.RETURN,
                level=self.levels[0],
                comments="הראיה מתארת את המפגש היטב; חסרה דוגמה לשיח על תוצרי תלמידים. הוסיפי קטע מתומלל.",
            )
            return evidence
        services.review_evidence(
            evidence,
            reviewer,
            ReviewDecision.ACCEPT,
            level=self.levels[level],
            comments="ראיה משכנעת, מבוססת על תוצרי תלמידים.",
        )
        return evidence

    def _supervise(self, person: Person, hours: list[float], start: date) -> None:
        for index, length in enumerate(hours):
            services.record_meeting(
                self.supervisor,
                person,
                program=self.program,
                date=start + timedelta(days=21 * index),
                hours=Decimal(str(length)),
                notes_language="he",
                competencies=self.competencies[:2],
                notes="עבדנו על תכנון המפגש הבא של הקהילה ועל ניסוח שאלות שמזמנות רפלקציה.",
            )

    def _past_cohort(self) -> None:
        """Last year's cohort: one participant approved (with credentials), one deferred, the rest completed."""
        year = timezone.localdate().year - 1
        cohort = services.create_cohort(
            self.program, f"מחזור {year - 1}–{year}", date(year - 1, 10, 1), date(year, 6, 30)
        )
        people = self._participants(6, set())
        enrollments = [services.enroll(cohort, person) for person in people]
        sessions = self._sessions(cohort, date(year - 1, 10, 15), 24)
        self._attend(sessions, people[1:], 0.85)
        for session in sessions:  # the first participant came to every session
            services.record_attendance(session, {people[0].pk: True}, by=self.coordinator.user)
        approved, deferred = enrollments[0], enrollments[1]
        self._supervise(approved.person, [2, 2, 2.5, 2, 2, 2], date(year - 1, 11, 1))
        self._supervise(deferred.person, [2, 1.5], date(year - 1, 11, 8))
        for item in self.competencies:
            self._evidence(approved, item, "accepted", level=2)
        self._evidence(deferred, self.competencies[0], "accepted", level=1)
        self._evidence(deferred, self.competencies[1], "returned")
        decided_at = _at(date(year, 7, 10), 12)
        approval = services.decide(approved, DecisionKind.APPROVE, by=self.coordinator.user)
        deferral = services.decide(
            deferred,
            DecisionKind.DEFER,
            by=self.coordinator.user,
            reason="חסרות שעות התנסות מודרכת וראיה מתוקנת למיומנות 1.3.1. נשמח לדון שוב בסוף הסמסטר.",
        )
        AccreditationDecision.objects.filter(pk__in=[approval.pk, deferral.pk]).update(decided_at=decided_at)
        RoleAccreditation.objects.filter(decision=approval).update(granted_at=decided_at)
        for enrollment in enrollments[2:]:
            services.set_enrollment_status(enrollment, EnrollmentStatus.COMPLETED)
        past = _at(date(year, 5, 20), 10)
        Evidence.objects.filter(enrollment__cohort=cohort).update(submitted_at=past)
        EvidenceRevision.objects.filter(evidence__enrollment__cohort=cohort).update(submitted_at=past)
        self._issue(approved)

    def _issue(self, enrollment: Enrollment) -> None:
        from hevruta.credentials.contexts import ContextError
        from hevruta.credentials.dataintegrity import ProofError

        try:
            for kind in (CredentialKind.ACCREDITATION, CredentialKind.COMPLETION):
                services.issue_program_credential(enrollment, kind, issued_by=self.coordinator.user)
                self.summary.credentials += 1
            services.issue_program_credential(
                enrollment, CredentialKind.COMPETENCY, competency=self.competencies[0], issued_by=self.coordinator.user
            )
            self.summary.credentials += 1
        except (ContextError, ProofError) as error:
            # Signing needs the pinned JSON-LD contexts the package ships; should they be unusable, the rest stands.
            self.summary.notes.append(_("No credentials were issued: %(reason)s") % {"reason": error})

    def _current_cohort(self) -> None:
        """This year's cohort, mid-way: sessions behind and ahead, evidence in every state, supervision."""
        today = timezone.localdate()
        start, end = today - timedelta(days=140), today + timedelta(days=140)
        cohort = services.create_cohort(self.program, f"מחזור {start.year}–{end.year}", start, end)
        teacher = Person.objects.filter(email=TEACHER_EMAIL).first()
        taken = set(Enrollment.objects.filter(cohort__program=self.program).values_list("person_id", flat=True))
        people = self._participants(11, taken | ({teacher.pk} if teacher else set()))
        if teacher is not None:
            people.insert(0, teacher)
        enrollments = [services.enroll(cohort, person) for person in people]
        # Five sessions held, one tonight (check-in is open half an hour before it), four ahead.
        sessions = self._sessions(cohort, today - timedelta(days=100), 20)
        held = [s for s in sessions if s.ends_at < timezone.now()]
        self._attend(held, people, 0.85)
        outcomes = ("accepted", "returned", "submitted")
        for index, enrollment in enumerate(enrollments[:9]):
            # The first (the demo's teacher, when loaded) has evidence in each state.
            for offset, item in enumerate(self.competencies[: 3 if index == 0 else 1 + index % 3]):
                self._evidence(enrollment, item, outcomes[(index + offset) % 3], level=1 + (index + offset) % 2)
        for index, person in enumerate(people[:6]):
            self._supervise(person, [1.5, 2][: 1 + index % 2] * 2, today - timedelta(days=90 - 7 * index))
        services.add_assignment(
            cohort,
            title="תיק עבודות: הנחיית מפגש קהילה",
            description="תעדו מפגש קהילה שהנחיתם: תכנון, תוצרי תלמידים שנדונו, ורפלקציה.",
            due_date=today + timedelta(days=60),
            competency=self.competencies[1] if len(self.competencies) > 1 else None,
        )


# The Alumot program ------------------------------------------------------------------------------------


class _Alumot:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.network = _network(ALUMOT_NETWORK, "רשת בוגרי עלומות", "Alumot alumni network", NetworkKind.ALUMNI, False)
        self.organization = _organization(
            self.network,
            ALUMOT_ORGANIZATION,
            name_en="Alumot program",
            name_ar="برنامج ألوموت",
            kind=OrganizationKind.NONPROFIT,
        )

    def build(self) -> Program:
        program = services.create_program(
            self.network,
            slug="alumot",
            name_he="תוכנית עלומות",
            name_en="Alumot program",
            name_ar="برنامج ألوموت",
            kind=ProgramKind.LEADERSHIP,
            description=ALUMOT_PROBLEMS,
            description_language="en",
            vision=ALUMOT_VISION,
            vision_language="en",
            issuing_organization=self.organization,
        )
        for goal_text, objectives in ALUMOT_GOALS:
            goal = services.add_goal(program, goal_text, "en")
            for objective in objectives:
                services.add_objective(goal, objective, "en")
        services.add_requirement(program, "attendance", min_percent=80)
        director = _person(
            ALUMOT_EMAIL,
            "רונית",
            "שמעוני",
            self.network,
            organization=self.organization,
            title="מנהלת תוכנית עלומות",
            role=PositionRole.STAFF,
            since=date(2016, 9, 1),
            membership=MembershipRole.MANAGER,
        )
        services.add_staff(program, director, StaffRole.COORDINATOR)
        arabic_member = Person.objects.filter(email=ARABIC_MEMBER_EMAIL).first()
        # She is kept for the third cohort, which her profile says she graduated from.
        taken: set[int] = {director.pk} | ({arabic_member.pk} if arabic_member else set())
        for index, (name, start, end) in enumerate(ALUMOT_COHORTS):
            cohort = services.create_cohort(program, name, start, end)
            people = self._alumni(end, taken, 8)
            if index == 2 and arabic_member is not None:
                people.append(arabic_member)
            taken |= {person.pk for person in people}
            for person in people:
                enrollment = services.enroll(cohort, person, self._college_of(person))
                services.set_enrollment_status(enrollment, EnrollmentStatus.COMPLETED)
            for number, (kind, title) in enumerate(ALUMOT_SESSIONS):
                day = start + timedelta(days=40 * number + 7)
                session = services.add_session(
                    cohort,
                    kind=kind,
                    title=title,
                    starts_at=_at(day, 10),
                    ends_at=_at(day + timedelta(days=5 if kind == EventKind.STUDY_TRIP else 0), 16),
                )
                services.record_attendance(session, {p.pk: self.rng.random() < 0.9 for p in people}, by=director.user)
        return program

    def _college_of(self, person: Person) -> Organization | None:
        position = person.positions.select_related("organization").order_by("start_date").first()
        return position.organization if position else None

    def _alumni(self, cohort_end: date, taken: set[int], count: int) -> list[Person]:
        """Alumot members, some of whom took a senior post after this cohort ended, the rest before or never."""
        members = Person.objects.filter(memberships__network=self.network).exclude(pk__in=taken)
        later = list(
            members.filter(positions__is_senior=True, positions__start_date__gt=cohort_end).distinct().order_by("pk")
        )[: count // 2]
        others = list(members.exclude(pk__in=[p.pk for p in later]).distinct().order_by("pk")[: count - len(later)])
        people = later + others
        colleges = list(Organization.objects.filter(kind=OrganizationKind.COLLEGE).order_by("pk")[:4])
        for n in range(len(people), count):
            people.append(self._stand_in(cohort_end, n, colleges))
        return people

    def _stand_in(self, cohort_end: date, n: int, colleges: list[Organization]) -> Person:
        """A made-up alumna when the directory's demo is not loaded: lecturer, head of a department, and
        for every other one a senior post taken after the program."""
        college = colleges[n % len(colleges)] if colleges else self.organization
        person = _person(
            f"alumna{cohort_end.year}-{n}@hevruta.example",
            "בוגרת",
            f"עלומות {cohort_end.year}-{n + 1}",
            self.network,
            organization=college,
            title="מרצה",
            role=PositionRole.LECTURER,
            since=date(cohort_end.year - 12, 10, 1),
        )
        Position.objects.filter(person=person).update(end_date=date(cohort_end.year - 5, 9, 30))
        if n % 2 == 0:
            Position.objects.create(
                person=person,
                organization=college,
                title="ראשת החוג",
                role=PositionRole.ACADEMIC_HEAD,
                start_date=date(cohort_end.year - 5, 10, 1),
                end_date=cohort_end + timedelta(days=365),
            )
            Position.objects.create(
                person=person,
                organization=college,
                title="דיקנית הסטודנטים",
                role=PositionRole.ACADEMIC_HEAD,
                start_date=cohort_end + timedelta(days=366),
                is_senior=True,
            )
        else:
            Position.objects.create(
                person=person,
                organization=college,
                title="ראשת החוג",
                role=PositionRole.ACADEMIC_HEAD,
                start_date=date(cohort_end.year - 5, 10, 1),
            )
        return person
