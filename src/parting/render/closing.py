"""The close in words (`parting close`): the closing letter and closure.md, from the closing
plan (`parting.plan.closing`) and the package it rests on, in the case's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from parting.plan import settlement as s6
from parting.render import phrases
from parting.render.letter import Block, LetterText, people

if TYPE_CHECKING:
    from parting.plan.closing import Closing
    from parting.plan.package import Package


def letter(pkg: Package, closing: Closing) -> LetterText:
    case, plan = pkg.case, pkg.letter
    ph = phrases.part(case.client.language, "closing").Words(
        case.engagement.tone, case.locale, case.currency, closing.date.year
    )
    writer, reader = people(plan)

    def name(asset_name: str) -> str:
        return str(ph.own_words(asset_name, plan.client_names, False, writer, reader))

    blocks = [Block(ph.opening(plan.project, plan.end, closing.date))]
    done = [h for h in closing.handed if h.done is not None]
    if done:
        blocks.append(Block(
            ph.handed_intro(not closing.open),
            tuple(
                ph.handed(h, name(h.asset.name)) for h in sorted(done, key=lambda h: str(h.done))
            ),
        ))
        personal = [name(h.asset.name) for h in done if h.asset.personal_data]
        if personal:
            blocks.append(Block(ph.data_confirmed(personal, plan.privacy_law)))
    s = closing.settlement
    open_items = [
        ph.still_open(h, name(h.asset.name), s.due_date, closing.date)
        for h in sorted(closing.open, key=lambda h: h.planned or s.due_date)
        if not h.on_payment
    ]
    # what waits for the payment, in one sentence (the assets by action, then the copyright)
    waiting: dict[str, list[str]] = {}
    for h in closing.open:
        if h.on_payment:
            waiting.setdefault(h.asset.action, []).append(name(h.asset.name))
    if waiting or closing.ip_assignment is not None:
        open_items.append(ph.on_payment(
            list(waiting.items()), s.due_date, closing.ip_assignment is not None
        ))
    if open_items:
        blocks.append(Block(ph.open_intro(len(open_items)), tuple(open_items)))

    inv = pkg.invoice
    credit_note = inv is not None and inv.kind == "credit_note"
    amount = inv.gross if inv is not None else s.final_invoice
    to_pay = inv.to_pay if inv is not None else s.balance_due
    to_refund = inv.to_refund if inv is not None else s.refund_due
    money = [ph.invoice(
        credit_note, inv.number if inv is not None else None, amount, s.due_date,
        plan.pay_to, covered=not to_pay,
    )]
    unpaid = [(line.ref, line.amount) for line in s.lines_of(s6.UNPAID_INVOICE)]
    money.append(ph.balance(to_pay, to_refund, s.due_date, unpaid, s.credits))
    if closing.estimate is not None:
        money.append(ph.against_estimate(
            closing.estimate.on, closing.estimate.figures.balance, closing.balance,
            list(closing.changes),
        ))
    blocks.append(Block(" ".join(x for x in money if x)))
    from parting.plan.letter import given_name

    team = [given_name(i.person.name) for i in plan.stakeholders if not i.external][:2]
    blocks.append(Block(ph.thanks(
        plan.terminated_by, plan.started, plan.status.delivered, plan.project, team, plan.end
    )))
    n = plan.names
    return LetterText(
        language=case.client.language,
        subject=ph.subject(plan.terminated_by, plan.project, plan.end),
        greeting=ph.greeting(n.salutation, n.first, n.full, n.titled),
        blocks=tuple(b for b in blocks if b.text or b.items),
        closing=ph.closing(),
        signature=n.signature,
    )


def closure_md(pkg: Package, closing: Closing) -> str:
    """The closure checklist with what is done ([x]) and what is still open ([ ])."""
    case = pkg.case
    ph = phrases.part(case.client.language, "closing").Words(
        case.engagement.tone, case.locale, case.currency, closing.date.year
    )
    words = phrases.part(case.client.language, "transition").Words(case, pkg.transition.dates)
    lines = [
        f"# {ph.closure_title(case.engagement.project)}", "", ph.closure_as_of(closing.date), "",
    ]
    for check, done in closing.checklist:
        lines.append(f"- [{'x' if done else ' '}] {words.check(check)}")
    return "\n".join(lines) + "\n"


#: Every file `parting close` writes: --force replaces a folder that holds nothing else.
CLOSE_FILES = frozenset({
    "closing-letter.md", "closure.md", "invoice.md", "invoice.json", "settlement.md",
    "settlement.json", "closing.json", "invoice.pdf",
})


def files(
    pkg: Package, closing: Closing, invoice_pdf: Callable[[], bytes] | None = None
) -> dict[str, str | bytes]:
    """File name -> content: the closing letter, the closure checklist, the final invoice
    (or credit note; `invoice_pdf` makes invoice.pdf, a Factur-X e-invoice where the case
    asks for one) and the final settlement, and closing.json with all of it as data."""
    from parting.render import markdown
    from parting.render.invoice import invoice_json, invoice_md
    from parting.render.settlement import settlement_json

    case, s = pkg.case, pkg.settlement
    said = letter(pkg, closing)
    final = settlement_json(s, case.client.language)
    data = {
        "closing": closing.to_json(),
        "letter": said.to_json(),
        "settlement": final,
        "invoice": (
            invoice_json(pkg.invoice, s, case.client.language) if pkg.invoice is not None
            else None
        ),
    }
    out: dict[str, str | bytes] = {
        "closing-letter.md": markdown.letter_md(said, case),
        "closure.md": closure_md(pkg, closing),
    }
    if pkg.invoice is not None:
        out["invoice.md"] = invoice_md(pkg.invoice, s, case)
        out["invoice.json"] = _json(data["invoice"])
        if invoice_pdf is not None:
            out["invoice.pdf"] = invoice_pdf()
    out["settlement.md"] = markdown.settlement_md(s, case)
    out["settlement.json"] = _json(final)
    out["closing.json"] = _json(data)
    return out


def _json(data: object) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
