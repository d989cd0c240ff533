"""Demo content: the Institute for Advanced Teaching's roles and its standards for community facilitators.

`load_standards_demo(network)` is called by the directory's load_demo command; running it twice
changes nothing.
"""

from dataclasses import dataclass

from django.db import transaction

from hevruta.directory.models import Network, OrganizationKind, PositionRole

from . import services
from .models import Framework, Role

FRAMEWORK_TITLE = "סטנדרטים מקצועיים למנחי קהילות מקצועיות"
LEADING_TRACK = "מורים מובילים"
MENTORING_TRACK = "ליווי והכשרה"

LEVELS = [
    ("Developing", "מתפתח/ת", "מכיר/ה את הפרקטיקה ומתנסה בה בליווי."),
    ("Proficient", "מיומן/ת", "מיישם/ת את הפרקטיקה באופן עצמאי ועקבי."),
    ("Accomplished", "מתקדם/ת", "מתאים/ה את הפרקטיקה להקשר ומשפר/ת אותה על סמך ראיות."),
    ("Leading", "מוביל/ה", "מלמד/ת אחרים את הפרקטיקה ומשפיע/ה עליה ברשת."),
]

# Domain → standards → competencies, with the human coding 1, 1.1, 1.1.1.
FRAMEWORK = [
    (
        "הובלת למידה מקצועית בקהילה",
        [
            (
                "בניית תרבות של למידת עמיתים",
                [
                    "מבסס/ת נורמות של אמון, כבוד הדדי ופתיחות בקהילה",
                    "מעודד/ת שיתוף בהצלחות ובכישלונות מתוך הכיתה",
                    "מטפח/ת מחויבות משותפת ללמידת התלמידים",
                ],
            ),
            (
                "תכנון מפגשי למידה",
                [
                    "מגדיר/ה מטרות למפגש הנגזרות מצורכי המורים והתלמידים",
                    "בוחר/ת כלים ושיטות מבוססי מחקר, כגון משימות אבחון",
                    "בונה רצף מפגשים לאורך שנת הלימודים",
                ],
            ),
            (
                "הנחיית שיח מקצועי",
                [
                    "מנחה שיח הממוקד בחשיבת התלמידים ובתוצרי הלמידה",
                    "שואל/ת שאלות מעמיקות ומזמן/ת רפלקציה",
                    "מנהל/ת מחלוקות מקצועיות באופן המקדם את הקהילה",
                ],
            ),
        ],
    ),
    (
        "פרקטיקה קלינית והוראה מבוססת ראיות",
        [
            (
                "שימוש בנתונים על למידת תלמידים",
                [
                    "מנתח/ת עם המורים תוצרי תלמידים ונתוני הערכה",
                    "מסייע/ת לגזור מהנתונים החלטות הוראה",
                ],
            ),
            (
                "תצפית ומשוב עמיתים",
                [
                    "מוביל/ה תצפיות עמיתים בכיתה פתוחה",
                    "נותן/ת משוב מבוסס ראיות, ממוקד ומכבד",
                    "משתמש/ת בסימולציות וידאו לניתוח הוראה",
                ],
            ),
            (
                "מיפוי והפצה של ידע מעשי",
                [
                    "מתעד/ת פרקטיקות מוצלחות וכלים שפותחו בקהילה",
                    "משתף/ת ידע עם מרכז הידע ועם קהילות אחרות",
                    "מנגיש/ה ידע מחקרי למורים בשפה מעשית",
                ],
            ),
        ],
    ),
    (
        "מנהיגות, שותפות וצמיחה מקצועית",
        [
            (
                "עבודה עם הנהלת בית הספר והמערכת",
                [
                    "מתאם/ת את עבודת הקהילה עם הנהלת בית הספר ועם הפיקוח",
                    "מקשר/ת בין הקהילה לבין מרכזי המורים והמוסדות האקדמיים",
                ],
            ),
            (
                "ליווי חברי הקהילה",
                [
                    "מזהה צורכי התפתחות של חברי הקהילה",
                    "מלווה מורים חדשים ומשלב/ת אותם בקהילה",
                ],
            ),
            (
                "התפתחות מקצועית של המנחה",
                [
                    "משתתף/ת בהכשרה ובהדרכה מקצועית של מנחי קהילות",
                    "מעריך/ה את עבודתו/ה באופן רפלקטיבי ומציב/ה יעדים",
                ],
            ),
            (
                "הערכת השפעה",
                [
                    "מגדיר/ה מדדים להצלחת הקהילה ועוקב/ת אחריהם",
                    "מדווח/ת על תוצאות לשותפים ולמקבלי ההחלטות",
                ],
            ),
        ],
    ),
]

