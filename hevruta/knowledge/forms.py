"""The knowledge app's forms. They parse; the rules of content live in services (shared with the API)."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hevruta.core.fields import NameFormField
from hevruta.core.forms import StyledFormMixin
from hevruta.core.models import ContentLanguage
from hevruta.directory.models import GradeBand, Network, Organization, PositionRole, Subject, Topic

from .models import RUBRIC, CollectionVisibility, Decision, Licence, Resource, ResourceKind, TagKind
from .queries import knowledge_viewer, resolve_co_authors
from .services import ResourceInput, Upload
from .uploads import ALLOWED_EXTENSIONS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); the checks are the services'."""

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


def split_list(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").replace("،", ",").split(",") if part.strip()]


def parse_links(text: str) -> list[tuple[str, str]]:
    """One link a line: the address, then optionally its title after a space."""
    links = []
    for line in (text or "").splitlines():
        url, _space, label = line.strip().partition(" ")
        if url:
            links.append((url, label.strip()))
    return links


def _choices_from(field: forms.Field, queryset: Any) -> None:
    field.queryset = queryset  # type: ignore[attr-defined]


def _checkboxes() -> forms.CheckboxSelectMultiple:
    return forms.CheckboxSelectMultiple()


class ResourceForm(StyledFormMixin, forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    kind = forms.ChoiceField(label=_("Type"), choices=ResourceKind.choices)
    title = NameFormField(
        label=_("Title"),
        max_length=1000,  # the service says how long a title may be, in words a person understands
        error_messages={"required": _("A resource needs a title.")},
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"),
        required=False,
        choices=[("", _("Find out from the text")), *ContentLanguage.choices],
    )
    body = forms.CharField(
        label=_("Text"),
        required=False,
        strip=False,
        help_text=_("Markdown: # headings, **bold**, lists, links and tables."),
        widget=forms.Textarea(attrs={"rows": 14, "dir": "auto"}),
    )
    licence = forms.ChoiceField(label=_("Licence"), choices=Licence.choices, initial=Licence.CC_BY)
    video_url = forms.CharField(
        label=_("Video (YouTube, Vimeo or another site)"),
        required=False,
        max_length=1000,
        help_text=_("Shown as a link: this site does not embed players from other sites."),
        widget=forms.URLInput(attrs={"dir": "ltr"}),
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        help_text=_("One a line: the address, then a title."),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects"), required=False, queryset=Subject.objects.all(), widget=_checkboxes()
    )
    grade_bands = forms.ModelMultipleChoiceField(
        label=_("Grade bands"), required=False, queryset=GradeBand.objects.all(), widget=_checkboxes()
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), required=False, queryset=Topic.objects.all(), widget=_checkboxes()
    )
    role_tags = forms.MultipleChoiceField(
        label=_("Roles it serves"), required=False, choices=PositionRole.choices, widget=_checkboxes()
    )
    keywords = forms.CharField(label=_("Keywords"), required=False, widget=forms.TextInput(attrs={"dir": "auto"}))
    co_authors = forms.CharField(
        label=_("Co-authors"),
        required=False,
        help_text=_(
            "Email addresses of members of the network, separated by commas. Authors are credited "
            "by name to those who may see their profile."
        ),
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    organizations = forms.ModelMultipleChoiceField(
        label=_("Organizations among the authors"),
        required=False,
        queryset=Organization.objects.none(),
        widget=_checkboxes(),
    )
    attachments = MultipleFileField(
        label=_("Attachments"),
        help_text=_("PDF, images and office files, up to 10 MB each."),
    )
    change_note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=300,
        help_text=_("Kept in the history beside this version."),
    )

    def __init__(self, *args: Any, user: Any, resource: Resource | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.resource = user, resource
        viewer = knowledge_viewer(user)
        _choices_from(
            self.fields["network"], Network.objects.filter(pk__in=viewer.readable_network_ids).order_by("name")
        )
        _choices_from(self.fields["organizations"], _author_organizations(viewer, resource))
        if resource is not None:
            del self.fields["network"]
        if resource is None or not resource.is_published:
            del self.fields["change_note"]

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        network = self.resource.network if self.resource else cleaned.get("network")
        if network is not None:
            people, unknown = resolve_co_authors(network, split_list(cleaned.get("co_authors", "")))
            if unknown:
                self.add_error(
                    "co_authors",
                    _("No member of the network has the address %(emails)s.") % {"emails": ", ".join(unknown)},
                )
            cleaned["co_author_people"] = people
        return cleaned

    def to_input(self) -> ResourceInput:
        data = self.cleaned_data
        return ResourceInput(
            network=self.resource.network if self.resource else data["network"],
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            language=data["language"],
            licence=data["licence"],
            video_url=data["video_url"].strip(),
            subjects=list(data["subjects"]),
            grade_bands=list(data["grade_bands"]),
            topics=list(data["topics"]),
            role_tags=list(data["role_tags"]),
            keywords=split_list(data["keywords"]),
            links=parse_links(data["links"]),
            co_authors=data.get("co_author_people", []),
            organizations=list(data["organizations"]),
        )

    def uploads(self) -> list[Upload]:
        return uploads_from(self.cleaned_data.get("attachments") or [])


def _author_organizations(viewer: Any, resource: Resource | None) -> Any:
    """Where the writer works, the network's member organizations, and those already credited."""
    condition = Q(positions__person_id=viewer.person_id) | Q(network_links__network_id__in=viewer.network_ids)
    if resource is not None:
        condition |= Q(knowledge_authorships__resource=resource)
    ids = Organization.objects.filter(condition).values("pk")
    return Organization.objects.filter(pk__in=ids).order_by("name")[:200]


def initial_for(resource: Resource) -> dict:
    """A resource's current content as the edit form's starting values: nothing typed is lost."""
    tags = list(resource.tags.all())
    authorships = list(resource.authorships.select_related("person", "organization"))
    return {
        "kind": resource.kind,
        "title": resource.title,
        "language": resource.language,
        "body": resource.body,
        "licence": resource.licence,
        "video_url": resource.video_url,
        "links": "\n".join(f"{link.url} {link.label}".strip() for link in resource.links.all()),
        "subjects": list(resource.subjects.all()),
        "grade_bands": list(resource.grade_bands.all()),
        "topics": list(resource.topics.all()),
        "role_tags": [tag.value for tag in tags if tag.kind == TagKind.ROLE],
        "keywords": ", ".join(tag.value for tag in tags if tag.kind == TagKind.KEYWORD),
        "co_authors": ", ".join(
            a.person.email or ""
            for a in authorships
            if a.person_id and a.person_id != resource.created_by_id and a.person and a.person.email
        ),
        "organizations": [a.organization for a in authorships if a.organization_id],
    }


class AttachmentForm(StyledFormMixin, forms.Form):
    attachments = MultipleFileField(label=_("Add attachments"))


_SCORES = [(n, str(n)) for n in range(1, 5)]


class ReviewForm(StyledFormMixin, forms.Form):
    accuracy = forms.TypedChoiceField(label=_("Accuracy"), choices=_SCORES, coerce=int, widget=forms.RadioSelect)
    classroom_readiness = forms.TypedChoiceField(
        label=_("Classroom readiness"), choices=_SCORES, coerce=int, widget=forms.RadioSelect
    )
    clarity = forms.TypedChoiceField(label=_("Clarity"), choices=_SCORES, coerce=int, widget=forms.RadioSelect)
    alignment = forms.TypedChoiceField(
        label=_("Alignment to subjects, grades and roles"), choices=_SCORES, coerce=int, widget=forms.RadioSelect
    )
    comments = forms.CharField(
        label=_("Comments to the author"), required=False, widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"})
    )
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect)

    field_order = [*RUBRIC, "comments", "decision"]


class ReplyForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))


