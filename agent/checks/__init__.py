"""Rule checks: families of pure functions (roadmap) -> findings, registered by id."""

from agent.checks import budget, compliance, governance, objectives, payback, timeline  # noqa: F401  (registers rules)
from agent.checks.registry import RULES, Rule
from agent.checks.run import check_roadmap, load_roadmap_json

__all__ = ["RULES", "Rule", "check_roadmap", "load_roadmap_json"]
