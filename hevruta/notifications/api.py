"""The notifications API: one's own notices (nobody else's), marking them read, email choices."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from hevruta.api.auth import REQUIRED
from hevruta.api.pagination import BoundedLimitOffsetPagination

from . import kinds, queries, services
from .models import Notice
from .schemas import NoticeOut, NoticePreferenceOut, NoticePreferencesIn, NoticesReadOut

router = Router(tags=["notifications"], auth=REQUIRED)


def _preferences(choices: dict[str, str]) -> list[dict]:
    return [
        {"kind": kind.key, "label": str(kind.label), "email": choices[kind.key], "default_email": kind.default_email}
        for kind in kinds.all_kinds()
    ]


@router.get("/notifications", response=list[NoticeOut], operation_id="list_notices", summary="My notices")
@paginate(BoundedLimitOffsetPagination)
def list_notices(request: HttpRequest, unread: bool = False) -> QuerySet[Notice]:
    """One's own notices, newest first, each in the request's language; `unread=true` for the unread only."""
    notices = queries.notices_visible_to(request.user)
    return notices.filter(read_at__isnull=True) if unread else notices


@router.post(
    "/notifications/read-all",
    response=NoticesReadOut,
    operation_id="mark_all_notices_read",
    summary="Mark all my notices read",
)
def mark_all_read(request: HttpRequest) -> dict:
    return {"marked": services.mark_all_read(request.user)}


@router.post(
    "/notifications/{notice_id}/read",
    response={200: NoticeOut, 404: dict},
    operation_id="mark_notice_read",
    summary="Mark one of my notices read",
)
def mark_read(request: HttpRequest, notice_id: int) -> Notice:
    return services.mark_read(queries.notice_for(request.user, notice_id))


@router.get(
    "/notifications/preferences",
    response=list[NoticePreferenceOut],
    operation_id="get_notice_preferences",
    summary="My email choice for each kind of notice",
)
def get_preferences(request: HttpRequest) -> list[dict]:
    return _preferences(queries.email_choices(request.user))


@router.put(
    "/notifications/preferences",
    response={200: list[NoticePreferenceOut], 400: dict},
    operation_id="set_notice_preferences",
    summary="Set my email choice for some kinds of notice",
)
def set_preferences(request: HttpRequest, data: NoticePreferencesIn) -> list[dict]:
    """All or nothing: an unknown kind refuses the whole request. Kinds not named keep their choice."""
    try:
        choices = services.set_email_choices(request.user, {item.kind: item.email for item in data.preferences})
    except ValidationError as error:
        raise HttpError(400, "; ".join(error.messages)) from error
    return _preferences(choices)
