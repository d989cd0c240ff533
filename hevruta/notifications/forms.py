from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import kinds
from .kinds import Email


class NotificationSettingsForm(forms.Form):
    """The person's language, whether dates show the Hebrew date too, and for each kind of notice when
    to hear of it by email."""

    language = forms.ChoiceField(label=_("Language of the site and of your email"), choices=settings.LANGUAGES)
    show_hebrew_date = forms.BooleanField(label=_("Show the Hebrew date beside the Gregorian date"), required=False)

    def __init__(
        self, *args: Any, choices: dict[str, str], language: str, show_hebrew_date: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = language
        self.fields["show_hebrew_date"].initial = show_hebrew_date
        for kind in kinds.all_kinds():
            self.fields[self.field_name(kind.key)] = forms.ChoiceField(
                label=str(kind.label), choices=Email.choices, initial=choices.get(kind.key, kind.default_email)
            )

    @staticmethod
    def field_name(key: str) -> str:
        return "kind__" + key.replace(".", "__")

    def kind_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("kind__")]

    def email_choices(self) -> dict[str, str]:
        return {kind.key: self.cleaned_data[self.field_name(kind.key)] for kind in kinds.all_kinds()}
