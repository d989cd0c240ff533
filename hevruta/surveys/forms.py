"""Forms of surveys; they parse, the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hevruta.core.forms import StyledFormMixin
from hevruta.programs.forms import LANGUAGE_CHOICES, DateInput

from . import audiences
from .models import QuestionKind, Survey, SurveyStatus


class SurveyForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"}))
    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"})
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=LANGUAGE_CHOICES, required=False)
    is_anonymous = forms.BooleanField(
        label=_("Anonymous: answers cannot be traced to the person who gave them"), required=False, initial=True
    )
    pre_survey = forms.ModelChoiceField(
        label=_("Repeats a before survey (its questions are copied, changes are reported)"),
        queryset=Survey.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, surveys: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pre_survey"].queryset = surveys.filter(post_survey__isnull=True)  # type: ignore[attr-defined]


class QuestionForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    choices = forms.CharField(
        label=_("Choices, one a line (for a question with choices)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)


class SendForm(StyledFormMixin, forms.Form):
    audience = forms.ChoiceField(label=_("Send to"))
    closes_on = forms.DateField(label=_("Closes on"), required=False, widget=DateInput())

    def __init__(self, *args: Any, owner: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [  # type: ignore[attr-defined]
            (f"{audience.key}:{value}", f"{audience.label}: {label}")
            for audience in audiences.catalogue()
            for value, label in audience.options(owner)
        ]


class AnswerForm(forms.Form):
    """One field a question, named by the question's id."""

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in survey.questions.all():
            name = str(question.pk)
            if question.kind == QuestionKind.LIKERT:
                choices = [(str(level), str(level)) for level in range(1, 6)]
                field: forms.Field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect)
            elif question.kind == QuestionKind.CHOICE:
                field = forms.ChoiceField(choices=[(c, c) for c in question.choices], widget=forms.RadioSelect)
            elif question.kind == QuestionKind.NUMBER:
                field = forms.DecimalField(max_digits=12, decimal_places=2)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}), max_length=5000)
            field.label = question.text
            field.required = question.required
            self.fields[name] = field


OPEN = SurveyStatus.OPEN
