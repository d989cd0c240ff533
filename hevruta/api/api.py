"""The one API object; each app brings its router."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from hevruta.credentials.api import router as credentials_router
from hevruta.directory.api import router as directory_router
from hevruta.knowledge.api import router as knowledge_router
from hevruta.programs.api import router as programs_router
from hevruta.standards.api import router as standards_router

from .jobs import router as jobs_router

api = NinjaAPI(
    title="Hevruta API",
    version="1",
    description="Professional learning networks in education: the directory of people, organizations, "
    "localities and networks. Authenticate with a personal token: `Authorization: Bearer <token>`.",
    urls_namespace="api",
)
api.add_router("/", directory_router)
api.add_router("/", standards_router)
api.add_router("/", knowledge_router)
api.add_router("/", credentials_router)
api.add_router("/programs", programs_router)
api.add_router("/", jobs_router)


def _error(request: HttpRequest, message: str, status: int, **extra: object) -> HttpResponse:
    return api.create_response(request, {"detail": message, **extra}, status=status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, "Authentication required: send a valid token as 'Authorization: Bearer <token>'.", 401)


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
