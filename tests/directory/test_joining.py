"""Joining a network: open networks admit at once, on-request networks through their managers' answer,
any network through an invitation. Each persona on each page and endpoint; refusals change nothing.

"home" is members-only (its manager and member belong to it); "away" is public.
"""

import pytest
from django.urls import reverse

from hevruta.directory import services
from hevruta.directory.models import (
    Decision,
    Invitation,
    JoinPolicy,
    JoinRequest,
    MembershipRole,
    NetworkMembership,
    Visibility,
)
from tests.factories import NetworkFactory, PersonFactory, UserFactory, member

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def _is_member(network, person) -> bool:  # type: ignore[no-untyped-def]
    return NetworkMembership.objects.filter(network=network, person=person).exists()


def _state() -> tuple:
    """Everything joining can write: equal before and after means nothing changed."""
    return (
        sorted(NetworkMembership.objects.values_list("network_id", "person_id", "role")),
        sorted(JoinRequest.objects.values_list("network_id", "person_id", "status")),
        sorted(Invitation.objects.values_list("network_id", "email", "status")),
    )


@pytest.fixture
def open_network(world):  # type: ignore[no-untyped-def]
    network = NetworkFactory(name="Open circle", slug="open-circle", is_public=True, join_policy=JoinPolicy.OPEN)
    member(network, world.manager, MembershipRole.MANAGER)
    return network


@pytest.fixture
def asking_network(world):  # type: ignore[no-untyped-def]
    network = NetworkFactory(name="Asking circle", slug="asking", is_public=True, join_policy=JoinPolicy.ON_REQUEST)
    member(network, world.manager, MembershipRole.MANAGER)
    return network


# Open networks ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_a_signed_up_person_joins_an_open_network_at_once(world, open_network, persona):
    client = world.client(persona)
    page = client.get(reverse("directory:network", args=[open_network.slug])).content.decode()
    assert "Join the network" in page
    response = client.post(reverse("directory:join_network", args=[open_network.slug]), follow=True)
    assert _is_member(open_network, getattr(world, persona))
    assert "You are now a member" in response.content.decode()
    # Joining again changes nothing and says why.
    before = _state()
    response = client.post(reverse("directory:join_network", args=[open_network.slug]), follow=True)
    assert "already a member" in response.content.decode()
    assert _state() == before


def test_a_visitor_is_sent_to_log_in_and_joins_nothing(world, open_network):
    before = _state()
    response = world.client("anonymous").post(reverse("directory:join_network", args=[open_network.slug]))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert _state() == before
    page = world.client("anonymous").get(reverse("directory:network", args=[open_network.slug])).content.decode()
    assert "to join this network" in page


def test_nobody_joins_an_invitation_only_network_by_asking(world):
    before = _state()
    response = world.client("outsider").post(reverse("directory:join_network", args=["away"]), follow=True)
    assert response.status_code == 200
    assert "does not admit members at once" in response.content.decode()
    assert _state() == before


def test_a_members_only_network_is_not_found_by_those_outside_it(world):
    world.home.join_policy = JoinPolicy.OPEN
    world.home.save()
    before = _state()
    response = world.client("outsider").post(reverse("directory:join_network", args=["home"]))
    assert response.status_code == 404
    assert _state() == before


# On request -------------------------------------------------------------------------------------


def test_ask_then_the_manager_accepts(world, asking_network):
    outsider = world.client("outsider")
    response = outsider.post(
        reverse("directory:join_network", args=["asking"]), {"message": "I coordinate math in Yeroham"}, follow=True
    )
    assert "Your request was sent" in response.content.decode()
    join_request = JoinRequest.objects.get(network=asking_network, person=world.outsider)
    assert join_request.status == Decision.PENDING and join_request.message == "I coordinate math in Yeroham"
    assert not _is_member(asking_network, world.outsider)
    assert "Withdraw the request" in outsider.get(reverse("directory:network", args=["asking"])).content.decode()

    manager = world.client("manager")
    page = manager.get(reverse("directory:network_joining", args=["asking"])).content.decode()
    assert "Omar Outsider" in page and "I coordinate math in Yeroham" in page
    manager.post(reverse("directory:answer_join_request", args=[join_request.pk]), {"answer": "accept"})
    join_request.refresh_from_db()
    assert join_request.status == Decision.ACCEPTED and join_request.decided_by == world.manager.user
    assert _is_member(asking_network, world.outsider)

    # A second answer is refused: the request was answered.
    before = _state()
    response = manager.post(
        reverse("directory:answer_join_request", args=[join_request.pk]), {"answer": "decline"}, follow=True
    )
    assert "already answered" in response.content.decode()
    assert _state() == before


