"""Template helpers of the programs app, and the accreditations section other apps' pages include."""

from typing import Any

from django import template

from .. import queries

register = template.Library()


@register.filter
def lookup(mapping: dict, key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def met_count(rows: list | None) -> int:
    return sum(1 for row in rows or () if row.met)


@register.inclusion_tag("programs/_accreditations.html", takes_context=True)
def person_accreditations(context: template.Context, person: Any) -> dict:
    """The person's role accreditations the viewer may see; for the directory's profile page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"accreditations": queries.accreditations_of(user, person), "person": person}
