"""The logic model's pages with the four personas: only those who run the program or network see them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from hevruta.outcomes.models import Indicator, Measurement, Target

pytestmark = pytest.mark.django_db

# home is a members-only network: its member sees it exists but does not run it; the outsider and
# anonymous do not know it exists.
EXPECTED = {"manager": 200, "member": 403, "outsider": 404, "anonymous": 302}


@pytest.mark.parametrize("kind", ["program", "network"])
def test_the_logic_model_page_for_each_persona(models, world, persona, kind):
    slug = "leaders" if kind == "program" else "home"
    response = world.client(persona).get(reverse("outcomes:logic_model", args=[kind, slug]))
    expected = EXPECTED[persona]
    if persona == "anonymous":
        expected = 302
    assert response.status_code == expected
    if expected == 200:
        text = response.content.decode()
        assert (
            "Efficacy to lead vision into action" in text if kind == "program" else "Ties across organizations" in text
        )


def test_the_manager_writes_an_indicator_with_a_target_and_a_measurement(models, world):
    client = world.client("manager")
    response = client.post(
        reverse("outcomes:indicator_add", args=["program", "leaders"]),
        {
            "objective": models.program_objective.pk,
            "name": "Self-efficacy",
            "source": "manual",
            "unit": "score",
            "baseline": "3.1",
            "target": "4",
            "target_date": "2027-06-30",
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert Target.objects.get(indicator=indicator).value == 4
    response = client.post(
        reverse("outcomes:measurement_add", args=["program", "leaders", indicator.pk]),
        {"on": "2026-06-30", "value": "3.6", "evidence": "Survey of June"},
    )
    assert response.status_code == 302
    assert Measurement.objects.get().value == Decimal("3.60")


def test_bad_input_says_why_and_changes_nothing(models, world):
    client = world.client("manager")
    response = client.post(
        reverse("outcomes:indicator_add", args=["program", "leaders"]),
        {"objective": models.program_objective.pk, "name": "X", "source": "computed", "measure": "", "unit": "count"},
    )
    assert response.status_code == 200
    assert "Choose a measure from the catalogue." in response.content.decode()
    assert not Indicator.objects.exists()


@pytest.mark.parametrize("persona_name", ["member", "outsider", "anonymous"])
def test_only_those_who_run_it_write(models, world, persona_name):
    response = world.client(persona_name).post(
        reverse("outcomes:goal_add", args=["network", "home"]), {"text": "Taken over", "language": "en"}
    )
    assert response.status_code in (302, 403, 404)
    assert not world.home.goals.filter(text="Taken over").exists()


def test_an_indicator_of_another_scope_is_not_found(models, world):
    from hevruta.outcomes import services

    other = services.add_indicator(models.network_objective, name="Network's own")
    response = world.client("manager").post(reverse("outcomes:indicator_remove", args=["program", "leaders", other.pk]))
    assert response.status_code == 404
    assert Indicator.objects.filter(pk=other.pk).exists()
