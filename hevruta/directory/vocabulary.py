"""The platform's built-in vocabularies, in Hebrew, Arabic and English.

Loaded by a data migration so that every installation (and every test database) has them.
"""

SUBJECTS = [
    ("mathematics", "מתמטיקה", "الرياضيات", "Mathematics"),
    ("physics", "פיזיקה", "الفيزياء", "Physics"),
    ("chemistry", "כימיה", "الكيمياء", "Chemistry"),
    ("biology", "ביולוגיה", "الأحياء", "Biology"),
    ("science", "מדע וטכנולוגיה", "العلوم والتكنولوجيا", "Science and technology"),
    ("computer-science", "מדעי המחשב", "علم الحاسوب", "Computer science"),
    ("hebrew", "עברית", "اللغة العبرية", "Hebrew language"),
    ("arabic", "ערבית", "اللغة العربية", "Arabic language"),
    ("english", "אנגלית", "اللغة الإنجليزية", "English"),
    ("history", "היסטוריה", "التاريخ", "History"),
    ("early-childhood", "גיל הרך", "الطفولة المبكرة", "Early childhood"),
    ("special-education", "חינוך מיוחד", "التربية الخاصة", "Special education"),
]

GRADE_BANDS = [
    ("kindergarten", 1, "גן ילדים", "روضة الأطفال", "Kindergarten"),
    ("elementary", 2, "יסודי", "ابتدائي", "Elementary"),
    ("junior-high", 3, "חטיבת ביניים", "إعدادي", "Junior high"),
    ("senior-high", 4, "חטיבה עליונה", "ثانوي", "Senior high"),
    ("teacher-education", 5, "הכשרת מורים", "إعداد المعلمين", "Teacher education"),
]

LANGUAGES = [
    ("he", "עברית", "العبرية", "Hebrew"),
    ("ar", "ערבית", "العربية", "Arabic"),
    ("en", "אנגלית", "الإنجليزية", "English"),
    ("ru", "רוסית", "الروسية", "Russian"),
    ("am", "אמהרית", "الأمهرية", "Amharic"),
    ("fr", "צרפתית", "الفرنسية", "French"),
]

TOPICS = [
    (
        "diagnostic-assessment",
        "הערכה מעצבת ומשימות אבחון",
        "التقييم التكويني والمهام التشخيصية",
        "Formative assessment and diagnostic tasks",
    ),
    ("clinical-teaching", "הוראה קלינית", "التدريس السريري", "Clinical teaching"),
    ("mentoring", "חניכה וליווי", "الإرشاد والمرافقة", "Mentoring and induction"),
    ("professional-communities", "קהילות מקצועיות", "المجتمعات المهنية", "Professional learning communities"),
    ("educational-leadership", "מנהיגות חינוכית", "القيادة التربوية", "Educational leadership"),
    ("systemic-management", "ניהול מערכתי", "الإدارة المنظومية", "Systemic management"),
    ("teacher-education", "הכשרת מורים", "إعداد المعلمين", "Teacher education"),
    ("educational-innovation", "חדשנות חינוכית", "التجديد التربوي", "Educational innovation"),
    ("early-childhood-education", "חינוך בגיל הרך", "التربية في الطفولة المبكرة", "Early childhood education"),
    ("science-education", "חינוך מדעי", "التربية العلمية", "Science education"),
    ("digital-learning", "למידה דיגיטלית", "التعلم الرقمي", "Digital learning"),
    (
        "community-partnership",
        "שותפות עם הקהילה וההורים",
        "الشراكة مع المجتمع والأهالي",
        "Community and parent partnership",
    ),
    ("inclusion", "הכלה ושילוב", "الدمج والاحتواء", "Inclusion"),
    ("periphery", "צמצום פערים בפריפריה", "تقليص الفجوات في الضواحي", "Closing gaps in the periphery"),
    ("policy", "מדיניות חינוך", "السياسة التربوية", "Education policy"),
    ("informal-education", "חינוך בלתי פורמלי", "التربية اللامنهجية", "Informal education"),
    ("school-climate", "אקלים בית ספרי", "المناخ المدرسي", "School climate"),
    (
        "data-informed-decisions",
        "קבלת החלטות מבוססת נתונים",
        "اتخاذ القرارات المبنية على البيانات",
        "Data-informed decisions",
    ),
]


def load_vocabularies(apps) -> None:  # type: ignore[no-untyped-def]
    """Create or refresh every built-in term; used by the migration and safe to run again."""
    subject = apps.get_model("directory", "Subject")
    grade_band = apps.get_model("directory", "GradeBand")
    language = apps.get_model("directory", "Language")
    topic = apps.get_model("directory", "Topic")
    for slug, he, ar, en in SUBJECTS:
        subject.objects.update_or_create(slug=slug, defaults={"name_he": he, "name_ar": ar, "name_en": en})
    for slug, order, he, ar, en in GRADE_BANDS:
        grade_band.objects.update_or_create(
            slug=slug, defaults={"order": order, "name_he": he, "name_ar": ar, "name_en": en}
        )
    for code, he, ar, en in LANGUAGES:
        language.objects.update_or_create(code=code, defaults={"name_he": he, "name_ar": ar, "name_en": en})
    for slug, he, ar, en in TOPICS:
        topic.objects.update_or_create(slug=slug, defaults={"name_he": he, "name_ar": ar, "name_en": en})
