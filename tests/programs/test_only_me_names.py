"""People whose profile is "only me" are not named to other participants: "a participant" instead.

The cohort's participant Pazit is "only me"; Pnina is public. The program's staff (coordinator, reviewer,
supervisor, and the network's manager) work with every participant by name.
"""

import pytest
from django.urls import reverse

from hevruta.programs import services

pytestmark = pytest.mark.django_db

# Who sees the cohort, and whether Pazit's name is shown to them.
SEES_PAZIT = {
    "manager": True,
    "coordinator": True,
    "reviewer": True,
    "participant": True,  # herself
    "member": False,  # a fellow participant here
}
# Mira (the member, profile shown to her networks) is unknown to Pazit, who is in none of them.
SEES_SOMEONE_UNNAMED = {"member", "participant"}


@pytest.fixture
def fellow(cast):  # type: ignore[no-untyped-def]
    services.enroll(cast.cohort, cast.world.member)
    return cast


@pytest.mark.parametrize("name", sorted(SEES_PAZIT))
def test_the_cohort_page_names_only_whom_the_viewer_may_see(fellow, name):
    html = fellow.client(name).get(reverse("programs:cohort", args=[fellow.cohort.pk])).content.decode()
    assert "Pnina" in html
    assert ("Pazit" in html) is SEES_PAZIT[name]
    assert ("A participant" in html) is (name in SEES_SOMEONE_UNNAMED)


@pytest.mark.parametrize("name", ["outsider", "anonymous"])
def test_those_outside_the_cohort_see_no_participants(fellow, name):
    response = fellow.client(name).get(reverse("programs:cohort", args=[fellow.cohort.pk]))
    assert "Pazit" not in response.content.decode() and "Pnina" not in response.content.decode()


@pytest.mark.parametrize("name", sorted(SEES_PAZIT))
def test_the_api_names_only_whom_the_viewer_may_see(fellow, name):
    response = fellow.client(name).get(f"/api/v1/programs/cohorts/{fellow.cohort.pk}/participants")
    assert response.status_code == 200
    names = {row["name"] for row in response.json()}
    assert "Pnina Public" in names
    assert ("Pazit Participant" in names) is SEES_PAZIT[name]
    assert ("A participant" in names) is (name in SEES_SOMEONE_UNNAMED)


def test_an_only_me_staff_member_is_not_named_to_participants(fellow):
    from hevruta.directory.models import Visibility

    fellow.reviewer.profile_visibility = Visibility.PRIVATE
    fellow.reviewer.save()
    page = reverse("programs:program", args=[fellow.program.slug])
    assert "Rina" not in fellow.client("member").get(page).content.decode()
    assert "Rina" in fellow.client("coordinator").get(page).content.decode()
