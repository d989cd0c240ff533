"""What every knowledge page does first: find the resource the user may see, and check a permission."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from hevruta.directory.models import Person
from hevruta.directory.services import ensure_person_for_user

from ..models import Resource
from ..queries import resources_visible_to


def me(request: HttpRequest) -> Person:
    return ensure_person_for_user(request.user)


def visible_resource(request: HttpRequest, pk: int) -> Resource:
    """The resource, or 404 for one that does not exist or is not shown to this user (the same answer)."""
    resource = resources_visible_to(request.user).select_related("network", "created_by").filter(pk=pk).first()
    if resource is None:
        raise Http404(_("No such resource, or it is not shown to you."))
    return resource


def require(request: HttpRequest, permission: str, obj: Model, message: str) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied(message)


def show_errors(form: Form, error: ValidationError) -> None:
    """A service's refusal, shown beside the fields it concerns (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
