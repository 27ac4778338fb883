"""Step 6: the settlement, what each side owes at the end (shared/spec/settlement.md).

Every figure is a `Decimal`. Each line is rounded half-up to the currency's minor unit before
it is summed, and every total is the sum of its lines, so the document always adds up.

Zero lines are left out, uniformly: a deliverable whose earned fee equals what was invoiced,
a time entry at rate 0, a late fee of 0, a deposit of 0 produce no line. They change no total.

One pass over each record list: 50,000 time entries settle in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
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
    kind: str  # one of KINDS
    description: str
    amount: Decimal  # rounded to the currency's minor unit; credits are negative
    ref: str = ""  # the record it comes from: invoice number, deliverable id, entry date
    group: str = ""  # time lines: what they are billed for, for a summary by deliverable
    hours: Decimal | None = None  # time lines: the hours billed
    rate: Decimal | None = None  # time lines: the hourly rate
    deliverable: str | None = None  # time lines: the deliverable's id, if any


@dataclass(frozen=True)
class Settlement:
    currency: str
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

    def lines_of(self, *kinds: str) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.kind in kinds)

    def to_json(self) -> dict[str, Any]:
        """The settlement.json object, keys in the order of the spec."""

        def m(amount: Decimal) -> str:
            return money.to_json(amount, self.currency)

        return {
            "currency": self.currency,
            "as_of": self.as_of.isoformat(),
            "end_date": self.end_date.isoformat(),
            "lines": [
                {"kind": line.kind, "description": line.description, "amount": m(line.amount)}
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


# --- formatting for descriptions ---------------------------------------------------------


class _Text:
    """Numbers in line descriptions, in the client's locale, memoised: a long engagement has
    thousands of entries but only a handful of distinct rates and hour counts."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self._number: dict[Decimal, str] = {}

    def money(self, amount: Decimal) -> str:
        return self.case.format_money(amount)  # memoised in money.format_money

    def number(self, value: Decimal) -> str:
        text = self._number.get(value)
        if text is None:
            from babel.numbers import format_decimal

            text = format_decimal(value, locale=self.case.locale, decimal_quantization=False)
            self._number[value] = text
        return str(text)

    def percent(self, share: Decimal) -> str:
        from babel.numbers import format_percent

        return str(format_percent(share, locale=self.case.locale, decimal_quantization=False))


# --- the rules ---------------------------------------------------------------------------


def _time(case: Case, text: _Text) -> Iterator[Line]:
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
        parts = [entry.date.isoformat()]
        if deliverable is not None:
            parts.append(deliverable.title)
        if entry.description is not None:
            parts.append(entry.description)
        parts.append(f"{text.number(entry.hours)} h × {text.money(rate)}")
        work = deliverable.title if deliverable is not None else "Other hourly work"
        yield Line(
            TIME,
            " · ".join(parts),
            amount,
            entry.date.isoformat(),
            f"{work} · {text.money(rate)} an hour",
            entry.hours,
            rate,
            entry.deliverable,
        )


def _fixed_fees(case: Case, text: _Text) -> Iterator[Line]:
    """Rule 3: earned minus invoiced, per fixed-fee deliverable."""
    for d in case.deliverables:
        if d.fee is None:
            continue
        c = d.completion
        earned = d.fee * c
        amount = case.round(earned - d.invoiced)
        if not amount:
            continue
        share = f"{text.percent(c)} of {text.money(d.fee)}"
        if amount > 0:
            description = (
                f"{d.title}: {share} earned ({text.money(earned)}), "
                f"{text.money(d.invoiced)} invoiced"
            )
            yield Line(FIXED_FEE, description, amount, d.id)
        else:
            description = (
                f"{d.title}: {text.money(d.invoiced)} invoiced in advance, "
                f"{share} earned ({text.money(earned)}): credit"
            )
            yield Line(FIXED_FEE_ADVANCE, description, amount, d.id)


def _expenses(case: Case, text: _Text) -> Iterator[Line]:
    """Rule 4: every listed expense."""
    for e in case.expenses:
        amount = case.round(e.amount)
        if amount:
            yield Line(EXPENSE, f"{e.date.isoformat()} · {e.description}", amount)


def _kill_fee(case: Case, text: _Text) -> Iterator[Line]:
    """Rule 5: a share of the unearned fixed fees, only when the client ends the engagement."""
    percent = case.contract.kill_fee_percent
    if case.engagement.terminated_by != "client" or not percent:
        return
    unearned = sum(
        (d.fee * (1 - d.completion) for d in case.deliverables if d.fee is not None),
        Decimal(0),
    )
    amount = case.round(unearned * percent / 100)
    if amount:
        description = (
            f"Kill fee: {text.percent(percent / 100)} of the unearned fixed fees "
            f"({text.money(unearned)})"
        )
        yield Line(KILL_FEE, description, amount)


def _late_fees(case: Case, text: _Text) -> Iterator[Line]:
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
        description = (
            f"Late fee on invoice {invoice.number}: {text.money(unpaid)} unpaid, "
            f"{days} days overdue at {text.percent(percent / 100)} per month"
        )
        if kind == LATE_FEE_WAIVED:
            description += " (waived)"
        yield Line(kind, description, amount, invoice.number)


def _unpaid_invoices(case: Case, text: _Text) -> Iterator[Line]:
    """Rule 8: the unpaid part of every invoice."""
    for invoice in case.invoices:
        amount = case.round(invoice.unpaid)
        if amount <= 0:
            continue
        description = f"Invoice {invoice.number} of {text.money(invoice.amount)}"
        if invoice.paid:
            description += f", {text.money(invoice.paid)} paid"
        description += f", due {invoice.due.isoformat()}"
        yield Line(UNPAID_INVOICE, description, amount, invoice.number)


def _credits(case: Case, text: _Text, owed: Decimal) -> Iterator[Line]:
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
            yield Line(DEPOSIT_CREDIT, "Deposit, applied to what is owed", -applied)
        if deposit - applied:
            yield Line(
                DEPOSIT_RETAINED,
                f"Deposit retained: not refundable beyond what is owed "
                f"({text.money(deposit - applied)} of {text.money(deposit)})",
                deposit - applied,
            )
    amount = case.round(c.prepaid_balance)
    if amount:
        yield Line(PREPAID_CREDIT, "Prepaid balance not yet earned, credited back", -amount)


def deposit_refundable_here(case: Case) -> bool:
    """Rule 9: whatever of the deposit the client does not owe comes back, unless the client
    ends it and the contract makes the deposit non-refundable."""
    return not (case.engagement.terminated_by == "client" and not case.contract.deposit_refundable)


_RULES: tuple[Callable[[Case, _Text], Iterable[Line]], ...] = (
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
        text = _Text(case)
        charges = [line for rule in _RULES for line in rule(case, text)]
        owed = sum(
            (line.amount for line in charges
             if line.kind in FINAL_INVOICE_KINDS or line.kind == UNPAID_INVOICE),
            Decimal(0),
        )
        lines = (*charges, *_credits(case, text, owed))

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
        )
