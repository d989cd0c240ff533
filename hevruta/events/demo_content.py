"""The demo's events, as the seed documents tell them (../shared/seeds/, documents 001 and 003).

Each event is data: what it is, when (a fixed date for the ones the documents date, else days from today
so the demo stays current), where, who organizes and hosts it, its agenda with speakers, and who takes
part. People and organizations are the directory demo's, found by their posts (`Who`) and names.
`hevruta/events/demo.py` writes them through the events services.
"""

from dataclasses import dataclass, field
from datetime import date

from hevruta.directory.models import PositionRole

from .models import EventKind, EventVisibility, RegistrationPolicy, SessionKind, SpeakerRole

PROMENTORS, CITIES, INSTITUTE = "promentors", "education-cities", "advanced-teaching"
# Localities by CBS code, as in the directory demo.
TEL_AVIV, KSEIFA, YERUHAM, REHOVOT, JERUSALEM, NETANYA = 5000, 1059, 831, 8400, 3000, 7400
HOLON, RAMAT_GAN, RISHON = 6600, 8600, 8300
KIBBUTZIM, KAYE, LEVINSKY = "סמינר הקיבוצים", "מכללת קיי", "מכללת לוינסקי לחינוך"
YERUHAM_COUNCIL, ILAN_RAMON = "המועצה המקומית ירוחם", "חטיבת הביניים אילן רמון, ירוחם"
INSTITUTE_NAME, WEIZMANN = "המכון להוראה מתקדמת במתמטיקה ובמדעים", "מכון ויצמן למדע"
RAMAT_GAN_CITY, JERUSALEM_CITY, NETANYA_CITY = "עיריית רמת גן", "עיריית ירושלים", "עיריית נתניה"


@dataclass(frozen=True)
class Who:
    """People of a network found by a post: its role, and optionally its organization (by name), the
    organization's locality, its title's words, or a post since left (`former`)."""

    network: str
    role: str
    organization: str = ""
    locality: int = 0
    title: str = ""
    former: bool = False
    count: int = 1
    # Skip the first few found, so two selectors of the same post name different people.
    skip: int = 0


@dataclass(frozen=True)
class DemoSpeaker:
    who: Who | None = None
    guest: str = ""  # a guest known by name only (not in the directory)
    affiliation: str = ""
    role: str = SpeakerRole.SPEAKER


PANELIST = SpeakerRole.PANELIST


@dataclass(frozen=True)
class DemoSession:
    title: str
    kind: str
    starts: float  # hours after the event starts
    hours: float
    room: str = ""
    description: str = ""
    speakers: tuple[DemoSpeaker, ...] = ()
    host: str = ""  # a learning tour's site: its host organization (it gives the locality)
    capacity: int | None = None


@dataclass(frozen=True)
class DemoEvent:
    key: str
    network: str
    kind: str
    title: str
    description: str  # in Hebrew, as the network wrote it
    day: date | int  # a date, or days from today
    hour: int
    hours: float
    locality: int | None = None
    address: str = ""
    hosts: tuple[str, ...] = ()  # host organizations by name
    organizers: tuple[str, ...] = ()  # logins by email
    organizer_posts: tuple[Who, ...] = ()
    sessions: tuple[DemoSession, ...] = ()
    visibility: str = EventVisibility.NETWORK
    registration_policy: str = RegistrationPolicy.OPEN
    capacity: int | None = None
    asks_dietary_needs: bool = False
    # Registered, in this order (the first ones get the seats); sessions by their position in `sessions`.
    participants: tuple[Who, ...] = ()
    session_of: dict[int, int] = field(default_factory=dict)  # participant's index → chosen session
    present_share: float = 0.0  # of those with a seat, how many came (held events only)
    logins: tuple[str, ...] = ()  # demo logins registered after the others
    logins_session: int | None = None  # the session the logins choose
    # The description's translations, each in its own field (core.names.local_text picks the reader's).
    description_en: str = ""
    description_ar: str = ""


# Document 001: the Promentors partners' meeting, hosted by Seminar HaKibbutzim on 2 March 2022 -------

