"""The demo: the four networks of the seed documents, with their real organizations and synthetic people.

- the Institute for Advanced Teaching's professional network of leading teachers (seed 002);
- the Education Cities Network of municipalities and regional councils (seed 003);
- the Israeli partners of Promentors, a mentoring project (seed 001);
- the Alumot alumni network of senior staff of colleges of education (seed 000).

Organizations and networks carry their real names; people are made up, with Hebrew and Arabic names,
from a seeded random generator, so every load is the same. Demo logins (DEMO_LOGINS) can sign in with
the password DEMO_PASSWORD.
"""

import random
import secrets
import time
from dataclasses import dataclass, field
from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hevruta.accounts.models import User
from hevruta.core.pagecache import data_changed
from hevruta.core.text import search_key

from .generate import SyntheticName, grade_bands_for, position_title, school, synthetic_name
from .localities import ensure_localities
from .models import (
    GradeBand,
    Invitation,
    JoinPolicy,
    JoinRequest,
    Language,
    Locality,
    MembershipRole,
    Network,
    NetworkKind,
    NetworkMembership,
    NetworkOrganization,
    Organization,
    OrganizationKind,
    Person,
    Position,
    PositionRole,
    Sector,
    Subject,
    Topic,
    Visibility,
)
from .signals import people_changed

DEMO_PASSWORD = "hevruta-demo"
DEMO_SEED = 2017  # the school year the Institute for Advanced Teaching was to open

# Localities by CBS code (the package ships every CBS locality: hevruta/directory/data/).
HOLON, RAMAT_GAN, RISHON, KSEIFA, YERUHAM, BAT_YAM = 6600, 8600, 8300, 1059, 831, 6200
HADERA, JERUSALEM, NOF_HAGALIL, NETANYA, REHOVOT, TEL_AVIV = 6500, 3000, 1061, 7400, 8400, 5000
BEERSHEBA, BAQA, SAKHNIN, HAIFA, QIRYAT_TIVON, QAZRIN = 9000, 6000, 7500, 4000, 2300, 4100


@dataclass(frozen=True)
class DemoLogin:
    email: str
    given_name: str
    family_name: str
    can: Promise
    female: bool = True
    arabic: bool = False


DEMO_LOGINS = (
    DemoLogin("admin@hevruta.example", "אורנה", "שגיא", _("Site operator: sees everything, and the admin site")),
    DemoLogin(
        "manager@hevruta.example",
        "דנה",
        "אלון",
        _("Manages the Institute for Advanced Teaching's network and the Education Cities Network"),
    ),
    DemoLogin("promentors@hevruta.example", "מיכל", "ברק", _("Manages the Promentors partners' network")),
    DemoLogin("alumot@hevruta.example", "רונית", "שמעוני", _("Manages the Alumot alumni network (members only)")),
    DemoLogin(
        "teacher@hevruta.example",
        "שירה",
        "אוחיון",
        _("Member: a mathematics subject coordinator at a junior-high school in Yeruham"),
    ),
    DemoLogin(
        "member.ar@hevruta.example",
        "سناء",
        "مصاروة",
        _("Arabic-speaking member: head of a department at Al-Qasemi College, Alumot alumna"),
        arabic=True,
    ),
    DemoLogin(
        "outsider@hevruta.example",
        "יוסי",
        "פרידמן",
        _("Signed in but in no network: sees public profiles and networks only"),
        female=False,
    ),
)

# The networks --------------------------------------------------------------------------------------

INSTITUTE, CITIES, PROMENTORS, ALUMOT = "advanced-teaching", "education-cities", "promentors", "alumot"

NETWORKS = {
    INSTITUTE: {
        "name": "הרשת המקצועית של המכון להוראה מתקדמת במתמטיקה ובמדעים",
        "name_en": "Institute for Advanced Teaching in Mathematics and Science: professional network",
        "name_ar": "الشبكة المهنية لمعهد التدريس المتقدم في الرياضيات والعلوم",
        "kind": NetworkKind.PROFESSIONAL,
        "is_public": True,
        "join_policy": JoinPolicy.ON_REQUEST,
        "description": (
            "המכון הלאומי להוראה מתקדמת במתמטיקה ובמדעים פועל למען כעשרים האחוזים ממורי המתמטיקה והמדעים "
            "בחטיבות הביניים ובחטיבות העליונות, שלצד ההוראה בכיתה לוקחים חלק פעיל בפיתוח המקצועי של עמיתיהם: "
            "רכזי מקצוע, מדריכים, מנחי קהילות מקצועיות ומלווים פדגוגיים, ולצדם המורים הבכירים שמלמדים אותם. "
            "המכון הוא מרכז מומחיות הממפה, אוסף ומנגיש ידע מעשי וכלים מבוססי מחקר, כמו משימות אבחון וסימולציות "
            "וידאו, ודואג שייעשה בהם שימוש; זרוע ליישום מדיניות הכותבת הגדרות תפקיד וסטנדרטים מקצועיים לכל "
            "תפקיד מוביל ומתכננת הכשרה, הסמכה וליווי מקצועי תוך כדי עבודה; ובית ספר מקצועי למורים מובילים, "
            "עם תוכנית מורה מומחה (Master Teacher), כנסים, סמינרים ורשת מקצועית זו. "
            "המכון הוקם בהובלת משרד החינוך, בחסות מכון ויצמן למדע ובשיתוף קרן טראמפ."
        ),
    },
    CITIES: {
        "name": "רשת ערים מחנכות",
        "name_en": "Education Cities Network",
        "name_ar": "شبكة المدن التربوية",
        "kind": NetworkKind.MUNICIPAL,
        "is_public": True,
        "join_policy": JoinPolicy.INVITATION,
        "description": (
            "רשת ערים מחנכות הוקמה בידי טופז – חדשנות חברתית מובילה וארגון ערים מחנכות, ומאגדת רשויות מקומיות, "
            "ארגונים ועסקים שמובילים חדשנות חינוכית. אף עיר אינה אי: כל רשות משתפת בניסיונה, בהצלחותיה "
            "ובכישלונותיה, וחברי הרשת הם לומדים ומלמדים כאחד, ברוח הערבות ההדדית. הרשת פועלת בשלושה ערוצים: "
            'מפגשי שיתוף ולמידה ארציים פעמיים בשנה, שבהם צוותים מכל רשות מציגים יוזמות חדשות; "המטבחון" – '
            "סדרת מפגשים אינטנסיבית בת שנה של מנהלי אגפי חינוך, שמפתחת שיתופי פעולה בין הרשויות, כותבת את עקרונות "
            "הרשת ומקדמת סדר יום משותף מול משרד החינוך; וכנסים ארציים וסיורי למידה בין הערים, שבהם לומדים "
            "מתחומי החוזק של כל עיר ומתייעצים בתחומים שבהם היא מבקשת להתפתח."
        ),
    },
    PROMENTORS: {
        "name": "פרומנטורס – השותפים בישראל",
        "name_en": "Promentors – Israeli partners",
        "name_ar": "برومنتورز – الشركاء في إسرائيل",
        "kind": NetworkKind.PROGRAM,
        "is_public": True,
        "join_policy": JoinPolicy.OPEN,
        "description": (
            "פרומנטורס הוא פרויקט של חניכה ושל הכשרת חונכים למתמחים ולמורים חדשים. השותפים בישראל – סמינר "
            "הקיבוצים, מכללת קיי, מכללת לוינסקי, משרד החינוך והרשויות בחולון וברמת גן – נפגשים ללמידה משותפת: "
            "קהילת הלמידה של גננות בחולון, שבה חונכת, מנחת הקהילה ומפקחת הגנים משתפות בניסיונן; פאנל על מקומה "
            "של החניכה בבית הספר ועל חלקו של החונך בהערכת המתמחים; ומפגשים משותפים של מכללות, כמו מפגש קיי "
            "ולוינסקי בכסיפה, שבו למדו זה מזה אנשי כסיפה וראשון לציון ומצאו שלמרות השוני האתגרים וההצלחות "
            "משותפים. באמצע הפרויקט הציגו המכללות את תובנותיהן והמלצותיהן."
        ),
    },
    ALUMOT: {
        "name": "רשת בוגרי עלומות",
        "name_en": "Alumot alumni network",
        "name_ar": "شبكة خريجي ألوموت",
        "kind": NetworkKind.ALUMNI,
        "is_public": False,
        "join_policy": JoinPolicy.INVITATION,
        "description": (
            "עלומות היא תוכנית לפיתוח מנהיגות לסגל האקדמי הבכיר במכללות לחינוך. חזונה: עתודה של מנהיגות "
            "חינוכית בהכשרת המורים, ששואפת לתפקידי ניהול בכירים ומסוגלת למלא אותם, ויוצרת שותפויות בין מוסדות "
            "ההכשרה ובינם לבין מוסדות החינוך, כדי להוביל שינוי בהכשרת המורים. שלוש מטרות לתוכנית: טיפוח יכולות "
            "ניהול ומנהיגות וחיזוק המוטיבציה לתפקידי ניהול בכירים; תפיסה מערכתית של האקולוגיה של הכשרת המורים, "
            "במפגשים עם קובעי מדיניות ובחשיפה למערכות חינוך בעולם; ורשת בוגרים מגובשת הפועלת בין המגזרים, "
            "מתוך שיח פתוח, היכרות עם הפסיפס של החברה הישראלית ושותפות בהובלת שינוי מערכתי."
        ),
    },
}

