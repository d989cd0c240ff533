from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from ..models import RegistrationStatus

register = template.Library()

# What a person reads of their own registration: the statuses' labels, but for a freed seat, offered to them.
_OWN_STATUS_TEXT = {**dict(RegistrationStatus.choices), RegistrationStatus.OFFERED: _("A seat is offered to you")}


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def registration_status(status: str | None) -> str:
    """The reader's own registration status in words; nothing for an unknown one."""
    return str(_OWN_STATUS_TEXT.get(status, "")) if status else ""
