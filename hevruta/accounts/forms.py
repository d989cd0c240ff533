from django import forms
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameFormField
from hevruta.core.forms import StyledFormMixin


class ApiTokenForm(StyledFormMixin, forms.Form):
    name = NameFormField(label=_("What is the token for?"), max_length=100)
    days_valid = forms.IntegerField(
        label=_("Valid for (days)"), required=False, min_value=1, max_value=3650, help_text=_("Empty: until revoked.")
    )


class SignupNamesForm(forms.Form):
    """Added to allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS): the directory profile starts with a name."""

    first_name = forms.CharField(label=_("Given name"), max_length=100)
    last_name = forms.CharField(label=_("Family name"), max_length=100)

    def signup(self, request, user) -> None:  # type: ignore[no-untyped-def]
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])
