"""The communities demo: four communities of the seed documents, with threads in Hebrew and Arabic.

- the Holon kindergarten teachers' learning community (seed 001), for the Promentors partners;
- a public community of Promentors mentors, with a thread in Arabic from the Kseifa school;
- the Institute's community facilitators (seed 002), closed: its name and purpose are listed, and the
  demo's teacher has asked to join;
- the Kitchenette of the Education Cities Network (seed 003), secret: only its members know of it.

People come from the directory's demo (found by their positions); the demo's logins are given the parts
that let them try each role: the Promentors manager facilitates the first two, the Institute's manager
the closed one, the Education Cities manager the Kitchenette. Posts are written without the
services (most demo people have no login) but rendered, mentioned and indexed as the services do.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hevruta.directory.models import Network, Person, PositionRole

from . import search
from .models import Community, CommunityVisibility, MemberRole, Membership, MemberStatus, Mention, Post, Thread
from .text import name_key, render_post

INSTITUTE, CITIES, PROMENTORS = "advanced-teaching", "education-cities", "promentors"
HOLON_NAME = "קהילת הגננות החונכות בחולון"


@dataclass
class CommunitiesDemo:
    communities: int = 0
    threads: int = 0
    posts: int = 0


def _people(network: Network, **position: object) -> list[Person]:
    current = Q(positions__end_date__isnull=True)
    return list(
        Person.objects.filter(
            current, memberships__network=network, **{f"positions__{k}": v for k, v in position.items()}
        )
        .distinct()
        .order_by("id")
    )


def _login(email: str) -> Person | None:
    return Person.objects.filter(email=email).first()


def _community(network: Network, name: str, purpose: str, visibility: str, roles: list[str]) -> Community:
    community = Community.objects.create(
        network=network, name=name, purpose=purpose, purpose_language="he", visibility=visibility, roles=roles
    )
    search.index_community(community.pk)
    return community


def _members(community: Community, facilitators: list[Person], members: list[Person]) -> None:
    now = timezone.now() - timedelta(days=60)
    rows: dict[int, Membership] = {}
    for person in members:
        rows[person.pk] = Membership(community=community, person=person, joined_at=now)
    for person in facilitators:
        rows[person.pk] = Membership(community=community, person=person, role=MemberRole.FACILITATOR, joined_at=now)
    Membership.objects.bulk_create(rows.values())


def _thread(community: Community, title: str, posts: list[tuple[Person, str, str]], days_ago: int) -> Thread:
    """posts: (author, text, language); @[name] in a text mentions that member."""
    started = timezone.now() - timedelta(days=days_ago)
    thread = Thread.objects.create(community=community, title=title, author=posts[0][0], last_post_at=started)
    members = {
        name_key(person.full_name): person
        for person in Person.objects.filter(
            community_memberships__community=community, community_memberships__status=MemberStatus.ACTIVE
        )
    }
    for number, (author, text, language) in enumerate(posts):
        keys = {key for key in members if f"@[{key}]" in text.casefold()}
        post = Post.objects.create(
            thread=thread, author=author, body=text, body_html=render_post(text, keys), language=language
        )
        written = started + timedelta(hours=5 * number)
        Post.objects.filter(pk=post.pk).update(created_at=written)
        Mention.objects.bulk_create(Mention(post=post, person=members[key]) for key in keys)
        thread.last_post_at = written
    thread.post_count = len(posts)
    thread.save(update_fields=["last_post_at", "post_count"])
    search.index_thread(thread.pk)
    return thread


@transaction.atomic
def load_communities_demo() -> CommunitiesDemo:
    if Community.objects.filter(name=HOLON_NAME).exists():
        return CommunitiesDemo()
    networks = {network.slug: network for network in Network.objects.filter(slug__in=[INSTITUTE, CITIES, PROMENTORS])}
    summary = CommunitiesDemo()
    if PROMENTORS in networks:
        _holon(networks[PROMENTORS], summary)
        _mentors(networks[PROMENTORS], summary)
    if INSTITUTE in networks:
        _facilitators(networks[INSTITUTE], summary)
    if CITIES in networks:
        _kitchenette(networks[CITIES], summary)
    summary.threads = Thread.objects.count()
    summary.posts = Post.objects.count()
    return summary


def _holon(network: Network, summary: CommunitiesDemo) -> None:
    community = _community(
        network,
        HOLON_NAME,
        "קהילה לומדת של גננות חונכות, גננות מתמחות, המנחה והמפקחת על החינוך הקדם-יסודי בחולון: "
        "מתייעצות על ליווי מתמחות בגן, משתפות כלים ולומדות זו מזו.",
        CommunityVisibility.NETWORK,
        [PositionRole.MENTOR, PositionRole.INTERN],
    )
    mentors = _people(network, role=PositionRole.MENTOR, organization__kind="kindergarten")
    interns = _people(network, role=PositionRole.INTERN, organization__kind="kindergarten")
    facilitator = _people(network, role=PositionRole.COMMUNITY_FACILITATOR)[:1]
    inspector = _people(network, role=PositionRole.INSPECTOR, organization__name__contains="קדם")[:1]
    manager = [person for person in [_login("promentors@hevruta.example")] if person]
    _members(community, facilitator + manager, mentors + interns + inspector)
    summary.communities += 1
    if not (mentors and interns and facilitator):
        return
    lead, mentor, intern = facilitator[0], mentors[0], interns[0]
    _thread(
        community,
        "איך נותנות משוב למתמחה אחרי פעילות בוקר?",
        [
            (
                mentor,
                "אחרי מפגש הבוקר אני רוצה לתת משוב שלא ירגיש כמו ביקורת. איך אתן בונות את השיחה? **מה עובד לכן?**",
                "he",
            ),
            (
                lead,
                f"אנחנו עובדות עם שלושה שלבים: מה ראיתי, מה שאלתי את עצמי, מה ננסה מחר. "
                f"@[{mentor.full_name}], אשמח שתביאי דוגמה למפגש הבא.",
                "he",
            ),
            (intern, "כמתמחה, הכי עוזר לי כשהמשוב מגיע באותו יום ועם דוגמה אחת מהגן.", "he"),
        ],
        days_ago=12,
    )
    if len(mentors) > 1:
        _thread(
            community,
            "מפגש הקהילה הבא: הערכת המתמחה",
            [
                (
                    lead,
                    "במפגש הבא נדבר על חלקה של החונכת בהערכת המתמחה. - מה אנחנו כותבות?\n- מה משתפים עם המפקחת?",
                    "he",
                ),
                (mentors[1], "אביא את הטופס שבנינו בשנה שעברה.", "he"),
            ],
            days_ago=4,
        )


def _mentors(network: Network, summary: CommunitiesDemo) -> None:
    community = _community(
        network,
        "חונכים בפרומנטורס",
        "קהילת החונכים והחונכות של שותפי פרומנטורס במכללות ובבתי הספר: מה החונך עושה, האתגרים בשטח, "
        "ותפקיד החונך בהערכת המתמחה.",
        CommunityVisibility.PUBLIC,
        [PositionRole.MENTOR],
    )
    mentors = _people(network, role=PositionRole.MENTOR)
    lecturers = _people(network, role=PositionRole.LECTURER)[:4]
    manager = [person for person in [_login("promentors@hevruta.example")] if person]
    _members(community, manager + lecturers[:1], mentors + lecturers)
    summary.communities += 1
    arabic = [person for person in mentors if any("\u0600" <= ch <= "\u06ff" for ch in person.full_name)]
    hebrew = [person for person in mentors if person not in arabic]
    if arabic and hebrew:
        _thread(
            community,
            "لقاء مشترك بين كسيفة وريشون لتسيون",
            [
                (
                    arabic[0],
                    "شكرًا على اللقاء المشترك في كسيفة. رغم الفروق بين المجتمعات، التحديات متشابهة جدًا. "
                    "هل نخطط للقاء ثانٍ في ريشون لتسيون؟",
                    "ar",
                ),
                (hebrew[0], "בשמחה! נוכל לארח בבית הספר שלנו ברישון לציון אחרי החגים.", "he"),
                (arabic[-1], "أقترح أن يحضر كل مرشد متدربه معه، ليتعلم المتدربون من بعضهم أيضًا.", "ar"),
            ],
            days_ago=20,
        )
    if lecturers and hebrew:
        _thread(
            community,
            "מה ההגדרה שלנו לחונך?",
            [
                (lecturers[0], "בפאנל עלתה השאלה מהו חונך. מה ההגדרה שלכם, בשורה אחת?", "he"),
                (hebrew[0], "מי שפותח את הדלת של הכיתה שלו למתמחה, ומשאיר אותה פתוחה.", "he"),
            ],
            days_ago=30,
        )


def _facilitators(network: Network, summary: CommunitiesDemo) -> None:
    community = _community(
        network,
        "מנחי קהילות מקצועיות במתמטיקה ובמדעים",
        "קהילה סגורה של מנחות ומנחי קהילות מקצועיות של המכון, בבתי הספר ומחוצה להם: "
        '"דלתות הכיתות פתוחות; מורים מתייעצים זה עם זה". כאן מתייעצים על הנחיה.',
        CommunityVisibility.CLOSED,
        [PositionRole.COMMUNITY_FACILITATOR],
    )
    facilitators = _people(network, role=PositionRole.COMMUNITY_FACILITATOR)
    manager = [person for person in [_login("manager@hevruta.example")] if person]
    sanaa = [person for person in [_login("member.ar@hevruta.example")] if person]
    _members(community, manager, facilitators + sanaa)
    teacher = _login("teacher@hevruta.example")
    if teacher is not None:
        Membership.objects.create(
            community=community,
            person=teacher,
            status=MemberStatus.REQUESTED,
            message="אני עובדת לקראת הסמכה כמנחת קהילה מקצועית ואשמח ללמוד מכם.",
        )
    summary.communities += 1
    writers = [*manager, *facilitators]
    if len(writers) >= 2:
        _thread(
            community,
            "פתיחת מפגש קהילה עם משימת אבחון",
            [
                (writers[0], "מי ניסה לפתוח מפגש בניתוח משותף של תשובות תלמידים למשימת אבחון? איך בחרתם תשובות?", "he"),
                (writers[1], "בחרנו שלוש תשובות שגויות שונות, בלי שמות, וביקשנו לנחש מה התלמיד חשב.", "he"),
            ],
            days_ago=8,
        )
    if sanaa:
        _thread(
            community,
            "مجتمع معلمي الرياضيات في الكلية",
            [
                (
                    sanaa[0],
                    "أقود مجتمعًا مهنيًا لمعلمي الرياضيات. نلتقي مرة كل أسبوعين ونحلل مهام تشخيصية معًا. "
                    "أبحث عن أفكار لإشراك المعلمين الجدد.",
                    "ar",
                )
            ],
            days_ago=6,
        )


def _kitchenette(network: Network, summary: CommunitiesDemo) -> None:
    community = _community(
        network,
        "המטבחון",
        "סדרת מפגשים אינטנסיבית בת שנה של מנהלי אגפי חינוך ברשת ערים מחנכות: שיתופי פעולה בין הרשויות, "
        "וסדר יום משותף מול משרד החינוך.",
        CommunityVisibility.SECRET,
        [PositionRole.DEPARTMENT_HEAD],
    )
    heads = _people(network, role=PositionRole.DEPARTMENT_HEAD)
    coordinator = _people(network, title__in=["רכזת המטבחון", "רכז המטבחון"])[:1]
    manager = [person for person in [_login("manager@hevruta.example")] if person]
    _members(community, coordinator + manager, heads)
    summary.communities += 1
    if len(heads) >= 2:
        lead = (coordinator or manager or heads)[0]
        _thread(
            community,
            "עקרונות מנחים לשנה הבאה: טיוטה",
            [
                (lead, "צירפתי טיוטה של העקרונות המנחים. נשמח להערות לפני המפגש במשרד החינוך.", "he"),
                (heads[0], "מציעה להוסיף עיקרון על שקיפות בהצלחות ובכישלונות: זה מה שמייחד את הרשת.", "he"),
                (heads[1], "מסכים. וגם: כל רשות מארחת לפחות סיור למידה אחד בשנה.", "he"),
            ],
            days_ago=3,
        )
