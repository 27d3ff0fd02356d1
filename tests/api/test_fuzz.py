"""Property-based fuzzing of every operation in the OpenAPI schema, on SQLite and on PostgreSQL: nothing a
client sends yields a 5xx. CI runs FUZZ_EXAMPLES=25 per operation; `make fuzz` runs more (see README)."""

from __future__ import annotations

import atexit
import os
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from tests.api.conftest import make_settings
from tests.api.pg import postgres_schema

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))


def _settings(database_url: str | None = None):  # type: ignore[no-untyped-def]
    data = Path(tempfile.mkdtemp(prefix="roadmap-fuzz-"))
    return make_settings(data).model_copy(update={"database_url": database_url, "rate_limit_per_minute": 0})


_pg = postgres_schema()
_pg_url = _pg.__enter__()
atexit.register(_pg.__exit__, None, None, None)
sqlite_schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_settings(), eager=True))
postgres_schema_app = schemathesis.openapi.from_asgi("/openapi.json", create_app(_settings(_pg_url), eager=True))


@sqlite_schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_sqlite(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])


@postgres_schema_app.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors_postgres(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
