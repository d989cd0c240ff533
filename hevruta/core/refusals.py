"""How a page tells a refusal. A service refuses with ValidationError (or PermissionDenied) and changes
nothing, its one transaction rolled back; the view that called it shows why, as the page's message in
the reader's language, and goes on to the page it would have shown."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest


def tell_refusal(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    for text in error.messages if isinstance(error, ValidationError) else [str(error)]:
        messages.error(request, text)
