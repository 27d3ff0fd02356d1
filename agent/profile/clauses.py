"""Splitting a description into sentences and clauses, each knowing whether it asks, refuses or complains."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from agent.profile.notes import (
    SET_ASIDE_WORDS,
    first_line,
    opens_section,
    records_the_document,
    section_heading,
    sets_aside,
)

WANT = re.compile(
    r"\b(want|wants|would (?:also |really )?like|(?:we|i)'d (?:also |really )?(?:like|love)|"
    r"would (?:also |really )?love|"
    r"love (?:to|a|an|some)|(?:ai|it|that|this|something) (?:could|would|might) help|main thing|top priority|"
    r"would (?:help|save|be (?:great|nice|ideal|brilliant|a big help|useful))|should be able to|"
    r"it'?d be (?:great|nice)|what we need|need most|our (?:to-?do )?list|"
    r"(?:two|three|four|five|a few|some|main) (?:things|ideas|wishes|priorities|asks|goals|projects)|"
    r"interested in|looking (?:at|for|into)|thinking (?:about|of|an?|some)|considering|plan to|planning to|"
    r"hope to|hoping (?:to|for)|keen (?:on|to)|need|needs|could (?:ai|it|a tool|software)|"
    r"(?:ai|a tool|software|something) (?:that|to|could|can|should)|help (?:us|me|with)|"
    r"try|trying|test|pilot|automate|wish|our (?:main |biggest |first )?(?:ask|goal|priority|idea) is|"
    r"the (?:main |big |first )?(?:ask|goal|priority|idea) is|ideally|dream|how about|can ai|could we|"
    r"our (?:plans?|ideas?|priorities|wish ?list)|on (?:our|my) (?:list|wish ?list)|what we'?d like|"
    r"should (?:be (?:\w+ed|written|done|drawn up|sent|kept|made|read|built|taken)|get|happen)|"
    r"(?:we'?re|we are|i'?m|i am) after|"
    # a plan or an application for funding: "we intend to", "the grant is for route planning", "we plan an ..."
    r"intends? to|aims? to|plan(?:ned)? (?:an?|some)|(?:we|i) will (?:use|introduce|implement|deploy|adopt|trial|"
    r"pilot|roll out|set up|buy|invest in|automate)|(?:grant|voucher|funding|subsidy|money|budget|investment) "
    r"(?:is|will be|would be|goes|will go|would go|is going) (?:for|to|towards|into)|"
    r"(?:use|spend) (?:the |this |our )?(?:grant|voucher|funding|money|subsidy) (?:on|for|to))\b",
    re.I,
)
# A line that opens on the name of a plan ("Planned: extract data from ...", "Objective 1: fewer no-shows") asks
# in every clause, as a list item does: the heading word, too short to be a clause, would otherwise be lost.
_ASK_HEADING = re.compile(
    r"^\W*(?:(?:our|the|my) )?(?:plans?|planned(?: (?:use|measures?|project))?|goals?|objectives?|aims?|"
    r"wish(?:es| ?list)?|needs?|requests?|projects?|ideas?|priorit(?:y|ies)|proposal|use of (?:the )?(?:grant|"
    r"funds|funding|voucher))(?: \d+)?\s*[:–—]\s",
    re.I,
)
# An ask said as what something should do or could do, without "want": "The packing line should catch crooked
# labels", "Dented tins ought to be picked out", "An assistant on our site could answer visitors". Saying what
# must stay true ("data should stay in the EU", "should only", "should not") is a constraint, not an ask.
IMPLIED = re.compile(
    r"\b(?:should|ought to)\s+(?:also\s+|automatically\s+|now\s+|really\s+)?"
    r"(?!not\b|never\b|stay|remain|only\b|comply|keep\b|be (?:kept|stored|allowed|safe|private|secure|encrypted|"
    r"deleted|anonymi[sz]ed|used only|limited|in\b|on\b|within\b))[a-z]+|"
    r"\b(?:an?|the|our)\s+(?:\w+\s+){0,3}?(?:assistant|bot|chatbot|tool|system|software|app|model|camera|computer|"
    r"program|programme|agent|website|site)\s+(?:that\s+)?(?:could|might|would|can)\s+(?!not\b|never\b)[a-z]+",
    re.I,
)
# "I don't want to tell customers it is recorded" asks for the secrecy; it refuses nothing.
NOT_WANTING = (
    r"(?:don'?t|do not) want(?! to (?:tell|inform|notify|ask|say|disclose|mention|announce|warn|let \w+ know))"
)
# Asking *not* to have something; "without" is not here: "scrape profiles without telling them" is an ask.
REFUSE = re.compile(
    rf"\b({NOT_WANTING}|"
    r"never want|not interested|rather not|ruled out|no (?:thanks|chatbots?|"
    r"bots?|cameras?)|we won'?t|i won'?t|would never|we'd never|avoid|nothing that|not a)\b",
    re.I,
)
NO_WAY = r"no way(?! (?:i|we|you|they|to|of|for|that)\b)"  # "no way I can read them all" is a complaint
# What a decision by someone named says of a practice put to them (minutes, notes, messages written for the owner):
# "Dwayne said no, the regulars would walk", "Gareth agreed to drop it", "Fiona against it". A named person is
# told by the capital; "the bank said no" is a third party's answer, not the business's. "Hank said no to anything
# over $100" names its own object: a limit, not a reply.
_THEY_DECLINED = (
    r"(?:(?-i:[A-Z][a-z]+)|he|she|they|the (?:owner|boss|board|head|director|partners?|manager))\s+"
    r"(?:(?:firmly |flatly |strongly )?said no(?! to\b)|"
    r"(?:is |was )?(?:firmly |strongly |dead )?against(?: it| that| this)?|"
    r"(?:is |was )?not keen|vetoed|(?:turned|shot) (?:it |that |this )?down|agreed to drop (?:it|that|this)|"
    r"decided against|rejected (?:it|that|this|the))"
)
# A decision recorded in a word after a dash or colon ("Quoting tool — parked", "Chatbot: not now") or said of the
# idea ("parked until spring", "was dropped"); "where we're parked today" is no decision.
_SET_ASIDE = (
    rf"(?:\s*[–—:]|\s+-)\s*(?:{SET_ASIDE_WORDS})\b|"
    r"\b(?:parked|shelved) (?:until|till|for now|for later|indefinitely|with no date)|"
    r"decided against|vetoed|(?:was|were|been) (?:dropped|rejected|deferred|shelved|parked)"
)

# A sentence that tells of a practice and turns it down in another clause ("a supplier pitched face recognition at
# the door and I said no way"): no clause of it asks for the practice.
_TURNED_DOWN = re.compile(
    rf"\b(?:(?:i|we) (?:said|say) (?:absolutely |hell |a firm |a flat )?no|(?:i|we) said absolutely not|{NO_WAY}|"
    r"not happening|not a chance|"
    r"out of the question|over my dead body|told (?:him|her|them|it) (?:no|where to go|to get lost)|"
    r"turned (?:it|that|this|him|her|them) down|(?:i|we) (?:refused|declined)(?! to pay)|not on my watch|"
    r"showed (?:him|her|them) the door|off the table|that'?s a (?:hard )?no|wouldn'?t dream of|not for (?:us|me)|"
    rf"{_THEY_DECLINED}|{_SET_ASIDE})\b",
    re.I,
)

# A sentence that opens by turning down what the sentence before told of.
_REFUSAL_REPLY = re.compile(
    rf"\W*(?:(?:a )?hard no|{NO_WAY}|nope|no thanks|not happening|not a chance|no chance|absolutely not|"
    r"(?:i |we )?(?:said|say) (?:absolutely |hell |a firm |a flat )?no|(?:i |we )?said absolutely not|declined|refused|"
    r"told (?:him|her|them|it) (?:no|where to go|to get lost)|"
    r"(?:i'?m|we'?re|i am|we are) not doing (?:that|it|this|any of that)|"
    # The decision opening a sentence of its own ("Not now, too expensive"); followed by a colon it heads an item of
    # its own ("3. Rejected: AI poster art"), no reply to the one before.
    rf"{_THEY_DECLINED}|(?:{SET_ASIDE_WORDS})\b(?!\s*:))\b",
    re.I,
)


# Someone named turning the idea down later in the reply: "Dilys objected strongly; Gareth agreed to drop it."
_DECLINED_LATER = re.compile(rf"[,;:–—]\s*{_THEY_DECLINED}\b", re.I)
# A reply that orders what the sentence before told of to stop ("Rich has been pasting grievance notes into his
# own ChatGPT. Joanna: stop today.", "Agreed: it stops now"): the practice ends, nobody asks for it.
_STOPPED = re.compile(
    r"\b(?:(?:it|that|this) (?:stops|ends) (?:now|today|here)|"
    r"stop (?:it |that |this )?(?:now|today|immediately|at once|right away))\b",
    re.I,
)


# Someone else's pitch ("our insurer wants driver-facing cameras", "a consultant told us to train our own model")
# that the owner then judges badly ("my lads would walk out", "that sounds insane") is turned down too, though no
# refusal word is said.
_PITCH = re.compile(
    r"\b(?:(?:a|an|the|our|my|some|one|this|that)\s+(?:\w+\s+){0,2}?(?:vendors?|suppliers?|sales(?:man|men|person|"
    r"woman| rep| guy)|reps?|consultants?|insurers?|insurance company|agency|agencies|company|firm|guy|bloke|lad|"
    r"nephew|niece|cousin|friend|mate|brother|sister|son|daughter|accountant|bookkeeper|investors?|landlord|contractors?|"
    r"franchisor|marketing \w+|it guy|tech guy|advisers?|advisors?|coach|software house|startup)|someone|somebody)"
    r"\s+(?:\w+\s+){0,2}?(?:pitched|offered|suggested|suggests|told (?:us|me)|"
    r"keeps? (?:saying|telling|pushing|on)|wants?|is pushing|are pushing|recommended|recommends|tried to sell|"
    r"sold|showed|hinted|says?|said|reckons?|swears?|wanted|quoted (?:us|me))\b|"
    r"\b(?:we|i) (?:were|was|got|have been|'ve been) (?:approached|pitched|offered|cold-called|contacted)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,;:]|\s[-–—]\s|\b(?:and|but|so)\b")
_DOUBT = re.compile(
    r"\b(?:creepy|insane|crazy|mad|nuts|ridiculous|overkill|over the top|dodgy|shady|sketchy|nonsense|rubbish|"
    r"snake oil|big brother|too far|bad idea|feels? (?:wrong|off|invasive)|invasive|"
    r"not (?:convinced|comfortable|keen|sold|happy about)|uncomfortable|sceptical|skeptical|"
    r"(?:don'?t|do not|wouldn'?t) trust|(?:would|'?d|will) (?:walk out|quit|revolt|go mad|hate)|"
    r"hate (?:it|that|the idea)|(?:don'?t|do not) like (?:it|that|the idea)|no thanks)\b",
    re.I,
)

PAIN = re.compile(
    r"\b(problem|struggle|struggling|too much|too many|waste|takes? (?:us|me|hours)|losing|lose|hard to|"
    r"difficult|slow|behind|overwhelmed|drowning|miss|missed|late|manual|by hand|chaos|mess|frustrat\w*|swamped|"
    r"can'?t keep up|cannot keep up|backlog|piles? up|piling up|forever|takes ages|a day|per day|every \w+ needs|"
    r"eats?|takes? up|swallows?|costs? us|keeps? asking|same (?:\w+ )?questions|again and again|over and over|"
    r"spends? hours|hours (?:every|a|per|each) (?:week|day)|breakdowns?|breaks? down|defects?|complaints?|"
    r"errors|mistakes|downtime|no-shows?|stops? production|run(?:ning)? out|"
    # complaints that name no pain word: what fails, goes unanswered, cannot be done or eats the day
    r"nobody|no one|no-one|none of us|fail(?:s|ed|ing|ures?)?|without (?:any )?warning|packed up|goes down|"
    r"went down|broke|unanswered|engaged|on hold|ring(?:s)? off|hang(?:s)? up|voicemail|"
    r"never (?:turn|turns|show|shows|come|comes) (?:up|in)|(?:don'?t|do not|doesn'?t) (?:turn|show) up|"
    r"(?:can'?t|cannot|couldn'?t) (?:always )?(?:get to|keep|answer|pick up|read|see|find|tell|know|cope)|"
    r"far too|(?:spends?|spent|spending|lose|loses|lost) (?:a|an|the|their|our|his|her|every|two|three|"
    r"several|whole) (?:\w+ )?(?:day|days|week|weeks|evening|evenings|morning|mornings|weekend|weekends)|"
    r"no (?:description|descriptions|idea|way of knowing)|short of|"
    # complaints told as a feeling about the work
    r"nightmare|headache|(?:a|such a|real) pain|doing (?:my|our) heads? in|(?:sick|tired) of|"
    r"fed up|drives? (?:me|us) (?:mad|crazy|nuts|up the wall)|(?:is|are) brutal)\b",
    re.I,
)
# A stop or a line break ends a sentence (not after the number that opens a list item: "1. quotes").
_SENTENCE = re.compile(r"(?<=[.!?])(?<!\A\d\.)(?<!\A\d\d\.)(?<!\n\d\.)(?<!\n\d\d\.)\s+|[ \t]*\n\s*")
# A line break ends a sentence (owners type line by line, without stops), but not after a word no sentence ends
# on: "We keep our production plan in\nExcel." is one sentence wrapped.
_WRAPPED = re.compile(
    r"\b(in|on|at|the|a|an|of|to|and|or|for|with|our|my|your|their|from|by|as|is|are|was|that|which|but|than|into)"
    r"[ \t]*\n(?=[ \t]*\S)",
    re.I,
)
_MARKER = r"(?:[-*•]|\d{1,2}[.)])"  # what opens a list item on a line of its own
# A list item on a line of its own ends at its line: the line after it is no longer the item ("3. the rota\nCork").
_ITEM_LINE = re.compile(rf"(?m)^([ \t]*{_MARKER}[ \t]+[^\n]*)\n(?![ \t]*{_MARKER}[ \t])")
# Verbs of a task, in their base form: one opens an instruction ("Predict which donors..."), and after "and" one
# opens a second ask in the same clause ("answer our reviews and come up with a weekly post").
TASK_VERBS = (
    r"predict|forecast|draft|write|answer|summari[sz]e|transcribe|scan|read|extract|flag|spot|detect|recommend|"
    r"suggest|schedule|plan|translate|generate|create|score|rank|track|monitor|send|remind|chase|scrape|upload|"
    r"use|install|check|sort|match|prepare|fill|handle|reply|respond|tag|quote|estimate|optimi[sz]e|build|find|"
    r"identify|group|filter|review|pull|lift|catch|warn|adjust|book|film|record|clock|block|decline|reject|"
    r"harvest|paste|analy[sz]e|rate|cut|show|tell|log|update|capture|classify|categori[sz]e|compare|measure|"
    r"automate|put|sell|share|train|target|segment|personali[sz]e|route|dispatch|reorder|inspect|exclude|remove|"
    r"skip|ignore|screen|refuse|deny|copy|come up with|type|post|alert|notify|price|auto-\w+"
)
# The stems of the same tasks, in any form ("answering", "summarised").
_TASK_STEMS = (
    r"record|transcrib|summari[sz]|draft|writ|answer|sort|read|extract|predict|forecast|recommend|scor|rank|"
    r"plan|schedul|translat|generat|classif|categori[sz]|tag|flag|detect|spot|rout|pric|quot|book|remind|"
    r"screen|shortlist|match|segment|personali[sz]|optimi[sz]"
)
# After a verb, what makes it a verb with an object: "wash and cut for children" is a service, not a second ask.
_HAS_OBJECT = r"(?!\s*(?:[,.;:!?]|$|(?:for|with|at|of|and|or|by|from|to|in|on)\b))"
# Verbs that open an instruction but, after "and", mostly go on with the same one ("book and pay", "get and keep").
_LINKING_VERBS = r"let|help|make|turn|give|get|keep|stop|drop|only"
# Where one sentence holds several asks: "...; also ...", ", and we'd also like ...", ", plus ...".
_PLUS_WORD = r"(?:plus|\+)"  # joins two items of a list ("no shows + late bookings")
# An item marker inside a sentence: "ideas: 1) a chatbot 2) ticket tags", "(a) contract review and (b) search".
_ENUMERATION = r"(?:(?<=\s)|^)\(?(?:\d{1,2}|[a-h]|i{1,3}|iv)\)\s+"
_ENUMERATED = re.compile(_ENUMERATION, re.I)
_BULLET = re.compile(rf"^\s*{_MARKER}\s+")
_CLAUSE = re.compile(
    rf"\s*(?:,\s*)?(?:and\s+)?{_ENUMERATION}|"
    r"\s*;\s*|\s+-\s+|\s*:\s+(?=[a-z])|"
    r",?\s+(?:and\s+)?(?=(?:i|we)(?:'d| would)? (?:also|then) \w)|"
    r",?\s+and\s+(?=(?:i|we)(?:'d| would)?(?:\s+also)?\s+(?:like|love|want|need|hope)\b)|"
    r"(?:,\s*|\s+and\s+)also\s+(?=\w)|"
    rf",?\s+{_PLUS_WORD}\s+|,?\s+as well as\s+|,?\s+but\s+|"
    r",?\s+and\s+(?=to\s+\w)|,\s+(?!\d)|"
    rf"\s+and\s+(?=(?:to\s+)?(?:automatically\s+)?(?:{TASK_VERBS})\b{_HAS_OBJECT})|"
    # "help answering reviews and writing posts", "a chatbot and help translating our pages"
    rf"\s+and\s+(?=(?:help\s+(?:with\s+|us\s+|me\s+)?\w+ing\b|(?:{_TASK_STEMS})\w*ing\b{_HAS_OBJECT}))",
    re.I,
)


_LEADING_LINK = re.compile(r"^(?:(?:and|or|then|so|also|plus)\s+)+", re.I)
# A sentence that starts with a verb is an instruction: "Predict which donors...", "Let customers book...".
IMPERATIVE = re.compile(
    rf"^(?:please\s+)?(?:automatically\s+|just\s+)?(?:{TASK_VERBS}|{_LINKING_VERBS})\b",
    re.I,
)


# Any verb the list above lacks still reads as an instruction when a determiner follows it ("Set our prices ...",
# "Warn the team ..."): a first word that is no pronoun, determiner, preposition or linking word, and does not
# end in -s (a third-person verb or a plural noun: "Customers call us").
_VERB_FIRST = re.compile(
    r"^(?!(?:we|i|our|my|the|it|its|this|that|these|those|they|he|she|you|your|all|most|some|every|each|any|many|"
    r"much|few|a|an|no|nobody|everyone|everything|there|here|last|next|since|when|if|as|at|in|on|for|with|from|"
    r"after|before|about|to|once|while|because|so|but|and|or|then|also|just|even|ideally|currently|recently|"
    r"usually|today|yesterday|tomorrow|during|between|across|around|under|over|by|into|through|without|within|per|"
    r"like|unlike|besides|despite|although|though|unless|until|whether|where|why|how|what|which|who|one|two|"
    r"three|four|five|half|both|either|neither|other|another|only|right|now|still|yet|already|always|never|"
    r"often|sometimes|overall|ok|okay|yes|hello|hi|dear|thanks|please)\b)[a-z]+(?<!s)\s+"
    r"(?:our|the|my|each|every|all|any|new|incoming|their|them|us|me|which|who|what|how|when)\b",
    re.I,
)


# AI the business already runs ("we already use AI to sort tickets", "summarised with OpenAI", "our booking
# system's AI feature predicts no-shows") is read as a use case to govern: a sentence names AI or an AI vendor,
# says it runs today, and speaks of the owner's own business.
_AI_TERM = re.compile(
    r"\b(ai|a\.i\.|artificial intelligence|machine[- ]learning|ml|llms?|gpt[-\w]*|chatgpt|openai|anthropic|claude|"
    r"gemini|copilot|mistral|(?:ai|ml|language|predictive) models?|chatbots?|algorithms?)\b",
    re.I,
)
_RUNS_TODAY = re.compile(
    r"\b(already|currently|at the moment|right now|these days|so far|since \d{4}|for (?:the )?(?:last |past )?"
    r"(?:\w+ )?(?:years?|months?)|last (?:year|spring|summer|autumn|fall|winter|month)|(?:we|i)'?ve been|"
    r"(?:we|i) have been|switched on|rolled out|introduced|adopted|powered by|uses|using|runs|running|relies on|"
    r"(?:we|i) (?:use|run|rely on)|with (?:the )?(?:help of )?(?:ai|openai|anthropic|chatgpt|gpt[-\w]*|claude|"
    r"gemini|copilot|an? (?:ai|llm|ml))|(?:sell|sells|selling|offer|offers|offering|build|builds|building|"
    r"provide|provides|providing) (?:an? )?(?:ai|ml|llm))\b",
    re.I,
)
_AI_TASK = re.compile(rf"\b(?:{_TASK_STEMS})\w*", re.I)
_WE = re.compile(r"\b(we|i)\b", re.I)
_OURS = re.compile(r"\b(our|my|us)\b", re.I)
_OTHERS = re.compile(
    r"\b(competitors?|competition|rivals?|other (?:\w+ )?(?:businesses|shops|firms|companies|practices|agencies)|"
    r"friends?|neighbou?rs?|everyone|everybody|(?:big|large) (?:chains|firms|companies)|suppliers?|clients' systems)\b",
    re.I,
)
_NO_AI = re.compile(
    r"\b(no|not|never|don'?t|do not|doesn'?t|haven'?t|have not|without|nor)\b(?:\s+\w+){0,3}?\s+"
    r"(?:ai|a\.i\.|machine learning|chatgpt|llms?|tools?|software|anything)\b|"
    r"\b(?:not|never) (?:yet )?(?:use|used|using)\b",
    re.I,
)
# Inside a clause that follows a comma, "A and B" is one more item of a list when both sides are phrases of
# their own ("a tool that reads invoices and help writing product texts"), not "Zoom and Teams"; anywhere, when B
# opens with its own determiner ("demand forecasts and a face scanner at the door", "one tool ... and another").
_SERIES_AND = re.compile(r",?\s+and\s+(?=[a-z])")
_ITEM_AND = re.compile(r",?\s+and\s+(?=(?:a|an|another|one|some|our|my|also a|also an)\s)", re.I)
_PLUS = re.compile(rf"\s+{_PLUS_WORD}\s+", re.I)
_GERUND = re.compile(r"\W*[a-z]{3,}ing\b", re.I)
_GERUND_AND = re.compile(r",?\s+and\s+(?=[a-z]{3,}ing\s)", re.I)
# A list item opens with a noun phrase, not with a preposition or a linking word ("..., without us reading it").
_NOT_ITEM = re.compile(
    r"^(?:without|with|for|to|because|so|when|if|which|who|that|as|or|while|before|after|until|since|unless|"
    r"although|though|where|by|in|on|at|from|into|ideally|especially|including|like|even|then|but)\b",
    re.I,
)
# "AI could draft them for us": the task of the clause before, pointed back at.
_POINTER = re.compile(
    r"\b(?:draft|write|do|handle|sort|read|answer|automate|fill|prepare|check|summari[sz]e|send|plan|schedule|transcrib|record|"
    r"translate|process|type|take over|deal with)\w*\s+(?:them|it|those|these|that)\b",
    re.I,
)


@dataclass(frozen=True)
class Clause:
    """One clause of the description, with the sentence it came from and what the sentence is doing."""

    text: str
    sentence: str
    wants: bool
    refuses: bool
    pain: bool
    listed: bool = False  # one item of a list of asks ("we need X, Y and Z"): an ask of its own
    in_use: bool = False  # describes AI the business already runs


def runs_ai_today(sentence: str) -> bool:
    """Whether a sentence says the owner's business already uses AI (which is then governed, not ignored)."""
    return (
        bool(_AI_TERM.search(sentence) and _RUNS_TODAY.search(sentence))
        and bool(_WE.search(sentence) or (_OURS.search(sentence) and not _OTHERS.search(sentence)))
        and not _NO_AI.search(sentence)
        and not REFUSE.search(sentence)
    )


