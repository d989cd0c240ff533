"""A logic model, a dashboard and a report belong to a scope: a program or a network. This module finds
the scope named in an address and says what the viewer may do with it, the same for pages and the API.

Who may see outcomes and insights: the people who run the scope (a program's staff, a network's
managers, the site operator). Others who may see the program or network get 403; those who may not
even know it exists get 404, as everywhere else.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from hevruta.directory.models import Network
from hevruta.directory.queries import is_network_manager, network_by_slug
from hevruta.programs.models import Program
from hevruta.programs.queries import program_access, program_by_slug

PROGRAM, NETWORK = "program", "network"
KINDS = (PROGRAM, NETWORK)


@dataclass(frozen=True)
class Scope:
    kind: str
    owner: Program | Network
    manages: bool  # writes the logic model, names the report's readers
    sees: bool  # reads indicators, dashboards and reports

    @property
    def program(self) -> Program | None:
        return self.owner if isinstance(self.owner, Program) else None

    @property
    def network(self) -> Network:
        return self.owner.network if isinstance(self.owner, Program) else self.owner

    @property
    def slug(self) -> str:
        return self.owner.slug

    @property
    def owned(self) -> dict[str, Any]:
        """The filter of rows owned by the scope (goals, milestones)."""
        return {self.kind: self.owner}


def scope_access(user: Any, owner: Program | Network) -> Scope | None:
    """The scope with the viewer's rights, or None when the viewer may not know it exists."""
    if isinstance(owner, Program):
        access = program_access(user, owner)
        if not access.may_view:
            return None
        return Scope(PROGRAM, owner, manages=access.manages, sees=access.is_staff)
    if not user.has_perm("directory.view_network", owner):
        return None
    manages = is_network_manager(user, owner)
    return Scope(NETWORK, owner, manages=manages, sees=manages)


def find_scope(user: Any, kind: str, slug: str) -> Program | Network | None:
    if kind == PROGRAM:
        return program_by_slug(user, slug)
    if kind == NETWORK:
        return network_by_slug(slug)
    return None


def scope_for(user: Any, kind: str, slug: str, *, manage: bool = False) -> Scope:
    """The scope if the viewer may read its outcomes (and manage it, when asked); else 404 or 403."""
    owner = find_scope(user, kind, slug)
    scope = scope_access(user, owner) if owner is not None else None
    if scope is None:
        raise Http404(_("No such program or network, or it is not shown to you."))
    if not scope.sees or (manage and not scope.manages):
        raise PermissionDenied(_("Only those who run the program or the network may see or change its outcomes."))
    return scope
