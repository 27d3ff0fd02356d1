"""The draft flow in one place: description -> profile -> roadmap -> checks."""

from __future__ import annotations

from datetime import date

from agent.checks import check_roadmap
from agent.config import Settings
from agent.planning.catalogue import load_catalogue
from agent.planning.offline import OfflineDrafter
from agent.profile import extract_profile
from agent.schemas import BusinessProfile, DraftResult


def draft_from_profile(profile: BusinessProfile, settings: Settings) -> DraftResult:
    """Draft and check a roadmap for a known profile."""
    roadmap = OfflineDrafter(load_catalogue(settings.knowledge_dir)).draft(profile)
    return DraftResult(roadmap=roadmap, findings=check_roadmap(roadmap))


def draft_from_text(description: str, settings: Settings, today: date | None = None) -> DraftResult:
    """Read a business description and draft a checked roadmap for it."""
    return draft_from_profile(extract_profile(description, today), settings)
