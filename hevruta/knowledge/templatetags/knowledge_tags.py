"""The home page's "My resources" slot, filled without the home view knowing about this app."""

from typing import Any

from django import template

from ..queries import home_resources

register = template.Library()


@register.inclusion_tag("knowledge/_home_slot.html", takes_context=True)
def my_resources_slot(context: Any) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"resources": home_resources(user) if user is not None else {"written": [], "updated": [], "saved": []}}
