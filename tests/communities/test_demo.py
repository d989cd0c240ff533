"""The demo's communities: the seeds' four, with threads in Hebrew and Arabic, and who sees which."""

import re

import pytest

from hevruta.communities.demo import load_communities_demo
from hevruta.communities.models import Community, CommunityVisibility, MemberStatus, Post
from hevruta.communities.queries import communities_visible_to
from hevruta.directory.demo import DEMO_SEED, load_demo
from hevruta.directory.models import Person

pytestmark = pytest.mark.django_db

ARABIC = re.compile("[\u0600-\u06ff]")


def test_the_demo_has_the_seeds_communities_and_keeps_the_secret_one():
    load_demo(DEMO_SEED)
    summary = load_communities_demo()
    assert summary.communities == 4 and load_communities_demo().communities == 0  # once only
    by_visibility = {community.visibility: community for community in Community.objects.all()}
    assert set(by_visibility) == set(CommunityVisibility.values)
    assert by_visibility["secret"].name == "המטבחון"
    assert Post.objects.filter(language="ar").exists() and Post.objects.filter(language="he").exists()
    assert any(ARABIC.search(post.body) for post in Post.objects.filter(language="ar"))
    teacher = Person.objects.get(email="teacher@hevruta.example").user
    outsider = Person.objects.get(email="outsider@hevruta.example").user
    manager = Person.objects.get(email="manager@hevruta.example").user
    assert by_visibility["closed"].memberships.get(person__user=teacher).status == MemberStatus.REQUESTED
    assert "המטבחון" not in [c.name for c in communities_visible_to(teacher)]
    assert "המטבחון" not in [c.name for c in communities_visible_to(outsider)]
    assert "המטבחון" in [c.name for c in communities_visible_to(manager)]
