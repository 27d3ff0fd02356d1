"""The dated exchange-rate table (knowledge/lexicon/exchange_rates.yaml) that turns catalogue estimates, kept in
EUR, into the owner's currency."""

from __future__ import annotations

from functools import lru_cache

from agent.profile.lexicon import load_yaml
from agent.schemas import RateTable

CATALOGUE_CURRENCY = "EUR"


@lru_cache(maxsize=1)
def _table() -> dict:
    return dict(load_yaml("exchange_rates"))


def per_eur(currency: str) -> float:
    """Units of a currency per EUR (1.0 for a currency the table lacks: amounts then stay EUR figures)."""
    return float(_table()["per_base"].get(currency, 1.0))


def known(currency: str) -> bool:
    """Whether the table holds a rate for this currency."""
    return currency in _table()["per_base"]


def convert(amount_eur: float, currency: str) -> float:
    """A EUR estimate in the target currency."""
    return amount_eur * per_eur(currency)


def to_currency(amount: float, source: str, target: str) -> float:
    """An amount in one currency in another, through EUR."""
    return amount / per_eur(source) * per_eur(target)


def rate_table(currency: str) -> RateTable | None:
    """The rate used for a budget in this currency, with its date and source; None when no conversion is needed."""
    if currency == CATALOGUE_CURRENCY:
        return None
    table = _table()
    return RateTable(
        from_currency=CATALOGUE_CURRENCY,
        rate=per_eur(currency),
        as_of=str(table["as_of"]),
        source=str(table["source"]) if known(currency) else f"no rate held for {currency}; figures are EUR amounts",
    )
