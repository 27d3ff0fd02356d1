"""What the knowledge base holds, in words an owner recognises: named in every 'not covered' answer."""

from __future__ import annotations

# Display names of framework ids; an id without one (a law added to knowledge/ later) is shown upper-cased.
_NAMES = {
    "gdpr": "GDPR",
    "eprivacy": "the ePrivacy Directive",
    "eu-ai-act": "the EU AI Act",
    "uk-gdpr": "UK GDPR",
    "pecr": "PECR",
    "ccpa": "California's CCPA/CPRA",
    "cmia": "California's CMIA",
    "hipaa": "HIPAA",
    "bipa": "Illinois BIPA",
    "cubi": "Texas CUBI",
    "tdpsa": "the Texas TDPSA",
    "colorado-ai-act": "Colorado's AI law",
    "nyc-ll144": "NYC Local Law 144",
    "ny-pricing": "New York's Algorithmic Pricing Disclosure Act",
    "pipeda": "Canada's PIPEDA and Quebec's Law 25",
    "global": "NIST AI RMF and ISO/IEC 42001",
}


def held_laws(law_ids: set[str] | None = None) -> str:
    """The laws and frameworks the knowledge base holds, as one readable list: the main frameworks by name, the
    national, state and sector laws as a count (a list of fifty names would bury the answer)."""
    ids = sorted(law_ids) if law_ids else list(_NAMES)
    names = [_NAMES[i] for i in ids if i in _NAMES and i != "global"]
    if not law_ids or "global" in law_ids:
        names.append(_NAMES["global"])
    others = len([i for i in ids if i not in _NAMES])
    if others:
        names.append(f"{others} further national, state and sector laws")
    return ", ".join(dict.fromkeys(names))