def sentences(text: str) -> list[str]:
    """Sentences of a reasonable length (3-60 words)."""
    parts = _SENTENCE.split(text)
    return [" ".join(p.split()) for p in parts if 3 <= len(p.split()) <= 60]


def clauses(text: str) -> list[Clause]:
    """Clauses of every sentence; an ask carries forward within its sentence ("I'd like X, and Y")."""
    out: list[Clause] = []
    lines = _SENTENCE.split(_WRAPPED.sub("\\1 ", _ITEM_LINE.sub("\\1\n\n", text)))
    bulleted = sum(bool(_BULLET.match(line)) for line in lines) >= 2
    set_aside = False  # under a heading that records what was turned down ("Rejected:", "Parked")
    for number, sentence in enumerate(lines):
        bullet = bulleted and bool(_BULLET.match(sentence))
        sentence = " ".join(_BULLET.sub("", sentence, count=1).split()) if bullet else " ".join(sentence.split())
        title = number == 0 and first_line(text) == sentence and not WANT.search(sentence)
        if records_the_document(sentence, title):
            continue
        heading_alone = section_heading(sentence)
        if heading_alone is not None:
            set_aside = heading_alone
            continue
        if not bullet and opens_section(sentence):
            set_aside = False  # a new section of the notes ("Actions: ...") ends the one turned down
        if len(sentence.split()) < (1 if bullet else 2):
            continue
        if set_aside or sets_aside(sentence):
            out += [Clause(raw.strip(" ,.;"), sentence, False, True, False) for raw, _ in _parts(sentence)]
            continue
        heading = _ASK_HEADING.match(sentence)
        wanting = bool(heading)
        sentence = sentence[heading.end() :] if heading else sentence  # the heading names no task of its own
        # Owners list the things they want done, numbered or bulleted: each item of such a list asks.
        enumerated = bullet or len(_ENUMERATED.findall(sentence)) >= 2
        running = runs_ai_today(sentence)
        named_ai = False
        for n, (raw, listed) in enumerate(_parts(sentence)):
            part = _LEADING_LINK.sub("", raw.strip(" ,.;"))
            named_ai = named_ai or bool(_AI_TERM.search(part))
            # Before the AI is named, a clause runs on AI only if it names a task ("we record and transcribe
            # calls, summarised with AI"), not "we join the calls".
            in_use = running and (named_ai or bool(_AI_TASK.search(part)))
            if len(part.split()) < (1 if bullet else 2):
                continue
            refuses = bool(REFUSE.search(part))
            question = raw.rstrip().endswith("?") or (sentence.endswith("?") and n == 0)
            imperative = n == 0 and bool(IMPERATIVE.match(part) or _VERB_FIRST.match(part))
            asks = bool(WANT.search(part) or IMPLIED.search(part)) or imperative or question or in_use
            asks = asks or (enumerated and (listed or bullet))
            listed = listed or bullet
            wanting = (wanting or asks) and not refuses
            short_or_pointer = len(part.split()) <= 5 or bool(_POINTER.search(part))
            if asks and short_or_pointer and out and out[-1].sentence == sentence and not out[-1].refuses:
                out[-1] = replace(out[-1], wants=True)
            elif asks and n == 0 and _BACK_REFERENCE.search(part) and out and not out[-1].refuses and not out[-1].wants:
                # "Customers email us all day. We want them answered faster.": the ask is read with what it points
                # at (the sentence before names the object, this clause the task).
                part = f"{out[-1].text}: {part}"
            listed = listed and not (IMPERATIVE.match(part) or _VERB_FIRST.match(part) or _NOT_ITEM.match(part))
            out.append(Clause(part, sentence, wanting, refuses, bool(PAIN.search(part)), listed, in_use))
    out = _asked_back(out)
    # A pitch the owner turns down ("A vendor pitched us a chatbot. Hard no.") asks for nothing, in any reading.
    refused = refused_sentences(out)
    return [replace(c, wants=False, refuses=True) if c.sentence in refused else c for c in out]


