"""Law verdicts at planning time: once the use cases are chosen, their triggers (biometrics, hiring tools,
credit scoring) can make a law apply that the business alone did not, e.g. BIPA for a fingerprint check-in."""

from __future__ import annotations

from agent.profile.applicability import judge_profile
from agent.profile.jurisdictions import applying, verdict_provenance
from agent.schemas import BusinessProfile, UseCase


def judged_for_plan(profile: BusinessProfile, use_cases: list[UseCase]) -> BusinessProfile:
    """The profile with every law re-judged with the triggers of all planned use cases (pilot, scale, later).

    A profile that never went through the law engine (built by hand, jurisdictions given) is kept as it is."""
    if not profile.laws_considered:
        return profile
    triggers = {t for u in use_cases for t in u.compliance_triggers}
    verdicts = judge_profile(profile, extra_triggers=triggers)
    kept = {k: v for k, v in profile.provenance.items() if not k.startswith("jurisdictions:")}
    return profile.model_copy(
        update={
            "jurisdictions": applying(verdicts),
            "laws_considered": verdicts,
            "provenance": {**kept, **verdict_provenance(verdicts)},
        }
    )
