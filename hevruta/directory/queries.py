"""The read side of the directory: who may see what, and the list and profile queries.

Every list, search, API answer, export and count of people goes through `people_visible_to`, so a
hidden profile never leaks through a side door.
"""

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString

from hevruta.core.names import local_name_text
from hevruta.core.search import Query, everywhere, highlight
from hevruta.core.text import inflections, search_key

from .models import (
    LEADING_POSITION_ROLES,
    SENIOR_POSITION_ROLES,
    Decision,
    Invitation,
    JoinPolicy,
    JoinRequest,
    MembershipRole,
    Network,
    NetworkMembership,
    Organization,
    Person,
    Position,
    Visibility,
)
from .name_index import people_named


@dataclass
class Viewer:
    """What the directory needs to know about whoever is looking, computed once per request."""

    user: Any
    person_id: int | None = None
    network_ids: frozenset[int] = field(default_factory=frozenset)
    managed_network_ids: frozenset[int] = field(default_factory=frozenset)
    is_operator: bool = False

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    def may_see(self, level: str, subject_id: int, subject_network_ids: set[int]) -> bool:
        """May this viewer see something the person with `subject_id` shows to `level`?"""
        if self.is_operator or subject_id == self.person_id or level == Visibility.PUBLIC:
            return True
        if level == Visibility.NETWORK:
            return bool(self.network_ids & subject_network_ids)
        return False

    def may_see_profile(self, person: Person, subject_network_ids: set[int]) -> bool:
        # A private profile is "only me": a network's managers do not see it either.
        return self.may_see(person.profile_visibility, person.pk, subject_network_ids)


def viewer_for(user: Any) -> Viewer:
    if user is None or not getattr(user, "is_authenticated", False):
        return Viewer(user=user or AnonymousUser())
    if getattr(user, "_hevruta_viewer", None) is not None:
        return user._hevruta_viewer  # type: ignore[attr-defined]
    person_id = Person.objects.filter(user=user).values_list("pk", flat=True).first()
    memberships = (
        list(NetworkMembership.objects.filter(person_id=person_id).values_list("network_id", "role"))
        if person_id
        else []
    )
    viewer = Viewer(
        user=user,
        person_id=person_id,
        network_ids=frozenset(network_id for network_id, _ in memberships),
        managed_network_ids=frozenset(network_id for network_id, role in memberships if role == MembershipRole.MANAGER),
        is_operator=bool(getattr(user, "is_superuser", False)),
    )
    user._hevruta_viewer = viewer  # type: ignore[attr-defined]
    return viewer


def viewer_of_person(person: Person) -> Viewer:
    """The viewer a person is when they act without a request (a service checking whom an asker may
    invite, say): the same rights as their account would have."""
    if person.user_id is not None:
        return viewer_for(person.user)
    memberships = list(NetworkMembership.objects.filter(person_id=person.pk).values_list("network_id", "role"))
    return Viewer(
        user=AnonymousUser(),
        person_id=person.pk,
        network_ids=frozenset(network_id for network_id, _ in memberships),
        managed_network_ids=frozenset(network_id for network_id, role in memberships if role == MembershipRole.MANAGER),
    )


def people_visible_to(user: Any) -> QuerySet[Person]:
    return people_visible_to_viewer(viewer_for(user))


def people_visible_to_viewer(viewer: Viewer) -> QuerySet[Person]:
    people = Person.objects.all()
    if viewer.is_operator:
        return people
    condition = Q(profile_visibility=Visibility.PUBLIC)
    if viewer.person_id:
        condition |= Q(pk=viewer.person_id)
    if viewer.network_ids:
        shares_network = row_by_row(
            NetworkMembership.objects.filter(person=OuterRef("pk"), network_id__in=viewer.network_ids)
        )
        condition |= Q(shares_network, profile_visibility=Visibility.NETWORK)
    # A private profile is "only me": a network's managers do not see it either.
    return people.filter(condition)


