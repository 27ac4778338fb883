"""Suggestions in the draft's own currency (issue 12, part 4)."""

from __future__ import annotations

import time

from parting.check.judge import judge
from parting.check.suggest import currency_of, in_currency


def _suggestion(text: str, code: str) -> str:
    found = [f for f in judge(text).findings if f.code == code]
    assert found, [f.code for f in judge(text).findings]
    assert found[0].suggestion is not None
    return found[0].suggestion


def test_a_euro_draft_gets_euro_suggestions() -> None:
    text = "Hi Ann, I am ending our work. We'll sort out payment later. The deposit was 500 €."
    suggestion = _suggestion(text, "P602")
    assert "€1,200" in suggestion and "$" not in suggestion


def test_a_draft_without_amounts_keeps_the_canned_example() -> None:
    suggestion = _suggestion("Hi Ann, I am ending our work. We'll sort out payment later.", "P602")
    assert "$1,200" in suggestion


def test_currency_of() -> None:
    assert currency_of("Invoice of £1,200 and £300 and $5") == "£"
    assert currency_of("Fees: CHF 900, due 1 May") == "CHF "
    assert currency_of("7.333,40 EUR are due") == "€"
    assert currency_of("No money here, 42 pages.") is None
    assert in_currency('"Invoice 14 (€600)"', "$") == '"Invoice 14 ($600)"'


def test_currency_of_is_linear() -> None:
    start = time.perf_counter()
    for text in ("1" * 200_000, "1." * 100_000, "$" * 200_000, "1 " * 100_000):
        currency_of(text)
    assert time.perf_counter() - start < 5
