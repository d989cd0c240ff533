"""The coordinator's matching, through the app: applications become a proposal with reasons, a locked pair
stays in every run, a forbidden one never comes back, and publishing makes relationships and tells both."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hevruta.directory.models import Language, Subject
from hevruta.insights.models import Activity
from hevruta.mentoring import services
from hevruta.mentoring.models import ApplicationStatus, Relationship, Side

from ..factories import PersonFactory, member


@pytest.fixture
def applicants(cast):  # type: ignore[no-untyped-def]
    hebrew = Language.objects.get_or_create(code="he", defaults={"name_he": "עברית", "name_en": "Hebrew"})[0]
    math = Subject.objects.create(name_he="מתמטיקה", name_en="Mathematics")
    people = []
    for name in ("Anat", "Bella", "Chen", "Dana", "Eti"):
        person = PersonFactory(given_name=name, family_name="Teacher")
        person.languages.add(hebrew)
        member(cast.world.home, person)
        people.append(person)
    people[0].subjects.add(math)
    people[2].subjects.add(math)
    mentors = [services.apply(cast.program, people[0], Side.MENTOR, capacity=1)]
    mentors.append(services.apply(cast.program, people[1], Side.MENTOR, capacity=1))
    mentees = [services.apply(cast.program, person, Side.MENTEE) for person in people[2:]]
    return mentors, mentees


@pytest.mark.django_db
def test_lock_rerun_and_publish(cast, applicants):
    mentors, mentees = applicants
    run = services.run_matching(cast.program, by_user=cast.coordinator.user)
    pairs = {pair.mentee_id: pair for pair in run.pairs.all()}
    assert len(pairs) == 2 and len(run.unmatched) == 1
    # Chen and Anat share Mathematics: the reason is given, and rendered.
    assert pairs[mentees[0].pk].mentor_id == mentors[0].pk
    page = cast.client("coordinator").get(reverse("mentoring:matching", args=[cast.program.program.slug]))
    assert "shared subject: Mathematics" in page.content.decode()

    # The coordinator locks Dana with Anat; the next run keeps it, Chen goes to Bella or stays unmatched.
    services.lock_pair(cast.program, mentees[1], mentors[0])
    services.forbid_pair(cast.program, mentees[0], mentors[1])
    second = services.run_matching(cast.program, by_user=cast.coordinator.user)
    run.refresh_from_db()
    assert run.status == "superseded"
    pairs = {pair.mentee_id: pair for pair in second.pairs.all()}
    assert pairs[mentees[1].pk].mentor_id == mentors[0].pk and pairs[mentees[1].pk].locked
    assert mentees[0].pk not in pairs or pairs[mentees[0].pk].mentor_id != mentors[1].pk

    published = services.publish(second, by_user=cast.coordinator.user)
    assert len(published) == len(pairs)
    assert Relationship.objects.filter(program=cast.program.program, mentee=mentees[1].person).exists()
    mentees[1].refresh_from_db()
    assert mentees[1].status == ApplicationStatus.MATCHED
    assert mentors[0].person.user is None or mentors[0].person.user.notices.exists()
    assert Activity.objects.filter(kind="mentoring.matched").count() == len(pairs)
    with pytest.raises(ValidationError, match="latest proposal"):
        services.publish(second)


@pytest.mark.django_db
def test_matching_pages_are_the_coordinator_s(cast, applicants):
    slug = cast.program.program.slug
    for who in ("manager", "member", "outsider", "anonymous", "coordinator", "mentor", "mentee"):
        client = cast.client(who)
        response = client.post(reverse("mentoring:run", args=[slug]))
        expected = {"anonymous": 302, "outsider": 404, "manager": 302, "coordinator": 302}.get(who, 403)
        assert response.status_code == expected, who
        if who == "anonymous":
            assert "/accounts/login" in response["Location"] or "login" in response["Location"]
    # The manager and the coordinator ran it twice: the second run superseded the first.
    assert cast.program.runs.count() == 2
