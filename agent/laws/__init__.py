"""Laws as data: which laws the knowledge base holds, and a reasoned verdict per law for one business."""

from agent.laws.specs import LawSpec, law_name, law_names, law_specs
from agent.laws.verdicts import holds, in_reach, judge, judge_laws

__all__ = ["LawSpec", "holds", "in_reach", "judge", "judge_laws", "law_name", "law_names", "law_specs"]
