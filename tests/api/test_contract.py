"""The API contract: every GET operation of the OpenAPI document, called with real ids as each of the four
personas, answers a status it documents with a body valid against the schema it declares for that status.

The operations come from the document itself, so endpoints added later are covered without a change
here; a path parameter this test cannot fill fails it, naming the line to add to tests/api/demo.py.
"""

from collections import Counter
from typing import Any

import jsonschema_rs
import pytest
from django.test import Client

from tests.credentials.conftest import SHARED_CONTEXTS, require

from .demo import PERSONAS, REAL_IDS, load_full_demo


@pytest.fixture
def demo(db, settings, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    require(SHARED_CONTEXTS.is_dir(), f"the reference contexts are missing: {SHARED_CONTEXTS}")
    import shutil

    shutil.copytree(SHARED_CONTEXTS, tmp_path / "contexts")
    settings.CREDENTIALS_CONTEXT_DIR = tmp_path / "contexts"
    settings.CREDENTIALS_FETCH_CONTEXTS = False
    settings.MEDIA_ROOT = tmp_path / "media"
    return load_full_demo(monkeypatch)


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    # The response schema with the document's components beside it, so that its $refs resolve.
    return jsonschema_rs.validator_for({**schema, "components": document["components"]})


def _fill(path: str, parameters: list[dict[str, Any]]) -> str:
    for parameter in parameters:
        if parameter["in"] != "path":
            continue
        name = parameter["name"]
        assert name in REAL_IDS, f"add how to find a real {name!r} in the demo to REAL_IDS in tests/api/demo.py"
        path = path.replace("{" + name + "}", str(REAL_IDS[name]()))
    return path


@pytest.mark.django_db
def test_every_get_operation_answers_as_documented_for_every_persona(demo):
    document = Client().get("/api/v1/openapi.json").json()
    problems, statuses = [], Counter()
    calls = 0
    for template, methods in document["paths"].items():
        if "get" not in methods:
            continue
        operation = methods["get"]
        url = _fill(template, operation.get("parameters", []))
        for persona in PERSONAS:
            response = Client(headers=demo.headers(persona)).get(url)
            calls += 1
            statuses[response.status_code] += 1
            where = f"{operation['operationId']} as {persona}: GET {url} -> {response.status_code}"
            documented = operation["responses"].get(str(response.status_code))
            if documented is None:
                problems.append(f"{where}: status not documented")
                continue
            schema = documented.get("content", {}).get("application/json", {}).get("schema")
            if schema is None:
                continue  # documented without a JSON body (the CASE export's own format)
            assert response["Content-Type"].startswith("application/json"), where
            errors = [error.message for error in _validator(document, schema).iter_errors(response.json())]
            if errors:
                problems.append(f"{where}: {errors[:3]}")
    assert not problems, "\n".join(problems)
    # The check could fail: every persona was answered, and the personas saw different things.
    assert calls >= 4 * 30
    assert statuses[200] >= calls // 2 and statuses[401] > 0 and statuses[404] > 0, statuses


@pytest.mark.django_db
def test_operation_ids_and_schema_names_are_unique_and_telling():
    from ninja import Schema

    document = Client().get("/api/v1/openapi.json").json()
    ids = [spec["operationId"] for methods in document["paths"].values() for spec in methods.values()]
    assert len(ids) == len(set(ids)), [name for name, count in Counter(ids).items() if count > 1]
    for name in ids:
        # A verb and its object in snake_case, never a module path or a garbled helper name.
        assert name.islower() and "_" in name and not name.startswith("hevruta"), name
        assert not name.endswith("_for"), name

    def subclasses(cls: type) -> list[type]:
        return [cls, *(sub for child in cls.__subclasses__() for sub in subclasses(child))]

    ours = [cls for cls in subclasses(Schema) if cls.__module__.startswith("hevruta.")]
    by_name: dict[str, set[str]] = {}
    for cls in ours:
        by_name.setdefault(cls.__name__, set()).add(cls.__module__)
    clashes = {name: modules for name, modules in by_name.items() if len(modules) > 1}
    assert not clashes, clashes
    # Every app keeps its schemas in one module beside its routes.
    # (the pagination's query parameters are ninja's own `Input` convention.)
    outside = {cls.__module__ for cls in ours} - {"hevruta.api.pagination"}
    outside = {module for module in outside if not module.endswith(".schemas")}
    assert not outside, f"schemas outside <app>/schemas.py: {outside}"
