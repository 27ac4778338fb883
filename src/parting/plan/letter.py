"""What the letter says, as data: who writes to whom, on which date, the decision, the status,
the options and the reply date, an itemised account of the money, and the handover as what I
will do and what I need from you, each with its date. No prose: `parting.render.letter` and
one phrase module per language turn this into sentences.

Everything is taken from the other sections (status, options, settlement, transition plan),
so the letter's figures are the settlement's and its dates the transition plan's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parting.plan import settlement as s6
from parting.plan.transition import privacy_law, role_part

if TYPE_CHECKING:
    from parting.case.model import Asset, Case, Stakeholder
    from parting.plan.invoice import FinalInvoice
    from parting.plan.options import Options
    from parting.plan.settlement import Settlement
    from parting.plan.status import Status
    from parting.plan.transition import TransitionPlan

_TITLES = re.compile(
    r"^(dr|prof|mr|mrs|ms|mx|miss|sir|dame|herr|frau|mme|mlle|m|sr|sra|srta)\.?$",
    re.IGNORECASE,
)

@dataclass(frozen=True)
class Names:
    """How the two people appear: the reader only in the greeting, the writer only in the
    signature."""

    salutation: str | None  # as the case gives it: "Dr. Brandt"
    first: str | None  # the contact's given name, titles skipped: "Helena"
    full: str  # "Dr. Helena Brandt"
    signature: tuple[str, ...]
    titled: str | None = None  # "Dr. Brandt" when the case names the contact with a title


@dataclass(frozen=True)
class InProgress:
    title: str
    percent: Decimal | None  # as the case gives it; None for hourly work with no percentage
    hours_logged: Decimal
    remaining: Decimal | None = None  # the case's estimate of the hours left
    due: dt.date | None = None
    recent: tuple[str, ...] = ()  # the latest work on it up to the letter, as logged
    planned: Decimal = Decimal(0)  # billable hours in the case after the letter (to the end)
    fixed: bool = False  # paid by a fixed fee, not by the hour


@dataclass(frozen=True)
class StatusFacts:
    delivered: tuple[str, ...]
    ongoing: dict[str, Decimal]  # delivered titles -> billable hours planned after the letter
    in_progress: tuple[InProgress, ...]
    not_started: tuple[InProgress, ...]
    percent: Decimal  # overall, by `basis`
    basis: str  # fee | fee_and_hours | count
    as_of: dt.date
    more: tuple[int, int, int] = (0, 0, 0)  # not named: delivered, in progress, not started


@dataclass(frozen=True)
class MoneyItem:
    """One component of the account. `amount` is signed as it acts on the balance."""

    kind: str  # time | time_planned | fixed_fee | fixed_fee_credit | expense | kill_fee |
    # late_fee | late_fee_waived | unpaid_invoice | deposit | deposit_retained | prepaid
    amount: Decimal
    hours: Decimal | None = None
    refs: tuple[str, ...] = ()  # invoice numbers, deliverable titles, expense descriptions
    percent: Decimal | None = None  # kill fee: the contract's percentage; fixed fee: earned
    fee: Decimal | None = None  # fixed fee: the deliverable's fee
    invoiced: Decimal | None = None  # fixed fee: already invoiced towards it
    due: dt.date | None = None  # unpaid invoice: its due date
    overdue: bool = False  # unpaid invoice: due before the letter
    planned: bool = False  # expense: dated after the letter
    rate: Decimal | None = None  # time: the hourly rate of the group
    issued: dt.date | None = None  # unpaid invoice: issued after the letter (to be issued)
    count: int = 0  # fixed_fee_others, unpaid_others: how many are summed in this one line
    total: Decimal | None = None  # unpaid invoice: its whole amount, when part is paid
    # late fees: (invoice, fee, unpaid part, days overdue) for each invoice
    parts: tuple[tuple[str, Decimal, Decimal, int], ...] = ()
    notes: tuple[str, ...] = ()  # time: what the hours were for, as logged (distinct)
    # retainer, retainer_credit, notice_pay: the period (first and last day); retainer: some
    # month only in part (pro rata); notice pay: `fee` the retainer or `rate` a day, `count`
    # the days; statutory interest, compensation: `percent` a year, the regime and its rate
    start: dt.date | None = None
    until: dt.date | None = None
    partial: bool = False
    basis: str | None = None
    regime: str | None = None
    reference_rate: Decimal | None = None


@dataclass(frozen=True)
class Tax:
    """What the final invoice adds to the account's amounts, which are before tax."""

    name: str  # VAT, GST, sales tax
    rate: Decimal  # percent
    amount: Decimal
    gross: Decimal  # the final invoice with its tax
    to_pay: Decimal  # the gross, plus earlier unpaid invoices, less the credits
    to_refund: Decimal = Decimal(0)  # the same when the credits are more: the refund
    advances_tax: Decimal = Decimal(0)  # the tax paid with the deposit and prepaid balance

    @property
    def net(self) -> Decimal:
        """The balance with the tax, as one signed figure (negative: a refund)."""
        return self.to_pay - self.to_refund


