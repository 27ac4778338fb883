"""The rules of `parting check --case`: the facts family, codes F1xx (money), F2xx (dates) and
F3xx (the case's records: invoices, deliverables, people, options).

Declared like the rules of `parting.check` (a stable code, a name, a message, why it exists,
an example that fails and one that passes), but judged against the package that `parting
plan` computes from the case, not by patterns: `parting.facts.match` finds them. This module
imports nothing of the domain, so `parting rules` and `--explain` stay fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parting.check.rules import Finding, Severity, explain_text

PRINCIPLE = "facts"
_CODE_RE = re.compile(r"F[1-3]\d\d")


@dataclass(frozen=True)
class FactRule:
    code: str
    name: str
    message: str
    why: str
    examples_fail: tuple[str, ...]
    examples_pass: tuple[str, ...]
    severity: Severity = "error"
    suggestion: str | None = None
    principle: str = PRINCIPLE
    scope: str = "facts"

    def __post_init__(self) -> None:
        if not _CODE_RE.fullmatch(self.code):
            raise ValueError(f"fact rule code {self.code!r} must look like F101 (F1xx..F3xx)")

    def explain(self) -> str:
        """Text for `parting check --explain CODE`."""
        return explain_text(
            f"{self.code} {self.name} ({self.principle}, {self.severity}, needs --case)",
            self.message, self.why, self.suggestion, self.examples_fail[0],
            self.examples_pass[0],
        )


@dataclass(frozen=True)
class FactFinding(Finding):
    """A finding of the facts family: what the draft states (`found`, "" when it states
    nothing) and what the package computed from the case gives (`expected`)."""

    expected: str = ""
    found: str = ""


_HARBOR = "(for examples/harbor-foods.yaml)"

RULES: tuple[FactRule, ...] = (
    FactRule(
        "F101",
        "wrong-balance",
        "The balance or refund in the draft is not the one the settlement gives.",
        "The client pays what the letter says. A balance that leaves out a component (or "
        "counts one twice, or a waived fee) is the error a reader is least likely to catch and "
        "most likely to hold against you.",
        (f"The balance due is $1,260.00, payable by June 15. {_HARBOR}",),
        (f"The balance due is $1,782.50, payable by June 15. {_HARBOR}",),
        suggestion="State the balance (or refund) of settlement.md; the finding says which "
        "components make the difference.",
    ),
    FactRule(
        "F102",
        "balance-missing",
        "The draft never states the balance or refund the settlement gives.",
        "Without the figure the client cannot check it or pay it; every other amount is a "
        "part of it.",
        (f"I will send my final invoice at the end of the month. {_HARBOR}",),
        (f"The balance due is $1,782.50, payable by June 15. {_HARBOR}",),
        suggestion="Add one sentence with the balance (or refund) and its due date.",
    ),
    FactRule(
        "F103",
        "unknown-amount",
        "An amount said as a total, an invoice, a fee or a refund matches no figure of the "
        "settlement.",
        "Every amount in a letter about money should be one the client can find in the "
        "settlement: a line, a total, an invoice, a rate, a fee or what an option adds.",
        (f"The late fee comes to $30.00 for the month. {_HARBOR}",),
        (f"I'm waiving the late fee of $22.50 on invoice 2026-031. {_HARBOR}",),
        suggestion="Use the figure of settlement.md; the finding names the nearest.",
    ),
    FactRule(
        "F201",
        "wrong-end-date",
        "The end date (or last working day) in the draft is not the case's.",
        "The end date is the decision itself; every other date of the handover is counted "
        "from it.",
        (f"My last day on the project will be June 1, 2026. {_HARBOR}",),
        (f"Our engagement ends on Sunday, May 31, 2026. {_HARBOR}",),
        suggestion="Use the end date of the package (or the last working day before it).",
    ),
    FactRule(
        "F202",
        "end-date-missing",
        "The draft never states the end date the case gives.",
        "A decision without a date is not yet a decision: the client needs the day to plan "
        "the handover.",
        (f"I've decided to end our work together soon. {_HARBOR}",),
        (f"I've decided to end our work together on May 31, 2026. {_HARBOR}",),
        suggestion="Say the end date in the opening paragraph.",
    ),
    FactRule(
        "F203",
        "wrong-due-date",
        "The date a payment or refund is due is not the one the settlement gives.",
        "The due date follows from the end date and the contract's payment terms; another one "
        "invites a late payment or a dispute over late fees.",
        (f"The balance of $1,782.50 is due by June 30. {_HARBOR}",),
        (f"The balance of $1,782.50 is due by June 15. {_HARBOR}",),
        suggestion="Use the due date of settlement.md (the end date plus the payment terms).",
    ),
    FactRule(
        "F204",
        "due-date-missing",
        "The draft never states when the balance or refund is due.",
        "A balance without a date leaves the client to guess the payment terms.",
        (f"The balance due is $1,782.50. {_HARBOR}",),
        (f"The balance due is $1,782.50, payable by June 15. {_HARBOR}",),
        severity="warning",
        suggestion="Add the due date of settlement.md.",
    ),
    FactRule(
        "F205",
        "wrong-weekday",
        "The weekday written with a date is not that date's weekday.",
        "A reader who checks the calendar finds the mismatch and then doubts every other date.",
        ("Our engagement ends on Friday, May 31, 2026.",),
        ("Our engagement ends on Sunday, May 31, 2026.",),
        suggestion="Correct the weekday, or drop it.",
    ),
    FactRule(
        "F301",
        "unknown-invoice",
        "The invoice number is not one of the case's invoices.",
        "An invoice the client cannot find in their books sends them looking for a document "
        "that does not exist.",
        (f"Invoice 2026-013 is still open. {_HARBOR}",),
        (f"Invoice 2026-031 is still open. {_HARBOR}",),
        suggestion="Use the invoice numbers of the case file.",
    ),
    FactRule(
        "F302",
        "wrong-deliverable-status",
        "A deliverable is said to be done that the case has outstanding, or outstanding that "
        "the case has done.",
        "The status is what the client plans the handover from; work called finished that is "
        "not is work nobody picks up.",
        (f"The payment integration is done. {_HARBOR}",),
        (f"The payment integration is not started. {_HARBOR}",),
        suggestion="Say the status the case gives.",
    ),
    FactRule(
        "F303",
        "unknown-person",
        "The letter greets or copies someone the case does not name.",
        "A letter to the wrong name, or copied to a stranger, is the first thing the reader "
        "notices.",
        (f"Hi Dora, {_HARBOR}",),
        (f"Hi Dana, {_HARBOR}",),
        suggestion="Use the names of the client's contact and stakeholders in the case file.",
    ),
    FactRule(
        "F304",
        "option-not-offered",
        "The draft offers a path the case does not offer (options.offer).",
        "Offering work you did not mean to offer (a phase-out, more hours) binds you to it "
        "once the client says yes.",
        ("I can stay on for a gradual phase-out over four weeks. (for a case without "
         "phase_out in options.offer)",),
        (f"I can stay on for a gradual phase-out over four weeks. {_HARBOR}",),
        suggestion="Offer only the paths in options.offer, or add the path to the case.",
    ),
)


def all_fact_rules() -> tuple[FactRule, ...]:
    return RULES


def get_fact_rule(code: str) -> FactRule:
    wanted = code.strip().upper()
    for rule in RULES:
        if rule.code == wanted:
            return rule
    raise KeyError(f"no rule {code!r}")
