"""Writing resources: create, edit (with versions once published), attachments. One transaction each."""

import re
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from hevruta.directory.models import Network, Organization, Person, PositionRole

from ..models import (
    MAX_BODY_CHARS,
    MAX_TITLE_CHARS,
    Attachment,
    Authorship,
    Extraction,
    FileType,
    Licence,
    Resource,
    ResourceKind,
    ResourceLink,
    ResourceTag,
    ResourceVersion,
    Status,
    TagKind,
)
from ..models.choices import MAX_ATTACHMENTS, MAX_LINKS, MAX_TAGS
from ..rendering import render_markdown
from ..uploads import check_upload
from .indexing import reindex_on_commit
from .inputs import ResourceInput, Upload
from .versions import input_from_version, record_version

_HEBREW = re.compile("[\u0590-\u05ff]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN = re.compile("[A-Za-z]")


def guess_language(*texts: str) -> str:
    """The script most letters are written in, for texts that arrive without a stated language."""
    sample = " ".join(texts)[:5000]
    counts = {
        "he": len(_HEBREW.findall(sample)),
        "ar": len(_ARABIC.findall(sample)),
        "en": len(_LATIN.findall(sample)),
    }
    return max(counts, key=lambda code: counts[code]) if any(counts.values()) else "he"


_URL = URLValidator(schemes=["http", "https"])


def _url_error(url: str) -> bool:
    try:
        _URL(url)
    except ValidationError:
        return True
    return len(url) > 500


def clean_tags(values: Sequence[str]) -> list[str]:
    """Tags as typed, trimmed, without repeats; a tag is at most 60 characters."""
    seen: dict[str, None] = {}
    for value in values:
        tag = " ".join(str(value).split())[:60]
        if tag:
            seen.setdefault(tag, None)
    return list(seen)


def validate(data: ResourceInput) -> None:
    """Every rule of a resource's content, with a message a person can act on."""
    errors: dict[str, list[str]] = {}
    data.title = " ".join((data.title or "").split())
    data.body = (data.body or "").replace("\x00", "")
    if not data.title:
        errors.setdefault("title", []).append(_("A resource needs a title."))
    elif len(data.title) > MAX_TITLE_CHARS:
        errors.setdefault("title", []).append(
            _("The title is %(length)s characters long; at most %(limit)s are accepted.")
            % {"length": len(data.title), "limit": MAX_TITLE_CHARS}
        )
    if len(data.body) > MAX_BODY_CHARS:
        errors.setdefault("body", []).append(
            _(
                "The text is %(length)s characters long; at most %(limit)s are accepted. "
                "Attach a long document as a file, or split it into several resources."
            )
            % {"length": f"{len(data.body):,}", "limit": f"{MAX_BODY_CHARS:,}"}
        )
    if data.kind not in ResourceKind.values:
        errors.setdefault("kind", []).append(_("Choose the type of resource."))
    if data.licence not in Licence.values:
        errors.setdefault("licence", []).append(_("Choose a licence."))
    if data.language and data.language not in ("he", "ar", "en"):
        errors.setdefault("language", []).append(_("The text can be in Hebrew, Arabic or English."))
    if data.video_url and _url_error(data.video_url):
        errors.setdefault("video_url", []).append(_("The video address must be a web address (http or https)."))
    _validate_lists(data, errors)
    if errors:
        raise ValidationError(errors)


def _validate_lists(data: ResourceInput, errors: dict[str, list[str]]) -> None:
    data.role_tags = clean_tags(data.role_tags)
    data.keywords = clean_tags(data.keywords)
    # The roles come from the list the directory files positions under and standards roles map onto.
    unknown = [role for role in data.role_tags if role not in PositionRole.values]
    if unknown:
        errors.setdefault("role_tags", []).append(
            _("Unknown roles: %(roles)s. Choose from: %(known)s.")
            % {"roles": ", ".join(unknown[:5]), "known": ", ".join(PositionRole.values)}
        )
    for name, values in (("role_tags", data.role_tags), ("keywords", data.keywords)):
        if len(values) > MAX_TAGS:
            errors.setdefault(name, []).append(_("At most %(limit)s tags.") % {"limit": MAX_TAGS})
    if len(data.links) > MAX_LINKS:
        errors.setdefault("links", []).append(_("At most %(limit)s links.") % {"limit": MAX_LINKS})
    bad = [url for url, _label in data.links if _url_error(url)]
    if bad:
        errors.setdefault("links", []).append(
            _("These are not web addresses (http or https): %(urls)s") % {"urls": ", ".join(bad[:5])}
        )


def check_network(person: Person, network: Network) -> None:
    """A resource is written into a network its author belongs to (or curates)."""
    from hevruta.directory.models import NetworkMembership

    from ..models import Curator

    if NetworkMembership.objects.filter(network=network, person=person).exists():
        return
    if Curator.objects.filter(network=network, person=person).exists():
        return
    raise PermissionDenied(_("You can add resources only to networks you belong to."))


def check_uploads(resource: Resource | None, uploads: Sequence[Upload]) -> None:
    already = resource.attachments.count() if resource is not None and resource.pk else 0
    if already + len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": [_("A resource can have at most %(limit)s attachments.") % {"limit": MAX_ATTACHMENTS}]}
        )
    problems = []
    for upload in uploads:
        try:
            upload.checked = check_upload(upload.name, upload.handle, upload.size)
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError({"attachments": problems})


@transaction.atomic
def create_resource(person: Person, data: ResourceInput, uploads: Sequence[Upload] = ()) -> Resource:
    """A new draft, credited to its writer first. Nothing is written unless all of it is valid."""
    validate(data)
    check_network(person, data.network)
    check_uploads(None, uploads)
    resource = Resource(network=data.network, status=Status.DRAFT, created_by=person)
    _apply_fields(resource, data)
    resource.adapted_from = data.adapted_from
    resource.save()
    _apply_relations(resource, data, person)
    _save_attachments(resource, person, uploads)
    return resource


