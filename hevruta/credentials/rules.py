"""Who may issue and revoke credentials: the site operator, or a manager of a network the issuer belongs to."""

import rules

from hevruta.directory.models import Organization
from hevruta.directory.queries import viewer_for

from .models import IssuedCredential
from .queries import manages_network_of


@rules.predicate
def can_issue_for(user: object, organization: Organization) -> bool:
    viewer = viewer_for(user)
    if not viewer.is_authenticated:
        return False
    return viewer.is_operator or manages_network_of(user, organization)


@rules.predicate
def can_revoke(user: object, credential: IssuedCredential) -> bool:
    return can_issue_for(user, credential.issuer)


rules.add_perm("credentials.issue_for", can_issue_for)
rules.add_perm("credentials.revoke_credential", can_revoke)
