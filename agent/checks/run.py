"""Running every rule over a roadmap, and reading roadmap JSON with exact error paths."""

from __future__ import annotations

import json

from pydantic import ValidationError

from agent.checks.registry import RULES
from agent.errors import UsageError
from agent.schemas import Finding, Roadmap

_ORDER = {"error": 0, "warning": 1, "info": 2}


def check_roadmap(roadmap: Roadmap) -> list[Finding]:
    """All findings, errors first, then by rule id."""
    findings = [f for rule in RULES.values() for f in rule.run(roadmap)]
    return sorted(findings, key=lambda f: (_ORDER[f.severity], f.rule_id, f.path))


def load_roadmap_json(text: str | bytes) -> Roadmap:
    """Parse roadmap JSON; a UsageError lists each invalid field by its path."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"Not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise UsageError("A roadmap must be a JSON object (it starts with '{').")
    try:
        return Roadmap.model_validate(data)
    except ValidationError as exc:
        raise UsageError("The JSON is not a valid roadmap:\n" + format_validation_error(exc)) from exc


def format_validation_error(exc: ValidationError) -> str:
    """One line per problem: the field path, then what is wrong."""
    lines = []
    for err in exc.errors():
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".")
        lines.append(f"  {path or '(root)'}: {err['msg']}")
    return "\n".join(lines)
