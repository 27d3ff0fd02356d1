"""Practices the planner refuses to plan; the data lives in knowledge/lexicon/red_flags.yaml and the reader
(agent/profile/risky.py) finds them in the description, so planning only reads profile.risky_wishes."""

from __future__ import annotations

from agent.profile.risky import RedFlag, red_flags

__all__ = ["RedFlag", "red_flags"]
