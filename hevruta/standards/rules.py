"""Who may read and who may write roles and frameworks: a network's managers write its own (site
operators write everything, including the public library of imported frameworks); readers follow
`queries.frameworks_visible_to` and the visibility of the network."""

import rules

from hevruta.directory.models import Network
from hevruta.directory.queries import viewer_for

from .models import Framework, FrameworkStatus, Role


def _manages(user: object, network_id: int | None) -> bool:
    viewer = viewer_for(user)
    return viewer.is_operator or (network_id is not None and network_id in viewer.managed_network_ids)


@rules.predicate
def can_view_framework(user: object, framework: Framework) -> bool:
    viewer = viewer_for(user)
    if viewer.is_operator or _manages(user, framework.network_id):
        return True
    if framework.status == FrameworkStatus.DRAFT:
        return False
    network = framework.network
    return network is None or network.is_public or network.pk in viewer.network_ids


@rules.predicate
def manages_framework(user: object, framework: Framework) -> bool:
    return _manages(user, framework.network_id)


@rules.predicate
def is_draft(user: object, framework: Framework) -> bool:
    return framework.status == FrameworkStatus.DRAFT


@rules.predicate
def can_view_role(user: object, role: Role) -> bool:
    viewer = viewer_for(user)
    return viewer.is_operator or role.network.is_public or role.network_id in viewer.network_ids


@rules.predicate
def manages_role(user: object, role: Role) -> bool:
    return _manages(user, role.network_id)


@rules.predicate
def manages_standards_of(user: object, network: Network | None) -> bool:
    """May write roles and frameworks for this network; None is the public library (operators)."""
    return _manages(user, network.pk if network is not None else None)


rules.add_perm("standards.view_framework", can_view_framework)
# Publishing, new drafts, retiring and exporting a draft.
rules.add_perm("standards.manage_framework", manages_framework)
# Editing the content: only a draft is ever changed; a published version is frozen.
rules.add_perm("standards.change_framework", manages_framework & is_draft)
rules.add_perm("standards.view_role", can_view_role)
rules.add_perm("standards.change_role", manages_role)
rules.add_perm("standards.write_for_network", manages_standards_of)
