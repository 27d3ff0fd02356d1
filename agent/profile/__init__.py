"""Reading a business description into a BusinessProfile (offline rules; an LLM extractor comes later)."""

from agent.profile.extract import extract_profile, validate_description
from agent.profile.jurisdictions import derive_jurisdictions

__all__ = ["derive_jurisdictions", "extract_profile", "validate_description"]
