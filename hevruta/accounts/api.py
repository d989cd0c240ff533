"""The accounts API: one's own preferences (language, Hebrew date), and nobody else's."""

from typing import cast

from django.http import HttpRequest
from ninja import Router

from hevruta.api.auth import REQUIRED

from . import services
from .models import User
from .schemas import MyPreferencesIn, MyPreferencesOut

router = Router(tags=["account"], auth=REQUIRED)


def _preferences(user: User) -> dict:
    return {"language": user.preferred_language, "show_hebrew_date": user.show_hebrew_date}


@router.get("/me/preferences", response=MyPreferencesOut, summary="My preferences")
def get_my_preferences(request: HttpRequest) -> dict:
    return _preferences(cast(User, request.user))


@router.patch(
    "/me/preferences",
    response={200: MyPreferencesOut, 422: dict},
    summary="Change my preferences",
)
def set_my_preferences(request: HttpRequest, data: MyPreferencesIn) -> dict:
    """Only the fields given change; an unknown language is refused (422) and nothing changes."""
    user = cast(User, request.user)
    services.set_preferences(user, language=data.language, show_hebrew_date=data.show_hebrew_date)
    return _preferences(user)
