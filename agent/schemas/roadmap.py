"""The roadmap: nine stages in order, prioritised use cases tied to objectives, budget, plans and citations."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from agent.schemas.common import Citation, Contract, StageId
from agent.schemas.profile import BusinessProfile


class Metric(Contract):
    """A measurable target: where we are, where we want to be, and by when."""

    name: str = Field(description="What is measured, e.g. 'Unsold items as % of production'.")
    unit: str = Field(default="", description="Unit of the metric, e.g. '%', 'hours/week', 'EUR'.")
    direction: Literal["increase", "decrease"] = Field(description="Which way is better.")
    baseline: float | None = Field(default=None, description="Value today; None when still to be measured.")
    target: float = Field(description="Value to reach by the deadline.")
    deadline_month: int = Field(ge=1, le=60, description="Month of the plan by which the target is due.")
    baseline_assumed: bool = Field(
        default=True, description="True when the baseline is a typical value to be replaced by a measurement."
    )


class Objective(Contract):
    """A business objective the roadmap serves."""

    id: str = Field(description="Short id, e.g. 'obj-1'.")
    statement: str = Field(description="The objective in the owner's terms.")
    goal: str | None = Field(default=None, description="Goal id it comes from, e.g. 'reduce-waste'.")
    kpi: Metric = Field(description="How progress on the objective is measured.")


class Risk(Contract):
    """A risk, what reduces it, and who watches it."""

    risk: str = Field(description="What could go wrong, concretely.")
    mitigation: str = Field(description="What is done to prevent or limit it.")
    owner: str = Field(description="Role responsible for the mitigation.")
    severity: Literal["low", "medium", "high"] = Field(default="medium", description="Rough severity.")


class ComplianceAction(Contract):
    """A legal obligation turned into a task, with the law it comes from."""

    jurisdiction: str = Field(description="Framework id, e.g. 'gdpr', 'eu-ai-act', 'ccpa'.")
    action: str = Field(description="What to do, in plain words.")
    stage: StageId = Field(description="Stage in which the action is done.")
    ref: str = Field(description="Provision it rests on, e.g. 'GDPR Art. 35'.")
    triggers: list[str] = Field(default_factory=list, description="Compliance triggers that set it off.")
    citation: Citation | None = Field(default=None, description="Knowledge-base passage backing it.")


class CostRange(Contract):
    """A cost estimate in the roadmap's currency."""

    setup: float = Field(ge=0, description="One-off setup cost.")
    monthly: float = Field(ge=0, description="Running cost per month.")


class Payback(Contract):
    """What a use case is expected to bring back each year, what it costs, and how soon it pays for itself."""

    annual_benefit: float = Field(ge=0, description="Estimated benefit per year, in the roadmap's currency.")
    first_year_cost: float = Field(ge=0, description="Setup plus twelve months of running costs.")
    running_cost_per_year: float = Field(ge=0, description="Running costs per year after setup.")
    payback_months: int | None = Field(
        default=None,
        ge=0,
        description="Months after go-live until the benefit has covered the setup cost; None when the running "
        "costs eat the whole benefit (it never pays back on these assumptions).",
    )
    assumptions: list[str] = Field(
        default_factory=list, description="Every assumption behind the benefit, in words the owner can correct."
    )


class ProgrammePayback(Contract):
    """The whole programme's benefit against its cost."""

    annual_benefit: float = Field(ge=0, description="Sum of the planned use cases' yearly benefits.")
    one_off_cost: float = Field(ge=0, description="Budget total minus the running costs in it.")
    running_cost_per_year: float = Field(ge=0, description="Running costs per year of the planned use cases.")
    payback_months: int | None = Field(
        default=None, ge=0, description="Months after go-live until the benefit has covered the one-off cost."
    )
    hourly_wage: float | None = Field(default=None, ge=0, description="Wage per hour the benefit assumes.")
    annual_revenue: float | None = Field(default=None, ge=0, description="Annual revenue the benefit assumes.")


