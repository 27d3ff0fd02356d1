"""A verdict per law from a business's facts: out of reach, exempt, applies, does not apply, or unknown.

A fact that is missing (None) is UNKNOWN, never false: "revenue not given" must not read as "below the
threshold". List facts (data held, triggers, practices) are known, possibly empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from agent.laws.specs import LawSpec, Test
from agent.schemas import LawVerdict

Facts = dict[str, Any]
NameOf = Callable[[str], str]

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "is": lambda value, arg: value == arg,
    "in": lambda value, arg: value in arg,
    "has": lambda value, arg: arg in value,
    "has_any": lambda value, arg: bool(set(value) & set(arg)),
    "gt": lambda value, arg: value > arg,
    "gte": lambda value, arg: value >= arg,
    "lt": lambda value, arg: value < arg,
    "lte": lambda value, arg: value <= arg,
}


def holds(test: Test, facts: Facts) -> bool | None:
    """True, False, or None when a fact the test needs is unknown."""
    if "all" in test or "any" in test:
        result = _group(test, facts)
    else:
        value = facts.get(str(test["fact"]))
        if value is None:
            return None
        op = next(op for op in _OPS if op in test)
        result = _OPS[op](value, test[op])
    if result and "unless" in test and holds(test["unless"], facts):
        return False
    return result


def _group(test: Test, facts: Facts) -> bool | None:
    results = [holds(t, facts) for t in test.get("all") or test.get("any") or ()]
    if "all" in test:
        return False if False in results else (None if None in results else True)
    return True if True in results else (None if None in results else False)


def missing_fact(test: Test, facts: Facts) -> str | None:
    """The first fact a test needs that is unknown."""
    for inner in test.get("all") or test.get("any") or ():
        found = missing_fact(inner, facts)
        if found:
            return found
    fact = test.get("fact")
    return str(fact) if fact and facts.get(str(fact)) is None else None


def why(test: Test) -> str:
    """The test in plain words: its `why`, else a readable rendering."""
    if test.get("why"):
        text = str(test["why"])
        return text[:1].upper() + text[1:]
    if "fact" not in test:
        return " and ".join(why(t) for t in test.get("all") or test.get("any") or ())
    op = next(op for op in _OPS if op in test)
    return f"{str(test['fact']).replace('_', ' ')} {op.replace('_', ' ')} {test[op]}"


def judge_laws(specs: Iterable[LawSpec], facts: Facts, name_of: NameOf) -> list[LawVerdict]:
    """A verdict for every law. Run twice so a law can rest on another's verdict (`laws_applying`)."""
    specs = list(specs)
    verdicts = [judge(s, facts, name_of) for s in specs]
    if any("laws_applying" in repr(s.all + s.any + s.exempt) for s in specs):
        applying = {v.id for v in verdicts if v.verdict == "applies"}
        verdicts = [judge(s, {**facts, "laws_applying": applying}, name_of) for s in specs]
    return verdicts


def judge(spec: LawSpec, facts: Facts, name_of: NameOf) -> LawVerdict:
    """One law's verdict for these facts."""
    base = {"id": spec.id, "name": spec.name, "voluntary": spec.voluntary}
    reach = in_reach(spec, facts)
    if reach is None:
        where = _names(spec.places, name_of)
        note = f"Where the business is based decides it (the law covers {where})."
        return LawVerdict(**base, verdict="unknown", reasons=[note], deciding_fact="places", in_reach=False)
    if not reach:
        return LawVerdict(**base, verdict="does_not_apply", reasons=[_out_of_reach(spec, name_of)], in_reach=False)
    if spec.voluntary:
        reason = "A voluntary framework, not a legal duty: used here as good practice."
        return LawVerdict(**base, verdict="does_not_apply", reasons=[reason])
    place = _in_reach_reason(spec, facts, name_of)
    base["by_market"] = place.startswith("Sells to")
    open_exemption = None
    for test in spec.exempt:
        result = holds(test, facts)
        if result:
            return LawVerdict(**base, verdict="does_not_apply", reasons=[f"Exempt: {_lower(why(test))}."])
        if result is None and test.get("if_unknown") == "unknown":  # an exemption most such businesses have
            open_exemption = open_exemption or missing_fact(test, facts)
    return _conditions(spec, facts, base, place, open_exemption)


def _conditions(
    spec: LawSpec, facts: Facts, base: dict[str, Any], place: str, unknown: str | None = None
) -> LawVerdict:
    reasons = [place]
    for test in spec.all:
        result = holds(test, facts)
        if result is False:
            return LawVerdict(**base, verdict="does_not_apply", reasons=[place, f"Not met: {_lower(why(test))}."])
        if result is None:
            unknown = unknown or missing_fact(test, facts)
        elif test.get("why"):
            reasons.append(f"{why(test)}.")
    if spec.any:
        results = [(holds(t, facts), t) for t in spec.any]
        met = [t for r, t in results if r]
        if met:
            return _decided(spec, base, [*reasons, f"{why(met[0])}."], unknown)
        if all(r is False for r, _ in results):
            tests = "; ".join(_lower(why(t)) for t in spec.any)
            return LawVerdict(**base, verdict="does_not_apply", reasons=[place, f"None of these holds: {tests}."])
        unknown = unknown or next(missing_fact(t, facts) for r, t in results if r is None)
    return _decided(spec, base, reasons, unknown)


def _decided(spec: LawSpec, base: dict[str, Any], reasons: list[str], unknown: str | None) -> LawVerdict:
    if unknown:
        note = spec.unknown_note or f"{unknown.replace('_', ' ')} is not known yet"
        return LawVerdict(**base, verdict="unknown", reasons=[reasons[0], f"To check: {note}."], deciding_fact=unknown)
    return LawVerdict(**base, verdict="applies", reasons=reasons)


def in_reach(spec: LawSpec, facts: Facts) -> bool | None:
    """Whether the business is where the law reaches (or, for market laws, sells there); None if unknown."""
    places, markets = set(facts.get("places") or ()), set(facts.get("markets") or ())
    if not spec.places:
        return True
    if _touches(spec.places, places) or (spec.reach == "market" and _touches(spec.places, markets, wide=True)):
        return True
    if not places and not markets:
        return None
    return False


def _touches(law_places: tuple[str, ...], codes: set[str], wide: bool = False) -> bool:
    """A code matches a law place; with wide, a whole country's market also covers its states ('US' ~ 'US-CA')."""
    return any(p in codes or (wide and p.split("-")[0] in codes and "-" in p) for p in law_places)


def _in_reach_reason(spec: LawSpec, facts: Facts, name_of: NameOf) -> str:
    if not spec.places:
        return "Applies wherever the business operates."
    here = [p for p in spec.places if p in set(facts.get("places") or ())]
    if here:
        members = (facts.get("group_members") or {}).get(here[0])
        return f"Based in {name_of(members[0])} ({name_of(here[0])})." if members else f"Based in {name_of(here[0])}."
    return f"Sells to or targets customers in {_names(spec.places, name_of)}."


def _out_of_reach(spec: LawSpec, name_of: NameOf) -> str:
    where = _names(spec.places, name_of)
    if spec.reach == "market":
        return f"Not based in {where} and does not target customers there."
    return f"Not based in {where}."


def _names(codes: Iterable[str], name_of: NameOf) -> str:
    names = [name_of(c) for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _lower(text: str) -> str:
    """A reason continued mid-sentence ('Not met: holds ...'), keeping acronyms ('HIPAA') as written."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]
