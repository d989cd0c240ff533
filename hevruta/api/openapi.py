"""Documents, on every operation of the OpenAPI document, the errors it can answer and their bodies.

The handlers in `api.py` answer the same errors for every endpoint, so they are documented from what
each operation is rather than repeated in ninja's `response=` of 80 endpoints:

- 401 on every operation (a refused token is reported even where a visitor may read); where a
  visitor may read, the security requirements include `{}` (credentials optional);
- 403 where credentials are required (the user may not do this, or a session without its CSRF token);
- 404 where the path or a written body names something (it does not exist, or is not shown to you);
- uploads: an empty file is no upload (`minLength: 1`), a required list of files has one at least;
- 400 and 409 on writes (content refused by the services or the database's constraints);
- 422 wherever there is input (the schema refused it: the list of fields and problems);
- 429 everywhere (rate limits), with `Retry-After`.

What an endpoint declares itself (an import's 422 with its problems) is kept; a 422 declared by an
endpoint also documents the schema's refusal, as either body can come.
"""

from typing import Any

from ninja import NinjaAPI
from ninja.operation import Operation

from .auth import Anonymous
from .schemas import ErrorOut, ValidationErrorOut

DESCRIPTIONS = {
    400: "The content was refused; `detail` says why.",
    401: "No credentials, or credentials that were refused.",
    403: "You may not do this; `detail` says why.",
    404: "Not found, or not shown to you.",
    409: "This conflicts with the current state or with existing data.",
    422: "The input does not match the schema: `detail` lists each field and its problem.",
    429: "Too many requests; `Retry-After` says in how many seconds to try again.",
}
WRITES = {"post", "put", "patch", "delete"}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _operations_by_id(api: NinjaAPI) -> dict[str, Operation]:
    found = {}
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                found[api.get_openapi_operation_id(operation)] = operation
    return found


def _anyone_may_call(operation: Operation | None) -> bool:
    return operation is not None and any(isinstance(auth, Anonymous) for auth in operation.auth_callbacks)


def _codes(method: str, path: str, spec: dict[str, Any], operation: Operation | None) -> list[int]:
    codes = [401, 429]
    if not _anyone_may_call(operation):
        codes.append(403)
    if "{" in path or method in WRITES:
        codes.append(404)  # a writing body names things too (a network's slug, a person's id)
    if method in WRITES:
        codes += [400, 409]
    if spec.get("parameters") or spec.get("requestBody"):
        codes.append(422)
    return codes


def _add_component(document: dict[str, Any], model: Any) -> None:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    components = document.setdefault("components", {}).setdefault("schemas", {})
    for name, definition in schema.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components.setdefault(model.__name__, schema)


def _no_empty_uploads(spec: dict[str, Any]) -> None:
    form = spec.get("requestBody", {}).get("content", {}).get("multipart/form-data", {}).get("schema", {})
    for name, field in form.get("properties", {}).items():
        if field.get("format") == "binary":
            field["minLength"] = 1
        elif field.get("items", {}).get("format") == "binary":
            field["items"]["minLength"] = 1
            if name in form.get("required", []):
                field["minItems"] = 1


def document_errors(api: NinjaAPI, document: dict[str, Any]) -> dict[str, Any]:
    _add_component(document, ErrorOut)
    _add_component(document, ValidationErrorOut)
    operations = _operations_by_id(api)
    retry_after = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}
    for path, methods in document["paths"].items():
        for method, spec in methods.items():
            operation = operations.get(spec.get("operationId", ""))
            if _anyone_may_call(operation) and {} not in spec.setdefault("security", []):
                spec["security"].append({})  # OpenAPI's way to say: credentials are optional here
            _no_empty_uploads(spec)
            responses = spec.setdefault("responses", {})
            for code in _codes(method, path, spec, operation):
                body = _ref("ValidationErrorOut" if code == 422 else "ErrorOut")
                declared = responses.get(code) or responses.get(str(code))
                if declared is None:
                    responses[code] = {
                        "description": DESCRIPTIONS[code],
                        "content": {"application/json": {"schema": body}},
                    }
                elif code == 422:
                    content = declared.setdefault("content", {}).setdefault("application/json", {})
                    content["schema"] = {"anyOf": [content["schema"], body]} if "schema" in content else body
                if code == 429:
                    responses[code]["headers"] = retry_after
    return document
