"""The one API object; each app brings its router (`<app>/api.py`) and its schemas (`<app>/schemas.py`).

Operation ids are the endpoints' function names, unique across the project; every error an endpoint
can answer is documented with its body (see `document_errors`).
"""

import math
from typing import Any

from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled
from ninja.operation import Operation

from hevruta.accounts.api import router as accounts_router
from hevruta.communities.api import router as communities_router
from hevruta.consultations.api import router as consultations_router
from hevruta.credentials.api import router as credentials_router
from hevruta.directory.api import router as directory_router
from hevruta.events.api import router as events_router
from hevruta.insights.api import router as insights_router
from hevruta.knowledge.api import router as knowledge_router
from hevruta.mentoring.api import router as mentoring_router
from hevruta.mentoring.api import supervision_router
from hevruta.notifications.api import router as notifications_router
from hevruta.outcomes.api import router as outcomes_router
from hevruta.programs.api import router as programs_router
from hevruta.standards.api import router as standards_router
from hevruta.surveys.api import router as surveys_router

from .auth import Anonymous
from .jobs import router as jobs_router
from .openapi import document_errors
from .search import router as search_router
from .throttles import REQUEST_THROTTLES, failed_auth

DESCRIPTION = """\
Hevruta is a platform for professional learning networks in education. Its API covers:

- **directory**: people, organizations, localities (with their peripherality), networks and their
  members; roster import;
- **standards**: roles (job definitions) and standards frameworks with their items, performance levels
  and rubrics; CASE 1.1 import and export (the CASE service itself is at `/ims/case/v1p1/`);
- **knowledge**: the center of expertise's resources, their curation, versions, following and use reports;
- **communities**: communities of practice, their members, threads, posts, reactions, reports and moderation;
- **credentials**: Open Badges 3.0 verifiable credentials: read, verify, revoke;
- **programs**: programs, cohorts, sessions and attendance, evidence and reviews, supervision,
  accreditation decisions, credentials and alumni;
- **mentoring**: mentoring and supervision programs, applications, matching runs with the reasons of each
  pair, relationships, meetings (summaries only to the pair unless shared), private notes and assessments.
- **account**: one's own preferences (language, the Hebrew date beside the Gregorian one).
- **outcomes**, **insights**, **surveys**: a program's or a network's indicators with targets and
  measurements, its dashboard's data (the rows behind each chart), and surveys' aggregated results,
  for those who run the program or network.
- **consultations**: asking the network about an area to develop, peers suggested with their reasons,
  invitations, the thread, outcomes, ratings and endorsements of strengths.
- **search**: one query across resources, events, communities, people and organizations, each kind
  under its own rules of who sees what;
- **events**: meetings, conferences, tours and series; registration with its waitlist, invitations,
  check-in and attendance, the iCalendar of an event and one's calendar address, certificates of
  attendance and their verification, the summary after the event.

Authenticate with a personal token (`Authorization: Bearer <token>`, made on the account page or with
`manage.py create_token`); without one you read what is public. Errors are JSON with a `detail`: a
sentence in the language of `Accept-Language` (English, Hebrew or Arabic), or for 422 the list of
fields refused. Requests are rate limited (429 with `Retry-After`).
"""


class HevrutaAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # Function names are verbs with their object (`list_people`, `review_evidence`); a test keeps them unique.
        return operation.view_func.__name__

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return document_errors(self, super().get_openapi_schema(*args, **kwargs))


api = HevrutaAPI(
    title="Hevruta API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    throttle=REQUEST_THROTTLES,
)
api.add_router("/", directory_router)
api.add_router("/", standards_router)
api.add_router("/", knowledge_router)
api.add_router("/", communities_router)
api.add_router("/", credentials_router)
api.add_router("/programs", programs_router)
# In-service supervision is mentoring's (docs/architecture.md) and keeps its address under /programs.
api.add_router("/programs", supervision_router)
api.add_router("/mentoring", mentoring_router)
api.add_router("/outcomes", outcomes_router)
api.add_router("/insights", insights_router)
api.add_router("/surveys", surveys_router)
api.add_router("/", notifications_router)
api.add_router("/", jobs_router)
api.add_router("/", search_router)
api.add_router("/", accounts_router)
api.add_router("/consultations", consultations_router)
api.add_router("/events", events_router)


def _error(request: HttpRequest, message: str, status: int, **extra: object) -> HttpResponse:
    return api.create_response(request, {"detail": message, **extra}, status=status)


def _too_many(request: HttpRequest, wait: float | None) -> HttpResponse:
    response = _error(request, _("Too many requests; try again later."), 429)
    response["Retry-After"] = str(max(1, math.ceil(wait or 1)))
    return response


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Only credentials that were sent and refused count toward the limit; a visitor with none is just asked.
    if Anonymous.sent_credentials(request) and not failed_auth.record_failure(request):
        return _too_many(request, failed_auth.wait())
    return _error(request, "Authentication required: send a valid token as 'Authorization: Bearer <token>'.", 401)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return _too_many(request, exc.wait)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, str(exc) or "You may not do this.", 403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, str(exc) or "Not found.", 404)


@api.exception_handler(IntegrityError)
def conflict(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, "This conflicts with existing data.", 409)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _error(request, "; ".join(exc.messages), 400)


@api.exception_handler(MultiPartParserError)
def unreadable_form(request: HttpRequest, exc: Exception) -> HttpResponse:
    # A multipart body without its boundary, or cut short: the client's mistake, not a server error.
    return _error(request, _("The multipart form could not be read: %(reason)s") % {"reason": exc}, 400)


@api.exception_handler(SuspiciousOperation)
def suspicious(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Too many fields, a body over DATA_UPLOAD_MAX_MEMORY_SIZE, and the like.
    return _error(request, str(exc) or _("The request was refused."), 400)
