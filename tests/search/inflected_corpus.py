"""A relevance corpus of inflected words: the query is written in another form of the word than the
document (singular and plural, construct state, possessive suffixes, Arabic broken plurals, English
and Arabic stems), which only a lexicon or a stemmer can join (docs/search.md, "Lemmas and stems").

PRECISION holds queries whose letters or lemmas meet unrelated words (homographs, a prefix that is
part of the word): the unrelated documents must not be among the first three.

Used by tests/search/test_inflected_relevance.py and bench/search.py, beside corpus.py.
"""

from dataclasses import dataclass

from .corpus import CorpusDocument, CorpusQuery


@dataclass(frozen=True)
class PrecisionQuery:
    text: str
    relevant: tuple[str, ...]
    # Documents that share letters or a lemma with the query by accident.
    unrelated: tuple[str, ...]
    checks: str = ""


def _doc(key: str, language: str, title: str, body: str) -> CorpusDocument:
    return CorpusDocument(key, language, title, body)


DOCUMENTS = [
    # --- Hebrew ---------------------------------------------------------------------------------
    _doc(
        "he-task-diagnostic",
        "he",
        "משימת אבחון בשברים",
        "משימה קצרה לתחילת השנה: כל תלמיד משווה בין שני שברים ומנמק בכתב.",
    ),
    _doc(
        "he-tasks-open",
        "he",
        "משימות פתוחות בגאומטריה",
        "אוסף של משימות שאין להן תשובה אחת. התלמידים מציגים את דרכי הפתרון שלהם לקבוצה.",
    ),
    _doc(
        "he-class-mine",
        "he",
        "כיתתי הראשונה",
        "מורה צעירה מספרת על הכיתה הראשונה שלימדה ועל הטעויות שעשתה בחודש הראשון.",
    ),
    _doc(
        "he-classes-mixed",
        "he",
        "כיתות רב־גילאיות בבית ספר קטן",
        "בבית הספר בכפר יש שלוש כיתות בלבד, ובכל אחת תלמידים בשלוש שכבות גיל.",
    ),
    _doc(
        "he-teachers-new",
        "he",
        "מורים חדשים בשנה הראשונה",
        "מדריך קצר למורים מתחילים: איך להתכונן לאסיפת ההורים הראשונה ואיך לבקש עזרה.",
    ),
    _doc(
        "he-teacher-leader",
        "he",
        "מורה מובילה בקהילה",
        "סיפורה של מורה שהקימה קהילה של עמיתים לתחום המתמטיקה ברהט.",
    ),
    _doc(
        "he-students-his",
        "he",
        "המחנך ותלמידיו",
        "המחנך נפגש עם כל אחד מתלמידיו לשיחה אישית בתחילת השנה.",
    ),
    _doc(
        "he-student-one",
        "he",
        "תלמיד שמתקשה בקריאה",
        "תיאור מקרה: תלמיד בכיתה ג' שאינו קורא שטף, והתוכנית שבנתה המורה יחד עם ההורים.",
    ),
    _doc(
        "he-kindergarten-teachers",
        "he",
        "גננות מלוות גננות",
        "תוכנית ליווי שבה גננות ותיקות מלוות את עמיתותיהן בשנה הראשונה בגן.",
    ),
    _doc(
        "he-kindergarten-teacher-one",
        "he",
        "יומנה של גננת",
        "גננת בחולון כותבת כל ערב מה למדה מהילדים באותו יום.",
    ),
    _doc(
        "he-insights",
        "he",
        "תובנות מתצפית",
        "שלוש תובנות שעלו מתצפית עמיתים בשיעורי מדעים.",
    ),
    _doc(
        "he-insight-one",
        "he",
        "תובנה אחת מהשטח",
        "לפעמים שאלה אחת טובה שווה יותר משיעור שלם.",
    ),
    _doc(
        "he-interns",
        "he",
        "המתמחים בהוראה",
        "שנת ההתמחות היא שנה קשה: המתמחים מלמדים, לומדים ומוערכים בעת ובעונה אחת.",
    ),
    _doc(
        "he-fraction-one",
        "he",
        "שבר פשוט על ציר המספרים",
        "כל שבר פשוט אפשר לסמן כנקודה על ציר המספרים.",
    ),
    _doc(
        "he-books-reading",
        "he",
        "ספרים לקריאה בכיתה",
        "רשימת ספרי קריאה מומלצים לכיתות ד' עד ו', עם שאלות לדיון על כל ספר.",
    ),
    _doc(
        "he-digits",
        "he",
        "ערך הספרה במספר",
        "התלמידים לומדים שערכה של ספרה תלוי במקומה במספר: ספרת האחדות, ספרת העשרות.",
    ),
    _doc(
        "he-parents",
        "he",
        "שיחה עם הורים",
        "איך לפתוח שיחה עם הורים מודאגים ולסיים אותה בתוכנית משותפת.",
    ),
    _doc(
        "he-schools-org",
        "he",
        "רשת בתי הספר בדרום",
        "רשת של בתי ספר יסודיים בנגב ששיתפה חומרי לימוד בין המורות.",
    ),
    _doc(
        "he-school-one",
        "he",
        "בית הספר כקהילה לומדת",
        "בית ספר שבו צוות המורים נפגש כל שבוע כדי ללמוד יחד מעבודת התלמידים.",
    ),
    _doc(
        "he-lessons",
        "he",
        "שיעורי בית במתמטיקה",
        "כמה שיעורי בית לתת, ואיך לבדוק אותם בלי לבזבז את השיעור כולו.",
    ),
    _doc(
        "he-lesson-plan",
        "he",
        "מערך שיעור על שטחים",
        "מערך לשיעור אחד על שטח של מלבן ומשולש, עם משימת סיכום.",
    ),
    _doc(
        "he-questions",
        "he",
        "שאלות פתוחות בשיח הכיתתי",
        "שאלה פתוחה מזמינה כמה תשובות נכונות. המסמך מציע שאלות לדוגמה.",
    ),
    _doc(
        "he-measure",
        "he",
        "מידה ומדידה בגן",
        "הילדים מודדים את אורך השולחן בכפות ידיים ומשווים את המידות שקיבלו.",
    ),
    _doc(
        "he-learning",
        "he",
        "למידה בקבוצות קטנות",
        "עבודה בקבוצות של שלושה תלמידים, עם תפקיד לכל אחד.",
    ),
    _doc(
        "he-science",
        "he",
        "מדע בגן הילדים",
        "ניסויים פשוטים במדע לגיל הרך: מים, צל ומגנטים.",
    ),
    _doc(
        "he-know-students",
        "he",
        "דע את תלמידיך",
        "היכרות אישית עם כל תלמיד היא הבסיס להוראה טובה.",
    ),
    _doc(
        "he-mentors",
        "he",
        "חונכים ומדריכים",
        "החונכים בתוכנית נפגשים פעם בחודש כדי לשתף בקשיים.",
    ),
    _doc(
        "he-evaluations",
        "he",
        "הערכות עמיתים",
        "טופס להערכת עמית אחרי צפייה בשיעור, עם שלוש שאלות.",
    ),
    _doc(
        "he-activity",
        "he",
        "פעילויות פתיחה לשיעור",
        "חמש פעילויות קצרות שפותחות שיעור ומעוררות סקרנות.",
    ),
    _doc(
        "he-names",
        "he",
        "שם לכל ילד",
        "ביום הראשון כל ילד מכין כרטיס עם שמו ותמונה.",
    ),
    # --- Arabic ---------------------------------------------------------------------------------
    _doc(
        "ar-students",
        "ar",
        "الطلاب في الصف الأول",
        "كيف يتعامل الطلاب مع أول يوم في المدرسة، وما دور المعلمة في ذلك.",
    ),
    _doc(
        "ar-student-one",
        "ar",
        "طالب يجد صعوبة في القراءة",
        "حالة طالب في الصف الثالث، والخطة التي وضعتها المعلمة مع الأهل.",
    ),
    _doc(
        "ar-lessons",
        "ar",
        "دروس في الكسور",
        "سلسلة دروس قصيرة عن الكسور العادية للصف الرابع.",
    ),
    _doc(
        "ar-lesson-one",
        "ar",
        "درس نموذجي عن المساحة",
        "خطة درس واحد عن مساحة المستطيل مع مهمة ختامية.",
    ),
    _doc(
        "ar-experiments",
        "ar",
        "تجارب علمية بسيطة",
        "تجارب يمكن إجراؤها في الصف بمواد من البيت.",
    ),
    _doc(
        "ar-experience",
        "ar",
        "تجربة معلمة جديدة",
        "معلمة في سنتها الأولى تروي تجربتها مع الإرشاد.",
    ),
    _doc(
        "ar-schools",
        "ar",
        "شبكة المدارس في النقب",
        "شبكة من المدارس الابتدائية تتبادل المواد التعليمية.",
    ),
    _doc(
        "ar-school",
        "ar",
        "مدرسة صغيرة في قرية",
        "في المدرسة ثلاثة صفوف فقط وكل صف يضم طلابا من أعمار مختلفة.",
    ),
    _doc(
        "ar-teachers",
        "ar",
        "المعلمون الجدد",
        "دليل قصير للمعلمين المبتدئين عن لقاء الأهل الأول.",
    ),
    _doc(
        "ar-questions",
        "ar",
        "أسئلة مفتوحة في النقاش الصفي",
        "السؤال المفتوح يقبل أكثر من إجابة صحيحة. أمثلة لأسئلة.",
    ),
    _doc(
        "ar-activities",
        "ar",
        "أنشطة افتتاحية للدرس",
        "خمسة أنشطة قصيرة تثير الفضول في بداية الحصة.",
    ),
    _doc(
        "ar-projects",
        "ar",
        "مشاريع بحثية للطلاب",
        "مشاريع صغيرة يختار فيها الطلاب سؤالا ويجمعون البيانات.",
    ),
    _doc(
        "ar-density",
        "ar",
        "كثافة المواد",
        "يقيس الطلاب كتلة الأجسام وحجمها ويحسبون كثافتها.",
    ),
    _doc(
        "ar-books",
        "ar",
        "كتب للقراءة في الصف",
        "قائمة كتب مقترحة للقراءة مع أسئلة للنقاش.",
    ),
    _doc(
        "ar-landmarks",
        "ar",
        "معالم المدينة القديمة",
        "جولة بين معالم البلدة القديمة للتعرف على تاريخها.",
    ),
    _doc(
        "ar-skills",
        "ar",
        "مهارات التواصل مع الأهل",
        "ورشة قصيرة عن مهارة الإصغاء، مع ملفات للتدريب في البيت.",
    ),
    _doc(
        "ar-classes",
        "ar",
        "صفوف متعددة الأعمار",
        "كيف نخطط حصة لصف يجمع أعمارا مختلفة.",
    ),
    # --- English --------------------------------------------------------------------------------
    _doc("en-mentoring", "en", "Mentoring in the first year", "A guide for mentors of new teachers."),
    _doc("en-mentor", "en", "What a mentor does", "The mentor observes lessons and gives feedback."),
    _doc("en-studies", "en", "Case studies of classroom talk", "Three studies of how students argue."),
    _doc("en-assessing", "en", "Assessing group work", "Rubrics and checklists for assessment of groups."),
    _doc("en-planning", "en", "Planned lessons and unplanned moments", "How teachers plan and improvise."),
    _doc("en-questioning", "en", "Questioning techniques", "Asking questions that make students think."),
    _doc("en-observations", "en", "Peer observations", "Teachers observed each other's lessons twice a term."),
    _doc("en-reading", "en", "Readers and reading", "Building a community of readers in a primary class."),
    _doc("en-experiments", "en", "Experimenting in science class", "Simple experiments with water and light."),
    _doc("en-leadership", "en", "Teacher leaders", "Leading colleagues without a formal title."),
]