# Organizations: key, Hebrew, English, Arabic, kind, sector, locality (CBS code), parent key ------------

ORGANIZATIONS = (
    ("ministry", "משרד החינוך", "Ministry of Education", "وزارة التربية والتعليم",
     OrganizationKind.MINISTRY_UNIT, Sector.GENERAL, JERUSALEM, None),
    ("ministry-science", "אגף מתמטיקה ומדעים", "Mathematics and Science Division", "قسم الرياضيات والعلوم",
     OrganizationKind.MINISTRY_UNIT, Sector.GENERAL, JERUSALEM, "ministry"),
    ("ministry-training", "האגף להכשרת עובדי הוראה", "Teaching Workers Training Division",
     "قسم تأهيل العاملين في التدريس", OrganizationKind.MINISTRY_UNIT, Sector.GENERAL, JERUSALEM, "ministry"),
    ("ministry-early", "האגף לחינוך קדם-יסודי", "Early Childhood Education Division", "قسم التربية ما قبل الابتدائية",
     OrganizationKind.MINISTRY_UNIT, Sector.GENERAL, JERUSALEM, "ministry"),
    ("weizmann", "מכון ויצמן למדע", "Weizmann Institute of Science", "معهد وايزمان للعلوم",
     OrganizationKind.RESEARCH_INSTITUTE, "", REHOVOT, None),
    ("weizmann-science-teaching", "המחלקה להוראת המדעים", "Department of Science Teaching", "قسم تدريس العلوم",
     OrganizationKind.RESEARCH_INSTITUTE, "", REHOVOT, "weizmann"),
    ("institute", "המכון להוראה מתקדמת במתמטיקה ובמדעים", "Institute for Advanced Teaching in Mathematics and Science",
     "معهد التدريس المتقدم في الرياضيات والعلوم", OrganizationKind.NONPROFIT, Sector.GENERAL, REHOVOT, "weizmann"),
    ("trump", "קרן טראמפ", "Trump Foundation", "صندوق ترامب", OrganizationKind.FOUNDATION, "", None, None),
    ("center-math", "המרכז הארצי למורי המתמטיקה בחינוך העל-יסודי",
     "National Center for Mathematics Teachers (post-elementary)", "المركز القطري لمعلمي الرياضيات",
     OrganizationKind.TEACHERS_CENTER, Sector.GENERAL, None, None),
    ("center-physics", "המרכז הארצי למורי הפיזיקה", "National Center for Physics Teachers",
     "المركز القطري لمعلمي الفيزياء", OrganizationKind.TEACHERS_CENTER, Sector.GENERAL, None, None),
    ("center-chemistry", "המרכז הארצי למורי הכימיה", "National Center for Chemistry Teachers",
     "المركز القطري لمعلمي الكيمياء", OrganizationKind.TEACHERS_CENTER, Sector.GENERAL, None, None),
    ("center-biology", "המרכז הארצי למורי הביולוגיה", "National Center for Biology Teachers",
     "المركز القطري لمعلمي الأحياء", OrganizationKind.TEACHERS_CENTER, Sector.GENERAL, None, None),
    ("center-science", "המרכז הארצי למורי מדע וטכנולוגיה בחטיבות הביניים",
     "National Center for Science and Technology Teachers (junior high)", "المركز القطري لمعلمي العلوم والتكنولوجيا",
     OrganizationKind.TEACHERS_CENTER, Sector.GENERAL, None, None),
    ("topaz", "טופז – חדשנות חברתית מובילה", "TOPAZ – Leading Social Innovations", "توباز – ريادة الابتكار الاجتماعي",
     OrganizationKind.NONPROFIT, "", None, None),
    ("education-cities", "ערים מחנכות", "Education Cities", "مدن تربوية", OrganizationKind.NONPROFIT, "", None, None),
    ("alumot", "תוכנית עלומות", "Alumot program", "برنامج ألوموت", OrganizationKind.NONPROFIT, "", None, None),
    # Colleges of teacher education, from several sectors.
    ("kibbutzim", "סמינר הקיבוצים", "Seminar HaKibbutzim College", "كلية سمينار هكيبوتسيم",
     OrganizationKind.COLLEGE, Sector.STATE, TEL_AVIV, None),
    ("kaye", "מכללת קיי", "Kaye Academic College of Education", "كلية كاي الأكاديمية للتربية",
     OrganizationKind.COLLEGE, Sector.STATE, BEERSHEBA, None),
    ("levinsky", "מכללת לוינסקי לחינוך", "Levinsky College of Education", "كلية ليفنسكي للتربية",
     OrganizationKind.COLLEGE, Sector.STATE, TEL_AVIV, None),
    ("qasemi", "האקדמית אלקאסמי", "Al-Qasemi Academic College of Education", "أكاديمية القاسمي",
     OrganizationKind.COLLEGE, Sector.ARAB, BAQA, None),
    ("sakhnin", "המכללה האקדמית סח'נין להכשרת עובדי הוראה", "Sakhnin Academic College for Teacher Education",
     "الكلية الأكاديمية سخنين لتأهيل المعلمين", OrganizationKind.COLLEGE, Sector.ARAB, SAKHNIN, None),
    ("arab-college", "המכללה האקדמית הערבית לחינוך בחיפה", "The Arab Academic College for Education, Haifa",
     "الكلية الأكاديمية العربية للتربية – حيفا", OrganizationKind.COLLEGE, Sector.ARAB, HAIFA, None),
    ("yellin", "מכללת דוד ילין", "David Yellin Academic College of Education", "كلية دافيد يلين الأكاديمية للتربية",
     OrganizationKind.COLLEGE, Sector.STATE, JERUSALEM, None),
    ("oranim", "מכללת אורנים", "Oranim Academic College of Education", "كلية أورانيم الأكاديمية للتربية",
     OrganizationKind.COLLEGE, Sector.STATE, QIRYAT_TIVON, None),
    ("efrata", "מכללת אפרתה", "Efrata College of Education", "كلية إفراتا للتربية",
     OrganizationKind.COLLEGE, Sector.STATE_RELIGIOUS, JERUSALEM, None),
    ("gordon", "המכללה האקדמית לחינוך ע\"ש גורדון", "Gordon Academic College of Education",
     "كلية غوردون الأكاديمية للتربية", OrganizationKind.COLLEGE, Sector.STATE, HAIFA, None),
    ("ohalo", "אוהלו – מכללה אקדמית בקצרין", "Ohalo Academic College, Katzrin", "كلية أوهالو الأكاديمية",
     OrganizationKind.COLLEGE, Sector.STATE, QAZRIN, None),
    ("talpiot", "המכללה האקדמית תלפיות", "Talpiot Academic College of Education", "كلية تلبيوت الأكاديمية",
     OrganizationKind.COLLEGE, Sector.STATE_RELIGIOUS, HOLON, None),
)  # fmt: skip

