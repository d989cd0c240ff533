"""Permission predicates of the knowledge app, declared once for pages and the API alike."""

import rules

from hevruta.directory.models import Network
from hevruta.directory.queries import is_network_manager

from .models import AWAITING_REVIEW, Collection, Resource, Status
from .queries.visibility import is_author, knowledge_viewer, may_view, may_view_collection


@rules.predicate
def can_view_resource(user: object, resource: Resource) -> bool:
    return may_view(user, resource)


@rules.predicate
def is_resource_author(user: object, resource: Resource) -> bool:
    return is_author(user, resource)


@rules.predicate
def curates_resource(user: object, resource: Resource) -> bool:
    return knowledge_viewer(user).curates(resource.network_id)


@rules.predicate
def author_may_edit_now(user: object, resource: Resource) -> bool:
    # While a curator reads it, the text holds still; before and after, the author may change it.
    return resource.status != Status.IN_REVIEW


@rules.predicate
def is_submittable(user: object, resource: Resource) -> bool:
    return resource.status in (Status.DRAFT, Status.RETURNED)


@rules.predicate
def awaits_review(user: object, resource: Resource) -> bool:
    return resource.status in AWAITING_REVIEW


@rules.predicate
def is_operator(user: object) -> bool:
    return knowledge_viewer(user).is_operator


@rules.predicate
def is_published(user: object, resource: Resource) -> bool:
    return resource.status == Status.PUBLISHED


@rules.predicate
def has_profile(user: object) -> bool:
    return knowledge_viewer(user).person_id is not None


@rules.predicate
def manages_network(user: object, network: Network) -> bool:
    return is_network_manager(user, network)


@rules.predicate
def curates_any_network(user: object) -> bool:
    return bool(knowledge_viewer(user).curated_network_ids) or knowledge_viewer(user).is_operator


@rules.predicate
def can_view_collection(user: object, collection: Collection) -> bool:
    return may_view_collection(user, collection)


@rules.predicate
def owns_collection(user: object, collection: Collection) -> bool:
    person_id = knowledge_viewer(user).person_id
    return person_id is not None and collection.owner_id == person_id


rules.add_perm("knowledge.view_resource", can_view_resource)
rules.add_perm("knowledge.change_resource", curates_resource | (is_resource_author & author_may_edit_now))
rules.add_perm("knowledge.submit_resource", is_resource_author & is_submittable)
# A curator does not review what they wrote themselves: a second pair of eyes is the point of review.
rules.add_perm("knowledge.review_resource", awaits_review & curates_resource & (~is_resource_author | is_operator))
rules.add_perm("knowledge.answer_review", is_resource_author)
rules.add_perm("knowledge.report_use", has_profile & is_published & can_view_resource)
rules.add_perm("knowledge.keep_resource", has_profile & can_view_resource)  # bookmark, follow, collect
rules.add_perm("knowledge.restore_version", curates_resource | is_resource_author)
rules.add_perm("knowledge.manage_curators", manages_network)
rules.add_perm("knowledge.view_map", curates_any_network)
rules.add_perm("knowledge.view_collection", can_view_collection)
rules.add_perm("knowledge.change_collection", owns_collection)
