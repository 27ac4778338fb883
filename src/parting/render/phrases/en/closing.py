"""English: the closing letter `parting close` writes at the end of the engagement, and the
headings of closure.md. The letter is short: the end, what was handed over and what is still
open, the final amount with its due date and how to pay, what changed since the estimate, and
thanks. Like the notice letter, it is written from me to you."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parting.render.phrases.en import Phrases, _plural, join, the

if TYPE_CHECKING:
    from parting.plan.closing import Change, Handed

#: What became of an asset, said after its name once it is done.
_DONE = {
    "transfer": "transferred to you",
    "return": "returned to you",
    "rotate": "changed, so that I no longer hold a valid one",
    "revoke_access": "my access removed",
    "delete": "deleted, with every copy I held",
}
#: What is still to happen to an asset: "I will ..." with when ({w}) in its place.
_TO_DO = {
    "transfer": "transfer {a} to you {w}",
    "return": "return {a} to you {w}",
    "rotate": "see that {a} {be} changed {w}, so that I no longer hold a valid one",
    "revoke_access": "see that my access to {a} is removed {w}",
    "delete": "delete {a} {w}, with every copy I hold",
}



def _to_do(action: str, name: str, when: str) -> str:
    said = _TO_DO[action].format(a=name, w=when, be="are" if _plural(name) else "is")
    return re.sub(r" +(?=[,.]|$)", "", said).replace("  ", " ")


#: Where a compared figure changed: "$12.00 more in expenses".
_GROUP = {
    "time": "for time",
    "fixed_fees": "in fixed fees",
    "expenses": "in expenses",
    "retainer": "in the retainer",
    "kill_fee": "in the kill fee",
    "notice_pay": "in pay in lieu of notice",
    "statutory_interest": "in statutory interest and compensation",
    "late_fees": "in late fees",
    "unpaid_invoices": "on the earlier invoices",
    "credits": "in credits set against it",
}


class Words(Phrases):
    """The closing letter's sentences; greeting, dates, money and thanks are the notice
    letter's own (`Phrases`)."""

    def subject(self, by: str, project: str, end: dt.date) -> str:
        return f"{project}: final invoice and handover"

    def opening(self, project: str, end: dt.date, today: dt.date) -> str:
        ends = f"ends today, {self.date(end)}" if end == today else (
            f"ended on {self.date(end)}" if end < today else f"ends on {self.date(end)}"
        )
        return self.t(
            "Our work together on {p} {e}, so here is my final invoice and where the "
            "handover stands.",
            p=the(project), e=ends,
        )

    def handed_intro(self, every: bool) -> str:
        if every:
            return self.t("Everything is handed over:")
        return self.t("What I have handed over:")

    def handed(self, h: Handed, name: str) -> str:
        assert h.done is not None
        return f"{self.date(h.done)}: {the(name)}, {_DONE[h.asset.action]}."

    def data_confirmed(self, names: list[str], law: str | None) -> str:
        where = f" under {law} Art. 28(3)(g)" if law else ""
        return self.t(
            "This letter is my written confirmation{w} that the personal data in {n} is "
            "back with you or deleted, and that I keep no copy of it.",
            w=where, n=join([the(x) for x in names]),
        )

    def open_intro(self, count: int) -> str:
        return self.t("Still to do:") if count else ""

    def still_open(self, h: Handed, name: str, due: dt.date, today: dt.date) -> str:
        if h.on_payment:
            return self.t(
                "Once the final invoice is paid (it is due by {due}), I will {v}.",
                due=self.date(due), v=_to_do(h.asset.action, the(name), ""),
            )
        when = (
            f"by {self.date(h.planned)}" if h.planned and h.planned >= today
            else "in the next few days"
        )
        return self.t(
            "I will {v}, and let you know when it is done.",
            v=_to_do(h.asset.action, the(name), when),
        )

    def on_payment(
        self, actions: list[tuple[str, list[str]]], due: dt.date, ip: bool
    ) -> str:
        """Everything that waits for the payment, in one sentence: "Once the final invoice is
        paid (it is due by 29 November), I will transfer the drawings and the 3D model to you
        and assign the copyright in the delivered work to you." """
        verbs = [_to_do(action, join([the(n) for n in names]), "") for action, names in actions]
        if ip:
            verbs.append("assign the copyright in the delivered work to you, as our contract "
                         "provides")
        return self.t(
            "Once the final invoice is paid (it is due by {due}), I will {v}.",
            due=self.date(due), v=join(verbs),
        )

    def invoice(
        self, credit_note: bool, number: str | None, amount: Decimal, due: dt.date,
        pay: Any, covered: bool = False,
    ) -> str:
        no = f" {number}" if number else ""
        if credit_note:
            return self.t(
                "My credit note{n} for {m} is attached.", n=no, m=self.money(amount)
            )
        if not amount:
            return ""
        if covered:
            return self.t(
                "My final invoice{n} for {m} is attached; what you paid in advance covers it.",
                n=no, m=self.money(amount),
            )
        return self.t(
            "My final invoice{n} for {m} is attached; it is due by {due}.",
            n=no, m=self.money(amount), due=self.date(due),
        ) + self._pay(pay)

    def balance(
        self, balance: Decimal, refund: Decimal, due: dt.date, unpaid: list[tuple[str, Decimal]],
        credits: Decimal,
    ) -> str:
        parts = []
        if unpaid:
            parts.append(join([f"invoice {n} ({self.money(m)} still unpaid)" for n, m in unpaid]))
        if credits:
            parts.append(f"the {self.money(credits)} you paid in advance set against it")
        if refund:
            return self.t(
                "With {w}, I owe you {m}, which I will pay you by {due}; please send me the "
                "bank details to pay it to.",
                w=join(parts) if parts else "everything set against each other",
                m=self.money(refund), due=self.date(due),
            )
        if not balance:
            return self.t("With that, nothing is owed on either side.")
        if not parts:
            return ""
        return self.t(
            "With {w}, the balance due is {m}, by {due}.",
            w=" and ".join(parts), m=self.money(balance), due=self.date(due),
        )

    def against_estimate(
        self, on: dt.date | None, estimate: Decimal, final: Decimal, changes: list[Change],
    ) -> str:
        letter = f"my letter of {self.date(on)}" if on else "my notice letter"
        if estimate == final and not changes:
            return self.t("The figures are as I estimated them in {l}.", l=letter)
        diff = final - estimate
        how = (
            f"{self.money(abs(diff))} {'more' if diff > 0 else 'less'} than"
            if diff else "the same total as"
        )
        said = [self._change(c) for c in changes]
        return self.t(
            "That is {h} the {m} I estimated in {l}: {c}.",
            h=how, m=self.money(estimate), l=letter, c=join(said),
        )

    def _change(self, c: Change) -> str:
        diff = c.final - c.estimate
        if c.group == "credits":
            diff = -diff  # a larger credit lowers the balance
        if c.hours is not None and c.hours[0] != c.hours[1]:
            more = c.hours[1] - c.hours[0]
            return (
                f"{self.hours(abs(more))} {'more' if more > 0 else 'fewer'} of work than "
                f"planned ({self.money(abs(c.final - c.estimate))})"
            )
        return f"{self.money(abs(diff))} {'more' if diff > 0 else 'less'} {_GROUP[c.group]}"

    # closure.md
    def closure_title(self, project: str) -> str:
        return f"Closure checklist: {project}"

    def closure_as_of(self, day: dt.date) -> str:
        return f"As of {self.date(day)}, with the final invoice."