RUBRIC = [
    "בשלב התפתחות: {statement} באופן חלקי, בעיקר בליווי ובהכוונה.",
    "{statement} באופן עצמאי ועקבי במפגשי הקהילה.",
    "{statement} באופן גמיש, מותאם לצורכי המורים ומבוסס על ראיות מהכיתות.",
    "{statement}, ומדריך/ה מנחים אחרים לעשות זאת; תורם/ת לידע המשותף של הרשת.",
]

ROLES = [
    {
        "name": "רכז/ת מקצוע",
        "position_role": PositionRole.SUBJECT_COORDINATOR,
        "purpose": "להוביל את צוות המורים במקצוע בבית הספר לשיפור ההוראה והלמידה.",
        "responsibilities": "תכנון תוכנית הלימודים הבית־ספרית במקצוע\nהובלת ישיבות צוות ולמידת עמיתים\n"
        "ניתוח הישגי התלמידים עם הצוות\nליווי מורים חדשים במקצוע",
        "organization_kinds": [OrganizationKind.SCHOOL],
        "career_track": LEADING_TRACK,
        "track_stage": 1,
    },
    {
        "name": "מדריך/ה",
        "position_role": PositionRole.INSTRUCTOR,
        "purpose": "לתמוך בהתפתחות המקצועית של מורים בכמה בתי ספר באזור.",
        "responsibilities": "הדרכת מורים ורכזים בבתי הספר\nהנחיית השתלמויות\nהפצת כלים ושיטות מבוססי מחקר",
        "organization_kinds": [OrganizationKind.TEACHERS_CENTER, OrganizationKind.MINISTRY_UNIT],
        "career_track": LEADING_TRACK,
        "track_stage": 2,
    },
    {
        "name": "מנחה קהילה מקצועית",
        "position_role": PositionRole.COMMUNITY_FACILITATOR,
        "purpose": "להנחות קהילה מקצועית של מורים, בבית הספר או מחוצה לו, הלומדת מתוך הפרקטיקה.",
        "responsibilities": "בניית תרבות של אמון ולמידת עמיתים\nתכנון והנחיה של מפגשי הקהילה\n"
        "שימוש בנתונים ובתוצרי תלמידים\nתיעוד ושיתוף של ידע מעשי",
        "organization_kinds": [OrganizationKind.SCHOOL, OrganizationKind.TEACHERS_CENTER],
        "career_track": LEADING_TRACK,
        "track_stage": 2,
        "measured": True,
    },
    {
        "name": "מלווה פדגוגי/ת",
        "position_role": PositionRole.PEDAGOGIC_SUPERVISOR,
        "purpose": "ללוות מורים בתהליכי שיפור ההוראה בכיתה.",
        "responsibilities": "תצפיות ומשוב\nבניית תוכנית ליווי אישית\nקישור בין המורה למשאבי הידע",
        "organization_kinds": [OrganizationKind.SCHOOL, OrganizationKind.COLLEGE],
        "career_track": LEADING_TRACK,
        "track_stage": 2,
    },
    {
        "name": "חונך/ת",
        "position_role": PositionRole.MENTOR,
        "purpose": "ללוות מתמחים ומורים חדשים בשנותיהם הראשונות בהוראה.",
        "responsibilities": "מפגשי חניכה קבועים\nהצבת מטרות עם המתמחה\nהשתתפות בהערכת המתמחה",
        "organization_kinds": [OrganizationKind.SCHOOL, OrganizationKind.KINDERGARTEN],
        "career_track": MENTORING_TRACK,
        "track_stage": 1,
    },
    {
        "name": "מורה מומחה/ית",
        "position_role": PositionRole.SENIOR_TEACHER,
        "purpose": "מורה מצטיין/ת המשמש/ת מודל להוראה קלינית ומוביל/ה פיתוח ידע מעשי.",
        "responsibilities": "פתיחת הכיתה לתצפיות\nפיתוח כלים והפצתם\nהשתתפות בתוכנית מורה מומחה (Master Teacher)",
        "organization_kinds": [OrganizationKind.SCHOOL],
        "career_track": LEADING_TRACK,
        "track_stage": 3,
    },
    {
        "name": "מורה מורים בכיר/ה",
        "position_role": PositionRole.LECTURER,
        "purpose": "להכשיר וללוות את המורים המובילים: רכזים, מדריכים ומנחי קהילות.",
        "responsibilities": "הובלת הכשרות למורים מובילים\nהדרכה מקצועית שוטפת של מנחים\nפיתוח סטנדרטים וכלי הערכה",
        "organization_kinds": [
            OrganizationKind.COLLEGE,
            OrganizationKind.UNIVERSITY,
            OrganizationKind.RESEARCH_INSTITUTE,
        ],
        "career_track": LEADING_TRACK,
        "track_stage": 4,
    },
]


