from django import forms
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameFormField
from hevruta.core.forms import StyledFormMixin


class ApiTokenForm(StyledFormMixin, forms.Form):
    name = NameFormField(label=_("What is the token for?"), max_length=100)
    days_valid = forms.IntegerField(
        label=_("Valid for (days)"), required=False, min_value=1, max_value=3650, help_text=_("Empty: until revoked.")
    )
