"""Step 1, status: where the project stands, from the case's own records.

Percent complete overall is weighted by fee; a deliverable billed hourly weighs its hours
(logged plus the remaining estimate) at the contract's hourly rate, so fixed-fee and hourly
work are measured in the same unit, money. With no fee and no rate, each deliverable weighs
the same.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from parting.case.model import Case, Deliverable
from parting.core import money
from parting.core.fmt import format_number, json_number


@dataclass(frozen=True)
class Item:
    deliverable: Deliverable
    percent_complete: Decimal
    hours_logged: Decimal
    earned: Decimal
    weight: Decimal
    overdue: bool

    @property
    def met(self) -> bool:
        return self.deliverable.delivered


@dataclass(frozen=True)
class Status:
    items: tuple[Item, ...]
    percent_complete: Decimal
    basis: str
    hours_logged: Decimal
    earned: Decimal
    as_of: date
    currency: str

    @property
    def met(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.met)

    @property
    def outstanding(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if not i.met)

    @property
    def outstanding_hours(self) -> Decimal:
        return sum((i.deliverable.estimate_hours or Decimal(0) for i in self.outstanding),
                   Decimal(0))

    def to_json(self) -> dict[str, Any]:
        def item(i: Item) -> dict[str, Any]:
            d = i.deliverable
            return {
                "id": d.id,
                "title": d.title,
                "status": d.status,
                "percent_complete": json_number(i.percent_complete),
                "hours_logged": json_number(i.hours_logged),
                "earned": money.to_json(i.earned, self.currency),
                "fee": None if d.fee is None else money.to_json(d.fee, self.currency),
                "estimate_hours": (
                    None if d.estimate_hours is None else json_number(d.estimate_hours)
                ),
                "due": None if d.due is None else d.due.isoformat(),
                "overdue": i.overdue,
            }

        return {
            "as_of": self.as_of.isoformat(),
            "deliverables": [item(i) for i in self.items],
            "percent_complete": json_number(self.percent_complete),
            "weighted_by": self.basis,
            "met": [i.deliverable.id for i in self.met],
            "outstanding": [i.deliverable.id for i in self.outstanding],
            "hours_logged": json_number(self.hours_logged),
            "earned": money.to_json(self.earned, self.currency),
        }



def build(case: Case) -> Status:
    hours: dict[str, Decimal] = defaultdict(Decimal)
    billable_money: dict[str, Decimal] = defaultdict(Decimal)
    for t in case.time_entries:
        if t.deliverable is None:
            continue
        hours[t.deliverable] += t.hours
        if t.billable:
            billable_money[t.deliverable] += case.round(t.hours * case.rate_of(t))

    rate = case.contract.hourly_rate
    items: list[Item] = []
    for d in case.deliverables:
        c = d.completion
        logged = hours[d.id]
        if d.fee is not None:
            earned = case.round(d.fee * c)
            weight = d.fee
        else:
            earned = billable_money[d.id]
            remaining = Decimal(0) if d.delivered else (d.estimate_hours or Decimal(0))
            size = logged + remaining
            weight = size * rate if rate is not None else Decimal(0)
            if d.status == "in_progress" and d.percent_complete is None and size:
                # Hourly work in progress: done is what is logged, of logged + remaining.
                c = (logged / size).quantize(Decimal("0.001"))
        overdue = d.due is not None and d.due < case.as_of and not d.delivered
        items.append(Item(d, c * 100, logged, earned, weight, overdue))

    total = sum((i.weight for i in items), Decimal(0))
    if items and total > 0:
        basis = "fee" if all(i.deliverable.fee is not None for i in items) else "fee_and_hours"
        done = sum((i.weight * i.percent_complete for i in items), Decimal(0))
        percent = (done / total).quantize(Decimal("0.1"))
    elif items:
        basis = "count"
        percent = (sum((i.percent_complete for i in items), Decimal(0)) / len(items)).quantize(
            Decimal("0.1")
        )
    else:
        basis, percent = "count", Decimal(0)
    return Status(
        items=tuple(items),
        percent_complete=percent,
        basis=basis,
        hours_logged=sum((t.hours for t in case.time_entries), Decimal(0)),
        earned=sum((i.earned for i in items), Decimal(0)),
        as_of=case.as_of,
        currency=case.currency,
    )


def summary(status: Status, case: Case) -> str:
    """Two or three sentences for the letter: what is met, what is outstanding."""
    def titles(items: tuple[Item, ...], limit: int = 4) -> str:
        names = [i.deliverable.title for i in items[:limit]]
        more = len(items) - len(names)
        if more:
            names.append(f"{more} more")
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + " and " + names[-1]

    def pct(value: Decimal) -> str:
        return format_number(value.normalize(), case.locale)

    met, out = status.met, status.outstanding
    parts: list[str] = []
    if met:
        verb = "is" if len(met) == 1 else "are"
        parts.append(f"{titles(met)} {verb} delivered")
    if not parts and not out:
        return "No deliverables are recorded for this engagement."
    sentence = f"The project is {pct(status.percent_complete)}% complete"
    sentence += f": {parts[0]}." if parts else "."
    sentences = [sentence]
    if out:
        in_progress = [i for i in out if i.deliverable.status == "in_progress"]
        pending = [
            f"{i.deliverable.title} ({pct(i.percent_complete)}% done)"
            for i in in_progress
        ]
        rest = tuple(i for i in out if i.deliverable.status != "in_progress")
        clauses: list[str] = []
        if pending:
            clauses.append(", ".join(pending) + (" is" if len(pending) == 1 else " are")
                           + " in progress")
        if rest:
            clauses.append(titles(rest) + (" is" if len(rest) == 1 else " are") + " not started")
        sentences.append("Still outstanding: " + "; ".join(clauses) + ".")
    return " ".join(sentences)
