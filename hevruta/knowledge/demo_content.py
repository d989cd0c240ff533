"""The demo's resources: real-looking practical knowledge in Hebrew, Arabic and English, across the five
subjects of the Institute for Advanced Teaching (seed document 002) and the Promentors project (001).

Each entry: network key, language, type, subjects, grade bands, topics, role tags, title, text, state,
number of reports of use, video link.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoResource:
    network: str
    language: str
    kind: str
    subjects: tuple[str, ...]
    grade_bands: tuple[str, ...]
    topics: tuple[str, ...]
    roles: tuple[str, ...]
    title: str
    body: str
    state: str = "published"
    uses: int = 0
    video_url: str = ""
    licence: str = "cc-by-sa"
    keywords: tuple[str, ...] = field(default=())


INSTITUTE, PROMENTORS = "institute", "promentors"
DT, VS, PR, LP, TOOL, METHOD = "diagnostic_task", "video_simulation", "practice", "lesson_plan", "tool", "method"
JH, SH, TE, EL, KG = "junior-high", "senior-high", "teacher-education", "elementary", "kindergarten"
DIAG, CLIN, MENT, COMM = "diagnostic-assessment", "clinical-teaching", "mentoring", "professional-communities"

RESOURCES: list[DemoResource] = [
    # Mathematics ------------------------------------------------------------------------------------
    DemoResource(INSTITUTE, "he", DT, ("mathematics",), (JH,), (DIAG,), ("teacher", "subject_coordinator"),
        "משימת אבחון: השוואת שברים על ציר המספרים",
        "## מטרת המשימה\nלזהות אם התלמידים משווים שברים לפי **גודל** או לפי המונה והמכנה בנפרד.\n\n"
        "## המשימה\nמקמו על ציר המספרים את 3/4, 5/8 ו-7/6 והסבירו בכיתה איזה שבר גדול יותר.\n\n"
        "## תשובות נפוצות ומה הן מלמדות\n- \"5/8 גדול כי 8 גדול מ-4\": התייחסות לשבר כשני מספרים.\n"
        "- מיקום 7/6 לפני 1: קושי בשבר גדול מ-1.\n\n## המשך מומלץ\nשיחה בזוגות ואז דיון מליאה.",
        uses=6, keywords=("שברים", "ציר המספרים")),
    DemoResource(INSTITUTE, "he", PR, ("mathematics",), (JH, SH), (CLIN,), ("teacher", "instructor"),
        "שיח מתמטי בכיתה: שאלות שמזמינות נימוק",
        "פרקטיקה קלינית לניהול דיון: במקום \"מה התשובה?\" שואלים \"איך ידעת?\" ו\"מי פתר אחרת?\".\n\n"
        "1. המתינו חמש שניות לפני שבוחרים עונה.\n2. בקשו מתלמיד לנסח מחדש את הרעיון של חברו.\n"
        "3. הציגו שתי דרכי פתרון זו לצד זו ושאלו מה משותף להן.", uses=4),
    DemoResource(INSTITUTE, "he", DT, ("mathematics",), (JH,), (DIAG,), ("teacher",),
        "משימת אבחון: תפיסות שגויות באלגברה – המשתנה כמספר לא ידוע",
        "התלמידים מתבקשים לקבוע מה גדול יותר: 2n או n+2.\n\nתשובה כמו \"2n תמיד גדול\" מעידה על ראיית "
        "המשתנה כמספר יחיד ולא ככמות משתנה. הצעה להמשך: טבלת ערכים משותפת בכיתה.", uses=3),
    DemoResource(INSTITUTE, "he", VS, ("mathematics",), (SH,), (CLIN,), ("teacher", "instructor"),
        "סימולציית וידאו: תגובת מורה לטעות של תלמיד בפונקציה ריבועית",
        "סרטון קצר מציג תלמידה שטוענת שהגרף של y=(x-3)² זז שלוש יחידות שמאלה.\n\n"
        "**שאלות לצפייה:** מה הייתם אומרים ברגע הזה? איך הופכים את הטעות למשאב לכל הכיתה?",
        uses=2, video_url="https://www.youtube.com/watch?v=hevruta-demo-1"),
    DemoResource(INSTITUTE, "he", LP, ("mathematics",), (JH,), (), ("teacher",),
        "מערך שיעור: הסתברות עם קוביות",
        "שיעור של 90 דקות: ניסוי בזוגות, איסוף תוצאות הכיתה לטבלה אחת, והשוואה בין שכיחות יחסית להסתברות.",
        state="in_review"),
    DemoResource(INSTITUTE, "ar", DT, ("mathematics",), (JH,), (DIAG,), ("teacher", "subject_coordinator"),
        "مهمة تشخيصية: الكسور العشرية والنسبة المئوية",
        "## الهدف\nالكشف عن الخلط بين 0.5 و 5٪ لدى الطلاب.\n\n## المهمة\nرتّب الأعداد: 0.05، 50٪، 1/2، 0.5 "
        "واشرح طريقتك لزميلك.\n\n## ما نتعلمه من الإجابات\nمن يرتّب حسب عدد الأرقام يحتاج إلى نشاط على خط الأعداد.",
        uses=3),
    DemoResource(INSTITUTE, "en", DT, ("mathematics",), (JH,), (DIAG,), ("teacher",),
        "Diagnostic task: proportional reasoning with recipes",
        "A recipe for 4 people uses 6 eggs. How many eggs for 10 people?\n\nAnswers of **12** (adding 6) reveal "
        "additive rather than multiplicative reasoning. Follow up with a ratio table.", uses=2),
    # Physics ----------------------------------------------------------------------------------------
    DemoResource(INSTITUTE, "he", DT, ("physics",), (SH,), (DIAG,), ("teacher", "subject_coordinator"),
        "משימת אבחון: כוח ותנועה – האם צריך כוח כדי לנוע?",
        "כדור נזרק למעלה. סמנו את הכוחות הפועלים עליו בנקודה הגבוהה ביותר.\n\nרבים מסמנים \"כוח הזריקה\" "
        "כלפי מעלה: תפיסה אריסטוטלית. המשך מומלץ: ניסוי עם עגלה על מסילה וחיישן תאוצה.", uses=3),
    DemoResource(INSTITUTE, "he", VS, ("physics",), (SH,), (CLIN,), ("teacher", "instructor"),
        "סימולציית וידאו: ניהול דיון במעבדת מעגלים חשמליים",
        "בסרטון: קבוצת תלמידים מתווכחת אם הנורה השנייה במעגל טורי תאיר חלש יותר.\n\nעצרו את הסרטון "
        "בדקה 2 ותכננו את השאלה הבאה שלכם.", uses=2, video_url="https://vimeo.com/000000001"),
    DemoResource(INSTITUTE, "ar", VS, ("physics",), (SH,), (CLIN,), ("teacher",),
        "محاكاة فيديو: إدارة نقاش حول قوانين نيوتن",
        "يعرض المقطع طالبًا يدّعي أن الجسم يتوقف لأن القوة \"نفدت\". كيف تبني على هذه الفكرة مع الصف كله؟",
        uses=1, video_url="https://www.youtube.com/watch?v=hevruta-demo-2"),
    DemoResource(INSTITUTE, "en", DT, ("physics",), (SH,), (DIAG,), ("teacher",),
        "Diagnostic task: energy conservation on a ramp",
        "Two balls roll down ramps of different shapes from the same height. Which is faster at the bottom?",
        state="submitted"),
    # Chemistry --------------------------------------------------------------------------------------
    DemoResource(INSTITUTE, "he", DT, ("chemistry",), (JH,), (DIAG,), ("teacher",),
        "משימת אבחון: מודל החלקיקים במעברי פאזה",
        "ציירו את החלקיקים במים נוזליים ובאדי מים.\n\nציור של חלקיקים \"גדולים יותר\" באדים מלמד על ייחוס "
        "תכונות מקרוסקופיות לחלקיקים.", uses=2),
    DemoResource(INSTITUTE, "he", "failure_case", ("chemistry",), (SH,), (CLIN,), ("teacher", "mentor"),
        "מקרה כישלון: ניסוי טיטרציה שלא הצליח – ומה למדנו",
        "הניסוי תוכנן לשיעור אחד ונמשך שלושה. מה השתבש: ריכוזים שלא נבדקו מראש, וקבוצות גדולות מדי.\n\n"
        "**מה נשנה:** ניסוי מקדים של המורה, קבוצות של שלושה, ודף תצפית קצר.", uses=1),
    DemoResource(INSTITUTE, "ar", DT, ("chemistry",), (SH,), (DIAG,), ("teacher",),
        "مهمة تشخيصية: الروابط الكيميائية وتمثيلاتها",
        "اطلب من الطلاب رسم جزيء الماء بثلاث طرق مختلفة وشرح ما يُظهره كل تمثيل وما يخفيه.",
        state="returned"),
    DemoResource(INSTITUTE, "en", PR, ("chemistry",), (JH, SH), (CLIN,), ("teacher",),
        "Practice: predict–observe–explain demonstrations",
        "Before the demonstration every student writes a prediction and a reason. After it, pairs explain "
        "any gap between prediction and observation."),
    # Biology ----------------------------------------------------------------------------------------
    DemoResource(INSTITUTE, "he", DT, ("biology",), (JH,), (DIAG,), ("teacher", "subject_coordinator"),
        "משימת אבחון: פוטוסינתזה ונשימה – מה הצמח \"אוכל\"?",
        "שאלו: \"מאיפה מגיעה המסה של עץ גדול?\"\n\nתשובות כמו \"מהאדמה\" חושפות את הקושי לקשר בין "
        "פחמן דו-חמצני מהאוויר לבניית חומר.", uses=4),
    DemoResource(INSTITUTE, "he", "success_case", ("biology",), (SH, TE), (COMM, "periphery"),
        ("community_facilitator", "subject_coordinator"),
        "מקרה הצלחה: קהילת מורי ביולוגיה בדרום בונה בנק משימות",
        "שמונה מורים מירוחם, דימונה ואופקים נפגשו פעם בחודש במשך שנה, ניסו משימות אבחון בכיתותיהם "
        "והביאו עבודות תלמידים לדיון. התוצאה: בנק של 24 משימות עם הערות מהכיתה.", uses=1),
    DemoResource(INSTITUTE, "ar", LP, ("biology",), (JH,), (), ("teacher",),
        "خطة درس: الخلية ومكوّناتها عبر النمذجة",
        "يبني الطلاب نموذجًا للخلية من مواد بسيطة، ثم يقارنون نماذجهم بصورة مجهرية ويناقشون حدود كل نموذج.",
        uses=2),
    DemoResource(INSTITUTE, "en", "research_summary", ("biology", "science"), (JH, SH), (DIAG,),
        ("subject_coordinator", "instructor"),
        "Research summary: formative assessment in science classrooms",
        "What the studies agree on: frequent low-stakes diagnostic questions, feedback that names the next "
        "step, and time in class to act on it."),
    # Science and technology -------------------------------------------------------------------------
    DemoResource(INSTITUTE, "he", DT, ("science",), (JH,), (DIAG,), ("teacher",),
        "משימת אבחון: צפיפות וציפה בחטיבת הביניים",
        "למה גוש עץ גדול צף ומסמר קטן שוקע?\n\nתשובה \"כי המסמר כבד\" מעידה על בלבול בין מסה לצפיפות.",
        uses=3),
    DemoResource(INSTITUTE, "he", TOOL, ("science",), (TE,), (CLIN, MENT), ("instructor", "pedagogic_supervisor"),
        "כלי: רובריקה לתצפית עמיתים בשיעורי מדע",
        "| מה רואים | התחלה | מתפתח | מבוסס |\n| --- | --- | --- | --- |\n"
        "| שאלות התלמידים | מעטות | לעיתים | מובילות את השיעור |\n"
        "| שימוש בעדויות | אין | חלקי | עקבי |", uses=2),
    DemoResource(INSTITUTE, "ar", TOOL, ("science",), (TE,), (CLIN,), ("instructor",),
        "أداة: بطاقة ملاحظة زميل في درس العلوم",
        "بطاقة من صفحة واحدة يملؤها الزميل أثناء الحصة: أسئلة الطلاب، استخدام الأدلة، ووقت التفكير."),
    DemoResource(INSTITUTE, "en", METHOD, ("science",), (TE,), (COMM,), ("community_facilitator",),
        "Method: a lesson study cycle for science departments",
        "Plan together, one teaches while the others observe the students, then revise and teach again.",
        uses=1),
    # Mentoring and leadership ----------------------------------------------------------------------
    DemoResource(INSTITUTE, "he", PR, (), (TE,), (MENT,), ("mentor",),
        "פרקטיקה של חונכות: שיחת משוב אחרי תצפית",
        "מבנה לשיחה של עשרים דקות: מה ראית (עובדות), מה חשבו התלמידים (עדויות), צעד אחד לשבוע הבא.",
        uses=3),
    DemoResource(INSTITUTE, "he", "policy_document", ("mathematics", "science"), (JH, SH), ("policy",),
        ("subject_coordinator",),
        "מסמך מדיניות: הגדרת תפקיד רכז/ת מקצוע – טיוטה לדיון",
        "טיוטה ראשונה: אחריות להובלת הצוות המקצועי, ליווי מורים חדשים ופיתוח מקצועי בבית הספר.",
        state="draft"),
    DemoResource(INSTITUTE, "en", METHOD, (), (TE,), (COMM,), ("community_facilitator",),
        "Method: facilitating a professional community meeting",
        "Open with student work, not with announcements. Close with one thing each teacher will try.", uses=2),
    # Promentors (seed document 001) -----------------------------------------------------------------
    DemoResource(PROMENTORS, "en", "insight", (), (KG, TE), (MENT, "teacher-education"),
        ("mentor", "lecturer"),
        "Promentors: mid-project insights and recommendations",
        "Presented at the Israeli partners' meeting at Seminar HaKibbutzim, March 2022, by the colleges' "
        "teams.\n\n## Insights\n- Learning communities of mentors, such as the kindergarten teachers' "
        "community in Holon, sustain mentoring beyond the training course.\n- Principals and inspectors see "
        "the mentor's part in assessing interns differently; the role needs a shared definition.\n"
        "- Joint sessions between colleges (Kaye and Levinsky at Kuseife) show that different populations "
        "share the same challenges and successes.\n\n## Recommendations\n1. Define the mentor's role in "
        "intern assessment together with schools and the Ministry.\n2. Keep joint sessions between colleges "
        "in every year of the project.\n3. Support local mentors' communities with a facilitator.",
        uses=2, licence="cc-by"),
    DemoResource(PROMENTORS, "he", "insight", (), (KG, TE), (MENT, "teacher-education"), ("mentor",),
        "פרומנטורס: תובנות והמלצות באמצע הדרך",
        "סיכום התובנות וההמלצות של המכללות, כפי שהוצגו במפגש השותפים בסמינר הקיבוצים.\n\n"
        "- קהילה לומדת של חונכות מחזיקה את החניכה לאורך זמן.\n- נדרשת הגדרה משותפת לחלקו של החונך "
        "בהערכת המתמחה.\n- מפגשים משותפים בין מכללות מחברים בין אוכלוסיות שונות עם אתגרים דומים.",
        uses=1, licence="cc-by"),
    DemoResource(PROMENTORS, "he", "success_case", ("early-childhood",), (KG,), (MENT, "early-childhood-education"),
        ("mentor",),
        "קהילה לומדת של גננות חונכות בחולון: מה עבד",
        "חונכת, מנחת הקהילה והמפקחת על הגיל הרך מספרות: מפגשים קבועים בגן של אחת החברות, "
        "ותצפיות הדדיות עם שאלה אחת בכל פעם.", uses=1),
    DemoResource(PROMENTORS, "he", PR, (), (TE,), (MENT,), ("mentor", "principal"),
        "החונך כשותף בהערכת המתמחה: שאלות לדיון מתוך הפאנל",
        "מה החונך רואה שהמנהל לא רואה? איך שומרים על אמון כשהחונך גם מעריך? שאלות לפתיחת דיון בצוות.",
        state="in_review"),
    DemoResource(PROMENTORS, "ar", "success_case", (), (TE,), (MENT, "teacher-education"), ("mentor",),
        "جلسة مشتركة بين كليتين: التعلّم من الميدان في كسيفة",
        "التقى طلاب ومرشدون من كليتين في كسيفة وتبادلوا تجاربهم. الخلاصة: رغم اختلاف المجتمعات، "
        "التحديات والنجاحات متشابهة.", uses=1),
]  # fmt: skip
