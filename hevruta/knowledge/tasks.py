"""Background work: reading attachments' text and keeping the search index in step."""

from django.tasks import task

from .extraction import extract_text
from .models import Attachment, Resource, Status


@task()
def extract_attachment_text(attachment_id: int) -> str:
    """Read a PDF's or DOCX's words; a broken file ends as empty text, never as a broken resource."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        return "gone"
    from .services import store_extracted_text

    try:
        with attachment.file.open("rb") as handle:
            text, status = extract_text(attachment.file_type, attachment.original_name, handle)
    except OSError:
        text, status = "", "failed"
    store_extracted_text(attachment.pk, text, status)
    return status


@task()
def index_resource(resource_id: int) -> str:
    """Put a published resource into the index, or take out one that is no longer published."""
    from . import search

    resource = Resource.objects.filter(pk=resource_id).first()
    if resource is None or resource.status != Status.PUBLISHED:
        search.remove(resource_id)
        return "removed"
    search.index(resource)
    return "indexed"
