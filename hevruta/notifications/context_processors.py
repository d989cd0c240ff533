from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .queries import unread_count


def notifications(request: HttpRequest) -> dict:
    """The bell's unread count: one query, made only if the page shows it; none for a visitor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notice_count": SimpleLazyObject(lambda: unread_count(user))}
