"""The rule registry: every rule has an id, a severity, a reference, and a pure function that finds problems."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from agent.schemas import Finding, Roadmap, Severity

# A rule yields (path, message, fix) for each problem it sees; the registry adds id, severity and reference.
RuleFn = Callable[[Roadmap], Iterator[tuple[str, str, str]]]


@dataclass(frozen=True)
class Rule:
    """One explicit, explainable check."""

    id: str
    family: str
    severity: Severity
    title: str
    reference: str
    fn: RuleFn

    def run(self, roadmap: Roadmap) -> list[Finding]:
        """Findings of this rule on a roadmap."""
        return [
            Finding(
                rule_id=self.id,
                severity=self.severity,
                path=path,
                message=message,
                fix=fix,
                reference=self.reference,
            )
            for path, message, fix in self.fn(roadmap)
        ]


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, title: str, reference: str = "") -> Callable[[RuleFn], RuleFn]:
    """Register a rule function under an id such as 'BUD-001'."""

    def register(fn: RuleFn) -> RuleFn:
        if rule_id in RULES:
            raise ValueError(f"duplicate rule id {rule_id}")
        RULES[rule_id] = Rule(rule_id, rule_id.split("-")[0], severity, title, reference, fn)
        return fn

    return register
