"""Step 7: the transition plan, a dated handover from the notice to past the end date.

Every date is a business day in the client's country (`case.calendar`: weekends and the
public holidays of `client.country`), except two dates that belong to the contract and are
kept exactly as they are: the contractual end date (`case.end_date`, even on a Sunday) and
the payment due date of the final invoice (`case.due_date`, from the settlement rules).

The schedule works forward from the notice and backward from the last working day, and when
the two meet (a short notice period) the forward order wins:

* N, notice: `engagement.notice_given` rolled to a business day. A provider's (or mutual)
  notice is rolled *back*, so the letter never goes out later than the date the notice period
  is counted from; a client's notice is acknowledged on the next business day on or after it.
* W, last working day: the last business day on or before the end date (never before N).
* S, stakeholders: the contact is told first, by the notice itself; every stakeholder is told
  one business day later (N + 1), so that the contact never hears it second-hand. What each is
  told depends a little on the role (finance hears about the final invoice, technical roles
  about the systems and access, everyone else the general picture).
* H, handover call: N + 2 business days: walk through the assets, agree receiving accounts,
  and let the client choose return or deletion of personal data.
* Transfers and returns are spread evenly over the last five business days after the call up
  to D = W - 3 business days (before that the work still uses them), domains first
  (registrar transfers take up to five days), then hosting, accounts, repositories, the
  rest in case-file order. The client confirms each one
  the business day after it (at the latest on C = W - 2).
* R, credentials: rotations, access revocations and deletions happen strictly after the last
  transfer confirmation, normally on W itself, as the work needs its access until then
  (a credential rotated before a transfer is confirmed
  can lock the client out of what it has not yet received). Personal data that was returned
  or transferred is then deleted from the provider's side (the provider's own copies).
* Personal data (GDPR Art. 28(3)(g)): the processor returns or deletes the data at the
  controller's choice and deletes the remaining copies; the written, dated confirmation is
  given on max(W, R) and acknowledged by the client.
* Final invoice: on W, the last business day on or before the end date: the work is done by
  then and, since the due date counts from the end date, an invoice sent later would shorten
  the client's payment term.
* Closure: the first business day after the end date, the payment due date and every other
  step, when the whole checklist (payment received included) can be ticked.

Short notice (end date = notice date, or a day or two later): steps share days, in the order
transfer <= confirm < rotate; what must come strictly later (rotation, deletion, the data
confirmation) moves past the end date rather than break that order.

Cost: one pass over assets and stakeholders, plus one walk over the days of the notice period;
steps are bucketed by date, so only the distinct dates are sorted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

from parting.core.fmt import format_date

if TYPE_CHECKING:
    from parting.case.model import Asset, Case, Stakeholder
    from parting.core.business_days import Calendar
    from parting.plan.settlement import Settlement

Owner = Literal["provider", "client", "both"]

KINDS: tuple[str, ...] = (
    "notice",
    "stakeholder",
    "handover_call",
    "transfer",
    "confirm_transfer",
    "rotate",
    "revoke_access",
    "return",
    "delete",
    "data_confirmation",
    "final_invoice",
    "payment_due",
    "end",
    "closure",
)

#: Steps whose date is the contract's, not a business day of the plan.
CONTRACT_DATED: frozenset[str] = frozenset({"end", "payment_due"})

GDPR = "GDPR Art. 28(3)(g)"

# Countries where the GDPR applies (EU and EEA); the UK has its own UK GDPR.
EEA = frozenset(
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
        "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS",
        "LI", "NO",
    }
)


def privacy_law(country: str | None) -> str | None:
    """The data-protection law whose Art. 28(3)(g) binds a processor in `country`: "GDPR",
    "UK GDPR", or None where neither applies (then the plan says plainly what is done)."""
    if country in EEA:
        return "GDPR"
    if country == "GB":
        return "UK GDPR"
    return None


def citation(country: str | None) -> str:
    """" (GDPR Art. 28(3)(g))" where it applies, else nothing."""
    law = privacy_law(country)
    return f" ({law} Art. 28(3)(g))" if law else ""

#: Transfers and returns are spread over at most this many business days, the last ones
#: before D = W - 3: earlier, the assets are still in use by the work.
TRANSFER_WINDOW = 5

# Transfer order: slow transfers first.
_KIND_PRIORITY = {"domain": 0, "hosting": 1, "account": 2, "repository": 3}

_FINANCE = re.compile(
    r"\b(financ\w*|accounts?|accounting|accountant|billing|bookkeep\w*|cfo|controller|"
    r"treasur\w*|payabl\w*|procurement|purchasing)\b",
    re.IGNORECASE,
)
_TECH = re.compile(
    r"\b(it|cto|cio|tech\w*|develop\w*|engineer\w*|devops|ops|operations|admin\w*|"
    r"system\w*|security|infrastructure|web\w*|product|design\w*|data)\b",
    re.IGNORECASE,
)


def role_part(role: str | None) -> str:
    """What a stakeholder's role takes part in: "finance" (the final invoice), "technical"
    (the systems and the handover call) or "other" (told the general picture)."""
    if role and _FINANCE.search(role):
        return "finance"
    if role and _TECH.search(role):
        return "technical"
    return "other"


@dataclass(frozen=True)
class Step:
    date: date
    kind: str
    title: str
    detail: str
    owner: str  # "provider" | "client" | "both"
    asset: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "title": self.title,
            "detail": self.detail,
            "owner": self.owner,
            "asset": self.asset,
        }


@dataclass(frozen=True)
class TransitionPlan:
    steps: tuple[Step, ...]
    checklist: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "steps": [step.to_json() for step in self.steps],
            "checklist": list(self.checklist),
        }

    def of_kind(self, *kinds: str) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.kind in kinds)


# --- dates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Dates:
    notice: date  # N
    last_day: date  # W
    stakeholders: date  # S
    call: date  # H
    transfer_days: tuple[date, ...]  # business days in (H, D], or (D,) when empty
    confirm_by: date  # C
    end: date
    due: date


def _dates(case: Case, cal: Calendar) -> _Dates:
    given = case.engagement.notice_given
    if case.engagement.terminated_by == "client":
        notice = cal.on_or_after(given)
    else:
        notice = cal.on_or_before(given)
    end = case.end_date
    last_day = max(notice, cal.on_or_before(end))

    def forward(count: int) -> date:
        # N + count business days, but not past W (and never before N).
        return min(cal.add_business_days(notice, count), last_day)

    def backward(count: int, floor: date) -> date:
        # W - count business days, but not before `floor`.
        return max(cal.add_business_days(last_day, -count), floor)

    stakeholders = forward(1)
    call = max(forward(2), stakeholders)
    transfer_by = backward(3, call)
    confirm_by = backward(2, transfer_by)
    days: list[date] = []
    day = call + timedelta(days=1)
    while day <= transfer_by:
        if cal.is_business_day(day):
            days.append(day)
        day += timedelta(days=1)
    return _Dates(
        notice=notice,
        last_day=last_day,
        stakeholders=stakeholders,
        call=call,
        # The last week before D: work on the assets goes on until then, and a registrar
        # transfer (first in the order) still has five business days before W.
        transfer_days=tuple(days[-TRANSFER_WINDOW:]) or (transfer_by,),
        confirm_by=confirm_by,
        end=end,
        due=case.due_date,
    )


# --- texts --------------------------------------------------------------------------------


def _stakeholder_detail(case: Case, person: Stakeholder, d: _Dates, fmt: _Fmt) -> str:
    who = f"{person.name} ({person.role})" if person.role else person.name
    via = f" at {person.email}" if person.email else ""
    head = (
        f"Tell {who}{via} that the engagement on {case.engagement.project} ends on "
        f"{fmt(d.end)} and that {case.client.contact} remains the point of contact for the "
        "change."
    )
    part = role_part(person.role)
    if part == "finance":
        more = (
            f" For finance: the final invoice goes out on {fmt(d.last_day)} and is due on "
            f"{fmt(d.due)}; no invoices follow it."
        )
    elif part == "technical":
        more = (
            " For the systems: which assets move to the client and when (see this plan), "
            "that shared credentials are rotated once the transfers are confirmed, and that "
            f"{case.provider.name}'s access ends by {fmt(d.end)}."
        )
    else:
        more = " What continues until then, what is handed over, and whom to ask afterwards."
    return head + more


def _transfer_detail(asset: Asset, case: Case) -> str:
    client = case.client.name
    if asset.action == "return":
        text = f"Return {asset.name} to {client}"
        if asset.personal_data:
            text += " over a secure channel (encrypted, never as a plain e-mail attachment)"
        text += "."
    elif asset.kind == "domain":
        text = (
            f"Unlock {asset.name}, send the transfer (EPP) code and approve the move to "
            f"{client}'s registrar account; registrar transfers can take up to five days."
        )
    elif asset.kind == "hosting":
        text = (
            f"Move {asset.name} to {client}'s own account (or make the client owner, "
            "with billing on the client's card)."
        )
    elif asset.kind == "repository":
        text = (
            f"Transfer {asset.name} to {client}'s organisation with its full history, "
            "issues and settings."
        )
    elif asset.kind == "account":
        text = (
            f"Make {client} the owner of {asset.name}, with the client's recovery e-mail "
            "and phone number."
        )
    else:
        text = f"Hand {asset.name} over to {client}."
    if asset.personal_data and asset.action != "return":
        text += " It holds personal data: use a secure channel."
    if asset.notes:
        text += f" Note: {asset.notes}"
    return text


def _note(asset: Asset) -> str:
    return f" Note: {asset.notes}" if asset.notes else ""


class _Fmt:
    def __init__(self, locale: str) -> None:
        self.locale = locale

    def __call__(self, day: date) -> str:
        return format_date(day, self.locale)


# --- the plan -----------------------------------------------------------------------------


def build(case: Case, settlement: Settlement | None = None) -> TransitionPlan:
    """The plan for `case`; with its `settlement`, the payment step names the amount and who
    pays whom (a refund is paid by the provider)."""
    cal = case.calendar
    d = _dates(case, cal)
    fmt = _Fmt(case.locale)
    cite = citation(case.client.country)
    provider, client = case.provider.name, case.client.name
    contact = case.client.contact
    project = case.engagement.project
    steps: list[Step] = []
    checklist: list[str] = []

    # Notice.
    by = case.engagement.terminated_by
    to = f"{contact} ({case.client.email})" if case.client.email else contact
    if by == "client":
        steps.append(
            Step(
                d.notice,
                "notice",
                f"Acknowledge {client}'s notice in writing",
                f"Confirm to {to} that the engagement on {project} ends on {fmt(d.end)} "
                "and that this plan covers the handover.",
                "provider",
            )
        )
        checklist.append(f"Notice from {client} acknowledged in writing")
    elif by == "mutual":
        steps.append(
            Step(
                d.notice,
                "notice",
                f"Termination agreement signed with {contact}",
                f"Both sides sign that the engagement on {project} ends on {fmt(d.end)}; "
                "the letter (letter.md) goes with it.",
                "both",
            )
        )
        checklist.append("Termination agreement signed by both sides")
    else:
        steps.append(
            Step(
                d.notice,
                "notice",
                f"Notice letter sent to {contact}",
                f"Send the letter (letter.md) to {to}: the engagement on {project} ends on "
                f"{fmt(d.end)}. {contact} hears it first, before anyone else at {client}.",
                "provider",
            )
        )
        checklist.append(f"Notice letter delivered to {contact}")

    # Stakeholders.
    for person in case.stakeholders:
        steps.append(
            Step(
                d.stakeholders,
                "stakeholder",
                f"Tell {person.name}" + (f", {person.role}" if person.role else ""),
                _stakeholder_detail(case, person, d, fmt),
                "provider",
            )
        )
    if case.stakeholders:
        names = ", ".join(p.name for p in case.stakeholders)
        checklist.append(f"Stakeholders told: {names}")

    # Handover call.
    personal = [a for a in case.assets if a.personal_data]
    call = (
        f"Walk through the {_count(len(case.assets), 'asset')} in this plan, agree the "
        "receiving "
        "account for each transfer and who confirms receipt."
        if case.assets
        else "Walk through open work and agree how questions are handled after the end date."
    )
    if personal:
        call += f" {client} decides whether personal data is returned or deleted{cite}."
    steps.append(Step(d.call, "handover_call", f"Handover call with {contact}", call, "both"))

    # Transfers and returns, spread over (H, D], slow ones first.
    moving = sorted(
        (a for a in case.assets if a.action in ("transfer", "return")),
        key=lambda a: _KIND_PRIORITY.get(a.kind, len(_KIND_PRIORITY)),
    )
    slots = d.transfer_days
    moved: list[tuple[Asset, date]] = []
    for i, asset in enumerate(moving):
        day = slots[i * len(slots) // len(moving)]
        moved.append((asset, day))
        verb = "Return" if asset.action == "return" else "Transfer"
        steps.append(
            Step(
                day,
                asset.action,
                f"{verb} {asset.name}",
                _transfer_detail(asset, case),
                "provider",
                asset.name,
            )
        )
    last_confirm: date | None = None
    for asset, day in moved:
        confirm = max(day, min(cal.add_business_days(day, 1), d.confirm_by))
        last_confirm = confirm if last_confirm is None else max(last_confirm, confirm)
        steps.append(
            Step(
                confirm,
                "confirm_transfer",
                f"Receipt of {asset.name} confirmed",
                f"{contact} confirms in writing that {asset.name} is in {client}'s hands "
                + _works(asset),
                "client",
                asset.name,
            )
        )
        what = "returned" if asset.action == "return" else "transferred"
        checklist.append(f"{asset.name} {what} and receipt confirmed by {contact}")

    # Rotations, revocations, deletions: strictly after the last confirmation.
    # On the last working day: the work uses its access until then.
    after = max(d.call, d.last_day)
    if last_confirm is not None:
        after = max(after, cal.add_business_days(last_confirm, 1))
    confirmations = "after every transfer is confirmed" if moved else "once the handover is done"
    for asset in case.assets:
        if asset.action == "rotate":
            steps.append(
                Step(
                    after,
                    "rotate",
                    f"Rotate {asset.name}",
                    f"{client} sets a new secret {confirmations}; the new one is not shared "
                    f"with {provider}, who deletes the old one from every store." + _note(asset),
                    "client",
                    asset.name,
                )
            )
            checklist.append(f"{asset.name} rotated; {provider} holds no valid secret")
        elif asset.action == "revoke_access":
            steps.append(
                Step(
                    after,
                    "revoke_access",
                    f"Revoke {provider}'s access to {asset.name}",
                    f"{client} removes {provider}'s users, keys and tokens {confirmations}; "
                    f"{provider} checks that sign-in fails." + _note(asset),
                    "both",
                    asset.name,
                )
            )
            checklist.append(f"{provider}'s access to {asset.name} removed")
        elif asset.action == "delete":
            steps.append(
                Step(
                    after,
                    "delete",
                    f"Delete {asset.name}",
                    f"{provider} deletes {asset.name} and every copy (laptop, cloud storage, "
                    "backups, e-mail attachments)"
                    + (f", as {client} chose{cite}." if asset.personal_data else ".")
                    + _note(asset),
                    "provider",
                    asset.name,
                )
            )
            if not asset.personal_data:
                checklist.append(f"{asset.name} deleted, copies included")
    for asset in personal:
        if asset.action in ("transfer", "return"):
            steps.append(
                Step(
                    after,
                    "delete",
                    f"Delete {provider}'s copies of {asset.name}",
                    f"Once {client} has confirmed receipt, {provider} deletes every remaining "
                    "copy of the personal data (laptop, cloud storage, backups, e-mail "
                    f"attachments) unless the law requires keeping it{cite}.",
                    "provider",
                    asset.name,
                )
            )

    # Written confirmation for personal data.
    written = max(d.last_day, after)
    for asset in personal:
        steps.append(
            Step(
                written,
                "data_confirmation",
                f"Written confirmation for {asset.name}",
                f"{provider} confirms to {client} in writing, dated and signed, that the "
                f"personal data in {asset.name} has been {_data_outcome(asset)}{cite}; "
                f"{contact} acknowledges receipt.",
                "both",
                asset.name,
            )
        )
        checklist.append(
            f"Written confirmation received that the personal data in {asset.name} has been "
            f"{_data_outcome(asset)}{cite}"
        )

    # Money and the end.
    terms = case.contract.payment_terms_days
    steps.append(
        Step(
            d.last_day,
            "final_invoice",
            f"Final invoice sent to {contact}",
            f"The final invoice (settlement.md) goes out on the last working day; it is due "
            f"on {fmt(d.due)}, {terms} days after the end date.",
            "provider",
        )
    )
    end_note = "" if cal.is_business_day(d.end) else f" ({_non_working(cal, d.end)})"
    steps.append(
        Step(
            d.end,
            "end",
            "Engagement ends",
            f"The contractual end date{end_note}: {provider}'s work on {project} stops.",
            "both",
        )
    )
    due_note = "" if cal.is_business_day(d.due) else f" It falls on {_non_working(cal, d.due)}."
    when = f"by this date (the end date plus {terms} days, as in the settlement).{due_note}"
    if settlement is not None and settlement.refund_due > 0:
        refund = case.format_money(settlement.refund_due)
        payment = Step(
            d.due, "payment_due", f"Refund of {refund} paid to {client}",
            f"{provider} pays {client} the refund of {refund} {when}", "provider",
        )
        checklist.append(f"Final invoice sent ({fmt(d.last_day)})")
        checklist.append(f"Refund of {refund} paid to {client} (due {fmt(d.due)})")
    elif settlement is not None and settlement.balance_due == 0:
        payment = Step(
            d.due, "payment_due", "Settlement closed: nothing owed either way",
            f"The settlement balances out: neither side owes the other anything ({fmt(d.due)}).",
            "both",
        )
        checklist.append(f"Final invoice sent ({fmt(d.last_day)})")
    else:
        amount = (
            f" of {case.format_money(settlement.balance_due)}" if settlement is not None else ""
        )
        payment = Step(
            d.due, "payment_due", "Final invoice payment due",
            f"{client} pays the balance{amount} {when}", "client",
        )
        checklist.append(f"Final invoice sent ({fmt(d.last_day)})")
        checklist.append(f"Final payment received (due {fmt(d.due)})")
    steps.append(payment)

    latest = max(d.end, d.due, written, after)
    closure = cal.on_or_after(latest + timedelta(days=1))
    steps.append(
        Step(
            closure,
            "closure",
            "Close the engagement",
            "Go through the closure checklist; keep the written confirmations and the "
            "signed-off handover with the engagement records.",
            "both",
        )
    )
    checklist.append(
        f"No client data, credentials or access left with {provider} "
        "(password manager, laptop, backups, e-mail)"
    )
    checklist.append("Written confirmations and the settlement filed with the engagement records")

    return TransitionPlan(steps=_by_date(steps), checklist=tuple(checklist))


def _data_outcome(asset: Asset) -> str:
    if asset.action in ("transfer", "return"):
        return "returned and every remaining copy deleted"
    return "deleted, copies included"


def _works(asset: Asset) -> str:
    if asset.action == "return" or asset.kind in ("file", "dataset"):
        return "and complete (opened and checked, nothing missing)."
    return "and works (signed in as owner, nothing missing)."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _non_working(cal: Calendar, day: date) -> str:
    name = cal.holiday_name(day)
    if name and day.weekday() < 5:
        return f"a public holiday, {name}"
    return "a weekend" if day.weekday() >= 5 else "not a business day"


def _by_date(steps: list[Step]) -> tuple[Step, ...]:
    """Stable order by date: steps on the same day keep the order they were made in."""
    buckets: dict[date, list[Step]] = {}
    for step in steps:
        buckets.setdefault(step.date, []).append(step)
    return tuple(step for day in sorted(buckets) for step in buckets[day])