class UseCase(Contract):
    """A prioritised AI use case tied to an objective and a success metric."""

    id: str = Field(description="Use-case id from the knowledge catalogue, e.g. 'demand-forecasting'.")
    name: str = Field(description="Human-readable name.")
    priority: int = Field(ge=1, description="1 = do first.")
    objective_id: str = Field(description="Id of the Objective it serves.")
    rationale: str = Field(description="One line on why it fits this business.")
    value: int = Field(ge=1, le=5, description="Expected business value, 1-5.")
    feasibility: int = Field(ge=1, le=5, description="How easy for this team, 1-5.")
    score: float = Field(ge=0, description="Ranking score (value x feasibility, adjusted for fit).")
    metric: Metric = Field(description="Success metric with baseline, target and deadline.")
    pilot_months: int = Field(ge=1, le=24, description="Length of the pilot in months (3-6 expected).")
    phase: Literal["pilot", "scale", "later"] = Field(description="When it is taken on.")
    cost: CostRange = Field(description="Estimated cost in the roadmap's currency.")
    data_needed: list[str] = Field(default_factory=list, description="Data the use case needs.")
    compliance_triggers: list[str] = Field(default_factory=list, description="Triggers it sets off.")
    citations: list[Citation] = Field(default_factory=list, description="Knowledge backing the use case.")
    payback: Payback | None = Field(
        default=None, description="Estimated yearly benefit and payback; set for planned (pilot and scale) uses."
    )


class Stage(Contract):
    """One of the nine roadmap stages."""

    id: StageId = Field(description="Stage id; the nine appear in fixed order.")
    title: str = Field(description="Stage title.")
    summary: str = Field(default="", description="What this stage achieves for this business.")
    owner_role: str = Field(description="Role accountable for the stage.")
    start_month: int = Field(ge=1, le=60, description="Month the stage starts (month 1 = plan start).")
    duration_months: int = Field(ge=1, le=36, description="Length in months.")
    depends_on: list[StageId] = Field(default_factory=list, description="Stages that must start first.")
    activities: list[str] = Field(description="Concrete activities.")
    deliverables: list[str] = Field(default_factory=list, description="What the stage produces.")
    kpis: list[str] = Field(default_factory=list, description="How the stage's success is measured.")
    risks: list[Risk] = Field(default_factory=list, description="Stage-specific risks.")
    compliance_actions: list[ComplianceAction] = Field(
        default_factory=list, description="Legal tasks done in this stage."
    )
    citations: list[Citation] = Field(default_factory=list, description="Guidance this stage rests on.")

    @property
    def end_month(self) -> int:
        """Last month the stage runs in."""
        return self.start_month + self.duration_months - 1


class BudgetLine(Contract):
    """One line of the budget."""

    item: str = Field(description="What the money is for.")
    stage: StageId | None = Field(default=None, description="Stage the spend belongs to.")
    amount: float = Field(ge=0, description="Amount in the budget's currency.")
    note: str = Field(default="", description="How the figure was derived.")
    use_case_id: str | None = Field(default=None, description="The use case the line pays for, if one.")
    kind: Literal["setup", "running", "shared"] = Field(
        default="shared", description="One-off setup of a use case, its running costs, or a shared cost."
    )
    months: int | None = Field(default=None, ge=1, description="Months of running costs the line covers.")


class RateTable(Contract):
    """The exchange rate used to turn catalogue estimates into the budget's currency."""

    from_currency: str = Field(description="Currency the catalogue estimates are kept in.")
    rate: float = Field(gt=0, description="Units of the budget's currency per unit of from_currency.")
    as_of: str = Field(description="Date of the rate table (YYYY-MM-DD).")
    source: str = Field(description="Where the rates come from.")


class RoadmapBudget(Contract):
    """Budget lines that sum to the total, in the owner's currency."""

    currency: str = Field(description="ISO 4217 code, the owner's currency.")
    total: float = Field(ge=0, description="Sum of all lines.")
    ceiling: float | None = Field(default=None, ge=0, description="The owner's budget, if stated.")
    ceiling_assumed: bool = Field(default=False, description="True when the ceiling is our assumption.")
    lines: list[BudgetLine] = Field(description="Budget lines.")
    contingency: float = Field(default=0, ge=0, description="Part of the total kept as contingency.")
    rate_table: RateTable | None = Field(
        default=None, description="The dated exchange rate used, when the catalogue's currency differs."
    )
    sizing: str = Field(default="", description="What the cost estimates were scaled by, in words.")
    deferred: list[str] = Field(
        default_factory=list,
        description="Use cases left to a later phase because the ceiling does not cover them, and why.",
    )