@dataclass(frozen=True)
class WithPlan:
    """The account with the notice period's plan done: what its work adds, and the figures it
    changes (round 14 readers: a balance "as it will stand" that leaves out the work the
    letter has just promised leaves the client unsure what they will owe)."""

    added: Decimal  # before tax: the plan's work, less any kill fee it makes unnecessary
    tax: Decimal | None  # the final invoice's tax with it, where there is one
    final_invoice: Decimal  # the final invoice with it (with its tax, where there is one)
    net: Decimal  # the balance with it, signed as Account.net (with tax)
    hours: Decimal  # the plan's hours


@dataclass(frozen=True)
class PayTo:
    """How to pay the final invoice, as the case gives it (invoice.payment)."""

    iban: str | None
    bic: str | None
    account: str | None
    link: str | None
    reference: str  # the case's, else the invoice number, else the project


@dataclass(frozen=True)
class Account:
    items: tuple[MoneyItem, ...]
    final_invoice: Decimal
    credits: Decimal  # deposit and prepaid balance applied (positive)
    balance_due: Decimal
    refund_due: Decimal
    due: dt.date
    as_of: dt.date
    # (title, hours) logged on fixed-fee work, which the fee covers
    covered: tuple[tuple[str, Decimal], ...] = ()
    # (what was done, hours) not billable; what is "" for a total of several
    free: tuple[tuple[str, Decimal], ...] = ()

    @property
    def final_net(self) -> Decimal:
        """What the final invoice asks for once the credits are applied."""
        return self.final_invoice - self.credits

    @property
    def net(self) -> Decimal:
        """The balance as one signed figure: positive owed by the client, negative a refund."""
        return self.balance_due - self.refund_due


@dataclass(frozen=True)
class Handover:
    """One dated step of the handover: what I will do (or you will do), and what I need from
    you for it, by when."""

    date: dt.date
    kind: str  # call | transfer | return | rotate | revoke_access | delete |
    # data_confirmation | final_invoice | refund | ip_assignment
    asset: Asset | None = None
    ask: str | None = None  # what I need: org | registrar | hosting_account | owner_contact |
    # destination | secure_destination | bank_details | data_choice
    ask_by: dt.date | None = None
    confirm_delete: tuple[str, ...] = ()  # call: personal data the plan deletes
    copies_deleted: dt.date | None = None  # transfer, return: when I delete my copies
    # transfer, return, ip_assignment: released on payment ("payment"), or with the final
    # invoice when nothing is left to pay ("invoice"); None: with the handover
    release: str | None = None


@dataclass(frozen=True)
class Involvement:
    person: Stakeholder
    part: str  # finance (copied on the final invoice) | technical (invited to the call) |
    # other (told by `date`)
    date: dt.date
    external: bool  # not of the client's organisation: told by me, not by the contact