# Member municipalities and regional councils of the Education Cities Network (seed 003), and the
# municipalities of Promentors (seed 001): key, Hebrew, English, Arabic, kind, locality.
MUNICIPALITIES = (
    ("bat-yam", "עיריית בת ים", "Bat Yam Municipality", "بلدية بات يام", OrganizationKind.MUNICIPALITY, BAT_YAM),
    ("hadera", "עיריית חדרה", "Hadera Municipality", "بلدية الخضيرة", OrganizationKind.MUNICIPALITY, HADERA),
    ("jerusalem", "עיריית ירושלים", "Jerusalem Municipality", "بلدية القدس", OrganizationKind.MUNICIPALITY, JERUSALEM),
    ("yeruham", "המועצה המקומית ירוחם", "Yeruham Local Council", "المجلس المحلي يروحام",
     OrganizationKind.LOCAL_COUNCIL, YERUHAM),
    ("nof-hagalil", "עיריית נוף הגליל", "Nof HaGalil Municipality", "بلدية نوف هجليل",
     OrganizationKind.MUNICIPALITY, NOF_HAGALIL),
    ("netanya", "עיריית נתניה", "Netanya Municipality", "بلدية نتانيا", OrganizationKind.MUNICIPALITY, NETANYA),
    ("holon", "עיריית חולון", "Holon Municipality", "بلدية حولون", OrganizationKind.MUNICIPALITY, HOLON),
    ("ramat-gan", "עיריית רמת גן", "Ramat Gan Municipality", "بلدية رمات غان",
     OrganizationKind.MUNICIPALITY, RAMAT_GAN),
)  # fmt: skip
CITY_MEMBERS = ("bat-yam", "hadera", "jerusalem", "yeruham", "nof-hagalil", "netanya")

TEACHER_TOPICS = (
    "diagnostic-assessment",
    "clinical-teaching",
    "mentoring",
    "professional-communities",
    "science-education",
    "digital-learning",
    "inclusion",
    "educational-leadership",
)
STAFF_TOPICS = (
    "policy",
    "science-education",
    "diagnostic-assessment",
    "educational-leadership",
    "teacher-education",
    "data-informed-decisions",
)
CITY_STAFF = (
    ("רכז חדשנות חינוכית", "רכזת חדשנות חינוכית"),
    ("מנהל החינוך העל-יסודי", "מנהלת החינוך העל-יסודי"),
)
# Strengths a city can offer its peers, and areas it wants to develop (consultations, seed 003).
CITY_TOPICS = (
    "educational-innovation",
    "community-partnership",
    "informal-education",
    "school-climate",
    "inclusion",
    "data-informed-decisions",
    "digital-learning",
    "early-childhood-education",
    "periphery",
    "science-education",
)


# The regional councils of the Education Cities Network (seed 003). Regional councils are not
# localities: each is placed in the locality that seats its offices (Golan: Qazrin; Central Arava:
# Sappir) or its most populous member locality (Upper Galilee, Lower Galilee, Menashe, Emek HaMaayanot);
# `cbs_name` is the council's name as CBS writes it in its localities' municipal status.
REGIONAL_COUNCILS: list[dict] = [
    {
        "cbs_name": "גולן",
        "name": "מועצה אזורית גולן",
        "name_en": "Golan Regional Council",
        "name_ar": "المجلس الإقليمي الجولان",
        "locality": 4100,
    },
    {
        "cbs_name": "הגליל העליון",
        "name": "מועצה אזורית הגליל העליון",
        "name_en": "Upper Galilee Regional Council",
        "name_ar": "المجلس الإقليمي الجليل الأعلى",
        "locality": 329,
    },
    {
        "cbs_name": "הגליל התחתון",
        "name": "מועצה אזורית הגליל התחתון",
        "name_en": "Lower Galilee Regional Council",
        "name_ar": "المجلس الإقليمي الجليل الأسفل",
        "locality": 1293,
    },
    {
        "cbs_name": "מנשה",
        "name": "מועצה אזורית מנשה",
        "name_en": "Menashe Regional Council",
        "name_ar": "المجلس الإقليمي منشيه",
        "locality": 1243,
    },
    {
        "cbs_name": "עמק המעיינות",
        "name": "מועצה אזורית עמק המעיינות",
        "name_en": "Emek HaMaayanot Regional Council",
        "name_ar": "المجلس الإقليمي عيمق همعيانوت",
        "locality": 437,
    },
    {
        "cbs_name": "הערבה התיכונה",
        "name": "מועצה אזורית הערבה התיכונה",
        "name_en": "Central Arava Regional Council",
        "name_ar": "المجلس الإقليمي وادي عربة الأوسط",
        "locality": 1176,
    },
]


def demo_present() -> bool:
    return Network.objects.filter(slug__in=NETWORKS).exists()


@dataclass
class DemoSummary:
    localities: str
    networks: int
    organizations: int
    people: int
    seconds: float


