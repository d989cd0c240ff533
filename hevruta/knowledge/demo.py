"""The knowledge demo: a few dozen resources, some in review, some used, in the demo's networks.

`load_knowledge_demo()` takes the networks and people it needs from the database (the directory's demo
makes them) and creates minimal ones when they are missing, so it also runs on an empty database.
Everything is written through the services, as a person would write it. Running it twice adds nothing.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from hevruta.directory.models import (
    GradeBand,
    Locality,
    MembershipRole,
    Network,
    NetworkMembership,
    Person,
    Subject,
    Topic,
)
from hevruta.directory.services import add_member

from . import services
from .demo_content import INSTITUTE, PROMENTORS, RESOURCES, DemoResource
from .models import Curator, Resource

# The directory's demo names its networks so (hevruta/directory/demo.py).
NETWORK_SLUGS = {INSTITUTE: "advanced-teaching", PROMENTORS: "promentors"}
NETWORK_NAMES = {
    INSTITUTE: ("הרשת המקצועית של המכון להוראה מתקדמת", "Institute for Advanced Teaching: professional network"),
    PROMENTORS: ("שותפי פרומנטורס", "Promentors partners"),
}
SEED = 2017


@dataclass
class KnowledgeDemo:
    resources: int = 0
    use_reports: int = 0


@dataclass
class Cast:
    """Who writes, who reviews and who reports use in one network."""

    network: Network
    authors: list[Person]
    curators: list[Person]
    reporters: list[Person]


def load_knowledge_demo(seed: int = SEED) -> KnowledgeDemo:
    if Resource.objects.filter(title=RESOURCES[0].title).exists():
        return KnowledgeDemo()
    rng = random.Random(seed)
    casts = {key: _cast(key, rng) for key in NETWORK_SLUGS}
    summary = KnowledgeDemo()
    for number, entry in enumerate(RESOURCES):
        resource = _write(entry, casts[entry.network], number)
        summary.resources += 1
        summary.use_reports += _report_uses(resource, entry, casts[entry.network], rng)
    return summary


def _network(key: str) -> Network:
    slug = NETWORK_SLUGS[key]
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        name, name_en = NETWORK_NAMES[key]
        network = Network.objects.create(slug=slug, name=name, name_en=name_en, is_public=True)
    return network


@transaction.atomic
def _cast(key: str, rng: random.Random) -> Cast:
    network = _network(key)
    memberships = NetworkMembership.objects.filter(network=network).select_related("person").order_by("person_id")
    managers = [m.person for m in memberships if m.role == MembershipRole.MANAGER]
    members = [m.person for m in memberships if m.role != MembershipRole.MANAGER]
    managers = managers or [_demo_person(network, key, "manager", MembershipRole.MANAGER)]
    while len(members) < 8:
        members.append(_demo_person(network, key, f"teacher{len(members)}", MembershipRole.MEMBER))
    # The demo's teacher login writes a couple of resources, so "My resources" shows something.
    teacher = next((p for p in members if p.email == "teacher@hevruta.example"), None)
    authors = ([teacher] if teacher else []) + rng.sample(members, k=min(6, len(members)))
    editor = members[-1]
    Curator.objects.get_or_create(network=network, person=editor, defaults={"added_by": managers[0]})
    return Cast(network=network, authors=authors, curators=[*managers, editor], reporters=members)


_NAMES = [("נועה", "לוי"), ("אחמד", "חורי"), ("מיכל", "פרץ"), ("رنا", "عودة"), ("יעל", "ביטון"),
          ("סאמר", "חלבי"), ("אורית", "כץ"), ("دينا", "ناصر"), ("רחל", "אזולאי")]  # fmt: skip


def _demo_person(network: Network, key: str, role: str, membership: str) -> Person:
    """A minimal member for a database without the directory's demo."""
    localities = list(Locality.objects.order_by("cbs_code")[:40])
    number = NetworkMembership.objects.filter(network=network).count()
    given, family = _NAMES[number % len(_NAMES)]
    person, _created = Person.objects.get_or_create(
        email=f"knowledge-{key}-{role}@demo.hevruta.example",
        defaults={
            "given_name": given,
            "family_name": family,
            "locality": localities[(number * 7) % len(localities)] if localities else None,
        },
    )
    add_member(network, person, membership)
    return person


def _author(cast: Cast, number: int) -> Person:
    return cast.authors[number % len(cast.authors)]


def _reviewer(cast: Cast, author: Person) -> Person:
    return next(person for person in cast.curators if person.pk != author.pk)


def _input(entry: DemoResource, network: Network) -> services.ResourceInput:
    return services.ResourceInput(
        network=network,
        kind=entry.kind,
        title=entry.title,
        body=entry.body,
        language=entry.language,
        licence=entry.licence,
        video_url=entry.video_url,
        subjects=list(Subject.objects.filter(slug__in=entry.subjects)),
        grade_bands=list(GradeBand.objects.filter(slug__in=entry.grade_bands)),
        topics=list(Topic.objects.filter(slug__in=entry.topics)),
        role_tags=list(entry.roles),
        keywords=list(entry.keywords),
    )


def _review(decision: str, comments: str = "") -> services.ReviewInput:
    return services.ReviewInput(
        decision=decision, accuracy=4, classroom_readiness=3, clarity=4, alignment=3, comments=comments
    )


def _write(entry: DemoResource, cast: Cast, number: int) -> Resource:
    author = _author(cast, number)
    resource = services.create_resource(author, _input(entry, cast.network))
    if entry.state == "draft":
        return resource
    resource = services.submit_resource(resource)
    if entry.state == "in_review":
        return services.start_review(resource)
    if entry.state == "submitted":
        return resource
    reviewer = _reviewer(cast, author)
    if entry.state == "returned":
        comments = "כדאי להוסיף דוגמאות לתשובות תלמידים ולהבהיר לאיזו כיתה המשימה מיועדת."
        services.review_resource(resource, reviewer, _review("return", comments))
    else:
        services.review_resource(resource, reviewer, _review("publish"))
    return Resource.objects.get(pk=resource.pk)


_HOW_IT_WENT = {
    "he": ["עבד היטב, התלמידים התווכחו ברצינות.", "לקח יותר זמן מהמתוכנן.", "חשף טעויות שלא ציפיתי להן."],
    "ar": ["نجحت المهمة وأثارت نقاشًا جيدًا.", "احتاجت وقتًا أطول من المتوقع."],
    "en": ["Worked well with a mixed-ability class.", "Needed a shorter version for the last lesson."],
}


def _report_uses(resource: Resource, entry: DemoResource, cast: Cast, rng: random.Random) -> int:
    if not entry.uses or not resource.is_published:
        return 0
    subject = resource.subjects.first()
    grade_band = resource.grade_bands.first()
    for number in range(entry.uses):
        reporter = cast.reporters[(number * 3 + len(entry.title)) % len(cast.reporters)]
        services.report_use(
            resource,
            reporter,
            services.UseInput(
                used_on=timezone.localdate() - timedelta(days=rng.randint(3, 240)),
                students=rng.randint(12, 36),
                rating=rng.choice([3, 4, 4, 5, 5]),
                subject=subject,
                grade_band=grade_band,
                grade=rng.choice(["ז׳", "ח׳", "ט׳", "י׳", "י״א"]) if entry.language == "he" else "",
                how_it_went=rng.choice(_HOW_IT_WENT[entry.language]),
                is_public=number % 3 == 0,
            ),
        )
    return entry.uses