class Timeline(Contract):
    """The programme's overall shape."""

    total_months: int = Field(ge=1, le=60, description="Length of the whole plan.")
    pilot_start_month: int = Field(ge=1, description="Month the first pilot starts.")
    pilot_months: int = Field(ge=1, description="Length of the first pilot (3-6 expected).")
    scaling_months: int = Field(ge=0, description="Length of the phased rollout (6-12 expected).")
    go_no_go_months: list[int] = Field(default_factory=list, description="Months with a go/no-go gate.")
    go_live_month: int | None = Field(default=None, ge=1, description="Month everyone switches over (deployment).")
    start: str | None = Field(default=None, description="Calendar month of plan month 1, as YYYY-MM.")
    notes: list[str] = Field(
        default_factory=list, description="Where the timeline cannot meet a deadline or moves go-live, and why."
    )


class GovernanceRole(Contract):
    """A role in the AI programme, sized for a small team."""

    role: str = Field(description="Role name, e.g. 'AI owner'.")
    held_by: str = Field(description="Who holds it in this business, e.g. 'the owner'.")
    responsibilities: list[str] = Field(description="What the role does.")
    time_per_week: str = Field(default="", description="Rough time commitment.")


class TrainingItem(Contract):
    """A training or change-management activity."""

    audience: str = Field(description="Who is trained.")
    topic: str = Field(description="What they learn.")
    month: int = Field(ge=1, description="Month it happens.")
    format: str = Field(default="", description="How, e.g. '2-hour workshop'.")


class TrainingPlan(Contract):
    """Training (including AI literacy) and change management."""

    items: list[TrainingItem] = Field(description="Training activities.")
    change_management: list[str] = Field(description="How staff and customers are brought along.")


class RollbackTrigger(Contract):
    """A condition under which the AI system is switched off or rolled back."""

    condition: str = Field(description="Measurable condition, e.g. 'forecast error above 25 % for 2 weeks'.")
    action: str = Field(description="What happens then.")


class MonitoredKPI(Contract):
    """A KPI watched after go-live."""

    kpi: str = Field(description="KPI name, matching an objective or use-case metric.")
    frequency: str = Field(description="How often it is reviewed.")
    threshold: str = Field(description="When it needs attention.")
    owner: str = Field(description="Who watches it.")


class MonitoringPlan(Contract):
    """How the system is watched and improved after go-live."""

    kpis: list[MonitoredKPI] = Field(description="KPIs on the dashboard.")
    drift_checks: list[str] = Field(default_factory=list, description="Checks for data or model drift.")
    retraining: str = Field(default="", description="When and how the system is retrained or re-tuned.")
    review_cadence: str = Field(default="", description="How often the whole programme is reviewed.")


class Roadmap(Contract):
    """A complete AI implementation roadmap for one small business."""

    title: str = Field(description="Roadmap title naming the business.")
    summary: str = Field(description="Three to five sentences an owner can read first.")
    profile: BusinessProfile = Field(description="The business the roadmap is for.")
    objectives: list[Objective] = Field(description="Measurable objectives.")
    use_cases: list[UseCase] = Field(description="Prioritised use cases, best first.")
    stages: list[Stage] = Field(description="The nine stages in fixed order.")
    budget: RoadmapBudget = Field(description="Budget in the owner's currency.")
    timeline: Timeline = Field(description="Overall timeline.")
    governance: list[GovernanceRole] = Field(description="Roles and who holds them.")
    training: TrainingPlan = Field(description="Training and change management.")
    rollback_triggers: list[RollbackTrigger] = Field(description="When to roll back.")
    monitoring: MonitoringPlan = Field(description="Monitoring and continuous improvement.")
    risks: list[Risk] = Field(default_factory=list, description="Programme-wide risks.")
    compliance: list[ComplianceAction] = Field(default_factory=list, description="All compliance actions.")
    not_recommended: list[str] = Field(
        default_factory=list,
        description="Things asked for or tempting that the plan deliberately leaves out.",
    )
    assumptions: list[str] = Field(default_factory=list, description="Assumptions made for unknowns.")
    open_questions: list[str] = Field(default_factory=list, description="What to find out next.")
    citations: list[Citation] = Field(default_factory=list, description="All sources the roadmap rests on.")
    payback: ProgrammePayback | None = Field(default=None, description="The programme's benefit against its cost.")
    generated_by: Literal["offline", "llm"] = Field(default="offline", description="Which engine drafted it.")
    created_at: datetime | None = Field(default=None, description="When it was drafted (UTC).")

    def stage(self, stage_id: str) -> Stage | None:
        """The stage with this id, if present."""
        return next((s for s in self.stages if s.id == stage_id), None)
