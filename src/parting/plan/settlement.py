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
from datetime import date, timedelta
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any

from parting.core import money

if TYPE_CHECKING:
    from parting.case.model import Case, Invoice
    from parting.core.business_days import Calendar

# The line kinds of the spec, in the order the lines are listed, with those of the rules
# beyond it (docs/settlement.md): retainer, notice pay, statutory interest.
TIME = "time"
RETAINER = "retainer"
RETAINER_ADVANCE = "retainer_advance"
FIXED_FEE = "fixed_fee"
FIXED_FEE_ADVANCE = "fixed_fee_advance"
EXPENSE = "expense"
KILL_FEE = "kill_fee"
NOTICE_PAY = "notice_pay"
LATE_FEE = "late_fee"
LATE_FEE_WAIVED = "late_fee_waived"
STATUTORY_INTEREST = "statutory_interest"
STATUTORY_COMPENSATION = "statutory_compensation"
UNPAID_INVOICE = "unpaid_invoice"
DEPOSIT_CREDIT = "deposit_credit"
PREPAID_CREDIT = "prepaid_credit"
DEPOSIT_RETAINED = "deposit_retained"
KINDS: tuple[str, ...] = (
    TIME,
    RETAINER,
    RETAINER_ADVANCE,
    FIXED_FEE,
    FIXED_FEE_ADVANCE,
    EXPENSE,
    KILL_FEE,
    NOTICE_PAY,
    LATE_FEE,
    LATE_FEE_WAIVED,
    STATUTORY_INTEREST,
    STATUTORY_COMPENSATION,
    UNPAID_INVOICE,
    DEPOSIT_CREDIT,
    PREPAID_CREDIT,
    DEPOSIT_RETAINED,
)
# Rule 7: the kinds that make up the final invoice F (waived late fees are not among them),
# with rules 11 to 13 (docs/settlement.md).
FINAL_INVOICE_KINDS = frozenset({
    TIME, RETAINER, RETAINER_ADVANCE, FIXED_FEE, FIXED_FEE_ADVANCE, EXPENSE, KILL_FEE,
    NOTICE_PAY, LATE_FEE, STATUTORY_INTEREST, STATUTORY_COMPENSATION,
})
#: Rule 13: interest and fixed compensation for late payment are damages, not the price of a
#: supply: outside the scope of VAT (as HMRC treats them; in Germany, Abschn. 1.3(6) UStAE).
#: The final invoice puts them at no tax.
OUTSIDE_TAX_KINDS = frozenset({STATUTORY_INTEREST, STATUTORY_COMPENSATION})
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
    days: int | None = None  # late fee, statutory interest: days overdue; retainer, notice
    # pay: days of the period (business days when `basis` is business_days)
    whole: Decimal | None = None  # deposit retained: the whole deposit
    end: date | None = None  # retainer, notice pay: the period's last day (`day` its first)
    of_days: int | None = None  # retainer: days of its month, counted as `days` is
    basis: str | None = None  # retainer, notice pay: "days" or "business_days"
    regime: str | None = None  # statutory interest: the contract's regime
    reference_rate: Decimal | None = None  # statutory interest: the reference rate, % a year


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
    # Rules 11 to 13 (docs/settlement.md): the retainer's months (credits included), pay in
    # lieu of notice, statutory interest and its fixed compensation.
    retainer: Decimal = Decimal(0)
    notice_pay: Decimal = Decimal(0)
    statutory_interest: Decimal = Decimal(0)
    statutory_compensation: Decimal = Decimal(0)
    # Their totals in settlement.json, only for the rules the contract sets (so a case
    # without them keeps the spec's keys, byte for byte).
    extra_totals: tuple[str, ...] = ()

    def lines_of(self, *kinds: str) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.kind in kinds)

    def to_json(self, describe: Callable[[Line], str]) -> dict[str, Any]:
        """The settlement.json object, keys in the order of the spec; `describe` says each
        line in the letter's language (`parting.render.settlement.describer`)."""

        def m(amount: Decimal) -> str:
            return money.to_json(amount, self.currency)

        def extra(*keys: str) -> dict[str, str]:
            return {k: m(getattr(self, k)) for k in keys if k in self.extra_totals}

        return {
            "currency": self.currency,
            "as_of": self.as_of.isoformat(),
            "end_date": self.end_date.isoformat(),
            "lines": [
                {"kind": line.kind, "description": describe(line), "amount": m(line.amount)}
                for line in self.lines
            ],
            "unbilled_time": m(self.unbilled_time),
            **extra("retainer"),
            "fixed_fees": m(self.fixed_fees),
            "expenses": m(self.expenses),
            "kill_fee": m(self.kill_fee),
            **extra("notice_pay"),
            "late_fees_charged": m(self.late_fees_charged),
            "late_fees_waived": m(self.late_fees_waived),
            **extra("statutory_interest", "statutory_compensation"),
            "final_invoice": m(self.final_invoice),
            "unpaid_invoices": m(self.unpaid_invoices),
            "credits": m(self.credits),
            "balance_due": m(self.balance_due),
            "refund_due": m(self.refund_due),
            "due_date": self.due_date.isoformat(),
        }


