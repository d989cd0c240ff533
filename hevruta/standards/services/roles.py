"""Writing roles (job definitions) and which directory positions are filled as them."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hevruta.directory.models import Network, OrganizationKind, Position

from ..models import Framework, Role, RoleAssignment

ROLE_FIELDS = {
    "name",
    "position_role",
    "purpose",
    "responsibilities",
    "organization_kinds",
    "career_track",
    "track_stage",
    "framework",
    "text_language",
}


def _check(network: Network, fields: dict[str, Any]) -> None:
    unknown = set(fields) - ROLE_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    kinds = fields.get("organization_kinds") or []
    if any(kind not in OrganizationKind.values for kind in kinds):
        raise ValidationError(_("Unknown kind of organization."))
    framework: Framework | None = fields.get("framework")
    # A role is measured by its own network's framework or by one of the public library.
    if framework is not None and framework.network_id not in (None, network.pk):
        raise ValidationError(_("A role is measured by a framework of its own network or of the public library."))


@transaction.atomic
def create_role(network: Network, **fields: Any) -> Role:
    _check(network, fields)
    if Role.objects.filter(network=network, name=fields.get("name", "")).exists():
        raise ValidationError(_("This network already has a role with this name."))
    role = Role(network=network, **fields)
    role.full_clean(exclude=["framework"])
    role.save()
    return role


@transaction.atomic
def update_role(role: Role, **fields: Any) -> Role:
    _check(role.network, fields)
    name = fields.get("name", role.name)
    if Role.objects.filter(network_id=role.network_id, name=name).exclude(pk=role.pk).exists():
        raise ValidationError(_("This network already has a role with this name."))
    for name, value in fields.items():
        setattr(role, name, value)
    role.full_clean(exclude=["framework", "network"])
    role.save()
    return role


@transaction.atomic
def delete_role(role: Role) -> None:
    role.delete()


@transaction.atomic
def assign_role(position: Position, role: Role) -> RoleAssignment:
    """The position is filled as this role (a position is one role at most)."""
    assignment, _created = RoleAssignment.objects.update_or_create(position=position, defaults={"role": role})
    return assignment


@transaction.atomic
def unassign_role(position: Position, role: Role | None = None) -> bool:
    assignments = RoleAssignment.objects.filter(position=position)
    if role is not None:
        assignments = assignments.filter(role=role)
    deleted, _details = assignments.delete()
    return bool(deleted)
