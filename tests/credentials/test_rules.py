"""can_issue_for: the site operator, or a manager of a network the organization is a member of."""

import pytest

from hevruta.credentials.rules import can_issue_for
from hevruta.directory.models import MembershipRole
from tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db

MAY_ISSUE_FOR_HOME_ORGANIZATION = {"manager": True, "member": False, "outsider": False, "anonymous": False}


def test_can_issue_for(world, persona, issuer, other_issuer):
    from django.contrib.auth.models import AnonymousUser

    user = world.user(persona) or AnonymousUser()
    assert can_issue_for(user, issuer) == MAY_ISSUE_FOR_HOME_ORGANIZATION[persona]
    assert can_issue_for(user, other_issuer) is False
    assert user.has_perm("credentials.issue_for", issuer) == MAY_ISSUE_FOR_HOME_ORGANIZATION[persona]


def test_the_operator_may_issue_for_any_organization(issuer, other_issuer):
    operator = UserFactory(email="operator@example.org", is_superuser=True)
    assert can_issue_for(operator, issuer) and can_issue_for(operator, other_issuer)


def test_managing_the_organizations_network_is_what_counts(world, other_issuer):
    assert can_issue_for(world.manager.user, other_issuer) is False
    member(world.away, world.manager, MembershipRole.MANAGER)
    world.manager.user._hevruta_viewer = None  # the viewer is computed once per request; start afresh
    assert can_issue_for(world.manager.user, other_issuer) is True