def load_demo(seed: int = DEMO_SEED) -> DemoSummary:
    """Build the demo in one transaction (after the localities it needs are there)."""
    started = time.perf_counter()
    localities = ensure_localities()
    with transaction.atomic():
        data_changed("directory")  # bulk writes send no signals
        demo = _Demo(random.Random(seed))
        demo.build()
        people_changed.send(sender=Person, person_ids=None)
    return DemoSummary(
        localities=localities,
        networks=len(demo.networks),
        organizations=len(demo.organizations),
        people=len(demo.people),
        seconds=time.perf_counter() - started,
    )


# Building --------------------------------------------------------------------------------------------


@dataclass
class _Spec:
    """A person to be written, with everything that hangs on them."""

    name: SyntheticName
    locality: int | None = None
    # (organization key, title, role, start, end, senior post)
    positions: list[tuple[str, str, str, date | None, date | None, bool]] = field(default_factory=list)
    networks: dict[str, str] = field(default_factory=dict)
    subjects: tuple[str, ...] = ()
    grade_bands: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    areas_to_develop: tuple[str, ...] = ()
    bio: str = ""
    bio_language: str = ""
    login: DemoLogin | None = None


def _gendered(name: SyntheticName, masculine: str, feminine: str, arabic: tuple[str, str] | None = None) -> str:
    """A title in the grammatical gender of the person, in Arabic for Arabic speakers when one is given."""
    if arabic and name.arabic:
        masculine, feminine = arabic
    return feminine if name.female else masculine


SCIENCE_SUBJECTS = ("mathematics", "mathematics", "science", "biology", "chemistry", "physics")
SCIENCE_CENTERS = {
    "mathematics": "center-math",
    "physics": "center-physics",
    "chemistry": "center-chemistry",
    "biology": "center-biology",
    "science": "center-science",
}
# Roles in the leading teachers' network: mostly leaders, some of the senior teachers who teach them.
INSTITUTE_ROLES = (
    (PositionRole.SUBJECT_COORDINATOR, 30),
    (PositionRole.INSTRUCTOR, 18),
    (PositionRole.COMMUNITY_FACILITATOR, 18),
    (PositionRole.PEDAGOGIC_SUPERVISOR, 10),
    (PositionRole.SENIOR_TEACHER, 8),
    (PositionRole.TEACHER, 16),
)
# Schools of the Institute's network: locality and sector; six of each school's teachers are members.
INSTITUTE_SCHOOLS = (
    (YERUHAM, Sector.STATE_RELIGIOUS), (KSEIFA, Sector.BEDOUIN), (1161, Sector.BEDOUIN), (BEERSHEBA, Sector.STATE),
    (BEERSHEBA, Sector.STATE_RELIGIOUS), (2200, Sector.STATE), (31, Sector.STATE), (JERUSALEM, Sector.STATE),
    (JERUSALEM, Sector.STATE_RELIGIOUS), (JERUSALEM, Sector.ARAB), (HAIFA, Sector.STATE), (HAIFA, Sector.ARAB),
    (7300, Sector.ARAB), (NOF_HAGALIL, Sector.STATE), (SAKHNIN, Sector.ARAB), (BAQA, Sector.ARAB),
    (2710, Sector.ARAB), (2730, Sector.ARAB), (494, Sector.DRUZE), (1139, Sector.STATE), (2800, Sector.STATE),
    (QAZRIN, Sector.STATE), (TEL_AVIV, Sector.STATE), (HOLON, Sector.STATE), (NETANYA, Sector.STATE),
    (HADERA, Sector.STATE), (REHOVOT, Sector.STATE), (70, Sector.STATE), (8000, Sector.STATE_RELIGIOUS),
)  # fmt: skip
KINDERGARTENS = (("רקפת", "Rakefet"), ("כלנית", "Kalanit"), ("נרקיס", "Narkis"), ("שקד", "Shaked"), ("דקל", "Dekel"))
ALUMOT_COLLEGES = (
    "kibbutzim", "kaye", "levinsky", "qasemi", "sakhnin", "arab-college", "yellin", "oranim", "efrata", "gordon",
    "ohalo", "talpiot",
)  # fmt: skip
# Posts an Alumot alumna may hold after the program, and whether each is a senior management post.
ALUMOT_SENIOR_POSTS = (
    (("דיקן הסטודנטים", "דיקנית הסטודנטים"), True),
    (("ראש בית הספר לחינוך", "ראשת בית הספר לחינוך"), True),
    (("סגן נשיא לעניינים אקדמיים", "סגנית נשיא לעניינים אקדמיים"), True),
    (("ראש מסלול", "ראשת מסלול"), False),
)
ALUMOT_TOPICS = (
    "educational-leadership",
    "systemic-management",
    "teacher-education",
    "policy",
    "mentoring",
    "data-informed-decisions",
    "digital-learning",
    "inclusion",
)
COHORT_NAMES = ("הראשון", "השני", "השלישי", "הרביעי", "החמישי")
ARABIC_COHORT_NAMES = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس")


