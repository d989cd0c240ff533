"""Events: meetings, seminars, conferences, tours; their agenda, registration and attendance.

An event is THE meeting of the platform: a cohort's sessions are events of that cohort (the cohort is
their series, and programs count attendance from here), a network's Kitchenette meetings are events of a
series, a conference is an event with an agenda of sessions. See docs/events.md and docs/architecture.md.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameField
from hevruta.core.models import ContentLanguage, TimeStampedModel
from hevruta.directory.models import Locality, Network, Organization, Person

# Participants may check in from this long before an event starts until it ends.
CHECK_IN_OPENS_BEFORE = timedelta(minutes=30)
# The longest an event may last (a study trip abroad fits; a year of meetings is a series). Knowing it
# lets the list of upcoming events start its index scan a month back instead of at the first event ever.
LONGEST_EVENT = timedelta(days=31)


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    SEMINAR = "seminar", _("Seminar")
    CONFERENCE = "conference", _("Conference")
    PANEL = "panel", _("Panel")
    POLICY_MEETING = "policy_meeting", _("Meeting with policy makers")
    LEARNING_TOUR = "learning_tour", _("Learning tour")
    STUDY_TRIP = "study_trip", _("Study trip abroad")
    ONLINE = "online", _("Online session")
    # A cohort's practice in the field under a supervisor: programs count its hours.
    SUPERVISED_PRACTICE = "supervised_practice", _("Supervised practice")


class EventVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    NETWORK = "network", _("Members of the network")
    INVITED = "invited", _("Invited people only")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationPolicy(models.TextChoices):
    OPEN = "open", _("Open to all who may see it")
    APPROVAL = "approval", _("On the organizers' approval")
    INVITATION = "invitation", _("By invitation")


class Series(TimeStampedModel):
    """Meetings of the same people over a year, e.g. the Kitchenette; attendance counts across it."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="series")
    name = NameField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    visibility = models.CharField(
        _("who sees it"), max_length=16, choices=EventVisibility.choices, default=EventVisibility.NETWORK
    )
    members = models.ManyToManyField(Person, verbose_name=_("members"), blank=True, related_name="event_series")

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["network", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""), name="series_has_a_name", violation_error_message=_("A series needs a name.")
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=EventVisibility.values),
                name="series_visibility_is_known",
                violation_error_message=_("This visibility is not known."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Event(TimeStampedModel):
    """A meeting in time and place (or online), of a network, a program's cohort or an organization."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organizing organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="organized_events",
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    # A cohort's sessions are its events: the cohort plays the part of their series.
    cohort = models.ForeignKey(
        "programs.Cohort",
        verbose_name=_("cohort"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    # A community's meeting: seen as the community is (queries.events_visible_to); same network as the event.
    # Deleted with the community: set to null, a secret community's meetings would show to the whole network.
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    series = models.ForeignKey(
        Series, verbose_name=_("series"), null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices, default=EventKind.MEETING)
    title = NameField(_("title"), max_length=300)
    # The description as its organizers wrote it, and its translations beside it: the same rule as an
    # organization's name and its name_en/name_ar (core.names.local_text picks the reader's language).
    description = models.TextField(_("description"), blank=True)
    description_language = models.CharField(
        _("language of the description"), max_length=2, choices=ContentLanguage.choices, blank=True
    )
    description_en = models.TextField(_("description in English"), blank=True)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    locality = models.ForeignKey(
        Locality, verbose_name=_("locality"), null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    address = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), max_length=500, blank=True)
    visibility = models.CharField(
        _("who sees it"), max_length=16, choices=EventVisibility.choices, default=EventVisibility.NETWORK
    )
    status = models.CharField(_("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT)
    registration_policy = models.CharField(
        _("registration"), max_length=16, choices=RegistrationPolicy.choices, default=RegistrationPolicy.OPEN
    )
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True, help_text=_("Leave empty for no limit."))
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    # How long a person promoted from the waitlist has to confirm before the seat passes to the next one.
    offer_hours = models.PositiveSmallIntegerField(_("hours to confirm a freed seat"), default=48)
    asks_dietary_needs = models.BooleanField(_("ask about dietary needs"), default=False)
    asks_accessibility_needs = models.BooleanField(_("ask about accessibility needs"), default=False)
    # A short random code shown in the room (and inside the event's QR code); typed or scanned to check in.
    check_in_code = models.CharField(_("check-in code"), max_length=12)
    organizers = models.ManyToManyField(
        Person, verbose_name=_("organizers"), blank=True, related_name="organized_events"
    )
    host_organizations = models.ManyToManyField(
        Organization, verbose_name=_("host organizations"), blank=True, related_name="hosted_events"
    )
    summary_writer = models.ForeignKey(
        Person,
        verbose_name=_("writes the summary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A participant the organizers ask to write the summary."),
    )
    summary = models.ForeignKey(
        "knowledge.Resource",
        verbose_name=_("summary"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="summarized_events",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(title=""), name="event_has_a_title", violation_error_message=_("An event needs a title.")
            ),
            models.CheckConstraint(
                condition=Q(network__isnull=False) | Q(organization__isnull=False),
                name="event_belongs_to_a_network_or_organization",
                violation_error_message=_("An event belongs to a network or an organization."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_at_least_one",
                violation_error_message=_("An event with a seat limit has at least one seat."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values),
                name="event_kind_is_known",
                violation_error_message=_("This kind of event is not known."),
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=EventVisibility.values),
                name="event_visibility_is_known",
                violation_error_message=_("This visibility is not known."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=EventStatus.values),
                name="event_status_is_known",
                violation_error_message=_("This status of an event is not known."),
            ),
            models.CheckConstraint(
                condition=Q(registration_policy__in=RegistrationPolicy.values),
                name="event_registration_policy_is_known",
                violation_error_message=_("This kind of registration is not known."),
            ),
            models.CheckConstraint(
                condition=~Q(check_in_code=""),
                name="event_has_check_in_code",
                violation_error_message=_("An event needs a check-in code."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "visibility", "starts_at"]),
            models.Index(fields=["network", "starts_at"]),
            models.Index(fields=["cohort", "starts_at"]),
            models.Index(fields=["series", "starts_at"]),
            models.Index(fields=["community", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def check_in_opens_at(self):  # type: ignore[no-untyped-def]
        return self.starts_at - CHECK_IN_OPENS_BEFORE

    def is_open_for_check_in(self, now=None) -> bool:  # type: ignore[no-untyped-def]
        now = now or timezone.now()
        return self.check_in_opens_at <= now <= self.ends_at

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def has_ended(self) -> bool:
        return self.ends_at < timezone.now()


class SessionKind(models.TextChoices):
    TALK = "talk", _("Talk")
    PANEL = "panel", _("Panel")
    WORKSHOP = "workshop", _("Workshop")
    SITE_VISIT = "site_visit", _("Site visit")
    DISCUSSION = "discussion", _("Discussion")
    BREAK = "break", _("Break")


class EventSession(models.Model):
    """A part of an event's agenda: a talk, a panel, a workshop, or a learning tour's site."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="agenda")
    kind = models.CharField(_("kind"), max_length=16, choices=SessionKind.choices, default=SessionKind.TALK)
    title = NameField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True, help_text=_("Leave empty for no limit."))
    # A learning tour's site: hosted by a member organization, in its locality.
    host_organization = models.ForeignKey(
        Organization,
        verbose_name=_("host organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_sessions",
    )
    locality = models.ForeignKey(
        Locality, verbose_name=_("locality"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("session of an event")
        verbose_name_plural = _("sessions of events")
        ordering = ["event", "starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_session_ends_after_it_starts",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="event_session_has_a_title",
                violation_error_message=_("A session needs a title."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_session_capacity_at_least_one",
                violation_error_message=_("A session with a seat limit has at least one seat."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SessionKind.values),
                name="event_session_kind_is_known",
                violation_error_message=_("This kind of session is not known."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    PANELIST = "panelist", _("Panelist")
    MODERATOR = "moderator", _("Moderator")
    HOST = "host", _("Host")


class Speaker(models.Model):
    """Who speaks in a session: a person of the directory, or a guest known only by name."""

    session = models.ForeignKey(
        EventSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="speakers"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.CASCADE, related_name="talks"
    )
    guest_name = NameField(_("guest's name"), max_length=200, blank=True)
    affiliation = models.CharField(_("role and affiliation"), max_length=300, blank=True)
    role = models.CharField(_("part"), max_length=16, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["session", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(guest_name=""),
                name="speaker_is_a_person_or_a_named_guest",
                violation_error_message=_("A speaker is a person of the directory or a guest with a name."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=SpeakerRole.values),
                name="speaker_role_is_known",
                violation_error_message=_("This part in a session is not known."),
            ),
        ]

    def __str__(self) -> str:
        return self.guest_name or str(self.person)


class EventDocument(models.Model):
    """A document of an event (the invitation, a presentation, the protocol), kept as a link."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="documents")
    title = NameField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("document of an event")
        verbose_name_plural = _("documents of events")
        ordering = ["event", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(title=""),
                name="event_document_has_a_title",
                violation_error_message=_("A document needs a title."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Registered")
    WAITLISTED = "waitlisted", _("On the waitlist")
    OFFERED = "offered", _("Offered a freed seat")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


# The statuses that hold a seat: a seat offered to the next on the waitlist is kept for them.
HOLDS_A_SEAT = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


class Registration(models.Model):
    """A person's place at an event: one row per person and event, whatever becomes of it."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="event_registrations"
    )
    # The site of a tour or the workshop of a conference chosen, when seats are counted per session.
    session = models.ForeignKey(
        EventSession,
        verbose_name=_("session chosen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    # The waitlist's order: a number taken under the event's lock, so it is the order of arrival.
    queue_number = models.PositiveIntegerField(_("place in line"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("confirm by"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "registered_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="registration_once_per_event",
                violation_error_message=_("This person is already registered for the event."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values),
                name="registration_status_is_known",
                violation_error_message=_("This registration status is not known."),
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.OFFERED) | Q(offer_expires_at__isnull=False),
                name="registration_offer_has_a_deadline",
                violation_error_message=_("A seat offered from the waitlist needs a time to confirm by."),
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "queue_number"]),
            models.Index(fields=["person", "status"]),
            models.Index(fields=["status", "offer_expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.event}"

    @property
    def holds_a_seat(self) -> bool:
        return self.status in HOLDS_A_SEAT


class AttendanceMethod(models.TextChoices):
    STAFF = "staff", _("Taken by staff")
    CODE = "code", _("Checked in with the event's code")
    WALK_IN = "walk_in", _("Walked in unregistered")


class Attendance(models.Model):
    """Who was at an event. For a cohort's sessions it feeds the program's attendance requirements."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="event_attendance"
    )
    present = models.BooleanField(_("present"), default=True)
    method = models.CharField(_("how"), max_length=8, choices=AttendanceMethod.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="attendance_once_per_event",
                violation_error_message=_("This person's attendance at the event is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(method__in=AttendanceMethod.values),
                name="event_attendance_method_is_known",
                violation_error_message=_("This way of recording attendance is not known."),
            ),
        ]
        indexes = [models.Index(fields=["person", "event"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.event}"
