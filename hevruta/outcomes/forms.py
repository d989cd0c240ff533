"""Forms of logic models; they parse, the services decide what is allowed."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hevruta.core.forms import StyledFormMixin
from hevruta.insights import measures
from hevruta.programs.forms import LANGUAGE_CHOICES, DateInput, PersonByEmailField
from hevruta.programs.models import ProgramObjective

from .models import MilestoneKind, Source
from .scopes import Scope


class ObjectiveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.goal.order}.{obj.order} {obj.text[:90]}"


def _objectives(scope: Scope):  # type: ignore[no-untyped-def]
    return (
        ProgramObjective.objects.filter(**{f"goal__{scope.kind}": scope.owner})
        .select_related("goal")
        .order_by("goal__order", "order")
    )


class OptionalPersonField(PersonByEmailField):
    def clean(self, value: Any) -> Any:  # type: ignore[override]
        return super().clean(value) if (value or "").strip() else None


class IndicatorForm(StyledFormMixin, forms.Form):
    objective = ObjectiveChoiceField(label=_("Objective"), queryset=ProgramObjective.objects.none())
    name = forms.CharField(label=_("Indicator"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"}))
    language = forms.ChoiceField(label=_("Language of the text"), choices=LANGUAGE_CHOICES, required=False)
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    measure = forms.ChoiceField(
        label=_("Measure (for a computed indicator)"),
        required=False,
        help_text=_("What the platform counts; the list is the measures catalogue."),
    )
    unit = forms.ChoiceField(
        label=_("Unit"), choices=measures.Unit.choices, help_text=_("A computed indicator takes its measure's unit.")
    )
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=12, decimal_places=2)
    baseline_date = forms.DateField(label=_("Baseline date"), required=False, widget=DateInput())
    target = forms.DecimalField(label=_("Target"), required=False, max_digits=12, decimal_places=2)
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DateInput())

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = _objectives(scope)  # type: ignore[attr-defined]
        self.fields["measure"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (measure.key, str(measure.label)) for measure in measures.catalogue()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("target") is None) != (data.get("target_date") is None):
            raise forms.ValidationError(_("A target needs both its value and its date."))
        return data


class TargetForm(StyledFormMixin, forms.Form):
    due = forms.DateField(label=_("By"), widget=DateInput())
    value = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2)


class MeasurementForm(StyledFormMixin, forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput())
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2)
    evidence = forms.CharField(
        label=_("Evidence"),
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        help_text=_("Where the number comes from: a document, a count, a report."),
    )


class MilestoneForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MilestoneKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300, widget=forms.TextInput(attrs={"dir": "auto"}))
    due = forms.DateField(label=_("Due"), widget=DateInput())
    owner = OptionalPersonField(label=_("Email of the owner"), required=False)
    objective = ObjectiveChoiceField(label=_("Objective"), queryset=ProgramObjective.objects.none(), required=False)

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = _objectives(scope)  # type: ignore[attr-defined]