def test_the_manager_declines_and_nobody_joins(world, asking_network):
    join_request = services.ask_to_join(asking_network, world.outsider)
    world.client("manager").post(reverse("directory:answer_join_request", args=[join_request.pk]), {"answer": "no"})
    join_request.refresh_from_db()
    assert join_request.status == Decision.DECLINED
    assert not _is_member(asking_network, world.outsider)


def test_asking_twice_is_refused_and_withdrawing_works(world, asking_network):
    services.ask_to_join(asking_network, world.outsider)
    before = _state()
    with pytest.raises(services.JoiningError):
        services.ask_to_join(asking_network, world.outsider)
    assert _state() == before
    join_request = JoinRequest.objects.get(person=world.outsider)
    # Only the one who asked may withdraw the request.
    response = world.client("member").post(reverse("directory:withdraw_join_request", args=[join_request.pk]))
    assert response.status_code == 404
    world.client("outsider").post(reverse("directory:withdraw_join_request", args=[join_request.pk]))
    join_request.refresh_from_db()
    assert join_request.status == Decision.WITHDRAWN
    # After withdrawing, one may ask again.
    services.ask_to_join(asking_network, world.outsider)


@pytest.mark.parametrize(("persona", "status"), [("member", 403), ("outsider", 403), ("anonymous", 302)])
def test_only_managers_answer_requests(world, asking_network, persona, status):
    join_request = services.ask_to_join(asking_network, PersonFactory())
    before = _state()
    response = world.client(persona).post(
        reverse("directory:answer_join_request", args=[join_request.pk]), {"answer": "accept"}
    )
    assert response.status_code == status
    assert _state() == before


