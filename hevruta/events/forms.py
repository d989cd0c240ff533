"""The events app's forms: they parse and say what is wrong; services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hevruta.communities.models import Community
from hevruta.communities.queries import communities_visible_to
from hevruta.core.fields import NameFormField
from hevruta.core.forms import StyledFormMixin
from hevruta.core.models import ContentLanguage
from hevruta.directory.models import Locality
from hevruta.programs.forms import DateTimeInput, PersonByEmailField

from .models import (
    Event,
    EventKind,
    EventSession,
    EventVisibility,
    RegistrationPolicy,
    Series,
    SessionKind,
    SpeakerRole,
)


class EventForm(StyledFormMixin, forms.Form):
    title = NameFormField(label=_("Title"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=[c for c in EventKind.choices if c[0] != "supervised_practice"])
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )
    description_language = forms.ChoiceField(
        label=_("Language of the description"),
        choices=[("", _("Not told")), *ContentLanguage.choices],
        required=False,
        help_text=_("Readers of other languages see the translation below when there is one."),
    )
    description_en = forms.CharField(
        label=_("Description in English"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"})
    )
    description_ar = forms.CharField(
        label=_("Description in Arabic"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "rtl"})
    )
    locality = forms.ModelChoiceField(label=_("Locality"), queryset=Locality.objects.all(), required=False)
    address = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online meeting link"), max_length=500, required=False, assume_scheme="https")
    visibility = forms.ChoiceField(label=_("Who sees it"), choices=EventVisibility.choices)
    registration_policy = forms.ChoiceField(label=_("Registration"), choices=RegistrationPolicy.choices)
    capacity = forms.IntegerField(
        label=_("Seats"), min_value=1, required=False, help_text=_("Leave empty for no limit.")
    )
    registration_closes_at = forms.DateTimeField(label=_("Registration closes"), required=False, widget=DateTimeInput())
    offer_hours = forms.IntegerField(label=_("Hours to confirm a freed seat"), min_value=1, max_value=336, initial=48)
    asks_dietary_needs = forms.BooleanField(label=_("Ask about dietary needs"), required=False)
    asks_accessibility_needs = forms.BooleanField(label=_("Ask about accessibility needs"), required=False)
    series = forms.ModelChoiceField(label=_("Series"), queryset=Series.objects.none(), required=False)
    community = forms.ModelChoiceField(
        label=_("Community"),
        queryset=Community.objects.none(),
        required=False,
        help_text=_("A community's meeting is seen as the community is: a closed or secret one's by its members."),
    )

    def __init__(self, *args: Any, network: Any = None, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the event's network's communities, and only those the organizer may know of.
        communities = communities_visible_to(user).filter(network=network) if network else Community.objects.none()
        self.fields["community"].queryset = communities.order_by("name")  # type: ignore[attr-defined]
        self.fields["series"].queryset = Series.objects.filter(network=network) if network else Series.objects.none()  # type: ignore[attr-defined]
        # A select of 1,228 localities is long, but it is one query and the browser filters as you type.
        self.fields["locality"].queryset = Locality.objects.order_by("name_he")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("An event must end after it starts."))
        return data

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        return {
            name: getattr(event, name)
            for name in (
                "title",
                "kind",
                "starts_at",
                "ends_at",
                "description",
                "description_language",
                "description_en",
                "description_ar",
                "locality",
                "address",
                "online_url",
                "visibility",
                "registration_policy",
                "capacity",
                "registration_closes_at",
                "offer_hours",
                "asks_dietary_needs",
                "asks_accessibility_needs",
                "series",
                "community",
            )
        }


class RegistrationForm(StyledFormMixin, forms.Form):
    session = forms.ModelChoiceField(
        label=_("Which session or site"), queryset=EventSession.objects.none(), required=False
    )
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=300, required=False)
    accessibility_needs = forms.CharField(label=_("Accessibility needs"), max_length=300, required=False)

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = event.agenda.filter(capacity__isnull=False)
        self.fields["session"].queryset = choices  # type: ignore[attr-defined]
        if not choices.exists():
            del self.fields["session"]
        if not event.asks_dietary_needs:
            del self.fields["dietary_needs"]
        if not event.asks_accessibility_needs:
            del self.fields["accessibility_needs"]


class CheckInForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Event code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}),
    )


class WalkInForm(StyledFormMixin, forms.Form):
    person = PersonByEmailField(label=_("Email of the person who walked in"))


class InviteForm(StyledFormMixin, forms.Form):
    person = PersonByEmailField(label=_("Email of the person to invite"))


class SummaryForm(StyledFormMixin, forms.Form):
    title = NameFormField(label=_("Title"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"}))
    insights = forms.CharField(label=_("Insights"), widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}))
    recommendations = forms.CharField(
        label=_("Recommendations"), widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"})
    )


class SessionForm(StyledFormMixin, forms.Form):
    """A session of the agenda; the service checks that it takes place during the event."""

    title = NameFormField(label=_("Title"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    room = forms.CharField(label=_("Room"), max_length=200, required=False)
    capacity = forms.IntegerField(
        label=_("Seats"), min_value=1, required=False, help_text=_("Leave empty for no limit.")
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"})
    )

    @staticmethod
    def initial_for(session: EventSession) -> dict[str, Any]:
        fields = ("title", "kind", "starts_at", "ends_at", "room", "capacity", "description")
        return {name: getattr(session, name) for name in fields}


class SpeakerForm(StyledFormMixin, forms.Form):
    """A person of the directory by email, or a guest by name."""

    email = forms.EmailField(label=_("Email of a person in the directory"), required=False)
    guest_name = NameFormField(label=_("Or a guest's name"), max_length=200, required=False)
    affiliation = forms.CharField(label=_("Role and affiliation"), max_length=300, required=False)
    role = forms.ChoiceField(label=_("Part"), choices=SpeakerRole.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["person"] = None
        if data.get("email"):
            try:
                data["person"] = PersonByEmailField().clean(data["email"])
            except forms.ValidationError as error:
                self.add_error("email", error)
        return data


class DocumentForm(StyledFormMixin, forms.Form):
    title = NameFormField(label=_("Title"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"}))
    url = forms.URLField(label=_("Link"), max_length=500, assume_scheme="https")