def row_by_row(people_related: QuerySet) -> Exists:
    """EXISTS over a person's rows (OuterRef("pk")), checked for each person a page reads.

    Under an OR, PostgreSQL plans an EXISTS as a hash of every row it could match, built before the
    first person is read: all 258,885 memberships of a national network (100 ms) for a page of 26
    people. A condition on the outer row alone (always true: ids are positive) keeps the subquery
    correlated, and each person read is checked by index (3.5 ms). It pays only where the page walks
    people in name order: the district filter makes PostgreSQL read and sort them all, and there the
    hash is cheaper (90 against 340 ms at page 20), so that filter keeps a plain EXISTS."""
    return Exists(people_related.filter(GreaterThan(OuterRef("pk"), 0)))


def networks_visible_to(user: Any) -> QuerySet[Network]:
    viewer = viewer_for(user)
    if viewer.is_operator:
        return Network.objects.all()
    return Network.objects.filter(Q(is_public=True) | Q(pk__in=viewer.network_ids))


def network_by_slug(slug: str) -> Network | None:
    """The network with this slug, or None; a NUL character (never in a slug) is refused by PostgreSQL."""
    if "\x00" in slug:
        return None
    return Network.objects.filter(slug=slug).first()


def without_nul(value: str) -> str:
    """Request text without NUL characters, which PostgreSQL refuses in any query."""
    return value.replace("\x00", "")


def organizations_visible_to(user: Any) -> QuerySet[Organization]:
    """Organizations are public bodies: schools, colleges, municipalities; all of them are listed."""
    return Organization.objects.all()


def _is_current() -> Q:
    return Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate())


def current_positions() -> Prefetch:
    return Prefetch(
        "positions",
        queryset=Position.objects.filter(_is_current()).select_related("organization"),
        to_attr="current_positions",
    )


@dataclass
class PeopleFilter:
    query: str = ""
    subject: str = ""
    role: str = ""
    grade_band: str = ""
    district: int | None = None
    peripherality_cluster: int | None = None
    sector: str = ""
    language: str = ""
    network: int | None = None
    organization: int | None = None

    @classmethod
    def from_params(cls, params: dict) -> "PeopleFilter":
        """From a page's form or the API's query: the search box is called `q` in both."""
        values: dict[str, Any] = {
            key: without_nul(value) if isinstance(value, str) else value
            for key, value in params.items()
            if key in cls.__dataclass_fields__ and key != "query" and value
        }
        return cls(query=params.get("q") or "", **values)

    @cached_property
    def search_terms(self) -> list[str]:
        return search_key(self.query).split()[:8]


def search_people(user: Any, filters: PeopleFilter) -> QuerySet[Person]:
    """People the user may see, filtered; every condition is an indexed join or an EXISTS."""
    people = people_visible_to(user)
    if filters.search_terms:
        # A term matches a name word's beginning: "כה" finds "כהן" but not "מכהנת".
        people = people.filter(pk__in=people_named(filters.search_terms))
    if filters.subject:
        people = people.filter(subjects__slug=filters.subject)
    if filters.grade_band:
        people = people.filter(grade_bands__slug=filters.grade_band)
    if filters.language:
        people = people.filter(languages__code=filters.language)
    # Role, organization, sector and district speak of what people do now: an ended position is history.
    position_conditions = Q()
    if filters.role:
        position_conditions &= Q(role=filters.role)
    if filters.organization:
        position_conditions &= Q(organization_id=filters.organization)
    if filters.sector:
        position_conditions &= Q(organization__sector=filters.sector)
    current = Position.objects.filter(_is_current(), person=OuterRef("pk"))
    if position_conditions:
        people = people.filter(Exists(current.filter(position_conditions)))
    if filters.district:
        people = people.filter(
            Q(locality__district=filters.district)
            | Exists(current.filter(organization__locality__district=filters.district))
        )
    if filters.peripherality_cluster:
        people = people.filter(locality__peripherality_cluster=filters.peripherality_cluster)
    if filters.network:
        # Filtering by a network one may not see would reveal who belongs to it.
        if not networks_visible_to(user).filter(pk=filters.network).exists():
            return Person.objects.none()
        people = people.filter(
            Exists(NetworkMembership.objects.filter(person=OuterRef("pk"), network_id=filters.network))
        )
    return (
        people.select_related("locality")
        .prefetch_related(current_positions(), "subjects")
        .order_by("family_name", "given_name", "id")
    )


