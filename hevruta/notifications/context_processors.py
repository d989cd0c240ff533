from functools import cache

from django.http import HttpRequest

from .queries import unread_count


def notifications(request: HttpRequest) -> dict:
    """The bell's unread count: one query, made only if the page shows it; none for a visitor.

    A callable, which templates call to read it (so a plural form gets a real number), remembered
    after the first call."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notice_count": cache(lambda: unread_count(user))}
