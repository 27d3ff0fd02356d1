"""Reading the business's own trade: the subject of the sentence counts, a trade mentioned in passing does not.

"We run two physiotherapy clinics" names the trade; "my bookkeeper says", "insurance claims", "like a bank"
mention other trades and weigh little.
"""

from __future__ import annotations

import re

from agent.profile.lexicon import Match, matcher

# Generic trades lose to specific ones ("a bakery with a web shop" is a bakery that sells online).
GENERIC_INDUSTRIES = {"retail": 0.5, "ecommerce": 0.5, "consulting": 0.5, "education": 0.7}
_CORRECTION = re.compile(r"\b(?:no[:,!]|correction|sorry,|i mean|or rather)", re.I)
# Who the business is: "we are a", "I run three", "Smith & Co is an", "our clinic".
_SUBJECT_BEFORE = re.compile(
    r"\b(?:we are|we're|i am|i'm|i run|we run|i own|we own|i manage|we manage|runs|owns|operates?|"
    r"is an?|are an?|founded|started|opened)\b[^.,;:!?]{0,40}$",
    re.I,
)
_SENTENCE_START = re.compile(r"^\s*(?:an?|the|our|my)?\s*(?:[\w'&-]+\s+){0,3}$", re.I)
_PASSING_BEFORE = re.compile(
    r"\b(?:like an?|such as|similar to|unlike|than an?|as an?|for (?:an?|our|the)|from (?:an?|our|the)|"
    r"to (?:an?|our|the)|with (?:an?|our|the)|by (?:an?|our|the)|"
    r"my|our|his|her|their|the)\s+(?:\w+\s+)?$",
    re.I,
)
_PASSING_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(?:says|said|told|tells|recommended|suggested|thinks|advised|warned|asked|"
    r"claims?|companies|company|forms?|paperwork|providers?|payers?|bills?|premiums?|policies|policy|software|"
    r"system|reps?|partners?|referrals?|statements?|returns?|packages?|plans?|requirements?|rules|fees?|"
    r"account|accounts|app|apps)\b",
    re.I,
)
# Words that name a person or firm the business deals with rather than the business itself.
_ROLE_WORDS = re.compile(
    r"^(?:accountants?|bookkeepers?|lawyers?|solicitors?|attorneys?|notary|consultants?|insurers?|insurance|"
    r"bank|banks|lenders?|doctors?|gp|dentists?|vets?|pharmacists?|recruiters?|developers?|web developer|"
    r"it support|tutors?|photographers?|mechanics?|plumbers?|electricians?|architects?|cleaners?|"
    r"tax advis[eo]r|marketing agency|courier|chemist|physician|therapists?|fitness)$",
    re.I,
)


# After a trade word, these words mean it names the business ("a bakery in Leipzig", "a salon with 4 chairs");
# another noun means the word only describes something else ("insurance narratives", "fitness enthusiasts").
# A sentence that opens "<trade> company in ..." with no determiner or only "a" introduces the business itself
# ("Plumbing company in Denver", "Small law firm here"); "our/the insurance company in Leeds" is one it deals with.
_OWN_COMPANY_BEFORE = re.compile(
    r"^\s*(?!(?:the|our|my|their|his|her|your|this|that)\b)(?:an?\s+)?(?:[\w'&-]+\s+){0,3}$", re.I
)
_OWN_COMPANY_AFTER = re.compile(
    r"^\s*(?:company|business|firm)\s*(?:[,.;:!?)\-]|$|(?:in|near|based|here|with|of|from|that|which|run|owned|"
    r"serving|since)\b)",
    re.I,
)
_HEAD_OR_LINK = re.compile(
    r"^\s*(?:[,.;:!?)\-]|$|(?:in|with|and|or|of|for|that|which|who|where|is|are|was|were|has|have|had|based|near|"
    r"on|at|from|to|since|called|named|we|i|our|my|run|owned|serving|specialising|specializing|here|"
    r"practice|practices|clinic|clinics|firm|firms|company|companies|agency|agencies|shop|shops|studio|studios|"
    r"business|businesses|salon|salons|office|offices|centre|center|group|store|stores|chain|team|owner|"
    r"\w+ing|\w+ed|à|a|au|aux|en|dans|de|del|di|da|con|mit|bei|aus|und|et|y|e|van|met|te|para|per)(?!\w))",
    re.I,
)


def read_industry(text: str) -> tuple[str | None, str]:
    """The industry id the business belongs to and the owner's words for it ('' when none is named)."""
    matches = matcher("industries").find(text)
    if not matches:
        return None, ""
    corrected = [cue.end() for cue in _CORRECTION.finditer(text)]
    if corrected and any(m.start >= corrected[-1] for m in matches):  # "a bakery? No: we are a cafe"
        matches = [m for m in matches if m.start >= corrected[-1]]
    score: dict[str, float] = {}
    first: dict[str, int] = {}
    best_phrase: dict[str, tuple[float, str]] = {}
    strongest: dict[str, float] = {}
    for m in matches:
        mention = mention_weight(text, m)
        strongest[m.id] = max(strongest.get(m.id, 0.0), mention)
        weight = GENERIC_INDUSTRIES.get(m.id, 1.0) * (1 + len(m.phrase) / 20) * mention
        score[m.id] = score.get(m.id, 0.0) + weight
        first.setdefault(m.id, m.start)
        if weight > best_phrase.get(m.id, (0.0, ""))[0]:
            best_phrase[m.id] = (weight, m.phrase)
    best = max(score, key=lambda k: (score[k], -first[k]))
    if strongest[best] < 0.3:  # only passing mentions: the trade is unknown, not the one mentioned
        return None, ""
    return best, best_phrase[best][1]


def mention_weight(text: str, m: Match) -> float:
    """How much one mention says about the business's own trade: more as the subject, little in passing."""
    start = max(text.rfind(".", 0, m.start), text.rfind("\n", 0, m.start), text.rfind("!", 0, m.start)) + 1
    before = text[start : m.start]
    after = text[m.end : m.end + 30]
    if _OWN_COMPANY_BEFORE.search(before) and _OWN_COMPANY_AFTER.match(after):
        return 2.0  # "Plumbing company in Denver": the business itself, not a company it deals with
    if _PASSING_AFTER.match(after):
        return 0.15
    if _SUBJECT_BEFORE.search(before) and not re.search(r"\b(?:like|such as|than)\s+(?:an?\s+)?$", before, re.I):
        return 0.6 if _ROLE_WORDS.match(m.phrase) and re.search(r"\b(?:my|our)\s+$", before, re.I) else 2.0
    if _PASSING_BEFORE.search(before) and _ROLE_WORDS.match(m.phrase):
        return 0.15
    if not _HEAD_OR_LINK.match(after):
        return 0.25  # a modifier of another noun
    if _SENTENCE_START.search(before):  # "A boutique hotel in ...", "Our clinic ..."
        return 0.6 if _ROLE_WORDS.match(m.phrase) and re.search(r"\b(?:my|our)\s+$", before, re.I) else 2.0
    if re.search(r"\b(?:like|such as|than)\s+(?:an?\s+)?$", before, re.I):
        return 0.15
    return 1.0
