"""The API's rate limits, with django-ninja's throttles, counted in the cache every process shares.

- visitors without credentials: per client address (`API_THROTTLE_RATES["anonymous"]`);
- signed-in people and tokens: per person (`["user"]`);
- refused credentials (a wrong, revoked or expired token): per client address (`["failed_auth"]`); past
  the limit every authentication from that address is refused with 429 until the window passes, a right
  token too, so guessing tokens gains nothing.

A refusal is 429 with `Retry-After` (seconds) and a JSON `detail`. Rates are read from the settings at
each request, so a deployment (or a test) can change them.
"""

from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from ninja.throttling import BaseThrottle, SimpleRateThrottle


class SharedRateThrottle(SimpleRateThrottle):
    rate_name = ""

    @property
    def cache(self) -> BaseCache:  # type: ignore[override]
        return caches["default"]

    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATES[self.rate_name]

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class AnonymousThrottle(SharedRateThrottle):
    scope = rate_name = "anonymous"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class UserThrottle(SharedRateThrottle):
    scope = rate_name = "user"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class FailedAuthThrottle(SharedRateThrottle):
    """Counts refused credentials; `blocked` asks without counting."""

    scope = rate_name = "failed_auth"

    def get_cache_key(self, request: HttpRequest) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def record_failure(self, request: HttpRequest) -> bool:
        """Counts one refusal; False once the address has used up its attempts."""
        return self.allow_request(request)

    def blocked(self, request: HttpRequest) -> float | None:
        """Seconds to wait when the address has used up its attempts, otherwise None."""
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.key = self.get_cache_key(request)
        self.history: list[Any] = self.cache.get(self.key, [])
        self.now = self.timer()  # type: ignore[misc]
        while self.history and self.history[-1] <= self.now - self.duration:  # type: ignore[operator]
            self.history.pop()
        if self.num_requests is not None and len(self.history) >= self.num_requests:
            return self.wait() or float(self.duration or 1)
        return None


failed_auth = FailedAuthThrottle()
REQUEST_THROTTLES: list[BaseThrottle] = [AnonymousThrottle(), UserThrottle()]
