"""Frameworks and roles for the standards tests, on top of the four personas of tests/conftest.py."""

from pathlib import Path

import pytest
from django.utils import translation

from hevruta.standards import services
from hevruta.standards.models import Framework, Item

CASE_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "case"
CASE_FILES = sorted(CASE_DIR.glob("*.json"))


def build_framework(network, *, title="סטנדרטים למנחי קהילות", domains=2, standards=2, competencies=2, publish=False):
    """A three-level tree (domain → standard → competency) with rubric texts on the competencies."""
    framework = services.create_framework(network, title=title, creator="המכון להוראה מתקדמת", language="he")
    levels = list(framework.levels.order_by("position"))
    for d in range(1, domains + 1):
        domain = services.add_item(
            framework, full_statement=f"תחום {d}: הובלת למידה", human_coding_scheme=str(d), item_type="Domain"
        )
        for s in range(1, standards + 1):
            standard = services.add_item(
                framework,
                parent=domain,
                full_statement=f"סטנדרט {d}.{s}",
                human_coding_scheme=f"{d}.{s}",
                item_type="Standard",
            )
            for c in range(1, competencies + 1):
                competency = services.add_item(
                    framework,
                    parent=standard,
                    full_statement=f"מיומנות {d}.{s}.{c}: מנחה שיח מקצועי 𝑑",
                    human_coding_scheme=f"{d}.{s}.{c}",
                    item_type="Competency",
                )
                services.set_rubric_texts(competency, {level.pk: f"{level.name} — {d}.{s}.{c}" for level in levels})
    if publish:
        services.publish(framework)
        framework.refresh_from_db()
    return framework


@pytest.fixture(autouse=True)
def _english(settings):  # type: ignore[no-untyped-def]
    """The tests read messages and pages in English; the site's default language is Hebrew."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def items_count(framework: Framework) -> int:
    return Item.objects.filter(framework=framework).count()


@pytest.fixture
def home_framework(world):
    return build_framework(world.home, publish=True)


@pytest.fixture
def home_draft(world):
    return build_framework(world.home, title="טיוטה")
