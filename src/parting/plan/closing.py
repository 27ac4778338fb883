"""The second stage of a parting (issue 13, part 4): at the end, when the final figures are
known, what `parting close` reports. The notice (`parting plan`) gives the settlement as an
estimate as of its own date; the close gives the final invoice, a short closing letter and the
closure checklist with what is still open.

What is done comes from the case: an asset with `done: DATE` was handed over (or its access
revoked, its copies deleted) on that day; one without it is still open. What waits for the
payment (`release: on_payment`, the copyright assignment) is open until it is paid. The
estimate the notice gave, when it is passed in (its settlement.json), is compared kind by kind
with the final figures so that the closing letter can say what changed and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parting.plan import settlement as s6

if TYPE_CHECKING:
    from parting.case.model import Asset
    from parting.plan.package import Package
    from parting.plan.settlement import Settlement
    from parting.plan.transition import Check

#: How the settlement's line kinds are compared with the estimate: each group is one figure.
GROUPS: tuple[tuple[str, frozenset[str]], ...] = (
    ("time", frozenset({s6.TIME})),
    ("retainer", frozenset({s6.RETAINER, s6.RETAINER_ADVANCE})),
    ("fixed_fees", frozenset({s6.FIXED_FEE, s6.FIXED_FEE_ADVANCE})),
    ("expenses", frozenset({s6.EXPENSE})),
    ("kill_fee", frozenset({s6.KILL_FEE})),
    ("notice_pay", frozenset({s6.NOTICE_PAY})),
    ("late_fees", frozenset({s6.LATE_FEE})),
    ("statutory_interest", frozenset({s6.STATUTORY_INTEREST, s6.STATUTORY_COMPENSATION})),
    ("unpaid_invoices", frozenset({s6.UNPAID_INVOICE})),
    ("credits", frozenset({s6.DEPOSIT_CREDIT, s6.PREPAID_CREDIT})),
)
_GROUP_OF = {kind: name for name, kinds in GROUPS for kind in kinds}


@dataclass(frozen=True)
class Figures:
    """A settlement reduced to what the comparison needs: the total of each group, the hours
    of time, and the balance (positive: the client pays; negative: a refund)."""

    totals: dict[str, Decimal]
    hours: Decimal
    balance: Decimal


@dataclass(frozen=True)
class Estimate:
    """The estimate the notice gave (its settlement.json), as `parting close` reads it."""

    on: date | None  # the notice letter's date, when the file says it
    figures: Figures


@dataclass(frozen=True)
class Change:
    """One group whose final figure differs from the estimate."""

    group: str  # a name of GROUPS
    estimate: Decimal
    final: Decimal
    hours: tuple[Decimal, Decimal] | None = None  # time: estimated and final hours


@dataclass(frozen=True)
class Handed:
    """One asset at the close: when it was done, or when the plan still has it."""

    asset: Asset
    done: date | None
    planned: date | None  # its step's date in the transition plan
    on_payment: bool


@dataclass(frozen=True)
class Closing:
    date: dt.date  # the closing letter's: the day the final invoice is sent (W)
    settlement: Settlement
    handed: tuple[Handed, ...]
    checklist: tuple[tuple[Check, bool], ...]  # each item with whether it is done
    estimate: Estimate | None
    changes: tuple[Change, ...]
    ip_assignment: dt.date | None  # the copyright assignment, on payment, if the contract has one

    @property
    def open(self) -> tuple[Handed, ...]:
        return tuple(h for h in self.handed if h.done is None)

    @property
    def balance(self) -> Decimal:
        return self.settlement.balance_due - self.settlement.refund_due

    def to_json(self) -> dict[str, Any]:
        def m(amount: Decimal) -> str:
            return format(amount, "f")

        def h(hours: Decimal) -> str:
            return format(hours.normalize(), "f")

        return {
            "date": self.date.isoformat(),
            "handed": [
                {
                    "asset": h.asset.name,
                    "action": h.asset.action,
                    "done": h.done.isoformat() if h.done else None,
                    "planned": h.planned.isoformat() if h.planned else None,
                    "on_payment": h.on_payment,
                }
                for h in self.handed
            ],
            "estimate": None if self.estimate is None else {
                "on": self.estimate.on.isoformat() if self.estimate.on else None,
                "balance": m(self.estimate.figures.balance),
            },
            "changes": [
                {"group": c.group, "estimate": m(c.estimate), "final": m(c.final)}
                | ({"hours": [h(c.hours[0]), h(c.hours[1])]} if c.hours else {})
                for c in self.changes
            ],
            "balance": m(self.balance),
            "open": [h.asset.name for h in self.open],
        }


def _figures(
    lines: Iterable[tuple[str, Decimal, Decimal | None]], balance: Decimal
) -> Figures:
    """Figures from (kind, amount, hours) of each settlement line: the settlement's own, or
    those of an estimate's settlement.json."""
    totals = dict.fromkeys((name for name, _ in GROUPS), Decimal(0))
    hours = Decimal(0)
    for kind, amount, line_hours in lines:
        totals[_GROUP_OF[kind]] += amount
        if kind == s6.TIME and line_hours is not None:
            hours += line_hours
    return Figures(totals, hours, balance)


