"""Communities' forms: they parse; the rules of content live in services (shared with the API)."""

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hevruta.core.fields import NameFormField
from hevruta.core.forms import StyledFormMixin
from hevruta.directory.models import Network, PositionRole, Subject
from hevruta.knowledge.uploads import ALLOWED_EXTENSIONS

from .models import MAX_POST_CHARS, Community, CommunityVisibility, ReactionKind
from .services import CommunityInput, Upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def uploads_from(files: list) -> list[Upload]:
    return [Upload(name=upload.name or "file", handle=upload.file, size=upload.size) for upload in files]


class CommunityForm(StyledFormMixin, forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    name = NameFormField(label=_("Name"), max_length=1000, widget=forms.TextInput(attrs={"dir": "auto"}))
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )
    visibility = forms.ChoiceField(
        label=_("Who may see it"), choices=CommunityVisibility.choices, widget=forms.RadioSelect
    )
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects"), required=False, queryset=Subject.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    roles = forms.MultipleChoiceField(
        # Its own string: the knowledge center's "Roles it serves" speaks of a resource.
        label=pgettext_lazy("community form", "Roles it serves"),
        required=False,
        choices=PositionRole.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    report_threshold = forms.IntegerField(
        label=_("Reports that hide a post"),
        initial=3,
        min_value=1,
        max_value=50,
        help_text=_("A post reported by this many members is hidden until a facilitator decides."),
    )

    def __init__(self, *args: Any, networks: Any = None, community: Community | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if community is not None:
            del self.fields["network"]
        else:
            self.fields["network"].queryset = networks  # type: ignore[attr-defined]

    def to_input(self) -> CommunityInput:
        data = self.cleaned_data
        return CommunityInput(
            name=data["name"],
            purpose=data.get("purpose", ""),
            visibility=data["visibility"],
            subjects=list(data.get("subjects") or []),
            roles=list(data.get("roles") or []),
            report_threshold=data["report_threshold"],
        )


def initial_for(community: Community) -> dict:
    return {
        "name": community.name,
        "purpose": community.purpose,
        "visibility": community.visibility,
        "subjects": list(community.subjects.all()),
        "roles": community.roles,
        "report_threshold": community.report_threshold,
    }


class PostForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Your post"),
        strip=False,
        # The service says how long a post may be, in words a person understands; this only stops a flood.
        max_length=MAX_POST_CHARS * 40,
        help_text=_("Markdown: **bold**, lists, links. Mention a member with @[their full name]."),
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        error_messages={"required": _("Write something before posting.")},
    )
    attachments = MultipleFileField(
        label=_("Attachments"), help_text=_("PDF, images and office files, up to 10 MB each.")
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PostEditForm(StyledFormMixin, forms.Form):
    body = PostForm.base_fields["body"]
    attachments = MultipleFileField(
        label=_("Add attachments"), help_text=_("PDF, images and office files, up to 10 MB each.")
    )


class ThreadForm(PostForm):
    title = NameFormField(
        label=_("Title"),
        max_length=1000,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={"required": _("A thread needs a title.")},
    )
    field_order = ["title", "body", "attachments"]


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False, max_length=5000)


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReactionKind.choices)


class ShareForm(StyledFormMixin, forms.Form):
    resource = forms.CharField(
        label=_("The resource's address or number"),
        max_length=500,
        help_text=_("Copy it from the resource's page in the knowledge center."),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    note = forms.CharField(label=_("Why it is useful"), required=False, max_length=500)

    def clean_resource(self) -> int:
        numbers = re.findall(r"\d+", self.cleaned_data["resource"])
        if not numbers:
            raise forms.ValidationError(_("Paste the resource's address (…/knowledge/12/) or its number."))
        return int(numbers[-1][:12])
