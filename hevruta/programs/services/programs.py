"""Writing programs: the program itself, its goals and objectives, staff and requirements."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hevruta.directory.models import Network, NetworkOrganization, Organization, Person
from hevruta.standards.models import Framework, FrameworkStatus, Item, PerformanceLevel, Role

from ..models import Program, ProgramGoal, ProgramObjective, ProgramStaff, Requirement, RequirementKind, StaffRole

# Slugs that are the programs app's own addresses (programs/mine/, programs/reviews/, ...).
RESERVED_SLUGS = frozenset(
    {
        "new",
        "mine",
        "reviews",
        "supervision",
        "cohorts",
        "sessions",
        "enrollments",
        "evidence",
        "check-in",
        "applications",
    }
)
EDITABLE = (
    "name_he",
    "name_ar",
    "name_en",
    "kind",
    "description",
    "description_language",
    "vision",
    "vision_language",
    "framework",
    "issuing_organization",
    "accepts_applications",
)


def _unique_slug(base: str, exclude: int | None = None) -> str:
    base = (slugify(base, allow_unicode=True) or "program")[:90]
    slug, counter = base, 1
    others = Program.objects.exclude(pk=exclude) if exclude is not None else Program.objects.all()
    while slug in RESERVED_SLUGS or others.filter(slug=slug).exists():
        counter += 1
        slug = f"{base}-{counter}"
    return slug


def _check(network: Network, fields: dict[str, Any], roles: Iterable[Role] | None) -> None:
    if not any((fields.get(name) or "").strip() for name in ("name_he", "name_ar", "name_en")):
        raise ValidationError(_("A program needs a name in at least one language."))
    framework: Framework | None = fields.get("framework")
    if framework is not None:
        if framework.network_id not in (None, network.pk):
            raise ValidationError(_("The framework must be the network's own or one of the public library."))
        if framework.status == FrameworkStatus.DRAFT:
            raise ValidationError(_("A program is measured by a published framework, not a draft."))
    organization: Organization | None = fields.get("issuing_organization")
    if (
        organization is not None
        and not NetworkOrganization.objects.filter(network=network, organization=organization).exists()
    ):
        # The network's managers set the issuer; they may only name one of the network's own organizations.
        raise ValidationError(_("The issuing organization must be a member organization of the program's network."))
    for role in roles or ():
        if role.network_id != network.pk:
            raise ValidationError(_("A program prepares for roles of its own network."))


@transaction.atomic
def create_program(
    network: Network,
    *,
    roles: Iterable[Role] = (),
    slug: str = "",
    created_by: Any = None,
    **fields: Any,
) -> Program:
    roles = list(roles)
    _check(network, fields, roles)
    program = Program.objects.create(
        network=network,
        slug=_unique_slug(slug or fields.get("name_en") or fields.get("name_he") or fields.get("name_ar") or ""),
        created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        **{name: value for name, value in fields.items() if name in EDITABLE},
    )
    program.roles.set(roles)
    return program


@transaction.atomic
def update_program(program: Program, *, roles: Iterable[Role] | None = None, **fields: Any) -> Program:
    merged = {name: getattr(program, name) for name in EDITABLE} | fields
    _check(program.network, merged, roles)
    for name, value in fields.items():
        if name in EDITABLE:
            setattr(program, name, value)
    program.save()
    if roles is not None:
        program.roles.set(list(roles))
    return program


# Goals and objectives ------------------------------------------------------------------------------


@transaction.atomic
def add_goal(owner: Program | Network, text: str, language: str = "") -> ProgramGoal:
    """A goal of a program's logic model, or of a network's (the network's goals stand above its programs)."""
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the goal."))
    owned = {"program": owner} if isinstance(owner, Program) else {"network": owner}
    last = ProgramGoal.objects.filter(**owned).aggregate(last=Max("order"))["last"] or 0
    return ProgramGoal.objects.create(order=last + 1, text=text, language=language, **owned)


@transaction.atomic
def add_objective(goal: ProgramGoal, text: str, language: str = "") -> ProgramObjective:
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the objective."))
    last = ProgramObjective.objects.filter(goal=goal).aggregate(last=Max("order"))["last"] or 0
    return ProgramObjective.objects.create(goal=goal, order=last + 1, text=text, language=language)


@transaction.atomic
def delete_goal(goal: ProgramGoal) -> None:
    goal.delete()


@transaction.atomic
def delete_objective(objective: ProgramObjective) -> None:
    objective.delete()


# Staff -------------------------------------------------------------------------------------------


@transaction.atomic
def add_staff(program: Program, person: Person, role: str) -> ProgramStaff:
    if role not in StaffRole.values:
        raise ValidationError(_("Unknown staff role."))
    staff, _created = ProgramStaff.objects.get_or_create(program=program, person=person, role=role)
    return staff


@transaction.atomic
def remove_staff(staff: ProgramStaff) -> None:
    staff.delete()


# Requirements ------------------------------------------------------------------------------------


@transaction.atomic
def add_requirement(
    program: Program,
    kind: str,
    *,
    min_percent: int | None = None,
    hours: Decimal | float | None = None,
    competency: Item | None = None,
    min_level: PerformanceLevel | None = None,
    description: str = "",
) -> Requirement:
    fields: dict[str, Any] = {"description": description.strip()}
    if kind == RequirementKind.ATTENDANCE:
        if min_percent is None or not 1 <= int(min_percent) <= 100:
            raise ValidationError(_("Give the minimum attendance as a percentage from 1 to 100."))
        fields["min_percent"] = int(min_percent)
    elif kind == RequirementKind.SUPERVISED_HOURS:
        if hours is None or Decimal(str(hours)) <= 0:
            raise ValidationError(_("Give the number of hours of supervised practice."))
        fields["hours"] = Decimal(str(hours))
    elif kind == RequirementKind.COMPETENCY_EVIDENCE:
        if competency is None:
            raise ValidationError(_("Choose the competency the evidence must show."))
        if program.framework_id and competency.framework_id != program.framework_id:
            raise ValidationError(_("The competency must be one of the program's framework."))
        if min_level is not None and min_level.framework_id != competency.framework_id:
            raise ValidationError(_("The minimum level must be one of the competency's framework."))
        if Requirement.objects.filter(program=program, competency=competency).exists():
            raise ValidationError(_("The program already requires evidence of this competency."))
        fields["competency"] = competency
        fields["min_level"] = min_level
    else:
        raise ValidationError(_("Unknown kind of requirement."))
    last = Requirement.objects.filter(program=program).aggregate(last=Max("order"))["last"] or 0
    return Requirement.objects.create(program=program, kind=kind, order=last + 1, **fields)


@transaction.atomic
def remove_requirement(requirement: Requirement) -> None:
    requirement.delete()