# An ask for help with everything just told ("can AI help with either?", "any AI for all of this?").
_ALL_OF_IT = re.compile(
    r"\b(?:with|for|do|fix|solve|handle|on) (?:both|either|all (?:of )?(?:this|that|these|those|them|it)|"
    r"any (?:of )?(?:this|that|these|those|them|it))\b|"
    r"\b(?:both|either) (?:of )?(?:them|these|those|things|problems)\b",
    re.I,
)


def _asked_back(parts: list[Clause]) -> list[Clause]:
    """The clauses an ask for help with all of them points back at, in its sentence and the one before, asking:
    "The phones are a nightmare and insurance claims are a nightmare. Can AI help with both?"."""
    order = list(dict.fromkeys(c.sentence for c in parts))
    pointed: set[tuple[str, int]] = set()
    for n, clause in enumerate(parts):
        if clause.wants and not clause.refuses and _ALL_OF_IT.search(clause.text):
            earlier = order[: order.index(clause.sentence)]
            before = next((s for s in reversed(earlier) if len(s.split()) > 3), None)
            pointed |= {(c.sentence, m) for m, c in enumerate(parts[:n]) if c.sentence in (before, clause.sentence)}
    return [
        replace(c, wants=True) if (c.sentence, m) in pointed and not c.refuses and len(c.text.split()) >= 3 else c
        for m, c in enumerate(parts)
    ]


