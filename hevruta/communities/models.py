"""Communities of practice: members, threads of posts, reactions, reports, shared resources, moderation."""

import uuid
from pathlib import PurePath

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField
from hevruta.core.models import ContentLanguage, TimeStampedModel
from hevruta.directory.models import Network, Person, Subject

MAX_NAME_CHARS = 200
MAX_TITLE_CHARS = 300
MAX_PURPOSE_CHARS = 4_000
# A long post is a few pages; more than this is a document, which is attached instead.
MAX_POST_CHARS = 50_000
MAX_ATTACHMENTS = 5
DEFAULT_REPORT_THRESHOLD = 3


class CommunityVisibility(models.TextChoices):
    """Who sees a community, and who reads its threads."""

    PUBLIC = "public", _("Public: anyone reads it, members of the network join at once")
    NETWORK = "network", _("Members of the network: they read it and join at once")
    CLOSED = "closed", _("Closed: its name and purpose are listed; members join on approval and only they read it")
    SECRET = "secret", _("Secret: by invitation; only its members know it exists")


SHORT_VISIBILITY = {
    CommunityVisibility.PUBLIC: _("Public"),
    CommunityVisibility.NETWORK: _("Network members"),
    CommunityVisibility.CLOSED: _("Closed"),
    CommunityVisibility.SECRET: _("Secret"),
}


class Community(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="communities"
    )
    name = NameField(_("name"), max_length=MAX_NAME_CHARS)
    purpose = models.TextField(_("purpose"), blank=True)
    purpose_language = models.CharField(
        _("language of the text"), max_length=2, choices=ContentLanguage.choices, blank=True
    )
    subjects = models.ManyToManyField(Subject, verbose_name=_("subjects"), blank=True, related_name="communities")
    # The directory's kinds of position (PositionRole) the community serves: coordinators, mentors, ...
    roles = models.JSONField(_("roles it serves"), default=list, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=CommunityVisibility.choices, default=CommunityVisibility.NETWORK
    )
    report_threshold = models.PositiveSmallIntegerField(
        _("reports that hide a post"),
        default=DEFAULT_REPORT_THRESHOLD,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("A post reported by this many members is hidden until a facilitator decides."),
    )
    created_by = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""),
                name="community_has_a_name",
                violation_error_message=_("A community needs a name."),
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=CommunityVisibility.values),
                name="community_visibility_is_known",
                violation_error_message=_("Choose who may see the community."),
            ),
            models.CheckConstraint(
                condition=Q(report_threshold__gte=1, report_threshold__lte=50),
                name="community_report_threshold_1_to_50",
                violation_error_message=_("The number of reports that hide a post is from 1 to 50."),
            ),
        ]
        indexes = [models.Index(fields=["network", "visibility"], name="community_network_visibility")]

    def __str__(self) -> str:
        return self.name

    @property
    def visibility_short(self) -> str:
        return str(SHORT_VISIBILITY.get(self.visibility, self.visibility))  # type: ignore[call-overload]

    @property
    def is_members_only(self) -> bool:
        return self.visibility in (CommunityVisibility.CLOSED, CommunityVisibility.SECRET)


class MemberRole(models.TextChoices):
    MEMBER = "member", _("Member")
    FACILITATOR = "facilitator", _("Facilitator")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Member")
    REQUESTED = "requested", _("Asked to join")
    INVITED = "invited", _("Invited")
    REMOVED = "removed", _("Removed")


