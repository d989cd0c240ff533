"""Mentoring's forms: they parse and say what is wrong; the services decide what is allowed."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameFormField
from hevruta.core.forms import StyledFormMixin
from hevruta.directory.models import Network, Person, Topic
from hevruta.programs.forms import LANGUAGE_CHOICES, DateInput
from hevruta.programs.models import Program
from hevruta.standards.models import Item, PerformanceLevel

from .models import DEFAULT_WEIGHTS, AssessmentPoint, Eligibility, GoalsMet, OrganizationPreference, Side

WEIGHT_LABELS = {
    "subject": _("Weight of a shared subject"),
    "grade_band": _("Weight of a shared grade band"),
    "distance": _("Weight of being near"),
    "language": _("Weight of a shared language"),
    "sector": _("Weight of the same sector"),
    "organization": _("Weight of the organization preference"),
    "goals": _("Weight of the mentee's goals against the mentor's strengths"),
}


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class SettingsForm(StyledFormMixin, forms.Form):
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
    application_deadline = forms.DateField(label=_("Applications close on"), required=False, widget=DateInput())
    mentors_may_apply = forms.ChoiceField(label=_("Who may apply as mentor"), choices=Eligibility.choices)
    mentees_may_apply = forms.ChoiceField(label=_("Who may apply as mentee"), choices=Eligibility.choices)
    questions = forms.CharField(
        label=_("Application questions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("One question a line."),
    )
    default_capacity = forms.IntegerField(label=_("Mentees per mentor"), min_value=1, max_value=20)
    max_distance_km = forms.IntegerField(
        label=_("Farthest distance that still scores (km)"), min_value=1, max_value=1000
    )
    exclude_evaluation_chain = forms.BooleanField(
        label=_("Never a mentor from the mentee's own evaluation chain"), required=False
    )
    self_matching = forms.BooleanField(label=_("Mentors and mentees may request each other"), required=False)
    meeting_every_days = forms.IntegerField(label=_("A meeting every (days)"), min_value=1, max_value=365)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in WEIGHT_LABELS.items():
            self.fields[f"weight_{name}"] = forms.IntegerField(
                label=label, min_value=0, max_value=10, initial=DEFAULT_WEIGHTS[name]
            )
            self.fields[f"weight_{name}"].widget.attrs.setdefault("class", "form-control")

    def clean_questions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("A mentoring program cannot end before it starts."))
        return data

    def settings(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        return {name: value for name, value in data.items() if not name.startswith("weight_")}

    def weights(self) -> dict[str, int]:
        return {name: self.cleaned_data[f"weight_{name}"] for name in WEIGHT_LABELS}


class NewProgramForm(SettingsForm):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    name_he = NameFormField(label=_("Name in Hebrew"), max_length=200, required=False)
    name_ar = NameFormField(label=_("Name in Arabic"), max_length=200, required=False)
    name_en = NameFormField(label=_("Name in English"), max_length=200, required=False)
    supervision = forms.BooleanField(label=_("A supervision program (senior teachers supervise)"), required=False)
    field_order = ["network", "name_he", "name_ar", "name_en", "supervision"]

    def __init__(self, *args: Any, networks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks  # type: ignore[attr-defined]
        self.order_fields(self.field_order)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in ("name_he", "name_ar", "name_en")):
            raise forms.ValidationError(_("A program needs a name in at least one language."))
        return data


class ApplicationForm(StyledFormMixin, forms.Form):
    capacity = forms.IntegerField(label=_("How many mentees can you take?"), min_value=1, max_value=20)
    goals = forms.ModelMultipleChoiceField(
        label=_("What do you want to work on?"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organization_preference = forms.ChoiceField(
        label=_("Your match's organization"), choices=OrganizationPreference.choices, initial="any"
    )
    avoid = PersonChoiceField(
        label=_("People you would rather not be matched with"), queryset=Person.objects.none(), required=False
    )

    def __init__(
        self, *args: Any, side: str, questions: list[str], avoidable: Any, default_capacity: int, **kwargs: Any
    ):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.fields["goals"].queryset = Topic.objects.order_by("slug")  # type: ignore[attr-defined]
        self.fields["avoid"].queryset = avoidable  # type: ignore[attr-defined]
        if side == Side.MENTOR:
            self.fields["capacity"].initial = default_capacity
            del self.fields["goals"]
        else:
            del self.fields["capacity"]
        for number, question in enumerate(questions):
            self.fields[f"answer_{number}"] = forms.CharField(
                label=question, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"})
            )
            self.fields[f"answer_{number}"].widget.attrs["class"] = "form-control"

    def answers(self) -> dict[str, str]:
        return {q: self.cleaned_data.get(f"answer_{n}", "") for n, q in enumerate(self.questions)}


class EnrollForm(StyledFormMixin, forms.Form):
    side = forms.ChoiceField(label=_("As"), choices=Side.choices)
    people = PersonChoiceField(label=_("People"), queryset=Person.objects.none())

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]


class PairForm(StyledFormMixin, forms.Form):
    mentee = forms.IntegerField(widget=forms.HiddenInput)
    mentor = forms.IntegerField(widget=forms.HiddenInput)


class MeetingForm(StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    hours = forms.DecimalField(label=_("Hours"), min_value=0.1, max_value=24, max_digits=4, decimal_places=1)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    competencies = forms.ModelMultipleChoiceField(
        label=_("Competencies worked on"),
        queryset=Item.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Read by the two of you; the coordinators read it only if you share it."),
    )
    summary_language = forms.ChoiceField(label=_("Language of the summary"), choices=LANGUAGE_CHOICES, required=False)
    summary_shared = forms.BooleanField(label=_("Share the summary with the program's coordinators"), required=False)

    def __init__(self, *args: Any, competencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.order_by("slug")  # type: ignore[attr-defined]
        if competencies is None or not competencies.exists():
            del self.fields["competencies"]
        else:
            self.fields["competencies"].queryset = competencies  # type: ignore[attr-defined]


class NoteForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Private note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Only you will ever read it."),
    )


class GoalForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Goal"), max_length=500, widget=forms.TextInput(attrs={"dir": "auto"}))
    milestone = forms.CharField(label=_("A first milestone"), max_length=300, required=False)
    due_on = forms.DateField(label=_("Milestone due on"), required=False, widget=DateInput())


class AssessmentForm(StyledFormMixin, forms.Form):
    point = forms.ChoiceField(label=_("Point in the year"), choices=AssessmentPoint.choices)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )
    submit = forms.BooleanField(
        label=_("Submit: the intern reads it, and it can no longer be changed (a correction makes a new version)"),
        required=False,
    )

    def __init__(self, *args: Any, competencies: list[Item], levels: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        for item in competencies:
            level = forms.ModelChoiceField(
                label=f"{item.human_coding_scheme} {item.full_statement}".strip()[:200],
                queryset=levels,
                required=False,
            )
            level.widget.attrs["class"] = "form-select"
            self.fields[f"level_{item.pk}"] = level
            comment = forms.CharField(label=_("Comment"), required=False, max_length=2000)
            comment.widget.attrs["class"] = "form-control"
            self.fields[f"comment_{item.pk}"] = comment

    def ratings(self) -> dict[Item, tuple[PerformanceLevel | None, str]]:
        return {
            item: (self.cleaned_data.get(f"level_{item.pk}"), self.cleaned_data.get(f"comment_{item.pk}", ""))
            for item in self.competencies
        }


class ResponseForm(StyledFormMixin, forms.Form):
    response = forms.CharField(
        label=_("Your response"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )


class SurveyForm(StyledFormMixin, forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with the relationship?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    goals_met = forms.ChoiceField(label=_("How many of the goals were met?"), choices=GoalsMet.choices)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SupervisionForm(StyledFormMixin, forms.Form):
    supervisee = forms.ModelChoiceField(label=_("Supervised teacher"), queryset=Person.objects.none())
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.none(), required=False)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    hours = forms.DecimalField(label=_("Hours"), min_value=0.1, max_value=24, max_digits=4, decimal_places=1)
    summary = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("Confidential: only you and the supervised teacher read them."),
    )
    summary_language = forms.ChoiceField(label=_("Language of the notes"), choices=LANGUAGE_CHOICES, required=False)
    competencies = forms.ModelMultipleChoiceField(
        label=_("Competencies worked on"),
        queryset=Item.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, supervisees: Any, programs: Any, competencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supervisee"].queryset = supervisees  # type: ignore[attr-defined]
        self.fields["program"].queryset = programs  # type: ignore[attr-defined]
        self.fields["competencies"].queryset = competencies  # type: ignore[attr-defined]
