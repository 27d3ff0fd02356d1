"""The precise wording rules of the chat intent reader: questions, edit verbs, undo, show, corrections.
Every pattern is bounded (no nested repeats), so reading stays linear in the length of a message."""

from __future__ import annotations

import re

_I = re.IGNORECASE
QUESTION_START = re.compile(
    r"^\s*(?:and\s+|so\s+|but\s+|also\s+|ok,?\s+|okay,?\s+)?(?:do|does|did|can|could|should|must|may|might|what|"
    r"how|is|are|am|was|were|when|which|who|whom|whose|why|where|will|would|shall|have we|has|need we|"
    r"is it|are we|if)\b",
    _I,
)
_WONDER = re.compile(r"\b(?:i wonder|i'?d like to know|tell me (?:whether|if|what|how|why)|wondering)\b", _I)
# A request phrased as a question: "can you add the chatbot?", "could we drop X?", "what if our budget were 8k?"
POLITE = re.compile(
    r"^\s*(?:please\s+)?(?:can|could|would|will)\s+(?:you|we|u)\b|^\s*(?:what if|how about|what about|let'?s)\b|"
    r"\bplease\b",
    _I,
)
_WHAT_IF = re.compile(r"^\s*(?:what if|how about|suppose|say)\b", _I)
UNDO = re.compile(
    r"^\s*(?:(?:oops|sorry|ah|no|wait|actually|ok|okay|hmm)[,!.]?\s+){0,3}(?:please\s+)?"
    r"(?:undo|revert|roll\s?back|take (?:that|it) back|go back to (?:the )?(?:previous|last|old|earlier)|"
    r"restore the (?:previous|old|last|earlier))\b|\bundo (?:that|it|the last|my last)\b|"
    r"\b(?:put|set) (?:it|things|everything) back (?:how|the way|as) (?:it|they) (?:was|were)\b",
    _I,
)
SHOW = re.compile(
    r"(?<![\w-])(?:show|see|view|display|print|give me|send me|read me|look at|open)\b.{0,40}?"
    r"\b(?:roadmap|plan|draft|version)\b|\bwhat does the (?:plan|roadmap) look like\b|"
    r"^\s*(?:the\s+)?(?:full\s+|whole\s+|current\s+)?(?:roadmap|plan)\s*(?:please)?\s*[.!?]*\s*$",
    _I,
)
DRAFT = re.compile(
    r"\b(?:draft|make|create|generate|build|write|produce|prepare)\b.{0,40}?\b(?:roadmap|plan)\b|"
    r"\bgo ahead\b|\bjust (?:draft|plan)\b|\bdraft (?:it|one|something)\b",
    _I,
)
REDO = re.compile(
    r"\b(?:redo|rework|regenerate|redraft|rewrite|revise|refresh)\b.{0,60}?\b(?:stage|plan|roadmap|draft|section|"
    r"part)\b",
    _I,
)
PILOT = re.compile(
    r"\b(?:make|set|choose|pick|use|have|want|turn)\b.{0,80}?\b(?:the|our|as (?:the|a|our)|a|to be the)\s+"
    r"(?:pilot|first (?:project|step|use case|thing))\b|\b(?:start|begin|lead|kick off|open) with\b|"
    r"\blet'?s pilot\b|^\s*pilot\b|\bbe (?:the|our) (?:pilot|first)\b|\bfirst project\b|\bprioriti[sz]e\b|"
    r"\b(?:put|do)\b.{0,50}?\bfirst\b|\binstead of .{0,60}? as (?:the )?pilot\b",
    _I,
)
DROP = re.compile(
    r"\b(?:drop|remove|delete|cut|scrap|ditch|forget|get rid of|take .{0,40}?out|leave .{0,40}?out|leave out|"
    r"no longer want|don'?t want|do not want|don'?t need|not interested in|no more|skip the|lose the|bin the|"
    r"kill the|strike)\b",
    _I,
)
ADD = re.compile(
    r"\b(?:add|include|also want|also like|i'?d like|we'?d like|i want|we want|want to try|interested in|consider|"
    r"how about|what about|put .{0,60}?back|bring .{0,60}?back|bring back|re-?add|reinstate|restore|back in|"
    r"let'?s (?:also )?(?:do|try|have)|throw in|plus)\b",
    _I,
)
_CLAUSE = re.compile(r"[;.!?]+|,\s*(?:and|but|then)?\s*|\s+(?:and|but|then)\s+", _I)
_BUDGET = re.compile(r"\b(?:budget|spend|afford|ceiling|money|funds|grant)\b", _I)
# An amount of money: "3k", "EUR 8,000", "£4,000", "15 thousand". Amounts of revenue are not budgets.
AMOUNT = re.compile(
    r"[$€£]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:k|K|thousand|grand)\b|\b\d[\d,.]*\s?(?:eur|euros?|usd|dollars?|gbp|pounds?|"
    r"chf|francs?|sek|kronor|nok|dkk|cad|aud)\b",
    _I,
)
_WAGE = re.compile(r"\b(?:wages?|hourly|an hour|per hour)\b", _I)
_REVENUE = re.compile(r"\b(?:turnover|revenue|sales|earn|make|price|prices|cost|costs|fine|fined|loan)\b", _I)
_DEADLINE = re.compile(
    r"\b(?:deadline|go[- ]live|live by|done by|ready by|running by|finished by|until|in time for|"
    r"before (?:christmas|easter|summer|winter|the season|the holidays)|by (?:the end of|the start of|january|"
    r"february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|fall|"
    r"winter|christmas|easter|next|q[1-4]))\b",
    _I,
)
_CORRECTION = re.compile(
    r"^\s*(?:sorry|oops|no[,!.]|no no|nope|wait|actually|correction|i meant|that'?s (?:wrong|not right|incorrect)|"
    r"wrong)\b|\b(?:i meant|you got .{0,30}?wrong|that'?s (?:wrong|not right|incorrect)|typo|we are not|we'?re not|"
    r"we aren'?t|not \w+,? (?:but|we)|should (?:be|say|read)|(?:is|are|was|were) (?:wrong|incorrect|not right)|"
    r"i said)\b",
    _I,
)
_SMALL_TALK = re.compile(
    r"^\s*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening)|thanks?|thank you|cheers|ok(?:ay)?|cool|great|"
    r"nice|perfect|lovely|wow|haha|lol|bye|goodbye|see you|you'?re (?:great|helpful|very helpful)|sounds good|"
    r"got it|brilliant|awesome)\b[\w\s,!.']{0,40}$",
    _I,
)