QUERIES = [
    # --- Hebrew: plural, singular, construct state, possessive suffix ---
    CorpusQuery("משימה", ("he-task-diagnostic", "he-tasks-open"), "משימת (construct), משימות (plural)"),
    CorpusQuery("משימות", ("he-task-diagnostic", "he-tasks-open"), "plural query, singular and construct"),
    CorpusQuery("משימת", ("he-task-diagnostic", "he-tasks-open"), "construct query"),
    CorpusQuery(
        "כיתה",
        ("he-class-mine", "he-classes-mixed", "he-books-reading", "he-student-one"),
        "כיתתי (possessive), כיתות",
    ),
    CorpusQuery(
        "כיתות",
        ("he-classes-mixed", "he-books-reading", "he-student-one"),
        "plural; כיתתי is 'of the class' too",
    ),
    CorpusQuery("כיתתי", ("he-class-mine",), "possessive query"),
    CorpusQuery("שיח בכיתה", ("he-questions",), "בשיח הכיתתי: the adjective of כיתה"),
    CorpusQuery("מורה", ("he-teacher-leader", "he-teachers-new"), "מורים"),
    CorpusQuery("מורים", ("he-teachers-new", "he-teacher-leader"), "plural query"),
    CorpusQuery("מורות", ("he-schools-org", "he-teacher-leader"), "feminine plural"),
    CorpusQuery("למורים", ("he-teachers-new",), "prefix and plural"),
    CorpusQuery("תלמיד", ("he-student-one", "he-students-his"), "תלמידיו"),
    CorpusQuery("תלמידיו", ("he-students-his",), "possessive query"),
    CorpusQuery(
        "תלמידים",
        ("he-student-one", "he-students-his", "he-learning", "he-classes-mixed", "he-digits"),
        "plural",
    ),
    CorpusQuery("גננת", ("he-kindergarten-teacher-one", "he-kindergarten-teachers"), "גננות"),
    CorpusQuery("גננות", ("he-kindergarten-teachers", "he-kindergarten-teacher-one"), "plural"),
    CorpusQuery("תובנה", ("he-insight-one", "he-insights"), "תובנות"),
    CorpusQuery("תובנות", ("he-insights", "he-insight-one"), "plural"),
    CorpusQuery("מתמחה", ("he-interns",), "המתמחים"),
    CorpusQuery("שבר", ("he-fraction-one", "he-task-diagnostic"), "שברים"),
    CorpusQuery("שברים", ("he-task-diagnostic", "he-fraction-one"), "בשברים and שבר"),
    CorpusQuery("ספר", ("he-books-reading", "he-classes-mixed", "he-schools-org", "he-school-one"), "ספרים; בית ספר"),
    CorpusQuery("ספרי קריאה", ("he-books-reading",), "construct plural"),
    CorpusQuery("ספרות", ("he-digits",), "ספרה, ספרת: plural of digit"),
    CorpusQuery("הורה", ("he-parents", "he-student-one"), "הורים"),
    CorpusQuery("בית ספר", ("he-school-one", "he-schools-org"), "בתי הספר: irregular plural"),
    CorpusQuery("בתי ספר", ("he-schools-org", "he-school-one"), "plural construct"),
    CorpusQuery("שיעור", ("he-lesson-plan", "he-lessons", "he-activity", "he-evaluations", "he-insight-one"), "שיעורי"),
    CorpusQuery("שיעורים", ("he-lessons", "he-lesson-plan", "he-activity", "he-insights", "he-evaluations"), "plural"),
    CorpusQuery("שאלה פתוחה", ("he-questions",), "שאלות פתוחות"),
    CorpusQuery("שאלות", ("he-questions",), "plural"),
    CorpusQuery("מדידות", ("he-measure",), "מדידה"),
    CorpusQuery("מידות", ("he-measure",), "מידה, המידות"),
    CorpusQuery("קבוצה", ("he-learning", "he-tasks-open"), "בקבוצות, לקבוצה"),
    CorpusQuery("ניסוי", ("he-science",), "ניסויים"),
    CorpusQuery("חונך", ("he-mentors",), "החונכים"),
    CorpusQuery("הערכה", ("he-evaluations",), "הערכות"),
    CorpusQuery("פעילות", ("he-activity",), "פעילויות"),
    CorpusQuery("פעילויות פתיחה", ("he-activity",), "plural"),
    CorpusQuery("תוכניות ליווי", ("he-kindergarten-teachers",), "תוכנית"),
    CorpusQuery("עמיתה", ("he-kindergarten-teachers",), "עמיתותיהן: possessive plural"),
    CorpusQuery("עמיתים", ("he-insights", "he-teacher-leader", "he-evaluations"), "עמית"),
    CorpusQuery("טעות", ("he-class-mine",), "הטעויות"),
    CorpusQuery("חודשים", ("he-class-mine", "he-mentors"), "בחודש"),
    CorpusQuery("ילדים", ("he-names", "he-kindergarten-teacher-one", "he-measure", "he-science"), "ילד"),
    CorpusQuery("ילד", ("he-names", "he-measure"), "הילדים"),
    CorpusQuery("יום", ("he-kindergarten-teacher-one",), "ביום"),
    CorpusQuery("ימים", ("he-kindergarten-teacher-one",), "irregular plural of יום"),
    CorpusQuery("שולחנות", ("he-measure",), "השולחן"),
    CorpusQuery("ניסויי מדע", ("he-science",), "construct plural"),
    CorpusQuery("דרך פתרון", ("he-tasks-open",), "דרכי הפתרון"),
    CorpusQuery("תשובות", ("he-tasks-open", "he-questions"), "תשובה"),
    CorpusQuery("קהילות", ("he-teacher-leader", "he-school-one"), "קהילה"),
    CorpusQuery("שכבה", ("he-classes-mixed",), "שכבות"),
    CorpusQuery("כפרים", ("he-classes-mixed",), "בכפר"),
    CorpusQuery("רשתות", ("he-schools-org",), "רשת"),
    CorpusQuery("חומר לימוד", ("he-schools-org",), "חומרי לימוד"),
    CorpusQuery("צוותים", ("he-school-one",), "צוות"),
    CorpusQuery("שטחים", ("he-lesson-plan",), "שטח"),
    CorpusQuery("משולשים", ("he-lesson-plan",), "משולש"),
    CorpusQuery("שיחות", ("he-parents", "he-students-his"), "שיחה"),
    CorpusQuery("מקרים", ("he-student-one",), "מקרה"),
    # --- Arabic: broken plurals, suffixes, stems ---
    CorpusQuery("طالب", ("ar-student-one", "ar-students"), "الطلاب: broken plural"),
    CorpusQuery("طلاب", ("ar-students", "ar-student-one", "ar-projects", "ar-density"), "plural query"),
    CorpusQuery("الطلاب", ("ar-students", "ar-student-one", "ar-projects", "ar-density"), "article"),
    CorpusQuery("درس", ("ar-lesson-one", "ar-lessons"), "دروس"),
    CorpusQuery("دروس", ("ar-lessons", "ar-lesson-one"), "plural query"),
    CorpusQuery("تجربة", ("ar-experience", "ar-experiments"), "تجارب"),
    CorpusQuery("تجارب", ("ar-experiments", "ar-experience"), "plural query"),
    CorpusQuery("مدرسة", ("ar-school", "ar-schools"), "المدارس"),
    CorpusQuery("المدارس", ("ar-schools", "ar-school"), "plural query"),
    CorpusQuery("معلم", ("ar-teachers",), "المعلمون, للمعلمين: sound plural, a stem"),
    CorpusQuery("معلمة", ("ar-experience", "ar-students", "ar-student-one"), "المعلمة"),
    CorpusQuery("المعلمين", ("ar-teachers",), "المعلمون"),
    CorpusQuery("سؤال", ("ar-questions",), "أسئلة"),
    CorpusQuery("اسئلة", ("ar-questions", "ar-books"), "plural typed without hamza"),
    CorpusQuery("نشاط", ("ar-activities",), "أنشطة"),
    CorpusQuery("مشروع", ("ar-projects",), "مشاريع"),
    CorpusQuery("كثافة", ("ar-density",), "كثافتها: a suffix"),
    CorpusQuery("كتاب", ("ar-books",), "كتب"),
    CorpusQuery("صف", ("ar-school", "ar-classes"), "صفوف"),
    CorpusQuery("صفوف", ("ar-classes", "ar-school"), "plural"),
    CorpusQuery("كسر", ("ar-lessons",), "الكسور"),
    CorpusQuery("مادة", ("ar-experiments", "ar-schools", "ar-density"), "مواد"),
    CorpusQuery("عمر", ("ar-school", "ar-classes"), "أعمار"),
    CorpusQuery("جسم", ("ar-density",), "الأجسام"),
    CorpusQuery("مدينة", ("ar-landmarks",), "المدينة"),
    CorpusQuery("خطط", ("ar-student-one", "ar-lesson-one"), "خطة"),
    CorpusQuery("حصص", ("ar-activities", "ar-classes"), "حصة"),
    CorpusQuery("مبتدئ", ("ar-teachers",), "المبتدئين"),
    CorpusQuery("شبكات", ("ar-schools",), "شبكة"),
    CorpusQuery("بيانات", ("ar-projects",), "البيانات"),
    CorpusQuery("حالات", ("ar-student-one",), "حالة"),
    CorpusQuery("مهارة", ("ar-skills",), "مهارات: sound feminine plural"),
    CorpusQuery("ملف", ("ar-skills",), "ملفات"),
    # --- English: stems ---
    CorpusQuery("mentor", ("en-mentoring", "en-mentor"), "Mentoring"),
    CorpusQuery("mentors", ("en-mentor", "en-mentoring"), "mentor"),
    CorpusQuery("study", ("en-studies",), "studies"),
    CorpusQuery("assessment", ("en-assessing",), "Assessing"),
    CorpusQuery("assess", ("en-assessing",), "Assessing, assessment"),
    CorpusQuery("planning", ("en-planning",), "Planned, plan"),
    CorpusQuery("question", ("en-questioning",), "Questioning, questions"),
    CorpusQuery("observe", ("en-observations", "en-mentor"), "observations, observed, observes"),
    CorpusQuery("observing", ("en-observations", "en-mentor"), "observations"),
    CorpusQuery("reader", ("en-reading",), "Readers"),
    CorpusQuery("read", ("en-reading",), "reading"),
    CorpusQuery("experiment", ("en-experiments",), "Experimenting, experiments"),
    CorpusQuery("leader", ("en-leadership",), "leaders, Leading"),
    CorpusQuery("lesson", ("en-planning", "en-mentor", "en-observations"), "lessons"),
    CorpusQuery("students thinking", ("en-questioning",), "think"),
    CorpusQuery("teacher", ("en-mentoring", "en-planning", "en-leadership"), "teachers"),
]


PRECISION = [
    PrecisionQuery("ספרה", ("he-digits",), ("he-books-reading",), "a digit, not 'her book'"),
    PrecisionQuery("ספרים", ("he-books-reading",), ("he-digits",), "books, not digits"),
    PrecisionQuery("מורים", ("he-teachers-new", "he-teacher-leader"), ("he-parents",), "הורה: a verb's lemma"),
    PrecisionQuery("הורים", ("he-parents",), ("he-teacher-leader",), "parents, not teachers"),
    PrecisionQuery("למידה", ("he-learning",), ("he-measure",), "not מידה with a prefix"),
    PrecisionQuery("מדע", ("he-science",), ("he-know-students",), "not מ+דע"),
    PrecisionQuery("שמות", ("he-names",), ("he-kindergarten-teachers",), "names, not 'there'"),
    PrecisionQuery("معلم", ("ar-teachers",), ("ar-landmarks",), "teacher; معالم is 'landmarks'"),
    PrecisionQuery("כתבה", ("he-kindergarten-teacher-one",), ("he-student-one",), "כותבת; not כתה"),
    PrecisionQuery("בתים", ("he-schools-org",), ("he-digits", "he-names"), "house; not ב+תים"),
]
