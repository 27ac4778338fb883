"""The parting package as data: every section built from one case, and the warnings about
the case that the user should see. Writing it is `parting.render.bundle`'s job."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from parting.case.model import Case
from parting.check.rules import Finding, warn_user_sentences
from parting.plan import invoice as s6_invoice
from parting.plan import letter as letter_step
from parting.plan import options as s2_options
from parting.plan import settlement as s6_settlement
from parting.plan import status as s1_status
from parting.plan import transition as s7_transition

FORMAT = "parting-package/1"


@dataclass(frozen=True)
class PlanWarning:
    key: str  # key path in the case file, or "" for the case as a whole
    message: str
    text: str = ""  # the sentence it is about
    finding: Finding | None = None

    def __str__(self) -> str:
        where = f"{self.key}: " if self.key else ""
        quoted = f'\n    "{self.text}"' if self.text else ""
        return f"{where}{self.message}{quoted}"


@dataclass(frozen=True)
class Package:
    case: Case
    status: s1_status.Status
    options: s2_options.Options
    settlement: s6_settlement.Settlement
    transition: s7_transition.TransitionPlan
    letter: letter_step.LetterPlan
    warnings: tuple[PlanWarning, ...]
    cc_stakeholders: bool = False  # letter.eml copies the stakeholders
    invoice: s6_invoice.FinalInvoice | None = None  # the final invoice or credit note

    @property
    def owed(self) -> tuple[Decimal, Decimal]:
        """(balance due, refund due) as the letter gives them: with the final invoice's VAT
        or GST where it adds some, else the settlement's."""
        t = self.letter.tax
        if t is not None:
            return t.to_pay, t.to_refund
        return self.settlement.balance_due, self.settlement.refund_due

    def to_json(self) -> dict[str, Any]:
        c = self.case
        return {
            "format": FORMAT,
            "project": c.engagement.project,
            "client": c.client.name,
            "provider": c.provider.name,
            "terminated_by": c.engagement.terminated_by,
            "notice_given": c.engagement.notice_given.isoformat(),
            "end_date": c.end_date.isoformat(),
            "status": self.status.to_json(),
            "options": self.options.to_json(),
            "warnings": [
                {"key": w.key, "message": w.message, "text": w.text} for w in self.warnings
            ],
        }

def third_person(case: Case, text: str) -> str | None:
    """The words in `text` that speak of the client in the third person ("The client",
    "Kumo Games", "Dana Whitfield"), or None."""
    contact = [w for w in case.client.contact.split() if len(w) > 2 and w[0].isupper()]
    # the name without its legal form, and its first word when distinctive ("Zahnwerk Nord is
    # growing" of "Zahnwerk Nord MVZ GmbH": round 14 had no warning)
    names = [*letter_step.client_names(case)[1:], case.client.contact, *contact[-1:]]
    # whole words only: a contact named "de Wit" is not in "with"
    pattern = "|".join(re.escape(n) for n in names if n) + r"|the (?:client|customer)'?s?"
    found = re.search(rf"\b(?:{pattern})\b", text, re.IGNORECASE)
    return found.group(0) if found else None


