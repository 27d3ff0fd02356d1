"""The draft flow in one place: description -> profile -> roadmap -> checks (-> LLM tailoring + repair)."""

from __future__ import annotations

from datetime import date

from agent.checks import check_roadmap
from agent.config import Settings
from agent.llm import Usage, build_chat_model, explain_model_error
from agent.planning.catalogue import load_catalogue
from agent.planning.gaps import close_gaps
from agent.planning.offline import OfflineDrafter
from agent.profile import extract_profile
from agent.schemas import BusinessProfile, DraftResult


def draft_from_profile(
    profile: BusinessProfile,
    settings: Settings,
    model: object | None = None,
    usage: Usage | None = None,
    today: date | None = None,
) -> DraftResult:
    """Draft and check a roadmap for a known profile; with a model, tailor the wording too. Plan month 1 is the
    calendar month after today (the day the profile's deadlines were read)."""
    catalogue = load_catalogue(settings.knowledge_dir)
    roadmap = close_gaps(OfflineDrafter(catalogue).draft(profile, today), catalogue)
    notices: list[str] = []
    if model is not None and usage is not None:
        from agent.planning.llm_drafter import LLMDrafter
        from agent.profile.language import detect_language

        language = detect_language(profile.description or "")
        roadmap, notices = LLMDrafter(model, catalogue, settings).tailor(roadmap, usage, language)
    return DraftResult(
        roadmap=roadmap,
        findings=check_roadmap(roadmap),
        notices=notices,
        usage=usage.as_dict() if usage else None,
    )


def draft_from_text(
    description: str, settings: Settings, today: date | None = None, model: object | None = None
) -> DraftResult:
    """Read a business description and draft a checked roadmap for it (offline unless a model is set up)."""
    profile = extract_profile(description, today)
    model = model if model is not None else build_chat_model(settings)
    if model is None:
        return draft_from_profile(profile, settings, today=today)
    usage = Usage.for_settings(settings)
    notices: list[str] = []
    try:
        from agent.profile.llm_extract import llm_extract

        profile = llm_extract(model, profile, usage, settings)
    except Exception as exc:  # the rules' profile is still good; the endpoint is down: do not call it again
        usage.add_failed(exc)
        notice = f"{explain_model_error(exc, settings)} This draft was made by the offline engine."
        return draft_from_profile(profile, settings, today=today).model_copy(
            update={"notices": [notice], "usage": usage.as_dict()}
        )
    result = draft_from_profile(profile, settings, model, usage, today)
    return result.model_copy(update={"notices": notices + result.notices, "usage": usage.as_dict()})
