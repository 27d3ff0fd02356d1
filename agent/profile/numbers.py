"""Headcount, customer counts and deadlines in a description."""

from __future__ import annotations

import re
from datetime import date

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
_NUM = r"(\d{1,3}(?:[,.]\d{3})*|\d+|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")"
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
    re.compile(rf"\b{_NUM}[- ](?:person|people|strong|member|man|woman|employee|staff)\b", re.I),
    re.compile(rf"\bteam of (?:about |around |roughly |some )?{_NUM}\b", re.I),
    re.compile(
        rf"\b(?:employ|employs|employing|have|has|with) (?:about |around |roughly |some |just |only )?"
        rf"{_NUM} {_STAFF_WORDS}",
        re.I,
    ),
    re.compile(rf"\b{_NUM} {_STAFF_WORDS}\b", re.I),
    re.compile(rf"\bwe(?:'re| are) {_NUM}(?: people)?\b", re.I),
    re.compile(rf"\b{_NUM} of us\b", re.I),
    re.compile(rf"\b(?:headcount|staff|employees)(?: of|:)? {_NUM}\b", re.I),
]
_ROLE_COUNT = re.compile(rf"\b{_NUM} {_STAFF_WORDS}\b", re.I)
# "7 therapists and a receptionist": one more person, counted only next to other role counts.
_ONE_ROLE = re.compile(
    r"\b(?:and|plus|with) (?:a|an|one) (?:part[- ]time |full[- ]time |office )?(?:receptionist|admin|administrator|"
    r"manager|assistant|bookkeeper|cleaner|driver|apprentice|intern|accountant|nurse|hygienist|chef|cook|baker|"
    r"technician|secretary|barista|stylist|trainee|person)\b",
    re.I,
)
_SOLO = re.compile(r"\b(sole trader|solo|one-person|one person business|just me|by myself|freelancer)\b", re.I)
_CUSTOMERS = re.compile(
    rf"{_NUM}(\s?k|\s?thousand)?\+? (?:active |regular |loyal |registered |monthly |)(?:customers|clients|patients|"
    r"subscribers|members|households|consumers|users|guests|orders a (?:month|year)|students|pupils)",
    re.I,
)
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_SEASONS = {
    "christmas": 12,
    "easter": 4,
    "summer": 6,
    "spring": 3,
    "autumn": 9,
    "fall": 9,
    "winter": 12,
    "new year": 1,
    "black friday": 11,
    "back to school": 8,
}


def to_int(token: str) -> int:
    """'12', '1,200' or 'twelve' as an int."""
    token = token.lower()
    if token in _WORD_NUMBERS:
        return _WORD_NUMBERS[token]
    return int(re.sub(r"[,.]", "", token))


def find_headcount(text: str) -> tuple[int, str] | None:
    """Staff number and the words it came from; role counts in one phrase are added up ("20 developers and
    3 sales people" is 23) unless a total is stated."""
    for pattern in (_HEADCOUNT[0], _HEADCOUNT[1], _HEADCOUNT[4], _HEADCOUNT[5], _HEADCOUNT[6]):
        match = pattern.search(text)
        if match and 1 <= to_int(match.group(1)) <= 100000:
            return to_int(match.group(1)), match.group(0)
    roles = list(_ROLE_COUNT.finditer(text))
    if roles:
        singles = list(_ONE_ROLE.finditer(text))
        total = sum(to_int(m.group(1)) for m in roles) + len(singles)
        if 1 <= total <= 100000:
            return total, " + ".join(m.group(0) for m in [*roles, *singles])
    solo = _SOLO.search(text)
    return (1, solo.group(0)) if solo else None


def find_customer_count(text: str) -> tuple[int, str] | None:
    """Number of customers/patients/records, if stated."""
    match = _CUSTOMERS.search(text)
    if not match:
        return None
    value = to_int(match.group(1))
    if match.group(2):
        value *= 1000
    return value, match.group(0)


def find_deadline(text: str, today: date) -> tuple[int, str] | None:
    """A deadline as months from today ('before Christmas', 'by March', 'within 6 months')."""
    lower = text.lower()
    within = re.search(rf"\b(?:within|in the next|in|next) {_NUM} (months?|weeks?|years?)\b", lower)
    if within and re.search(r"\b(by|before|within|ready|live|launch|need|want|deadline)\b", lower):
        n = to_int(within.group(1))
        unit = within.group(2)
        months = n * 12 if unit.startswith("year") else (max(1, round(n / 4.3)) if unit.startswith("week") else n)
        return max(1, months), within.group(0)
    for season, month in _SEASONS.items():
        match = re.search(rf"\b(?:before|by|for|ahead of|in time for|until) (?:the )?(?:next )?{season}\b", lower)
        if match:
            return _months_until(month, today), match.group(0)
    for index, name in enumerate(_MONTHS, start=1):
        match = re.search(rf"\b(?:by|before|until|in) (?:early |mid-|mid |the end of |end of )?{name}\b", lower)
        if match and not (name == "may" and "by may" not in lower and "before may" not in lower):
            return _months_until(index, today), match.group(0)
    match = re.search(r"\b(?:by|before) (?:the )?end of (?:the |this )?year\b", lower)
    if match:
        return _months_until(12, today), match.group(0)
    return None


def find_horizon(text: str) -> tuple[int, str] | None:
    """Planning horizon ('over the next 18 months', 'within two years')."""
    match = re.search(rf"\b(?:over|in|within|for) the (?:next|coming) {_NUM} (months?|years?)\b", text.lower())
    if match:
        n = to_int(match.group(1))
        return (n * 12 if match.group(2).startswith("year") else n), match.group(0)
    if re.search(r"\b(?:next|coming) year\b", text.lower()):
        return 12, "next year"
    return None


def _months_until(month: int, today: date) -> int:
    delta = (month - today.month) % 12
    return max(1, delta if delta else 12)