HOLON_STORIES = DemoSession(
    "סיפורים אישיים מקהילת הלמידה של הגננות בחולון",
    SessionKind.TALK,
    0,
    1.5,
    room="אולם הכנסים",
    description=(
        "שלוש נשים, שותפות ומשתתפות בקהילת הלמידה של הגננות בחולון – חונכת, מנחת הקהילה ומפקחת משרד החינוך "
        "על החינוך הקדם-יסודי – משתפות את צוות פרומנטורס בניסיונן, בתובנותיהן ובמחשבותיהן על עתיד החניכה "
        "והכשרת החונכים בעיר."
    ),
    speakers=(
        DemoSpeaker(Who(PROMENTORS, PositionRole.MENTOR, title="גננת חונכת")),
        DemoSpeaker(Who(PROMENTORS, PositionRole.COMMUNITY_FACILITATOR, title="מנחת קהילת הגננות")),
        DemoSpeaker(Who(PROMENTORS, PositionRole.INSPECTOR, title="קדם-יסודי")),
    ),
)
MENTORING_PANEL = DemoSession(
    "פאנל: מקומה של החניכה בבית הספר",
    SessionKind.PANEL,
    1.75,
    1.5,
    room="אולם הכנסים",
    description=(
        "מהו חונך; האתגרים בשטח; החונך כחלק מתהליך ההערכה של המתמחים; והתהליכים במסגרות בית הספר. "
        "ואחריו דיון עם שותפי פרומנטורס על הסוגיות, האתגרים והפתרונות האפשריים לעתיד."
    ),
    speakers=(
        DemoSpeaker(Who(PROMENTORS, PositionRole.PRINCIPAL, locality=RAMAT_GAN), role=PANELIST),
        DemoSpeaker(Who(PROMENTORS, PositionRole.PRINCIPAL, locality=HOLON), role=PANELIST),
        DemoSpeaker(Who(PROMENTORS, PositionRole.DEPARTMENT_HEAD, organization=RAMAT_GAN_CITY), role=PANELIST),
        DemoSpeaker(Who(PROMENTORS, PositionRole.INSPECTOR, title="כולל"), role=PANELIST),
        DemoSpeaker(Who(PROMENTORS, PositionRole.INSPECTOR, title="כולל", former=True), role=PANELIST),
    ),
)
PROJECT_ISSUES = DemoSession(
    "סוגיות הפרויקט: המפגש המשותף בכסיפה ותובנות אמצע הדרך",
    SessionKind.DISCUSSION,
    3.5,
    1.5,
    room="אולם הכנסים",
    description=(
        "השותפים מציגים את המפגש המשותף של מכללות קיי ולוינסקי בכסיפה, ואת תובנות המכללות והמלצותיהן "
        "לפרויקט פרומנטורס באמצע הדרך."
    ),
    speakers=(
        DemoSpeaker(Who(PROMENTORS, PositionRole.ACADEMIC_HEAD, organization=KAYE), role=SpeakerRole.SPEAKER),
        DemoSpeaker(Who(PROMENTORS, PositionRole.ACADEMIC_HEAD, organization=LEVINSKY), role=SpeakerRole.SPEAKER),
        DemoSpeaker(guest="ד״ר בלהה בשן", affiliation="סיכום תובנות המכללות והמלצותיהן"),
        DemoSpeaker(guest="ד״ר ראומה דה גרוט", affiliation="סיכום תובנות המכללות והמלצותיהן"),
    ),
)
PARTNERS_MEETING = DemoEvent(
    key="promentors-partners-2022",
    network=PROMENTORS,
    kind=EventKind.MEETING,
    title="מפגש השותפים בישראל של פרומנטורס",
    description=(
        "סמינר הקיבוצים אירח את מפגש השותפים בישראל של פרומנטורס: סיפורים אישיים מקהילת הלמידה של הגננות "
        "בחולון, פאנל על מקומה של החניכה בבית הספר, וסוגיות הפרויקט באמצע הדרך. יום שבו השותפים למדו זה מזה "
        "וחשבו יחד על התהליכים, האתגרים וההצלחות של החניכה בישראל ובפרויקט."
    ),
    description_en=(
        "Seminar HaKibbutzim hosted a thought-provoking meeting of the Israeli partners of Promentors: personal "
        "stories from the kindergarten teachers' learning community in Holon, a panel on the role of mentoring "
        "in the school context, and the project's issues at its mid-point. A day on which the partners learned "
        "from one another and thought together about the processes, challenges and successes of mentoring."
    ),
    description_ar=(
        "استضاف سمينار هكيبوتسيم لقاء الشركاء في إسرائيل لمشروع برومنتورز: قصص شخصية من مجتمع التعلّم "
        "لمربيات رياض الأطفال في حولون، وندوة حول مكانة الإرشاد في المدرسة، وقضايا المشروع في منتصف الطريق. "
        "يوم تعلّم فيه الشركاء بعضهم من بعض وفكّروا معًا في مسارات الإرشاد وتحدياته ونجاحاته."
    ),
    day=date(2022, 3, 2),
    hour=9,
    hours=5,
    locality=TEL_AVIV,
    address="סמינר הקיבוצים, דרך נמיר 149, תל אביב",
    hosts=(KIBBUTZIM,),
    organizers=("promentors@hevruta.example",),
    sessions=(HOLON_STORIES, MENTORING_PANEL, PROJECT_ISSUES),
    capacity=60,
    participants=(
        Who(PROMENTORS, PositionRole.ACADEMIC_HEAD, count=3),
        Who(PROMENTORS, PositionRole.LECTURER, organization=KIBBUTZIM, count=3),
        Who(PROMENTORS, PositionRole.LECTURER, organization=KAYE, count=3),
        Who(PROMENTORS, PositionRole.LECTURER, organization=LEVINSKY, count=3),
        Who(PROMENTORS, PositionRole.MENTOR, title="גננת חונכת", count=5),
        Who(PROMENTORS, PositionRole.COMMUNITY_FACILITATOR),
        Who(PROMENTORS, PositionRole.INSPECTOR, count=2),
        Who(PROMENTORS, PositionRole.PRINCIPAL, count=2),
        Who(PROMENTORS, PositionRole.DEPARTMENT_HEAD),
    ),
    present_share=0.9,
)

