from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameFormField
from hevruta.core.forms import StyledFormMixin
from hevruta.core.names import local_name_text
from hevruta.directory.models import Network, OrganizationKind, Position

from .case.importer import max_package_bytes
from .models import AssociationType, Framework, FrameworkStatus, Item, Role
from .services.editing import LINK_TYPES

AUTO = {"dir": "auto"}


def _comma_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class RoleForm(StyledFormMixin, forms.ModelForm):
    organization_kinds = forms.MultipleChoiceField(
        label=_("Where the role exists"),
        choices=OrganizationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Role
        fields = [
            "name",
            "position_role",
            "purpose",
            "responsibilities",
            "organization_kinds",
            "career_track",
            "track_stage",
            "framework",
            "text_language",
        ]
        widgets = {
            "name": forms.TextInput(attrs=AUTO),
            "purpose": forms.Textarea(attrs={"rows": 3, **AUTO}),
            "responsibilities": forms.Textarea(attrs={"rows": 5, **AUTO}),
            "career_track": forms.TextInput(attrs=AUTO),
        }

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Measured by a framework of the network, or one of the public library.
        field = self.fields["framework"]
        field.queryset = Framework.objects.filter(Q(network=network) | Q(network__isnull=True)).exclude(  # type: ignore[attr-defined]
            status=FrameworkStatus.RETIRED
        )
        field.label_from_instance = lambda framework: f"{framework.title} ({framework.get_status_display()})"  # type: ignore[attr-defined]


class AssignForm(StyledFormMixin, forms.Form):
    position = forms.TypedChoiceField(label=_("Position"), coerce=int)

    def __init__(self, *args: Any, positions: list[Position], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = [  # type: ignore[attr-defined]
            (p.pk, f"{p.person.full_name} — {p.title}, {local_name_text(p.organization)}") for p in positions
        ]


class FrameworkForm(StyledFormMixin, forms.ModelForm):
    subject_text = forms.CharField(
        label=_("Subjects"), required=False, help_text=_("Separated by commas."), widget=forms.TextInput(attrs=AUTO)
    )

    class Meta:
        model = Framework
        fields = ["title", "creator", "publisher", "description", "language", "official_source_url", "notes"]
        widgets = {
            "title": forms.TextInput(attrs=AUTO),
            "creator": forms.TextInput(attrs=AUTO),
            "publisher": forms.TextInput(attrs=AUTO),
            "description": forms.Textarea(attrs={"rows": 3, **AUTO}),
            "official_source_url": forms.URLInput(),
            "notes": forms.Textarea(attrs={"rows": 2, **AUTO}),
        }

    def __init__(self, *args: Any, networks: list[Network] | None = None, library: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["subject_text"] = ", ".join(self.instance.subject)
        if networks is not None:
            choices: list[tuple[str, Any]] = [(str(network.pk), local_name_text(network)) for network in networks]
            if library:
                choices.append(("", _("The public library (no network)")))
            self.fields["network"] = forms.ChoiceField(
                label=_("Network"), choices=choices, required=False, widget=forms.Select(attrs={"class": "form-select"})
            )
            self.order_fields(["network"])

    def document_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["subject"] = _comma_list(self.cleaned_data["subject_text"])
        return fields


class ItemForm(StyledFormMixin, forms.ModelForm):
    keywords_text = forms.CharField(label=_("Keywords"), required=False, help_text=_("Separated by commas."))
    education_text = forms.CharField(label=_("Education levels"), required=False, help_text=_("Separated by commas."))

    class Meta:
        model = Item
        fields = [
            "human_coding_scheme",
            "full_statement",
            "abbreviated_statement",
            "item_type",
            "list_enumeration",
            "notes",
            "language",
        ]
        widgets = {
            "human_coding_scheme": forms.TextInput(attrs=AUTO),
            "full_statement": forms.Textarea(attrs={"rows": 3, **AUTO}),
            "abbreviated_statement": forms.TextInput(attrs=AUTO),
            "item_type": forms.TextInput(attrs={"list": "item-types", **AUTO}),
            "list_enumeration": forms.TextInput(),
            "notes": forms.Textarea(attrs={"rows": 2, **AUTO}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["keywords_text"] = ", ".join(self.instance.concept_keywords)
            self.initial["education_text"] = ", ".join(self.instance.education_level)

    def item_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["concept_keywords"] = _comma_list(self.cleaned_data["keywords_text"])
        fields["education_level"] = _comma_list(self.cleaned_data["education_text"])
        return fields


class MoveForm(StyledFormMixin, forms.Form):
    parent = forms.ChoiceField(label=_("Place under"), required=False)
    position = forms.IntegerField(
        label=_("Position among its siblings"), required=False, min_value=1, help_text=_("Empty: last.")
    )

    def __init__(self, *args: Any, parents: list[Item], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", _("The top of the framework"))] + [  # type: ignore[attr-defined]
            (str(item.pk), str(item)) for item in parents
        ]


class LevelForm(StyledFormMixin, forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = NameFormField(label=_("Name"), max_length=200, required=False, widget=forms.TextInput(attrs=AUTO))
    description = forms.CharField(
        label=_("What the level means"), required=False, widget=forms.Textarea(attrs={"rows": 2, **AUTO})
    )


LevelFormSet = forms.formset_factory(LevelForm, extra=1, can_delete=True, can_order=True, max_num=12)


class RubricForm(StyledFormMixin, forms.Form):
    def __init__(self, *args: Any, levels: list, texts: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for level in levels:
            self.fields[f"level_{level.pk}"] = forms.CharField(
                label=level.name,
                required=False,
                initial=texts.get(level.pk, ""),
                widget=forms.Textarea(attrs={"rows": 2, **AUTO}),
            )

    def texts(self) -> dict[int, str]:
        return {int(name.removeprefix("level_")): value for name, value in self.cleaned_data.items()}


class LinkForm(StyledFormMixin, forms.Form):
    association_type = forms.ChoiceField(
        label=_("Kind of link"),
        choices=[(value, label) for value, label in AssociationType.choices if value in LINK_TYPES],
    )
    target = forms.TypedChoiceField(label=_("Item"), coerce=int)

    def __init__(self, *args: Any, targets: list[Item], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(item.pk, str(item)) for item in targets]  # type: ignore[attr-defined]


class ImportForm(StyledFormMixin, forms.Form):
    network = forms.ChoiceField(label=_("Network"), required=False)
    file = forms.FileField(
        label=_("CASE package (JSON)"), required=False, widget=forms.ClearableFileInput(attrs={"accept": ".json"})
    )
    url = forms.URLField(
        label=_("Or the address of a CASE server's document or package"),
        required=False,
        assume_scheme="https",
        help_text=_("For example …/ims/case/v1p0/CFPackages/<identifier>"),
    )
    publish = forms.BooleanField(label=_("Publish right away"), required=False)

    def __init__(self, *args: Any, networks: list[Network], library: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [(str(network.pk), local_name_text(network)) for network in networks]
        if library:
            choices.append(("", _("The public library (no network)")))
        self.fields["network"].choices = choices  # type: ignore[attr-defined]

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data.get("file")
        if upload and upload.size > max_package_bytes():
            raise forms.ValidationError(
                _("The file is %(size)s MB; at most %(limit)s MB can be imported.")
                % {"size": round(upload.size / 1e6, 1), "limit": round(max_package_bytes() / 1e6, 1)}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("file")) == bool(cleaned.get("url")):
            raise forms.ValidationError(_("Upload a file or give an address, one of the two."))
        return cleaned