@transaction.atomic
def update_resource(
    resource: Resource, person: Person, data: ResourceInput, *, note: str = "", uploads: Sequence[Upload] = ()
) -> Resource:
    """Change a resource. Once published, every change that alters it is kept as a new version."""
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    data.network = resource.network  # a resource stays in the network whose curators accepted it
    validate(data)
    check_uploads(resource, uploads)
    _apply_fields(resource, data)
    resource.save()
    _apply_relations(resource, data, resource.created_by or person)
    _save_attachments(resource, person, uploads)
    if resource.status == Status.PUBLISHED:
        record_version(resource, person, note or _("Edited"))
        reindex_on_commit(resource.pk)
    return resource


def _apply_fields(resource: Resource, data: ResourceInput) -> None:
    resource.kind = data.kind
    resource.title = data.title
    resource.body = data.body
    resource.body_html = render_markdown(data.body)
    resource.language = data.language or guess_language(data.title, data.body)
    resource.licence = data.licence
    resource.video_url = data.video_url


def _apply_relations(resource: Resource, data: ResourceInput, creator: Person) -> None:
    resource.subjects.set(data.subjects)
    resource.grade_bands.set(data.grade_bands)
    resource.topics.set(data.topics)
    ResourceTag.objects.filter(resource=resource).delete()
    ResourceTag.objects.bulk_create(
        [ResourceTag(resource=resource, kind=TagKind.ROLE, value=tag) for tag in data.role_tags]
        + [ResourceTag(resource=resource, kind=TagKind.KEYWORD, value=tag) for tag in data.keywords]
    )
    ResourceLink.objects.filter(resource=resource).delete()
    ResourceLink.objects.bulk_create(
        [
            ResourceLink(resource=resource, url=url, label=label[:200], order=order)
            for order, (url, label) in enumerate(data.links)
        ]
    )
    _apply_authors(resource, creator, data.co_authors, data.organizations)


def _apply_authors(
    resource: Resource, creator: Person, people: Sequence[Person], organizations: Sequence[Organization]
) -> None:
    # The one who wrote it first is always credited first, and stays an author.
    ordered_people = list({person.pk: person for person in [creator, *people]}.values())
    ordered_organizations = list({organization.pk: organization for organization in organizations}.values())
    Authorship.objects.filter(resource=resource).delete()
    Authorship.objects.bulk_create(
        [Authorship(resource=resource, person=person, order=order) for order, person in enumerate(ordered_people)]
        + [
            Authorship(resource=resource, organization=organization, order=len(ordered_people) + order)
            for order, organization in enumerate(ordered_organizations)
        ]
    )


_READABLE = (FileType.PDF, FileType.DOCUMENT)


def _save_attachments(resource: Resource, person: Person, uploads: Sequence[Upload]) -> list[Attachment]:
    saved = []
    for upload in uploads:
        checked = upload.checked or check_upload(upload.name, upload.handle, upload.size)
        readable = checked.file_type == FileType.PDF or checked.name.lower().endswith(".docx")
        attachment = Attachment(
            resource=resource,
            original_name=checked.name,
            file_type=checked.file_type,
            mime_type=checked.mime_type,
            size=checked.size,
            uploaded_by=person,
            extraction=Extraction.PENDING if readable else Extraction.NOT_APPLICABLE,
        )
        upload.handle.seek(0)
        attachment.file.save(checked.name, File(upload.handle), save=False)
        attachment.save()
        saved.append(attachment)
        if readable:
            _extract_on_commit(attachment.pk)
    return saved


def _extract_on_commit(attachment_id: int) -> None:
    from ..tasks import extract_attachment_text

    transaction.on_commit(lambda: extract_attachment_text.enqueue(attachment_id))


@transaction.atomic
def add_attachments(resource: Resource, person: Person, uploads: Sequence[Upload]) -> list[Attachment]:
    check_uploads(resource, uploads)
    saved = _save_attachments(resource, person, uploads)
    if resource.status == Status.PUBLISHED:
        reindex_on_commit(resource.pk)
    return saved


@transaction.atomic
def remove_attachment(attachment: Attachment) -> None:
    resource_id, status = attachment.resource_id, attachment.resource.status
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    # The file goes only once the row is surely gone.
    transaction.on_commit(lambda: storage.delete(name) if name else None)
    if status == Status.PUBLISHED:
        reindex_on_commit(resource_id)


@transaction.atomic
def store_extracted_text(attachment_id: int, text: str, extraction: str) -> None:
    updated = Attachment.objects.filter(pk=attachment_id).update(text=text, extraction=extraction)
    resource_id = Attachment.objects.filter(pk=attachment_id).values_list("resource_id", flat=True).first()
    if updated and resource_id and Resource.objects.filter(pk=resource_id, status=Status.PUBLISHED).exists():
        reindex_on_commit(resource_id)


@transaction.atomic
def restore_version(resource: Resource, person: Person, number: int) -> ResourceVersion:
    """Bring back an earlier version as a new one: history is never rewritten."""
    # No select_related here: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    if resource.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published resource has versions to restore."))
    version = resource.versions.filter(number=number).first()
    if version is None:
        raise ValidationError(_("There is no version %(number)s.") % {"number": number})
    data = input_from_version(resource, version)
    _apply_fields(resource, data)
    resource.save()
    _apply_relations(resource, data, resource.created_by or person)
    restored = record_version(
        resource, person, _("Restored version %(number)s") % {"number": number}, restored_from=number
    )
    reindex_on_commit(resource.pk)
    assert restored is not None  # restoring always records a version
    return restored