# Document 001: the joint session of Kaye and Levinsky colleges at Kseifa. The document does not date
# it; it was presented at the partners' meeting, so the demo sets it some weeks before.
KSEIFA_SESSION = DemoEvent(
    key="kseifa-joint-session",
    network=PROMENTORS,
    kind=EventKind.MEETING,
    title="מפגש משותף של מכללת קיי ומכללת לוינסקי בכסיפה",
    description=(
        "חונכים ומתמחים מכסיפה ומראשון לציון, ומנחיהם במכללות קיי ולוינסקי, לומדים אלה מאלה ומשתפים "
        "בניסיונם. המסקנה: למרות השוני בין האוכלוסיות, האתגרים וההצלחות משותפים."
    ),
    description_ar=(
        "لقاء مشترك لكليتي كاي وليفنسكي في كسيفة: معلمون مرشدون ومتدربون من كسيفة ومن ريشون لتسيون يتعلّمون "
        "بعضهم من بعض ويتبادلون تجاربهم. الخلاصة: رغم الاختلاف بين المجتمعين، التحديات والنجاحات مشتركة."
    ),
    description_en=(
        "A joint session of Kaye and Levinsky colleges at Kseifa: mentors and interns from Kseifa and from "
        "Rishon LeZion, with their tutors at the two colleges, learn from one another and share their "
        "experience. The conclusion: for all the difference between the communities, the challenges and "
        "the successes are shared."
    ),
    day=date(2022, 1, 18),
    hour=10,
    hours=4,
    locality=KSEIFA,
    address="בית הספר המקיף, כסיפה",
    hosts=(KAYE, LEVINSKY),
    organizers=("promentors@hevruta.example",),
    organizer_posts=(
        Who(PROMENTORS, PositionRole.ACADEMIC_HEAD, organization=KAYE),
        Who(PROMENTORS, PositionRole.ACADEMIC_HEAD, organization=LEVINSKY),
    ),
    sessions=(
        DemoSession("היכרות בזוגות: חונך ומתמחה מכל עיר", SessionKind.WORKSHOP, 0, 1.5),
        DemoSession("מה למדנו זה מזה: שיחה משותפת", SessionKind.DISCUSSION, 2, 1.5),
    ),
    participants=(
        Who(PROMENTORS, PositionRole.MENTOR, locality=KSEIFA, count=3),
        Who(PROMENTORS, PositionRole.INTERN, locality=KSEIFA, count=3),
        Who(PROMENTORS, PositionRole.MENTOR, locality=RISHON, count=3),
        Who(PROMENTORS, PositionRole.INTERN, locality=RISHON, count=3),
        Who(PROMENTORS, PositionRole.LECTURER, organization=KAYE, count=2),
        Who(PROMENTORS, PositionRole.LECTURER, organization=LEVINSKY, count=2),
    ),
    present_share=1.0,
)

