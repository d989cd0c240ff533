"""The knowledge app's tables; split by concern, imported from here."""

from .choices import (
    AWAITING_REVIEW,
    EDITABLE_BY_AUTHOR,
    MAX_BODY_CHARS,
    MAX_TITLE_CHARS,
    CollectionVisibility,
    Decision,
    Extraction,
    FileType,
    Licence,
    ResourceKind,
    Status,
    TagKind,
)
from .curation import RUBRIC, Curator, ResourceVersion, Review, ReviewReply
from .resources import Attachment, Authorship, Resource, ResourceLink, ResourceTag
from .usage import Bookmark, Collection, CollectionItem, Follow, UseReport

__all__ = [
    "AWAITING_REVIEW",
    "EDITABLE_BY_AUTHOR",
    "MAX_BODY_CHARS",
    "MAX_TITLE_CHARS",
    "RUBRIC",
    "Attachment",
    "Authorship",
    "Bookmark",
    "Collection",
    "CollectionItem",
    "CollectionVisibility",
    "Curator",
    "Decision",
    "Extraction",
    "FileType",
    "Follow",
    "Licence",
    "Resource",
    "ResourceKind",
    "ResourceLink",
    "ResourceTag",
    "ResourceVersion",
    "Review",
    "ReviewReply",
    "Status",
    "TagKind",
    "UseReport",
]