class Membership(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="community_memberships")
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    status = models.CharField(_("status"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    message = models.TextField(_("message to the facilitators"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)

    class Meta:
        verbose_name = _("community membership")
        verbose_name_plural = _("community memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["community", "person"],
                name="community_member_once",
                violation_error_message=_("This person is already in this community's list."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=MemberStatus.values) & Q(role__in=MemberRole.values),
                name="community_membership_is_known",
                violation_error_message=_("Unknown role or status of a community member."),
            ),
        ]
        indexes = [models.Index(fields=["person", "status", "community"], name="community_member_person")]

    def __str__(self) -> str:
        return f"{self.person} ∈ {self.community}"

    @property
    def is_active(self) -> bool:
        return self.status == MemberStatus.ACTIVE

    @property
    def is_facilitator(self) -> bool:
        return self.is_active and self.role == MemberRole.FACILITATOR


class Thread(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="threads")
    title = NameField(_("title"), max_length=MAX_TITLE_CHARS)
    author = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="community_threads")
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_post_at = models.DateTimeField(_("last post"))
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    answer = models.ForeignKey(
        "Post", verbose_name=_("answer"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A removed thread is gone from lists, search, counts and the API; its author and the facilitators
    # still open it, and the author reads the reason.
    is_removed = models.BooleanField(_("removed"), default=False)
    removal_reason = models.TextField(_("reason for removal"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-is_pinned", "-last_post_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="thread_has_a_title",
                violation_error_message=_("A thread needs a title."),
            ),
            models.CheckConstraint(
                condition=Q(is_removed=False) | ~Q(removal_reason=""),
                name="removed_thread_has_a_reason",
                violation_error_message=_("Say why the thread is removed: its author reads the reason."),
            ),
        ]
        indexes = [
            models.Index(fields=["community", "-is_pinned", "-last_post_at", "-id"], name="thread_community_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_answered(self) -> bool:
        return self.answer_id is not None


class PostStatus(models.TextChoices):
    VISIBLE = "visible", _("Shown")
    HIDDEN = "hidden", _("Hidden until a facilitator decides")
    REMOVED = "removed", _("Removed by a moderator")


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="community_posts")
    reply_to = models.ForeignKey(
        "self", verbose_name=_("in reply to"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("text"))
    # The sanitized HTML of `body` (knowledge.rendering), made once on every write, never per view.
    body_html = models.TextField(editable=False, default="")
    language = models.CharField(_("language of the text"), max_length=2, choices=ContentLanguage.choices)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=16, choices=PostStatus.choices, default=PostStatus.VISIBLE)
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    removal_reason = models.TextField(_("reason for removal"), max_length=1000, blank=True)
    # Set when its author changed it (the page says "edited"; the moderation log keeps the act).
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PostStatus.values),
                name="post_status_is_known",
                violation_error_message=_("Unknown status of a post."),
            ),
            models.CheckConstraint(
                condition=~Q(status=PostStatus.REMOVED) | ~Q(removal_reason=""),
                name="removed_post_has_a_reason",
                violation_error_message=_("Say why the post is removed: its author reads the reason."),
            ),
        ]
        indexes = [
            models.Index(fields=["thread", "created_at", "id"], name="post_thread_order"),
            models.Index(fields=["author", "-created_at"], name="post_author_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A random name: files are served only through a view that checks who may read the post.
    return f"communities/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    mime_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.mime_type.startswith("image/")


class Mention(models.Model):
    """A member named in a post with @[their name]: they were told, if they may read it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="community_mentions")

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "person"],
                name="mention_once_per_post",
                violation_error_message=_("This person is already mentioned in the post."),
            )
        ]

    def __str__(self) -> str:
        return f"@{self.person} in {self.post}"


class ReactionKind(models.TextChoices):
    THANKS = "thanks", "🙏"
    AGREE = "agree", "👍"
    IDEA = "idea", "💡"
    HEART = "heart", "❤️"


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ReactionKind.choices)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "person", "kind"],
                name="reaction_once_per_kind",
                violation_error_message=_("You already reacted so to this post."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReactionKind.values),
                name="reaction_kind_is_known",
                violation_error_message=_("Unknown reaction."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.post}"


class Report(models.Model):
    """A member tells the facilitators a post should not be there."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("what is wrong"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when a facilitator decided on the post: the report no longer counts toward hiding it.
    resolved = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "person"],
                name="report_once_per_person",
                violation_error_message=_("You have already reported this post."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} reports {self.post}"


class ThreadRead(models.Model):
    """When a member last read a thread, for the unread threads of "My communities"."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "thread"],
                name="thread_read_once",
                violation_error_message=_("This thread's reading is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} read {self.thread}"


class SharedResource(models.Model):
    """A knowledge resource a member brought into a community, with a word on why."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="shared_resources")
    resource = models.ForeignKey("knowledge.Resource", on_delete=models.CASCADE, related_name="+")
    shared_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("why it is useful"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shared resource")
        verbose_name_plural = _("shared resources")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "resource"],
                name="resource_shared_once_per_community",
                violation_error_message=_("This resource is already shared in the community."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} in {self.community}"


class ModerationKind(models.TextChoices):
    PIN = "pin", _("Pinned a thread")
    UNPIN = "unpin", _("Unpinned a thread")
    LOCK = "lock", _("Locked a thread")
    UNLOCK = "unlock", _("Unlocked a thread")
    MOVE = "move", _("Moved a thread")
    REMOVE_POST = "remove_post", _("Removed a post")
    RESTORE_POST = "restore_post", _("Restored a post")
    REMOVE_THREAD = "remove_thread", _("Removed a thread")
    RESTORE_THREAD = "restore_thread", _("Restored a thread")
    HIDE_POST = "hide_post", _("Hid a post reported by members")
    APPROVE_MEMBER = "approve_member", _("Accepted a request to join")
    DECLINE_MEMBER = "decline_member", _("Declined a request to join")
    REMOVE_MEMBER = "remove_member", _("Removed a member")
    INVITE = "invite", _("Invited someone")
    EDIT_POST = "edit_post", _("Edited their post")


class ModerationAction(models.Model):
    """Every moderation act, for the network's managers (a post hidden by reports has no actor)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="moderation_actions")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("what was done"), max_length=20, choices=ModerationKind.choices)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ModerationKind.values),
                name="moderation_kind_is_known",
                violation_error_message=_("Unknown moderation action."),
            )
        ]
        indexes = [models.Index(fields=["network", "-created_at"], name="moderation_network_newest")]

    def __str__(self) -> str:
        return f"{self.kind} in {self.community}"
