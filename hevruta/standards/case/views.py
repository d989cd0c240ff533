"""The read endpoints of a CASE 1.1 (and 1.0) server, for published frameworks only.

A draft is never served, not even to its editors: CASE consumers cache what they read, and a draft
still changes. Who may read follows `frameworks_visible_to`: anonymous readers get the public
frameworks; a session or a personal token (`Authorization: Bearer …`) adds those of one's networks.
Errors are CASE's imsx_StatusInfo.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from hevruta.api.auth import TokenAuth

from ..models import Association, Definition, Framework, Item, PerformanceLevel, RubricText
from ..queries import published_frameworks_visible_to
from . import exporter, query, uris

DEFINITION_KINDS = {
    "CFConcepts": "CFConcepts",
    "CFSubjects": "CFSubjects",
    "CFLicenses": "CFLicenses",
    "CFItemTypes": "CFItemTypes",
    "CFAssociationGroupings": "CFAssociationGroupings",
}


def _json(data: Any, status: int = 200) -> HttpResponse:
    response = HttpResponse(exporter.dumps(data), content_type="application/json", status=status)
    # Cross-origin readers (CASE viewers in a browser) get what anonymous readers get: no cookies go along.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def status_info(http_status: int, minor: str, description: str, field: str = "sourcedId") -> HttpResponse:
    return _json(
        {
            "imsx_codeMajor": "failure",
            "imsx_severity": "error",
            "imsx_description": description,
            "imsx_CodeMinor": {
                "imsx_codeMinorField": [{"imsx_codeMinorFieldName": field, "imsx_codeMinorFieldValue": minor}]
            },
        },
        status=http_status,
    )


def _unknown(kind: str, identifier: str) -> HttpResponse:
    return status_info(404, "unknownobject", f"No published {kind} has the identifier {identifier[:100]}.")


def _reader(request: HttpRequest) -> Any:
    """The user reading: from a personal token if one is sent, else the session; None for a bad token."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return TokenAuth().authenticate(request, header[7:].strip())
    return request.user


