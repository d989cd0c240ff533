"""Names and titles lose their bidirectional control characters on every write path (core.fields)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from hevruta.directory.models import Organization, Person
from hevruta.knowledge.models import Resource
from hevruta.standards.models import Framework
from tests.factories import OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

RLO, PDF_, RLM, LRI, PDI = "\u202e", "\u202c", "\u200f", "\u2066", "\u2069"
CONTROLS = (RLO, PDF_, RLM, LRI, PDI)


def _clean(text: str) -> bool:
    return not any(control in text for control in CONTROLS)


def test_a_saved_name_and_its_search_text_have_none():
    person = PersonFactory(given_name=f"{RLO}gpj.exe{PDF_}", family_name=f"Cohen{RLM}")
    person.refresh_from_db()
    assert (person.given_name, person.family_name) == ("gpj.exe", "Cohen")
    assert _clean(person.search_text)


def test_bulk_inserts_lose_them_too():
    organization = OrganizationFactory.build(name=f"{LRI}בית ספר{PDI}", name_en=f"School{RLO}", locality=None)
    Organization.objects.bulk_create([organization])
    assert Organization.objects.filter(name="בית ספר", name_en="School").exists()


def test_a_title_typed_on_the_page_is_stored_and_shown_without_them(world):
    from hevruta.directory.models import GradeBand, Subject

    response = world.client("member").post(
        reverse("knowledge:create"),
        {
            "network": world.home.pk,
            "kind": "tool",
            "title": f"{RLO}Fractions{PDF_} for grade 7",
            "body": "Text",
            "licence": "cc-by",
            "subjects": [Subject.objects.first().pk],
            "grade_bands": [GradeBand.objects.first().pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    resource = Resource.objects.get()
    assert resource.title == "Fractions for grade 7"
    page = world.client("member").get(reverse("knowledge:detail", args=[resource.pk])).content.decode()
    assert "<title>Fractions for grade 7" in page and _clean(page)


def test_a_name_of_nothing_but_controls_is_refused_as_empty(world):
    response = world.client("member").post(
        reverse("knowledge:create"),
        {"network": world.home.pk, "kind": "tool", "title": f"{RLO}{PDF_} ", "licence": "cc-by"},
    )
    assert response.status_code == 200
    assert "A resource needs a title." in response.content.decode()
    assert not Resource.objects.exists()


def test_a_framework_title_is_a_title_too(world):
    from tests.standards.conftest import build_framework

    framework = build_framework(world.home)
    framework.title = f"{RLO}Teaching{PDF_}"
    framework.save()
    framework.refresh_from_db()
    assert framework.title == "Teaching"
    assert Framework.objects.filter(pk=framework.pk, title="Teaching").exists()


def test_the_command_cleans_rows_written_before(world):
    person = PersonFactory(given_name="Dana")
    # As an earlier version stored it (an update() would strip the controls now).
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Person._meta.db_table} SET given_name = %s, search_text = %s WHERE id = %s",
            [f"{RLO}Dana{PDF_}", f"{RLO}dana", person.pk],
        )
    call_command("strip_bidi_controls", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Person.objects.filter(pk=person.pk).values_list("given_name", flat=True).get() == f"{RLO}Dana{PDF_}"
    call_command("strip_bidi_controls", stdout=open("/dev/null", "w"))  # noqa: SIM115
    person.refresh_from_db()
    assert person.given_name == "Dana" and _clean(person.search_text)
