"""The fixed vocabularies of the knowledge app and the limits every entry point applies."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# A resource's text is a page or a chapter, not a book: longer texts belong in an attachment.
MAX_BODY_CHARS = 200_000
MAX_TITLE_CHARS = 300
MAX_TAGS = 20
MAX_LINKS = 20
MAX_ATTACHMENTS = 10


class ResourceKind(models.TextChoices):
    TOOL = "tool", _("Tool")
    METHOD = "method", _("Method")
    PRACTICE = "practice", _("Practice")
    DIAGNOSTIC_TASK = "diagnostic_task", _("Diagnostic task")
    VIDEO_SIMULATION = "video_simulation", _("Video simulation")
    LESSON_PLAN = "lesson_plan", _("Lesson plan")
    SUCCESS_CASE = "success_case", _("Case of success")
    FAILURE_CASE = "failure_case", _("Case of failure")
    INSIGHT = "insight", _("Insights and recommendations")
    POLICY_DOCUMENT = "policy_document", _("Policy document")
    RESEARCH_SUMMARY = "research_summary", _("Research summary")


class Licence(models.TextChoices):
    CC_BY = "cc-by", _("CC BY 4.0 (attribution)")
    CC_BY_SA = "cc-by-sa", _("CC BY-SA 4.0 (attribution, share alike)")
    CC_BY_NC = "cc-by-nc", _("CC BY-NC 4.0 (attribution, non-commercial)")
    CC_BY_NC_SA = "cc-by-nc-sa", _("CC BY-NC-SA 4.0 (attribution, non-commercial, share alike)")
    CC_BY_ND = "cc-by-nd", _("CC BY-ND 4.0 (attribution, no derivatives)")
    CC0 = "cc0", _("CC0 (public domain)")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}

# Licences under which an adaptation may be shared: "no derivatives" and "all rights reserved" forbid it.
ADAPTABLE_LICENCES = frozenset({Licence.CC_BY, Licence.CC_BY_SA, Licence.CC_BY_NC, Licence.CC_BY_NC_SA, Licence.CC0})


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned with comments")
    PUBLISHED = "published", _("Published")


# Where the author may still change the text freely, and where a curator may decide.
EDITABLE_BY_AUTHOR = frozenset({Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.PUBLISHED})
AWAITING_REVIEW = frozenset({Status.SUBMITTED, Status.IN_REVIEW})


class TagKind(models.TextChoices):
    ROLE = "role", _("Role it serves")
    KEYWORD = "keyword", _("Keyword")


class FileType(models.TextChoices):
    PDF = "pdf", _("PDF")
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")
    SPREADSHEET = "spreadsheet", _("Spreadsheet")
    PRESENTATION = "presentation", _("Presentation")


class Extraction(models.TextChoices):
    PENDING = "pending", _("Reading the text")
    DONE = "done", _("Text read")
    FAILED = "failed", _("The text could not be read")
    NOT_APPLICABLE = "none", _("No text to read")


class Decision(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    RETURN = "return", _("Return to the author with comments")


class CollectionVisibility(models.TextChoices):
    PRIVATE = "private", _("Only me")
    NETWORK = "network", _("Members of a network")
    PUBLIC = "public", _("Anyone")


# Suggested role tags until the standards app brings its roles; people may type others.