@dataclass(frozen=True)
class LetterPlan:
    date: dt.date
    terminated_by: str
    notice_given: dt.date
    end: dt.date
    last_day: dt.date
    project: str
    started: dt.date | None
    reason: str | None
    client_benefit: str | None
    provider_benefit: str | None
    names: Names
    status: StatusFacts
    options: Options
    account: Account
    handover: tuple[Handover, ...]
    stakeholders: tuple[Involvement, ...]
    privacy_law: str | None  # "GDPR" | "UK GDPR" | None
    client_names: tuple[str, ...]  # how the case may name the client: "Merrow Learning", ...
    recommended: str | None  # the option I suggest, if any: reduce_scope | refer
    planned_hours: Decimal  # time in the case dated after the letter, up to the end date
    option_net: dict[str, Decimal]  # the balance (signed, as Account.net) if an option is taken
    tax: Tax | None = None  # what the final invoice adds (VAT, GST), if anything
    pay_to: PayTo | None = None  # how to pay the final invoice, where something is to pay
    with_plan: WithPlan | None = None  # the account with the plan's work, when it adds any

    @property
    def default_plan(self) -> bool:
        """Is the scope what I will do in the notice period unless told otherwise? Yes,
        whoever ended it: the work goes on until the end (readers of rounds 7-13 rejected
        letters whose default was to stop working, a payroll client's too); a client who ended
        it may tell me to stop sooner."""
        return self.options.plan_scope is not None


def _names(case: Case) -> Names:
    contact = case.client.contact.split()
    given = [w for w in contact if not _TITLES.match(w)]
    first = given[0] if len(given) >= 2 else None
    p = case.provider
    titled = (
        f"{contact[0]} {given[-1]}"
        if len(contact) >= 2 and _TITLES.match(contact[0]) and given else None
    )
    return Names(
        case.client.salutation,
        first,
        case.client.contact,
        tuple(x for x in (p.name, p.business, p.email) if x),
        titled,
    )


def given_name(name: str) -> str:
    """A person's given name, titles skipped: "Dr. Lauren Cho" -> "Lauren"."""
    words = [w for w in name.split() if not _TITLES.match(w)]
    return words[0] if words else name


#: A letter names at most this many items of a kind (deliverables, fixed fees, invoices);
#: the rest are counted ("and 1,992 more") and summed: a long engagement still gets a letter.
LIST_MAX = 8
#: When a kind has more items than LIST_MAX, the largest this many are named.
LIST_SHOWN = 5

#: How many of the latest logged descriptions the status names for work in progress.
RECENT = 2


def _recent(case: Case, letter_date: dt.date) -> dict[str, tuple[str, ...]]:
    """Per deliverable, the last descriptions logged on it up to the letter's date, newest
    first: what the reader will recognise as the latest work."""
    found: dict[str, list[tuple[dt.date, str]]] = {}
    for t in case.time_entries:
        if t.deliverable and t.description and t.date <= letter_date:
            found.setdefault(t.deliverable, []).append((t.date, t.description))
    return {
        d: tuple(dict.fromkeys(text for _day, text in sorted(items, reverse=True)))[:RECENT]
        for d, items in found.items()
    }


def _status(status: Status, case: Case, letter_date: dt.date) -> StatusFacts:
    recent = _recent(case, letter_date)
    delivered = tuple(i.deliverable.title for i in status.met)
    later: dict[str, Decimal] = {}
    for t in case.time_entries:
        if t.date > letter_date and t.deliverable and t.billable:
            later[t.deliverable] = later.get(t.deliverable, Decimal(0)) + t.hours
    # Hourly work done so far with billable hours still planned after the letter (support,
    # follow-ups): said as done, with those hours, never as "continuing" (readers of the
    # unseen cases: that contradicts the status the case gives). Hours on a delivered
    # fixed-fee item are in its fee and not said.
    ongoing = {
        i.deliverable.title: later[i.deliverable.id]
        for i in status.met
        if i.deliverable.id in later and i.deliverable.fee is None
    }
    # Hours "so far" are those up to the letter; later ones are planned, said apart (readers
    # of round 9 counted a letter of 29 May that reported June's hours as done).
    before: dict[str, Decimal] = {}
    for t in case.time_entries:
        if t.deliverable and t.date <= letter_date:
            before[t.deliverable] = before.get(t.deliverable, Decimal(0)) + t.hours
    progress = tuple(
        InProgress(
            i.deliverable.title,
            i.deliverable.percent_complete
            if i.deliverable.percent_complete is not None or i.deliverable.fee is not None
            else None,
            before.get(i.deliverable.id, Decimal(0)),
            i.deliverable.estimate_hours,
            i.deliverable.due,
            recent.get(i.deliverable.id, ()),
            later.get(i.deliverable.id, Decimal(0)) if i.deliverable.fee is None
            else Decimal(0),
            i.deliverable.fee is not None,
        )
        for i in status.outstanding
        if i.deliverable.status == "in_progress"
    )
    waiting = tuple(
        InProgress(i.deliverable.title, None, before.get(i.deliverable.id, Decimal(0)),
                   i.deliverable.estimate_hours, i.deliverable.due)
        for i in status.outstanding
        if i.deliverable.status == "not_started"
    )
    def cut(items: tuple[Any, ...]) -> tuple[tuple[Any, ...], int]:
        if len(items) <= LIST_MAX:
            return items, 0
        return items[:LIST_SHOWN], len(items) - LIST_SHOWN

    (delivered, d_more), (progress, p_more), (waiting, w_more) = (
        cut(delivered), cut(progress), cut(waiting)
    )
    return StatusFacts(
        delivered, ongoing, progress, waiting, status.percent_complete, status.basis,
        status.as_of, (d_more, p_more, w_more),
    )