# Document 003: the Education Cities Network -------------------------------------------------------------

CITY_TEAMS = (
    Who(CITIES, PositionRole.DEPARTMENT_HEAD, count=12),
    Who(CITIES, PositionRole.STAFF, title="חדשנות", count=6),
    Who(CITIES, PositionRole.STAFF, title="העל-יסודי", count=6),
)


def _sharing_meeting(key: str, title: str, day: int, locality: int, host: str, address: str) -> DemoEvent:
    """One of the two annual sharing-and-learning meetings of the network's leadership."""
    return DemoEvent(
        key=key,
        network=CITIES,
        kind=EventKind.MEETING,
        title=title,
        description=(
            "צוותים מכל רשות חברה נפגשים במרחב משותף של עבודה ויצירה: כל רשות מציגה יוזמות חדשות שפיתחה, "
            "משתפת בפעולות המקומיות שלה ונהנית מסיעור מוחות של כל הרשת על הצלחות ועל כישלונות."
        ),
        description_en=(
            "Teams from every member municipality meet in a shared space of work and creation: each presents "
            "the new initiatives it has developed, shares its local work, and gains from the whole network's "
            "brainstorming on successes and failures."
        ),
        description_ar=(
            "تلتقي طواقم من كل سلطة محلية عضو في فضاء مشترك للعمل والإبداع: تعرض كل سلطة المبادرات الجديدة "
            "التي طوّرتها، وتشارك في أنشطتها المحلية، وتستفيد من عصف ذهني للشبكة كلها حول النجاحات والإخفاقات."
        ),
        day=day,
        hour=9,
        hours=7,
        locality=locality,
        address=address,
        hosts=(host,),
        organizers=("manager@hevruta.example",),
        sessions=(
            DemoSession("יוזמות חדשות מהרשויות", SessionKind.TALK, 0.5, 2, room="מליאה"),
            DemoSession("סיעור מוחות: הצלחות וכישלונות", SessionKind.WORKSHOP, 3, 2, room="חדרי עבודה"),
            DemoSession("מה לוקחים הביתה", SessionKind.DISCUSSION, 5.5, 1, room="מליאה"),
        ),
        capacity=80,
        asks_dietary_needs=True,
        participants=CITY_TEAMS,
        present_share=0.85,
    )


WINTER_MEETING = _sharing_meeting(
    "cities-sharing-winter",
    "מפגש השיתוף והלמידה הארצי של רשת ערים מחנכות: חורף",
    -120,
    JERUSALEM,
    JERUSALEM_CITY,
    "מרכז הכנסים העירוני, ירושלים",
)
SUMMER_MEETING = _sharing_meeting(
    "cities-sharing-summer",
    "מפגש השיתוף והלמידה הארצי של רשת ערים מחנכות: קיץ",
    60,
    NETANYA,
    NETANYA_CITY,
    "היכל התרבות, נתניה",
)