def figures(settlement: Settlement) -> Figures:
    return _figures(
        ((x.kind, x.amount, x.hours) for x in settlement.lines if x.kind in _GROUP_OF),
        settlement.balance_due - settlement.refund_due,
    )


def changes(estimate: Figures, final: Figures) -> tuple[Change, ...]:
    out = []
    for name, _ in GROUPS:
        before, after = estimate.totals.get(name, Decimal(0)), final.totals[name]
        hours = (estimate.hours, final.hours) if name == "time" else None
        if before != after or (hours is not None and hours[0] != hours[1]):
            out.append(Change(name, before, after, hours))
    return tuple(out)


def _done(check: Check, handed: dict[str, Handed]) -> bool:
    """Whether a closure-checklist item is done at the close. The notice went out and the
    stakeholders were told during the notice period; the final invoice goes with the closing
    letter; payment and filing come after it; an asset's items are done with the asset."""
    asset = check.args.get("asset")
    if asset is not None:
        return handed[asset.name].done is not None
    if check.code.startswith("notice") or check.code in ("stakeholders", "invoice_sent"):
        return True
    if check.code == "nothing_left":
        return all(h.done is not None for h in handed.values())
    return False


def build(pkg: Package, estimate: Estimate | None = None) -> Closing:
    case, plan = pkg.case, pkg.transition
    planned: dict[str, date] = {}
    for step in plan.steps:
        if step.asset is not None:
            planned[step.asset] = max(planned.get(step.asset, step.date), step.date)
    handed = {
        a.name: Handed(a, a.done, planned.get(a.name), a.on_payment) for a in case.assets
    }
    checklist = tuple((c, _done(c, handed)) for c in plan.checklist)
    ip = plan.of_kind("ip_assignment")
    final = figures(pkg.settlement)
    return Closing(
        date=plan.dates.last_day,
        settlement=pkg.settlement,
        handed=tuple(handed.values()),
        checklist=checklist,
        estimate=estimate,
        changes=changes(estimate.figures, final) if estimate is not None else (),
        ip_assignment=ip[0].date if ip else None,
    )


def read_estimate(data: Any) -> Estimate:
    """The estimate from a notice package's settlement.json (or package.json) object; raises
    ValueError with what is wrong."""
    if isinstance(data, dict) and isinstance(data.get("settlement"), dict):
        data = data["settlement"]
    if not isinstance(data, dict) or not isinstance(data.get("lines"), list):
        raise ValueError("expected a settlement.json object with its \"lines\"")
    lines: list[tuple[str, Decimal, Decimal | None]] = []
    where = "the totals"
    try:
        for i, line in enumerate(data["lines"]):
            where = f"line {i + 1}"
            kind = str(line.get("kind"))
            if kind not in _GROUP_OF:
                continue
            hours = line.get("hours")
            lines.append((
                kind, Decimal(str(line["amount"])),
                Decimal(str(hours)) if hours is not None else None,
            ))
        where = "the totals"
        balance = Decimal(str(data["balance_due"])) - Decimal(str(data["refund_due"]))
        on = data.get("estimate_as_of")
        day = date.fromisoformat(on) if isinstance(on, str) else None
    except (KeyError, TypeError, AttributeError, ArithmeticError) as exc:
        raise ValueError(f"{where}: {exc!s} is missing or not a number") from None
    return Estimate(day, _figures(lines, balance))