def network_ids_by_person(person_ids: list[int]) -> dict[int, set[int]]:
    """Each person's networks in one query, for deciding field visibility on a page of people."""
    result: dict[int, set[int]] = {pk: set() for pk in person_ids}
    for person_id, network_id in NetworkMembership.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "network_id"
    ):
        result[person_id].add(network_id)
    return result


def visible_contact(viewer: Viewer, person: Person, network_ids: set[int]) -> dict[str, str]:
    """The email and phone this viewer may see; hidden fields are left out, not blanked."""
    contact = {}
    if person.email and viewer.may_see(person.email_visibility, person.pk, network_ids):
        contact["email"] = person.email
    if person.phone and viewer.may_see(person.phone_visibility, person.pk, network_ids):
        contact["phone"] = person.phone
    return contact


def profile(user: Any, person_id: int) -> Person | None:
    return (
        people_visible_to(user)
        .select_related("locality")
        .prefetch_related(
            Prefetch("positions", queryset=Position.objects.select_related("organization__locality")),
            "subjects",
            "grade_bands",
            "languages",
            "strengths",
            "areas_to_develop",
        )
        .filter(pk=person_id)
        .first()
    )


def networks_of(user: Any, person: Person) -> QuerySet[Network]:
    return networks_visible_to(user).filter(memberships__person=person).order_by("name")


def is_network_manager(user: Any, network: Network) -> bool:
    viewer = viewer_for(user)
    return viewer.is_operator or network.pk in viewer.managed_network_ids


def network_members(user: Any, network: Network) -> QuerySet[Person]:
    return (
        people_visible_to(user)
        .filter(memberships__network=network)
        .select_related("locality")
        .prefetch_related(current_positions(), "subjects")
        .order_by("family_name", "given_name", "id")
    )


@dataclass(frozen=True)
class NetworkTotals:
    people: int
    leading: int
    senior: int

    def share(self, part: int) -> int:
        return round(100 * part / self.people) if self.people else 0

    @property
    def leading_percent(self) -> int:
        return self.share(self.leading)

    @property
    def senior_percent(self) -> int:
        return self.share(self.senior)


def network_totals(user: Any, network: Network) -> NetworkTotals:
    """The network's members the viewer may see, and how many of them hold a leading or senior teacher's
    post now (or a senior management post); one query."""
    today = timezone.localdate()
    current = Position.objects.filter(person=OuterRef("pk")).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    counts = (
        people_visible_to(user)
        .filter(memberships__network=network)
        .alias(
            is_leading=Exists(current.filter(role__in=LEADING_POSITION_ROLES)),
            is_senior=Exists(current.filter(Q(role__in=SENIOR_POSITION_ROLES) | Q(is_senior=True))),
        )
        .aggregate(
            people=Count("pk"),
            leading=Count("pk", filter=Q(is_leading=True)),
            senior=Count("pk", filter=Q(is_senior=True)),
        )
    )
    return NetworkTotals(counts["people"], counts["leading"], counts["senior"])


@dataclass
class JoinState:
    """Where the viewer stands with a network, for its page: what they may do next."""

    policy: str
    is_member: bool = False
    is_manager: bool = False
    pending_request: JoinRequest | None = None
    pending_invitation: Invitation | None = None

    @property
    def may_join_at_once(self) -> bool:
        return not self.is_member and self.policy == JoinPolicy.OPEN

    @property
    def may_ask(self) -> bool:
        return not self.is_member and self.policy == JoinPolicy.ON_REQUEST and self.pending_request is None


def join_state(user: Any, network: Network) -> JoinState:
    viewer = viewer_for(user)
    state = JoinState(
        policy=network.join_policy,
        is_member=network.pk in viewer.network_ids,
        is_manager=network.pk in viewer.managed_network_ids,
    )
    if viewer.person_id is None or state.is_member:
        return state
    state.pending_request = JoinRequest.objects.filter(
        network=network, person_id=viewer.person_id, status=Decision.PENDING
    ).first()
    state.pending_invitation = invitations_for(user).filter(network=network).first()
    return state


