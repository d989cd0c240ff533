"""Versions: a published framework is frozen; a new draft copies everything; editing the draft leaves the
published version exactly as it was; publishing the draft retires the old one."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from hevruta.standards import services
from hevruta.standards.case.compare import differences
from hevruta.standards.case.exporter import export_package
from hevruta.standards.demo import load_standards_demo
from hevruta.standards.models import Association, Framework, FrameworkStatus, Item, RubricText

from .conftest import build_framework


def _one_item(framework):  # type: ignore[no-untyped-def]
    return Item.objects.filter(framework=framework, human_coding_scheme="1.1.1").get()


@pytest.mark.django_db
def test_every_edit_of_a_published_framework_is_refused(home_framework):
    item = _one_item(home_framework)
    other = Item.objects.filter(framework=home_framework, human_coding_scheme="2").get()
    level = home_framework.levels.first()
    before = export_package(home_framework)
    attempts = [
        lambda: services.update_framework(home_framework, title="changed"),
        lambda: services.add_item(home_framework, full_statement="new"),
        lambda: services.update_item(item, full_statement="changed"),
        lambda: services.move_item(item, parent=other),
        lambda: services.delete_item(item),
        lambda: services.save_levels(home_framework, [services.LevelRow(level.pk, "renamed")]),
        lambda: services.set_rubric_texts(item, {level.pk: "changed"}),
        lambda: services.add_link(item, other, "isRelatedTo"),
        lambda: services.delete_draft(home_framework),
        lambda: services.publish(home_framework),
    ]
    for attempt in attempts:
        with pytest.raises(services.FrameworkFrozen):
            attempt()
    home_framework.refresh_from_db()
    assert differences(before, export_package(home_framework)) == []


@pytest.mark.django_db
def test_a_new_draft_copies_everything_with_new_identifiers(home_framework):
    draft = services.new_draft(home_framework)
    assert draft.status == FrameworkStatus.DRAFT
    assert draft.previous == home_framework and draft.version_number == 2
    old, new = export_package(home_framework), export_package(draft)
    assert len(new["CFItems"]) == len(old["CFItems"])
    assert len(new["CFAssociations"]) == len(old["CFAssociations"])
    assert sorted(i["fullStatement"] for i in new["CFItems"]) == sorted(i["fullStatement"] for i in old["CFItems"])
    assert not {i["identifier"] for i in new["CFItems"]} & {i["identifier"] for i in old["CFItems"]}
    assert new["CFDocument"]["identifier"] != old["CFDocument"]["identifier"]
    assert (
        RubricText.objects.filter(item__framework=draft).count()
        == RubricText.objects.filter(item__framework=home_framework).count()
    )
    assert [lv.name for lv in draft.levels.order_by("position")] == [
        lv.name for lv in home_framework.levels.order_by("position")
    ]
    # The tree of the copy hangs on the copy: no isChildOf of the draft points into the old version.
    old_ids = {i.identifier for i in Item.objects.filter(framework=home_framework)} | {home_framework.identifier}
    assert not Association.objects.filter(framework=draft, destination_identifier__in=old_ids).exists()


@pytest.mark.django_db
def test_editing_the_draft_leaves_the_published_version_intact(home_framework):
    before = export_package(home_framework)
    draft = services.new_draft(home_framework)
    item = _one_item(draft)
    level = draft.levels.order_by("position").first()
    services.update_item(item, full_statement="נוסח חדש")
    services.set_rubric_texts(item, {level.pk: "טקסט חדש"})
    services.add_item(draft, full_statement="פריט חדש")
    services.delete_item(Item.objects.get(framework=draft, human_coding_scheme="2"))
    services.save_levels(draft, [services.LevelRow(level.pk, "מתחיל/ה")])
    home_framework.refresh_from_db()
    assert differences(before, export_package(home_framework)) == []


@pytest.mark.django_db
def test_publishing_the_draft_retires_the_old_version_and_moves_its_roles(world, home_framework):
    role = services.create_role(world.home, name="מנחה", framework=home_framework)
    draft = services.new_draft(home_framework)
    services.publish(draft)
    home_framework.refresh_from_db()
    role.refresh_from_db()
    assert home_framework.status == FrameworkStatus.RETIRED
    assert home_framework.adoption_status == "Deprecated"
    assert role.framework == draft


@pytest.mark.django_db
def test_one_draft_at_a_time(home_framework):
    services.new_draft(home_framework)
    with pytest.raises(ValidationError):
        services.new_draft(home_framework)


@pytest.mark.django_db
def test_the_database_itself_allows_one_draft_per_version(home_framework):
    from hevruta.standards.models import Framework

    services.new_draft(home_framework)
    with pytest.raises(IntegrityError):
        Framework.objects.create(
            previous=home_framework,
            identifier="x-1",
            uri="u",
            title="t",
            creator="c",
            last_change=home_framework.last_change,
        )


@pytest.mark.django_db
def test_a_new_draft_of_an_imported_framework_is_ours(world):
    demo = load_standards_demo(world.home)
    draft = services.new_draft(demo.framework)
    package = export_package(draft, v1p0=True)
    assert package["CFDocument"]["CFPackageURI"]["identifier"] == draft.identifier
    assert all(item["CFDocumentURI"]["identifier"] == draft.identifier for item in package["CFItems"])
    assert export_package(draft)["CFDocument"]["caseVersion"] == "1.1"


@pytest.mark.django_db
def test_the_editor_refuses_a_cycle(home_draft):
    domain = Item.objects.get(framework=home_draft, human_coding_scheme="1")
    grandchild = Item.objects.get(framework=home_draft, human_coding_scheme="1.1.1")
    with pytest.raises(ValidationError, match="descendants"):
        services.move_item(domain, parent=grandchild)
    with pytest.raises(ValidationError):
        services.move_item(domain, parent=domain)


@pytest.mark.django_db
def test_the_move_page_refuses_a_cycle_and_offers_no_descendant(world, home_draft):
    domain = Item.objects.get(framework=home_draft, human_coding_scheme="1")
    grandchild = Item.objects.get(framework=home_draft, human_coding_scheme="1.1.1")
    url = reverse("standards:item_move", args=[home_draft.pk, domain.pk])
    client = world.client("manager")
    page = client.get(url).content.decode()
    assert f'value="{grandchild.pk}"' not in page
    response = client.post(url, {"parent": str(grandchild.pk)})
    assert response.status_code == 200  # the form again, with the choice refused
    parents = Association.objects.filter(framework=home_draft, origin_item=domain).values_list(
        "destination_identifier", flat=True
    )
    assert list(parents) == [home_draft.identifier]


@pytest.mark.django_db
def test_moving_and_ordering_items(home_draft):
    first = Item.objects.get(framework=home_draft, human_coding_scheme="1.1.1")
    target = Item.objects.get(framework=home_draft, human_coding_scheme="2.2")
    services.move_item(first, parent=target, position=0)
    children = (
        Association.objects.filter(framework=home_draft, destination_item=target, association_type="isChildOf")
        .order_by("sequence_number")
        .values_list("origin_item__human_coding_scheme", flat=True)
    )
    assert list(children) == ["1.1.1", "2.2.1", "2.2.2"]


@pytest.mark.django_db
def test_levels_are_renamed_reordered_added_and_deleted(home_draft):
    levels = list(home_draft.levels.order_by("position"))
    rows = [
        services.LevelRow(levels[3].pk, "מוביל/ה"),
        services.LevelRow(levels[0].pk, "מתפתח/ת"),
        services.LevelRow(None, "חדש/ה", "רמה חדשה"),
    ]
    services.save_levels(home_draft, rows)
    assert [lv.name for lv in home_draft.levels.order_by("position")] == ["מוביל/ה", "מתפתח/ת", "חדש/ה"]
    # The texts of the deleted levels went with them.
    assert not RubricText.objects.filter(level_id__in=[levels[1].pk, levels[2].pk]).exists()


@pytest.mark.django_db
def test_deleting_an_item_takes_its_subtree(home_draft):
    count = services.delete_item(Item.objects.get(framework=home_draft, human_coding_scheme="1"))
    assert count == 1 + 2 + 4
    assert Item.objects.filter(framework=home_draft).count() == 7


@pytest.mark.django_db
def test_links_to_other_frameworks(world, home_framework, home_draft):
    origin = Item.objects.get(framework=home_draft, human_coding_scheme="1.1.1")
    target = Item.objects.get(framework=home_framework, human_coding_scheme="2.1.2")
    association = services.add_link(origin, target, "exactMatchOf")
    assert association.destination_identifier == target.identifier
    exported = export_package(home_draft)
    assert any(
        a["associationType"] == "exactMatchOf" and a["destinationNodeURI"]["uri"] == target.uri
        for a in exported["CFAssociations"]
    )
    other_draft = build_framework(world.home, title="Another draft")
    with pytest.raises(ValidationError):
        services.add_link(origin, Item.objects.filter(framework=other_draft).first(), "isRelatedTo")
    with pytest.raises(ValidationError):
        services.add_link(origin, target, "isChildOf")


@pytest.mark.django_db
def test_retiring_moves_the_last_change_of_the_document_and_its_items(home_framework):
    """A consumer syncing by lastChangeDateTime learns that the framework and its items ended."""
    from datetime import timedelta

    old = timezone.now() - timedelta(days=3)
    Framework.objects.filter(pk=home_framework.pk).update(last_change=old)
    Item.objects.filter(framework=home_framework).update(last_change=old)
    Association.objects.filter(framework=home_framework).update(last_change=old)
    home_framework.refresh_from_db()
    before = export_package(home_framework)
    services.retire(home_framework)
    home_framework.refresh_from_db()
    after = export_package(home_framework)
    assert after["CFDocument"]["adoptionStatus"] == "Deprecated"
    assert after["CFDocument"]["statusEndDate"] == timezone.now().date().isoformat()
    assert after["CFDocument"]["lastChangeDateTime"] > before["CFDocument"]["lastChangeDateTime"]
    for item_before, item_after in zip(before["CFItems"], after["CFItems"], strict=True):
        assert item_after["lastChangeDateTime"] > item_before["lastChangeDateTime"]
        assert item_after["statusEndDate"] == after["CFDocument"]["statusEndDate"]
    assert after["CFAssociations"] == before["CFAssociations"]  # what did not change keeps its time
    draft = services.new_draft(home_framework)
    assert "statusEndDate" not in export_package(draft)["CFDocument"]
    assert not Item.objects.filter(framework=draft, status_end_date__isnull=False).exists()
