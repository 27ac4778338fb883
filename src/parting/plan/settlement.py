"""Step 6: the settlement, what each side owes at the end (shared/spec/settlement.md).

Every figure is a `Decimal`. Each line is rounded half-up to the currency's minor unit before
it is summed, and every total is the sum of its lines, so the document always adds up.

Zero lines are left out, uniformly: a deliverable whose earned fee equals what was invoiced,
a time entry at rate 0, a late fee of 0, a deposit of 0 produce no line. They change no total.

One pass over each record list: 50,000 time entries settle in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any

from parting.core import money

if TYPE_CHECKING:
    from parting.case.model import Case

# The line kinds of the spec, in the order the lines are listed.
TIME = "time"
FIXED_FEE = "fixed_fee"
FIXED_FEE_ADVANCE = "fixed_fee_advance"
EXPENSE = "expense"
KILL_FEE = "kill_fee"
LATE_FEE = "late_fee"
LATE_FEE_WAIVED = "late_fee_waived"
UNPAID_INVOICE = "unpaid_invoice"
DEPOSIT_CREDIT = "deposit_credit"
PREPAID_CREDIT = "prepaid_credit"
DEPOSIT_RETAINED = "deposit_retained"
KINDS: tuple[str, ...] = (
    TIME,
    FIXED_FEE,
    FIXED_FEE_ADVANCE,
    EXPENSE,
    KILL_FEE,
    LATE_FEE,
    LATE_FEE_WAIVED,
    UNPAID_INVOICE,
    DEPOSIT_CREDIT,
    PREPAID_CREDIT,
    DEPOSIT_RETAINED,
)
# Rule 7: the kinds that make up the final invoice F (waived late fees are not among them).
FINAL_INVOICE_KINDS = frozenset({TIME, FIXED_FEE, FIXED_FEE_ADVANCE, EXPENSE, KILL_FEE, LATE_FEE})
CREDIT_KINDS = frozenset({DEPOSIT_CREDIT, PREPAID_CREDIT})

# Headroom over the default 28 digits: products such as fee x percent/100 x days/30 stay exact
# (or far below the minor unit) before the one rounding per line.
_PRECISION = 60


@dataclass(frozen=True)
class Line:
    """One line of the settlement: its amount and the facts it rests on. Its description is
    the phrase module's (`parting.render.phrases.<language>.settlement`), never made here."""

    kind: str  # one of KINDS
    amount: Decimal  # rounded to the currency's minor unit; credits are negative
    ref: str = ""  # the record it comes from: invoice number, deliverable id, entry date
    hours: Decimal | None = None  # time: the hours billed
    rate: Decimal | None = None  # time: the hourly rate
    deliverable: str | None = None  # time: the deliverable's id, if any
    title: str | None = None  # time, fixed fees: the deliverable's title
    note: str | None = None  # time, expense: the case's own description
    day: date | None = None  # time, expense: its date; unpaid invoice: its due date
    share: Decimal | None = None  # fixed fee: the share earned, 0..1; kill, late fee: the rate
    base: Decimal | None = None  # fixed fee: the fee; kill fee: unearned; late fee: unpaid
    earned: Decimal | None = None  # fixed fee: earned (unrounded)
    invoiced: Decimal | None = None  # fixed fee: invoiced; invoice: its amount
    paid: Decimal | None = None  # unpaid invoice: what was paid
    days: int | None = None  # late fee: days overdue
    whole: Decimal | None = None  # deposit retained: the whole deposit


