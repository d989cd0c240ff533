"""The contract every app uses to tell insights what happened, and to offer what it can measure."""

import pytest

from hevruta.directory.models import Locality, Organization, OrganizationKind, Sector
from hevruta.insights import activity, measures
from hevruta.insights.models import Activity

pytestmark = pytest.mark.django_db


def test_record_copies_the_organizations_place_at_the_time():
    yeroham = Locality.objects.create(cbs_code=99831, name_he="ירוחם-בדיקה", peripherality_cluster=2)
    school = Organization.objects.create(
        name="בית ספר", kind=OrganizationKind.SCHOOL, sector=Sector.STATE, locality=yeroham
    )

    recorded = activity.record("tests.something_done", organization=school, subject=school)

    stored = Activity.objects.get(pk=recorded.pk)
    assert (stored.locality_id, stored.peripherality_cluster, stored.sector) == (yeroham.pk, 2, Sector.STATE)
    assert stored.subject == f"directory.organization:{school.pk}"
    yeroham.peripherality_cluster = 9
    yeroham.save()
    assert Activity.objects.get(pk=recorded.pk).peripherality_cluster == 2


def test_record_without_a_place_leaves_it_empty():
    stored = activity.record("tests.something_done")
    assert (stored.locality, stored.peripherality_cluster, stored.sector, stored.subject) == (None, None, "", "")


def test_a_registered_measure_is_in_the_catalogue_by_key():
    measure = measures.Measure(
        key="tests.answer",
        label="Answer",
        unit=measures.Unit.COUNT,
        description="Always 42.",
        compute=lambda scope, start, end: 42.0,
    )
    measures.register(measure)
    assert measures.get("tests.answer") is measure
    assert "tests.answer" in [each.key for each in measures.catalogue()]
    assert measures.get("tests.no_such_measure") is None
