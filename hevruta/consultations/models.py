"""Consultations: a member or an organization asks its network about an area it wants to develop, and
peers strong in it are invited to help; endorsements of a strength by those who were helped.

States move only forward, through services: draft → open → in progress (someone offered help) →
closed (with an outcome and the asker's rating). The database refuses what the services never write.
"""

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField
from hevruta.core.models import TimeStampedModel
from hevruta.directory.models import Network, Organization, Person, Topic

MAX_TITLE_CHARS = 200
MAX_TEXT_CHARS = 10_000
MAX_REPLY_CHARS = 5_000


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class HelpKind(models.TextChoices):
    CALL = "call", _("A call")
    VISIT = "visit", _("A visit")
    DOCUMENTS = "documents", _("Documents")
    LEARNING_TOUR = "learning_tour", _("A learning tour")


class Thread(models.TextChoices):
    PRIVATE = "private", _("Private: the asker and the invited only")
    OPEN = "open", _("Open: the network's members")


class FollowUp(models.TextChoices):
    NONE = "", _("None")
    MEETING = "meeting", _("A meeting")
    LEARNING_TOUR = "learning_tour", _("A learning tour")


RATING_RANGE = Q(asker_rating__isnull=True) | Q(asker_rating__range=(1, 5))


class Consultation(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="consultations"
    )
    asker = models.ForeignKey(Person, verbose_name=_("asked by"), on_delete=models.CASCADE, related_name="+")
    # Set when the asker speaks for an organization they represent (a city's head of education).
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    topic = models.ForeignKey(Topic, verbose_name=_("area to develop"), on_delete=models.PROTECT, related_name="+")
    title = NameField(_("title"), max_length=MAX_TITLE_CHARS)
    description = models.TextField(_("description"), validators=[MaxLengthValidator(MAX_TEXT_CHARS)])
    tried = models.TextField(_("what we have tried"), blank=True, validators=[MaxLengthValidator(MAX_TEXT_CHARS)])
    help_kinds = models.JSONField(_("help wanted"), default=list, blank=True)
    thread = models.CharField(_("thread"), max_length=16, choices=Thread.choices, default=Thread.PRIVATE)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True, validators=[MaxLengthValidator(MAX_TEXT_CHARS)])
    asker_rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # What the consultation turned into, and the meeting or learning tour made of it (a draft event the
    # asker organizes; the link lives here, events know nothing of consultations).
    follow_up = models.CharField(_("next step"), max_length=16, choices=FollowUp.choices, blank=True, default="")
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="consultation_has_a_title",
                violation_error_message=_("A consultation needs a title."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="consultation_status_is_known",
                violation_error_message=_("Unknown status of a consultation."),
            ),
            models.CheckConstraint(
                condition=Q(thread__in=Thread.values),
                name="consultation_thread_is_known",
                violation_error_message=_("A thread is private or open."),
            ),
            models.CheckConstraint(
                condition=RATING_RANGE,
                name="consultation_rating_1_to_5",
                violation_error_message=_("A rating is a number from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.CLOSED) | Q(closed_at__isnull=False, asker_rating__isnull=False),
                name="closed_consultation_has_date_and_rating",
                violation_error_message=_("A closed consultation needs the date it closed and a rating."),
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT) | Q(opened_at__isnull=False),
                name="opened_consultation_has_a_date",
                violation_error_message=_("An open consultation needs the date it opened."),
            ),
        ]
        indexes = [
            models.Index(fields=["network", "status", "thread"], name="consultation_network_status"),
            models.Index(fields=["topic", "status"], name="consultation_topic_status"),
            models.Index(fields=["asker", "status"], name="consultation_asker"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def is_active(self) -> bool:
        return self.status in (Status.OPEN, Status.IN_PROGRESS)

    def help_kind_labels(self) -> list[str]:
        labels = dict(HelpKind.choices)
        return [str(labels[kind]) for kind in self.help_kinds if kind in labels]


class Answer(models.TextChoices):
    INVITED = "invited", _("Invited")
    OFFERED = "offered", _("Offered help")
    DECLINED = "declined", _("Declined")


class ConsultationInvitation(models.Model):
    """A peer the asker invited; they offer help or decline. Helpers rate the consultation once it closes."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, verbose_name=_("invited"), on_delete=models.CASCADE, related_name="+")
    # The organization the person was invited for (suggested through its strength), if any.
    organization = models.ForeignKey(
        Organization, verbose_name=_("for"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.CharField(_("answer"), max_length=16, choices=Answer.choices, default=Answer.INVITED)
    message = models.TextField(_("message"), blank=True, validators=[MaxLengthValidator(2000)])
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    helper_rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    helper_note = models.TextField(_("note"), blank=True, validators=[MaxLengthValidator(2000)])

    class Meta:
        verbose_name = _("invitation to help")
        verbose_name_plural = _("invitations to help")
        ordering = ["invited_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "person"],
                name="consultation_invites_a_person_once",
                violation_error_message=_("This person is already invited to this consultation."),
            ),
            models.CheckConstraint(
                condition=Q(answer__in=Answer.values),
                name="consultation_answer_is_known",
                violation_error_message=_("Unknown answer to an invitation."),
            ),
            models.CheckConstraint(
                condition=Q(helper_rating__isnull=True) | Q(helper_rating__range=(1, 5)),
                name="helper_rating_1_to_5",
                violation_error_message=_("A rating is a number from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(helper_rating__isnull=True) | Q(answer=Answer.OFFERED),
                name="only_helpers_rate",
                violation_error_message=_("Only those who offered help rate the consultation."),
            ),
        ]
        indexes = [models.Index(fields=["person", "answer"], name="consultation_invitee")]

    def __str__(self) -> str:
        return f"{self.person} → {self.consultation}"


class Reply(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("reply"), validators=[MaxLengthValidator(MAX_REPLY_CHARS)])
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(body=""),
                name="reply_is_not_empty",
                violation_error_message=_("Write something in the reply."),
            ),
        ]
        indexes = [models.Index(fields=["consultation", "created_at"], name="reply_in_thread")]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"


class Endorsement(models.Model):
    """A peer who was helped in a closed consultation vouches for the helper's strength in its topic.

    One per endorser per strength; the helper is a person, or the organization they helped for.
    """

    endorser = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="endorsements_given")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="endorsements_received"
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="endorsements_received"
    )
    topic = models.ForeignKey(Topic, verbose_name=_("strength"), on_delete=models.CASCADE, related_name="+")
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="endorsements")
    created_at = models.DateTimeField(_("endorsed"), auto_now_add=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, organization__isnull=True)
                | Q(person__isnull=True, organization__isnull=False),
                name="endorsement_of_a_person_or_an_organization",
                violation_error_message=_("An endorsement is of a person or of an organization."),
            ),
            models.UniqueConstraint(
                fields=["endorser", "person", "topic"],
                condition=Q(person__isnull=False),
                name="endorse_a_persons_strength_once",
                violation_error_message=_("You have already endorsed this strength."),
            ),
            models.UniqueConstraint(
                fields=["endorser", "organization", "topic"],
                condition=Q(organization__isnull=False),
                name="endorse_an_organizations_strength_once",
                violation_error_message=_("You have already endorsed this strength."),
            ),
        ]
        indexes = [
            models.Index(fields=["topic", "person"], name="endorsement_topic_person"),
            models.Index(fields=["topic", "organization"], name="endorsement_topic_org"),
        ]

    def __str__(self) -> str:
        return f"{self.endorser} ✓ {self.person or self.organization}: {self.topic}"


class StrongMember(models.Model):
    """A member of a network strong in a topic (a strength on a profile that is not private), with their
    name and place: what the suggestions read to rank the many strong people in index order, instead of
    joining each one to their person, locality, posts and memberships (docs/consultations.md).

    Derived data, never written by hand: `strong_members.refresh` rewrites a person's rows whenever their
    profile, strengths, memberships or posts change (and `rebuild` all of them), and a test compares the
    rows with a full recomputation. The place is the person's own locality, and the sectors those of
    their current posts' organizations, as bits in the order of `directory.Sector`: `sectors` of the posts
    without an end, `dated_sectors` of those that end later (checked against the date when read)."""

    # The indexes below lead with the network and the topic; the person's own index finds their rows.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", db_index=False)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+", db_index=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    family_name = models.CharField(max_length=100)
    given_name = models.CharField(max_length=100)
    cluster = models.PositiveSmallIntegerField(null=True)
    district = models.PositiveSmallIntegerField(null=True)
    sectors = models.PositiveIntegerField(default=0)
    dated_sectors = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "topic", "person"],
                name="strong_member_once_per_topic",
                violation_error_message=_("This person is already listed as strong in this topic in this network."),
            )
        ]
        indexes = [
            # The best placed: the asker's district read in name order, its cluster and sectors checked
            # from the index itself, so the first `limit` who match end the reading (no sort of them all).
            models.Index(
                fields=[
                    "network",
                    "topic",
                    "district",
                    "family_name",
                    "given_name",
                    "person",
                    "cluster",
                    "sectors",
                    "dated_sectors",
                ],
                name="strong_member_by_district",
            ),
            # Everyone in name order (an asker whose place is unknown).
            models.Index(
                fields=["network", "topic", "family_name", "given_name", "person"], name="strong_member_by_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}: {self.topic_id} in {self.network_id}"
