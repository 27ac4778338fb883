"""The settlement in words: one describer per settlement, from the phrase package of the
letter's language, for settlement.json, settlement.md, the HTML and the PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parting.plan import settlement as s6
from parting.render import phrases

if TYPE_CHECKING:
    from parting.plan.settlement import Settlement


def describer(settlement: Settlement, language: str = "en") -> Any:
    return phrases.part(language, "settlement").Describe(settlement.currency, settlement.locale)


def settlement_json(
    settlement: Settlement, language: str = "en", estimate_on: dt.date | None = None
) -> dict[str, Any]:
    """settlement.json. With `estimate_on` (the notice letter's date) it is the estimate of
    the first stage: `"stage": "estimate"`, and each time or expense line dated after the
    letter is `"planned"`; without, the final figures (`parting close`). Time lines carry
    their hours and dated lines their date, so that the close can compare the two."""
    data = settlement.to_json(describer(settlement, language))
    for line, out in zip(settlement.lines, data["lines"], strict=True):
        if line.day is not None and line.kind in (s6.TIME, s6.EXPENSE):
            out["date"] = line.day.isoformat()
            if estimate_on is not None:
                out["planned"] = s6.planned_after(line, estimate_on)
        if line.kind == s6.TIME and line.hours is not None:
            out["hours"] = _plain(line.hours)
    stage = {"stage": "estimate" if estimate_on is not None else "final"}
    if estimate_on is not None:
        stage["estimate_as_of"] = estimate_on.isoformat()
    return data | stage


#: settlement.csv's columns, in order (docs/settlement-csv.md says what each holds).
CSV_COLUMNS: tuple[str, ...] = (
    "section",
    "kind",
    "date",
    "due_date",
    "reference",
    "deliverable",
    "description",
    "hours",
    "rate",
    "amount",
    "currency",
)

# Which part of the account a line kind belongs to (settlement.md rule 7 and 9).
_SECTION: dict[str, str] = {
    "time": "final_invoice",
    "retainer": "final_invoice",
    "retainer_advance": "final_invoice",
    "notice_pay": "final_invoice",
    "statutory_interest": "final_invoice",
    "statutory_compensation": "final_invoice",
    "fixed_fee": "final_invoice",
    "fixed_fee_advance": "final_invoice",
    "expense": "final_invoice",
    "kill_fee": "final_invoice",
    "late_fee": "final_invoice",
    "late_fee_waived": "not_charged",
    "unpaid_invoice": "unpaid_invoice",
    "deposit_credit": "credit",
    "prepaid_credit": "credit",
    "deposit_retained": "not_charged",
}

_INVOICE_KINDS = frozenset({
    "late_fee", "late_fee_waived", "unpaid_invoice", "statutory_interest",
    "statutory_compensation",
})
_FEE_KINDS = frozenset({"fixed_fee", "fixed_fee_advance"})

# Lines dated by `day`: the work, the expense, the first day of a retainer or notice period.
_DATED = frozenset({"time", "expense", "retainer", "retainer_advance", "notice_pay"})

# A text cell a spreadsheet would run as a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _text(value: str | None) -> str:
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _plain(value: Decimal) -> str:
    """Without an exponent and without trailing zeros: 3.50 -> "3.5", 10 -> "10"."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _money(value: Decimal, currency: str) -> str:
    """The currency's minor digits at least ("95.00", "4500"); a rate with more keeps them."""
    from parting.core import money

    exact = money.to_json(value, currency)
    return exact if Decimal(exact) == value else _plain(value)


def settlement_csv(settlement: Settlement, language: str = "en") -> str:
    """settlement.csv: one row per settlement line, every line (the documents summarise, this
    and settlement.json do not), for a bookkeeper's import. UTF-8 with a byte-order mark (so
    a spreadsheet reads the accents), comma-separated, CRLF line ends (RFC 4180), ISO dates,
    amounts as plain decimals with a point and the currency's minor digits."""
    import csv
    import io

    describe = describer(settlement, language)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for line in settlement.lines:
        dated = line.day if line.kind in _DATED else None
        due = line.day if line.kind == "unpaid_invoice" else None
        invoice = line.ref if line.kind in _INVOICE_KINDS else None
        deliverable = line.ref if line.kind in _FEE_KINDS else line.deliverable
        writer.writerow(
            (
                _SECTION[line.kind],
                line.kind,
                dated.isoformat() if dated else "",
                due.isoformat() if due else "",
                _text(invoice),
                _text(deliverable),
                _text(describe(line)),
                "" if line.hours is None else _plain(line.hours),
                "" if line.rate is None else _money(line.rate, settlement.currency),
                _money(line.amount, settlement.currency),
                settlement.currency,
            )
        )
    return out.getvalue()
