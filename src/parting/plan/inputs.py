"""Inputs that change what the client is billed without looking wrong: each one is a warning
with its key path (the face adds file:line), saying what it does to the money.

They are warnings, not errors: each can be right (a weekend of work, a fee agreed for work
already done), but the user should have seen it before the letter goes out.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from parting.case.model import Case

#: More than this many hours logged on one day is more likely a typing slip than a long day.
DAY_HOURS_MAX = Decimal(16)
#: Pace settings outside these bounds make dates nobody would plan by.
PACE_MIN = Decimal(1)
PACE_MAX = Decimal(80)


def warnings(case: Case) -> Iterator[tuple[str, str]]:
    """(key path, message) for every such input."""
    yield from _dates(case)
    yield from _time(case)
    yield from _records(case)
    yield from _pace(case)


def _dates(case: Case) -> Iterator[tuple[str, str]]:
    e, c = case.engagement, case.contract
    if e.as_of is not None and e.as_of < e.notice_given:
        yield "engagement.as_of", (
            f"as_of {e.as_of} is before the notice of {e.notice_given}: the settlement leaves "
            "out everything after it"
        )
    # (an end agreed by both sides may be as early as they like)
    if c.notice_days is not None and e.end_date is not None and e.terminated_by != "mutual":
        given = (e.end_date - e.notice_given).days
        if given < c.notice_days and not c.notice_in_business_days:
            paid = c.notice_pay and e.terminated_by == "client"
            yield "engagement.end_date", (
                f"{given} days of notice where the contract asks for {c.notice_days}: "
                + (
                    "the days cut short are paid in lieu (contract.notice_pay, settlement "
                    "rule 12)" if paid
                    else "check the end date (the letter and the money run to it)"
                )
            )
    first, last = e.started, case.as_of
    dated = [("time_entries", i, t.date, not t.billed) for i, t in enumerate(case.time_entries)]
    dated += [("expenses", i, x.date, True) for i, x in enumerate(case.expenses)]
    for i, inv in enumerate(case.invoices):
        if inv.issued is not None and first is not None and inv.issued < first:
            yield f"invoices[{i}].issued", (
                f"{inv.issued} is before the engagement started ({first}): its unpaid part is "
                "counted all the same"
            )
    for name, i, day, unbilled in dated:
        if day > last and unbilled:
            yield f"{name}[{i}].date", (
                f"{day} is after {last}, the date the account is made up to: billed all the same"
            )
        elif first is not None and day < first:
            yield f"{name}[{i}].date", (
                f"{day} is before the engagement started ({first}): billed all the same"
            )


def _time(case: Case) -> Iterator[tuple[str, str]]:
    by_id = {d.id: d for d in case.deliverables}
    per_day: dict[object, Decimal] = {}
    first_of_day: dict[object, int] = {}
    seen: dict[tuple[object, ...], int] = {}
    for i, t in enumerate(case.time_entries):
        per_day[t.date] = per_day.get(t.date, Decimal(0)) + t.hours
        first_of_day.setdefault(t.date, i)
        d = by_id.get(t.deliverable) if t.deliverable else None
        if d is not None and d.status == "not_started" and t.billable and not t.billed:
            yield f"time_entries[{i}].deliverable", (
                f"{t.hours} h on {d.id!r}, which is not started: billed all the same; is its "
                "status right?"
            )
        key = (t.date, t.hours, t.deliverable, t.rate, t.description, t.billed)
        if key in seen and t.billable and not t.billed:
            yield f"time_entries[{i}]", (
                f"the same as time_entries[{seen[key]}] (date, hours, deliverable, "
                "description): billed twice if it is a copy"
            )
        seen.setdefault(key, i)
    for day, hours in per_day.items():
        if hours > DAY_HOURS_MAX:
            yield f"time_entries[{first_of_day[day]}].hours", (
                f"{hours} h logged on {day}: more than {DAY_HOURS_MAX} h in one day; all "
                "of it is billed"
            )


def _records(case: Case) -> Iterator[tuple[str, str]]:
    numbers: dict[str, int] = {}
    for i, inv in enumerate(case.invoices):
        if inv.number in numbers:
            yield f"invoices[{i}].number", (
                f"invoice {inv.number!r} is listed twice (invoices[{numbers[inv.number]}]): its "
                "unpaid part is counted twice"
            )
        numbers.setdefault(inv.number, i)
    by_id = {d.id: d for d in case.deliverables}
    for i, d in enumerate(case.deliverables):
        if not d.delivered:
            continue
        for need in d.depends_on:
            other = by_id.get(need)
            if other is not None and not other.delivered:
                yield f"deliverables[{i}].status", (
                    f"{d.id!r} is {d.status} but depends on {need!r}, which is "
                    f"{other.status.replace('_', ' ')}: is one of the two statuses wrong?"
                )


def _pace(case: Case) -> Iterator[tuple[str, str]]:
    o = case.options
    for key, pace in (
        ("options.hours_per_week", o.hours_per_week),
        ("options.timeline_hours_per_week", o.timeline_hours_per_week),
    ):
        if pace is not None and pace > 0 and not PACE_MIN <= pace <= PACE_MAX:
            yield key, (
                f"{pace} hours a week is outside {PACE_MIN}-{PACE_MAX}: the dates the options "
                "give follow from it"
            )
