"""The case file's JSON Schema and its Markdown reference, both generated from the model so
that the code, the schema and docs/casefile.md never disagree."""

from __future__ import annotations

import json
from typing import Any

from parting.case.model import Case

BULK = ("deliverables", "time_entries", "invoices", "expenses")
SCHEMA_ID = "https://parting.dev/schema/casefile-1.json"

# Section -> key -> meaning (from the case file spec). Shown by editors and in the reference.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Case": {
        "version": "Case file format version; always 1.",
        "provider": "You: the one ending the relationship.",
        "client": "The client and the person the letter is addressed to.",
        "engagement": "The engagement being ended.",
        "contract": "Terms that decide the money: rate, notice, deposit, fees.",
        "deliverables": "The work: what is met and what is outstanding (or a CSV file).",
        "time_entries": "Hourly work (or a CSV file, e.g. a time tracker's export).",
        "invoices": "Invoices issued so far (or a CSV file).",
        "expenses": "Reimbursable expenses not yet invoiced (or a CSV file).",
        "assets": "What must change hands at the end.",
        "stakeholders": "Who must hear about the change, besides the contact.",
        "referrals": "Providers you could recommend.",
        "options": "The alternative paths to offer (step 2).",
        "invoice": "The final invoice (invoice.md, invoice.pdf): number, tax, how to pay and "
        "the e-invoice. Optional; without it (or without the parties' addresses) the package "
        "is still written, with a warning naming what a valid invoice lacks.",
    },
    "Provider": {
        "name": "Your name (signs the letter).",
        "business": "Your business name.",
        "email": "Your e-mail address.",
        "legal_name": "Your legal or registered name on the invoice. Absent: business, else "
        "name.",
        "address": "Your postal address on the invoice: a list of lines (or one text with "
        "its lines).",
        "country": "ISO 3166 code of your business: the tax's name (VAT, GST, sales tax), "
        "which tax id is checked, and the EU reverse charge.",
        "tax_id": "Your VAT number, USt-IdNr or Steuernummer, ABN or EIN; checked for your "
        "country (UK and EU VAT, DE, AU, US; the EU country prefix may be left out).",
    },
    "Client": {
        "name": "The client's organisation.",
        "contact": "The person the letter is addressed to.",
        "email": "The contact's e-mail address.",
        "country": "ISO 3166 code: public holidays for business-day dates. Absent: weekends only.",
        "locale": "The client's locale: its region sets how money and dates are written, in "
        "the letter's language (de_DE with language en: 7 April 2027, 1.234,56 €).",
        "language": "The language of the letter and the documents (ISO 639). Available: en.",
        "salutation": "How the letter greets the contact (Dr. Brandt, Nakamura-san). Absent: "
        "the first name (warm, neutral) or the full name (formal).",
        "legal_name": "The client's legal name on the invoice. Absent: name.",
        "address": "The client's postal address on the invoice: a list of lines.",
        "tax_id": "The client's VAT id (or ABN, EIN), checked for client.country. A client in "
        "another EU member state than yours with a VAT id is reverse-charged.",
    },
    "Engagement": {
        "project": "The project's name.",
        "started": "When the engagement started.",
        "currency": "ISO 4217 code; every amount in the file is in this currency.",
        "terminated_by": "Who ends it: the kill fee applies only when the client does.",
        "notice_given": "When notice is (or will be) given.",
        "written_on": "The letter's date, when it confirms in writing a notice given earlier "
        "(by phone, in a meeting): work logged up to it is done, later work planned, and the "
        "handover is dated from it. Absent: notice_given.",
        "end_date": "Last day. Absent: notice_given + contract.notice_days.",
        "as_of": "Date the money is settled at. Absent: the end date.",
        "reason": "Objective reason, in your words (it is tone-checked).",
        "client_benefit": "Why the change is good for the client.",
        "provider_benefit": "Why the change is good for you.",
        "tone": "Tone of the letter.",
    },
    "Contract": {
        "hourly_rate": "Default rate for time entries.",
        "notice_days": "Notice period in calendar days (business days with the next key).",
        "notice_in_business_days": "true: notice_days counts business days in client.country.",
        "payment_terms_days": "The final invoice is due end date + this many days.",
        "deposit": "Held deposit, credited back unless the client ends it and it is not "
        "refundable.",
        "deposit_refundable": "false: when the client ends the engagement, the part of the "
        "deposit beyond what is owed is retained, not paid back (it is always applied first).",
        "prepaid_balance": "Money paid in advance and not yet used by any invoice (retainer, "
        "prepaid hours): the advance before the unbilled time it pays for, which the "
        "settlement bills and then credits this against. Time already taken off this "
        "balance is marked billed: true, or it is charged twice.",
        "kill_fee_percent": "% of unearned fixed fees, charged only when the client ends it.",
        "late_fee_percent_per_month": "On overdue invoices, pro rata by day (30-day month).",
        "charge_late_fees": "false: late fees are shown as waived, not charged.",
        "ip_assignment": "true: the copyright in the delivered work is assigned to the "
        "client on payment of the final invoice, a step of its own in the transition plan "
        "and the letter (on the final invoice date when nothing is left to pay).",
        "retainer": "Monthly retainer fee, invoiced in advance for each calendar month. The "
        "settlement bills the months up to the end date not yet invoiced and credits the "
        "days after it of a month invoiced in advance; a part month is pro-rated (settlement "
        "rule 11, docs/settlement.md).",
        "retainer_proration": "How a part month of the retainer is pro-rated: days (its "
        "calendar days of the month's) or business_days (its business days in client.country "
        "of the month's, public holidays left out).",
        "retainer_invoiced_through": "The last day the retainer invoices in invoices cover "
        "(the end of the last month invoiced in advance). Absent: none yet, the retainer is "
        "owed from engagement.started.",
        "notice_pay": "true: when the client ends it and engagement.end_date cuts the "
        "contractual notice (notice_given + notice_days) short, the client owes pay in lieu "
        "for the days cut (settlement rule 12): notice_pay_per_day a day, else the retainer "
        "pro rata.",
        "notice_pay_per_day": "Pay in lieu of notice for each day cut (a business day when "
        "notice_in_business_days). Required with notice_pay and no retainer.",
        "statutory_interest": "Opt-in: statutory interest on late payment, charged instead of "
        "the contractual late fee (settlement rule 13).",
    },
    "StatutoryInterest": {
        "regime": "uk_late_payment: 8 points over the Bank of England base rate, plus £40, "
        "£70 or £100 per invoice (Late Payment of Commercial Debts (Interest) Act 1998); "
        "eu_late_payment: 8 points over the ECB reference rate plus EUR 40 (Directive "
        "2011/7/EU); de_bgb288: 9 points over the Basiszinssatz plus EUR 40 (BGB § 288(2), "
        "(5)). Simple interest, per day, actual/365.",
        "reference_rate": "The reference rate in percent a year, as in force for the period "
        "(it is never fetched): the Bank of England base rate, the ECB rate or the "
        "Basiszinssatz.",
        "fixed_sum": "The fixed compensation per overdue invoice in engagement.currency. "
        "Absent: the regime's (GBP for uk_late_payment, EUR otherwise); required when the "
        "currency is another.",
    },
    "Deliverable": {
        "id": "Unique id: lower-case letters, digits, _ and -.",
        "title": "What the client calls it.",
        "status": "Where it stands.",
        "percent_complete": "For in_progress (required with a fee); done/accepted = 100, "
        "not_started = 0.",
        "fee": "Fixed fee. Absent: billed hourly.",
        "invoiced": "Already invoiced toward the fixed fee.",
        "estimate_hours": "Remaining-work estimate for outstanding items.",
        "value": "1..10: how much it matters to the client (scope reduction).",
        "depends_on": "Ids that must be delivered first.",
        "due": "Due date; outstanding items past it are marked overdue.",
    },
    "TimeEntry": {
        "date": "Day the work was done.",
        "hours": "Hours worked.",
        "deliverable": "Deliverable id the work was for.",
        "rate": "Rate for this entry. Absent: contract.hourly_rate.",
        "billable": "false: tracked, never billed.",
        "billed": "true: already on an invoice.",
        "description": "What was done.",
    },
    "Invoice": {
        "number": "Invoice number.",
        "issued": "Date issued.",
        "due": "Due date (late fees run from it).",
        "amount": "Invoice total.",
        "paid": "Paid so far; at most the amount.",
    },
    "Expense": {
        "date": "Date of the expense.",
        "description": "What it was for.",
        "amount": "Amount to reimburse.",
    },
    "Asset": {
        "name": "What it is, as the client would recognise it.",
        "kind": "Kind of asset.",
        "action": "What happens to it at the end.",
        "personal_data": "true: returned or deleted with a written confirmation "
        "(GDPR Art. 28(3)(g)).",
        "notes": "Anything the handover needs to know.",
        "release": "on_payment: a transfer or return waits for the final invoice to be paid, "
        "dated on its due date (the next business day if that is none), or on the final "
        "invoice date when nothing is left to pay (a refund or a zero balance); credentials "
        "are rotated after it. on_handover: with the handover, before the end date.",
        "done": "Day its handover was done (transferred, returned, rotated, revoked or "
        "deleted, and for personal data every copy deleted). `parting close` reports it as "
        "done; an asset without it is still open.",
    },
    "Stakeholder": {
        "name": "Who.",
        "role": "Their role (finance and technical roles are told what concerns them).",
        "email": "Their e-mail address.",
    },
    "Referral": {
        "name": "The provider you could recommend.",
        "contact": "How to reach them.",
        "skills": "What they do (matched against options.needs).",
    },
    "Options": {
        "offer": "Paths to offer, and only these: reduce_scope, adjust_timeline, refer, "
        "phase_out.",
        "hours_available": "Hours you can still give before the end date (required with "
        "reduce_scope); no option books more of them.",
        "hours_per_week": "Your available pace, hours a week: dates the reduced scope and "
        "sets the phase-out's first week.",
        "timeline_hours_per_week": "Weekly hours of the adjusted timeline (all outstanding "
        "work, slower, running past the end date). Absent: half of hours_per_week.",
        "phase_out_weeks": "Length of the gradual wind-down after the end date, in weeks.",
        "needs": "Skills the client needs next (for refer).",
    },
    "FinalInvoice": {
        "number": "The final invoice's number. Absent: the next after the highest of "
        "invoices, keeping its prefix and zero padding (2026-031 -> 2026-032); check it is "
        "the next in your own sequence across clients.",
        "tax_rate": "Tax rate in percent (VAT 20, USt 19, GST 10). Each line's tax is net x "
        "rate rounded half-up to the currency's minor unit; totals are the sums of the lines. "
        "0 without provider.tax_id (in the EU: without a VAT id, e.g. with a German "
        "Steuernummer under § 19 UStG): not registered, no tax shown; 0 with it: zero-rated. "
        "Asked for when provider.country is in the EU, GB, AU or NZ. The reverse charge "
        "overrides it. The settlement and the letter stay before tax (a warning says so).",
        "tax_name": "The tax's name on the invoice. Absent: from provider.country (VAT in "
        "the UK and the EU, GST in AU, NZ, CA, sales tax in the US, else tax).",
        "note": "A sentence printed on the invoice, such as an exemption (No VAT is charged: "
        "small business under § 19 UStG).",
        "credits": "For a credit note (the final-invoice lines sum below zero): the invoice "
        "numbers it credits. Absent: every invoice of the case.",
        "payment": "How to pay: IBAN (checked by schwifty), BIC, account details or a "
        "payment link. One of iban, account or link is needed for a valid invoice.",
        "e_invoice": "The e-invoice in invoice.pdf: factur-x (a PDF/A-3 with the Factur-X / "
        "ZUGFeRD EN 16931 XML embedded, which German and French clients can book without "
        "typing) or none (a plain PDF). Absent: factur-x when client.country is in the EU, "
        "else none. Embedded only once the invoice is complete (no invoice warning); "
        "factur-x also needs client.country and provider.tax_id (a VAT id, or a German "
        "Steuernummer).",
    },
    "Payment": {
        "iban": "IBAN, checked (country, length, check digits, bank code where known).",
        "bic": "BIC (SWIFT code), checked.",
        "account": "Account details as text, where there is no IBAN (sort code and account "
        "number, routing and account number, BSB).",
        "link": "A payment link (https://).",
        "reference": "What the client quotes with the payment. Absent: the invoice number.",
    },
}