def _largest(lines: tuple[s6.Line, ...]) -> tuple[tuple[s6.Line, ...], tuple[s6.Line, ...]]:
    """(named, the rest): every line when they are few, else the LIST_SHOWN largest (by
    size, credits too) in that order and the others in the settlement's order."""
    if len(lines) <= LIST_MAX:
        return lines, ()
    order = sorted(range(len(lines)), key=lambda n: -abs(lines[n].amount))
    keep = set(order[:LIST_SHOWN])
    return (
        tuple(lines[n] for n in order[:LIST_SHOWN]),
        tuple(line for n, line in enumerate(lines) if n not in keep),
    )


def _retainer_items(case: Case, s: Settlement) -> Iterator[MoneyItem]:
    """Rule 11: the retainer not yet invoiced, as one item over its period, and the credit
    for the days after the end date invoiced in advance, as another."""
    for kind, line_kind in (("retainer", s6.RETAINER), ("retainer_credit", s6.RETAINER_ADVANCE)):
        lines = s.lines_of(line_kind)
        if lines:
            yield MoneyItem(
                kind, sum((x.amount for x in lines), Decimal(0)), fee=case.contract.retainer,
                start=lines[0].day, until=lines[-1].end,
                partial=any(x.days != x.of_days for x in lines), basis=lines[0].basis,
                count=len(lines),
            )