class _Demo:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.localities = {locality.cbs_code: locality for locality in Locality.objects.all()}
        self.organizations: dict[str, Organization] = {}
        self.networks: dict[str, Network] = {}
        self.people: list[_Spec] = []
        self.logins = {login.email: login for login in DEMO_LOGINS}

    def build(self) -> None:
        self._create_networks()
        self._create_organizations()
        self._institute_people()
        self._cities_people()
        self._promentors_people()
        self._alumot_people()
        self._login_people()
        _write_people(self.people, self.organizations, self.networks)
        _create_users(self.people)
        self._joining()

    def _joining(self) -> None:
        """A request to join the Institute's network waits for its manager, and the login in no network
        has an invitation from the Education Cities Network: both flows are there to try."""
        manager = User.objects.get(email="manager@hevruta.example")
        newcomer = (
            Person.objects.filter(user__isnull=True)
            .exclude(memberships__network=self.networks[INSTITUTE])
            .order_by("id")
            .first()
        )
        if newcomer is not None:
            JoinRequest.objects.create(
                network=self.networks[INSTITUTE],
                person=newcomer,
                message="אני רכזת מדעים בחטיבת ביניים ואשמח להצטרף לרשת ולקהילות שלה.",
            )
        outsider = Person.objects.get(email="outsider@hevruta.example")
        Invitation.objects.create(
            network=self.networks[CITIES],
            email="outsider@hevruta.example",
            person=outsider,
            token=secrets.token_urlsafe(32),
            message="נשמח לראות אותך במפגש השיתוף הקרוב של הרשת.",
            invited_by=manager,
        )

    # Networks and organizations ---------------------------------------------------------------------

    def _create_networks(self) -> None:
        # Not services.create_network, which derives the slug from the name: the demo's are short and fixed.
        for slug, values in NETWORKS.items():
            self.networks[slug] = Network.objects.create(slug=slug, description_language="he", **values)

    def _locality(self, code: int | None) -> Locality | None:
        return self.localities.get(code) if code else None

    def _add_organization(self, key: str, organization: Organization, *networks: str) -> Organization:
        organization.save()
        self.organizations[key] = organization
        NetworkOrganization.objects.bulk_create(
            [NetworkOrganization(network=self.networks[slug], organization=organization) for slug in networks]
        )
        return organization

    def _create_organizations(self) -> None:
        members = {
            "ministry": (INSTITUTE, PROMENTORS),
            "ministry-science": (INSTITUTE,),
            "weizmann": (INSTITUTE,),
            "weizmann-science-teaching": (INSTITUTE,),
            "institute": (INSTITUTE,),
            "trump": (INSTITUTE,),
            "topaz": (CITIES,),
            "education-cities": (CITIES,),
            "kibbutzim": (PROMENTORS, ALUMOT),
            "kaye": (PROMENTORS, ALUMOT),
            "levinsky": (PROMENTORS, ALUMOT),
            **{key: (INSTITUTE,) for key in SCIENCE_CENTERS.values()},
            **{key: (ALUMOT,) for key in ALUMOT_COLLEGES if key not in ("kibbutzim", "kaye", "levinsky")},
        }
        for key, name, name_en, name_ar, kind, sector, code, parent in ORGANIZATIONS:
            organization = Organization(
                name=name,
                name_en=name_en,
                name_ar=name_ar,
                kind=kind,
                sector=sector,
                locality=self._locality(code),
                parent=self.organizations.get(parent) if parent else None,
            )
            self._add_organization(key, organization, *members.get(key, ()))
        self._create_municipalities()
        self._create_schools()

    def _create_municipalities(self) -> None:
        for key, name, name_en, name_ar, kind, code in MUNICIPALITIES:
            networks = (CITIES,) if key in CITY_MEMBERS else (PROMENTORS,)
            self._add_organization(
                key,
                Organization(name=name, name_en=name_en, name_ar=name_ar, kind=kind, locality=self._locality(code)),
                *networks,
            )
        for council in REGIONAL_COUNCILS:
            organization = Organization(
                name=council["name"],
                name_en=council["name_en"],
                name_ar=council["name_ar"],
                kind=OrganizationKind.REGIONAL_COUNCIL,
                locality=self._locality(council["locality"]),
            )
            self._add_organization(f"council-{council['cbs_name']}", organization, CITIES)
        # What each member city is strong in and wants to develop: the ground for consultations (seed 003).
        topics = dict(Topic.objects.values_list("slug", "pk"))
        for key, organization in self.organizations.items():
            if organization.kind == OrganizationKind.REGIONAL_COUNCIL or key in CITY_MEMBERS:
                strengths, areas = self._topics(CITY_TOPICS, 2, 2)
                organization.strengths.set([topics[slug] for slug in strengths])
                organization.areas_to_develop.set([topics[slug] for slug in areas])

    def _create_schools(self) -> None:
        rng = self.rng
        yeruham = self._locality(YERUHAM)
        self._add_organization(
            "school-yeruham",
            Organization(
                name="חטיבת הביניים אילן רמון, ירוחם",
                name_en=f"Ilan Ramon Junior High School, {yeruham.name_en if yeruham else 'Yeruham'}",
                kind=OrganizationKind.SCHOOL,
                sector=Sector.STATE,
                locality=yeruham,
            ),
            INSTITUTE,
        )
        for index, (code, sector) in enumerate(INSTITUTE_SCHOOLS):
            locality = self._locality(code)
            if locality is not None:
                self._add_organization(f"school-{index}", school(rng, locality, sector), INSTITUTE)
        for key, code, sector in (
            ("school-ramat-gan", RAMAT_GAN, Sector.STATE),
            ("school-holon", HOLON, Sector.STATE),
            ("school-kseifa", KSEIFA, Sector.BEDOUIN),
            ("school-rishon", RISHON, Sector.STATE),
            ("school-netanya", NETANYA, Sector.STATE),
        ):
            locality = self._locality(code)
            if locality is not None:
                networks = (PROMENTORS,) if key != "school-netanya" else ()
                self._add_organization(key, school(rng, locality, sector), *networks)
        holon = self._locality(HOLON)
        for name, name_en in KINDERGARTENS:
            organization = Organization(
                name=f"גן {name}, חולון",
                name_en=f"{name_en} Kindergarten, Holon",
                kind=OrganizationKind.KINDERGARTEN,
                sector=Sector.STATE,
                locality=holon,
            )
            self._add_organization(f"kindergarten-{name_en.lower()}", organization, PROMENTORS)

    # People ------------------------------------------------------------------------------------------

    def _topics(self, pool: tuple[str, ...], strengths: int, areas: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        picked = self.rng.sample(pool, strengths + areas)
        return tuple(picked[:strengths]), tuple(picked[strengths:])

    def _start(self, earliest: int = 2005, latest: int = 2024) -> date:
        return date(self.rng.randint(earliest, latest), 9, 1)

    def _spec(self, organization_key: str, *, arabic: bool | None = None, female_share: float = 0.75) -> _Spec:
        organization = self.organizations[organization_key]
        if arabic is None:
            arabic = organization.sector in (Sector.ARAB, Sector.DRUZE, Sector.BEDOUIN)
        name = synthetic_name(self.rng, arabic=arabic, female_share=female_share)
        languages: tuple[str, ...] = ("ar", "he") if arabic else ("he",)
        if self.rng.random() < 0.4:
            languages += ("en",)
        if not arabic and self.rng.random() < 0.1:
            languages += (self.rng.choice(("ru", "fr", "am")),)
        spec = _Spec(name=name, locality=organization.locality_id, languages=languages)
        self.people.append(spec)
        return spec

    def _career(
        self, spec: _Spec, key: str, title: str, role: str, *, past: tuple[str, str, str] | None = None
    ) -> None:
        """The current position, and an earlier one ending when it began."""
        start = self._start()
        spec.positions.append((key, title, role, start, None, False))
        if past:
            earlier = date(start.year - self.rng.randint(3, 10), 9, 1)
            spec.positions.append((past[0], past[1], past[2], earlier, date(start.year, 8, 31), False))

    def _institute_people(self) -> None:
        roles, weights = zip(*INSTITUTE_ROLES, strict=True)
        school_keys = [key for key in self.organizations if key.startswith("school-") and key[7:].isdigit()]
        for key in ["school-yeruham", *school_keys]:
            for _person in range(6):
                spec = self._spec(key)
                subject = self.rng.choice(SCIENCE_SUBJECTS)
                role = self.rng.choices(roles, weights=weights)[0]
                title = position_title(role, subject, female=spec.name.female, arabic=spec.name.arabic)
                teacher = position_title(
                    PositionRole.TEACHER, subject, female=spec.name.female, arabic=spec.name.arabic
                )
                self._career(
                    spec,
                    key,
                    title,
                    role,
                    past=(key, teacher, PositionRole.TEACHER) if role != PositionRole.TEACHER else None,
                )
                spec.subjects = (subject,)
                spec.grade_bands = grade_bands_for(self.rng, subject)
                spec.strengths, spec.areas_to_develop = self._topics(TEACHER_TOPICS, 2, 1)
                spec.networks[INSTITUTE] = MembershipRole.MEMBER
        self._institute_staff()

    def _institute_staff(self) -> None:
        inspector, head = PositionRole.INSPECTOR, PositionRole.ACADEMIC_HEAD
        staff = (
            ("institute", "מנהל המכון", "מנהלת המכון", PositionRole.STAFF, True),
            ("institute", "מפתח ידע במרכז המומחיות", "מפתחת ידע במרכז המומחיות", PositionRole.STAFF, False),
            ("institute", "אחראי הסמכה וליווי מקצועי", "אחראית הסמכה וליווי מקצועי", PositionRole.STAFF, False),
            ("institute", "עורך משאבי ידע", "עורכת משאבי ידע", PositionRole.STAFF, False),
            ("ministry-science", "מנהל אגף מתמטיקה ומדעים", "מנהלת אגף מתמטיקה ומדעים", PositionRole.STAFF, True),
            ("ministry-science", "מפקח מרכז על הוראת המתמטיקה", "מפקחת מרכזת על הוראת המתמטיקה", inspector, False),
            ("ministry-science", "מפקח על הוראת המדעים", "מפקחת על הוראת המדעים", inspector, False),
            ("ministry-training", "מפקח על הכשרת עובדי הוראה", "מפקחת על הכשרת עובדי הוראה", inspector, False),
            ("weizmann-science-teaching", "חוקר בהוראת המדעים", "חוקרת בהוראת המדעים", PositionRole.OTHER, False),
            ("weizmann-science-teaching", "ראש המחלקה להוראת המדעים", "ראש המחלקה להוראת המדעים", head, True),
            ("trump", "מנהל תוכניות", "מנהלת תוכניות", PositionRole.STAFF, False),
            *[(key, "מדריך ארצי", "מדריכה ארצית", PositionRole.INSTRUCTOR, False) for key in SCIENCE_CENTERS.values()],
            *[(key, "מנהל המרכז", "מנהלת המרכז", PositionRole.STAFF, True) for key in SCIENCE_CENTERS.values()],
        )
        for key, masculine, feminine, role, senior in staff:
            spec = self._spec(key, arabic=self.rng.random() < 0.15, female_share=0.6)
            spec.positions.append((key, _gendered(spec.name, masculine, feminine), role, self._start(), None, senior))
            spec.subjects = (self.rng.choice(SCIENCE_SUBJECTS),)
            spec.strengths, spec.areas_to_develop = self._topics(STAFF_TOPICS, 2, 1)
            spec.networks[INSTITUTE] = MembershipRole.MEMBER

    def _cities_people(self) -> None:
        heads = [*CITY_MEMBERS, *(key for key in self.organizations if key.startswith("council-"))]
        for key in heads:
            spec = self._spec(key, female_share=0.6)
            council = key.startswith("council-")
            # A city has an education administration (אגף); a regional council, a department (מחלקה).
            unit = "מחלקת" if council else "אגף"
            title = _gendered(spec.name, f"מנהל {unit} החינוך", f"מנהלת {unit} החינוך")
            self._career(spec, key, title, PositionRole.DEPARTMENT_HEAD)
            spec.bio = _gendered(spec.name, "חבר", "חברה") + ' בצוות "המטבחון" של רשת ערים מחנכות.'
            spec.bio_language = "he"
            spec.strengths, spec.areas_to_develop = self._topics((*CITY_TOPICS, "educational-leadership"), 2, 2)
            spec.networks[CITIES] = MembershipRole.MEMBER
            for masculine, feminine in CITY_STAFF:
                deputy = self._spec(key)
                self._career(deputy, key, _gendered(deputy.name, masculine, feminine), PositionRole.STAFF)
                deputy.strengths, deputy.areas_to_develop = self._topics(CITY_TOPICS, 1, 2)
                deputy.networks[CITIES] = MembershipRole.MEMBER
        for key, masculine, feminine in (
            ("topaz", "מנהל תחום חינוך", "מנהלת תחום חינוך"),
            ("education-cities", "מנהל רשת ערים מחנכות", "מנהלת רשת ערים מחנכות"),
            ("education-cities", "רכז המטבחון", "רכזת המטבחון"),
            ("education-cities", "מפיק סיורי למידה", "מפיקת סיורי למידה"),
        ):
            spec = self._spec(key)
            self._career(spec, key, _gendered(spec.name, masculine, feminine), PositionRole.STAFF)
            spec.networks[CITIES] = (
                MembershipRole.MANAGER if masculine.startswith("מנהל רשת") else MembershipRole.MEMBER
            )

    def _promentors_people(self) -> None:
        for key in ("kibbutzim", "kaye", "levinsky"):
            for masculine, feminine, role in (
                ("ראש היחידה להתמחות ולכניסה להוראה", "ראשת היחידה להתמחות ולכניסה להוראה", PositionRole.ACADEMIC_HEAD),
                ("מרצה ומנחה בקורס חונכים", "מרצה ומנחה בקורס חונכים", PositionRole.LECTURER),
                ("מרצה ומנחה בקורס חונכים", "מרצה ומנחה בקורס חונכים", PositionRole.LECTURER),
                ("מנחה קבוצת מתמחים", "מנחת קבוצת מתמחים", PositionRole.LECTURER),
            ):
                spec = self._spec(key)
                self._career(spec, key, _gendered(spec.name, masculine, feminine), role)
                spec.grade_bands = ("teacher-education",)
                spec.strengths, spec.areas_to_develop = self._topics(
                    ("mentoring", "teacher-education", "clinical-teaching", "professional-communities"), 2, 1
                )
                spec.networks[PROMENTORS] = MembershipRole.MEMBER
        self._holon_kindergartens()
        self._school_mentoring()

    def _holon_kindergartens(self) -> None:
        """The kindergarten teachers' learning community in Holon: mentors, interns, facilitator, inspector."""
        for key in [key for key in self.organizations if key.startswith("kindergarten-")]:
            mentor = self._spec(key, female_share=1.0)
            self._career(mentor, key, "גננת חונכת", PositionRole.MENTOR, past=(key, "גננת", PositionRole.TEACHER))
            intern = self._spec(key, female_share=1.0)
            intern.positions.append((key, "גננת מתמחה", PositionRole.INTERN, date(2021, 9, 1), None, False))
            for spec in (mentor, intern):
                spec.subjects, spec.grade_bands = ("early-childhood",), ("kindergarten",)
                spec.strengths, spec.areas_to_develop = self._topics(
                    ("early-childhood-education", "mentoring", "community-partnership", "inclusion"), 1, 1
                )
                spec.networks[PROMENTORS] = MembershipRole.MEMBER
        for key, title, role in (
            ("holon", "מנחת קהילת הגננות בחולון", PositionRole.COMMUNITY_FACILITATOR),
            ("holon", "מנהלת מחלקת גני הילדים", PositionRole.STAFF),
            ("ministry-early", "מפקחת על החינוך הקדם-יסודי, חולון", PositionRole.INSPECTOR),
        ):
            spec = self._spec(key, female_share=1.0)
            self._career(spec, key, title, role)
            spec.grade_bands = ("kindergarten",)
            spec.networks[PROMENTORS] = MembershipRole.MEMBER

    def _school_mentoring(self) -> None:
        """The panel on mentoring in schools, and the joint session at Kseifa with Rishon LeZion."""
        panel = (
            ("school-ramat-gan", "מנהל בית הספר", "מנהלת בית הספר", PositionRole.PRINCIPAL),
            ("school-holon", "מנהל בית הספר", "מנהלת בית הספר", PositionRole.PRINCIPAL),
            ("ramat-gan", "מנהל אגף החינוך", "מנהלת אגף החינוך", PositionRole.DEPARTMENT_HEAD),
            ("ministry", "מפקח כולל", "מפקחת כוללת", PositionRole.INSPECTOR),
        )
        for key, masculine, feminine, role in panel:
            if key in self.organizations:
                spec = self._spec(key, female_share=0.5)
                self._career(spec, key, _gendered(spec.name, masculine, feminine), role)
                spec.networks[PROMENTORS] = MembershipRole.MEMBER
        former = self._spec("ministry", female_share=0.5)
        title = _gendered(former.name, "מפקח כולל", "מפקחת כוללת")
        former.positions.append(("ministry", title, PositionRole.INSPECTOR, date(2012, 9, 1), date(2020, 8, 31), False))
        lecturer = _gendered(former.name, "מרצה בכיר", "מרצה בכירה")
        former.positions.append(("levinsky", lecturer, PositionRole.LECTURER, date(2020, 9, 1), None, False))
        former.networks[PROMENTORS] = MembershipRole.MEMBER
        for key in ("school-kseifa", "school-rishon"):
            if key not in self.organizations:
                continue
            for _pair in range(3):
                subject = self.rng.choice(("mathematics", "english", "hebrew", "arabic", "science"))
                mentor, intern = self._spec(key), self._spec(key)
                mentor_title = _gendered(mentor.name, "מורה חונך", "מורה חונכת", ("معلم مرشد", "معلمة مرشدة"))
                intern_title = _gendered(intern.name, "מורה מתמחה", "מורה מתמחה", ("معلم متدرب", "معلمة متدربة"))
                self._career(mentor, key, mentor_title, PositionRole.MENTOR)
                intern.positions.append((key, intern_title, PositionRole.INTERN, date(2021, 9, 1), None, False))
                for spec in (mentor, intern):
                    spec.subjects = (subject,)
                    spec.networks[PROMENTORS] = MembershipRole.MEMBER

    def _alumot_people(self) -> None:
        for key in ALUMOT_COLLEGES:
            for _member in range(5):
                self._alumnus(key, cohort=self.rng.randrange(len(COHORT_NAMES)))

    def _alumnus(self, key: str, cohort: int) -> _Spec:
        """A cohort member's career: lecturer, head of a department, and for many a senior post since."""
        # Arab colleges' staff, and some of every college's: the network works across sectors.
        arabic = self.organizations[key].sector == Sector.ARAB or self.rng.random() < 0.1
        spec = self._spec(key, arabic=arabic, female_share=0.65)
        name, rng = spec.name, self.rng
        lecturer = _gendered(name, "מרצה", "מרצה", ("محاضر", "محاضرة"))
        head = _gendered(name, "ראש החוג", "ראשת החוג", ("رئيس القسم", "رئيسة القسم"))
        first = rng.randint(2000, 2010)
        second = first + rng.randint(4, 8)
        spec.positions.append((key, lecturer, PositionRole.LECTURER, date(first, 10, 1), date(second, 9, 30), False))
        if rng.random() < 0.5:
            spec.positions.append((key, head, PositionRole.ACADEMIC_HEAD, date(second, 10, 1), None, False))
        else:
            third = min(second + rng.randint(2, 5), 2024)
            senior, is_senior = rng.choice(ALUMOT_SENIOR_POSTS)
            until = date(third, 9, 30)
            spec.positions.append((key, head, PositionRole.ACADEMIC_HEAD, date(second, 10, 1), until, False))
            title = _gendered(name, *senior)
            spec.positions.append((key, title, PositionRole.ACADEMIC_HEAD, date(third, 10, 1), None, is_senior))
        spec.grade_bands = ("teacher-education",)
        spec.subjects = (rng.choice(("mathematics", "science", "hebrew", "arabic", "english", "special-education")),)
        spec.strengths, spec.areas_to_develop = self._topics(ALUMOT_TOPICS, 2, 1)
        if name.arabic:
            graduate = _gendered(name, "خريج", "خريجة")
            spec.bio, spec.bio_language = f"{graduate} الفوج {ARABIC_COHORT_NAMES[cohort]} من برنامج ألوموت.", "ar"
        else:
            graduate = _gendered(name, "בוגר", "בוגרת")
            spec.bio, spec.bio_language = f"{graduate} המחזור {COHORT_NAMES[cohort]} של תוכנית עלומות.", "he"
        spec.networks[ALUMOT] = MembershipRole.MEMBER
        # Some alumni from Promentors' colleges take part in both (people belong to several networks).
        if key in ("kibbutzim", "kaye", "levinsky") and rng.random() < 0.5:
            spec.networks[PROMENTORS] = MembershipRole.MEMBER
        return spec

    def _login_people(self) -> None:
        """The people behind the demo logins, with fixed names and roles."""
        logins = self.logins
        admin = self._named(logins["admin@hevruta.example"], "institute")
        admin.positions.append(("institute", "מפעילת האתר", PositionRole.STAFF, date(2023, 9, 1), None, False))
        manager = self._named(logins["manager@hevruta.example"], "institute")
        manager.positions.append(("institute", "רכזת הרשת המקצועית", PositionRole.STAFF, date(2018, 9, 1), None, False))
        manager.positions.append(
            ("education-cities", "מלווה רשת ערים מחנכות", PositionRole.STAFF, date(2020, 9, 1), None, False)
        )
        manager.networks = {INSTITUTE: MembershipRole.MANAGER, CITIES: MembershipRole.MANAGER}
        promentors = self._named(logins["promentors@hevruta.example"], "kibbutzim")
        promentors.positions.append(
            ("kibbutzim", "רכזת פרויקט פרומנטורס", PositionRole.STAFF, date(2020, 9, 1), None, False)
        )
        promentors.networks = {PROMENTORS: MembershipRole.MANAGER}
        alumot = self._named(logins["alumot@hevruta.example"], "alumot")
        alumot.positions.append(("alumot", "מנהלת תוכנית עלומות", PositionRole.STAFF, date(2016, 9, 1), None, True))
        alumot.networks = {ALUMOT: MembershipRole.MANAGER}
        self._teacher(logins["teacher@hevruta.example"])
        self._arabic_member(logins["member.ar@hevruta.example"])
        outsider = self._named(logins["outsider@hevruta.example"], "school-netanya")
        if "school-netanya" in self.organizations:
            outsider.positions.append(
                ("school-netanya", "מנהל בית הספר", PositionRole.PRINCIPAL, date(2019, 9, 1), None, False)
            )

    def _named(self, login: DemoLogin, organization_key: str) -> _Spec:
        name = SyntheticName(login.given_name, login.family_name, login.female, login.arabic)
        organization = self.organizations.get(organization_key)
        spec = _Spec(
            name=name,
            locality=organization.locality_id if organization else None,
            languages=("ar", "he", "en") if login.arabic else ("he", "en"),
            login=login,
        )
        self.people.append(spec)
        return spec

    def _teacher(self, login: DemoLogin) -> None:
        """The persona of PRODUCT.md: a mathematics subject coordinator at a junior-high in Yeruham."""
        spec = self._named(login, "school-yeruham")
        spec.positions += [
            ("school-yeruham", "רכזת מתמטיקה", PositionRole.SUBJECT_COORDINATOR, date(2021, 9, 1), None, False),
            ("school-yeruham", "מורה למתמטיקה", PositionRole.TEACHER, date(2014, 9, 1), date(2021, 8, 31), False),
        ]
        spec.subjects, spec.grade_bands = ("mathematics",), ("junior-high",)
        spec.strengths = ("diagnostic-assessment", "periphery")
        spec.areas_to_develop = ("professional-communities", "clinical-teaching")
        spec.bio = "רכזת מתמטיקה בחטיבת ביניים בירוחם. משתפת משימות אבחון ועובדת לקראת הסמכה כמנחת קהילה מקצועית."
        spec.bio_language = "he"
        spec.networks = {INSTITUTE: MembershipRole.MEMBER}

    def _arabic_member(self, login: DemoLogin) -> None:
        spec = self._named(login, "qasemi")
        spec.positions += [
            ("qasemi", "رئيسة قسم تدريس الرياضيات", PositionRole.ACADEMIC_HEAD, date(2019, 10, 1), None, False),
            ("qasemi", "محاضرة في تدريس الرياضيات", PositionRole.LECTURER, date(2009, 10, 1), date(2019, 9, 30), False),
        ]
        spec.subjects, spec.grade_bands = ("mathematics",), ("teacher-education", "junior-high")
        spec.strengths = ("teacher-education", "diagnostic-assessment")
        spec.areas_to_develop = ("educational-leadership",)
        spec.bio = "محاضرة في تدريس الرياضيات وخريجة الفوج الثالث من برنامج ألوموت، تقود مجتمعًا مهنيًا لمعلمي الرياضيات."
        spec.bio_language = "ar"
        spec.networks = {ALUMOT: MembershipRole.MEMBER, INSTITUTE: MembershipRole.MEMBER}


# Writing -------------------------------------------------------------------------------------------

# How people share their profile, email and phone: mostly with their networks, some publicly, some not.
VISIBILITY_MIX = (
    (Visibility.NETWORK, Visibility.NETWORK, Visibility.PRIVATE),
    (Visibility.NETWORK, Visibility.NETWORK, Visibility.NETWORK),
    (Visibility.PUBLIC, Visibility.NETWORK, Visibility.PRIVATE),
    (Visibility.PUBLIC, Visibility.PUBLIC, Visibility.NETWORK),
    (Visibility.PRIVATE, Visibility.PRIVATE, Visibility.PRIVATE),
    (Visibility.NETWORK, Visibility.PRIVATE, Visibility.PRIVATE),
)


def _write_people(specs: list[_Spec], organizations: dict[str, Organization], networks: dict[str, Network]) -> None:
    """People, their positions, memberships and taxonomy, in a handful of bulk inserts."""
    rng = random.Random(len(specs))
    people = []
    for number, spec in enumerate(specs, start=1):
        profile, email_visibility, phone_visibility = VISIBILITY_MIX[number % len(VISIBILITY_MIX)]
        if spec.login:
            profile, email_visibility, phone_visibility = Visibility.NETWORK, Visibility.NETWORK, Visibility.PRIVATE
        people.append(
            Person(
                given_name=spec.name.given_name,
                family_name=spec.name.family_name,
                email=spec.login.email if spec.login else f"person{number}@demo.hevruta.example",
                phone=f"05{rng.randrange(10)}-{rng.randrange(10**7):07d}" if rng.random() < 0.6 else "",
                locality_id=spec.locality,
                bio=spec.bio,
                bio_language=spec.bio_language,
                profile_visibility=profile,
                email_visibility=email_visibility,
                phone_visibility=phone_visibility,
                search_text=search_key(spec.name.given_name, spec.name.family_name),
            )
        )
    Person.objects.bulk_create(people)
    by_email = dict(Person.objects.filter(email__in=[person.email for person in people]).values_list("email", "pk"))
    for person in people:
        person.pk = by_email[person.email]
    Position.objects.bulk_create(
        Position(
            person=person,
            organization=organizations[key],
            title=title,
            role=role,
            start_date=start,
            end_date=end,
            is_senior=senior,
        )
        for spec, person in zip(specs, people, strict=True)
        for key, title, role, start, end, senior in spec.positions
    )
    NetworkMembership.objects.bulk_create(
        NetworkMembership(network=networks[slug], person=person, role=role)
        for spec, person in zip(specs, people, strict=True)
        for slug, role in spec.networks.items()
    )
    _write_taxonomy(specs, people)


def _write_taxonomy(specs: list[_Spec], people: list[Person]) -> None:
    lookups = {
        "subjects": dict(Subject.objects.values_list("slug", "pk")),
        "grade_bands": dict(GradeBand.objects.values_list("slug", "pk")),
        "languages": dict(Language.objects.values_list("code", "pk")),
        "strengths": dict(Topic.objects.values_list("slug", "pk")),
        "areas_to_develop": dict(Topic.objects.values_list("slug", "pk")),
    }
    for relation, ids in lookups.items():
        m2m = Person._meta.get_field(relation)
        through = m2m.remote_field.through  # type: ignore[union-attr]
        source, target = m2m.m2m_field_name() + "_id", m2m.m2m_reverse_field_name() + "_id"  # type: ignore[union-attr]
        through.objects.bulk_create(
            through(**{source: person.pk, target: ids[value]})
            for spec, person in zip(specs, people, strict=True)
            for value in getattr(spec, relation)
        )


def _create_users(specs: list[_Spec]) -> None:
    """Demo logins: verified email addresses and the demo password, each linked to their person."""
    # One hash for all of them: the password hasher (Argon2) spends ~0.3 s on each, by design.
    password = make_password(DEMO_PASSWORD)
    for spec in specs:
        login = spec.login
        if login is None:
            continue
        operator = login.email.startswith("admin@")
        user = User.objects.create(
            email=login.email,
            password=password,
            first_name=login.given_name,
            last_name=login.family_name,
            is_staff=operator,
            is_superuser=operator,
            # Each demo person speaks her language from the first login, as a real member would have chosen.
            language="ar" if login.arabic else "he",
        )
        EmailAddress.objects.create(user=user, email=login.email, verified=True, primary=True)
        Person.objects.filter(email=login.email).update(user=user)


def give_demo_login(person: Person, email: str, language: str = "he") -> None:
    """Lets the demo sign in as a person another app's demo chose (the directory's own logins are made
    with its people)."""
    if person.user_id or User.objects.filter(email=email).exists():
        return
    user = User.objects.create(
        email=email,
        password=make_password(DEMO_PASSWORD),
        first_name=person.given_name,
        last_name=person.family_name,
        language=language,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Person.objects.filter(pk=person.pk).update(user=user, email=email)
    person.refresh_from_db()
