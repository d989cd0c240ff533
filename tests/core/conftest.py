"""The real worker fixture for the tests of the queue (tests/core/workers.py)."""

from tests.core.workers import workers  # noqa: F401