@dataclass(frozen=True)
class Settlement:
    currency: str
    locale: str  # where its figures are written (the letter's locale)
    as_of: date
    end_date: date
    due_date: date
    lines: tuple[Line, ...]
    unbilled_time: Decimal
    fixed_fees: Decimal
    expenses: Decimal
    kill_fee: Decimal
    late_fees_charged: Decimal
    late_fees_waived: Decimal
    final_invoice: Decimal
    unpaid_invoices: Decimal
    credits: Decimal  # positive: the sum of the (negative) credit lines, sign turned
    balance_due: Decimal
    refund_due: Decimal
    deposit_retained: Decimal  # rule 9: the part of a non-refundable deposit not applied
    covered_hours: Decimal = Decimal(0)  # rule 2: billable hours a fixed fee covers (not billed)

    def lines_of(self, *kinds: str) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.kind in kinds)

    def to_json(self, describe: Callable[[Line], str]) -> dict[str, Any]:
        """The settlement.json object, keys in the order of the spec; `describe` says each
        line in the letter's language (`parting.render.settlement.describer`)."""

        def m(amount: Decimal) -> str:
            return money.to_json(amount, self.currency)

        return {
            "currency": self.currency,
            "as_of": self.as_of.isoformat(),
            "end_date": self.end_date.isoformat(),
            "lines": [
                {"kind": line.kind, "description": describe(line), "amount": m(line.amount)}
                for line in self.lines
            ],
            "unbilled_time": m(self.unbilled_time),
            "fixed_fees": m(self.fixed_fees),
            "expenses": m(self.expenses),
            "kill_fee": m(self.kill_fee),
            "late_fees_charged": m(self.late_fees_charged),
            "late_fees_waived": m(self.late_fees_waived),
            "final_invoice": m(self.final_invoice),
            "unpaid_invoices": m(self.unpaid_invoices),
            "credits": m(self.credits),
            "balance_due": m(self.balance_due),
            "refund_due": m(self.refund_due),
            "due_date": self.due_date.isoformat(),
        }


# --- the rules ---------------------------------------------------------------------------


def _covered_hours(case: Case) -> Decimal:
    """Rule 2's exception, counted so the settlement can say it: billable, unbilled hours on
    deliverables with a fixed fee, which the fee pays for."""
    deliverables = case.deliverables_by_id
    return sum(
        (
            t.hours
            for t in case.time_entries
            if t.billable and not t.billed and t.deliverable
            and (d := deliverables.get(t.deliverable)) is not None and d.fee is not None
        ),
        Decimal(0),
    )


def _time(case: Case) -> Iterator[Line]:
    """Rule 2: billable, unbilled entries, except work covered by a fixed fee."""
    deliverables = case.deliverables_by_id
    for entry in case.time_entries:
        if not entry.billable or entry.billed:
            continue
        deliverable = deliverables.get(entry.deliverable) if entry.deliverable else None
        if deliverable is not None and deliverable.fee is not None:
            continue
        rate = case.rate_of(entry)
        amount = case.round(entry.hours * rate)
        if not amount:
            continue
        yield Line(
            TIME,
            amount,
            entry.date.isoformat(),
            hours=entry.hours,
            rate=rate,
            deliverable=entry.deliverable,
            title=deliverable.title if deliverable is not None else None,
            note=entry.description,
            day=entry.date,
        )


def _fixed_fees(case: Case) -> Iterator[Line]:
    """Rule 3: earned minus invoiced, per fixed-fee deliverable."""
    for d in case.deliverables:
        if d.fee is None:
            continue
        c = d.completion
        earned = d.fee * c
        # The earned part is rounded as it is printed ("50% of $999.99 earned ($500.00)"), so
        # the line is exactly its printed parts: 500.00 - 999.99 = -499.99, never -500.00.
        amount = case.round(case.round(earned) - d.invoiced)
        if not amount:
            continue
        kind = FIXED_FEE if amount > 0 else FIXED_FEE_ADVANCE
        yield Line(
            kind, amount, d.id, title=d.title, share=c, base=d.fee, earned=earned,
            invoiced=d.invoiced,
        )


def _expenses(case: Case) -> Iterator[Line]:
    """Rule 4: every listed expense."""
    for e in case.expenses:
        amount = case.round(e.amount)
        if amount:
            yield Line(EXPENSE, amount, note=e.description, day=e.date)


def _kill_fee(case: Case) -> Iterator[Line]:
    """Rule 5: a share of the unearned fixed fees, only when the client ends the engagement."""
    amount, unearned = kill_fee(case)
    if amount:
        share = case.contract.kill_fee_percent / 100
        yield Line(KILL_FEE, amount, share=share, base=unearned)


def kill_fee(case: Case, finished: Collection[str] = ()) -> tuple[Decimal, Decimal]:
    """(kill fee, unearned fixed fees) by rule 5, as if the deliverables `finished` (ids) were
    done: an option that finishes work also takes it out of the kill fee."""
    percent = case.contract.kill_fee_percent
    if case.engagement.terminated_by != "client" or not percent:
        return Decimal(0), Decimal(0)
    unearned = sum(
        (
            d.fee * (1 - d.completion)
            for d in case.deliverables
            if d.fee is not None and d.id not in finished
        ),
        Decimal(0),
    )
    return case.round(unearned * percent / 100), unearned