def _account(case: Case, s: Settlement, letter_date: dt.date) -> Account:
    items: list[MoneyItem] = []

    def total(lines: tuple[s6.Line, ...]) -> Decimal:
        return sum((line.amount for line in lines), Decimal(0))

    items.extend(_time_items(case, s, letter_date))
    items.extend(_retainer_items(case, s))
    named, rest = _largest(s.lines_of(s6.FIXED_FEE, s6.FIXED_FEE_ADVANCE))
    for line in named:
        d = case.deliverable(line.ref)
        kind = "fixed_fee" if line.kind == s6.FIXED_FEE else "fixed_fee_credit"
        items.append(
            MoneyItem(
                kind, line.amount, refs=(d.title,), percent=(d.completion * 100).normalize(),
                fee=d.fee, invoiced=d.invoiced,
            )
        )
    if rest:
        items.append(
            MoneyItem("fixed_fee_others", sum((x.amount for x in rest), Decimal(0)),
                      count=len(rest))
        )
    expenses = [e for e in case.expenses if case.round(e.amount)]
    if 0 < len(expenses) <= 3:
        for e in expenses:
            items.append(
                MoneyItem(
                    "expense", case.round(e.amount), refs=(e.description,),
                    planned=e.date > letter_date,
                )
            )
    elif expenses:
        refs = tuple(e.description for e in expenses)
        items.append(MoneyItem("expense", total(s.lines_of(s6.EXPENSE)), refs=refs))
    if s.kill_fee:
        items.append(
            MoneyItem("kill_fee", s.kill_fee, percent=case.contract.kill_fee_percent.normalize())
        )
    for line in s.lines_of(s6.NOTICE_PAY):
        items.append(
            MoneyItem(
                "notice_pay", line.amount, start=line.day, until=line.end, fee=line.base,
                rate=line.rate, count=line.days or 0, basis=line.basis,
            )
        )
    due_by_number = {i.number: i.due for i in case.invoices}
    for kind, line_kind in (("late_fee", s6.LATE_FEE), ("late_fee_waived", s6.LATE_FEE_WAIVED)):
        lines = s.lines_of(line_kind)
        if lines:
            items.append(
                MoneyItem(
                    kind, total(lines), refs=tuple(x.ref for x in lines),
                    # overdue already when the letter goes out, or only by the settlement date
                    overdue=all(due_by_number[x.ref] < letter_date for x in lines),
                    percent=case.contract.late_fee_percent_per_month.normalize(),
                    # each invoice's fee with what it is worked out from, so it can be checked
                    parts=tuple(
                        (x.ref, x.amount, x.base or Decimal(0), x.days or 0) for x in lines
                    ),
                )
            )
    for kind, line_kind in (
        ("statutory_interest", s6.STATUTORY_INTEREST),
        ("statutory_compensation", s6.STATUTORY_COMPENSATION),
    ):
        lines = s.lines_of(line_kind)
        if lines:
            si = case.contract.statutory_interest
            items.append(
                MoneyItem(
                    kind, total(lines), refs=tuple(x.ref for x in lines),
                    percent=((lines[0].share or Decimal(0)) * 100).normalize(),
                    parts=tuple(
                        (x.ref, x.amount, x.base or Decimal(0), x.days or 0) for x in lines
                    ),
                    regime=si.regime if si else None,
                    reference_rate=si.reference_rate.normalize() if si else None,
                )
            )
    invoices = {i.number: i for i in case.invoices}
    shown, others = _largest(s.lines_of(s6.UNPAID_INVOICE))
    for line in shown:
        invoice = invoices[line.ref]
        later = invoice.issued if invoice.issued and invoice.issued > letter_date else None
        items.append(
            MoneyItem(
                "unpaid_invoice", line.amount, refs=(line.ref,), due=invoice.due,
                overdue=invoice.due < letter_date, issued=later,
                total=invoice.amount if invoice.paid else None,
            )
        )
    if others:
        dues = [invoices[x.ref].due for x in others]
        items.append(
            MoneyItem(
                "unpaid_others", sum((x.amount for x in others), Decimal(0)),
                count=len(others), due=min(dues), overdue=min(dues) < letter_date,
            )
        )
    if s.lines_of(s6.DEPOSIT_CREDIT):
        items.append(MoneyItem("deposit", total(s.lines_of(s6.DEPOSIT_CREDIT))))
    if s.deposit_retained:
        items.append(MoneyItem("deposit_retained", s.deposit_retained))
    if s.lines_of(s6.PREPAID_CREDIT):
        items.append(MoneyItem("prepaid", total(s.lines_of(s6.PREPAID_CREDIT))))
    return Account(
        tuple(items),
        s.final_invoice,
        s.credits,
        s.balance_due,
        s.refund_due,
        s.due_date,
        s.as_of,
        *_not_charged(case, s.as_of),
    )


#: Not-charged time named one by one up to this many entries; more are one total.
FREE_NAMED = 2


def _not_charged(
    case: Case, as_of: dt.date
) -> tuple[tuple[tuple[str, Decimal], ...], tuple[tuple[str, Decimal], ...]]:
    """Time the account does not charge, for the letter to say so: unbilled hours on fixed-fee
    deliverables (their fee pays for them), by title; and non-billable entries, by what was
    done (the case's description, else the deliverable's title). Readers check a letter's
    hours against the case: an hour they cannot find looks like a mistake."""
    by_id = case.deliverables_by_id
    covered: dict[str, Decimal] = {}
    free: dict[str, Decimal] = {}
    for t in case.time_entries:
        if t.billed or t.date > as_of:
            continue
        d = by_id.get(t.deliverable) if t.deliverable else None
        if t.billable and d is not None and d.fee is not None:
            covered[d.title] = covered.get(d.title, Decimal(0)) + t.hours
        elif not t.billable:
            what = t.description or (d.title if d is not None else "")
            free[what] = free.get(what, Decimal(0)) + t.hours
    named = tuple(free.items()) if len(free) <= FREE_NAMED else (
        ("", sum(free.values(), Decimal(0))),
    )
    return tuple(covered.items())[:FREE_NAMED + 1], named


#: More groups of hourly work than this are said as two totals (done and planned).
TIME_GROUPS_MAX = 4


