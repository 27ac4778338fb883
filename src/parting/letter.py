"""The letter (steps 3, 4 and 5): the decision in plain words, why, the benefit to both sides,
the status, the options, the money and the dated next steps, in the case's tone.

Every paragraph is built from the package's data, so the figures in the letter are the
figures in `settlement.json` and the dates are the dates in `transition.md`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from parting.model import Case
from parting.render.env import format_date, render
from parting.steps.s1_status import Status
from parting.steps.s1_status import summary as status_summary
from parting.steps.s2_options import Options
from parting.steps.s6_settlement import Settlement
from parting.steps.s7_transition import TransitionPlan

# Steps a client acts on or waits for; the rest of the plan is in transition.md.
_LETTER_KINDS = (
    "handover_call",
    "transfer",
    "return",
    "rotate",
    "revoke_access",
    "delete",
    "data_confirmation",
    "final_invoice",
)

_TONES: dict[str, dict[str, str]] = {
    "warm": {
        "greeting": "Hi {first},",
        "thanks": "Thank you for the trust you have placed in me and for the good work we "
        "have done together on {project}. I am glad to have been part of it.",
        "closing": "Warm regards,",
    },
    "neutral": {
        "greeting": "Hello {first},",
        "thanks": "Thank you for the work we have done together on {project}.",
        "closing": "Best regards,",
    },
    "formal": {
        "greeting": "Dear {full},",
        "thanks": "Thank you for the opportunity to work on {project}.",
        "closing": "Yours sincerely,",
    },
}


@dataclass(frozen=True)
class NextStep:
    date: date
    text: str


@dataclass(frozen=True)
class Letter:
    subject: str
    greeting: str
    decision: str
    reason: str | None
    benefit: str | None
    status: str
    options: tuple[str, ...]
    money: tuple[str, ...]
    next_steps: tuple[NextStep, ...]
    thanks: str
    closing: str
    signature: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "greeting": self.greeting,
            "decision": self.decision,
            "reason": self.reason,
            "benefit": self.benefit,
            "status": self.status,
            "options": list(self.options),
            "money": list(self.money),
            "next_steps": [{"date": s.date.isoformat(), "text": s.text} for s in self.next_steps],
            "thanks": self.thanks,
            "closing": self.closing,
            "signature": list(self.signature),
        }


def _sentence(text: str) -> str:
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()  # keeps Babel's no-break spaces
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _decision(case: Case, end: str) -> str:
    e = case.engagement
    project = e.project
    if e.terminated_by == "client":
        return (
            f"As you have decided, our engagement on {project} ends on {end}. This letter sets "
            "out where the work stands, what is owed and how the handover will run."
        )
    if e.terminated_by == "mutual":
        return (
            f"As we agreed, our engagement on {project} ends on {end}. This letter sets out "
            "where the work stands, what is owed and how the handover will run."
        )
    return (
        f"I am writing to let you know that I have decided to end our engagement on {project}. "
        f"My last working day on it will be {end}."
    )


def _benefit(case: Case) -> str | None:
    e = case.engagement
    parts: list[str] = []
    if e.client_benefit:
        parts.append(f"For {case.client.name}, this change means {e.client_benefit.rstrip('.')}")
    if e.provider_benefit:
        parts.append(f"for me, it means {e.provider_benefit.rstrip('.')}")
    if not parts:
        return None
    text = "; ".join(parts)
    if len(parts) == 2:
        text += ". I believe this is the better arrangement for both of us"
    return _sentence(text)


def _money(case: Case, s: Settlement) -> tuple[str, ...]:
    m = case.format_money

    def d(day: date) -> str:
        return format_date(day, case.locale)

    parts: list[str] = []
    if s.final_invoice:
        parts.append(f"My final invoice comes to {m(s.final_invoice)}")
    else:
        parts.append("There is no further work to invoice")
    clauses: list[str] = []
    if s.unpaid_invoices:
        clauses.append(f"together with {m(s.unpaid_invoices)} still unpaid on earlier invoices")
    credits = [
        f"your {label} of {m(-line.amount)}"
        for kind, label in (("deposit_credit", "deposit"), ("prepaid_credit", "prepaid balance"))
        for line in s.lines_of(kind)
    ]
    if credits:
        clauses.append("less " + " and ".join(credits))
    head = parts[0] + ("; " + ", ".join(clauses) if clauses else "")
    if s.balance_due:
        tail = f"the balance due is {m(s.balance_due)}, payable by {d(s.due_date)}"
    elif s.refund_due:
        tail = f"I owe you a refund of {m(s.refund_due)}, which I will pay by {d(s.due_date)}"
    else:
        tail = "neither of us owes the other anything"
    lines = [_sentence(f"{head}: {tail}")]
    if s.kill_fee:
        lines.append(
            _sentence(
                f"As the contract provides when the client ends the engagement, this includes a "
                f"kill fee of {m(s.kill_fee)} on the unearned fixed fees"
            )
        )
    if s.late_fees_waived:
        lines.append(
            _sentence(
                f"I am waiving the late fees of {m(s.late_fees_waived)} that the contract would "
                "allow on the overdue invoices"
            )
        )
    if s.late_fees_charged:
        lines.append(
            _sentence(
                f"As the contract provides, it includes late fees of {m(s.late_fees_charged)} on "
                "the overdue invoices"
            )
        )
    lines.append("The enclosed settlement lists every line.")
    return tuple(lines)


def _next_steps(case: Case, plan: TransitionPlan) -> tuple[NextStep, ...]:
    steps = [s for s in plan.steps if s.kind in _LETTER_KINDS]
    return tuple(NextStep(s.date, _sentence(s.title)) for s in steps)


def build(
    case: Case, status: Status, options: Options, settlement: Settlement, plan: TransitionPlan
) -> Letter:
    tone = _TONES[case.engagement.tone]
    contact = case.client.contact
    end = format_date(case.end_date, case.locale)
    e = case.engagement
    provider = case.provider
    signature = tuple(x for x in (provider.name, provider.business, provider.email) if x)
    return Letter(
        subject=f"{e.project}: our engagement ends on {end}",
        greeting=tone["greeting"].format(first=contact.split()[0], full=contact),
        decision=_decision(case, end),
        reason=_sentence(e.reason) if e.reason else None,
        benefit=_benefit(case),
        status=status_summary(status, case),
        options=options.sentences,
        money=_money(case, settlement),
        next_steps=_next_steps(case, plan),
        thanks=tone["thanks"].format(project=e.project),
        closing=tone["closing"],
        signature=signature,
    )


def render_markdown(letter: Letter, case: Case) -> str:
    return render("letter.md.j2", case, letter=letter)
