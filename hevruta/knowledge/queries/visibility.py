"""Who may see which resource and collection: one answer for pages, search, the API and exports."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from hevruta.directory.models import MembershipRole, NetworkMembership
from hevruta.directory.queries import Viewer, viewer_for

from ..models import Authorship, Collection, CollectionVisibility, Curator, Resource, Status


@dataclass(frozen=True)
class KnowledgeViewer:
    """The directory's viewer plus the networks whose resources this viewer curates."""

    base: Viewer
    curated_network_ids: frozenset[int]

    @property
    def person_id(self) -> int | None:
        return self.base.person_id

    @property
    def network_ids(self) -> frozenset[int]:
        return self.base.network_ids

    @property
    def is_operator(self) -> bool:
        return self.base.is_operator

    @property
    def is_authenticated(self) -> bool:
        return self.base.is_authenticated

    @property
    def readable_network_ids(self) -> frozenset[int]:
        """Networks whose published resources this viewer reads although the network is members-only."""
        return self.network_ids | self.curated_network_ids

    def curates(self, network_id: int) -> bool:
        return self.is_operator or network_id in self.curated_network_ids


def knowledge_viewer(user: Any) -> KnowledgeViewer:
    base = viewer_for(user)
    if not base.is_authenticated:
        return KnowledgeViewer(base=base, curated_network_ids=frozenset())
    cached = getattr(user, "_hevruta_knowledge_viewer", None)
    # The directory forgets its viewer when memberships change; a new base means ours is stale too.
    if cached is not None and cached.base is base:
        return cached
    appointed = (
        set(Curator.objects.filter(person_id=base.person_id).values_list("network_id", flat=True))
        if base.person_id
        else set()
    )
    viewer = KnowledgeViewer(base=base, curated_network_ids=frozenset(base.managed_network_ids | appointed))
    user._hevruta_knowledge_viewer = viewer
    return viewer


def forget_knowledge_viewer(user: Any) -> None:
    if user is not None and hasattr(user, "_hevruta_knowledge_viewer"):
        del user._hevruta_knowledge_viewer


def resources_visible_to(user: Any) -> QuerySet[Resource]:
    """Published resources of public networks, of the viewer's networks, and whatever the viewer
    writes or curates; drafts and resources in review are never seen by anyone else."""
    viewer = knowledge_viewer(user)
    if viewer.is_operator:
        return Resource.objects.all()
    readable = Q(network__is_public=True)
    if viewer.readable_network_ids:
        readable |= Q(network_id__in=viewer.readable_network_ids)
    condition = Q(status=Status.PUBLISHED) & readable
    if viewer.curated_network_ids:
        condition |= Q(network_id__in=viewer.curated_network_ids)
    if viewer.person_id:
        condition |= Q(Exists(Authorship.objects.filter(resource=OuterRef("pk"), person_id=viewer.person_id)))
    return Resource.objects.filter(condition)


def published_visible_to(user: Any) -> QuerySet[Resource]:
    return resources_visible_to(user).filter(status=Status.PUBLISHED)


def author_person_ids(resource: Resource) -> set[int]:
    """The people credited as authors, from prefetched authorships when a page already has them."""
    cache = getattr(resource, "_prefetched_objects_cache", {})
    if "authorships" in cache:
        return {authorship.person_id for authorship in cache["authorships"] if authorship.person_id}
    return set(resource.authorships.filter(person__isnull=False).values_list("person_id", flat=True))


def is_author(user: Any, resource: Resource) -> bool:
    person_id = knowledge_viewer(user).person_id
    return person_id is not None and person_id in author_person_ids(resource)


def may_view(user: Any, resource: Resource) -> bool:
    """The object-level twin of `resources_visible_to`, for django-rules."""
    viewer = knowledge_viewer(user)
    if viewer.curates(resource.network_id) or is_author(user, resource):
        return True
    if resource.status != Status.PUBLISHED:
        return False
    return resource.network.is_public or resource.network_id in viewer.readable_network_ids


def collections_visible_to(user: Any) -> QuerySet[Collection]:
    """Public collections to all, network collections to the network's members, private ones to
    their owner alone (a network's managers do not see a member's private collection)."""
    viewer = knowledge_viewer(user)
    condition = Q(visibility=CollectionVisibility.PUBLIC)
    if viewer.network_ids:
        condition |= Q(visibility=CollectionVisibility.NETWORK, network_id__in=viewer.network_ids)
    if viewer.person_id:
        condition |= Q(owner_id=viewer.person_id)
    return Collection.objects.filter(condition)


def may_view_collection(user: Any, collection: Collection) -> bool:
    viewer = knowledge_viewer(user)
    if collection.owner_id == viewer.person_id and viewer.person_id is not None:
        return True
    if collection.visibility == CollectionVisibility.PUBLIC:
        return True
    return collection.visibility == CollectionVisibility.NETWORK and collection.network_id in viewer.network_ids


def users_who_may_see(resource: Resource, people: QuerySet) -> QuerySet:
    """The users of these people (a Person queryset) who may read this resource now: the set-wise
    twin of `may_view`, so a notice about it never reaches someone who could not open it."""
    users = get_user_model().objects.filter(is_active=True, person__in=people)
    if resource.status == Status.PUBLISHED and resource.network.is_public:
        return users
    person = OuterRef("person__id")
    managers = NetworkMembership.objects.filter(role=MembershipRole.MANAGER)
    network_id = resource.network_id
    may = (
        Q(is_superuser=True)
        | Q(Exists(Curator.objects.filter(person_id=person, network_id=network_id)))
        | Q(Exists(managers.filter(person_id=person, network_id=network_id)))
        | Q(Exists(Authorship.objects.filter(person_id=person, resource_id=resource.pk)))
    )
    if resource.status == Status.PUBLISHED:
        may |= Q(Exists(NetworkMembership.objects.filter(person_id=person, network_id=network_id)))
    return users.filter(may)