def pending_join_requests(network: Network) -> QuerySet[JoinRequest]:
    """A network's requests waiting for its managers. Managers see who asks even from a private profile:
    the person chose to ask these managers."""
    return (
        JoinRequest.objects.filter(network=network, status=Decision.PENDING)
        .select_related("person__locality")
        .prefetch_related(
            Prefetch(
                "person__positions",
                queryset=Position.objects.filter(_is_current()).select_related("organization"),
                to_attr="current_positions",
            )
        )
        .order_by("created_at", "id")
    )


def network_invitations(network: Network) -> QuerySet[Invitation]:
    return Invitation.objects.filter(network=network).select_related("person", "invited_by").order_by("-created_at")


def invitations_for(user: Any) -> QuerySet[Invitation]:
    """Pending invitations addressed to the user's account or to their login address."""
    viewer = viewer_for(user)
    if not viewer.is_authenticated:
        return Invitation.objects.none()
    addressed = Q(email__iexact=user.email)
    if viewer.person_id is not None:
        addressed |= Q(person_id=viewer.person_id)
    return Invitation.objects.filter(addressed, status=Decision.PENDING).select_related("network", "invited_by")


def my_join_requests(user: Any) -> QuerySet[JoinRequest]:
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return JoinRequest.objects.none()
    return JoinRequest.objects.filter(person_id=viewer.person_id, status=Decision.PENDING).select_related("network")


def networks_to_invite_to(user: Any, person: Person, network_ids: set[int]) -> QuerySet[Network]:
    """The networks the viewer manages that this person is not in: where a profile can invite them to."""
    viewer = viewer_for(user)
    return Network.objects.filter(pk__in=viewer.managed_network_ids - network_ids).order_by("name")


def joinable_networks(user: Any) -> QuerySet[Network]:
    """Networks the user can see and join at once or ask to join: what a newcomer is offered."""
    viewer = viewer_for(user)
    return (
        networks_visible_to(user)
        .filter(join_policy__in=[JoinPolicy.OPEN, JoinPolicy.ON_REQUEST])
        .exclude(pk__in=viewer.network_ids)
        .order_by("name")
    )


# The home page's cards (registered in apps.py; core/home.py says how) ----------------------------


def welcome_card(user: Any) -> dict:
    """Visitors: what Hevruta is. Members: a greeting and what to do next, until there is nothing left."""
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return {"person": None}
    person = Person.objects.get(pk=viewer.person_id)
    invitations = list(invitations_for(user)[:5])
    requests = list(my_join_requests(user)[:5])
    in_a_network = bool(viewer.network_ids)
    has_profile = Position.objects.filter(person=person).exists() or person.subjects.exists()
    return {
        "person": person,
        "invitations": invitations,
        "join_requests": requests,
        "joinable": [] if in_a_network else list(joinable_networks(user)[:6]),
        "in_a_network": in_a_network,
        "has_profile": has_profile,
        "nothing_to_do": in_a_network and has_profile and not invitations and not requests,
    }


def my_networks_card(user: Any) -> dict | None:
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return None
    # The requests waiting in each network come with it; the card shows them only to its managers.
    waiting = Count("join_requests", filter=Q(join_requests__status=Decision.PENDING))
    return {
        "my_networks": Network.objects.filter(pk__in=viewer.network_ids).annotate(waiting=waiting).order_by("name"),
        "managed_network_ids": viewer.managed_network_ids,
    }


def my_positions_card(user: Any) -> dict | None:
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return None
    return {"my_positions": Position.objects.filter(person_id=viewer.person_id).select_related("organization")}


def public_networks_card(user: Any) -> dict | None:
    if viewer_for(user).person_id is not None:
        return None
    return {"public_networks": networks_visible_to(user).filter(is_public=True)[:8]}