@dataclass
class StandardsDemo:
    framework: Framework
    roles: list[Role]


def _build_framework(network: Network) -> Framework:
    framework = services.create_framework(
        network,
        title=FRAMEWORK_TITLE,
        creator="המכון להוראה מתקדמת במתמטיקה ובמדעים",
        language="he",
        description="הגדרת הידע, המיומנויות והפרקטיקות של מנחי קהילות מקצועיות של מורים למתמטיקה ולמדעים.",
        levels=[name for _english, name, _description in LEVELS],
    )
    services.save_levels(
        framework,
        [
            services.LevelRow(level.pk, level.name, LEVELS[index][2])
            for index, level in enumerate(framework.levels.all())
        ],
    )
    levels = list(framework.levels.order_by("position"))
    for d, (domain_text, standards) in enumerate(FRAMEWORK, start=1):
        domain = services.add_item(framework, full_statement=domain_text, human_coding_scheme=str(d), item_type="תחום")
        for s, (standard_text, competencies) in enumerate(standards, start=1):
            standard = services.add_item(
                framework,
                parent=domain,
                full_statement=standard_text,
                human_coding_scheme=f"{d}.{s}",
                item_type="סטנדרט",
            )
            for c, statement in enumerate(competencies, start=1):
                competency = services.add_item(
                    framework,
                    parent=standard,
                    full_statement=statement,
                    human_coding_scheme=f"{d}.{s}.{c}",
                    item_type="מיומנות",
                    language="he",
                )
                services.set_rubric_texts(
                    competency,
                    {level.pk: RUBRIC[index].format(statement=statement) for index, level in enumerate(levels)},
                )
    return services.publish(framework)


@transaction.atomic
def load_standards_demo(network: Network) -> StandardsDemo:
    framework = Framework.objects.filter(network=network, title=FRAMEWORK_TITLE).order_by("-version_number").first()
    if framework is None:
        framework = _build_framework(network)
    roles = []
    for spec in ROLES:
        fields = {key: value for key, value in spec.items() if key != "measured"}
        if spec.get("measured"):
            fields["framework"] = framework
        role = Role.objects.filter(network=network, name=fields["name"]).first()
        roles.append(role or services.create_role(network, text_language="he", **fields))
    return StandardsDemo(framework, roles)