# The Kitchenette: a year of monthly meetings of municipal education managers (a series).
KITCHENETTE_SERIES = "המטבחון של ערים מחנכות"
KITCHENETTE_DESCRIPTION = (
    "סדרת מפגשים אינטנסיבית בת שנה של מנהלי אגפי חינוך ברשויות הרשת, ללמידה הדדית ולפיתוח משימות הרשת "
    "ופעילותה: שיתופי פעולה בין הרשויות, וסדר יום משותף של הרשת מול משרד החינוך. המטבחון כותב את "
    "העקרונות המנחים של הרשת."
)
KITCHENETTE_DESCRIPTION_EN = (
    "A year-long, intensive series of meetings of the heads of education departments in the network's "
    "municipalities, for mutual learning and for developing the network's tasks and work: cooperation "
    "between municipalities, and a shared agenda of the network before the Ministry of Education. The "
    "Kitchenette writes the network's guiding principles."
)
KITCHENETTE_DESCRIPTION_AR = (
    "سلسلة لقاءات مكثّفة على مدار عام لمديري أقسام التربية في سلطات الشبكة، للتعلّم المتبادل ولتطوير مهام "
    "الشبكة ونشاطها: التعاون بين السلطات المحلية، وجدول أعمال مشترك للشبكة أمام وزارة التربية والتعليم. "
    'يكتب "المطبخ الصغير" المبادئ الموجِّهة للشبكة.'
)
KITCHENETTE_MEMBERS = Who(CITIES, PositionRole.DEPARTMENT_HEAD, count=12)
KITCHENETTE_COORDINATOR = Who(CITIES, PositionRole.STAFF, title="המטבחון")
KITCHENETTE_TOPICS = (
    "פתיחת השנה: מה נרצה ללמוד זה מזה",
    "שיתופי פעולה בין רשויות: מה עבד ומה לא",
    "הכנה לפגישה במשרד החינוך",
    "נתונים בשירות ההחלטות באגף החינוך",
    "חינוך בלתי פורמלי ברצף היום",
    "אקלים בית ספרי: מה רשות יכולה לעשות",
    "עקרונות מנחים לרשת: טיוטה ראשונה",
    "הכלה ושילוב: סיפורי מקרה מהרשויות",
    "עקרונות מנחים לרשת: נוסח לאישור",
    "סיכום השנה ותכנון הבאה",
)
# The series' meetings: eight a month apart behind us, two ahead.
KITCHENETTE_FIRST_DAY, KITCHENETTE_EVERY = -240, 30

YERUHAM_TOUR = DemoEvent(
    key="yeruham-learning-tour",
    network=CITIES,
    kind=EventKind.LEARNING_TOUR,
    title="סיור למידה בירוחם",
    description=(
        "ירוחם מארחת את חברי הרשת ללמוד מתחומי החוזק שלה ולהתייעץ בתחומים שבהם היא מבקשת להתפתח. "
        "שני אתרים; כל משתתף בוחר אתר אחד לחלק השני של היום."
    ),
    description_en=(
        "Yeruham hosts the network's members to learn from its strengths and to consult on the areas in which "
        "it wants to grow. Two sites; each participant chooses one for the second part of the day."
    ),
    description_ar=(
        "تستضيف يروحام أعضاء الشبكة ليتعلّموا من مجالات قوّتها وليتشاوروا في المجالات التي تسعى إلى تطويرها. "
        "موقعان؛ يختار كل مشارك موقعًا واحدًا للجزء الثاني من اليوم."
    ),
    day=36,
    hour=9,
    hours=6,
    locality=YERUHAM,
    address="המועצה המקומית ירוחם",
    hosts=(YERUHAM_COUNCIL,),
    organizers=("manager@hevruta.example",),
    organizer_posts=(Who(CITIES, PositionRole.STAFF, title="סיורי למידה"),),
    sessions=(
        DemoSession(
            "משימות אבחון במתמטיקה בחטיבת הביניים",
            SessionKind.SITE_VISIT,
            0.5,
            2.5,
            host=ILAN_RAMON,
            capacity=15,
            speakers=(DemoSpeaker(Who(INSTITUTE, PositionRole.SUBJECT_COORDINATOR, organization=ILAN_RAMON)),),
        ),
        DemoSession(
            "אגף החינוך של המועצה: הרצף החינוכי ביישוב",
            SessionKind.SITE_VISIT,
            0.5,
            2.5,
            host=YERUHAM_COUNCIL,
            capacity=15,
            speakers=(
                DemoSpeaker(
                    Who(CITIES, PositionRole.DEPARTMENT_HEAD, organization=YERUHAM_COUNCIL), role=SpeakerRole.HOST
                ),
            ),
        ),
        DemoSession("סיכום והתייעצות עם צוות המועצה", SessionKind.DISCUSSION, 4, 1.5),
    ),
    capacity=30,
    participants=(Who(CITIES, PositionRole.DEPARTMENT_HEAD, count=8), Who(CITIES, PositionRole.STAFF, count=8)),
    session_of={n: n % 2 for n in range(16)},
)

