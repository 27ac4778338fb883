"""The final invoice in words: invoice.md and the invoice in package.json, from
`parting.plan.invoice` (which computes; nothing is computed here)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parting.case.model import EU_COUNTRIES
from parting.render.env import render, table_cell
from parting.render.settlement import describer

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.plan.invoice import FinalInvoice, InvoiceLine
    from parting.plan.settlement import Settlement

_TAX_ID_LABELS = {"GB": "VAT number", "AU": "ABN", "NZ": "GST number", "US": "EIN"}


def tax_id_label(country: str | None, tax_id: str | None = None) -> str:
    """What a party's tax id is called on an English invoice, by its country: in the EU a
    VAT number, unless it is a national tax number (no country prefix: a German
    Steuernummer)."""
    from parting.plan.invoice import vat_id

    nation = (country or "")[:2]
    if nation in EU_COUNTRIES:
        national = tax_id is not None and vat_id(tax_id, country) is None
        return "Tax number" if national else "VAT number"
    return _TAX_ID_LABELS.get(nation, "Tax id")


def invoice_json(invoice: FinalInvoice, settlement: Settlement, language: str) -> dict[str, Any]:
    return invoice.to_json(describer(settlement, language))


#: Above this many lines invoice.pdf sums the time by deliverable and rate (and, if that is
#: still too many rows, shows the largest and sums the rest in one row), as the settlement's
#: PDF does: a 1,500-line invoice would take seconds to typeset and fill dozens of pages.
#: invoice.md, factur-x.xml, settlement.csv and package.json keep every line.
ROWS_MAX = 20


def _rows(invoice: FinalInvoice, describe: Any, case: Case) -> list[dict[str, str]]:
    from decimal import Decimal

    from parting.core.fmt import format_number
    from parting.render.labels import label

    def row(item: str, net: Decimal, tax: Decimal) -> dict[str, str]:
        m = case.format_money
        return {"item": item, "net": m(net), "tax": m(tax), "gross": m(net + tax)}

    lines = invoice.lines
    if len(lines) <= ROWS_MAX:
        return [row(describe(x.line), x.net, x.tax) for x in lines]
    # (item, count, hours, net, tax): time by what it was for, the rest one by one
    groups: dict[str, list[InvoiceLine]] = {}
    parts: list[tuple[str, int, Decimal | None, Decimal, Decimal]] = []
    for x in lines:
        if x.line.kind == "time":
            groups.setdefault(describe.group(x.line), []).append(x)
        else:
            parts.append((describe(x.line), 1, None, x.net, x.tax))
    for name, xs in groups.items():
        hours = sum((x.line.hours or Decimal(0) for x in xs), Decimal(0))
        net = sum((x.net for x in xs), Decimal(0))
        parts.append((name, len(xs), hours, net, sum((x.tax for x in xs), Decimal(0))))
    parts.sort(key=lambda p: abs(p[3]), reverse=True)

    def said(part: tuple[str, int, Decimal | None, Decimal, Decimal]) -> str:
        name, count, hours, _net, _tax = part
        if hours is None:
            return name
        number = format_number(hours.normalize(), case.locale)
        entries = label("settlement.entries", count=format_number(count, case.locale))
        return label("settlement.group_row", name=name, entries=entries, hours=number)

    if len(parts) <= ROWS_MAX:
        return [row(said(p), p[3], p[4]) for p in parts]
    shown, rest = parts[: ROWS_MAX - 1], parts[ROWS_MAX - 1 :]
    others = label(
        "invoice.other_lines", count=format_number(sum(p[1] for p in rest), case.locale)
    )
    return [
        *(row(said(p), p[3], p[4]) for p in shown),
        row(others, sum((p[3] for p in rest), Decimal(0)), sum((p[4] for p in rest), Decimal(0))),
    ]


def invoice_view(invoice: FinalInvoice, settlement: Settlement, case: Case) -> dict[str, Any]:
    """What the HTML of invoice.pdf shows besides the FinalInvoice itself, in words."""
    from parting.plan.invoice import REVERSE_CHARGE
    from parting.render.labels import label

    describe = describer(settlement, case.client.language)
    credit = invoice.kind == "credit_note"
    name = invoice.tax_name or ""
    deposit = bool(settlement.lines_of("deposit_credit"))
    prepaid = bool(settlement.lines_of("prepaid_credit"))
    numbers = ", ".join(invoice.credited)
    return {
        "inv": invoice,
        "title": label("invoice.credit_note" if credit else "invoice.title"),
        "number": invoice.number or label("invoice.no_number"),
        "rows": _rows(invoice, describe, case),
        "rows_summed": len(invoice.lines) > ROWS_MAX,
        "tax_heading": name[:1].upper() + name[1:],
        "provider_tax_label": tax_id_label(case.provider.country, case.provider.tax_id),
        "client_tax_label": tax_id_label(case.client.country, case.client.tax_id),
        "reverse_charge": REVERSE_CHARGE,
        "credited": label(
            "invoice.credits_invoice" if len(invoice.credited) == 1
            else "invoice.credits_invoices",
            numbers=numbers,
        ),
        "advances_label": _with_tax(label(
            "invoice.deposit_and_prepaid" if deposit and prepaid
            else "invoice.deposit" if deposit else "invoice.prepaid"
        ), invoice, label),
    }


def _with_tax(what: str, invoice: FinalInvoice, label: Any) -> str:
    """The advances' label, saying they are credited with the tax paid on them."""
    if not invoice.advances_tax:
        return what
    return str(label("invoice.with_tax", what=what, tax=invoice.tax_name or ""))


def invoice_md(invoice: FinalInvoice, settlement: Settlement, case: Case) -> str:
    """invoice.md: the final invoice (or credit note), in the letter's locale."""
    from parting.plan.invoice import REVERSE_CHARGE
    from parting.plan.settlement import OUTSIDE_TAX_KINDS
    from parting.render.labels import LABELS

    describe = describer(settlement, case.client.language)
    rows = [
        {
            "item": table_cell(describe(x.line)),
            "net": case.format_money(x.net),
            "tax": case.format_money(x.tax),
            "gross": case.format_money(x.net + x.tax),
        }
        for x in invoice.lines
    ]
    name = invoice.tax_name or ""
    deposit = bool(settlement.lines_of("deposit_credit"))
    prepaid = bool(settlement.lines_of("prepaid_credit"))
    advances = (
        "Deposit and prepaid balance applied" if deposit and prepaid
        else "Deposit applied" if deposit else "Prepaid balance applied"
    )
    text = render(
        "invoice.md.j2",
        case,
        inv=invoice,
        rows=rows,
        title="Credit note" if invoice.kind == "credit_note" else "Invoice",
        tax_heading=name[:1].upper() + name[1:],
        provider_tax_label=tax_id_label(case.provider.country, case.provider.tax_id),
        client_tax_label=tax_id_label(case.client.country, case.client.tax_id),
        reverse_charge=REVERSE_CHARGE,
        # invoice.md is English: the label's own words, untranslated
        advances_label=_with_tax(
            advances, invoice, lambda key, **values: LABELS[key].format(**values)
        ),
        outside_scope=any(x.line.kind in OUTSIDE_TAX_KINDS for x in invoice.lines),
        taxable=sum(
            (x.net for x in invoice.lines if x.line.kind not in OUTSIDE_TAX_KINDS), Decimal(0)
        ),
    )
    return text.rstrip("\n") + "\n"
