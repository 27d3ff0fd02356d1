"""The people side of the plan: governance roles, training and change, rollback triggers, monitoring."""

from __future__ import annotations

from agent.planning.timeline import Schedule
from agent.schemas import (
    BusinessProfile,
    GovernanceRole,
    MonitoredKPI,
    MonitoringPlan,
    Objective,
    RollbackTrigger,
    TrainingItem,
    TrainingPlan,
    UseCase,
)
from agent.writing.words import quantity


def governance_roles(profile: BusinessProfile, pilot: UseCase, needs_review: bool) -> list[GovernanceRole]:
    """Roles sized for the team: in a very small business one person holds several."""
    staff = profile.headcount or 5
    owner = "The owner / managing director"
    lead = owner if staff < 3 else "A team member who does this work today, named in month 1"
    roles = [
        GovernanceRole(
            role="AI owner (sponsor)",
            held_by=owner,
            time_per_week="1-2 hours",
            responsibilities=[
                "Sets priorities and budget",
                "Chairs go/no-go decisions",
                "Keeps the AI register of tools in use",
            ],
        ),
        GovernanceRole(
            role="Pilot lead",
            held_by=lead,
            time_per_week="3-5 hours during the pilot",
            responsibilities=[
                f"Runs the {pilot.name} pilot day to day",
                "Collects KPI numbers weekly",
                "Gathers colleagues' feedback",
            ],
        ),
        GovernanceRole(
            role="Human reviewer",
            held_by=lead if staff < 5 else "Staff who use the outputs",
            time_per_week="part of daily work",
            responsibilities=[
                "Checks AI outputs before they reach customers or decisions",
                "Flags errors and overrides the system when needed",
            ],
        ),
    ]
    dpo_needed = "DE" in profile.countries() and staff >= 20
    roles.append(
        GovernanceRole(
            role="Data protection lead",
            held_by="A designated data protection officer, as the law requires"
            if dpo_needed
            else (owner if staff < 5 else "Office or practice manager"),
            time_per_week="1 hour",
            responsibilities=[
                "Keeps records of processing and vendor agreements",
                "Runs the DPIA where needed",
                "Handles data subject requests and breaches",
            ],
        )
    )
    if needs_review:
        roles.append(
            GovernanceRole(
                role="External adviser (as needed)",
                held_by="Data protection / legal adviser",
                responsibilities=["Reviews the DPIA and high-risk obligations"],
                time_per_week="a few days in total",
            )
        )
    return roles


def training_plan(profile: BusinessProfile, schedule: Schedule, pilot: UseCase, ai_act: bool) -> TrainingPlan:
    """AI literacy for everyone who uses AI, tool training for pilot users, rollout training, change steps."""
    literacy = "AI literacy: what the tools can and cannot do, checking outputs, what data never goes in"
    if ai_act:
        literacy += " (EU AI Act Art. 4 duty since 2 February 2025)"
    items = [
        TrainingItem(
            audience="Everyone who will use AI tools",
            topic=literacy,
            month=schedule.start("pilot"),
            format="2-hour workshop",
        ),
        TrainingItem(
            audience="Pilot users",
            topic=f"Using {pilot.name} day to day and reporting problems",
            month=schedule.start("pilot"),
            format="hands-on session with the vendor",
        ),
        TrainingItem(
            audience="All staff",
            topic="Data protection refresher: personal data in AI tools",
            month=schedule.start("pilot"),
            format="30-minute briefing",
        ),
        TrainingItem(
            audience="Everyone affected by the rollout",
            topic="New ways of working after go-live",
            month=schedule.start("rollout"),
            format="short sessions per team",
        ),
    ]
    change = [
        "Explain to staff early why AI is being introduced and what it will not be used for.",
        "Involve the people who do the work today in choosing and testing the tool.",
        "Tell customers where AI is used and offer a human contact.",
        "Collect feedback weekly during the pilot and act on it visibly.",
    ]
    for constraint in profile.constraints:
        change.append(f'Respect the constraint you set: "{constraint.strip()}"')
    return TrainingPlan(items=items, change_management=change)


def rollback_triggers(use_cases: list[UseCase], gdpr_like: bool) -> list[RollbackTrigger]:
    """Measurable conditions for switching each AI system off, plus incidents."""
    triggers = []
    for uc in use_cases:
        if uc.phase == "later":
            continue
        m = uc.metric
        baseline = quantity(m.baseline, m.unit) if m.baseline is not None else "the baseline"
        worse = "above" if m.direction == "decrease" else "below"
        triggers.append(
            RollbackTrigger(
                condition=f"{m.name} {worse} {baseline} for 2 consecutive weeks after go-live ({uc.name})",
                action=f"Switch {uc.name} off, return to the previous way of working, review at the next go/no-go.",
            )
        )
    deadline = " and notify the regulator within 72 hours where required" if gdpr_like else ""
    triggers.append(
        RollbackTrigger(
            condition="Any personal data breach, or 3 or more customer complaints about the AI in one month",
            action=f"Suspend the system, follow the breach procedure{deadline}, fix before restarting.",
        )
    )
    return triggers


def monitoring_plan(
    objectives: list[Objective], pilot: UseCase, offer_changes: str = "products, prices, opening hours"
) -> MonitoringPlan:
    """A KPI dashboard tied to every objective, drift checks, retraining and reviews; `offer_changes` names the
    changes to what the business sells that should trigger a re-check, in its trade's words."""
    kpis = [
        MonitoredKPI(
            kpi=o.kpi.name,
            frequency="weekly during the pilot, monthly after go-live",
            threshold=f"target {quantity(o.kpi.target, o.kpi.unit)} by month {o.kpi.deadline_month}; "
            f"alert if it moves the wrong way for 2 weeks",
            owner="Pilot lead",
        )
        for o in objectives
    ]
    return MonitoringPlan(
        kpis=kpis,
        drift_checks=[
            "Compare the last month's inputs with the pilot period (volumes, product mix, missing values).",
            "Review a sample of 20 outputs a month by hand and track the error rate.",
            f"Re-check after any change to {offer_changes}, systems or the vendor's model version.",
        ],
        retraining=f"Re-tune or retrain {pilot.name} quarterly, or sooner when a KPI drifts past its threshold.",
        review_cadence="Monthly KPI review by the AI owner; quarterly programme review; yearly compliance review.",
    )
