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
* Release on payment (`assets[].release: on_payment`): such a transfer or return is not
  spread over the handover days but dated P, the payment due date of the final invoice
  (rolled forward to a business day), usually after the end date: the step says so, and that
  the asset goes to the client once the final invoice is paid. Where nothing is left to pay
  (a refund or a zero balance), there is nothing to wait for: P is the final invoice date, W.
  The client confirms receipt the business day after P; credentials are rotated only after
  that confirmation too (the rule above), and personal data released so is deleted from the
  provider's side, and confirmed in writing, after it. Access revocations and deletions of
  other assets keep their date: a release is from the provider's side.
* Copyright (`contract.ip_assignment: true`): the provider assigns the copyright in the
  delivered work to the client on P as well, a step of its own.
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
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from parting.case.model import Asset, Case
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
    "ip_assignment",
    "payment_due",
    "end",
    "closure",
)

#: Steps whose date is the contract's, not a business day of the plan.
CONTRACT_DATED: frozenset[str] = frozenset({"end", "payment_due"})

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
    country = country.partition("-")[0] if country else None  # "GB-SCT" is in GB
    if country in EEA:
        return "GDPR"
    if country == "GB":
        return "UK GDPR"
    return None


def article(country: str | None) -> str | None:
    """"GDPR Art. 28(3)(g)" (or the UK GDPR's) where it applies, else None."""
    law = privacy_law(country)
    return f"{law} Art. 28(3)(g)" if law else None


def citation(country: str | None) -> str:
    """" (GDPR Art. 28(3)(g))" where it applies, else nothing."""
    cited = article(country)
    return f" ({cited})" if cited else ""

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
    """One dated step. What it says is `code` with its `args` (the asset, the person, the
    dates and amounts it names): the words are the phrase module's
    (`parting.render.phrases.<language>.transition`)."""

    date: date
    kind: str
    code: str  # which sentence: "notice.client", "transfer", "payment_due.refund", ...
    owner: str  # "provider" | "client" | "both"
    asset: str | None = None
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    """One item of the closure checklist, as a code and its arguments."""

    code: str
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TransitionPlan:
    steps: tuple[Step, ...]
    checklist: tuple[Check, ...]
    dates: Dates

    def of_kind(self, *kinds: str) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.kind in kinds)


# --- dates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dates:
    notice: date  # N
    last_day: date  # W
    stakeholders: date  # S
    call: date  # H
    transfer_days: tuple[date, ...]  # business days in (H, D], or (D,) when empty
    confirm_by: date  # C
    end: date
    due: date


def notice_and_last_day(case: Case, cal: Calendar) -> tuple[date, date]:
    """N and W: the notice (the letter's date) rolled to a business day, back for the
    provider's or a mutual notice, forward for the acknowledgement of the client's; and the
    last business day on or before the end date, never before N. A letter that confirms an
    earlier notice (`engagement.written_on`) is dated on its own day, and the plan from it."""
    given = case.engagement.written_on or case.engagement.notice_given
    if case.engagement.terminated_by == "client":
        notice = cal.on_or_after(given)
    else:
        notice = cal.on_or_before(given)
    return notice, max(notice, cal.on_or_before(case.end_date))


