"""Reading amounts of money ("€15k", "10,000–15,000 EUR", "$25k", "£27,000", "2.5 million dollars")."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD"}
_WORDS = {
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "quid": "GBP",
    "cad": "CAD",
    "chf": "CHF",
    "francs": "CHF",
    "aud": "AUD",
    "sek": "SEK",
    "dkk": "DKK",
    "nok": "NOK",
    "pln": "PLN",
}
# A number starts only where a digit run starts and ends where it ends, so a long run of digits is tried once,
# not once per digit (the old pattern took seconds on a few thousand zeros).
_NUMBER = r"(?<![\d.,])(?<!\d\s)(?:\d{1,3}(?:[,.\s]\d{3})+(?:[.,]\d+)?|\d{1,12}(?:[.,]\d+)?)(?![\d])"
MAX_AMOUNT = 1e12  # larger figures are not sums a small business plans with (ids, typos, test input)
# Runs of more digits than any amount of money has are masked before reading (they are ids, not sums).
_TOO_LONG = re.compile(r"\d{16,}")
_SCALE = r"\s?(?:k|K|m|M|mn|bn|thousand|million|mio\.?|grand)\b"
_CUR_BEFORE = r"(?:us\$|c\$|ca\$|a\$|€|\$|£|\b(?:eur|usd|gbp|cad|chf|aud)\s?)"
_CUR_AFTER = r"\s?(?:€|\$|£|\b(?:eur|euros?|usd|dollars?|gbp|pounds?|quid|cad|chf|francs|aud|sek|dkk|nok|pln)\b)"
_AMOUNT = rf"(?P<cb>{_CUR_BEFORE})?(?P<n>{_NUMBER})(?P<s>{_SCALE})?(?P<ca>{_CUR_AFTER})?"
_RANGE = re.compile(
    rf"(?P<a>{_AMOUNT.replace('?P<', '?P<a_')})\s*(?:-|–|—|to|and)\s*(?P<b>{_AMOUNT.replace('?P<', '?P<b_')})",
    re.IGNORECASE,
)
_SINGLE = re.compile(_AMOUNT, re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    """A parsed amount: low == high for a single figure."""

    low: float
    high: float
    currency: str | None
    start: int
    end: int
    text: str


def find_amounts(text: str) -> list[Amount]:
    """Every amount of money with an explicit currency or scale, ranges as one amount, in text order."""
    text = _TOO_LONG.sub(lambda m: "#" * len(m.group(0)), text)  # same length: offsets stay true
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        a = _value(m, "a_")
        b = _value(m, "b_")
        currency = _currency(m, "a_") or _currency(m, "b_")
        if a is None or b is None or (currency is None and not (m.group("a_s") or m.group("b_s"))):
            continue
        scale_b = m.group("b_s")
        if scale_b and not m.group("a_s") and a < 1000:  # "10-15k" means 10k to 15k
            a *= _scale(scale_b)
        if max(a, b) <= MAX_AMOUNT:
            found.append(Amount(min(a, b), max(a, b), currency, m.start(), m.end(), m.group(0)))
            taken.append((m.start(), m.end()))
    for m in _SINGLE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        value, currency = _value(m, ""), _currency(m, "")
        if value is None or value > MAX_AMOUNT or (currency is None and not m.group("s")):
            continue
        found.append(Amount(value, value, currency, m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda x: x.start)


def _value(m: re.Match[str], prefix: str) -> float | None:
    raw = m.group(f"{prefix}n")
    if raw is None:
        return None
    number = _parse_number(raw)
    scale = m.group(f"{prefix}s")
    return number * _scale(scale) if scale else number


def _scale(word: str) -> float:
    w = word.strip().lower().rstrip(".")
    if w in ("k", "thousand", "grand"):
        return 1_000
    if w in ("m", "mn", "million", "mio"):
        return 1_000_000
    if w == "bn":
        return 1_000_000_000
    return 1


def _parse_number(raw: str) -> float:
    raw = raw.replace(" ", "")
    # "15.000" / "1.250.000" (German style thousands) vs "2.5"
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):
        return float(raw.replace(".", ""))
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw):
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d+,\d{1,2}", raw):
        return float(raw.replace(",", "."))
    return float(raw.replace(",", ""))


def _currency(m: re.Match[str], prefix: str) -> str | None:
    for group in (f"{prefix}cb", f"{prefix}ca"):
        token = (m.group(group) or "").strip().lower()
        if token:
            return _SYMBOLS.get(token) or _WORDS.get(token)
    return None