class UseReportForm(StyledFormMixin, forms.Form):
    used_on = forms.DateField(
        label=_("When"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    subject = forms.ModelChoiceField(label=_("Subject"), required=False, queryset=Subject.objects.all())
    grade_band = forms.ModelChoiceField(label=_("Grade band"), required=False, queryset=GradeBand.objects.all())
    grade = forms.CharField(label=_("Grade or class"), required=False, max_length=40)
    students = forms.IntegerField(label=_("Number of students"), min_value=1, max_value=1000)
    rating = forms.TypedChoiceField(
        label=_("How well did it work? (1–5)"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    how_it_went = forms.CharField(
        label=_("How it went"), required=False, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"})
    )
    is_public = forms.BooleanField(
        label=_("Show my name with this report"),
        required=False,
        help_text=_("Otherwise the report is counted by district and cluster only, never with your name."),
    )
    adaptation_title = NameFormField(
        label=_("Title of your adaptation"),
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    adaptation_body = forms.CharField(
        label=_("What you changed"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )
    adaptation_files = MultipleFileField(label=_("Your adapted files"))
    adaptation_network = forms.ModelChoiceField(
        label=_("Share the adaptation in"), required=False, queryset=Network.objects.none()
    )

    def __init__(self, *args: Any, user: Any, resource: Resource, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        networks = Network.objects.filter(pk__in=knowledge_viewer(user).network_ids).order_by("name")
        _choices_from(self.fields["adaptation_network"], networks)
        if resource.network_id in knowledge_viewer(user).network_ids:
            self.fields["adaptation_network"].initial = resource.network_id

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        wants_adaptation = cleaned.get("adaptation_files") or cleaned.get("adaptation_title")
        if wants_adaptation and not cleaned.get("adaptation_title"):
            self.add_error("adaptation_title", _("Give your adaptation a title."))
        if wants_adaptation and not cleaned.get("adaptation_network"):
            self.add_error("adaptation_network", _("Choose a network of yours to share the adaptation in."))
        return cleaned


class CollectionForm(StyledFormMixin, forms.Form):
    name = NameFormField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"}))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"})
    )
    visibility = forms.ChoiceField(
        label=_("Who may see it"), choices=CollectionVisibility.choices, widget=forms.RadioSelect
    )
    network = forms.ModelChoiceField(label=_("Network"), required=False, queryset=Network.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices_from(
            self.fields["network"], Network.objects.filter(pk__in=knowledge_viewer(user).network_ids).order_by("name")
        )


class CuratorForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("Email of a member of the network"))