@pytest.mark.parametrize(
    ("persona", "status"), [("manager", 200), ("member", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_the_joining_page_is_for_managers(world, persona, status):
    response = world.client(persona).get(reverse("directory:network_joining", args=["home"]))
    assert response.status_code == status


def test_managers_choose_who_may_join(world):
    client = world.client("manager")
    client.post(reverse("directory:network_joining", args=["home"]), {"policy-join_policy": "request"})
    world.home.refresh_from_db()
    assert world.home.join_policy == JoinPolicy.ON_REQUEST
    before = world.home.join_policy
    response = client.post(reverse("directory:network_joining", args=["home"]), {"policy-join_policy": "anyone"})
    assert response.status_code == 200
    world.home.refresh_from_db()
    assert world.home.join_policy == before


# Invitations ------------------------------------------------------------------------------------


def test_an_invitation_by_email_is_accepted_after_signing_up(world):
    client = world.client("manager")
    response = client.post(
        reverse("directory:network_joining", args=["home"]),
        {"invite-email": "New.Teacher@Example.org", "invite-message": "Welcome aboard"},
        follow=True,
    )
    assert "The invitation was sent to new.teacher@example.org" in response.content.decode()
    invitation = Invitation.objects.get(network=world.home)
    assert invitation.email == "new.teacher@example.org" and invitation.status == Decision.PENDING

    # The link shows the network's name to whoever holds it, but only the invitee may answer.
    link = reverse("directory:invitation", args=[invitation.token])
    anonymous_page = world.client("anonymous").get(link).content.decode()
    assert "רשת ערים מחנכות" in anonymous_page and "Log in" in anonymous_page
    before = _state()
    assert world.client("outsider").post(link, {"answer": "accept"}).status_code == 403
    assert world.client("anonymous").post(link, {"answer": "accept"}).status_code == 403
    assert _state() == before

    from django.test import Client

    newcomer = UserFactory(email="new.teacher@example.org")
    invitee = Client()
    invitee.force_login(newcomer)
    home = invitee.get(reverse("core:home")).content.decode()
    assert 'data-testid="home-invitations"' in home
    invitee.post(link, {"answer": "accept"})
    invitation.refresh_from_db()
    assert invitation.status == Decision.ACCEPTED
    assert NetworkMembership.objects.filter(network=world.home, person__user=newcomer).exists()


def test_inviting_a_person_from_the_directory(world):
    from django.test import Client

    client = world.client("manager")
    person = PersonFactory(user=UserFactory(email="found@example.org"), email="", profile_visibility=Visibility.PUBLIC)
    page = client.get(reverse("directory:person", args=[person.pk])).content.decode()
    assert reverse("directory:network_joining", args=["home"]) + f"?invite-person={person.pk}" in page
    # A person the manager may not see cannot be invited through the directory.
    before = _state()
    client.post(reverse("directory:network_joining", args=["home"]), {"invite-person": world.outsider.pk})
    assert _state() == before
    client.post(reverse("directory:network_joining", args=["home"]), {"invite-person": person.pk})
    invitation = Invitation.objects.get(network=world.home, person=person)
    assert invitation.email == "found@example.org"  # the account's address, as the profile shows none
    invitee = Client()
    invitee.force_login(person.user)
    invitee.post(reverse("directory:invitation", args=[invitation.token]), {"answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.status == Decision.DECLINED
    assert not _is_member(world.home, person)


def test_inviting_a_member_or_inviting_twice_is_refused(world):
    client = world.client("manager")
    before = _state()
    response = client.post(reverse("directory:network_joining", args=["home"]), {"invite-person": world.member.pk})
    assert "already a member" in response.content.decode()
    assert _state() == before
    services.invite(world.home, world.manager.user, email="twice@example.org")
    before = _state()
    response = client.post(reverse("directory:network_joining", args=["home"]), {"invite-email": "twice@example.org"})
    assert "already has an invitation waiting" in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize(("persona", "status"), [("member", 403), ("outsider", 404), ("anonymous", 302)])
def test_only_managers_invite_and_withdraw(world, persona, status):
    invitation = services.invite(world.home, world.manager.user, email="someone@example.org")
    before = _state()
    client = world.client(persona)
    response = client.post(reverse("directory:network_joining", args=["home"]), {"invite-email": "x@example.org"})
    assert response.status_code == status
    response = client.post(reverse("directory:withdraw_invitation", args=[invitation.pk]))
    assert response.status_code in (302, 404) and _state() == before


def test_a_manager_withdraws_an_invitation_and_it_can_no_longer_be_accepted(world):
    invitation = services.invite(world.home, world.manager.user, person=world.outsider)
    world.client("manager").post(reverse("directory:withdraw_invitation", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.status == Decision.WITHDRAWN
    response = world.client("outsider").post(
        reverse("directory:invitation", args=[invitation.token]), {"answer": "accept"}, follow=True
    )
    assert "already answered or withdrawn" in response.content.decode()
    assert not _is_member(world.home, world.outsider)


# Leaving ----------------------------------------------------------------------------------------


def test_a_member_leaves_and_the_only_manager_may_not(world):
    response = world.client("member").post(reverse("directory:leave_network", args=["home"]))
    assert response.status_code == 302 and response["Location"] == reverse("directory:networks")
    assert not _is_member(world.home, world.member)
    before = _state()
    response = world.client("manager").post(reverse("directory:leave_network", args=["home"]), follow=True)
    assert "only manager" in response.content.decode()
    assert _state() == before


# The home page of a newcomer ----------------------------------------------------------------------


def test_a_newcomer_is_told_what_to_do_next(world, open_network, asking_network):
    from django.test import Client

    newcomer = PersonFactory(user=UserFactory(email="fresh@example.org"), email="fresh@example.org")
    client = Client()
    client.force_login(newcomer.user)
    page = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="home-next-steps"' in page
    assert "Open circle" in page and "Asking circle" in page
    assert "רשת ערים מחנכות" not in page  # members-only: not offered
    assert "Complete your profile" in page
    # A member with a profile and a network has nothing left to do: no list.
    client.post(reverse("directory:join_network", args=["open-circle"]))
    page = client.get(reverse("core:home")).content.decode()
    assert "Join a network of peers" not in page


# API ------------------------------------------------------------------------------------------------


def test_api_join_ask_answer_and_invite(world, open_network, asking_network):
    outsider = world.client("outsider")
    response = outsider.post("/api/v1/networks/open-circle/join", content_type="application/json")
    assert response.status_code == 201 and response.json() == {"network": "open-circle", "role": "member"}
    assert outsider.post("/api/v1/networks/open-circle/join", content_type="application/json").status_code == 409
    response = outsider.post("/api/v1/networks/asking/join", {"message": "please"}, content_type="application/json")
    assert response.status_code == 202 and response.json()["status"] == "pending"
    request_id = response.json()["id"]

    manager = world.client("manager")
    listed = manager.get("/api/v1/networks/asking/join-requests").json()
    assert [item["id"] for item in listed["items"]] == [request_id]
    assert world.client("member").get("/api/v1/networks/asking/join-requests").status_code == 403
    assert world.client("anonymous").get("/api/v1/networks/asking/join-requests").status_code == 401
    assert world.client("member").post(f"/api/v1/join-requests/{request_id}/accept").status_code == 403
    response = manager.post(f"/api/v1/join-requests/{request_id}/accept")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert _is_member(asking_network, world.outsider)
    assert manager.post(f"/api/v1/join-requests/{request_id}/decline").status_code == 409

    response = manager.post(
        "/api/v1/networks/home/invitations", {"email": "api@example.org"}, content_type="application/json"
    )
    assert response.status_code == 201
    invitation_id = response.json()["id"]
    assert "token" not in response.json()
    assert world.client("outsider").post(f"/api/v1/network-invitations/{invitation_id}/accept").status_code == 404
    assert world.client("outsider").get("/api/v1/networks/home/invitations").status_code == 404
    invitee = UserFactory(email="api@example.org")
    from django.test import Client

    client = Client()
    client.force_login(invitee)
    mine = client.get("/api/v1/network-invitations/mine").json()
    assert [item["id"] for item in mine["items"]] == [invitation_id]
    assert client.post(f"/api/v1/network-invitations/{invitation_id}/accept").json()["status"] == "accepted"
    assert NetworkMembership.objects.filter(network=world.home, person__user=invitee).exists()


def test_api_leave(world):
    assert world.client("member").delete("/api/v1/networks/home/membership").status_code == 204
    assert not _is_member(world.home, world.member)
    assert world.client("manager").delete("/api/v1/networks/home/membership").status_code == 409
    assert world.client("outsider").delete("/api/v1/networks/home/membership").status_code == 404


# Notices ----------------------------------------------------------------------------------------


def test_managers_hear_of_requests_and_askers_of_answers(world, asking_network, django_capture_on_commit_callbacks):
    from hevruta.notifications.models import Notice

    with django_capture_on_commit_callbacks(execute=True):
        join_request = services.ask_to_join(asking_network, world.outsider)
    notice = Notice.objects.get(kind="directory.join_requested")
    assert notice.recipient == world.manager.user
    assert not Notice.objects.filter(recipient=world.member.user).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_join_request(join_request, world.manager.user, accept=False)
    answer = Notice.objects.get(kind="directory.join_answered")
    assert answer.recipient == world.outsider.user and answer.context["accepted"] is False


def test_an_invitation_to_an_address_without_account_is_emailed_in_the_inviters_language(
    world, django_capture_on_commit_callbacks
):
    from django.core import mail
    from django.utils import translation

    from hevruta.notifications.models import Notice

    with translation.override("ar"), django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite(world.home, world.manager.user, email="nobody.yet@example.org")
    assert not Notice.objects.exists()
    [message] = mail.outbox
    assert message.to == ["nobody.yet@example.org"]
    assert invitation.token in message.body
    html = message.alternatives[0][0]
    assert 'lang="ar" dir="rtl"' in html
    # A person with an account gets a notice instead.
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(world.home, world.manager.user, person=world.outsider)
    assert Notice.objects.get(kind="directory.invited").recipient == world.outsider.user