def _time_items(case: Case, s: Settlement, letter_date: dt.date) -> list[MoneyItem]:
    """Unbilled time by what it was for and at which rate, done or planned (after the
    letter), so that the reader can check hours x rate; two totals when that is too many."""
    groups: dict[tuple[bool, str, Decimal], list[s6.Line]] = {}
    for line in s.lines_of(s6.TIME):
        planned = s6.planned_after(line, letter_date)
        work = case.deliverable(line.deliverable).title if line.deliverable else ""
        groups.setdefault((planned, work, line.rate or Decimal(0)), []).append(line)
    if len(groups) > TIME_GROUPS_MAX:
        merged: dict[tuple[bool, str, Decimal], list[s6.Line]] = {}
        for (planned, _work, _rate), lines in groups.items():
            merged.setdefault((planned, "", Decimal(0)), []).extend(lines)
        groups = merged
    out = []
    for (planned, work, rate), lines in sorted(groups.items(), key=lambda g: g[0][0]):
        out.append(
            MoneyItem(
                "time_planned" if planned else "time",
                sum((line.amount for line in lines), Decimal(0)),
                sum((line.hours or Decimal(0) for line in lines), Decimal(0)),
                refs=(work,) if work else (),
                rate=rate or None,
                notes=tuple(dict.fromkeys(line.note for line in lines if line.note)),
            )
        )
    return out


_ASK_BY_KIND = {
    "repository": "org",
    "domain": "registrar",
    "hosting": "hosting_account",
    "account": "owner_contact",
}


def _handover(case: Case, plan: TransitionPlan, s: Settlement) -> tuple[Handover, ...]:
    from parting.core.business_days import Calendar

    cal: Calendar = case.calendar
    call = next((x.date for x in plan.steps if x.kind == "handover_call"), None)
    assets = {a.name: a for a in case.assets}
    out: list[Handover] = []
    for step in plan.steps:
        asset = assets.get(step.asset) if step.asset else None
        if step.kind == "handover_call":
            # The controller chooses return or deletion (GDPR Art. 28(3)(g)): where the plan
            # deletes personal data, the reader is asked to confirm that choice.
            deleted = tuple(a for a in case.assets if a.personal_data and a.action == "delete")
            out.append(
                Handover(step.date, "call", ask="data_choice" if deleted else None,
                         confirm_delete=tuple(a.name for a in deleted))
            )
        elif step.kind in ("transfer", "return") and asset is not None:
            if step.kind == "return":
                ask = "secure_destination" if asset.personal_data else "destination"
            else:
                ask = _ASK_BY_KIND.get(asset.kind, "destination")
            ask_by = cal.add_business_days(step.date, -2)
            if call is not None:
                ask_by = max(ask_by, call)
            out.append(Handover(step.date, step.kind, asset, ask, min(ask_by, step.date),
                                release=step.args.get("release")))
        elif step.kind in ("rotate", "revoke_access") and asset is not None:
            out.append(Handover(step.date, step.kind, asset))
        elif step.kind == "delete" and asset is not None:
            if asset.action == "delete":
                out.append(Handover(step.date, "delete", asset))
            else:
                # Said with the return itself: one line per asset for the reader.
                for n, h in enumerate(out):
                    if h.asset is asset and h.kind in ("transfer", "return"):
                        out[n] = replace(h, copies_deleted=step.date)
        elif step.kind == "data_confirmation" and asset is not None:
            out.append(Handover(step.date, "data_confirmation", asset))
        elif step.kind == "ip_assignment":
            out.append(Handover(step.date, "ip_assignment", release=step.args.get("release")))
        elif step.kind == "final_invoice" and s.final_invoice:
            out.append(Handover(step.date, "final_invoice"))
        elif step.kind == "payment_due" and s.refund_due:
            ask_by = cal.add_business_days(step.date, -5)
            out.append(Handover(step.date, "refund", ask="bank_details", ask_by=ask_by))
    # One confirmation for all personal data, on the last of its dates.
    confirmations = [h for h in out if h.kind == "data_confirmation"]
    if len(confirmations) > 1:
        last = max(h.date for h in confirmations)
        out = [h for h in out if h.kind != "data_confirmation"]
        out.append(Handover(last, "data_confirmation"))
        out.sort(key=lambda h: h.date)
    return tuple(out)