# A conference ahead, one of whose workshops is full with people waiting for a seat.
CONFERENCE_WORKSHOP_SEATS = 12
CONFERENCE = DemoEvent(
    key="institute-conference",
    network=INSTITUTE,
    kind=EventKind.CONFERENCE,
    title="הכנס הארצי של המורים המובילים במתמטיקה ובמדעים",
    description=(
        "כנס שנתי של רכזי מקצוע, מדריכים, מנחי קהילות ומלווים פדגוגיים: הרצאת פתיחה, סדנאות מעשיות בכלים "
        "מבוססי מחקר, ומפגשי רשת."
    ),
    description_en=(
        "An annual conference of subject coordinators, instructors, community facilitators and pedagogical "
        "mentors: an opening lecture, hands-on workshops in research-based tools, and network meetings."
    ),
    description_ar=(
        "مؤتمر سنوي لمركّزي المواضيع والمرشدين وميسّري المجتمعات المهنية والمرافقين التربويين: محاضرة "
        "افتتاحية، وورشات عملية في أدوات قائمة على البحث، ولقاءات للشبكة."
    ),
    day=45,
    hour=9,
    hours=7,
    locality=REHOVOT,
    address="מכון ויצמן למדע, רחובות",
    hosts=(INSTITUTE_NAME, WEIZMANN),
    organizers=("manager@hevruta.example",),
    sessions=(
        DemoSession(
            "הרצאת פתיחה: מורים מובילים כמנוע של למידה מקצועית",
            SessionKind.TALK,
            0.5,
            1,
            room="אודיטוריום",
            speakers=(DemoSpeaker(Who(INSTITUTE, PositionRole.SENIOR_TEACHER)),),
        ),
        DemoSession(
            "סדנה: סימולציות וידאו למשוב עמיתים",
            SessionKind.WORKSHOP,
            2,
            2,
            room="חדר סדנאות 1",
            capacity=CONFERENCE_WORKSHOP_SEATS,
            speakers=(DemoSpeaker(Who(INSTITUTE, PositionRole.SENIOR_TEACHER, skip=1)),),
        ),
        DemoSession(
            "סדנה: משימות אבחון בשברים",
            SessionKind.WORKSHOP,
            2,
            2,
            room="חדר סדנאות 2",
            capacity=40,
            speakers=(DemoSpeaker(Who(INSTITUTE, PositionRole.SENIOR_TEACHER, skip=2)),),
        ),
    ),
    capacity=250,
    asks_dietary_needs=True,
    # The first fifteen choose the video workshop: twelve seats, three wait; the rest, the other.
    participants=(
        Who(INSTITUTE, PositionRole.COMMUNITY_FACILITATOR, count=15),
        Who(INSTITUTE, PositionRole.SUBJECT_COORDINATOR, count=10),
    ),
    session_of={**{n: 1 for n in range(15)}, **{n: 2 for n in range(15, 25)}},
    # The demo's teacher waits for a seat in the full workshop: the waitlist is there to see.
    logins=("teacher@hevruta.example",),
    logins_session=1,
)

EVENTS = (KSEIFA_SESSION, PARTNERS_MEETING, WINTER_MEETING, SUMMER_MEETING, YERUHAM_TOUR, CONFERENCE)
