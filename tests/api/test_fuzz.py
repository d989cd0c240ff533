"""schemathesis over the whole OpenAPI document, as each of the four personas, on the demo's data.

Every operation of the document (so endpoints added later too) gets a bounded number of generated
requests, valid and invalid, with every check schemathesis has (server errors, status codes, content
types, headers, response schemas, valid data accepted, invalid data refused, ...), then a stateful run
follows the links schemathesis infers between operations (an id created by one, used by the next).
The run must end with no failure at all: no 500, no answer outside its documented schema.

One rule is ours: data that matches the schema may still be refused by the platform's rules with 400
(an unknown subject slug, a framework that is frozen); the schema cannot say which slugs exist, so 400
counts as an acceptable answer to valid data. 422 does not: the schema must describe exactly what the
schema layer refuses.
"""

import contextlib
import os
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from .demo import PERSONAS, REAL_IDS
from .test_contract import demo  # noqa: F401 - the fixture

# Examples per operation and mode (each as a persona drawn among the four): enough to find the 500s of
# issue 10 in about a minute or two; API_FUZZ_EXAMPLES=50 for a longer hunt.
EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "6"))
CONFIG = {
    "checks": {
        "positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"]},
    },
}


@pytest.fixture(autouse=True)
def _one_connection_per_test():  # type: ignore[no-untyped-def]
    """Requests reach Django's WSGI handler directly, inside the test's transaction; like Django's test
    client, keep the handler from closing the database connection after each request (PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _schema() -> Any:
    return schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", WSGIHandler(), config=schemathesis.Config.from_dict(CONFIG)
    )


def _failures_of(operation: Any, personas: Any, mode: Any) -> list[str]:
    """Runs EXAMPLES generated requests of one operation in one mode; each drawn as one of the personas."""
    found: list[str] = []
    cases = operation.as_strategy(generation_mode=mode)
    real = {name: REAL_IDS[name]() for name in (p.name for p in operation.path_parameters) if name in REAL_IDS}
    if real and mode == schemathesis.GenerationMode.POSITIVE:
        # Half of the valid requests name real things, so that the checks reach past the 404s.
        cases = st.one_of(operation.as_strategy(generation_mode=mode, path_parameters=real), cases)

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(persona=st.sampled_from(PERSONAS), case=cases)
    def run(persona: str, case: Any) -> None:
        headers = personas.headers(persona)
        response = case.call(headers=headers)
        try:
            case.validate_response(response, headers=headers)
        except BaseException as failure:  # a group of every failed check (an ExceptionGroup)
            if isinstance(failure, KeyboardInterrupt):
                raise
            found.append(f"{operation.label} as {persona} [{mode.value}] {response.status_code}: {str(failure)[:1500]}")

    # Unsatisfiable: nothing invalid can be made for this operation (no parameters, or none that can be wrong).
    with contextlib.suppress(hypothesis.errors.Unsatisfiable):
        run()
    return found


@pytest.mark.django_db
def test_schemathesis_finds_nothing_as_any_persona(demo, settings):  # noqa: F811
    # Throttling is tested on its own (test_throttling.py); here it would only stop the fuzzing early.
    settings.API_THROTTLE_RATES = {"anonymous": "100000/min", "user": "100000/min", "failed_auth": "100000/min"}
    operations = [result.ok() for result in _schema().get_all_operations()]
    assert len(operations) >= 70
    failures: list[str] = []
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            failures += _failures_of(operation, demo, mode)
    assert not failures, f"{len(failures)} failures:\n" + "\n\n".join(failures[:20])


@pytest.mark.django_db
def test_a_stateful_run_follows_the_links_between_operations(demo, settings):  # noqa: F811
    settings.API_THROTTLE_RATES = {"anonymous": "100000/min", "user": "100000/min", "failed_auth": "100000/min"}
    machine = _schema().as_state_machine()
    headers = demo.headers("manager")

    class AsTheManager(machine):  # type: ignore[misc, valid-type]
        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": headers}

        def validate_response(self, response: Any, case: Any, additional_checks: Any = None, **kwargs: Any) -> None:
            # The checks learn which credentials were sent, as in the run above.
            case.validate_response(
                response,
                headers=headers,
                additional_checks=additional_checks,
                transport_kwargs=kwargs or None,
                recorder=self.recorder,
            )

    hypothesis.stateful.run_state_machine_as_test(
        AsTheManager,
        settings=hypothesis_settings(
            max_examples=max(EXAMPLES * 2, 5),
            stateful_step_count=6,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        ),
    )