def is_question(text: str) -> bool:
    """Whether the message asks something: a question mark (not a what-if), an interrogative opening, or
    'I wonder whether'. Several questions in one message are still one question turn."""
    if (_WHAT_IF.search(text) or POLITE.search(text)) and (_BUDGET.search(text) or AMOUNT.search(text)):
        return False  # "what if our budget were 8k?", "can we do it for 3k?": a change to try
    if "?" in text:
        return not _WHAT_IF.search(text)
    return bool(QUESTION_START.search(text) and not POLITE.search(text)) or bool(_WONDER.search(text))


def clauses(text: str) -> list[str]:
    """The message cut at sentence ends, commas and 'and/but/then', for clause-by-clause edits."""
    return [c for c in _CLAUSE.split(text) if c and c.strip()]


def fact_label(text: str) -> str | None:
    """A rule label among the fact-like intents: small talk, correction, budget or deadline edit."""
    if _SMALL_TALK.search(text) and len(text.split()) <= 8:
        return "small_talk"
    if _CORRECTION.search(text):
        return "correction"
    if _WAGE.search(text):
        return "new_facts"  # "assume a wage of EUR 25 an hour" is a fact for the payback, not a budget
    if _BUDGET.search(text) or (AMOUNT.search(text) and not _REVENUE.search(text)):
        return "edit_budget"
    if _DEADLINE.search(text):
        return "edit_deadline"
    return None
