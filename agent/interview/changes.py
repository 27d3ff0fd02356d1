"""A short, owner-readable summary of what changed between two roadmap versions."""

from __future__ import annotations

from agent.schemas import Roadmap


def describe_changes(old: Roadmap, new: Roadmap) -> str:
    """One or two sentences: use cases added/removed, pilot, budget, timeline and law changes."""
    parts: list[str] = []
    old_uc = {u.id: u for u in old.use_cases if u.phase != "later"}
    new_uc = {u.id: u for u in new.use_cases if u.phase != "later"}
    later = {u.id for u in new.use_cases if u.phase == "later"}
    added = [new_uc[i].name for i in new_uc if i not in old_uc]
    removed = [old_uc[i].name for i in old_uc if i not in new_uc and i not in later]
    deferred = [old_uc[i].name for i in old_uc if i in later]
    if removed:
        parts.append("removed " + ", ".join(removed))
    if deferred:
        parts.append("moved " + ", ".join(deferred) + " to a later phase (the plan funds a pilot and at most two more)")
    if added:
        parts.append("added " + ", ".join(added))
    old_pilot, new_pilot = old.use_cases[0].name, new.use_cases[0].name
    if old_pilot != new_pilot:
        parts.append(f"the pilot is now {new_pilot} (was {old_pilot})")
    cur = new.budget.currency
    if old.budget.ceiling != new.budget.ceiling and new.budget.ceiling is not None:
        before = f"{old.budget.ceiling:,.0f} -> " if old.budget.ceiling is not None else ""
        parts.append(f"budget ceiling {before}{new.budget.ceiling:,.0f} {cur}")
    if round(old.budget.total) != round(new.budget.total):
        parts.append(f"planned spend {old.budget.total:,.0f} -> {new.budget.total:,.0f} {cur}")
    if old.timeline.total_months != new.timeline.total_months:
        parts.append(f"plan length {old.timeline.total_months} -> {new.timeline.total_months} months")
    names = {v.id: v.name for v in [*old.profile.laws_considered, *new.profile.laws_considered]}
    law_added = sorted(names.get(j, j) for j in set(new.profile.jurisdictions) - set(old.profile.jurisdictions))
    law_removed = sorted(names.get(j, j) for j in set(old.profile.jurisdictions) - set(new.profile.jurisdictions))
    if law_added:
        parts.append("now also covers " + ", ".join(law_added))
    if law_removed:
        parts.append("no longer covers " + ", ".join(law_removed))
    if not parts:
        return "Regenerated; nothing material changed."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
