"""Exact money: ISO 4217 minor units, half-up rounding, locale formatting.

Every amount is a `Decimal`; a float never enters. Babel is imported on first use because it
is slow to import and `parting --help` must start fast.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache
from typing import Any


@cache
def is_currency(code: str) -> bool:
    from babel.numbers import list_currencies

    return code in list_currencies()


@cache
def digits(currency: str) -> int:
    """Minor-unit digits of an ISO 4217 currency: 2 for USD and EUR, 0 for JPY, 3 for KWD."""
    from babel.numbers import get_currency_precision

    return int(get_currency_precision(currency))


@cache
def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-digits(currency))


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's minor unit (settlement.md: each line before summing)."""
    return amount.quantize(_quantum(currency), rounding=ROUND_HALF_UP)


def to_json(amount: Decimal, currency: str) -> str:
    """The exact decimal as a string with exactly the currency's digits: "1782.50", "4500"."""
    return str(quantize(amount, currency) + 0)  # + 0 turns -0.00 into 0.00


@cache
def _pattern(locale: str) -> tuple[Any, Any]:
    from babel import Locale

    parsed = Locale.parse(locale)
    return parsed, parsed.currency_formats["standard"]


@lru_cache(maxsize=65536)
def format_money(amount: Decimal, currency: str, locale: str) -> str:
    """`$1,782.50` for en_US, `7.440,60 €` for de_DE, `￥4,500` for ja_JP.

    Babel's own pattern for the locale, parsed once, and each result memoised: a package can
    format 50,000 lines sharing a few rates and amounts, in every document.
    Babel uses no-break spaces; they are kept, so "€" never wraps away from its figure."""
    parsed, pattern = _pattern(locale)
    text: str = pattern.apply(
        quantize(amount, currency) + 0, parsed, currency=currency, currency_digits=True
    )
    return text
