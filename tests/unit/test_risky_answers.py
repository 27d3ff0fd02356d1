"""Every class of risky wish is answered in `not_recommended`: the owner's words quoted, why not with the law and
its article, and a safer way to the same aim; never quoted back as a constraint or planned as asked."""

from __future__ import annotations

import pytest

from agent.config import Settings
from agent.planning.pipeline import draft_from_text
from agent.profile.risky import red_flags

# One owner sentence per class, in words of their own (not the lexicon's phrasings).
OWNER_SENTENCES = {
    "emotion-recognition-at-work": "We'd like the hiring software to judge from video how nervous each applicant is.",
    "emotion-recognition-customers": "We want the lobby camera to tell us which hotel guests look upset on arrival.",
    "staff-surveillance": "We want to follow every courier's GPS location all day and rank who takes long breaks.",
    "driver-facing-cameras": "We'd like cameras in the van cabs facing our drivers to catch them yawning.",
    "cameras-in-private-areas": "We'd like CCTV in the staff changing room to stop thefts.",
    "social-scoring": "We'd like a trust score for every tenant from their social media to pick who gets a flat.",
    "facial-recognition-customers": "We want members to get into the climbing gym by scanning their face at the door.",
    "scraping-for-outreach": "We'd like to scrape emails of dentists from online directories and mail them offers.",
    "lookalike-audiences": "We want to upload our patient list to Facebook to find similar people for ads.",
    "consumer-ai-with-sensitive-data": "Our counsellors want to paste client session notes into a free chatbot.",
    "own-foundation-model": "We'd like to train our own large language model from scratch on our product manuals.",
    "manipulative-techniques": "We want fake countdown timers that pressure older shoppers into buying.",
    "fully-automated-rejections": "We want the system to reject loan applications automatically with nobody checking.",
    "discriminatory-filters": "Have the software filter out every job applicant over 50.",
    "selling-customer-data": "We'd like to sell our customers' purchase histories to a data broker.",
    "covert-recording": "We want to secretly record customer phone calls without telling them.",
    "unsupervised-clinical-ai": "We want the chatbot to diagnose patients' symptoms with no doctor checking.",
}


def test_every_red_flag_class_has_an_owner_sentence_here() -> None:
    assert set(OWNER_SENTENCES) == set(red_flags())


@pytest.mark.parametrize("flag", sorted(OWNER_SENTENCES))
def test_each_risky_class_is_answered_with_quote_law_and_alternative(flag: str, project_settings: Settings) -> None:
    sentence = OWNER_SENTENCES[flag]
    text = f"We are a 9-person business in Dublin, Ireland. {sentence}"
    roadmap = draft_from_text(text, project_settings, model=None).roadmap
    spec = red_flags()[flag]
    ref = spec["ref"] if isinstance(spec, dict) else spec.ref
    answers = [a for a in roadmap.not_recommended if ref in a]
    assert answers, f"{flag} not answered: {roadmap.not_recommended}"
    answer = answers[0]
    assert answer.startswith('You asked: "') and "Not recommended:" in answer
    quoted = answer.split('"')[1]
    assert quoted and quoted in text  # the owner's own words
    assert "Art." in ref or "Code" in ref or "U.S.C." in ref or "ILCS" in ref  # a law with its article
    assert "Safer alternative:" in answer
    assert not any(quoted in c for c in roadmap.profile.constraints)  # never an instruction to respect
