from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from hevruta.core.forms import StyledFormMixin

from .models import District, GradeBand, JoinPolicy, Language, Person, PositionRole, Sector, Subject, Visibility


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    subject = forms.ChoiceField(label=_("Subject"), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("Any")), *PositionRole.choices])
    grade_band = forms.ChoiceField(label=_("Grade band"), required=False)
    district = forms.TypedChoiceField(
        label=_("District"), required=False, coerce=int, empty_value=None, choices=[("", _("Any")), *District.choices]
    )
    peripherality_cluster = forms.TypedChoiceField(
        label=_("Peripherality cluster"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any"))] + [(n, str(n)) for n in range(1, 11)],
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[("", _("Any")), *Sector.choices])
    language = forms.ChoiceField(label=_("Language"), required=False)
    network = forms.TypedChoiceField(label=_("Network"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, networks=(), **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        any_choice = [("", _("Any"))]
        self.fields["subject"].choices = any_choice + [(s.slug, s.name) for s in Subject.objects.all()]
        self.fields["grade_band"].choices = any_choice + [(g.slug, g.name) for g in GradeBand.objects.all()]
        self.fields["language"].choices = any_choice + [(lang.code, lang.name) for lang in Language.objects.all()]
        self.fields["network"].choices = any_choice + [(n.pk, n.name) for n in networks]


class ProfileForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "given_name",
            "family_name",
            "phone",
            "bio",
            "bio_language",
            "locality",
            "subjects",
            "grade_bands",
            "languages",
            "strengths",
            "areas_to_develop",
        ]
        widgets = {
            "subjects": forms.CheckboxSelectMultiple,
            "grade_bands": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "strengths": forms.CheckboxSelectMultiple,
            "areas_to_develop": forms.CheckboxSelectMultiple,
            "bio": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }


class PrivacyForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["profile_visibility", "email_visibility", "phone_visibility"]
        widgets = {name: forms.RadioSelect for name in fields}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].choices = Visibility.choices


class RosterUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Roster file (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; at most %(limit)s can be uploaded.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.MAX_UPLOAD_BYTES)}
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Only CSV and XLSX files can be imported."))
        return upload


class JoinRequestForm(StyledFormMixin, forms.Form):
    message = forms.CharField(
        label=_("A word to the managers (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class JoinPolicyForm(StyledFormMixin, forms.Form):
    join_policy = forms.ChoiceField(label=_("Who may join"), choices=JoinPolicy.choices)


class InvitationForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("Email address"), required=False, max_length=254)
    person = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1)
    message = forms.CharField(
        label=_("Personal message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if not cleaned.get("email") and not cleaned.get("person"):
            raise forms.ValidationError(_("Give an email address or choose a person."))
        return cleaned