def clauses_by_sentence(parts: list[Clause]) -> dict[str, list[Clause]]:
    """The clauses grouped by their sentence, in the order the sentences come."""
    groups: dict[str, list[Clause]] = {}
    for clause in parts:
        groups.setdefault(clause.sentence, []).append(clause)
    return groups


def refused_sentences(parts: list[Clause]) -> set[str]:
    """The sentences whose practice the owner turns down: in a clause of their own ("... and I told them where to
    go"), in the reply that opens the next sentence ("A vendor pitched us face-scan check-in. Hard no, ..."), or
    by judging someone else's pitch badly."""
    sentences = list(dict.fromkeys(c.sentence for c in parts))
    following = [*sentences[1:], ""]  # the last sentence has no reply (and no text has no sentence)
    # The owner's judgement of a pitch may wait for the pitch's own detail: "A vendor pitched face scans at the
    # door. It logs who comes in. Sounds creepy to me."
    after_next = [*sentences[2:], "", ""]
    return {
        sentence
        for sentence, reply, later in zip(sentences, following, after_next, strict=False)
        if _TURNED_DOWN.search(sentence)
        or _REFUSAL_REPLY.match(reply)
        or _STOPPED.search(reply)
        or _DECLINED_LATER.search(reply)
        or _doubted(sentence, f"{reply} {later}")
    }