def _stakeholders(case: Case, plan: TransitionPlan) -> tuple[Involvement, ...]:
    told = next((x.date for x in plan.steps if x.kind == "stakeholder"), plan.steps[0].date)
    out = []
    for person in case.stakeholders:
        out.append(Involvement(person, role_part(person.role), told, _external(case, person)))
    return tuple(out)


_LEGAL_SUFFIX = re.compile(
    r"[\s,]+(ltd|limited|llc|inc|corp|co|gmbh|ag|kg|k\.?k\.?|b\.?v\.?|n\.?v\.?|s\.?a\.?s?|"
    r"sarl|srl|plc|pty|oy|ab|as|aps|spa|s\.?l\.?)\.?$",
    re.IGNORECASE,
)


def client_names(case: Case) -> tuple[str, ...]:
    """The client's name as a text may use it: without its legal form ("Kumo Games K.K." ->
    "Kumo Games"), and its first word when that is distinctive ("Merrow")."""
    name = case.client.name
    while (stem := _LEGAL_SUFFIX.sub("", name)) != name:
        name = stem
    first = name.split()[0] if name.split() else ""
    names = [case.client.name, name]
    if len(first) > 3 and first != name:
        names.append(first)
    return tuple(dict.fromkeys(names))


_EXTERNAL = re.compile(
    r"\b(external|agency|vendor|supplier|print shop|printer|contractor|consultant|"
    r"freelance\w*|partner)\b",
    re.IGNORECASE,
)


def _external(case: Case, person: Stakeholder) -> bool:
    """Someone outside the client's organisation: a role that says so, or another e-mail
    domain with a role "at" an organisation that does not share the client's name (a parent
    group such as "Nordlicht Gruppe" for "Nordlicht Reisen GmbH" is not outside)."""
    role = person.role or ""
    if _EXTERNAL.search(role):
        return True

    def domain(email: str | None) -> str:
        return email.rpartition("@")[2].lower() if email else ""

    theirs, client = domain(person.email), domain(case.client.email)
    if not theirs or not client or theirs == client:
        return False
    at = re.search(r"\bat\s+(.+)$", role)
    if at is None:
        return True
    first = case.client.name.split()[0].lower()
    return first not in at.group(1).lower()


def _recommended(options: Options, by: str) -> str | None:
    """The option worth suggesting: finishing the most valuable outstanding work (the
    reduced scope's optimum), else the best-matching referral. None unless I end it: when
    the client ended it, or we agreed to, their own plans decide (a reader of round 8 found
    "I would talk to ... first" presumptuous to a client who does the work in-house now)."""
    if by != "provider":  # their plans (or ours, agreed) decide, not my suggestion
        return None
    scope = options.reduce_scope  # said only where no plan is (the plan is not a suggestion)
    if scope is not None and scope.selected:
        return "reduce_scope"
    if options.refer_matches:
        return "refer"
    return None


def _option_net(case: Case, options: Options, net: Decimal) -> dict[str, Decimal]:
    """The balance if the client takes each option: what it adds, on top of today's net."""
    out: dict[str, Decimal] = {}
    kill_now = s6.kill_fee(case)[0]

    def saved(finished: Iterable[str]) -> Decimal:
        # Work an option finishes is earned, so it leaves the kill fee (settlement rule 5).
        return kill_now - s6.kill_fee(case, frozenset(finished))[0]

    # the plan where there is one, else the reduced scope; the reduced scope beside a plan
    # that takes other work, as the other way
    best = options.reduce_scope
    scope = options.plan_scope or best
    if scope is not None and scope.selected:
        ids = [i.deliverable.id for i in scope.selected]
        out["reduce_scope"] = net + scope.money - saved(ids)
    if options.deadlines_first is not None and best is not None and best.selected:
        ids = [i.deliverable.id for i in best.selected]
        out["reduce_scope_value"] = net + best.money - saved(ids)
    if options.timeline is not None:
        ids = [d.id for d in case.deliverables if not d.delivered]
        out["adjust_timeline"] = net + options.timeline.money - saved(ids)
    rate = case.contract.hourly_rate
    if options.phase_out and rate:
        hours = sum((w.hours for w in options.phase_out), Decimal(0))
        out["phase_out"] = net + case.round(hours * rate)
    return out


