"""Governance, deployment and rollback, monitoring, and red flags."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from agent.checks.registry import rule
from agent.profile.risky import red_flags
from agent.schemas import Roadmap

Problems = Iterator[tuple[str, str, str]]


@rule("GOV-001", "error", "Roles are assigned", "Stage 3: AI project management and governance")
def roles(r: Roadmap) -> Problems:
    if not r.governance:
        yield (
            "governance",
            "Nobody is named as responsible for the AI programme.",
            "Name at least an AI owner, a pilot lead and a data protection lead.",
        )


@rule("GOV-002", "warning", "A human reviews AI outputs", "EU AI Act Art. 14, 26; NIST AI RMF Manage")
def human_oversight(r: Roadmap) -> Problems:
    if not any(re.search(r"review|oversight", g.role, re.I) for g in r.governance):
        yield "governance", "No one is tasked with checking AI outputs.", "Add a human reviewer role."


@rule("GOV-003", "error", "Someone owns data protection", "GDPR Art. 5(2), 24")
def data_protection_owner(r: Roadmap) -> Problems:
    if r.profile.jurisdictions and not any(
        re.search(r"data protection|privacy|DPO", g.role, re.I) for g in r.governance
    ):
        yield "governance", "No one is responsible for data protection.", "Name a data protection lead."


@rule("GOV-004", "warning", "Roles fit the team", "Stage 3: roles sized for a small team")
def roles_fit_team(r: Roadmap) -> Problems:
    staff = r.profile.headcount
    holders = {g.held_by for g in r.governance if "external" not in g.role.lower()}
    if staff and len(holders) > staff + 1:
        yield (
            "governance",
            f"{len(holders)} different people hold roles in a team of {staff}.",
            "Combine roles: in a small business one person can hold several.",
        )


@rule("DEP-001", "error", "Rollback triggers are defined", "Stage 7: deployment plan (rollback)")
def rollback(r: Roadmap) -> Problems:
    if not r.rollback_triggers:
        yield (
            "rollback_triggers",
            "There is no plan for switching the AI off if it goes wrong.",
            "Add measurable rollback triggers and what happens then.",
        )


@rule("DEP-002", "warning", "Rollback triggers are measurable", "Stage 7: deployment plan")
def rollback_measurable(r: Roadmap) -> Problems:
    for i, t in enumerate(r.rollback_triggers):
        if not re.search(r"\d", t.condition):
            yield (
                f"rollback_triggers[{i}].condition",
                f"'{t.condition}' is not measurable.",
                "Give a number and a time window, e.g. 'error rate above 10 % for 2 weeks'.",
            )


@rule("DEP-003", "error", "Staff are trained", "Training and change management")
def training(r: Roadmap) -> Problems:
    if not r.training.items:
        yield "training.items", "No training is planned.", "Plan training for everyone who will use the AI."


@rule("DEP-004", "warning", "Change is managed", "Stage 7: change management")
def change_management(r: Roadmap) -> Problems:
    if not r.training.change_management:
        yield (
            "training.change_management",
            "Nothing says how staff and customers are brought along.",
            "Add communication, involvement and feedback steps.",
        )


@rule("DEP-005", "warning", "Deployment covers integration and rollback", "Stage 7: deployment plan")
def deployment_activities(r: Roadmap) -> Problems:
    stage = r.stage("deployment")
    if stage and not any(re.search(r"rollback|roll back|switch.* off", a, re.I) for a in stage.activities):
        yield "stages[6].activities", "The deployment stage has no rollback step.", "Add a rollback plan."


@rule("MON-001", "error", "KPIs are monitored", "Stage 9: monitoring and continuous improvement")
def monitored(r: Roadmap) -> Problems:
    if not r.monitoring.kpis:
        yield (
            "monitoring.kpis",
            "Nothing is monitored after go-live.",
            "Put every objective's KPI on a dashboard.",
        )


@rule("MON-002", "warning", "Every objective's KPI is monitored", "Stage 9: KPI dashboards")
def objectives_monitored(r: Roadmap) -> Problems:
    watched = {k.kpi.lower() for k in r.monitoring.kpis}
    for i, o in enumerate(r.objectives):
        if o.kpi.name.lower() not in watched:
            yield (
                f"objectives[{i}]",
                f"'{o.kpi.name}' is an objective but not monitored.",
                "Add it to monitoring.",
            )


@rule("MON-003", "warning", "Drift is checked", "Stage 9: drift and retraining")
def drift(r: Roadmap) -> Problems:
    if not r.monitoring.drift_checks:
        yield (
            "monitoring.drift_checks",
            "No checks for drift.",
            "Compare recent inputs and outputs with the pilot.",
        )


@rule("MON-004", "info", "The programme is reviewed regularly", "Stage 9: continuous improvement")
def review(r: Roadmap) -> Problems:
    if not r.monitoring.review_cadence:
        yield (
            "monitoring.review_cadence",
            "No regular review is planned.",
            "Review KPIs monthly, the plan quarterly.",
        )


def _plan_text(r: Roadmap) -> str:
    parts = [u.name + " " + u.rationale for u in r.use_cases if u.phase != "later"]
    # Compliance tasks state duties ("do not use emotion recognition at work"), not what the plan builds.
    parts += [a for s in r.stages for a in s.activities if not a.startswith("Compliance:")]
    return " ".join(parts).lower()


@lru_cache(maxsize=1024)
def _whole_word(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")


def _flag_rule(flag_id: str) -> None:
    flag = red_flags()[flag_id]

    def check(r: Roadmap) -> Problems:
        text = _plan_text(r)
        hit = next((p for p in flag.phrases if p in text and _whole_word(p).search(text)), None)
        if hit:
            yield "use_cases", f"The plan includes '{hit}'. {flag.message}", "Remove it from the plan."

    check.__name__ = f"red_flag_{flag_id.replace('-', '_')}"
    number = sorted(red_flags()).index(flag_id) + 1
    rule(f"RED-{number:03d}", "error", f"Not planned: {flag_id.replace('-', ' ')}", flag.ref)(check)


for _flag in sorted(red_flags()):
    _flag_rule(_flag)


@rule("RED-100", "warning", "One use case does not eat the budget", "Prioritising investments")
def concentration(r: Roadmap) -> Problems:
    ceiling = r.budget.ceiling or r.budget.total
    for i, u in enumerate(r.use_cases):
        if u.phase != "later" and ceiling and u.cost.setup > 0.8 * ceiling:
            yield (
                f"use_cases[{i}].cost",
                f"Setting up '{u.name}' alone takes over 80 % of the budget.",
                "Choose a lighter tool or a smaller scope for the pilot.",
            )