def _doubted(pitch: str, reply: str) -> bool:
    """Whether a sentence tells someone else's pitch that the owner judges badly, later in it or in the reply."""
    told = _PITCH.search(pitch)
    if not told:
        return False
    # In the pitch's own sentence, only a later clause is the owner's judgement: "someone said chatbots are
    # overkill, but I'd like one" reports the doubt as part of the pitch.
    owner = _CLAUSE_BREAK.search(pitch, told.end())
    return bool((owner and _DOUBT.search(pitch, owner.end())) or _DOUBT.search(reply))


def _parts(sentence: str) -> list[tuple[str, bool]]:
    """The sentence's clauses, each with whether it is one item of a list (it follows a comma, or "and" joins it
    to such an item); a list item's last "A and B" is split when both are phrases of their own."""
    out: list[tuple[str, bool]] = []
    start = 0
    delimiter = ""
    for match in [*_CLAUSE.finditer(sentence), None]:
        end = match.start() if match else len(sentence)
        raw = sentence[start:end]
        if match is not None and match.end() == match.start() and not raw:
            continue
        after_comma = (
            "," in delimiter or bool(_PLUS.fullmatch(delimiter)) or bool(_ENUMERATED.search(delimiter))
        ) and "but" not in delimiter.lower()
        items = [piece for item in _items(raw) for piece in (_series(item) if after_comma else [item])]
        out += [(item, after_comma or n > 0) for n, item in enumerate(items)]
        if match is not None:
            delimiter = match.group(0)
            start = match.end()
    return out