def case_schema() -> dict[str, Any]:
    schema = Case.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    for section, keys in DESCRIPTIONS.items():
        target = schema if section == "Case" else defs.get(section)
        if target is None:
            continue
        for key, text in keys.items():
            if key in target["properties"]:
                target["properties"][key]["description"] = text
    properties = schema["properties"]
    for name in BULK:
        # Bulk records may instead name a CSV file relative to the case file.
        properties[name] = {
            "anyOf": [
                {k: v for k, v in properties[name].items() if k != "description"},
                {"type": "string", "description": "a CSV file, relative to the case file"},
            ],
            "title": properties[name].get("title", name),
            "description": properties[name].get("description", ""),
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "parting case file (version 1)",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def case_schema_json() -> str:
    return json.dumps(case_schema(), indent=2, ensure_ascii=False) + "\n"


# --- Markdown reference --------------------------------------------------------------------

_SECTION_OF = {
    "provider": "Provider", "client": "Client", "engagement": "Engagement",
    "contract": "Contract", "deliverables": "Deliverable", "time_entries": "TimeEntry",
    "invoices": "Invoice", "expenses": "Expense", "assets": "Asset",
    "stakeholders": "Stakeholder", "referrals": "Referral", "options": "Options",
    "invoice": "FinalInvoice",
}
#: Mappings inside a section, given a table of their own: (key path, model).
_NESTED = {
    "contract": (("contract.statutory_interest", "StatutoryInterest"),),
    "invoice": (("invoice.payment", "Payment"),),
}


def _type_of(prop: dict[str, Any]) -> str:
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    options = [p for p in prop.get("anyOf", []) if p.get("type") != "null"]
    if options and all(o.get("type") in ("number", "string") for o in options) and any(
        o.get("type") == "number" for o in options
    ):
        number = next(o for o in options if o.get("type") == "number")
        if "pattern" in options[-1] or "pattern" in options[0]:
            lo, hi = number.get("minimum"), number.get("maximum")
            bounds = f" {lo}..{hi}" if hi is not None else (" >= 0" if lo == 0 else "")
            return "decimal" + bounds
        return "text"
    if len(options) == 1:
        return _type_of(options[0])
    kind = prop.get("type")
    if kind == "string" and prop.get("format") == "date":
        return "date"
    if kind == "array":
        return f"list of {_type_of(prop.get('items', {}))}"
    if kind == "integer":
        lo, hi = prop.get("minimum"), prop.get("maximum")
        return "integer" + (f" {lo}..{hi}" if hi is not None else (" >= 0" if lo == 0 else ""))
    if kind == "boolean":
        return "true \\| false"
    if kind == "string":
        return "id" if "pattern" in prop and "a-z0-9" in prop["pattern"] else "text"
    if "$ref" in prop:
        return "mapping"
    return str(kind or "value")


def reference_markdown() -> str:
    """docs/casefile.md: every key of every section, its type, default and meaning."""
    schema = case_schema()
    defs = schema["$defs"]
    out = [
        "# Case file reference (format version 1)",
        "",
        "Generated from the model by `python scripts/gen_docs.py`; do not edit by hand. The",
        "same facts are available to editors as a JSON Schema: `parting schema`.",
        "",
        "Dates are `YYYY-MM-DD`. Amounts are decimal numbers or strings (`2400`, `\"2400.50\"`),",
        "never read through a float, all in `engagement.currency`. Unknown keys are errors.",
        "`deliverables`, `time_entries`, `invoices` and `expenses` may instead name a CSV file",
        "relative to the case file (header row of the keys below; empty cells take the",
        "defaults; `depends_on` items separated by `;`).",
        "",
    ]
    for key in schema["properties"]:
        if key == "version":
            continue
        section = _SECTION_OF[key]
        model = defs[section]
        required = set(model.get("required", []))
        many = key in BULK or key in ("assets", "stakeholders", "referrals")
        top_required = key in schema.get("required", [])
        out.append(f"## `{key}`" + (" (list)" if many else ""))
        out.append("")
        out.append(DESCRIPTIONS["Case"][key] + (" Required." if top_required else ""))
        out.append("")
        out.append("| key | type | default | meaning |")
        out.append("|---|---|---|---|")
        for name, prop in model["properties"].items():
            default = "required" if name in required else _default(prop)
            meaning = DESCRIPTIONS.get(section, {}).get(name, "")
            out.append(f"| `{name}` | {_type_of(prop)} | {default} | {meaning} |")
        out.append("")
        for path, nested in _NESTED.get(key, ()):
            out.append(f"### `{path}`")
            out.append("")
            out.append("| key | type | default | meaning |")
            out.append("|---|---|---|---|")
            for name, prop in defs[nested]["properties"].items():
                meaning = DESCRIPTIONS.get(nested, {}).get(name, "")
                out.append(f"| `{name}` | {_type_of(prop)} | {_default(prop)} | {meaning} |")
            out.append("")
    return "\n".join(out)


def _default(prop: dict[str, Any]) -> str:
    if "default" not in prop or prop["default"] is None:
        return ""
    value = prop["default"]
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return "`[]`"
    return f"`{value}`"


def fields_of(section: str) -> list[dict[str, Any]]:
    """The keys of a section of the case file (`contract`, `time_entries`, `invoice.payment`)
    as the reference gives them, for a form: name, type (`decimal >= 0`, `date`, `id`, ...),
    choices (of an enumeration), default, meaning and whether it is required."""
    schema = case_schema()
    defs = schema["$defs"]
    top, _, nested = section.partition(".")
    name = dict(_NESTED.get(top, ())).get(section) if nested else _SECTION_OF[top]
    if name is None:
        raise KeyError(section)
    model = defs[name]
    required = set(model.get("required", []))
    out = []
    for key, prop in model["properties"].items():
        kind = _type_of(prop).replace("\\|", "|")
        options = [p for p in prop.get("anyOf", [prop]) if p.get("type") != "null"]
        enum = next((o["enum"] for o in options if "enum" in o), None)
        items: dict[str, Any] = next((o["items"] for o in options if "items" in o), {})
        out.append({
            "key": key, "type": kind,
            "choices": list(enum or items.get("enum") or []),
            "default": _default(prop).strip("`"), "required": key in required,
            "meaning": DESCRIPTIONS.get(name, {}).get(key, ""),
        })
    return out