def _late_fees(case: Case) -> Iterator[Line]:
    """Rule 6: unpaid part x monthly rate x days overdue / 30, charged or waived."""
    percent = case.contract.late_fee_percent_per_month
    if not percent:
        return
    kind = LATE_FEE if case.contract.charge_late_fees else LATE_FEE_WAIVED
    as_of = case.as_of
    for invoice in case.invoices:
        unpaid = invoice.unpaid
        if unpaid <= 0 or invoice.due >= as_of:
            continue
        days = (as_of - invoice.due).days
        amount = case.round(unpaid * percent * days / 3000)  # /100 per cent, /30 per month
        if not amount:
            continue
        yield Line(kind, amount, invoice.number, share=percent / 100, base=unpaid, days=days)


def _unpaid_invoices(case: Case) -> Iterator[Line]:
    """Rule 8: the unpaid part of every invoice."""
    for invoice in case.invoices:
        amount = case.round(invoice.unpaid)
        if amount <= 0:
            continue
        yield Line(
            UNPAID_INVOICE, amount, invoice.number, invoiced=invoice.amount, paid=invoice.paid,
            day=invoice.due,
        )


def _credits(case: Case, owed: Decimal) -> Iterator[Line]:
    """Rule 9 (revised): the deposit is an advance on the fees, applied against what the
    client owes, O = F + U. Not refundable and ended by the client: only what O uses is
    applied, and the rest is retained (a line shown, not added). The prepaid balance is
    always credited in full."""
    c = case.contract
    deposit = case.round(c.deposit)
    if deposit:
        applied = deposit if deposit_refundable_here(case) else min(deposit, max(owed, Decimal(0)))
        applied = case.round(applied)
        if applied:
            yield Line(DEPOSIT_CREDIT, -applied)
        if deposit - applied:
            yield Line(DEPOSIT_RETAINED, deposit - applied, whole=deposit)
    amount = case.round(c.prepaid_balance)
    if amount:
        yield Line(PREPAID_CREDIT, -amount)


def deposit_refundable_here(case: Case) -> bool:
    """Rule 9: whatever of the deposit the client does not owe comes back, unless the client
    ends it and the contract makes the deposit non-refundable."""
    return not (case.engagement.terminated_by == "client" and not case.contract.deposit_refundable)


_RULES: tuple[Callable[[Case], Iterable[Line]], ...] = (
    _time,
    _fixed_fees,
    _expenses,
    _kill_fee,
    _late_fees,
    _unpaid_invoices,
)


def build(case: Case) -> Settlement:
    """Apply the rules of the spec to the case, as of `case.as_of`."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        charges = [line for rule in _RULES for line in rule(case)]
        owed = sum(
            (line.amount for line in charges
             if line.kind in FINAL_INVOICE_KINDS or line.kind == UNPAID_INVOICE),
            Decimal(0),
        )
        lines = (*charges, *_credits(case, owed))

        zero = case.round(Decimal(0))
        by_kind = dict.fromkeys(KINDS, zero)
        for line in lines:
            by_kind[line.kind] += line.amount

        unbilled_time = by_kind[TIME]
        fixed_fees = by_kind[FIXED_FEE] + by_kind[FIXED_FEE_ADVANCE]
        expenses = by_kind[EXPENSE]
        kill_fee = by_kind[KILL_FEE]
        late_fees_charged = by_kind[LATE_FEE]
        final_invoice = unbilled_time + fixed_fees + expenses + kill_fee + late_fees_charged
        unpaid_invoices = by_kind[UNPAID_INVOICE]
        credits = -(by_kind[DEPOSIT_CREDIT] + by_kind[PREPAID_CREDIT])
        net = final_invoice + unpaid_invoices - credits

        return Settlement(
            currency=case.currency,
            locale=case.locale,
            as_of=case.as_of,
            end_date=case.end_date,
            due_date=case.due_date,
            lines=lines,
            unbilled_time=unbilled_time,
            fixed_fees=fixed_fees,
            expenses=expenses,
            kill_fee=kill_fee,
            late_fees_charged=late_fees_charged,
            late_fees_waived=by_kind[LATE_FEE_WAIVED],
            final_invoice=final_invoice,
            unpaid_invoices=unpaid_invoices,
            credits=credits,
            balance_due=net if net > 0 else zero,
            refund_due=-net if net < 0 else zero,
            deposit_retained=by_kind[DEPOSIT_RETAINED],
            covered_hours=_covered_hours(case),
        )
