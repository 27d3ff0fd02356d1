"""Property-based fuzzing of every operation in the OpenAPI schema: nothing a client sends yields a 500."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from tests.api.conftest import make_settings

_DATA = Path(tempfile.mkdtemp(prefix="roadmap-fuzz-"))
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(make_settings(_DATA), eager=True))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
