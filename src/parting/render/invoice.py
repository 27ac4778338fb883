"""The final invoice in words: invoice.md and the invoice in package.json, from
`parting.plan.invoice` (which computes; nothing is computed here)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parting.case.model import EU_COUNTRIES
from parting.render.env import render, table_cell
from parting.render.settlement import describer

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.plan.invoice import FinalInvoice
    from parting.plan.settlement import Settlement

_TAX_ID_LABELS = {"GB": "VAT number", "AU": "ABN", "NZ": "GST number", "US": "EIN"}


def tax_id_label(country: str | None, tax_id: str | None = None) -> str:
    """What a party's tax id is called on an English invoice, by its country: in the EU a
    VAT number, unless it is a national tax number (no country prefix: a German
    Steuernummer)."""
    nation = (country or "")[:2]
    if nation in EU_COUNTRIES:
        national = tax_id is not None and tax_id.strip()[:2].isdigit()
        return "Tax number" if national else "VAT number"
    return _TAX_ID_LABELS.get(nation, "Tax id")


def invoice_json(invoice: FinalInvoice, settlement: Settlement, language: str) -> dict[str, Any]:
    return invoice.to_json(describer(settlement, language))


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
        "rows": [
            {
                "item": describe(x.line),
                "net": case.format_money(x.net),
                "tax": case.format_money(x.tax),
                "gross": case.format_money(x.net + x.tax),
            }
            for x in invoice.lines
        ],
        "tax_heading": name[:1].upper() + name[1:],
        "provider_tax_label": tax_id_label(case.provider.country, case.provider.tax_id),
        "client_tax_label": tax_id_label(case.client.country, case.client.tax_id),
        "reverse_charge": REVERSE_CHARGE,
        "credited": label(
            "invoice.credits_invoice" if len(invoice.credited) == 1
            else "invoice.credits_invoices",
            numbers=numbers,
        ),
        "advances_label": label(
            "invoice.deposit_and_prepaid" if deposit and prepaid
            else "invoice.deposit" if deposit else "invoice.prepaid"
        ),
    }


def invoice_md(invoice: FinalInvoice, settlement: Settlement, case: Case) -> str:
    """invoice.md: the final invoice (or credit note), in the letter's locale."""
    from parting.plan.invoice import REVERSE_CHARGE

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
        advances_label=advances,
    )
    return text.rstrip("\n") + "\n"
