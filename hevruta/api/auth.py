"""API authentication: a personal token (`Authorization: Bearer hev_…`) or the site's session."""

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from hevruta.accounts.services import authenticate_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):  # type: ignore[no-untyped-def]
        user = authenticate_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The site's own pages call the API with their session; unsafe methods need the CSRF token."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None):  # type: ignore[no-untyped-def]
        if request.user.is_authenticated:
            return request.user
        return None


class Anonymous:
    """Lets a reader without credentials through; each endpoint then shows only public data."""

    def __call__(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        # Credentials that were sent and refused are an error to report (401), not a visitor to serve.
        if request.headers.get("Authorization"):
            return None
        return request.user


REQUIRED = [TokenAuth(), SessionAuth()]
OPTIONAL = [TokenAuth(), SessionAuth(), Anonymous()]
