"""Every rule fires on a roadmap broken in exactly the way it guards against, and a fresh draft passes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agent.checks import RULES, check_roadmap
from agent.schemas import (
    Budget,
    BudgetLine,
    ComplianceAction,
    Location,
    Roadmap,
    TrainingItem,
)

Mutation = Callable[[Roadmap], None]


def _set_jurisdictions(r: Roadmap, *ids: str) -> None:
    r.profile.jurisdictions = list(ids)
    r.compliance = []


def _with_trigger(r: Roadmap, trigger: str, *ids: str) -> None:
    _set_jurisdictions(r, *ids)
    r.use_cases[0].compliance_triggers.append(trigger)


def _bump_stage(r: Roadmap, stage: str, **changes: int) -> None:
    target = r.stage(stage)
    assert target is not None
    for key, value in changes.items():
        setattr(target, key, value)


MUTATIONS: dict[str, Mutation] = {
    "OBJ-001": lambda r: setattr(r, "objectives", []),
    "OBJ-002": lambda r: setattr(
        r.objectives[0].kpi,
        "target",
        (r.objectives[0].kpi.baseline or 0) * 2 + 1 if r.objectives[0].kpi.direction == "decrease" else -1,
    ),
    "OBJ-003": lambda r: setattr(r.objectives[0].kpi, "deadline_month", 60),
    "OBJ-004": lambda r: r.objectives.append(r.objectives[0].model_copy()),
    "OBJ-005": lambda r: setattr(r.objectives[0].kpi, "baseline_assumed", True),
    "UC-001": lambda r: setattr(r, "use_cases", []),
    "UC-002": lambda r: setattr(r.use_cases[0], "objective_id", "obj-missing"),
    "UC-003": lambda r: r.objectives.append(r.objectives[0].model_copy(update={"id": "obj-orphan"})),
    "UC-004": lambda r: r.use_cases.append(r.use_cases[0].model_copy(update={"phase": "later"})),
    "UC-005": lambda r: setattr(r.use_cases[0], "pilot_months", 9),
    "UC-006": lambda r: [setattr(u, "phase", "pilot") for u in r.use_cases] and None,
    "UC-007": lambda r: setattr(r.use_cases[0].metric, "target", r.use_cases[0].metric.baseline),
    "UC-008": lambda r: setattr(r.use_cases[0], "rationale", ""),
    "UC-009": lambda r: [setattr(u, "phase", "scale") for u in r.use_cases] and None,
    "TL-001": lambda r: r.stages.reverse(),
    "TL-002": lambda r: _bump_stage(r, "strategy", start_month=1) or _bump_stage(r, "assess", start_month=2),
    "TL-003": lambda r: _bump_stage(r, "validation", start_month=r.stage("pilot").start_month),  # type: ignore[union-attr]
    "TL-004": lambda r: _bump_stage(r, "rollout", duration_months=3),
    "TL-005": lambda r: _bump_stage(r, "monitoring", duration_months=36),
    "TL-006": lambda r: setattr(r.timeline, "pilot_months", 8),
    "TL-007": lambda r: setattr(r.timeline, "go_no_go_months", []),
    "TL-008": lambda r: (
        setattr(r.profile, "deadline", "within 2 months")
        or setattr(r.profile, "deadline_month", 2)
        or setattr(r.timeline, "notes", [])
    ),
    "TL-009": lambda r: _bump_stage(r, "monitoring", start_month=r.stage("deployment").end_month + 3),  # type: ignore[union-attr]
    "TL-010": lambda r: setattr(r.timeline, "go_no_go_months", [r.timeline.pilot_start_month + 1]),
    "TL-011": lambda r: r.timeline.go_no_go_months.append(r.timeline.total_months + 3),
    "TL-012": lambda r: setattr(r.profile, "busy_months", list(range(1, 13))) or setattr(r.timeline, "notes", []),
    "BUD-001": lambda r: setattr(r.budget, "total", r.budget.total + 500),
    "BUD-002": lambda r: setattr(r.budget, "ceiling", r.budget.total / 2),
    "BUD-003": lambda r: setattr(r.profile, "budget", Budget(amount=1e9, currency="JPY")),
    "BUD-004": lambda r: (
        setattr(r.budget, "contingency", 0)
        or setattr(r.budget, "lines", [b for b in r.budget.lines if "contingency" not in b.item.lower()])
    ),
    "BUD-005": lambda r: setattr(r.budget, "lines", [b for b in r.budget.lines if "training" not in b.item.lower()]),
    "BUD-006": lambda r: setattr(r.budget, "ceiling_assumed", True),
    "BUD-007": lambda r: setattr(
        r.budget, "lines", [b for b in r.budget.lines if r.use_cases[0].name.lower() not in b.item.lower()]
    ),
    "BUD-008": lambda r: setattr(r.budget, "lines", []) or setattr(r.budget, "total", 0),
    "BUD-009": lambda r: setattr(r.use_cases[0].cost, "setup", r.use_cases[0].cost.setup + 500),
    "BUD-010": lambda r: setattr(r.budget.lines[1], "note", "175 USD/month estimate"),
    "PAY-001": lambda r: setattr(r.use_cases[0].payback, "payback_months", r.timeline.total_months + 1),
    "PAY-002": lambda r: setattr(r.use_cases[0], "payback", None),
    "PAY-003": lambda r: setattr(r.payback, "payback_months", None),
    "CMP-001": lambda r: _with_trigger(r, "special-category-data", "gdpr"),
    "CMP-002": lambda r: _with_trigger(r, "automated-decision", "gdpr"),
    "CMP-003": lambda r: _with_trigger(r, "annex-iii-employment", "eu-ai-act"),
    "CMP-004": lambda r: _with_trigger(r, "chatbot", "eu-ai-act"),
    "CMP-005": lambda r: _set_jurisdictions(r, "ccpa"),
    "CMP-006": lambda r: _with_trigger(r, "health-data", "hipaa"),
    "CMP-007": lambda r: _set_jurisdictions(r, "pipeda"),
    "CMP-008": lambda r: _with_trigger(r, "llm-vendor", "gdpr"),
    "CMP-009": lambda r: (
        setattr(r.profile, "jurisdictions", ["eu-ai-act"])
        or setattr(r.training, "items", [TrainingItem(audience="All", topic="Using the till", month=1)])
    ),
    "CMP-010": lambda r: r.compliance.append(
        ComplianceAction(jurisdiction="gdpr", action="Do it", stage="data", ref="")
    ),
    "CMP-011": lambda r: (
        _with_trigger(r, "candidate-data", "nyc-ll144")
        or r.use_cases[0].compliance_triggers.append("automated-decision")
    ),
    "CMP-012": lambda r: _with_trigger(r, "biometric-data", "bipa"),
    "CMP-013": lambda r: _with_trigger(r, "direct-marketing", "eprivacy"),
    "CMP-014": lambda r: (
        setattr(r.profile, "locations", [Location(country="BR")])
        or setattr(r.profile, "jurisdictions", [])
        or setattr(r.profile, "laws_considered", [])  # no law the knowledge base holds reaches Brazil
    ),
    "GOV-001": lambda r: setattr(r, "governance", []),
    "GOV-002": lambda r: setattr(r, "governance", [g for g in r.governance if "review" not in g.role.lower()]),
    "GOV-003": lambda r: (
        setattr(r.profile, "jurisdictions", ["gdpr"])
        or setattr(r, "governance", [g for g in r.governance if "data protection" not in g.role.lower()])
    ),
    "GOV-004": lambda r: (
        setattr(r.profile, "headcount", 1)
        or ([setattr(g, "held_by", f"Person {i}") for i, g in enumerate(r.governance)] and None)
    ),
    "DEP-001": lambda r: setattr(r, "rollback_triggers", []),
    "DEP-002": lambda r: setattr(r.rollback_triggers[0], "condition", "if things look bad"),
    "DEP-003": lambda r: setattr(r.training, "items", []),
    "DEP-004": lambda r: setattr(r.training, "change_management", []),
    "DEP-005": lambda r: setattr(r.stage("deployment"), "activities", ["Install the tool"]),
    "MON-001": lambda r: setattr(r.monitoring, "kpis", []),
    "MON-002": lambda r: setattr(r.monitoring, "kpis", r.monitoring.kpis[1:]),
    "MON-003": lambda r: setattr(r.monitoring, "drift_checks", []),
    "MON-004": lambda r: setattr(r.monitoring, "review_cadence", ""),
    "RED-100": lambda r: setattr(r.use_cases[0].cost, "setup", (r.budget.ceiling or r.budget.total) * 0.9),
}


def _red_flag_mutation(rule_id: str) -> Mutation:
    phrase = RULES[rule_id].fn.__name__.removeprefix("red_flag_").replace("_", " ")
    from agent.profile.risky import red_flags

    flag = red_flags()[phrase.replace(" ", "-")]

    def mutate(r: Roadmap) -> None:
        r.stages[4].activities.append(f"Set up {flag.phrases[0]} for the team")

    return mutate


for _rule_id in RULES:
    if _rule_id.startswith("RED-") and _rule_id not in MUTATIONS:
        MUTATIONS[_rule_id] = _red_flag_mutation(_rule_id)


def test_every_rule_has_a_test() -> None:
    assert sorted(MUTATIONS) == sorted(RULES)


def test_at_least_thirty_rules_in_families() -> None:
    assert len(RULES) >= 30
    assert {r.family for r in RULES.values()} >= {"OBJ", "UC", "TL", "BUD", "CMP", "GOV", "DEP", "MON", "RED"}


@pytest.mark.parametrize("rule_id", sorted(MUTATIONS))
def test_rule_fires_on_its_mutation(rule_id: str, bakery_roadmap: Roadmap) -> None:
    roadmap = bakery_roadmap.model_copy(deep=True)
    before = {f.rule_id for f in check_roadmap(roadmap)}
    if rule_id in before:
        roadmap.profile.jurisdictions = []  # rules that fire on the clean draft are info-level; reset context
    MUTATIONS[rule_id](roadmap)
    findings = [f for f in RULES[rule_id].run(roadmap)]
    assert findings, f"{rule_id} did not fire"
    finding = findings[0]
    assert finding.severity == RULES[rule_id].severity
    assert finding.message and finding.fix and finding.path


def test_clean_draft_passes_every_error_rule(bakery_roadmap: Roadmap) -> None:
    errors = [f for f in check_roadmap(bakery_roadmap) if f.severity == "error"]
    assert errors == []


def test_budget_line_sum_rule_tolerates_rounding(bakery_roadmap: Roadmap) -> None:
    roadmap = bakery_roadmap.model_copy(deep=True)
    roadmap.budget.lines.append(BudgetLine(item="Rounding", amount=0.4))
    assert not RULES["BUD-001"].run(roadmap)


def test_a_compliance_duty_that_forbids_a_red_flag_practice_is_not_the_practice(bakery_roadmap: Roadmap) -> None:
    roadmap = bakery_roadmap.model_copy(deep=True)
    roadmap.stages[2].activities.append(
        "Compliance: Do not use any tool that reads staff emotions; emotion recognition at work is banned "
        "(EU AI Act Art. 5(1)(f))"
    )
    assert not [f for f in check_roadmap(roadmap) if f.rule_id.startswith("RED-")]
    roadmap.stages[4].activities.append("Pilot emotion recognition on the shop floor cameras")
    assert [f for f in check_roadmap(roadmap) if f.rule_id.startswith("RED-")]
