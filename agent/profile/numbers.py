"""Headcount, customer counts and deadlines in a description."""

from __future__ import annotations

import re

_WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a dozen": 12,
    "a couple of": 2,
    "a few": 3,
}
# Digits start and end where a digit run does, and at most 7 of them: linear on any input, and never an int
# too large to be a team or a customer count.
_NUM = (
    r"((?<![\d,.])\d{1,3}(?:[,.]\d{3})+(?![\d])|(?<![\d,.])\d{1,7}(?![\d])|"
    + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
    + r")"
)
_ROLES = [  # role words that count as staff ("3 dentists")
    "hygienists",
    "dentists",
    "bakers",
    "nurses",
    "technicians",
    "engineers",
    "developers",
    "consultants",
    "stylists",
    "drivers",
    "mechanics",
    "accountants",
    "lawyers",
    "cooks",
    "chefs",
    "therapists",
    "agents",
    "recruiters",
    "teachers",
    "educators",
    "nannies",
    "caregivers",
    "nursery nurses",
    "tutors",
    "cleaners",
    "designers",
    "salespeople",
    "cashiers",
    "baristas",
    "physios",
    "vets",
    "pharmacists",
    "architects",
    "carers",
    "waiters",
    "trainers",
    "instructors",
    "coaches",
    "plumbers",
    "electricians",
    "carpenters",
    "installers",
    "fitters",
    "builders",
    "painters",
    "gardeners",
    "landscapers",
    "couriers",
    "dispatchers",
    "pickers",
    "packers",
    "admins?",
    "administrators?",
    "assistants",
    "managers?",
    "clerks",
    "bookkeepers",
    "paralegals",
    "solicitors",
    "attorneys",
    "doctors",
    "gps",
    "opticians",
    "optometrists",
    "barbers",
    "beauticians",
    "servers",
    "bartenders",
    "housekeepers",
    "guides",
    "operators",
    "machinists",
    "welders",
    "labou?rers",
    "analysts",
    "writers",
    "editors",
    "photographers",
    "marketers",
    "coordinators",
    "planners",
    "programmers",
    "specialists",
    "apprentices",
    "interns",
    "reps",
    "representatives",
]
_STAFF_WORDS = (
    r"(?:full[- ]time |part[- ]time |permanent |office |kitchen |front[- ]desk |support |sales |warehouse |"
    r"admin |delivery |floor |shop |field |)(?:people|persons?|staff|employees?|workers|team members|"
    r"members of staff|staff members|colleagues|sales people|receptionists?|" + "|".join(_ROLES) + "|"
    # The same in the other languages owners write in here: German, French, Spanish, Italian, Dutch.
    r"mitarbeiter(?:n|innen)?|beschäftigten?|angestellten?|employés|salariés|collaborateurs|personnes|"
    r"empleados|trabajadores|personas|dipendenti|collaboratori|persone|medewerkers|werknemers)"
)
_HEADCOUNT = [
    # "a 12-person firm", "a 12 person team", "14 staff in total": a total in so many words
    re.compile(rf"\b{_NUM}(?:-(?:person|people|strong|member|man|woman)| person| strong)\b", re.I),
    re.compile(rf"\bteam of (?:about |around |roughly |some )?{_NUM}\b", re.I),
    re.compile(
        rf"\b(?:employ|employs|employing|have|has|with) (?:about |around |roughly |some |just |only )?"
        rf"{_NUM} {_STAFF_WORDS}",
        re.I,
    ),
    re.compile(rf"\b{_NUM} {_STAFF_WORDS}\b", re.I),
    re.compile(rf"\bwe(?:'re| are) {_NUM}(?: people)?\b", re.I),
    re.compile(rf"\b{_NUM} of us\b", re.I),
    # "headcount: 12"; not "30 employees: 22 technicians", where the colon opens a breakdown
    re.compile(rf"\b(?:headcount|staff count|team size|number of (?:staff|employees))(?: of|:| is)? {_NUM}\b", re.I),
]
NUMBER = _NUM  # for the other readers of numbers in text
_ROLE_COUNT = re.compile(rf"\b{_NUM} {_STAFF_WORDS}\b", re.I)
# "7 therapists and a receptionist": one more person, counted only next to other role counts.
_ONE_ROLE = re.compile(
    r"\b(?:and|plus|with) (?:a|an|one) (?:part[- ]time |full[- ]time |office )?(?:receptionist|admin|administrator|"
    r"manager|assistant|bookkeeper|cleaner|driver|apprentice|intern|accountant|nurse|hygienist|chef|cook|baker|"
    r"technician|secretary|barista|stylist|trainee|person)\b",
    re.I,
)
_TOTAL = re.compile(rf"\b(?:{_NUM} {_STAFF_WORDS} in total|(?:a )?total of {_NUM})\b", re.I)
# "5,000 people who use our food banks", "200 people a day": people served, not staff
_NOT_STAFF_AFTER = re.compile(
    r"\s+(?:who|that|which|use|using|visit|come|attend|per|a (?:day|week|month|year))\b", re.I
)
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)|\n")
_GENERIC_STAFF = re.compile(r"\b(?:people|persons?|staff|employees?|workers|team members|colleagues|of us)\b", re.I)
_VAGUE = {"a few", "a couple of"}  # "a few clients are US residents" counts nobody
_SOLO = re.compile(r"\b(sole trader|solo|one-person|one person business|just me|by myself|freelancer)\b", re.I)
_CUSTOMERS = re.compile(
    rf"{_NUM}(\s?k|\s?thousand)?\+? (?:active |regular |loyal |registered |monthly |)(?:customers|clients|patients|"
    r"subscribers|members|households|consumers|users|guests|orders a (?:month|year)|students|pupils)",
    re.I,
)


