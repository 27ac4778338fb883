"""Suggestions in the draft's own currency: a rule's canned example ("My final invoice of
$1,200 goes out on 31 May") is shown with the currency the draft itself uses ("€1,200" in a
draft that bills in euros), so the suggestion can be copied as it stands."""

from __future__ import annotations

import re
from collections import Counter

_SYMBOLS = "$€£¥₹₩₽₺₪₫₱"
_CODES = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
_OTHER_CODES = ("CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK", "SGD", "HKD")
# Every branch is anchored on a symbol or a code, or on the first digit of a number, so a
# long run of digits is read once (no quadratic rescans).
_IN_DRAFT = re.compile(
    rf"(?<![\w{_SYMBOLS}])(?:(?P<sym>[{_SYMBOLS}])\s?\d"
    rf"|(?P<code>{'|'.join((*_CODES, *_OTHER_CODES))})\s?\d)"
    rf"|(?<![\d.,])\d[\d.,]*\s?(?:(?P<after>[{_SYMBOLS}])|(?P<code_after>"
    rf"{'|'.join((*_CODES, *_OTHER_CODES))})(?!\w))"
)
_IN_SUGGESTION = re.compile(rf"[{_SYMBOLS}](?=\d)")


def currency_of(text: str) -> str | None:
    """The currency the draft writes most often: a symbol ("€") or a code ("CHF "), or None
    when it names no amount."""
    seen: Counter[str] = Counter()
    for match in _IN_DRAFT.finditer(text):
        symbol = match.group("sym") or match.group("after")
        code = match.group("code") or match.group("code_after")
        if symbol:
            seen[symbol] += 1
        elif code:
            seen[_CODES.get(code, code + " ")] += 1
    if not seen:
        return None
    return seen.most_common(1)[0][0]


def in_currency(suggestion: str | None, currency: str | None) -> str | None:
    """`suggestion` with its example amounts in `currency` (unchanged when None)."""
    if suggestion is None or currency is None:
        return suggestion
    return _IN_SUGGESTION.sub(currency, suggestion)
