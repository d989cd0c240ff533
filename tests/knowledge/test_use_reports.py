"""Reports of use: counted by district and cluster, reporters named only when they chose so."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hevruta.directory.models import District
from hevruta.knowledge import services
from hevruta.knowledge.models import Resource, Status

from ..factories import LocalityFactory, OrganizationFactory, PositionFactory
from .conftest import grade_band, published, subject, teacher, upload, use
from .files import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world):  # type: ignore[no-untyped-def]
    yeruham = LocalityFactory(name_en="Yeroham", district=District.SOUTH, peripherality_cluster=2)
    haifa = LocalityFactory(name_en="Haifa", district=District.HAIFA, peripherality_cluster=8)
    resource = published(world.member, world.home, world.manager, title="Fractions diagnostic")
    quiet = teacher(world.home, locality=yeruham, given_name="Shira", family_name="Hidden")
    # No locality of her own: her current school's locality counts.
    loud = teacher(world.home, given_name="Lina", family_name="Public")
    PositionFactory(person=loud, organization=OrganizationFactory(locality=haifa))
    use(resource, quiet, students=30, rating=5, how_it_went="Worked well; my class loved it.")
    use(resource, quiet, students=20, rating=3)
    use(resource, loud, students=25, rating=4, is_public=True, how_it_went="Great for grade 7.")
    return resource


def test_page_counts_by_district_and_cluster_and_names_only_the_public(world, scene):
    html = world.client("member").get(reverse("knowledge:detail", args=[scene.pk])).content.decode()
    summary = html.split('data-testid="use-summary"')[1].split("</section>")[0]
    assert "Used by 2 teachers" in summary and "3 reports" in summary and "75 students" in summary
    assert "South" in summary and "Haifa" in summary
    assert '<th scope="row">2</th><td>2</td><td>50</td>' in summary  # cluster 2: two reports, 50 students
    assert "Lina Public" in summary and "Great for grade 7." in summary
    assert "Shira" not in html and "Hidden" not in html and "my class loved it" not in html


def test_api_counts_and_hides(world, scene):
    body = world.client("member").get(f"/api/v1/knowledge/resources/{scene.pk}").json()
    assert body["use"]["reports"] == 3 and body["use"]["teachers"] == 2 and body["use"]["students"] == 75
    assert {row["place"]: row["reports"] for row in body["use"]["by_district"]} == {"Haifa": 1, "South": 2}
    assert [report["reporter"] for report in body["use"]["public_reports"]] == ["Lina Public"]
    assert "Hidden" not in str(body) and "Shira" not in str(body)
    listed = world.client("member").get("/api/v1/knowledge/resources").json()["items"]
    assert listed[0]["use_count"] == 3 and "Hidden" not in str(listed)


def test_map_export_counts_without_names(world, scene):
    response = world.client("manager").get(reverse("knowledge:map_csv"))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    south = next(row for row in rows if row[1] == "South")
    assert south[5] == "2" and south[6] == "50"
    assert "Hidden" not in text and "Shira" not in text and "Lina" not in text


def test_sorting_by_most_used(world, scene):
    published(world.member, world.home, world.manager, title="Newer, unused")
    client = world.client("member")
    newest = client.get("/api/v1/knowledge/resources", {"sort": "newest"}).json()["items"]
    most = client.get("/api/v1/knowledge/resources", {"sort": "most_used"}).json()["items"]
    assert newest[0]["title"] == "Newer, unused" and most[0]["title"] == "Fractions diagnostic"


def test_report_through_the_page_with_an_adaptation(world, scene):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = world.client("member").post(
        reverse("knowledge:report_use", args=[scene.pk]),
        {
            "used_on": date.today().isoformat(),
            "subject": subject().pk,
            "grade_band": grade_band().pk,
            "grade": "ז׳3",
            "students": 28,
            "rating": 4,
            "how_it_went": "הוספתי שאלת המשך",
            "adaptation_title": "שברים: גרסה לכיתות מקדמות",
            "adaptation_body": "קיצרתי את המשימה.",
            "adaptation_network": world.home.pk,
            "adaptation_files": SimpleUploadedFile("adapted.pdf", pdf("adapted task")),
        },
    )
    adaptation = Resource.objects.get(title="שברים: גרסה לכיתות מקדמות")
    assert response.status_code == 302 and response.url == reverse("knowledge:detail", args=[adaptation.pk])
    assert adaptation.adapted_from == scene and adaptation.status == Status.DRAFT
    assert adaptation.attachments.count() == 1 and scene.use_reports.filter(adaptation=adaptation).exists()


def test_report_refuses_the_future_and_drafts(world, scene):
    with pytest.raises(ValidationError):
        use(scene, world.member, used_on=date.today() + timedelta(days=3))
    draft = services.create_resource(
        world.member, services.ResourceInput(network=world.home, kind="tool", title="draft")
    )
    with pytest.raises(ValidationError):
        use(draft, world.member)
    scene.refresh_from_db()
    assert scene.use_count == 3


def test_no_derivatives_licence_refuses_adaptations(world):
    closed = published(world.member, world.home, world.manager, licence="cc-by-nd")
    with pytest.raises(ValidationError):
        services.report_use(
            closed,
            world.member,
            services.UseInput(used_on=date.today(), students=10, rating=3),
            services.AdaptationInput(network=world.home, title="mine", uploads=(upload("a.pdf", pdf("x")),)),
        )
    assert not closed.use_reports.exists()


@pytest.fixture
def shared_reports(world):  # type: ignore[no-untyped-def]
    """A resource of the public network "away" with three reports shared by name, by teachers of "away"
    whose profiles are public, shown to their networks, and "only me"."""
    from hevruta.directory.models import Visibility

    resource = published(world.outsider, world.away, world.outsider, title="Open worksheet")
    for given, visibility in (("Paula", Visibility.PUBLIC), ("Nora", Visibility.NETWORK), ("Olga", Visibility.PRIVATE)):
        reporter = teacher(world.away, given_name=given, family_name="Reporter", profile_visibility=visibility)
        use(resource, reporter, is_public=True, how_it_went=f"{given}'s class")
    return resource


# Whose names each persona reads: "only me" Olga's never; Nora's only within "away" (the outsider's network).
NAMED = {
    "manager": {"Paula"},
    "member": {"Paula"},
    "outsider": {"Paula", "Nora"},
    "anonymous": {"Paula"},
}


def test_shared_reports_name_only_whom_the_reader_may_see(world, shared_reports, persona):
    client = world.client(persona)
    html = client.get(reverse("knowledge:detail", args=[shared_reports.pk])).content.decode()
    body = client.get(f"/api/v1/knowledge/resources/{shared_reports.pk}").json()
    reporters = [report["reporter"] for report in body["use"]["public_reports"]]
    for name in ("Paula", "Nora", "Olga"):
        assert (name + " Reporter" in html) is (name in NAMED[persona]), name
        assert (name + " Reporter" in reporters) is (name in NAMED[persona]), name
        assert f"{name}&#x27;s class" in html  # the report itself is shared
    assert reporters.count("A teacher") == 3 - len(NAMED[persona])
    assert "A teacher" in html