def _warnings(
    case: Case, options: s2_options.Options, invoice: s6_invoice.FinalInvoice | None = None,
    offered: s2_options.Options | None = None,
) -> list[PlanWarning]:
    """The plan's warnings; `offered`: the options as the letter offers them (the letter plan
    decides what it leaves out, and this says so)."""
    e = case.engagement
    sentences = {
        f"engagement.{key}": text
        for key in ("reason", "client_benefit", "provider_benefit")
        if (text := getattr(e, key))
    }
    found = [
        PlanWarning(key, f"{f.code} {f.message}", text, f)
        for key, f in warn_user_sentences(sentences)
        for text in [sentences[key]]
    ]
    for key, text in sentences.items():
        if key == "engagement.reason" and e.terminated_by == "client":
            continue  # the client's own reason is acknowledged, never read back to them
        who = third_person(case, text)
        if who:
            found.append(
                PlanWarning(
                    key,
                    f"speaks of the client in the third person ({who!r}); the letter is "
                    "written to them, so say 'you' and 'your'",
                    text,
                )
            )
    from parting.plan import inputs

    found += [PlanWarning(key, message) for key, message in inputs.warnings(case)]
    if case.client.country == "GB":
        # The UK's nations keep different bank holidays; the national list has only those
        # all four share, so Easter Monday and the August bank holiday would be working days.
        found.append(
            PlanWarning(
                "client.country",
                "GB without a nation counts only the bank holidays all of the UK shares "
                "(Easter Monday and the August bank holiday would be working days); give "
                "GB-ENG, GB-WLS, GB-SCT or GB-NIR",
            )
        )
    if options.timeline is not None and offered is not None and offered.timeline is None:
        found.append(
            PlanWarning(
                "options.offer",
                "adjust_timeline is not offered in the letter: you confirm the client's "
                "decision to end the work, so finishing all of it later is not an option for "
                "them (options.md still shows it)",
            )
        )
    if not e.reason and e.terminated_by != "client":
        found.append(PlanWarning("engagement.reason", "no reason given: the letter states none"))
    if not e.client_benefit:
        found.append(
            PlanWarning(
                "engagement.client_benefit",
                "no benefit to the client given: the letter cannot say why this is good for them",
            )
        )
    if not case.options.offer:
        found.append(
            PlanWarning(
                "options.offer",
                "no path forward offered: the letter cannot offer a reduced scope, a referral "
                "or a phase-out",
            )
        )
    if e.tone == "formal" and not case.client.salutation and len(case.client.contact.split()) > 1:
        found.append(
            PlanWarning(
                "client.salutation",
                f"formal tone without a salutation: the letter greets 'Dear "
                f"{case.client.contact},'; give one such as 'Ms "
                f"{case.client.contact.split()[-1]}'",
            )
        )
    scope = options.reduce_scope
    if scope is not None and scope.capped:
        found.append(
            PlanWarning(
                "options.hours_available",
                f"{case.options.hours_available} hours do not fit before the end date at "
                f"{case.options.hours_per_week} hours a week: the reduced scope uses "
                f"{scope.hours_available}",
            )
        )
    if "adjust_timeline" in options.offered and options.timeline is None:
        found.append(
            PlanWarning(
                "options.offer",
                "adjust_timeline: all the estimated work fits before the end date at this "
                "pace, so there is nothing to adjust; the letter does not offer it",
            )
        )
    if options.timeline is not None and options.timeline.unestimated:
        names = ", ".join(options.timeline.unestimated[:5])
        more = len(options.timeline.unestimated) - 5
        found.append(
            PlanWarning(
                "options.offer",
                f"adjust_timeline: {names}{f' and {more} more' if more > 0 else ''} "
                f"{'has' if len(options.timeline.unestimated) == 1 else 'have'} no "
                "estimate_hours, so the timeline's hours and dates leave them out; give each "
                "an estimate",
            )
        )
    if "refer" in case.options.offer and not case.referrals:
        found.append(
            PlanWarning("referrals", "options.offer lists refer but no referrals are given")
        )
    elif "refer" in case.options.offer and not options.refer_matches:
        found.append(
            PlanWarning(
                "options.needs",
                "no referral covers any of the needs: the letter recommends no one",
            )
        )
    addresses = (("provider.email", case.provider.email), ("client.email", case.client.email))
    for key, value in addresses:
        if not value:
            found.append(
                PlanWarning(key, "no e-mail address: letter.eml has a placeholder to fill in")
            )
    if not case.assets:
        found.append(
            PlanWarning("assets", "no assets listed: the handover plan has nothing to transfer")
        )
    if invoice is not None and invoice.tax and invoice.kind == "credit_note":
        # The settlement is before tax; the letter says what an invoice adds, but not what a
        # credit note takes back, so that is said here.
        money = case.format_money
        found.append(
            PlanWarning(
                "invoice.tax_rate",
                f"settlement.md gives amounts before {invoice.tax_name}; "
                + "the letter does not say it; invoice.md adds "
                + f"{invoice.tax_name} of {money(invoice.tax)}, so the "
                f"{'credit note' if invoice.kind == 'credit_note' else 'invoice'} totals "
                f"{money(invoice.gross)} and the total to "
                f"{'pay' if not invoice.to_refund else 'refund'} is "
                f"{money(invoice.to_pay or invoice.to_refund)}",
            )
        )
    if invoice is not None and invoice.missing:
        what = "credit note" if invoice.kind == "credit_note" else "invoice"
        found.append(
            PlanWarning(
                "invoice",
                f"{what} incomplete: {', '.join(invoice.missing)}; invoice.md is not a valid "
                f"{what} without them"
                + (
                    ", and invoice.pdf carries no Factur-X e-invoice"
                    if invoice.e_invoice == "factur-x"
                    else ""
                ),
            )
        )
    return found


def warning_lines(
    case: Case, warnings: Iterable[PlanWarning], place_name: Callable[[str], str] = str
) -> list[str]:
    """The loader's warnings and the plan's, each once, as the faces show them: "file:line:
    key: message" (`place_name` may shorten "file:line"); the same warning on many records
    three times, then counted."""
    from parting.case import load

    found = [*load.load_warnings(case), *((w.key, str(w).removeprefix(f"{w.key}: "))
                                           for w in warnings)]
    said: list[str] = []
    for key, message, more in load.capped_warnings(found):
        if more:
            said.append(f"... and {more:,} more like this")
            continue
        place = load.where(case, key)
        where_key = f"{place_name(place)}: {key}" if place else key
        text = f"{where_key}: {message}" if where_key else message
        if text not in said:  # one warning once, however many rules found it
            said.append(text)
    return said


def build(case: Case, cc_stakeholders: bool = False) -> Package:
    status = s1_status.build(case)
    options = s2_options.build(case)
    settlement = s6_settlement.build(case)
    transition = s7_transition.build(case, settlement)
    invoice = s6_invoice.build(case, settlement, transition)
    letter = letter_step.build(case, status, options, settlement, transition, invoice)
    warnings = tuple(_warnings(case, options, invoice, letter.options))
    return Package(
        case, status, options, settlement, transition, letter, warnings, cc_stakeholders,
        invoice,
    )