def search_organizations(user: Any, query: str = "", kind: str = "", district: str = "") -> QuerySet[Organization]:
    found = organizations_visible_to(user).select_related("locality")
    for term in search_key(query).split()[:8]:
        # An organization's name is found in its other forms too (בתי ספר: בית הספר), unlike a person's.
        condition = Q()
        for variant in inflections(term) or [term]:
            condition |= Q(search_text__startswith=variant) | Q(search_text__contains=" " + variant)
        found = found.filter(condition)
    if kind:
        found = found.filter(kind=without_nul(kind))
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if district.isdecimal():
        found = found.filter(locality__district=int(district))
    return found.order_by("name", "id")


def people_at(user: Any, organization: Organization) -> QuerySet[Person]:
    return (
        people_visible_to(user)
        .filter(Exists(Position.objects.filter(person=OuterRef("pk"), organization=organization)))
        .select_related("locality")
        .prefetch_related(current_positions(), "subjects")
        .order_by("family_name", "given_name", "id")
    )


def search_localities(query: str = "", district: str = "") -> QuerySet:
    from .models import Locality

    found = Locality.objects.all()
    query = without_nul(query)
    if query:
        found = found.filter(Q(name_he__icontains=query) | Q(name_en__icontains=query) | Q(name_ar__icontains=query))
    if district.isdecimal():
        found = found.filter(district=int(district))
    return found.order_by("name_he", "id")


def network_list(user: Any) -> QuerySet[Network]:
    from django.db.models import Count

    return (
        networks_visible_to(user)
        .annotate(
            organization_count=Count("member_organizations", distinct=True),
        )
        .order_by("name")
    )


def member_export_rows(user: Any, network: Network) -> tuple[list[str], list[list[object]]]:
    """Members for a manager's export: only what each member lets this viewer see."""
    from django.utils.translation import gettext as _

    viewer = viewer_for(user)
    members = list(network_members(user, network))
    networks_by_person = network_ids_by_person([member.pk for member in members])
    header = [_("Given name"), _("Family name"), _("Email"), _("Phone"), _("Positions")]
    rows: list[list[object]] = []
    for member in members:
        contact = visible_contact(viewer, member, networks_by_person[member.pk])
        positions = "; ".join(f"{p.title}, {local_name_text(p.organization)}" for p in member.current_positions)  # type: ignore[attr-defined]
        rows.append(
            [member.given_name, member.family_name, contact.get("email", ""), contact.get("phone", ""), positions]
        )
    return header, rows


def find_people_everywhere(user: Any, query: Query, text: str, limit: int) -> everywhere.Finding:
    """The site-wide search's section of people (core/search/everywhere.py): their names begin with
    the words typed, among the profiles this user may see; the first few by name, not counted."""
    filters = PeopleFilter(query=text)
    if not filters.search_terms:
        return everywhere.Finding([], None)
    rows = []
    # Their positions are shown, not their subjects: the directory page's other prefetch is dropped.
    for person in search_people(user, filters).prefetch_related(None).prefetch_related(current_positions())[:limit]:
        positions = person.current_positions  # type: ignore[attr-defined]
        where = [f"{position.title}, {local_name_text(position.organization)}" for position in positions]
        if person.locality_id:
            where.append(local_name_text(person.locality))
        rows.append(
            everywhere.Found(
                reverse("directory:person", args=[person.pk]),
                highlight(person.full_name, query),
                SafeString(),
                " · ".join(where),
            )
        )
    return everywhere.Finding(rows, None)


def find_organizations_everywhere(user: Any, query: Query, text: str, limit: int) -> everywhere.Finding:
    """The site-wide search's section of organizations: their names in any of their forms (בתי הספר
    finds בית הספר), among those this user may see; the first few by name, not counted."""
    if not search_key(text).split():
        return everywhere.Finding([], None)
    rows = []
    for organization in search_organizations(user, text[:200])[:limit]:
        note = [str(organization.get_kind_display())]
        if organization.locality_id:
            note.append(local_name_text(organization.locality))
        rows.append(
            everywhere.Found(
                reverse("directory:organization", args=[organization.pk]),
                highlight(local_name_text(organization), query),
                SafeString(),
                " · ".join(note),
            )
        )
    return everywhere.Finding(rows, None)