def build(
    case: Case, status: Status, options: Options, settlement: Settlement, plan: TransitionPlan,
    invoice: FinalInvoice | None = None,
) -> LetterPlan:
    e = case.engagement
    if e.terminated_by == "client" and options.timeline is not None:
        # A client who ends the work is not offered all of it on a slower timeline: that
        # undoes their decision (round 11: a museum that had lost its funding was offered
        # 199 more hours). options.md still shows it, for the provider.
        options = replace(options, timeline=None)
    letter_date = options.window.letter
    account = _account(case, settlement, letter_date)
    tax = _tax(invoice)
    # The billable hours the reader will see in the account as planned.
    planned = sum(
        (
            t.hours
            for t in case.time_entries
            if letter_date < t.date <= case.end_date and t.billable and not t.billed
        ),
        Decimal(0),
    )
    raw = _option_net(case, options, account.net)
    if "phase_out" in raw and "reduce_scope" in raw:
        # the phase-out follows the plan's work, not instead of it (round 15: its balance was
        # today's plus the phase-out, beside an account that includes the plan)
        raw["phase_out_with_plan"] = raw["reduce_scope"] + raw["phase_out"] - account.net
    taxed = _taxed(case, raw, account.net, tax)
    return LetterPlan(
        date=letter_date,
        terminated_by=e.terminated_by,
        notice_given=e.notice_given,
        end=case.end_date,
        last_day=options.window.last_day,
        project=e.project,
        started=e.started,
        reason=e.reason,
        client_benefit=e.client_benefit,
        provider_benefit=e.provider_benefit,
        names=_names(case),
        status=_status(status, case, letter_date),
        options=options,
        account=account,
        handover=_handover(case, plan, settlement),
        stakeholders=_stakeholders(case, plan),
        privacy_law=privacy_law(case.client.country),
        client_names=client_names(case),
        recommended=_recommended(options, e.terminated_by),
        planned_hours=planned,
        option_net=taxed,
        tax=tax,
        pay_to=_pay_to(case, invoice),
        with_plan=_with_plan(case, options, account, raw, taxed, tax),
    )


def _with_plan(
    case: Case, options: Options, account: Account, raw: dict[str, Decimal],
    taxed: dict[str, Decimal], tax: Tax | None,
) -> WithPlan | None:
    """The account with the plan's work: what it adds before tax, the tax of the final
    invoice with it, the final invoice and the balance (`taxed`, as the options' are)."""
    scope = options.plan_scope
    if scope is None:
        return None
    added = raw["reduce_scope"] - account.net
    if not added:
        return None
    net = taxed["reduce_scope"]
    if tax is None:
        return WithPlan(added, None, account.final_invoice + added, net, scope.hours)
    extra = case.round(added * tax.rate / 100)
    return WithPlan(added, tax.amount + extra, tax.gross + added + extra, net, scope.hours)


def _pay_to(case: Case, invoice: FinalInvoice | None) -> PayTo | None:
    """The case's payment details, for a final invoice with something to pay."""
    pay = case.invoice.payment
    if invoice is None or invoice.kind != "invoice" or not invoice.to_pay or not pay.given:
        return None
    return PayTo(
        pay.iban, pay.bic, pay.account, pay.link,
        pay.reference or invoice.number or case.engagement.project,
    )


def _taxed(
    case: Case, nets: dict[str, Decimal], now: Decimal, tax: Tax | None
) -> dict[str, Decimal]:
    """An option's balance with the tax its final invoice would carry (round 12 readers: a
    taxed balance next to untaxed options reads as three different balances): the tax of
    today's invoice plus the rate on what the option changes, rounded once."""
    if tax is None:
        return nets
    return {
        k: v + tax.amount - tax.advances_tax + case.round((v - now) * tax.rate / 100)
        for k, v in nets.items()
    }


def _tax(invoice: FinalInvoice | None) -> Tax | None:
    """The tax of a final invoice (not a credit note), for the letter to say: the settlement's
    amounts are before tax, the invoice adds it."""
    if invoice is None or not invoice.tax or invoice.kind != "invoice":
        return None
    return Tax(
        invoice.tax_name or "tax", invoice.tax_rate, invoice.tax, invoice.gross,
        invoice.to_pay, invoice.to_refund, invoice.advances_tax,
    )
