"""Selects offer the site's own empty choice (translated with the site), not Django's "- Select an option -"."""

from django import forms
from django.utils import translation

from hevruta.directory.models import Organization


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["kind", "sector", "locality"]


def test_model_selects_use_our_empty_choice(db) -> None:
    with translation.override("he"):
        html = str(OrganizationForm())
    assert "Select an option" not in html
    with translation.override("en"):
        html = str(OrganizationForm())
    assert html.count("Choose…") >= 2  # the sector (a choice field) and the locality (a foreign key)
