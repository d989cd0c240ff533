from django import forms
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameFormField
from hevruta.core.forms import StyledFormMixin
from hevruta.directory.models import Topic
from hevruta.programs.forms import DateTimeInput

from .models import MAX_REPLY_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS, FollowUp, HelpKind, Status, Thread


class ConsultationForm(StyledFormMixin, forms.Form):
    organization = forms.TypedChoiceField(label=_("On behalf of"), required=False, coerce=int, empty_value=None)
    topic = forms.ModelChoiceField(label=_("Area to develop"), queryset=Topic.objects.all())
    title = NameFormField(label=_("Title"), max_length=MAX_TITLE_CHARS, widget=forms.TextInput(attrs={"dir": "auto"}))
    description = forms.CharField(
        label=_("What do you want to develop?"),
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
    )
    tried = forms.CharField(
        label=_("What have you tried so far?"),
        required=False,
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    help_kinds = forms.MultipleChoiceField(
        label=_("Help wanted"), required=False, choices=HelpKind.choices, widget=forms.CheckboxSelectMultiple
    )
    thread = forms.ChoiceField(
        label=_("Thread"), choices=Thread.choices, initial=Thread.PRIVATE, widget=forms.RadioSelect
    )
    publish = forms.BooleanField(label=_("Open it now (otherwise it stays a draft)"), required=False, initial=True)

    def __init__(self, *args, organizations=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [("", _("Myself"))] + [(o.pk, o.name) for o in organizations]


class InviteForm(StyledFormMixin, forms.Form):
    people = forms.TypedMultipleChoiceField(label=_("Invite"), coerce=int, widget=forms.CheckboxSelectMultiple)
    message = forms.CharField(
        label=_("A word to them (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )

    def __init__(self, *args, choices=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = list(choices)


class AnswerForm(StyledFormMixin, forms.Form):
    message = forms.CharField(
        label=_("A word to the asker (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class ReplyForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Reply"), max_length=MAX_REPLY_CHARS, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )


class CloseForm(StyledFormMixin, forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"), max_length=MAX_TEXT_CHARS, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )
    rating = forms.TypedChoiceField(
        label=_("How much did it help? (1 to 5)"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)]
    )
    follow_up = forms.ChoiceField(label=_("Next step"), required=False, choices=FollowUp.choices)


class FollowUpEventForm(StyledFormMixin, forms.Form):
    """When the meeting or the tour a closed consultation led to takes place: the rest is set in events."""

    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())


class HelperRatingForm(StyledFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was it for you? (1 to 5)"), coerce=int, choices=[(n, str(n)) for n in range(1, 6)]
    )
    note = forms.CharField(
        label=_("A note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class ConsultationFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    topic = forms.ChoiceField(label=_("Area"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), *[c for c in Status.choices if c[0] != Status.DRAFT]],
    )
    mine = forms.BooleanField(label=_("Mine only"), required=False)

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("Any"))] + [(t.slug, t.name) for t in Topic.objects.all()]
