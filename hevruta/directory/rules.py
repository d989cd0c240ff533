"""Permission predicates of the directory, declared once and used by pages and the API alike."""

import rules

from .models import Invitation, JoinRequest, Network, Person
from .queries import is_network_manager, network_ids_by_person, viewer_for


@rules.predicate
def can_view_person(user: object, person: Person) -> bool:
    network_ids = network_ids_by_person([person.pk])[person.pk]
    return viewer_for(user).may_see_profile(person, network_ids)


@rules.predicate
def is_self(user: object, person: Person) -> bool:
    return viewer_for(user).person_id == person.pk


@rules.predicate
def can_view_network(user: object, network: Network) -> bool:
    viewer = viewer_for(user)
    return network.is_public or viewer.is_operator or network.pk in viewer.network_ids


@rules.predicate
def manages_network(user: object, network: Network) -> bool:
    return is_network_manager(user, network)


@rules.predicate
def is_pending_join_requester(user: object, join_request: JoinRequest) -> bool:
    return join_request.person_id == viewer_for(user).person_id


@rules.predicate
def manages_join_request_network(user: object, join_request: JoinRequest) -> bool:
    return is_network_manager(user, join_request.network)


@rules.predicate
def manages_invitation_network(user: object, invitation: Invitation) -> bool:
    return is_network_manager(user, invitation.network)


@rules.predicate
def is_invitee(user: object, invitation: Invitation) -> bool:
    from .services import invitation_is_for

    return invitation_is_for(invitation, user)


rules.add_perm("directory.view_person", can_view_person)
rules.add_perm("directory.change_person", is_self)
rules.add_perm("directory.view_network", can_view_network)
rules.add_perm("directory.manage_network", manages_network)
rules.add_perm("directory.answer_join_request", manages_join_request_network)
rules.add_perm("directory.withdraw_join_request", is_pending_join_requester)
rules.add_perm("directory.answer_invitation", is_invitee)
rules.add_perm("directory.withdraw_invitation", manages_invitation_network)
