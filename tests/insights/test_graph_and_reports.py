"""The network's graph measured on organizations tied by hand, and the reports: a PDF whose extracted
text is the Hebrew and Arabic of the page, an XLSX of every table, a CSV of one."""

import io
from collections import Counter

import networkx as nx
import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from hevruta.directory.models import Locality, OrganizationKind, Sector
from hevruta.insights import graph
from hevruta.insights.refresh import refresh_all
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_graph_measures_known_by_hand():
    """a (periphery, state) – b (centre, Arab) – c (centre, state); d – e apart (both middle, state).
    Two components; of 3 ties, 2 cross sectors (a–b, b–c) = 66.7%; a–b is the one periphery–center
    tie; b lies on the only path between a and c, so it is the most connecting."""
    far = Locality.objects.create(cbs_code=99101, name_he="רחוק", peripherality_cluster=2)
    near = Locality.objects.create(cbs_code=99102, name_he="קרוב", peripherality_cluster=9)
    middle = Locality.objects.create(cbs_code=99103, name_he="אמצע", peripherality_cluster=5)
    a = OrganizationFactory(kind=OrganizationKind.SCHOOL, sector=Sector.STATE, locality=far)
    b = OrganizationFactory(kind=OrganizationKind.COLLEGE, sector=Sector.ARAB, locality=near)
    c = OrganizationFactory(kind=OrganizationKind.SCHOOL, sector=Sector.STATE, locality=near)
    d = OrganizationFactory(kind=OrganizationKind.SCHOOL, sector=Sector.STATE, locality=middle)
    e = OrganizationFactory(kind=OrganizationKind.SCHOOL, sector=Sector.STATE, locality=middle)
    built = graph.build(Counter({(a.pk, b.pk): 2, (b.pk, c.pk): 1, (d.pk, e.pk): 1}))
    measured = graph.measures(built, top=1)
    assert measured["components"] == 2
    assert measured["cross_sector_percent"] == 66.7
    assert (measured["periphery_ties"], measured["periphery_to_centre"]) == (1, 1)
    assert measured["connectors"] == [b.pk]
    assert nx.betweenness_centrality(built)[b.pk] == max(nx.betweenness_centrality(built).values())


def test_co_participation_ties_the_organizations_of_one_cohort(world):
    from hevruta.insights import activity

    one, two, three = (OrganizationFactory() for _ in range(3))
    for organization in (one, two, three):
        activity.record("programs.enrolled", organization=organization, network=world.home, subject=world.away)
    activity.record("programs.enrolled", organization=one, network=world.home, subject=world.home)
    from django.utils import timezone

    today = timezone.localdate()
    assert graph.shared(world.home.pk, today, today) == Counter(
        {
            (min(one.pk, two.pk), max(one.pk, two.pk)): 1,
            (min(one.pk, three.pk), max(one.pk, three.pk)): 1,
            (min(two.pk, three.pk), max(two.pk, three.pk)): 1,
        }
    )


@pytest.mark.parametrize("language, words", [("he", "מורים מובילים"), ("ar", "المعلمون القياديون")])
def test_the_pdf_report_reads_back_in_hebrew_and_arabic(world, language, words):
    refresh_all()
    response = world.client("manager").get(
        reverse("insights:export", args=["network", "home", "pdf"]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 1
    # The extracted text keeps each word's letters in logical order; the words of a line may come in
    # visual order, so each word is looked for on its own.
    assert all(word in text for word in words.split())
    resources = reader.pages[0]["/Resources"]
    assert "/XObject" in resources  # the charts, drawn
    assert "<svg" not in text  # charts are drawn, not printed as markup
    # Every letter, the charts' labels included, is set in the vendored Rubik (core/fonts), never in a
    # font of the machine that made the PDF.
    fonts = set().union(*(_fonts_used(page["/Resources"]) for page in reader.pages))
    assert fonts and all("+Hevruta-" in font for font in fonts), fonts
    script = {"he": "Hebrew", "ar": "Arabic"}[language]
    in_charts = set().union(*(_fonts_used(drawing["/Resources"]) for drawing in _drawings(resources)))
    assert any(f"+Hevruta-{script}" in font for font in in_charts), in_charts


def _drawings(resources) -> list:
    return [drawing.get_object() for drawing in resources.get_object().get("/XObject", {}).values()]


def _fonts_used(resources) -> set[str]:
    """The fonts of a page's or a drawing's resources, and of the drawings inside them."""
    fonts = {str(font.get_object()["/BaseFont"]) for font in resources.get_object().get("/Font", {}).values()}
    for drawing in _drawings(resources):
        if "/Resources" in drawing:
            fonts |= _fonts_used(drawing["/Resources"])
    return fonts


def test_the_xlsx_has_a_sheet_for_every_table_and_the_csv_one_table(world):
    refresh_all()
    client = world.client("manager")
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("insights:export", args=["network", "home", "xlsx"])).content)
    )
    assert {"indicators", "people_tier", "people_subject", "activity", "periphery", "measures"} <= set(
        workbook.sheetnames
    )
    csv = client.get(reverse("insights:export", args=["network", "home", "csv"]) + "?section=people_tier")
    assert csv.status_code == 200
    # Maya, Mira, Pnina and Nadia hold no position: four "others"; Pazit's private profile is not counted.
    assert csv.content.decode("utf-8-sig").splitlines()[1:] == ["Others,4"]
    missing = client.get(reverse("insights:export", args=["network", "home", "csv"]) + "?section=nothing")
    assert missing.status_code == 404


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_reports_for_each_persona(world, persona, fmt):
    response = world.client(persona).get(reverse("insights:export", args=["network", "home", fmt]))
    assert response.status_code == {"manager": 200, "member": 403, "outsider": 404, "anonymous": 302}[persona]
