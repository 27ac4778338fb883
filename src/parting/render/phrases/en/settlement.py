"""English: the description of each settlement line (settlement.json, settlement.md, the HTML
and PDF), for the client's bookkeeper: dates ISO, figures in the letter's locale.

A long engagement has tens of thousands of time lines sharing a handful of rates and hour
counts, so numbers and amounts are formatted once each and memoised.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from parting.core import money

if TYPE_CHECKING:
    from parting.plan.settlement import Line


class Describe:
    def __init__(self, currency: str, locale: str) -> None:
        self.currency = currency
        self.locale = locale
        self._number: dict[Decimal, str] = {}

    def money(self, amount: Decimal) -> str:
        return money.format_money(amount, self.currency, self.locale)  # memoised there

    def number(self, value: Decimal) -> str:
        text = self._number.get(value)
        if text is None:
            from babel.numbers import format_decimal

            text = str(format_decimal(value, locale=self.locale, decimal_quantization=False))
            self._number[value] = text
        return text

    def percent(self, share: Decimal) -> str:
        from babel.numbers import format_percent

        return str(format_percent(share, locale=self.locale, decimal_quantization=False))

    def __call__(self, line: Line) -> str:
        m = self.money
        kind = line.kind
        if kind == "time":
            parts = [line.ref]
            if line.title is not None:
                parts.append(line.title)
            if line.note is not None:
                parts.append(line.note)
            hours = self.number(line.hours or Decimal(0))
            parts.append(f"{hours} h × {m(line.rate or Decimal(0))}")
            return " · ".join(parts)
        if kind in ("fixed_fee", "fixed_fee_advance"):
            share = f"{self.percent(line.share or Decimal(0))} of {m(line.base or Decimal(0))}"
            earned = m(line.earned or Decimal(0))
            invoiced = m(line.invoiced or Decimal(0))
            if kind == "fixed_fee":
                return f"{line.title}: {share} earned ({earned}), {invoiced} invoiced"
            return (
                f"{line.title}: {invoiced} invoiced in advance, {share} earned ({earned}): "
                "credit"
            )
        if kind == "expense":
            return f"{line.day.isoformat() if line.day else ''} · {line.note}"
        if kind == "kill_fee":
            return (
                f"Kill fee: {self.percent(line.share or Decimal(0))} of the unearned fixed fees "
                f"({m(line.base or Decimal(0))})"
            )
        if kind in ("late_fee", "late_fee_waived"):
            text = (
                f"Late fee on invoice {line.ref}: {m(line.base or Decimal(0))} unpaid, "
                f"{line.days} days overdue at {self.percent(line.share or Decimal(0))} per month"
            )
            return text + (" (waived)" if kind == "late_fee_waived" else "")
        if kind == "unpaid_invoice":
            text = f"Invoice {line.ref} of {m(line.invoiced or Decimal(0))}"
            if line.paid:
                text += f", {m(line.paid)} paid"
            return text + f", due {line.day.isoformat() if line.day else ''}"
        if kind == "deposit_credit":
            return "Deposit, applied to what is owed"
        if kind == "deposit_retained":
            return (
                "Deposit retained: not refundable beyond what is owed "
                f"({m(line.amount)} of {m(line.whole or Decimal(0))})"
            )
        if kind == "prepaid_credit":
            return "Prepaid balance not yet earned, credited back"
        return kind

    def group(self, line: Line) -> str:
        """What a time line is billed for, to sum a long engagement by deliverable and rate."""
        work = line.title if line.title is not None else "Other hourly work"
        return f"{work} · {self.money(line.rate or Decimal(0))} an hour"
