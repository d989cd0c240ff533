"""A relevance corpus: short teacher-knowledge texts in Hebrew, Arabic and English, and queries with the
documents known to answer them.

The queries are what a teacher would type, and the documents are written as people write, so a query
meets the words with prefixes attached (בכיתה, והכיתה, لطلاب، بالمدرسة), with niqqud (וְהַכִּתָּה),
with or without hamza (إدارة / ادارة), with ה for ة, with final letters typed as ordinary ones, and
some false friends (במידה beside למידה, לביתה beside כיתה) that a careless prefix rule would confuse.
Used by tests/search/test_relevance.py and by bench/search.py (which also runs it on the databases'
default tokenizers as a baseline).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CorpusDocument:
    key: str
    language: str
    title: str
    body: str


@dataclass(frozen=True)
class CorpusQuery:
    text: str
    relevant: tuple[str, ...]
    # What the query exercises, for the failure message.
    checks: str = ""


DOCUMENTS = [
    # --- Hebrew ---------------------------------------------------------------------------------
    CorpusDocument(
        "he-fractions-compare",
        "he",
        "משימה אבחונית: השוואת שברים",
        "משימה אבחונית קצרה לכיתה ה' שבודקת איך תלמידים משווים שברים בעלי מכנים שונים. המורה מבקשת "
        "מכל תלמיד לנמק בכתב איזה שבר גדול יותר. התשובות חושפות תפיסה שגויה נפוצה: מכנה גדול יותר "
        "פירושו שבר גדול יותר.",
    ),
    CorpusDocument(
        "he-fractions-number-line",
        "he",
        "שברים על ציר המספרים",
        "בפעילות הזאת התלמידים ממקמים שברים ומספרים מעורבים על ציר המספרים ומסבירים לחבריהם את "
        "הבחירה. הפעילות מתאימה לפתיחת יחידת השברים בכיתה ו' ומשמשת גם כמשימה אבחונית בתחילת השנה.",
    ),
    CorpusDocument(
        "he-fractions-area",
        "he",
        "שברים ושטח: פיצה או מלבן?",
        "השוואה בין ייצוג של שברים בעיגול לבין ייצוג במלבן. מורים בקהילה המקצועית דיווחו שהמלבן מקל "
        "על התלמידים לחלק את השלם לחלקים שווים.",
    ),
    CorpusDocument(
        "he-decimals",
        "he",
        "טעויות נפוצות בשברים עשרוניים",
        "אוסף טעויות של תלמידים בשברים עשרוניים, כמו הטענה ש-0.25 גדול מ-0.3 כי 25 גדול מ-3. לכל טעות "
        "מצורפת שאלה אבחונית ורעיון לשיעור המשך.",
    ),
    CorpusDocument(
        "he-video-parents",
        "he",
        "סימולציית וידאו: שיחה קשה עם הורים",
        "סרטון קצר שבו מורה בשנתה הראשונה מנהלת שיחה עם הורים כועסים. אחרי הצפייה בסימולציה המשתתפים "
        "מתרגלים את השיחה בזוגות ומקבלים משוב מהחונך.",
    ),
    CorpusDocument(
        "he-video-disruption",
        "he",
        "סימולציה מצולמת: הפרעה באמצע השיעור",
        "בסימולציה רואים תלמיד שמפריע לשיעור, והכיתה כולה מגיבה. המורים עוצרים את הסרטון בכל נקודת "
        "החלטה, מציעים תגובה ומשווים אותה לתגובה של מורה ותיקה.",
    ),
    CorpusDocument(
        "he-video-discussion",
        "he",
        "ניתוח סרטון של דיון מתמטי",
        "מורים צופים בשיעור מצולם שבו תלמידי כיתה ח' מתווכחים על פתרון של בעיה. הניתוח מתמקד בשאלות "
        "שהמורה שואלת ובזמן ההמתנה לתשובה.",
    ),
    CorpusDocument(
        "he-mentoring-first-year",
        "he",
        "חונכות מורים בשנה הראשונה",
        "מדריך לחונכים: איך לבנות אמון עם המתמחה, לקבוע מטרות משותפות ולתעד את הפגישות. החונכות "
        "נמשכת לאורך שנת הסטאז' ומסתיימת בהערכה משותפת של החונך ושל המנהלת.",
    ),
    CorpusDocument(
        "he-mentoring-observation",
        "he",
        "תצפית עמיתים במסגרת חונכות",
        "החונכת צופה בשיעור של המתמחה לפי כלי תצפית מוסכם, ואחר כך הן משוחחות על מה שראו. המשוב "
        "מתמקד בשניים או שלושה רגעים בשיעור ולא בכל מה שקרה בו.",
    ),
    CorpusDocument(
        "he-mentoring-kindergarten",
        "he",
        "חונכות בגן הילדים",
        "גננת ותיקה מלווה גננת חדשה בחולון. בפגישות השבועיות של החונכות הן מתכננות פעילויות, מדברות "
        "על הקשר עם ההורים ועל ניהול סדר היום. גננות רבות מספרות שהשנה הראשונה בגן היא הקשה מכולן.",
    ),
    CorpusDocument(
        "he-kindergarten-community",
        "he",
        "קהילת גננות בחולון",
        "קהילה מקצועית של גננות שנפגשת פעם בחודש. בכל מפגש גננת אחת מביאה מקרה מהגן והקבוצה מנתחת "
        "אותו יחד. הקהילה בנתה מאגר של פעילויות לשפה ולחשבון בגיל הרך.",
    ),
    CorpusDocument(
        "he-math-anxiety",
        "he",
        "חרדה ממתמטיקה",
        "תלמידים רבים נמנעים משאלות במתמטיקה מחשש לטעות. המסמך מציע דרכים להפחית את החרדה: משימות "
        "פתוחות, שיח על טעויות כחלק מהלמידה ומשוב שאינו ציון.",
    ),
    CorpusDocument(
        "he-geometry-proofs",
        "he",
        "הוכחות בגאומטריה בחטיבת הביניים",
        "רצף שיעורים שמוביל תלמידים מהשערה להוכחה. התלמידים משרטטים משולשים בתוכנה דינמית, מנסחים "
        "השערה ומנסים להוכיח אותה בקבוצות. הרצף נוסה בשלוש חטיבות ביניים בגאומטריה של כיתה ח'.",
    ),
    CorpusDocument(
        "he-science-density",
        "he",
        "ניסוי במעבדה: צפיפות",
        "ניסוי פשוט במעבדה למדעים שבו התלמידים מודדים מסה ונפח של חפצים ומחשבים את הצפיפות. המורה "
        "שואלת מראש מה ישקע ומה יצוף ומשווה את התחזיות לתוצאות.",
    ),
    CorpusDocument(
        "he-reading",
        "he",
        "הבנת הנקרא בכיתות הנמוכות",
        "אסטרטגיות להבנת הנקרא לכיתות א'-ב': שאלות לפני הקריאה, סיכום בעל פה ושרטוט של רצף האירועים בסיפור.",
    ),
    CorpusDocument(
        "he-formative-math",
        "he",
        "הערכה מעצבת בשיעור מתמטיקה",
        "כלים להערכה מעצבת שבמתמטיקה אפשר להפעיל בתוך חמש דקות: כרטיס יציאה, לוחות מחיקים ושאלה אחת "
        "עם כמה תשובות אפשריות. המורה משתמשת במידע כדי לתכנן את השיעור הבא.",
    ),
    CorpusDocument(
        "he-exit-tickets",
        "he",
        "כרטיסי יציאה",
        "בסוף השיעור כל תלמיד כותב על כרטיס יציאה תשובה לשאלה אחת. המורה ממיינת את הכרטיסים לשלוש "
        "ערמות ומחליטה במי לתמוך בשיעור הבא.",
    ),
    CorpusDocument(
        "he-subject-coordinator",
        "he",
        "הגדרת תפקיד: רכז מתמטיקה בבית הספר",
        "רכז המקצוע מוביל את צוות המורים למתמטיקה, בונה תוכנית עבודה שנתית, מנתח את תוצאות המבחנים "
        "ומלווה מורים חדשים. הסטנדרט המקצועי לתפקיד כולל הובלת למידה של עמיתים.",
    ),
    CorpusDocument(
        "he-community-facilitation",
        "he",
        "הנחיית קהילה מקצועית של מורים",
        "המנחה מכין מראש שאלה מרכזית למפגש, דואג שכל המשתתפים ישמיעו את קולם ומסכם את ההחלטות. "
        "בקהילות שבהן המנחה הוא עמית ולא מפקח, המורים משתפים יותר בקשיים.",
    ),
    CorpusDocument(
        "he-differentiation",
        "he",
        "הוראה מותאמת בכיתה הטרוגנית",
        "איך מתכננים שיעור אחד לתלמידים ברמות שונות: משימות בשלוש רמות קושי, עבודה בתחנות וקבוצות "
        "גמישות שמשתנות לפי הצורך.",
    ),
    CorpusDocument(
        "he-inclusion",
        "he",
        "שילוב תלמידים עם צרכים מיוחדים",
        "המסמך מתאר את עבודת הצוות בבית ספר שבו תלמידים עם לקויות למידה לומדים בכיתה הרגילה. המחנכת "
        "והמורה לחינוך מיוחד מתכננות יחד את ההתאמות.",
    ),
    CorpusDocument(
        "he-digital-collaboration",
        "he",
        "כלים דיגיטליים ללמידה שיתופית",
        "השוואה בין כלים דיגיטליים שמאפשרים לתלמידים לכתוב יחד, לשתף תוצרים ולתת משוב זה לזה. לכל כלי "
        "מצוינים היתרונות והחסרונות בכיתה.",
    ),
    CorpusDocument(
        "he-homework",
        "he",
        "שיעורי בית במתמטיקה",
        "סקירה של מחקרים על שיעורי בית: כמה זמן מומלץ בכל גיל, ואיך לבחור תרגילים שמחזקים את מה שנלמד "
        "בכיתה במקום לחזור עליו.",
    ),
    CorpusDocument(
        "he-parents-meeting",
        "he",
        "אסיפת הורים שמתמקדת בלמידה",
        "הצעה למבנה של אסיפת הורים שבה ההורים פותרים בעצמם משימה שהילדים פתרו בשיעור. כך ההורים "
        "מבינים את שיטת ההוראה, ומתחזק הקשר עם בית הספר.",
    ),
    CorpusDocument(
        "he-periphery",
        "he",
        "מורים מובילים בפריפריה",
        "תוכנית לליווי מורים מובילים במתמטיקה ביישובי הפריפריה, למשל בירוחם ובדימונה. המורים המובילים "
        "מנחים קהילות ביישובים שלהם ונפגשים פעמיים בשנה במכון.",
    ),
    CorpusDocument(
        "he-pisa",
        "he",
        'מה למדנו ממבחני פיז"ה',
        'ניתוח של פריטי אוריינות מתמטית מתוך מבחני פיז"ה (PISA) והמלצות לשילוב משימות דומות בהוראה. '
        "ההמלצות מיועדות למורים בחטיבות הביניים.",
    ),
    CorpusDocument(
        "he-written-feedback",
        "he",
        "משוב כתוב על עבודות תלמידים",
        "עקרונות למשוב כתוב שמקדם למידה: להתייחס לקריטריונים, להציע צעד הבא אחד ולהימנע מהשוואה בין תלמידים.",
    ),
    CorpusDocument(
        "he-peer-feedback",
        "he",
        "משוב עמיתים בין תלמידים",
        "התלמידים בודקים זה את עבודתו של זה לפי מחוון פשוט. בשלב הראשון המורה מדגימה משוב טוב ומשוב "
        "שאינו מועיל, והתלמידים מנסחים יחד כללים למשוב.",
    ),
    CorpusDocument(
        "he-pointed-opening",
        "he",
        "פְּעִילוּת פְּתִיחָה לַכִּתָּה",
        "פְּעִילוּת קְצָרָה לִתְחִלַּת הַשָּׁנָה: כָּל תַּלְמִיד מְסַפֵּר עַל חֵפֶץ שֶׁהֵבִיא מֵהַבַּיִת, וְהַכִּתָּה בּוֹנָה יַחַד סִפּוּר מְשֻׁתָּף.",
    ),
    CorpusDocument(
        "he-pointed-songs",
        "he",
        "שִׁירִים לְלִמּוּד קְרִיאָה",
        "אֹסֶף שִׁירִים קְצָרִים עִם נִקּוּד מָלֵא לְתִרְגּוּל קְרִיאָה בְּכִתָּה א'. כָּל שִׁיר מְלֻוֶּה בִּשְׁאֵלוֹת לְשִׂיחָה.",
    ),
    CorpusDocument(
        "he-pointed-numbers",
        "he",
        "מִשְׂחַק מִסְפָּרִים לַגַּן",
        "מִשְׂחַק קֻבִּיּוֹת שֶׁבּוֹ הַיְּלָדִים סוֹפְרִים עַד עֶשֶׂר וּמַשְׁוִים כַּמֻּיּוֹת.",
    ),
    CorpusDocument(
        "he-classroom-management",
        "he",
        "ניהול כיתה בשבועות הראשונים",
        "המדריך מציע לבנות עם התלמידים כללים משותפים כבר ביום הראשון, לתרגל שגרות של כניסה ויציאה "
        "ולהקדיש זמן להיכרות. מורים חדשים מדווחים שהשגרות חוסכות זמן רב בהמשך השנה.",
    ),
    CorpusDocument(
        "he-seating",
        "he",
        "סידור ישיבה בכיתה",
        "השפעת סידור הישיבה על השיח בכיתה: שורות, קבוצות או חצי מעגל. לכל סידור מוצגות דוגמאות מכיתות שבהן נוסה.",
    ),
    CorpusDocument(
        "he-satisfaction-survey",
        "he",
        "סקר שביעות רצון מהשתלמויות",
        "סקר בקרב מנהלי בתי ספר על שביעות הרצון מההשתלמויות. רוב המנהלים השיבו שההשתלמות תרמה במידה "
        "רבה או במידה בינונית, ומיעוטם ציינו שיתוף פעולה בין מורים.",
    ),
    CorpusDocument(
        "he-home-visit",
        "he",
        "ביקור בית אצל משפחה חדשה",
        "המחנכת הגיעה לביתה של משפחה שעלתה לארץ בקיץ. בשיחה היא הסבירה את סדר היום בבית הספר ושמעה "
        "מההורים על הילדה ועל מה שחשוב להם.",
    ),
    CorpusDocument(
        "he-teacher-leadership",
        "he",
        "מנהיגות מורים: מהכיתה אל בית הספר",
        "מורים מובילים מתארים את המעבר מאחריות על הכיתה שלהם להובלת צוות. הם מספרים על הקושי להשפיע "
        "על עמיתים בלי סמכות פורמלית.",
    ),
    CorpusDocument(
        "he-lesson-study",
        "he",
        "מחקר שיעור",
        "צוות מורים מתכנן יחד שיעור, אחד המורים מעביר אותו והאחרים צופים בתלמידים ולא במורה. אחרי "
        "השיעור הצוות משפר את התכנון ומעביר אותו שוב בכיתה אחרת.",
    ),
    CorpusDocument(
        "he-project-based",
        "he",
        "למידה מבוססת פרויקטים במדעים",
        "התלמידים חוקרים שאלה מהסביבה הקרובה, למשל איכות המים בנחל, ומציגים את הממצאים לקהילה. המורה "
        "מלווה את הקבוצות לאורך שישה שבועות.",
    ),
    CorpusDocument(
        "he-rubric",
        "he",
        "מחוון להערכת עבודת חקר",
        "מחוון בארבע רמות להערכת עבודות חקר: ניסוח שאלה, איסוף נתונים, ניתוח ומסקנות. המחוון נבנה "
        "בקהילה של מורים למדעים.",
    ),
    CorpusDocument(
        "he-new-teachers-leaving",
        "he",
        "נשירת מורים חדשים",
        "מחקר שבדק למה מורים עוזבים את המקצוע בחמש השנים הראשונות. הליווי של חונך בשנה הראשונה נמצא "
        "אחד הגורמים שמפחיתים את הנשירה.",
    ),
    CorpusDocument(
        "he-talk-moves",
        "he",
        "מהלכי שיח בשיעור",
        "מהלכי שיח שמעודדים תלמידים להסביר את החשיבה שלהם: לחזור במילים אחרות, לבקש הוכחה, להזמין "
        "תלמיד נוסף להגיב. הדוגמאות לקוחות משיעורי מתמטיקה ומדעים.",
    ),
    CorpusDocument(
        "he-algebra-patterns",
        "he",
        "מתבניות לאלגברה",
        "רצף משימות שבו תלמידי כיתה ז' מזהים חוקיות בתבניות של גפרורים ומנסחים אותה במילים ואחר כך בביטוי אלגברי.",
    ),
    CorpusDocument(
        "he-multiplication",
        "he",
        "לוח הכפל בלי שינון",
        "דרכים ללמד את לוח הכפל דרך הבנה של כפל כחיבור חוזר ושל חוק הפילוג, במקום שינון בעל פה.",
    ),
    CorpusDocument(
        "he-students-questions",
        "he",
        "שאלות של תלמידים כנקודת מוצא",
        "בתחילת יחידה המורה אוסף שאלות שהתלמידים כותבים על פתקים ובונה מהן את רצף השיעורים. "
        "לתלמידים יש כך אחריות על הלמידה שלהם.",
    ),
    # --- Arabic ---------------------------------------------------------------------------------
    CorpusDocument(
        "ar-fractions",
        "ar",
        "مهمة تشخيصية في الكسور",
        "مهمة تشخيصية قصيرة للصف الخامس تفحص كيف يقارن الطلاب بين الكسور ذات المقامات المختلفة. يطلب "
        "المعلم من كل طالب أن يشرح إجابته كتابيًا، وتكشف الإجابات عن فهم خاطئ شائع.",
    ),
    CorpusDocument(
        "ar-video-parents",
        "ar",
        "محاكاة بالفيديو: محادثة صعبة مع الأهل",
        "فيديو قصير تدير فيه معلمة جديدة محادثة صعبة مع أهل طالب. بعد المشاهدة يتدرب المشاركون على "
        "المحادثة في أزواج ويحصلون على تغذية راجعة من المرشد.",
    ),
    CorpusDocument(
        "ar-mentoring",
        "ar",
        "الإرشاد للمعلمين الجدد",
        "دليل للمرشدين: كيف يبني المرشد الثقة مع المتدرب، ويحدد معه أهدافًا مشتركة، ويوثق اللقاءات. "
        "يستمر الإرشاد طوال سنة التدريب.",
    ),
    CorpusDocument(
        "ar-school-community",
        "ar",
        "مجتمع مهني للمعلمين",
        "مجتمع مهني يلتقي فيه المعلمون كل أسبوعين بالمدرسة لمناقشة أعمال الطلاب. وفي المدرسة غرفة "
        "مخصصة للقاءات وللمواد المشتركة.",
    ),
    CorpusDocument(
        "ar-cooperative-learning",
        "ar",
        "التعلم التعاوني في الصف",
        "في التعلم التعاوني يعمل الطلاب في مجموعات صغيرة ولكل طالب دور محدد. والتعلم في المجموعات "
        "يحتاج إلى تخطيط مسبق من المعلم.",
    ),
    CorpusDocument(
        "ar-feedback",
        "ar",
        "التغذية الراجعة للطلاب",
        "مبادئ لكتابة تغذية راجعة تدفع التعلم إلى الأمام: الإشارة إلى المعايير، واقتراح خطوة تالية "
        "واحدة. للطلاب حق في أن يفهموا ما المطلوب منهم.",
    ),
    CorpusDocument(
        "ar-math-anxiety",
        "ar",
        "القلق من الرياضيات",
        "كثير من الطلاب يتجنبون الأسئلة في الرياضيات خوفًا من الخطأ. تقترح الورقة طرقًا لتخفيف القلق: "
        "مهام مفتوحة، وحديث عن الأخطاء كجزء من التعلم.",
    ),
    CorpusDocument(
        "ar-teacher-role",
        "ar",
        "دور المعلم في الصف الحديث",
        "لم يعد المعلم المصدر الوحيد للمعرفة؛ فالمعلم اليوم يوجه الطلاب ويساعدهم على البحث بأنفسهم.",
    ),
    CorpusDocument(
        "ar-kindergarten",
        "ar",
        "روضة الأطفال: التعلم باللعب",
        "معلمات الروضة في الناصرة يبنين أنشطة لغوية من خلال اللعب، ويشاركن الأهل بما يتعلمه الأطفال كل أسبوع.",
    ),
    CorpusDocument(
        "ar-reading",
        "ar",
        "القراءة في الصفوف الأولى",
        "استراتيجيات لتعليم القراءة باللغة العربية في الصف الأول: الوعي الصوتي، والقراءة الجهرية، "
        "وأسئلة الفهم بعد كل قصة.",
    ),
    CorpusDocument(
        "ar-diglossia",
        "ar",
        "الفصحى والعامية في الصف",
        "يبحث المقال في الفجوة بين اللغة المحكية واللغة الفصحى وأثرها على تعلم القراءة، ويقترح أنشطة "
        "تقرب الطفل من الفصحى منذ الروضة.",
    ),
    CorpusDocument(
        "ar-geometry",
        "ar",
        "البرهان في الهندسة",
        "سلسلة دروس تنقل الطلاب من التخمين إلى البرهان. يرسم الطلاب المثلثات في برنامج ديناميكي، "
        "ويصوغون تخمينًا، ويحاولون برهانه في مجموعات.",
    ),
    CorpusDocument(
        "ar-density",
        "ar",
        "تجربة في المختبر: الكثافة",
        "تجربة بسيطة يقيس فيها الطلاب كتلة الأجسام وحجمها ويحسبون كثافتها. يسأل المعلم مسبقًا ما الذي "
        "سيطفو وما الذي سيغرق.",
    ),
    CorpusDocument(
        "ar-formative-assessment",
        "ar",
        "التقييم التكويني في درس الرياضيات",
        "أدوات للتقييم التكويني: بطاقة خروج، وألواح صغيرة، وسؤال واحد متعدد الإجابات. يستخدم المعلم "
        "المعلومات لتخطيط الدرس التالي حسب مستوى كل طالب.",
    ),
    CorpusDocument(
        "ar-principal",
        "ar",
        "إدارة المدرسة والتطوير المهني",
        "مديرة مدرسة في رهط تصف كيف بنت برنامجًا للتطوير المهني داخل المدرسة. كانت إدارة الوقت التحدي "
        "الأكبر أمام الطاقم.",
    ),
    CorpusDocument(
        "ar-classroom-management",
        "ar",
        "إدارة الصف في الأسابيع الأولى",
        "يقترح الدليل بناء قواعد مشتركة مع الطلاب منذ اليوم الأول، والتدرب على روتين الدخول والخروج، "
        "وتخصيص وقت للتعارف.",
    ),
    CorpusDocument(
        "ar-classroom-talk",
        "ar",
        "الحوار الصفي",
        "يطرح المعلم الأسئلة المفتوحة ويمنح الطلاب وقتًا للتفكير قبل الإجابة، ويطلب منهم أن يعلقوا على إجابات زملائهم.",
    ),
    CorpusDocument(
        "ar-inclusion",
        "ar",
        "دمج الطلاب ذوي الاحتياجات الخاصة",
        "تصف الورقة عمل الطاقم في مدرسة يتعلم فيها طلاب ذوو صعوبات تعلمية في الصف العادي، ويخطط "
        "المربي ومعلم التربية الخاصة معًا للملاءمات.",
    ),
    CorpusDocument(
        "ar-digital",
        "ar",
        "أدوات رقمية للتعلم عن بعد",
        "مقارنة بين أدوات رقمية تتيح للطلاب الكتابة المشتركة وتبادل المنتجات والتغذية الراجعة بينهم.",
    ),
    CorpusDocument(
        "ar-parents-meeting",
        "ar",
        "لقاء الأهل في المدرسة",
        "لقاء يحل فيه الأهل مسألة حلها أبناؤهم في الدرس، فيفهمون طريقة التعليم. وللأهل دور مهم في دعم التعلم في البيت.",
    ),
    CorpusDocument(
        "ar-teacher-leaders",
        "ar",
        "المعلمون القادة في النقب",
        "برنامج لمرافقة المعلمين القادة في الرياضيات في بلدات النقب. يقود المعلمون مجتمعات مهنية في "
        "بلداتهم ويلتقون مرتين في السنة.",
    ),
    CorpusDocument(
        "ar-homework",
        "ar",
        "الواجبات البيتية في الرياضيات",
        "مراجعة لأبحاث حول الواجبات البيتية: كم من الوقت يوصى به في كل عمر، وكيف نختار تمارين تقوي ما "
        "تعلمه الطلاب في الصف.",
    ),
    CorpusDocument(
        "ar-facilitation",
        "ar",
        "تيسير مجتمع مهني",
        "يحضّر الميسّر سؤالًا مركزيًا لكل لقاء، ويحرص على أن يُسمع صوت كل المشاركين، ويلخص القرارات في نهاية اللقاء.",
    ),
    # --- English --------------------------------------------------------------------------------
    CorpusDocument(
        "en-fractions",
        "en",
        "Diagnostic task: comparing fractions",
        "A short diagnostic task for fifth grade that checks how students compare fractions with different "
        "denominators. Students explain in writing which fraction is larger; the answers reveal a common "
        "misconception.",
    ),
    CorpusDocument(
        "en-video-simulation",
        "en",
        "Video simulation: a difficult conversation with parents",
        "A short video in which a first-year teacher talks with angry parents. After watching, participants "
        "rehearse the conversation in pairs and get feedback from their mentor.",
    ),
    CorpusDocument(
        "en-mentoring",
        "en",
        "Mentoring new teachers in their first year",
        "A guide for mentors: building trust with the intern, setting shared goals and keeping a log of "
        "meetings throughout the induction year.",
    ),
    CorpusDocument(
        "en-lesson-study",
        "en",
        "Lesson study in a middle school",
        "A team of teachers plans a lesson together; one teaches it while the others observe the students. "
        "The team then revises the plan and teaches it again in another class.",
    ),
    CorpusDocument(
        "en-talk-moves",
        "en",
        "Talk moves for mathematical discussion",
        "Moves that invite students to explain their thinking: revoicing, asking for evidence, and inviting "
        "another student to respond. Examples come from mathematics and science lessons.",
    ),
    CorpusDocument(
        "en-exit-tickets",
        "en",
        "Exit tickets as formative assessment",
        "At the end of the lesson each student answers one question on a card. The teacher sorts the tickets "
        "into three piles and plans tomorrow's support.",
    ),
    CorpusDocument(
        "en-pisa",
        "en",
        "What PISA items teach about mathematical literacy",
        "An analysis of released PISA items and recommendations for bringing similar tasks into middle school lessons.",
    ),
    CorpusDocument(
        "en-math-anxiety",
        "en",
        "Reducing math anxiety",
        "Many students avoid questions in mathematics for fear of being wrong. Open tasks and talking about "
        "mistakes as part of learning reduce anxiety.",
    ),
    CorpusDocument(
        "en-coordinator",
        "en",
        "Role definition: mathematics subject coordinator",
        "The subject coordinator leads the mathematics team, builds a yearly work plan, analyses test results "
        "and supports new teachers.",
    ),
    CorpusDocument(
        "en-community",
        "en",
        "Facilitating a professional learning community",
        "The facilitator prepares a central question, makes sure every participant is heard and sums up "
        "decisions. Communities led by a peer share more of their difficulties.",
    ),
    CorpusDocument(
        "en-differentiation",
        "en",
        "Differentiated instruction in mixed-ability classrooms",
        "Planning one lesson for students at different levels: tasks at three levels of difficulty, "
        "learning stations and flexible groups.",
    ),
    CorpusDocument(
        "en-digital",
        "en",
        "Digital tools for collaborative writing",
        "A comparison of digital tools that let students write together, share their work and give each "
        "other feedback.",
    ),
    CorpusDocument(
        "en-kindergarten",
        "en",
        "Play-based learning in kindergarten",
        "Kindergarten teachers in Holon build language and number activities around play, and share with "
        "parents what the children learned each week.",
    ),
    CorpusDocument(
        "en-density",
        "en",
        "Density lab: predicting what floats",
        "Students measure the mass and volume of objects and compute their density, after predicting which "
        "will float and which will sink.",
    ),
    CorpusDocument(
        "en-rubric",
        "en",
        "A rubric for inquiry projects",
        "A four-level rubric for assessing inquiry projects: the question, data collection, analysis and conclusions.",
    ),
    CorpusDocument(
        "en-homework",
        "en",
        "Homework in mathematics: how much and why",
        "A review of research on homework: how much time is recommended at each age, and how to choose "
        "exercises that strengthen what was learned in class.",
    ),
    CorpusDocument(
        "en-leaving",
        "en",
        "Why new teachers leave",
        "A study of why teachers leave the profession in their first five years. Mentoring in the first year "
        "was among the factors that reduce attrition.",
    ),
    CorpusDocument(
        "en-seating",
        "en",
        "Seating arrangements and classroom talk",
        "How rows, groups or a semicircle change the talk in a classroom, with examples from classes that "
        "tried each arrangement.",
    ),
]


QUERIES = [
    # --- Hebrew ---
    CorpusQuery("משימה אבחונית שברים", ("he-fractions-compare", "he-fractions-number-line"), "לכיתה, כמשימה"),
    CorpusQuery(
        "שברים",
        ("he-fractions-compare", "he-fractions-number-line", "he-fractions-area", "he-decimals"),
        "בשברים, השברים",
    ),
    CorpusQuery("סימולציה", ("he-video-parents", "he-video-disruption"), "בסימולציה"),
    CorpusQuery("הפרעה בכיתה", ("he-video-disruption",), "a prefixed query word against והכיתה"),
    CorpusQuery("ניהול כיתה", ("he-classroom-management",), "exact"),
    CorpusQuery(
        "משוב לתלמידים",
        ("he-written-feedback", "he-peer-feedback", "he-digital-collaboration"),
        "a prefixed query word",
    ),
    CorpusQuery("הערכה מעצבת שבמתמטיקה", ("he-formative-math",), "a prefixed query word, להערכה"),
    CorpusQuery("כיתה סיפור משותף", ("he-pointed-opening",), "niqqud in the document: וְהַכִּתָּה, מְשֻׁתָּף"),
    CorpusQuery("פְּעִילוּת פְּתִיחָה", ("he-pointed-opening",), "niqqud in the query"),
    CorpusQuery("ניקוד קריאה", ("he-pointed-songs",), "נִקּוּד, קְרִיאָה"),
    CorpusQuery("לימוד קריאה בכיתה", ("he-pointed-songs",), "לְלִמּוּד, בְּכִתָּה"),
    CorpusQuery("משחק מספרים בגן", ("he-pointed-numbers",), "מִשְׂחַק, לַגַּן"),
    CorpusQuery("קְהִלָּה מִקְצוֹעִית", ("he-community-facilitation", "he-kindergarten-community"), "niqqud query"),
    CorpusQuery(
        "מורימ חדשימ",
        ("he-classroom-management", "he-subject-coordinator", "he-new-teachers-leaving"),
        "final letters typed as ordinary ones",
    ),
    CorpusQuery("צרכימ מיוחדימ", ("he-inclusion",), "final letters"),
    CorpusQuery("מורים מובילים ירוחמ", ("he-periphery",), "final letter, בירוחם"),
    CorpusQuery("הוראה מותאמת", ("he-differentiation",), "exact"),
    CorpusQuery(
        "חונכות",
        ("he-mentoring-first-year", "he-mentoring-observation", "he-mentoring-kindergarten"),
        "החונכות",
    ),
    CorpusQuery("גננות", ("he-kindergarten-community", "he-mentoring-kindergarten"), "exact"),
    CorpusQuery("ציר המספרים", ("he-fractions-number-line",), "stopword-free two words"),
    CorpusQuery("לוח הכפל", ("he-multiplication",), "exact"),
    CorpusQuery("פיז״ה", ("he-pisa",), "gershayim"),
    CorpusQuery("הוכחה גאומטריה", ("he-geometry-proofs",), "להוכחה, בגאומטריה"),
    CorpusQuery("צפיפות", ("he-science-density",), "הצפיפות"),
    CorpusQuery("מחקר שיעור", ("he-lesson-study",), "exact"),
    CorpusQuery("אסיפת הורים", ("he-parents-meeting",), "exact"),
    CorpusQuery("מחוון", ("he-rubric", "he-peer-feedback"), "המחוון"),
    CorpusQuery("כרטיס יציאה", ("he-exit-tickets", "he-formative-math"), "exact"),
    CorpusQuery("מהלכי שיח", ("he-talk-moves",), "exact"),
    CorpusQuery("סידור ישיבה", ("he-seating",), "הישיבה"),
    CorpusQuery("למידה שיתופית", ("he-digital-collaboration",), "ללמידה; במידה must not count"),
    CorpusQuery("שאלות התלמידים", ("he-students-questions",), "לתלמידים, שהתלמידים"),
    # --- Arabic ---
    CorpusQuery("مهمة تشخيصية الكسور", ("ar-fractions",), "exact"),
    CorpusQuery("محاكاة فيديو", ("ar-video-parents",), "بالفيديو"),
    CorpusQuery("والتعلم التعاوني", ("ar-cooperative-learning",), "a query with و attached"),
    CorpusQuery("مجتمع مهني بالمدرسة", ("ar-school-community",), "a query with بال attached"),
    CorpusQuery("التغذية الراجعة للطلاب", ("ar-feedback",), "a query with لل attached"),
    CorpusQuery("معلم يوجه الطلاب", ("ar-teacher-role",), "فالمعلم in the document"),
    CorpusQuery("اسئلة مفتوحة", ("ar-classroom-talk",), "hamza: الأسئلة المفتوحة"),
    CorpusQuery("إستراتيجيات القراءة", ("ar-reading",), "hamza: استراتيجيات"),
    CorpusQuery("ادارة الصف", ("ar-classroom-management",), "hamza: إدارة"),
    CorpusQuery("روضه", ("ar-kindergarten", "ar-diglossia"), "taa marbuta typed as haa"),
    CorpusQuery("مستوي الطالب", ("ar-formative-assessment",), "alef maqsura typed as yaa"),
    CorpusQuery("قلق رياضيات", ("ar-math-anxiety",), "القلق, الرياضيات"),
    CorpusQuery("المرشد المتدرب", ("ar-mentoring",), "exact"),
    CorpusQuery("برهان هندسة", ("ar-geometry",), "البرهان, الهندسة"),
    CorpusQuery("الكثافة", ("ar-density",), "كثافتها is not found: a suffix"),
    CorpusQuery("الواجبات البيتية", ("ar-homework",), "exact"),
    CorpusQuery("المعلمون القادة النقب", ("ar-teacher-leaders",), "exact"),
    CorpusQuery("الفصحى", ("ar-diglossia",), "exact"),
    CorpusQuery("الأهل", ("ar-video-parents", "ar-kindergarten", "ar-parents-meeting"), "وللأهل, مع الأهل"),
    # --- English ---
    CorpusQuery("diagnostic task fractions", ("en-fractions",), "exact"),
    CorpusQuery("fraction", ("en-fractions",), "plural s"),
    CorpusQuery("video simulation", ("en-video-simulation",), "exact"),
    CorpusQuery("mentoring new teachers", ("en-mentoring", "en-leaving"), "exact"),
    CorpusQuery("lesson study", ("en-lesson-study",), "exact"),
    CorpusQuery("exit ticket", ("en-exit-tickets",), "plural s"),
    CorpusQuery("PISA", ("en-pisa", "he-pisa"), "case, and Latin letters in a Hebrew text"),
    CorpusQuery("math anxiety", ("en-math-anxiety",), "exact"),
    CorpusQuery("professional learning community", ("en-community",), "exact"),
    CorpusQuery("Kindergarten play", ("en-kindergarten",), "case"),
]