# --- the rules ---------------------------------------------------------------------------


def planned_after(line: Line, day: date) -> bool:
    """Time or an expense dated after `day` (the notice letter's): still to come on that day,
    so the first stage's estimate says it is planned (issue 13, part 4)."""
    return line.kind in (TIME, EXPENSE) and line.day is not None and line.day > day


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


def _overdue(case: Case) -> Iterator[tuple[Invoice, Decimal, int]]:
    """Each invoice with something unpaid past its due date at `as_of`: the invoice, what is
    unpaid and for how many days (rules 6 and 13)."""
    as_of = case.as_of
    for invoice in case.invoices:
        if invoice.unpaid > 0 and invoice.due < as_of:
            yield invoice, invoice.unpaid, (as_of - invoice.due).days


def _late_fees(case: Case) -> Iterator[Line]:
    """Rule 6: unpaid part x monthly rate x days overdue / 30, charged or waived. Statutory
    interest (rule 13), where the contract asks for it, replaces it."""
    percent = case.contract.late_fee_percent_per_month
    if not percent or case.contract.statutory_interest is not None:
        return
    kind = LATE_FEE if case.contract.charge_late_fees else LATE_FEE_WAIVED
    for invoice, unpaid, days in _overdue(case):
        amount = case.round(unpaid * percent * days / 3000)  # /100 per cent, /30 per month
        if not amount:
            continue
        yield Line(kind, amount, invoice.number, share=percent / 100, base=unpaid, days=days)


# --- rules beyond the spec (docs/settlement.md) --------------------------------------------


def _month_end(day: date) -> date:
    nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def month_pieces(first: date, last: date) -> Iterator[tuple[date, date]]:
    """The days first..last (both included), cut at each month's end."""
    day = first
    while day <= last:
        end = min(last, _month_end(day))
        yield day, end
        day = end + timedelta(days=1)


def count_days(first: date, last: date, basis: str, calendar: Calendar) -> int:
    """Days in first..last (both included): calendar days, or business days."""
    if last < first:
        return 0
    if basis == "business_days":
        return calendar.business_days_between(first - timedelta(days=1), last)
    return (last - first).days + 1


def month_days(day: date, basis: str, calendar: Calendar) -> int:
    """The days of the month `day` is in, counted by `basis`."""
    return count_days(day.replace(day=1), _month_end(day), basis, calendar)


def prorate(fee: Decimal, first: date, last: date, basis: str, calendar: Calendar) -> Decimal:
    """Rule 11: fee x days of first..last / days of their month (one month; unrounded)."""
    whole = month_days(first, basis, calendar)
    return fee * count_days(first, last, basis, calendar) / whole if whole else Decimal(0)


def retainer_credit(
    case: Case, fee: Decimal, first: date, last: date, basis: str, calendar: Calendar
) -> Decimal:
    """Rule 11: the credit (negative) for first..last of a month invoiced in advance: the fee
    less the part kept, rounded as printed, so that the part kept and the credit make the
    fee exactly (a whole month is credited in full)."""
    whole = month_days(first, basis, calendar)
    kept = whole - count_days(first, last, basis, calendar)
    return -(case.round(fee) - case.round(fee * kept / whole if whole else Decimal(0)))


def _retainer(case: Case) -> Iterator[Line]:
    """Rule 11: the retainer's months up to the end date not yet invoiced, a part month pro
    rata; and a credit for the days after the end date of months invoiced in advance."""
    c = case.contract
    fee = c.retainer
    if fee is None:
        return
    basis, calendar, end = c.retainer_proration, case.calendar, case.end_date
    through = c.retainer_invoiced_through
    start = through + timedelta(days=1) if through is not None else case.engagement.started
    if start is not None:
        for first, last in month_pieces(start, end):
            amount = case.round(prorate(fee, first, last, basis, calendar))
            if amount:
                yield Line(
                    RETAINER, amount, first.strftime("%Y-%m"), day=first, end=last, base=fee,
                    days=count_days(first, last, basis, calendar),
                    of_days=month_days(first, basis, calendar), basis=basis,
                )
    if through is not None and through > end:
        for first, last in month_pieces(end + timedelta(days=1), through):
            amount = retainer_credit(case, fee, first, last, basis, calendar)
            if amount:
                yield Line(
                    RETAINER_ADVANCE, amount, first.strftime("%Y-%m"), day=first, end=last,
                    base=fee, days=count_days(first, last, basis, calendar),
                    of_days=month_days(first, basis, calendar), basis=basis,
                )


