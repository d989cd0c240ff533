"""The read side of the knowledge app: `resources_visible_to(user)` and everything built on it."""

from .listing import FACETS, SORTS, ResourceFilter, Results, attach_credits, facet_options, find_resources
from .pages import (
    adaptations_of,
    bookmarked,
    home_resources,
    keeping,
    my_resources,
    resource_for_page,
    review_queue,
    reviews_of,
    use_summary,
    version_change,
    versions_of,
)
from .people import member_by_email, resolve_co_authors
from .visibility import (
    KnowledgeViewer,
    author_person_ids,
    collections_visible_to,
    is_author,
    knowledge_viewer,
    may_view,
    published_visible_to,
    resources_visible_to,
)

__all__ = [
    "FACETS",
    "SORTS",
    "KnowledgeViewer",
    "ResourceFilter",
    "Results",
    "adaptations_of",
    "attach_credits",
    "author_person_ids",
    "bookmarked",
    "collections_visible_to",
    "facet_options",
    "find_resources",
    "home_resources",
    "is_author",
    "keeping",
    "knowledge_viewer",
    "may_view",
    "member_by_email",
    "my_resources",
    "published_visible_to",
    "resolve_co_authors",
    "resource_for_page",
    "resources_visible_to",
    "review_queue",
    "reviews_of",
    "use_summary",
    "version_change",
    "versions_of",
]
