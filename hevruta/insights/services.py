"""The insights' write path: the readers a manager names for the monthly report (docs/insights.md)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hevruta.directory.models import Network, Person
from hevruta.outcomes.scopes import scope_access
from hevruta.programs.models import Program

from .models import ReportReader
from .monthly import scope_key


def _managed(by: Any, owner: Network | Program) -> None:
    scope = scope_access(by, owner)
    if scope is None or not scope.manages:
        raise PermissionDenied(_("Only those who run the program or the network may name the report's readers."))


@transaction.atomic
def name_report_reader(by: Any, owner: Network | Program, person_id: int) -> ReportReader:
    """Names a person of the directory, with an account, who may see the scope, once."""
    _managed(by, owner)
    person = Person.objects.select_related("user").filter(pk=person_id, user__is_active=True).first()
    if person is None:
        raise ValidationError(_("No such person in the directory, or they have no account."))
    scope = scope_access(person.user, owner)
    if scope is None or not scope.sees:
        raise ValidationError(_("This person may not see this scope's reports."))
    key = scope_key(owner)
    if ReportReader.objects.filter(person=person, scope=key).exists():
        raise ValidationError(_("This person already receives the monthly report."))
    return ReportReader.objects.create(person=person, scope=key, named_by=by)


@transaction.atomic
def remove_report_reader(by: Any, owner: Network | Program, person_id: int) -> None:
    _managed(by, owner)
    removed, _kinds = ReportReader.objects.filter(person_id=person_id, scope=scope_key(owner)).delete()
    if not removed:
        raise ValidationError(_("This person does not receive the monthly report."))