def to_int(token: str) -> int:
    """'12', '1,200' or 'twelve' as an int."""
    token = token.lower()
    if token in _WORD_NUMBERS:
        return _WORD_NUMBERS[token]
    return int(re.sub(r"[,.]", "", token))


def find_headcount(text: str) -> tuple[int, str] | None:
    """Staff number and the words it came from. A stated total wins over a breakdown ("30 employees: 22
    technicians, 5 office staff and the two of us"); role counts without a total are added up ("20 developers
    and 3 sales people" is 23). Contract instructors, freelancers and volunteers are not written as staff words,
    so "6 employees and 40 contract instructors" is 6."""
    for pattern in (_HEADCOUNT[0], _TOTAL, _HEADCOUNT[1], _HEADCOUNT[4], _HEADCOUNT[6]):
        match = pattern.search(text)
        number = next((g for g in match.groups() if g), None) if match else None
        if match and number and 1 <= to_int(number) <= 100000:
            return to_int(number), match.group(0)
    found = sorted([*_ROLE_COUNT.finditer(text), *_HEADCOUNT[5].finditer(text)], key=lambda m: m.start())
    if not found:
        solo = _SOLO.search(text)
        return (1, solo.group(0)) if solo else None
    # The breakdown is the sentence that first counts people; later counts are subsets ("two people spend ...").
    start = max((b.end() for b in _SENTENCE_END.finditer(text, 0, found[0].start())), default=0)
    end = next((b.start() for b in _SENTENCE_END.finditer(text, found[0].end())), len(text))
    counted = [m for m in [*found, *_ONE_ROLE.finditer(text)] if start <= m.start() < end]
    counted = [m for m in counted if not _NOT_STAFF_AFTER.match(text, m.end())]
    parts = [(1 if _ONE_ROLE.fullmatch(m.group(0)) else to_int(m.group(1)), m.group(0)) for m in counted]
    parts = [(n, words) for n, words in parts if 1 <= n <= 100000]
    if parts:
        largest = max(parts, key=lambda p: p[0])
        rest = sum(n for n, _ in parts) - largest[0]
        if _GENERIC_STAFF.search(largest[1]) and largest[0] >= rest:
            return largest  # the total, and the rest is its breakdown
        return min(100000, largest[0] + rest), " + ".join(words for _, words in parts)
    return None


def find_customer_count(text: str) -> tuple[int, str] | None:
    """Number of customers/patients/records, if stated."""
    match = next((m for m in _CUSTOMERS.finditer(text) if m.group(1).lower() not in _VAGUE), None)
    if not match:
        return None
    value = to_int(match.group(1))
    if match.group(2):
        value *= 1000
    return value, match.group(0)


def find_horizon(text: str) -> tuple[int, str] | None:
    """Planning horizon ('over the next 18 months', 'within two years')."""
    match = re.search(rf"\b(?:over|in|within|for) the (?:next|coming) {_NUM} (months?|years?)\b", text.lower())
    if match:
        n = to_int(match.group(1))
        return (n * 12 if match.group(2).startswith("year") else n), match.group(0)
    if re.search(r"\b(?:next|coming) year\b", text.lower()):
        return 12, "next year"
    return None