def _items(raw: str) -> list[str]:
    """ "A and a B": two items when A has two words or more; so is "doing A and doing B" (two activities)."""
    pieces = _ITEM_AND.split(raw, maxsplit=1)
    if len(pieces) == 1 and _GERUND.match(raw):
        pieces = _GERUND_AND.split(raw, maxsplit=1)
    if len(pieces) == 2 and len(pieces[0].split()) >= 2 and len(pieces[1].split()) >= 2:
        return [pieces[0], *_items(pieces[1])]
    return [raw]


# An ask whose object is a pronoun standing for the sentence before ("we want them sorted", "get it done"), also
# as an instruction or a question ("Draft them for me?", "Can we spot them sooner?", "Could something write them
# up?").
_BACK_REFERENCE = re.compile(
    r"^(?:(?:we|i)(?:'d| would)? (?:also )?(?:want|like|need|love)|(?:please )?(?:get|have|make)) "
    r"(?:them|it|those|these)\b|"
    r"^(?:(?:can|could|would|will|should) (?:you|we|ai|it|something|someone|software|a tool|"
    r"the (?:\w+ )?(?:system|software|tool|app)) )?(?:please )?(?:just )?[a-z]+ (?:them|those|these)\b",
    re.I,
)
_RELATIVE = re.compile(r"\b(?:that|which|who|whose)\b", re.I)


def _series(raw: str) -> list[str]:
    """ "X and Y" as two items when each side has two words or more and Y is not a proper name; after "a tool that
    reads ...", "and" most often goes on with the same relative clause ("infers income and interests")."""
    pieces = _SERIES_AND.split(raw, maxsplit=1)
    if len(pieces) == 2 and all(len(p.split()) >= 2 for p in pieces) and not _RELATIVE.search(pieces[0]):
        return [pieces[0], *_series(pieces[1])]
    return [raw]