def _dates(case: Case, cal: Calendar) -> Dates:
    notice, last_day = notice_and_last_day(case, cal)
    end = case.end_date

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
    return Dates(
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


# --- the plan -----------------------------------------------------------------------------


def build(case: Case, settlement: Settlement | None = None) -> TransitionPlan:
    """The plan for `case`; with its `settlement`, the payment step names the amount and who
    pays whom (a refund is paid by the provider)."""
    cal = case.calendar
    d = _dates(case, cal)
    steps: list[Step] = []
    checklist: list[Check] = []

    # Notice.
    by = case.engagement.terminated_by
    if by == "client":
        steps.append(Step(d.notice, "notice", "notice.client", "provider"))
        checklist.append(Check("notice.client"))
    elif by == "mutual":
        steps.append(Step(d.notice, "notice", "notice.mutual", "both"))
        checklist.append(Check("notice.mutual"))
    else:
        steps.append(Step(d.notice, "notice", "notice.provider", "provider"))
        checklist.append(Check("notice.provider"))

    # Stakeholders: what each is told depends on the role.
    for person in case.stakeholders:
        steps.append(
            Step(
                d.stakeholders, "stakeholder", f"stakeholder.{role_part(person.role)}",
                "provider", args={"person": person},
            )
        )
    if case.stakeholders:
        checklist.append(Check("stakeholders", {"people": tuple(case.stakeholders)}))

    # Handover call.
    personal = [a for a in case.assets if a.personal_data]
    steps.append(
        Step(
            d.call, "handover_call", "handover_call", "both",
            args={"assets": len(case.assets), "personal": bool(personal)},
        )
    )

    # Transfers and returns, spread over the last days up to D, slow ones first; those
    # released on payment wait for P.
    moving = sorted(
        (a for a in case.assets if a.action in ("transfer", "return") and not a.on_payment),
        key=lambda a: _KIND_PRIORITY.get(a.kind, len(_KIND_PRIORITY)),
    )
    slots = d.transfer_days
    moved: list[tuple[Asset, date]] = []
    for i, asset in enumerate(moving):
        day = slots[i * len(slots) // len(moving)]
        moved.append((asset, day))
        steps.append(
            Step(day, asset.action, asset.action, "provider", asset.name, {"asset": asset})
        )
    last_confirm: date | None = None
    for asset, day in moved:
        confirm = max(day, min(cal.add_business_days(day, 1), d.confirm_by))
        last_confirm = confirm if last_confirm is None else max(last_confirm, confirm)
        steps.append(
            Step(
                confirm, "confirm_transfer", "confirm_transfer", "client", asset.name,
                {"asset": asset},
            )
        )
        checklist.append(Check("moved", {"asset": asset}))

    # Released on payment: on P, confirmed the business day after.
    release = _release(case, cal, d, settlement)
    released = [a for a in case.assets if a.on_payment]
    release_steps: list[Step] = []
    last_release: date | None = None
    if release is not None:
        when: dict[str, Any] = {"release": release.how, "after_end": release.day > d.end}
        for asset in released:
            release_steps.append(
                Step(release.day, asset.action, asset.action, "provider", asset.name,
                     {"asset": asset} | when)
            )
        confirmed = cal.add_business_days(release.day, 1)
        for asset in released:
            last_release = confirmed
            release_steps.append(
                Step(
                    confirmed, "confirm_transfer", "confirm_transfer", "client", asset.name,
                    {"asset": asset},
                )
            )
            checklist.append(Check("moved", {"asset": asset}))
        if case.contract.ip_assignment:
            release_steps.append(
                Step(release.day, "ip_assignment", "ip_assignment", "provider", args=when)
            )
            checklist.append(Check("ip_assigned", when))

    # Rotations, revocations, deletions: strictly after the last confirmation.
    # On the last working day: the work uses its access until then.
    after = max(d.call, d.last_day)
    if last_confirm is not None:
        after = max(after, cal.add_business_days(last_confirm, 1))
    # Credentials, and the copies of personal data released on payment: after the release.
    after_release = after
    if last_release is not None:
        after_release = max(after, cal.add_business_days(last_release, 1))
    for asset in case.assets:
        args: dict[str, Any] = {"asset": asset, "moved": bool(moved)}
        if released and asset.action == "rotate":
            args["moved"] = True  # after those released on payment too
        elif released and asset.action == "revoke_access":
            args["pending"] = True  # before those released on payment: said so
        if asset.action == "rotate":
            steps.append(Step(after_release, "rotate", "rotate", "client", asset.name, args))
            checklist.append(Check("rotated", args))
        elif asset.action == "revoke_access":
            steps.append(
                Step(after, "revoke_access", "revoke_access", "both", asset.name, args)
            )
            checklist.append(Check("revoked", args))
        elif asset.action == "delete":
            steps.append(Step(after, "delete", "delete", "provider", asset.name, args))
            if not asset.personal_data:
                checklist.append(Check("deleted", args))
    for asset in personal:
        if asset.action in ("transfer", "return"):
            day = after_release if asset.on_payment else after
            steps.append(
                Step(day, "delete", "delete_copies", "provider", asset.name, {"asset": asset})
            )

    # Written confirmation for personal data.
    written = max(d.last_day, after)
    for asset in personal:
        steps.append(
            Step(
                max(written, after_release) if asset.on_payment else written,
                "data_confirmation", "data_confirmation", "both", asset.name,
                {"asset": asset},
            )
        )
        checklist.append(Check("data_confirmed", {"asset": asset}))

    # Money and the end.
    steps.append(Step(d.last_day, "final_invoice", "final_invoice", "provider"))
    steps.append(
        Step(d.end, "end", "end", "both", args={"off": _non_working(cal, d.end)})
    )
    due_args = {"off": _non_working(cal, d.due)}
    if settlement is not None and settlement.refund_due > 0:
        payment = Step(
            d.due, "payment_due", "payment_due.refund", "provider",
            args=due_args | {"amount": settlement.refund_due},
        )
        checklist.append(Check("invoice_sent"))
        checklist.append(Check("refund_paid", {"amount": settlement.refund_due}))
    elif settlement is not None and settlement.balance_due == 0:
        payment = Step(d.due, "payment_due", "payment_due.none", "both", args=due_args)
        checklist.append(Check("invoice_sent"))
    else:
        amount = settlement.balance_due if settlement is not None else None
        payment = Step(
            d.due, "payment_due", "payment_due.balance", "client",
            args=due_args | {"amount": amount},
        )
        checklist.append(Check("invoice_sent"))
        checklist.append(Check("payment_received"))
    steps.append(payment)
    # What is released on payment follows the payment (or the final invoice) on its day.
    steps.extend(release_steps)

    latest = max(d.end, d.due, written, after)
    if released:
        latest = max(latest, after_release)
    elif release_steps:
        latest = max(latest, release_steps[-1].date)
    closure = cal.on_or_after(latest + timedelta(days=1))
    steps.append(Step(closure, "closure", "closure", "both"))
    checklist.append(Check("nothing_left"))
    checklist.append(Check("filed"))

    return TransitionPlan(steps=_by_date(steps), checklist=tuple(checklist), dates=d)


@dataclass(frozen=True)
class Release:
    """P: when what waits for the payment goes to the client, and why then."""

    day: date
    how: str  # "payment": on the payment due date | "invoice": nothing to pay, with it


def _release(
    case: Case, cal: Calendar, d: Dates, settlement: Settlement | None
) -> Release | None:
    """P, for a case with assets released on payment or a copyright assignment: the payment
    due date (the next business day if it is none), after which the final invoice is paid;
    the final invoice date W when nothing is left to pay (a refund or a zero balance). None
    when nothing waits for the payment."""
    if not case.contract.ip_assignment and not any(a.on_payment for a in case.assets):
        return None
    if settlement is not None and settlement.balance_due <= 0:
        return Release(d.last_day, "invoice")
    return Release(max(cal.on_or_after(d.due), d.last_day), "payment")


def _non_working(cal: Calendar, day: date) -> str | None:
    """Why `day` is not a business day: the holiday's name, "weekend", or None if it is one.
    """
    if cal.is_business_day(day):
        return None
    name = cal.holiday_name(day)
    if name and day.weekday() < 5:
        return name
    return "weekend" if day.weekday() >= 5 else "closed"


def _by_date(steps: list[Step]) -> tuple[Step, ...]:
    """Stable order by date: steps on the same day keep the order they were made in."""
    buckets: dict[date, list[Step]] = {}
    for step in steps:
        buckets.setdefault(step.date, []).append(step)
    return tuple(step for day in sorted(buckets) for step in buckets[day])
