"""Five consultations among the Education Cities Network's members (seed 003), one in each state and
both kinds of thread: a regional council asks about early-childhood programs and a city strong in them
answers (closed, rated and endorsed); a local council's open thread in progress; a private one waiting
for its invited peers' answers; an open one nobody is invited to yet; a draft."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from hevruta.directory.demo import CITIES
from hevruta.directory.models import Network, Organization, Person, PositionRole, Topic, Visibility

from . import services
from .models import Consultation, FollowUp, HelpKind, Thread

DEMO_TITLES = (
    "תוכניות לגיל הרך ברשות אזורית",
    "קבלת החלטות מבוססת נתונים באגף החינוך",
    "למידה דיגיטלית בבתי הספר היסודיים",
    "חינוך בלתי פורמלי בשעות אחר הצהריים",
    "שילוב תלמידים עם צרכים מיוחדים",
)


@dataclass
class ConsultationsDemo:
    consultations: list[Consultation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _organization(name_en: str) -> Organization:
    return Organization.objects.get(name_en=name_en)


def _head(organization: Organization) -> Person:
    head = (
        Person.objects.filter(positions__organization=organization, positions__role=PositionRole.DEPARTMENT_HEAD)
        .order_by("id")
        .first()
    )
    assert head is not None, f"the directory demo gives {organization} a head of education"
    return head


def _reachable(organization: Organization) -> Person:
    """Someone of the organization whose profile the network sees: its head if it shows its profile."""
    people = Person.objects.filter(positions__organization=organization).exclude(profile_visibility=Visibility.PRIVATE)
    found = (
        people.filter(positions__role=PositionRole.DEPARTMENT_HEAD).order_by("id").first()
        or people.order_by("id").first()
    )
    assert found is not None, f"the directory demo gives {organization} people who show their profile"
    return found


def _topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


def _needs(organization: Organization, strong: str = "", develop: str = "") -> None:
    """The demo's story needs these on the organizations' profiles, whatever the random draw gave them."""
    if strong:
        organization.strengths.add(_topic(strong))
    if develop:
        organization.areas_to_develop.add(_topic(develop))


def _ask(
    network: Network, organization: Organization, topic: str, number: int, description: str, **fields
) -> Consultation:  # type: ignore[no-untyped-def]
    _needs(organization, develop=topic)
    return services.ask(
        _head(organization),
        network,
        topic=_topic(topic),
        title=DEMO_TITLES[number],
        description=description,
        organization=organization,
        **fields,
    )


def _invite(consultation: Consultation, helper_organization: Organization) -> Person:
    helper = _reachable(helper_organization)
    services.invite(
        consultation,
        consultation.asker,
        [helper],
        organizations={helper.pk: helper_organization},
        message="נשמח ללמוד מהניסיון שלכם.",
    )
    return helper


def _invitation(consultation: Consultation, person: Person):  # type: ignore[no-untyped-def]
    return consultation.invitations.get(person=person)


@transaction.atomic
def load_consultations_demo() -> ConsultationsDemo:
    summary = ConsultationsDemo()
    network = Network.objects.filter(slug=CITIES).first()
    if network is None:
        summary.notes.append(_("The Education Cities Network is not there; no demo consultations."))
        return summary
    if Consultation.objects.filter(network=network).exists():
        summary.notes.append(_("The demo consultations are already there; nothing was changed."))
        return summary
    upper_galilee = _organization("Upper Galilee Regional Council")
    netanya = _organization("Netanya Municipality")
    _needs(netanya, strong="early-childhood-education")
    early = _ask(
        network,
        upper_galilee,
        "early-childhood-education",
        0,
        "אנחנו רוצים לבנות רצף חינוכי לגיל הרך בין היישובים של המועצה: גנים קטנים ומרוחקים, צוותים שעובדים לבד.",
        tried="מפגשי צוות חודשיים בין הגננות, שהתקשו להתקיים בגלל המרחקים.",
        help_kinds=[HelpKind.CALL, HelpKind.LEARNING_TOUR],
        thread=Thread.PRIVATE,
    )
    helper = _invite(early, netanya)
    services.answer(_invitation(early, helper), helper, offer=True, message="בשמחה: נארח אתכם בגנים שלנו.")
    services.reply(early, helper, "שלחתי את תוכנית העבודה של מרכז הגיל הרך שלנו; נתאם סיור בגנים.")
    services.reply(early, early.asker, "תודה! נגיע עם שלוש גננות ומפקחת.")
    services.close(
        early,
        early.asker,
        outcome="סיור למידה בגני נתניה ותוכנית עבודה משותפת לרצף הגיל הרך במועצה.",
        rating=5,
        follow_up=FollowUp.LEARNING_TOUR,
    )
    services.rate_as_helper(_invitation(early, helper), helper, rating=5, note="למדנו גם אנחנו מהשאלות שלהם.")
    services.endorse(_invitation(early, helper), early.asker)
    summary.consultations.append(early)

    yeruham = _organization("Yeruham Local Council")
    jerusalem, hadera = _organization("Jerusalem Municipality"), _organization("Hadera Municipality")
    _needs(jerusalem, strong="data-informed-decisions")
    _needs(hadera, strong="data-informed-decisions")
    data = _ask(
        network,
        yeruham,
        "data-informed-decisions",
        1,
        "איך בונים לוח נתונים שמנהלי בתי הספר באמת משתמשים בו?",
        help_kinds=[HelpKind.DOCUMENTS, HelpKind.CALL],
        thread=Thread.OPEN,
    )
    offering, declining = _invite(data, jerusalem), _invite(data, hadera)
    services.answer(_invitation(data, offering), offering, offer=True)
    services.answer(_invitation(data, declining), declining, offer=False, message="השנה אנחנו בעומס; נשמח בהמשך.")
    services.reply(data, offering, "אצלנו התחלנו משלושה מדדים בלבד. אשתף את המסמך.")
    summary.consultations.append(data)

    lower_galilee, bat_yam = _organization("Lower Galilee Regional Council"), _organization("Bat Yam Municipality")
    _needs(bat_yam, strong="digital-learning")
    digital = _ask(
        network,
        lower_galilee,
        "digital-learning",
        2,
        "אנחנו מחפשים דרך להכשיר מורים ללמידה דיגיטלית בלי לנתק אותם מהכיתה.",
        help_kinds=[HelpKind.VISIT],
        thread=Thread.PRIVATE,
    )
    _invite(digital, bat_yam)
    summary.consultations.append(digital)

    summary.consultations.append(
        _ask(
            network,
            bat_yam,
            "informal-education",
            3,
            "מה עובד בחינוך הבלתי פורמלי אחרי הצהריים בשכונות שבהן ההורים עובדים עד מאוחר?",
            help_kinds=[HelpKind.CALL, HelpKind.VISIT],
            thread=Thread.OPEN,
        )
    )
    summary.consultations.append(
        _ask(network, hadera, "inclusion", 4, "טיוטה: שילוב תלמידים בכיתות הרגילות.", publish=False)
    )
    return summary
