"""English: the words of the transition plan (transition.md, the HTML and PDF, the calendar).

The plan (`parting.plan.transition`) decides the steps, their dates and owners; each step and
checklist item comes here as a code with its arguments. The plan is the provider's working
document, so it names both sides in the third person ("Sam Rivera deletes ...").
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from parting.core.fmt import format_date

if TYPE_CHECKING:
    from parting.case.model import Asset, Case, Stakeholder
    from parting.plan.transition import Check, Dates, Step


def _citation(case: Case) -> str:
    from parting.plan.transition import citation

    return citation(case.client.country)


class Words:
    """The transition plan of one case, in English."""

    def __init__(self, case: Case, dates: Dates) -> None:
        self.case = case
        self.d = dates
        self.provider = case.provider.name
        self.client = case.client.name
        self.contact = case.client.contact
        self.project = case.engagement.project
        self.cite = _citation(case)
        self.terms = case.contract.payment_terms_days

    def date(self, day: date) -> str:
        return format_date(day, self.case.locale)

    def money(self, amount: Any) -> str:
        return self.case.format_money(amount)

    # --- steps --------------------------------------------------------------------------------

    def title(self, step: Step) -> str:
        a: Asset | None = step.args.get("asset")
        name = a.name if a is not None else ""
        code = step.code
        if code == "notice.client":
            return f"Acknowledge {self.client}'s notice in writing"
        if code == "notice.mutual":
            return f"Termination agreement signed with {self.contact}"
        if code == "notice.provider":
            return f"Notice letter sent to {self.contact}"
        if code.startswith("stakeholder."):
            person: Stakeholder = step.args["person"]
            return f"Tell {person.name}" + (f", {person.role}" if person.role else "")
        if code == "handover_call":
            return f"Handover call with {self.contact}"
        if code in ("transfer", "return"):
            title = ("Return " if code == "return" else "Transfer ") + name
            return title + _RELEASE_TITLE.get(step.args.get("release", ""), "")
        if code == "confirm_transfer":
            return f"Receipt of {name} confirmed"
        if code == "rotate":
            return f"Rotate {name}"
        if code == "revoke_access":
            return f"Revoke {self.provider}'s access to {name}"
        if code == "delete":
            return f"Delete {name}"
        if code == "delete_copies":
            return f"Delete {self.provider}'s copies of {name}"
        if code == "data_confirmation":
            return f"Written confirmation for {name}"
        if code == "final_invoice":
            return f"Final invoice sent to {self.contact}"
        if code == "end":
            return "Engagement ends"
        if code == "payment_due.refund":
            return f"Refund of {self.money(step.args['amount'])} paid to {self.client}"
        if code == "payment_due.none":
            return "Settlement closed: nothing owed either way"
        if code == "payment_due.balance":
            return "Final invoice payment due"
        if code == "closure":
            return "Close the engagement"
        if code == "ip_assignment":
            return (
                f"Assign the copyright in the delivered work to {self.client}"
                + (", with the final invoice" if step.args.get("release") == "invoice"
                   else ", on payment of the final invoice")
            )
        return code

    def detail(self, step: Step) -> str:
        d, code = self.d, step.code
        a: Asset | None = step.args.get("asset")
        to = f"{self.contact} ({self.case.client.email})" if self.case.client.email else (
            self.contact
        )
        if code == "notice.client":
            return (
                f"Confirm to {to} that the engagement on {self.project} ends on "
                f"{self.date(d.end)} and that this plan covers the handover."
            )
        if code == "notice.mutual":
            return (
                f"Both sides sign that the engagement on {self.project} ends on "
                f"{self.date(d.end)}; the letter (letter.md) goes with it."
            )
        if code == "notice.provider":
            return (
                f"Send the letter (letter.md) to {to}: the engagement on {self.project} ends "
                f"on {self.date(d.end)}. {self.contact} hears it first, before anyone else at "
                f"{self.client}."
            )
        if code.startswith("stakeholder."):
            return self._stakeholder(step.args["person"], code.partition(".")[2])
        if code == "handover_call":
            n = step.args["assets"]
            text = (
                f"Walk through the {n} asset{'s' if n != 1 else ''} in this plan, agree the "
                "receiving account for each transfer and who confirms receipt."
                if n
                else "Walk through open work and agree how questions are handled after the "
                "end date."
            )
            if step.args["personal"]:
                text += (
                    f" {self.client} decides whether personal data is returned or deleted"
                    f"{self.cite}."
                )
            return text
        assert a is not None or code in (
            "final_invoice", "end", "closure", "payment_due.refund", "payment_due.none",
            "payment_due.balance", "ip_assignment",
        )
        if code in ("transfer", "return") and a is not None:
            how = step.args.get("release")
            return self._transfer(a, _RELEASE_WHEN.get(how or "", "")) + self._release(step)
        if code == "ip_assignment":
            how = step.args.get("release")
            return (
                f"{self.provider} signs a written assignment to {self.client} of the copyright "
                f"in the work delivered on {self.project}"
                + _RELEASE_WHEN.get(how or "", "") + "." + self._release(step)
            )
        if code == "confirm_transfer" and a is not None:
            works = (
                "and complete (opened and checked, nothing missing)."
                if a.action == "return" or a.kind in ("file", "dataset")
                else "and works (signed in as owner, nothing missing)."
            )
            return (
                f"{self.contact} confirms in writing that {a.name} is in {self.client}'s "
                f"hands {works}"
            )
        confirmations = (
            "after every transfer is confirmed" if step.args.get("moved")
            else "once the handover is done"
        )
        if code == "rotate" and a is not None:
            return (
                f"{self.client} sets a new secret {confirmations}; the new one is not shared "
                f"with {self.provider}, who deletes the old one from every store." + _note(a)
            )
        if code == "revoke_access" and a is not None:
            if step.args.get("pending"):
                confirmations = (
                    "once the handover transfers are confirmed (those released on payment "
                    "come later)" if step.args.get("moved") else "once the handover is done"
                )
            return (
                f"{self.client} removes {self.provider}'s users, keys and tokens "
                f"{confirmations}; {self.provider} checks that sign-in fails." + _note(a)
            )
        if code == "delete" and a is not None:
            chose = f", as {self.client} chose{self.cite}." if a.personal_data else "."
            return (
                f"{self.provider} deletes {a.name} and every copy (laptop, cloud storage, "
                "backups, e-mail attachments)" + chose + _note(a)
            )
        if code == "delete_copies":
            return (
                f"Once {self.client} has confirmed receipt, {self.provider} deletes every "
                "remaining copy of the personal data (laptop, cloud storage, backups, e-mail "
                f"attachments) unless the law requires keeping it{self.cite}."
            )
        if code == "data_confirmation" and a is not None:
            return (
                f"{self.provider} confirms to {self.client} in writing, dated and signed, that "
                f"the personal data in {a.name} has been {_outcome(a)}{self.cite}; "
                f"{self.contact} acknowledges receipt."
            )
        if code == "final_invoice":
            return (
                "The final invoice (settlement.md) goes out on the last working day; it is "
                f"due on {self.date(d.due)}, {self.terms} days after the end date."
            )
        if code == "end":
            off = step.args.get("off")
            note = f" ({_off(off)})" if off else ""
            return (
                f"The contractual end date{note}: {self.provider}'s work on {self.project} "
                "stops."
            )
        if code.startswith("payment_due."):
            off = step.args.get("off")
            due_note = f" It falls on {_off(off)}." if off else ""
            when = (
                f"by this date (the end date plus {self.terms} days, as in the settlement)."
                f"{due_note}"
            )
            if code == "payment_due.refund":
                refund = self.money(step.args["amount"])
                return f"{self.provider} pays {self.client} the refund of {refund} {when}"
            if code == "payment_due.none":
                return (
                    "The settlement balances out: neither side owes the other anything "
                    f"({self.date(d.due)})."
                )
            amount = step.args.get("amount")
            of = f" of {self.money(amount)}" if amount is not None else ""
            return f"{self.client} pays the balance{of} {when}"
        if code == "closure":
            return (
                "Go through the closure checklist; keep the written confirmations and the "
                "signed-off handover with the engagement records."
            )
        return ""

    def _stakeholder(self, person: Stakeholder, part: str) -> str:
        d = self.d
        who = f"{person.name} ({person.role})" if person.role else person.name
        via = f" at {person.email}" if person.email else ""
        head = (
            f"Tell {who}{via} that the engagement on {self.project} ends on "
            f"{self.date(d.end)} and that {self.contact} remains the point of contact for "
            "the change."
        )
        if part == "finance":
            return head + (
                f" For finance: the final invoice goes out on {self.date(d.last_day)} and is "
                f"due on {self.date(d.due)}; no invoices follow it."
            )
        if part == "technical":
            return head + (
                " For the systems: which assets move to the client and when (see this plan), "
                "that shared credentials are rotated once the transfers are confirmed, and "
                f"that {self.provider}'s access ends by {self.date(d.end)}."
            )
        return head + (
            " What continues until then, what is handed over, and whom to ask afterwards."
        )

    def _release(self, step: Step) -> str:
        """What waits for the payment, said where it happens after the end date."""
        if step.args.get("release") == "invoice":
            return " Nothing is left to pay, so there is no payment to wait for."
        if step.args.get("after_end"):
            return (
                f" This is after the end date ({self.date(self.d.end)}): it waits for the "
                "payment, as agreed."
            )
        return ""

    def _transfer(self, a: Asset, when: str = "") -> str:
        """The transfer or return; `when` (", once the final invoice is paid") is said with
        the action itself."""
        client = self.client
        if a.action == "return":
            text = f"Return {a.name} to {client}"
            if a.personal_data and a.kind == "other":  # may be on paper
                text += " by hand or over a secure channel"
            elif a.personal_data:
                text += " over a secure channel (encrypted, never as a plain e-mail attachment)"
            text += when + "."
        elif a.kind == "domain":
            text = (
                f"Unlock {a.name}, send the transfer (EPP) code and approve the move to "
                f"{client}'s registrar account{when}; registrar transfers can take up to five "
                "days."
            )
        elif a.kind == "hosting":
            text = (
                f"Move {a.name} to {client}'s own account (or make the client owner, "
                f"with billing on the client's card){when}."
            )
        elif a.kind == "repository":
            text = (
                f"Transfer {a.name} to {client}'s organisation with its full history, "
                f"issues and settings{when}."
            )
        elif a.kind == "account":
            text = (
                f"Make {client} the owner of {a.name}, with the client's recovery e-mail "
                f"and phone number{when}."
            )
        else:
            text = f"Hand {a.name} over to {client}{when}."
        if a.personal_data and a.action != "return":
            text += " It holds personal data: use a secure channel."
        if a.notes:
            text += f" Note: {a.notes}"
        return text

    # --- the closure checklist ------------------------------------------------------------

    def check(self, item: Check) -> str:
        d, code = self.d, item.code
        a: Asset | None = item.args.get("asset")
        name = a.name if a is not None else ""
        if code == "notice.client":
            return f"Notice from {self.client} acknowledged in writing"
        if code == "notice.mutual":
            return "Termination agreement signed by both sides"
        if code == "notice.provider":
            return f"Notice letter delivered to {self.contact}"
        if code == "stakeholders":
            return "Stakeholders told: " + ", ".join(p.name for p in item.args["people"])
        if code == "moved" and a is not None:
            what = "returned" if a.action == "return" else "transferred"
            return f"{name} {what} and receipt confirmed by {self.contact}"
        if code == "rotated":
            return f"{name} rotated; {self.provider} holds no valid secret"
        if code == "revoked":
            return f"{self.provider}'s access to {name} removed"
        if code == "deleted":
            return f"{name} deleted, copies included"
        if code == "data_confirmed" and a is not None:
            return (
                f"Written confirmation received that the personal data in {name} has been "
                f"{_outcome(a)}{self.cite}"
            )
        if code == "ip_assigned":
            return f"Copyright in the delivered work assigned to {self.client} in writing"
        if code == "invoice_sent":
            return f"Final invoice sent ({self.date(d.last_day)})"
        if code == "refund_paid":
            return (
                f"Refund of {self.money(item.args['amount'])} paid to {self.client} "
                f"(due {self.date(d.due)})"
            )
        if code == "payment_received":
            return f"Final payment received (due {self.date(d.due)})"
        if code == "nothing_left":
            return (
                f"No client data, credentials or access left with {self.provider} "
                "(password manager, laptop, backups, e-mail)"
            )
        if code == "filed":
            return "Written confirmations and the settlement filed with the engagement records"
        return code


#: How a release is said: on payment of the final invoice, or with it (nothing to pay).
_RELEASE_TITLE = {"payment": ", on payment", "invoice": ", with the final invoice"}
_RELEASE_WHEN = {
    "payment": ", once the final invoice is paid",
    "invoice": ", with the final invoice",
}


def _note(asset: Asset) -> str:
    return f" Note: {asset.notes}" if asset.notes else ""


def _outcome(asset: Asset) -> str:
    if asset.action in ("transfer", "return"):
        return "returned and every remaining copy deleted"
    return "deleted, copies included"


def _off(reason: str) -> str:
    """Why a date is not a business day: "a weekend", "a public holiday, Memorial Day"."""
    if reason == "weekend":
        return "a weekend"
    if reason == "closed":
        return "not a business day"
    return f"a public holiday, {reason}"
