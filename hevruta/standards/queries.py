"""The read side of roles and frameworks: who sees what, and the tree of a framework.

Pages, the API and the CASE endpoints all start from `frameworks_visible_to` and `roles_visible_to`.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hevruta.directory.models import NetworkMembership, Position
from hevruta.directory.queries import network_members, networks_visible_to, people_visible_to, viewer_for

from .models import (
    Association,
    AssociationType,
    Framework,
    FrameworkStatus,
    Item,
    PerformanceLevel,
    Role,
    RoleAssignment,
    RubricText,
)

DOCUMENT = "document"  # the key of the tree's root in a framework's child map


def frameworks_visible_to(user: Any) -> QuerySet[Framework]:
    """Published (and retired) frameworks of networks one may see, and the public library; drafts only
    to the managers of their network."""
    viewer = viewer_for(user)
    frameworks = Framework.objects.all()
    if viewer.is_operator:
        return frameworks
    readable = ~Q(status=FrameworkStatus.DRAFT) & (
        Q(network__isnull=True) | Q(network__is_public=True) | Q(network_id__in=viewer.network_ids)
    )
    drafts = Q(status=FrameworkStatus.DRAFT, network_id__in=viewer.managed_network_ids)
    return frameworks.filter(readable | drafts)


def published_frameworks_visible_to(user: Any) -> QuerySet[Framework]:
    """What the CASE endpoints serve: never a draft, not even to its editors."""
    return frameworks_visible_to(user).exclude(status=FrameworkStatus.DRAFT)


def framework_list(user: Any, network_id: int | None = None) -> QuerySet[Framework]:
    frameworks = frameworks_visible_to(user)
    if network_id:
        frameworks = frameworks.filter(network_id=network_id)
    return frameworks.select_related("network").annotate(item_count=Count("items")).order_by("title", "-version_number")


def roles_visible_to(user: Any) -> QuerySet[Role]:
    return Role.objects.filter(network__in=networks_visible_to(user))


def role_list(user: Any, network_id: int | None = None) -> QuerySet[Role]:
    roles = roles_visible_to(user).select_related("network", "framework")
    if network_id:
        roles = roles.filter(network_id=network_id)
    return roles.annotate(holder_count=_holder_count_for(user)).order_by(
        "network__name", "career_track", "track_stage", "name"
    )


# A role is held by the positions assigned to it by hand, and by the current positions of its network's
# members whose kind of position is the role's (a roster says "teacher"; nobody assigns 17,000 by hand).
HOLDERS_SHOWN = 200


def _current() -> Q:
    return Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate())


def _held_as(role: Role) -> Q:
    held = Q(role_assignment__role=role)
    if role.position_role:
        members = NetworkMembership.objects.filter(network_id=role.network_id).values("person_id")
        held |= _current() & Q(role=role.position_role, person_id__in=members)
    return held


def role_holder_positions(user: Any, role: Role) -> QuerySet[Position]:
    """The positions held as this role, of people the viewer may see."""
    return Position.objects.filter(_held_as(role), person__in=people_visible_to(user))


def role_holders(user: Any, role: Role, limit: int = HOLDERS_SHOWN) -> list[Position]:
    """The first `limit` holders by name (a role of a national network has thousands)."""
    return list(
        role_holder_positions(user, role)
        .annotate(assigned_here=Exists(RoleAssignment.objects.filter(position=OuterRef("pk"), role=role)))
        .select_related("person", "organization")
        .order_by("person__family_name", "person__given_name", "id")[:limit]
    )


def _holder_count_for(user: Any) -> Coalesce:
    """`_held_as` for each role of a list, counted in the list's one query."""
    members = NetworkMembership.objects.filter(network_id=OuterRef(OuterRef("network_id"))).values("person_id")
    held = Q(role_assignment__role=OuterRef("pk")) | (
        _current() & Q(role=OuterRef("position_role"), person_id__in=members)
    )
    counted = (
        Position.objects.filter(held, person__in=people_visible_to(user))
        .order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


def assignable_positions(user: Any, role: Role, limit: int = 500, position_id: int | None = None) -> list[Position]:
    """Current positions of the role's network members (whom the user sees) not yet filled as this role."""
    today = timezone.localdate()
    positions = (
        Position.objects.filter(person__in=network_members(user, role.network).values("pk"))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(role_assignment__role=role)
    )
    if position_id is not None:
        positions = positions.filter(pk=position_id)
    return list(
        positions.select_related("person", "organization").order_by("person__family_name", "person__given_name", "id")[
            :limit
        ]
    )


def roles_for_positions(position_ids: list[int]) -> dict[int, Role]:
    """The role each position is filled as, in one query; for the directory's profile pages."""
    return {
        assignment.position_id: assignment.role
        for assignment in RoleAssignment.objects.filter(position_id__in=position_ids).select_related("role")
    }


def role_for_position(position_id: int) -> Role | None:
    return roles_for_positions([position_id]).get(position_id)


def link_target_frameworks(user: Any, framework: Framework) -> QuerySet[Framework]:
    """Frameworks whose items an editor may link to: published ones one may see, and this one."""
    return (
        frameworks_visible_to(user)
        .filter(Q(pk=framework.pk) | ~Q(status=FrameworkStatus.DRAFT))
        .order_by("title", "-version_number")
    )


# The tree ------------------------------------------------------------------------------------------


def _natural(code: str) -> list[Any]:
    """ "1.10" after "1.9": numbers in a human code compare as numbers."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code)]


def child_map(
    framework: Framework, associations: list[Association] | None = None, items: dict[int, Item] | None = None
) -> dict[Any, list[Association]]:
    """isChildOf associations of the framework by parent (an item's pk, or DOCUMENT), in order."""
    if associations is None:
        associations = list(
            Association.objects.filter(framework=framework, association_type=AssociationType.IS_CHILD_OF)
        )
    if items is None:
        items = {item.pk: item for item in Item.objects.filter(framework=framework).only("id", "human_coding_scheme")}
    children: dict[Any, list[Association]] = defaultdict(list)
    for association in associations:
        if association.association_type != AssociationType.IS_CHILD_OF:
            continue
        if association.destination_identifier == framework.identifier:
            children[DOCUMENT].append(association)
        elif association.destination_item_id is not None:
            children[association.destination_item_id].append(association)

    def order(association: Association) -> tuple:
        item = items.get(association.origin_item_id or 0)
        code = item.human_coding_scheme if item else association.origin_title
        seq = association.sequence_number
        return (seq is None, seq or 0, _natural(code or ""), association.origin_item_id or 0, association.pk or 0)

    for siblings in children.values():
        siblings.sort(key=order)
    return children


def descendants(children: dict[Any, list[Association]], item_id: int) -> set[int]:
    found: set[int] = set()
    stack = [item_id]
    while stack:
        for association in children.get(stack.pop(), []):
            child = association.origin_item_id
            if child is not None and child not in found:
                found.add(child)
                stack.append(child)
    return found


@dataclass
class TreeRow:
    depth: int
    item: Item | None
    association: Association | None  # the isChildOf that places the row; None for unplaced items
    title: str = ""  # for a child that lives in another framework
    opens: bool = False
    closes: range = range(0)
    repeated: bool = False  # the item also appears under another parent
    rubric: list[tuple[PerformanceLevel, RubricText | None]] = field(default_factory=list)
    links: list[Association] = field(default_factory=list)
    incoming: list[Association] = field(default_factory=list)


@dataclass
class FrameworkTree:
    rows: list[TreeRow]
    levels: list[PerformanceLevel]
    unplaced: int
    visible_framework_ids: set[int]


def _walk(children: dict[Any, list[Association]], items: dict[int, Item]) -> list[TreeRow]:
    rows: list[TreeRow] = []
    placed: set[int] = set()
    stack: list[tuple[Association, int, frozenset[int]]] = [(a, 0, frozenset()) for a in reversed(children[DOCUMENT])]
    while stack:
        association, depth, ancestors = stack.pop()
        item = items.get(association.origin_item_id) if association.origin_item_id else None
        if item is not None and item.pk in ancestors:
            continue  # a cycle (never stored through our checks) must not hang the page
        row = TreeRow(depth, item, association, title=association.origin_title or association.origin_identifier)
        if item is not None:
            row.repeated = item.pk in placed
            placed.add(item.pk)
            if not row.repeated:
                below = ancestors | {item.pk}
                stack.extend((child, depth + 1, below) for child in reversed(children.get(item.pk, [])))
        rows.append(row)
    for item in items.values():
        if item.pk not in placed:
            rows.append(TreeRow(0, item, None))
    for index, row in enumerate(rows):
        following = rows[index + 1].depth if index + 1 < len(rows) else 0
        row.opens = following > row.depth
        row.closes = range(max(0, row.depth - following))
    return rows


def framework_tree(user: Any, framework: Framework) -> FrameworkTree:
    """Everything the framework page shows, in a fixed number of queries whatever its size."""
    items = {item.pk: item for item in Item.objects.filter(framework=framework).order_by("id")}
    associations = list(
        Association.objects.filter(framework=framework).select_related("destination_item__framework").order_by("id")
    )
    rows = _walk(child_map(framework, associations, items), items)
    levels = list(PerformanceLevel.objects.filter(framework=framework).order_by("position"))
    texts = {(text.item_id, text.level_id): text for text in RubricText.objects.filter(item__framework=framework)}
    links: dict[int, list[Association]] = defaultdict(list)
    for association in associations:
        if association.association_type != AssociationType.IS_CHILD_OF and association.origin_item_id in items:
            links[association.origin_item_id].append(association)
    incoming: dict[int, list[Association]] = defaultdict(list)
    visible = frameworks_visible_to(user)
    for association in (
        Association.objects.filter(destination_item__framework=framework, framework__in=visible)
        .exclude(framework=framework)
        .select_related("framework", "origin_item")
    ):
        incoming[association.destination_item_id].append(association)  # type: ignore[index]
    linked_ids = {a.destination_item.framework_id for a in associations if a.destination_item is not None}
    for row in rows:
        if row.item is None:
            continue
        row.links = links.get(row.item.pk, [])
        row.incoming = incoming.get(row.item.pk, [])
        if any((row.item.pk, level.pk) in texts for level in levels):
            row.rubric = [(level, texts.get((row.item.pk, level.pk))) for level in levels]
    return FrameworkTree(
        rows=rows,
        levels=levels,
        unplaced=sum(1 for row in rows if row.association is None),
        visible_framework_ids=set(visible.filter(pk__in=linked_ids).values_list("pk", flat=True)),
    )


def versions_of(framework: Framework) -> list[Framework]:
    """The framework's version line, oldest first: follow `previous` back, then the drafts after."""
    line = [framework]
    current = framework
    while current.previous_id is not None and len(line) < 100:
        current = Framework.objects.get(pk=current.previous_id)
        line.insert(0, current)
    following = Framework.objects.filter(previous=framework).order_by("version_number").first()
    while following is not None and len(line) < 100:
        line.append(following)
        following = Framework.objects.filter(previous=following).order_by("version_number").first()
    return line
