"""The contract: pydantic models every part of Roadmap Agent produces or consumes."""

from agent.schemas.common import STAGE_ORDER, Citation, Money, Severity, StageId
from agent.schemas.findings import Answer, DraftResult, Finding
from agent.schemas.laws import LawVerdict
from agent.schemas.profile import Budget, BusinessProfile, DataCategory, FieldSource, Location
from agent.schemas.roadmap import (
    BudgetLine,
    ComplianceAction,
    CostRange,
    GovernanceRole,
    Metric,
    MonitoredKPI,
    MonitoringPlan,
    Objective,
    Risk,
    Roadmap,
    RoadmapBudget,
    RollbackTrigger,
    Stage,
    Timeline,
    TrainingItem,
    TrainingPlan,
    UseCase,
)

__all__ = [
    "STAGE_ORDER",
    "Answer",
    "Budget",
    "BudgetLine",
    "BusinessProfile",
    "Citation",
    "ComplianceAction",
    "CostRange",
    "DataCategory",
    "DraftResult",
    "FieldSource",
    "Finding",
    "GovernanceRole",
    "LawVerdict",
    "Location",
    "Metric",
    "Money",
    "MonitoredKPI",
    "MonitoringPlan",
    "Objective",
    "Risk",
    "Roadmap",
    "RoadmapBudget",
    "RollbackTrigger",
    "Severity",
    "Stage",
    "StageId",
    "Timeline",
    "TrainingItem",
    "TrainingPlan",
    "UseCase",
]
