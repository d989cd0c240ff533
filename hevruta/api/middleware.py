"""Every answer of the API is JSON, errors too, whatever DEBUG says.

django-ninja answers the errors it knows in JSON; what happens outside it (an unknown address under
/api/, a method the path does not take, an unexpected exception turned into Django's 500 page) would
otherwise be HTML or empty. The status and headers (Allow, Retry-After) stay; only the body changes.
"""

import json
from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse

API_PREFIX = "/api/"


def _is_json(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == "application/json"


class JsonErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX) or response.status_code < 400 or _is_json(response):
            return response
        if response.streaming:
            return response
        try:
            reason = HTTPStatus(response.status_code).phrase
        except ValueError:
            reason = "Error"
        detail = "Internal server error; it has been logged." if response.status_code >= 500 else f"{reason}."
        response.content = json.dumps({"detail": detail}).encode()
        response["Content-Type"] = "application/json; charset=utf-8"
        return response