def case_endpoint(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @require_GET
    def wrapper(request: HttpRequest, version: str, **kwargs: Any) -> HttpResponse:
        user = _reader(request)
        if user is None:
            return status_info(401, "unauthorisedrequest", "The token was not accepted.")
        if any("\x00" in str(value) for value in kwargs.values()):
            return status_info(400, "invalid_uuid", "The identifier is not valid.")
        return view(request, published_frameworks_visible_to(user), version == "v1p0", **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@case_endpoint
def cf_documents(request: HttpRequest, frameworks: QuerySet[Framework], v1p0: bool) -> HttpResponse:
    """getAllCFDocuments, with CASE's filter, fields, sort, orderBy, limit and offset (see query.py)."""
    try:
        params = query.parse_document_query(request.GET)
    except query.BadQuery as bad:
        return status_info(400, bad.minor, bad.message, bad.parameter)
    chosen = frameworks.filter(params.where)
    page = list(chosen.order_by(*params.order)[params.offset : params.offset + params.limit])
    documents = [query.select_fields(exporter.document_json(framework, v1p0=v1p0), params.fields) for framework in page]
    response = _json({"CFDocuments": documents})
    response["X-Total-Count"] = str(chosen.count())
    return response


def _framework(frameworks: QuerySet[Framework], identifier: str) -> Framework | None:
    return frameworks.filter(identifier=identifier).first()


@case_endpoint
def cf_document(request: HttpRequest, frameworks: QuerySet[Framework], v1p0: bool, identifier: str) -> HttpResponse:
    framework = _framework(frameworks, identifier)
    if framework is None:
        return _unknown("CFDocument", identifier)
    return _json(exporter.document_json(framework, v1p0=v1p0))


@case_endpoint
def cf_package(request: HttpRequest, frameworks: QuerySet[Framework], v1p0: bool, identifier: str) -> HttpResponse:
    framework = _framework(frameworks, identifier)
    if framework is None:
        return _unknown("CFPackage", identifier)
    return _json(exporter.export_package(framework, v1p0=v1p0))


def _document_of(framework: Framework, v1p0: bool) -> dict[str, str] | None:
    """The CFDocumentURI that CASE 1.0 servers add to items and associations (not CASE 1.1)."""
    return None if framework.is_imported or not v1p0 else exporter.document_link(framework)


@case_endpoint
def cf_item(request: HttpRequest, frameworks: QuerySet[Framework], v1p0: bool, identifier: str) -> HttpResponse:
    item = Item.objects.filter(identifier=identifier, framework__in=frameworks).select_related("framework").first()
    if item is None:
        return _unknown("CFItem", identifier)
    return _json(exporter.item_json(item, _document_of(item.framework, v1p0), v1p0=v1p0))


@case_endpoint
def cf_item_associations(
    request: HttpRequest, frameworks: QuerySet[Framework], v1p0: bool, identifier: str
) -> HttpResponse:
    """The item with every published association that starts or ends at it, in any framework."""
    item = Item.objects.filter(identifier=identifier, framework__in=frameworks).select_related("framework").first()
    if item is None:
        return _unknown("CFItem", identifier)
    associations = (
        Association.objects.filter(framework__in=frameworks)
        .filter(Q(origin_identifier=identifier) | Q(destination_identifier=identifier))
        .select_related("framework")
        .order_by("pk")
    )
    return _json(
        {
            "CFItem": exporter.item_json(item, _document_of(item.framework, v1p0), v1p0=v1p0),
            "CFAssociations": [
                exporter.association_json(association, _document_of(association.framework, v1p0), v1p0=v1p0)
                for association in associations
            ],
        }
    )


@case_endpoint
def cf_association(request: HttpRequest, frameworks: QuerySet[Framework], v1p0: bool, identifier: str) -> HttpResponse:
    association = (
        Association.objects.filter(identifier=identifier, framework__in=frameworks).select_related("framework").first()
    )
    if association is None:
        return _unknown("CFAssociation", identifier)
    return _json(exporter.association_json(association, _document_of(association.framework, v1p0), v1p0=v1p0))


@case_endpoint
def cf_definition(
    request: HttpRequest, frameworks: QuerySet[Framework], v1p0: bool, kind: str, identifier: str
) -> HttpResponse:
    definition = Definition.objects.filter(kind=DEFINITION_KINDS[kind], identifier=identifier, framework__in=frameworks)
    found = definition.order_by("-framework__last_change").first()
    if found is None:
        return _unknown(kind, identifier)
    return _json(exporter.definition_json(found.kind, found.data, v1p0=v1p0))


def _framework_of_rubric_part(frameworks: QuerySet[Framework], identifier: str) -> Framework | None:
    """The framework whose built rubric holds this rubric, criterion or criterion level identifier.

    Those identifiers are derived (UUIDv5) from the framework's, its items' and its levels'
    identifiers, so they are found by deriving them again for the visible frameworks, not stored.
    """
    for pk, document_id in frameworks.values_list("pk", "identifier"):
        if identifier in (
            uris.derived_identifier(document_id, "rubric"),
            uris.derived_identifier(document_id, "levels"),
        ):
            return frameworks.get(pk=pk)
    level = PerformanceLevel.objects.filter(identifier=identifier, framework__in=frameworks).first()
    if level is not None:
        return level.framework
    texts = RubricText.objects.filter(item__framework__in=frameworks).values_list(
        "item__identifier", "level__identifier", "item__framework_id"
    )
    for item_id, level_id, framework_pk in texts.iterator(chunk_size=2000):
        if identifier in (uris.derived_identifier(item_id, "criterion"), uris.derived_identifier(item_id, level_id)):
            return frameworks.get(pk=framework_pk)
    return None


def _rubric_parts(rubrics: list[Any]) -> dict[str, Iterable[dict[str, Any]]]:
    criteria = [
        criterion
        for rubric in rubrics
        if isinstance(rubric, dict)
        for criterion in rubric.get("CFRubricCriteria") or []
        if isinstance(criterion, dict)
    ]
    levels = [
        level
        for criterion in criteria
        for level in criterion.get("CFRubricCriterionLevels") or []
        if isinstance(level, dict)
    ]
    return {
        "CFRubrics": [rubric for rubric in rubrics if isinstance(rubric, dict)],
        "CFRubricCriteria": criteria,
        "CFRubricCriterionLevels": levels,
    }


def _find_rubric_part(frameworks: QuerySet[Framework], v1p0: bool, kind: str, identifier: str) -> Any:
    framework = _framework_of_rubric_part(frameworks, identifier)
    candidates = [framework] if framework is not None else []
    # Rubrics kept as they came from another server: their identifiers are theirs, read from the package.
    candidates += list(frameworks.filter(package_extra__has_key="CFRubrics"))
    for candidate in candidates:
        for found in _rubric_parts(exporter.framework_rubrics(candidate, v1p0=v1p0))[kind]:
            if found.get("identifier") == identifier:
                return found
    return None


@case_endpoint
def cf_rubric(request: HttpRequest, frameworks: QuerySet[Framework], v1p0: bool, identifier: str) -> HttpResponse:
    """A framework's rubric (its performance levels and rubric texts)."""
    found = _find_rubric_part(frameworks, v1p0, "CFRubrics", identifier)
    return _unknown("CFRubric", identifier) if found is None else _json(found)


@case_endpoint
def cf_rubric_criterion(
    request: HttpRequest, frameworks: QuerySet[Framework], v1p0: bool, identifier: str
) -> HttpResponse:
    """One criterion of a rubric: the URIs of CFRubricCriteria resolve here."""
    found = _find_rubric_part(frameworks, v1p0, "CFRubricCriteria", identifier)
    return _unknown("CFRubricCriterion", identifier) if found is None else _json(found)


@case_endpoint
def cf_rubric_criterion_level(
    request: HttpRequest, frameworks: QuerySet[Framework], v1p0: bool, identifier: str
) -> HttpResponse:
    """One level of a rubric criterion: the URIs of CFRubricCriterionLevels resolve here."""
    found = _find_rubric_part(frameworks, v1p0, "CFRubricCriterionLevels", identifier)
    return _unknown("CFRubricCriterionLevel", identifier) if found is None else _json(found)