def notice_cut(case: Case) -> tuple[date, date] | None:
    """Rule 12: the days of the contractual notice the client's end date cuts (first, last),
    when the contract pays notice in lieu; else None."""
    c, e = case.contract, case.engagement
    if not c.notice_pay or e.terminated_by != "client" or c.notice_days is None:
        return None
    if e.end_date is None or e.end_date >= case.contractual_end:
        return None
    return e.end_date + timedelta(days=1), case.contractual_end


def _notice_pay(case: Case) -> Iterator[Line]:
    """Rule 12: pay in lieu of the notice cut short: notice_pay_per_day for each day cut
    (business days when the notice counts them), else the retainer pro rata for those days."""
    cut = notice_cut(case)
    if cut is None:
        return
    first, last = cut
    c = case.contract
    if c.notice_pay_per_day is not None:
        basis = "business_days" if c.notice_in_business_days else "days"
        days = count_days(first, last, basis, case.calendar)
        amount = case.round(c.notice_pay_per_day * days)
        if amount:
            yield Line(
                NOTICE_PAY, amount, day=first, end=last, days=days, rate=c.notice_pay_per_day,
                basis=basis,
            )
        return
    fee = c.retainer
    if fee is None:
        return
    basis = c.retainer_proration
    total = sum(
        (prorate(fee, a, b, basis, case.calendar) for a, b in month_pieces(first, last)),
        Decimal(0),
    )
    amount = case.round(total)
    if amount:
        yield Line(
            NOTICE_PAY, amount, day=first, end=last, base=fee, basis=basis,
            days=count_days(first, last, basis, case.calendar),
        )


#: Rule 13: points over the reference rate, by regime.
STATUTORY_MARGIN: dict[str, Decimal] = {
    "uk_late_payment": Decimal(8),  # Late Payment of Commercial Debts (Interest) Act 1998
    "eu_late_payment": Decimal(8),  # Directive 2011/7/EU, art. 2(6): at least 8 points
    "de_bgb288": Decimal(9),  # BGB § 288(2): no consumer party, 9 points
}


def fixed_sum(case: Case, unpaid: Decimal) -> Decimal:
    """Rule 13: the fixed compensation for one overdue invoice: the contract's, else the
    regime's: UK s. 5A, by the debt (£40 under £1,000, £70 under £10,000, else £100); EU art.
    6 and BGB § 288(5), EUR 40."""
    si = case.contract.statutory_interest
    if si is None:
        return Decimal(0)
    if si.fixed_sum is not None:
        return si.fixed_sum
    if si.regime == "uk_late_payment":
        return Decimal(40 if unpaid < 1000 else 70 if unpaid < 10000 else 100)
    return Decimal(40)


def _statutory_interest(case: Case) -> Iterator[Line]:
    """Rule 13: on each overdue invoice's unpaid part u, simple interest u x (reference rate +
    margin)/100 x days overdue/365, and the fixed sum."""
    si = case.contract.statutory_interest
    if si is None:
        return
    rate = si.reference_rate + STATUTORY_MARGIN[si.regime]
    for invoice, unpaid, days in _overdue(case):
        amount = case.round(unpaid * rate * days / 36500) if rate > 0 else Decimal(0)
        if amount > 0:
            yield Line(
                STATUTORY_INTEREST, amount, invoice.number, share=rate / 100, base=unpaid,
                days=days, regime=si.regime, reference_rate=si.reference_rate,
            )
        compensation = case.round(fixed_sum(case, unpaid))
        if compensation:
            yield Line(
                STATUTORY_COMPENSATION, compensation, invoice.number, base=unpaid,
                regime=si.regime,
            )


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
    _retainer,
    _fixed_fees,
    _expenses,
    _kill_fee,
    _notice_pay,
    _late_fees,
    _statutory_interest,
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
        retainer = by_kind[RETAINER] + by_kind[RETAINER_ADVANCE]
        notice_pay = by_kind[NOTICE_PAY]
        statutory_interest = by_kind[STATUTORY_INTEREST]
        statutory_compensation = by_kind[STATUTORY_COMPENSATION]
        final_invoice = (
            unbilled_time + retainer + fixed_fees + expenses + kill_fee + notice_pay
            + late_fees_charged + statutory_interest + statutory_compensation
        )
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
            retainer=retainer,
            notice_pay=notice_pay,
            statutory_interest=statutory_interest,
            statutory_compensation=statutory_compensation,
            extra_totals=_extra_totals(case),
        )


#: settlement.json's totals beyond the spec's, shown for the rules the contract sets.
EXTRA_TOTALS = ("retainer", "notice_pay", "statutory_interest", "statutory_compensation")


def _extra_totals(case: Case) -> tuple[str, ...]:
    """settlement.json's totals of rules 11 to 13, for the rules the contract sets."""
    c = case.contract
    keys: list[str] = []
    if c.retainer is not None:
        keys.append("retainer")
    if c.notice_pay:
        keys.append("notice_pay")
    if c.statutory_interest is not None:
        keys += ["statutory_interest", "statutory_compensation"]
    return tuple(keys)
