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


#: Rule 13's regimes, as a line names the law.
REGIMES: dict[str, str] = {
    "uk_late_payment": "Late Payment of Commercial Debts (Interest) Act 1998",
    "eu_late_payment": "Directive 2011/7/EU",
    "de_bgb288": "BGB § 288",
}


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
        if kind in ("retainer", "retainer_advance"):
            return self.retainer(line)
        if kind == "notice_pay":
            period = self.period(line)
            if line.rate is not None:
                unit = "business days" if line.basis == "business_days" else "days"
                return (
                    f"Pay in lieu of notice cut short: {period}, {line.days} {unit} × "
                    f"{m(line.rate)}"
                )
            return (
                f"Pay in lieu of notice cut short: {period}, the retainer of "
                f"{m(line.base or Decimal(0))} a month pro rata "
                f"({'business days' if line.basis == 'business_days' else 'calendar days'})"
            )
        if kind == "statutory_interest":
            rate_ = line.share or Decimal(0)
            reference = (line.reference_rate or Decimal(0)) / 100
            return (
                f"Statutory interest on invoice {line.ref}: {m(line.base or Decimal(0))} unpaid, "
                f"{line.days} days overdue at {self.percent(rate_)} a year "
                f"({REGIMES.get(line.regime or '', '')}: reference rate "
                f"{self.percent(reference)} + {((rate_ - reference) * 100).normalize():f} points, "
                "actual/365)"
            )
        if kind == "statutory_compensation":
            return (
                f"Fixed compensation for late payment of invoice {line.ref} "
                f"({REGIMES.get(line.regime or '', '')})"
            )
        return kind

    def period(self, line: Line) -> str:
        first, last = line.day, line.end
        if first is None or last is None:
            return ""
        return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"

    def retainer(self, line: Line) -> str:
        """"Retainer 2026-05-01 to 2026-05-15: 10 of 20 business days of £3,000.00 a month"."""
        fee = self.money(line.base or Decimal(0))
        unit = "business days" if line.basis == "business_days" else "days"
        part = (
            f"the whole month of {fee}" if line.days == line.of_days
            else f"{line.days} of {line.of_days} {unit} of {fee} a month"
        )
        if line.kind == "retainer":
            return f"Retainer {self.period(line)}: {part}"
        return (
            f"Retainer invoiced in advance for {self.period(line)}, after the end: {part}: "
            "credit"
        )

    def group(self, line: Line) -> str:
        """What a time line is billed for, to sum a long engagement by deliverable and rate."""
        work = line.title if line.title is not None else "Other hourly work"
        return f"{work} · {self.money(line.rate or Decimal(0))} an hour"
