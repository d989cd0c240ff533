"""API authentication: a personal token (`Authorization: Bearer hev_…`) or the site's session."""

from typing import Any

from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import APIKeyCookie, HttpBearer

from hevruta.accounts.services import authenticate_token

from .throttles import failed_auth


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # An address that has used up its attempts is refused before the token is looked at.
        wait = failed_auth.blocked(request)
        if wait is not None:
            raise Throttled(wait=wait)  # type: ignore[arg-type]
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The site's own pages call the API with their session; unsafe methods need the CSRF token."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if request.user.is_authenticated:
            return request.user
        return None


class Anonymous:
    """Lets a reader without credentials through; each endpoint then shows only public data."""

    def __call__(self, request: HttpRequest) -> Any:
        # Credentials that were sent and refused are an error to report (401), not a visitor to serve.
        if self.sent_credentials(request):
            return None
        return request.user

    @staticmethod
    def sent_credentials(request: HttpRequest) -> bool:
        return bool(request.headers.get("Authorization"))


REQUIRED = [TokenAuth(), SessionAuth()]
OPTIONAL = [TokenAuth(), SessionAuth(), Anonymous()]
