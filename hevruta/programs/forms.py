"""The programs app's forms; they parse, the services decide what is allowed."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameFormField
from hevruta.core.forms import StyledFormMixin
from hevruta.core.models import ContentLanguage
from hevruta.directory.models import Network, Organization, Person
from hevruta.standards.models import Framework, FrameworkStatus, Item, PerformanceLevel, Role

from .models import (
    Assignment,
    Cohort,
    DecisionKind,
    Program,
    ProgramGoal,
    RequirementKind,
    ReviewDecision,
    SessionKind,
    StaffRole,
)
from .uploads import ALLOWED_EXTENSIONS, max_bytes

LANGUAGE_CHOICES = [("", _("Unknown")), *ContentLanguage.choices]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Item) -> str:  # type: ignore[override]
        code = f"{obj.human_coding_scheme} " if obj.human_coding_scheme else ""
        return f"{code}{obj.abbreviated_statement or obj.full_statement}"[:160]


class ItemMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Item) -> str:  # type: ignore[override]
        code = f"{obj.human_coding_scheme} " if obj.human_coding_scheme else ""
        return f"{code}{obj.abbreviated_statement or obj.full_statement}"[:160]


class ProgramForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Program
        fields = [
            "name_he",
            "name_ar",
            "name_en",
            "kind",
            "description",
            "description_language",
            "vision",
            "vision_language",
            "roles",
            "framework",
            "issuing_organization",
            "accepts_applications",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            "vision": forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            "roles": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].queryset = Role.objects.filter(network=network).order_by("name")  # type: ignore[attr-defined]
        self.fields["framework"].queryset = Framework.objects.filter(  # type: ignore[attr-defined]
            Q(network=network) | Q(network__isnull=True), status=FrameworkStatus.PUBLISHED
        ).order_by("title", "-version_number")
        self.fields["issuing_organization"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            network_links__network=network
        ).order_by("name")
        for name in ("name_he", "name_ar", "name_en"):
            self.fields[name].widget.attrs["dir"] = "auto"


class GoalForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    language = forms.ChoiceField(label=_("Language of the text"), choices=LANGUAGE_CHOICES, required=False)


class ObjectiveForm(StyledFormMixin, forms.Form):
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=ProgramGoal.objects.none())
    text = forms.CharField(label=_("Objective"), widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    language = forms.ChoiceField(label=_("Language of the text"), choices=LANGUAGE_CHOICES, required=False)

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = program.goals.order_by("order")  # type: ignore[attr-defined]


class PersonByEmailField(forms.EmailField):
    """A person named by their email address, exactly; shorter than a list of thousands of names."""

    def clean(self, value: Any) -> Person:  # type: ignore[override]
        email = super().clean(value)
        person = Person.objects.filter(email__iexact=email).first()
        if person is None:
            raise forms.ValidationError(_("Nobody in the directory has this email address."))
        return person


class StaffForm(StyledFormMixin, forms.Form):
    person = PersonByEmailField(label=_("Email of the person"))
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices)


class RequirementForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RequirementKind.choices)
    min_percent = forms.IntegerField(label=_("Minimum attendance (%)"), min_value=1, max_value=100, required=False)
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_digits=6, decimal_places=1, required=False)
    competency = ItemChoiceField(label=_("Competency"), queryset=Item.objects.none(), required=False)
    min_level = forms.ModelChoiceField(
        label=_("Minimum level"), queryset=PerformanceLevel.objects.none(), required=False
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        from .queries import framework_competencies

        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = framework_competencies(program.framework_id).order_by(  # type: ignore[attr-defined]
            "human_coding_scheme", "id"
        )
        self.fields["min_level"].queryset = (  # type: ignore[attr-defined]
            PerformanceLevel.objects.filter(framework_id=program.framework_id).order_by("position")
            if program.framework_id
            else PerformanceLevel.objects.none()
        )


class CohortForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "name": forms.TextInput(attrs={"dir": "auto"})}


class SessionForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    title = NameFormField(label=_("Title"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"}))
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    place = forms.CharField(label=_("Place"), max_length=300, required=False)


class EnrollForm(StyledFormMixin, forms.Form):
    person = PersonByEmailField(label=_("Email of the participant"))


class AssignmentForm(StyledFormMixin, forms.Form):
    title = NameFormField(label=_("Title"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"}))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )
    due_date = forms.DateField(label=_("Due"), required=False, widget=DateInput())
    competency = ItemChoiceField(label=_("Competency"), queryset=Item.objects.none(), required=False)

    def __init__(self, *args: Any, program: Program, **kwargs: Any) -> None:
        from .queries import framework_competencies

        super().__init__(*args, **kwargs)
        self.fields["competency"].queryset = framework_competencies(program.framework_id).order_by(  # type: ignore[attr-defined]
            "human_coding_scheme", "id"
        )


class EvidenceForm(StyledFormMixin, forms.Form):
    competency = ItemChoiceField(label=_("Competency"), queryset=Item.objects.none())
    assignment = forms.ModelChoiceField(label=_("Assignment"), queryset=Assignment.objects.none(), required=False)
    text = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text=_("Describe what you did and what it shows."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        # Filled when shown, not at import: a lazy string's % is done at once, in the language active then.
        help_text=lazy(
            lambda: (
                _("A document or an image (%(types)s), at most %(limit)s MB.")
                % {"types": ", ".join(ALLOWED_EXTENSIONS), "limit": f"{max_bytes() / 1_048_576:g}"}
            ),
            str,
        )(),
    )
    remove_file = forms.BooleanField(label=_("Remove the attached file"), required=False)
    video_url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    reflection = forms.CharField(
        label=_("Reflection"), required=False, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=LANGUAGE_CHOICES, required=False)

    def __init__(self, *args: Any, competencies: Any, assignments: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            # What the evidence is of stays as it was; only its content changes.
            del self.fields["competency"]
            del self.fields["assignment"]
        else:
            self.fields["competency"].queryset = competencies  # type: ignore[attr-defined]
            self.fields["assignment"].queryset = assignments  # type: ignore[attr-defined]
            del self.fields["remove_file"]


class ReviewForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=ReviewDecision.choices, widget=forms.RadioSelect)
    level = forms.ModelChoiceField(
        label=_("Level shown"), queryset=PerformanceLevel.objects.none(), required=False, widget=forms.RadioSelect
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Required when returning: say what to improve."),
    )

    def __init__(self, *args: Any, framework_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = PerformanceLevel.objects.filter(framework_id=framework_id).order_by(  # type: ignore[attr-defined]
            "position"
        )


class SupervisionForm(StyledFormMixin, forms.Form):
    supervisee = forms.ModelChoiceField(label=_("Supervised teacher"), queryset=Person.objects.none())
    program = forms.ModelChoiceField(label=_("Program"), queryset=Program.objects.none(), required=False)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    hours = forms.DecimalField(label=_("Hours"), min_value=0.1, max_value=24, max_digits=4, decimal_places=1)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("Confidential: only you and the supervised teacher read them."),
    )
    notes_language = forms.ChoiceField(label=_("Language of the notes"), choices=LANGUAGE_CHOICES, required=False)
    competencies = ItemMultipleChoiceField(
        label=_("Competencies worked on"),
        queryset=Item.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, supervisees: Any, programs: Any, competencies: Any, editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["competencies"].queryset = competencies  # type: ignore[attr-defined]
        if editing:
            # Who met and in which program stay as recorded.
            del self.fields["supervisee"]
            del self.fields["program"]
        else:
            self.fields["supervisee"].queryset = supervisees  # type: ignore[attr-defined]
            self.fields["program"].queryset = programs  # type: ignore[attr-defined]


class DecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DecisionKind.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Required when deferring; the participant reads it."),
    )


class CheckInForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Session code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "dir": "ltr"}),
    )


class CohortApplicationForm(StyledFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Why you apply (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
