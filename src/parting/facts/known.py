"""What the package computed from a case knows: every amount, every date, the balance and its
parts, the invoices, deliverables, people and options, as `Known`, the one thing the draft is
matched against (`parting.facts.match`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parting.plan import settlement as s6

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.plan.package import Package


@dataclass(frozen=True)
class Part:
    """One part of the balance, signed as it acts on it (a credit is negative), with how a
    sentence names it: "unbilled time on Site maintenance". `extra` parts are not in the
    balance (a waived late fee, the part of a deposit retained, a late fee for a whole month
    instead of by the day): a draft that counts one is explained by it."""

    label: str
    amount: Decimal
    extra: bool = False
    said: str = ""  # how a draft that makes this difference is told it ("it counts ...")


@dataclass(frozen=True)
class Deliverable:
    title: str
    done: bool
    status: str  # as the case gives it
    words: frozenset[str]  # the distinctive words of its title


@dataclass(frozen=True)
class Known:
    currency: str
    locale: str
    net: Decimal  # balance - refund: positive owed by the client, negative a refund
    parts: tuple[Part, ...]
    figures: dict[Decimal, str]  # the settlement's own figures, with what each is
    amounts: frozenset[Decimal]  # every amount the package knows, and sums of its parts
    balance_like: frozenset[Decimal]  # what a "balance"/"total due" may rightly be
    end: dt.date
    last_day: dt.date
    due: dt.date
    invoice_dues: frozenset[dt.date]
    dates: frozenset[dt.date]
    invoices: tuple[str, ...]
    final_invoice: str | None  # its number: the close names it as "final invoice NUMBER"
    taxed_balance: Decimal | None  # with VAT or GST: the total to pay, tax included
    deliverables: tuple[Deliverable, ...]
    people: frozenset[str]  # every word of every name the case gives (lower case)
    offered: frozenset[str]  # options.offer
    hours: frozenset[Decimal]

    def money(self, amount: Decimal) -> str:
        from parting.core.money import format_money

        return str(format_money(amount, self.currency, self.locale))


def _walk(value: Any, depth: int = 0) -> Iterator[Any]:
    """Every scalar inside dataclasses, tuples, lists and dicts (not into the case model)."""
    if depth > 8:
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name), depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _walk(item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(key, depth + 1)
            yield from _walk(item, depth + 1)
    elif getattr(type(value), "model_fields", None):  # a case record inside the plan
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), depth + 1)
    else:
        yield value


_STOP = frozenset(
    (
        "the", "a", "an", "and", "or", "of", "for", "to", "in", "on", "with", "from", "by",
        "at", "as", "its", "their", "our", "your", "my", "new", "first", "final", "page",
        "pages", "module", "work",
    )
)  # fmt: skip


def _words(title: str) -> frozenset[str]:
    return frozenset(
        w for w in re.findall(r"[a-z0-9]+", title.lower()) if len(w) > 2 and w not in _STOP
    )


def _parts(case: Case, pkg: Package) -> list[Part]:
    s = pkg.settlement
    parts: list[Part] = []
    time: dict[str, Decimal] = {}
    for line in s.lines_of(s6.TIME):
        key = line.title or ""
        time[key] = time.get(key, Decimal(0)) + line.amount
    for title, amount in time.items():
        parts.append(Part(f"unbilled time on {title}" if title else "unbilled time", amount))
    for line in s.lines:
        if line.kind == s6.FIXED_FEE:
            parts.append(Part(f"the fixed fee earned on {line.title}", line.amount))
        elif line.kind == s6.FIXED_FEE_ADVANCE:
            parts.append(Part(f"the credit for {line.title} invoiced in advance", line.amount))
        elif line.kind == s6.EXPENSE:
            parts.append(Part(f"the expense '{line.note}'", line.amount))
        elif line.kind == s6.KILL_FEE:
            parts.append(Part("the kill fee", line.amount))
        elif line.kind == s6.LATE_FEE:
            parts.append(Part(f"the late fee on invoice {line.ref}", line.amount))
            whole_month = case.round((line.base or Decimal(0)) * (line.share or Decimal(0)))
            months = max(1, round((line.days or 30) / 30))
            if whole_month * months != line.amount:
                by_month = whole_month * months
                parts.append(
                    Part(
                        f"the late fee on invoice {line.ref} by the month",
                        by_month - line.amount,
                        extra=True,
                        said=f"it counts the late fee on invoice {line.ref} by the month "
                        f"({{{by_month}}}) where the contract counts it by the day "
                        f"({line.days} days overdue: {{{line.amount}}})",
                    )
                )
        elif line.kind == s6.LATE_FEE_WAIVED:
            parts.append(Part(f"the waived late fee on invoice {line.ref}", line.amount, True))
        elif line.kind == s6.UNPAID_INVOICE:
            parts.append(Part(f"invoice {line.ref}", line.amount))
        elif line.kind == s6.DEPOSIT_CREDIT:
            parts.append(Part("the deposit", line.amount))
        elif line.kind == s6.PREPAID_CREDIT:
            parts.append(Part("the prepaid balance", line.amount))
        elif line.kind == s6.DEPOSIT_RETAINED:
            parts.append(Part("the retained part of the deposit", line.amount, True))
        elif line.kind == s6.RETAINER:
            parts.append(Part(f"the retainer for {line.ref}", line.amount))
        elif line.kind == s6.RETAINER_ADVANCE:
            parts.append(
                Part(f"the credit for the retainer of {line.ref} invoiced in advance", line.amount)
            )
        elif line.kind == s6.NOTICE_PAY:
            parts.append(Part("the pay in lieu of notice", line.amount))
        elif line.kind == s6.STATUTORY_INTEREST:
            parts.append(Part(f"the statutory interest on invoice {line.ref}", line.amount))
        elif line.kind == s6.STATUTORY_COMPENSATION:
            parts.append(Part(f"the fixed compensation on invoice {line.ref}", line.amount))
    if len(time) > 1:
        parts.append(Part("all the unbilled time", sum(time.values(), Decimal(0))))
    # the letter says each of these as one sum over its lines
    for kind, label in (
        (s6.RETAINER, "the retainer not yet invoiced"),
        (s6.RETAINER_ADVANCE, "the credit for the retainer invoiced in advance"),
        (s6.STATUTORY_INTEREST, "the statutory interest"),
        (s6.STATUTORY_COMPENSATION, "the fixed compensation for late payment"),
    ):
        lines = s.lines_of(kind)
        if len(lines) > 1:
            parts.append(Part(label, sum((x.amount for x in lines), Decimal(0))))
    return parts


def _sums(values: list[Decimal], most: int) -> set[Decimal]:
    """Sums of up to `most` of `values` (each value once)."""
    out: set[Decimal] = set()
    for size in range(1, min(most, len(values)) + 1):
        for combo in itertools.combinations(values, size):
            out.add(sum(combo, Decimal(0)))
    return out


def build(case: Case, pkg: Package) -> Known:
    s = pkg.settlement
    letter = pkg.letter
    currency = case.currency
    rounded: set[Decimal] = set()
    dates: set[dt.date] = set()
    hours: set[Decimal] = set()

    def add(value: Any) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, Decimal) and value.is_finite():
            rounded.add(abs(case.round(value)))
        elif isinstance(value, dt.date):
            dates.add(value)

    for value in _walk((s, letter, pkg.options, pkg.transition, pkg.status)):
        add(value)
    records: Iterable[Any] = (
        case.contract, case.engagement, *case.deliverables, *case.invoices, *case.expenses,
    )
    for record in records:
        for name in type(record).model_fields:
            add(getattr(record, name))
    for invoice in case.invoices:
        add(invoice.unpaid)
    rate = case.contract.hourly_rate or Decimal(0)
    for entry in case.time_entries:
        add(entry.date)
        hours.add(entry.hours)
        add(entry.hours * case.rate_of(entry))
    for d in case.deliverables:
        if d.estimate_hours is not None:
            hours.add(d.estimate_hours)
            add(d.estimate_hours * rate)
        if d.fee is not None:
            add(d.fee * d.completion)
            add(d.fee - case.round(d.fee * d.completion))
            add(d.fee - d.invoiced)
    # hours by deliverable, billable and not yet billed, at the rate
    by_deliverable: dict[str | None, Decimal] = {}
    for entry in case.time_entries:
        if entry.billable and not entry.billed:
            key = entry.deliverable
            by_deliverable[key] = by_deliverable.get(key, Decimal(0)) + entry.hours * (
                case.rate_of(entry)
            )
    for total in by_deliverable.values():
        add(total)
    add(sum(by_deliverable.values(), Decimal(0)))

    parts = _parts(case, pkg)
    own = [p.amount for p in parts if not p.extra]
    for total in _sums(own, 4 if len(own) <= 14 else 2):
        add(total)
    line_amounts = [line.amount for line in s.lines]
    if len(line_amounts) <= 16:
        for total in _sums(line_amounts, 3):
            add(total)

    # what a writer works out from two figures of the case: "€8,700.00 of that covered the
    # workshop" (an invoice less the prepaid credit left), "$1,400.00 paid of $2,400.00"
    primary = {abs(p.amount) for p in parts if not p.extra}
    primary.update(abs(x) for i in case.invoices for x in (i.amount, i.paid, i.unpaid))
    primary.update((case.contract.deposit, case.contract.prepaid_balance))
    primary.update(x for d in case.deliverables for x in (d.fee or Decimal(0), d.invoiced))
    primary.update(abs(x) for x in (s.final_invoice, s.credits, s.unpaid_invoices))
    primary.discard(Decimal(0))
    if len(primary) <= 60:
        for a, b in itertools.combinations(sorted(primary), 2):
            add(b - a)

    net = s.balance_due - s.refund_due
    figures: dict[Decimal, str] = {}
    for p in parts:
        if not p.extra:
            figures.setdefault(abs(p.amount), p.label)
    named = (
        (s.final_invoice, "the final invoice"),
        (s.final_invoice - s.credits, "the final invoice less the credits"),
        (s.unpaid_invoices, "the unpaid invoices"),
        (s.credits, "the credits"),
        (s.balance_due, "the balance due"),
        (s.refund_due, "the refund"),
    )
    for amount, label in named:
        if amount:
            figures[abs(amount)] = label
    balance_like = {
        abs(x)
        for x in (
            net, s.final_invoice, s.final_invoice - s.credits, s.unpaid_invoices,
            *(v for v in letter.option_net.values()),
            *(line.amount for line in s.lines_of(s6.UNPAID_INVOICE)),
        )
    }
    w = letter.with_plan
    if w is not None:
        # the account with the notice period's plan: its line, tax, final invoice, balance
        plan_figures = [w.added, w.final_invoice, w.net, w.final_invoice - s.credits]
        if w.tax is not None and letter.tax is not None:
            plan_figures += [w.tax, w.final_invoice - s.credits - letter.tax.advances_tax]
        rounded.update(abs(x) for x in plan_figures)
        balance_like.update(abs(x) for x in plan_figures[1:])
    inv = pkg.invoice
    if inv is not None and inv.tax and inv.kind != "none":
        # with VAT or GST the invoice (or credit note) and the total to pay (or refund) are
        # the taxed figures
        taxed = (
            inv.tax, inv.gross, inv.to_pay, inv.gross - s.credits, inv.to_refund,
            inv.gross - inv.advances,
        )
        rounded.update(abs(x) for x in taxed)
        # the advances as paid, with their tax (the letter credits both)
        rounded.update(abs(x) for x in (inv.advances, inv.advances_tax))
        balance_like.update(abs(x) for x in taxed[1:])
    if inv is not None:
        # invoice.md's own figures: each line's net, tax and gross, and its totals
        rounded.update(abs(x) for i in inv.lines for x in (i.net, i.tax, i.net + i.tax))
        rounded.update(abs(x) for x in (
            inv.net, inv.tax, inv.gross, inv.to_pay, inv.to_refund, inv.advances
        ))
    rounded.update(figures)
    balance_like.discard(Decimal(0))
    rounded.discard(Decimal(0))

    people: set[str] = set()
    names = [case.client.contact, case.provider.name, case.client.salutation or ""]
    names += [p.name for p in case.stakeholders]
    names += [r.name for r in case.referrals] + [r.contact or "" for r in case.referrals]
    names += [case.client.name, case.provider.business or ""]
    for name in names:
        people.update(w.lower().strip(".,") for w in re.split(r"[\s@()]+", name) if w)

    deliverables = tuple(
        Deliverable(d.title, d.delivered, d.status, _words(d.title)) for d in case.deliverables
    )
    return Known(
        currency=currency,
        locale=case.locale,
        net=net,
        parts=tuple(parts),
        figures=figures,
        amounts=frozenset(rounded),
        balance_like=frozenset(balance_like),
        end=case.end_date,
        last_day=pkg.options.window.last_day,
        due=s.due_date,
        invoice_dues=frozenset(i.due for i in case.invoices),
        dates=frozenset(dates),
        invoices=tuple(i.number for i in case.invoices),
        final_invoice=inv.number if inv is not None else None,
        taxed_balance=(
            (inv.to_pay or inv.to_refund) if inv is not None and inv.tax and inv.kind == "invoice"
            else None
        ),
        deliverables=deliverables,
        people=frozenset(people),
        offered=frozenset(case.options.offer),
        hours=frozenset(hours),
    )
