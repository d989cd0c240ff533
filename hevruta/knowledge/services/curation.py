"""The way to publication: submit, review with the rubric, return or publish; curators of a network."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hevruta.directory.models import Network, NetworkMembership, Person
from hevruta.insights import activity
from hevruta.notifications.services import notify

from ..models import AWAITING_REVIEW, RUBRIC, Curator, Decision, Resource, Review, ReviewReply, Status
from ..notices import RESOURCE_REVIEWED
from ..queries.visibility import forget_knowledge_viewer, users_who_may_see
from .indexing import reindex_on_commit
from .resources import record_version

MAX_COMMENT_CHARS = 20_000


def _locked(resource: Resource) -> Resource:
    return Resource.objects.select_for_update().get(pk=resource.pk)


@transaction.atomic
def submit_resource(resource: Resource) -> Resource:
    """The author asks the network's curators to review it; everything written stays as it is."""
    resource = _locked(resource)
    if resource.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError(_("Only a draft or a returned resource can be submitted for review."))
    resource.status = Status.SUBMITTED
    resource.submitted_at = timezone.now()
    resource.save(update_fields=["status", "submitted_at", "updated_at"])
    return resource


@transaction.atomic
def start_review(resource: Resource) -> Resource:
    """A curator takes it up: while in review the author's text holds still."""
    resource = _locked(resource)
    if resource.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted resource can be taken into review."))
    resource.status = Status.IN_REVIEW
    resource.save(update_fields=["status", "updated_at"])
    return resource


@dataclass
class ReviewInput:
    decision: str
    accuracy: int
    classroom_readiness: int
    clarity: int
    alignment: int
    comments: str = ""


def _validate_review(data: ReviewInput) -> None:
    errors: dict[str, list[str]] = {}
    if data.decision not in Decision.values:
        errors["decision"] = [_("Choose to publish it or to return it to the author.")]
    for name in RUBRIC:
        value = getattr(data, name)
        if not isinstance(value, int) or not 1 <= value <= 4:
            errors[name] = [_("A score from 1 to 4.")]
    data.comments = (data.comments or "").strip()
    if data.decision == Decision.RETURN and not data.comments:
        errors["comments"] = [_("Tell the author what to change: a returned resource needs comments.")]
    if len(data.comments) > MAX_COMMENT_CHARS:
        errors["comments"] = [_("Comments are limited to %(limit)s characters.") % {"limit": MAX_COMMENT_CHARS}]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def review_resource(resource: Resource, reviewer: Person, data: ReviewInput) -> Review:
    """Publish it (its first version is kept) or return it with comments (nothing the author wrote is lost)."""
    _validate_review(data)
    resource = _locked(resource)
    if resource.status not in AWAITING_REVIEW:
        raise ValidationError(_("This resource is not waiting for review."))
    review = Review.objects.create(
        resource=resource,
        reviewer=reviewer,
        decision=data.decision,
        accuracy=data.accuracy,
        classroom_readiness=data.classroom_readiness,
        clarity=data.clarity,
        alignment=data.alignment,
        comments=data.comments,
    )
    if data.decision == Decision.PUBLISH:
        resource.status = Status.PUBLISHED
        resource.published_at = timezone.now()
        resource.save(update_fields=["status", "published_at", "updated_at"])
        record_version(resource, resource.created_by, _("Published"))
        reindex_on_commit(resource.pk)
        activity.record(
            "knowledge.resource_published",
            person=resource.created_by,
            network=resource.network,
            subject=resource,
            occurred_at=resource.published_at,
        )
    else:
        resource.status = Status.RETURNED
        resource.save(update_fields=["status", "updated_at"])
    _tell_authors(resource, review, reviewer)
    return review


def _tell_authors(resource: Resource, review: Review, reviewer: Person) -> None:
    """Its authors hear of the decision (they always may see their own resource)."""
    authors = Person.objects.filter(knowledge_authorships__resource=resource)
    notify(
        users_who_may_see(resource, authors),
        RESOURCE_REVIEWED,
        url=reverse("knowledge:detail", args=[resource.pk]),
        context={"title": resource.title, "decision": review.decision},
        actor=reviewer.user if reviewer.user_id else None,
    )


@transaction.atomic
def reply_to_review(review: Review, author: Person, text: str) -> ReviewReply:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write an answer first.")]})
    if len(text) > MAX_COMMENT_CHARS:
        raise ValidationError(
            {"text": [_("An answer is limited to %(limit)s characters.") % {"limit": MAX_COMMENT_CHARS}]}
        )
    return ReviewReply.objects.create(review=review, author=author, text=text)


# Curators -------------------------------------------------------------------------------------------


def _forget(person: Person) -> None:
    forget_knowledge_viewer(person.user if person.user_id else None)


@transaction.atomic
def add_curator(network: Network, person: Person, added_by: Person | None) -> Curator:
    if not NetworkMembership.objects.filter(network=network, person=person).exists():
        raise ValidationError({"email": [_("A curator must be a member of the network.")]})
    curator, _created = Curator.objects.get_or_create(network=network, person=person, defaults={"added_by": added_by})
    _forget(person)
    return curator


@transaction.atomic
def remove_curator(network: Network, person: Person) -> None:
    Curator.objects.filter(network=network, person=person).delete()
    _forget(person)
