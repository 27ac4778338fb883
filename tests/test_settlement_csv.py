"""settlement.csv: every settlement line, one row each, for a bookkeeper's import; and the
documents that summarise what the CSV lists in full."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from conftest import MINIMAL
from parting.case.load import load_case, parse_case
from parting.render import bundle, html
from parting.render.settlement import CSV_COLUMNS

DATA = Path(__file__).parent / "data"

HARBOR_CSV = (
    "\ufeffsection,kind,date,due_date,reference,deliverable,description,hours,rate,amount,currency\r\n"
    "final_invoice,time,2026-05-12,,,maintenance,"
    "2026-05-12 · Site maintenance and small changes (hourly) · 3.5 h × $95.00,"
    "3.5,95.00,332.50,USD\r\n"
    "final_invoice,time,2026-05-14,,,maintenance,"
    "2026-05-14 · Site maintenance and small changes (hourly) · 2 h × $95.00,"
    "2,95.00,190.00,USD\r\n"
    "final_invoice,fixed_fee,,,,menu,"
    '"Menu pages: 100% of $800.00 earned ($800.00), $400.00 invoiced",,,400.00,USD\r\n'
    "final_invoice,fixed_fee,,,,ordering,"
    '"Online ordering module: 60% of $3,000.00 earned ($1,800.00), $1,000.00 invoiced"'
    ",,,800.00,USD\r\n"
    "final_invoice,expense,2026-05-03,,,,2026-05-03 · Stock photos,,,60.00,USD\r\n"
    "not_charged,late_fee_waived,,,2026-031,,"
    '"Late fee on invoice 2026-031: $1,000.00 unpaid, 45 days overdue at 1.5% per month (waived)"'
    ",,,22.50,USD\r\n"
    "unpaid_invoice,unpaid_invoice,,2026-04-16,2026-031,,"
    '"Invoice 2026-031 of $2,400.00, $1,400.00 paid, due 2026-04-16",,,1000.00,USD\r\n'
    'credit,deposit_credit,,,,,"Deposit, applied to what is owed",,,-1000.00,USD\r\n'
)


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_harbor_foods_settlement_csv_is_every_line_in_order() -> None:
    b = bundle.build(load_case(DATA / "harbor-foods.yaml"))
    text = b.markdown_files()["settlement.csv"]
    assert text == HARBOR_CSV
    # what is charged adds up to the balance the letter states ($1,782.50)
    charged = [r for r in _rows(text) if r["section"] != "not_charged"]
    assert sum(Decimal(r["amount"]) for r in charged) == Decimal("1782.50")
    assert b.settlement.balance_due == Decimal("1782.50")


def test_settlement_csv_is_written_with_and_without_documents(tmp_path: Path) -> None:
    b = bundle.build(load_case(DATA / "harbor-foods.yaml"))
    written = bundle.write(b, tmp_path / "out", documents=False)
    assert tmp_path / "out" / "settlement.csv" in written
    assert (tmp_path / "out" / "settlement.csv").read_bytes() == HARBOR_CSV.encode("utf-8")


def test_a_refund_is_a_negative_sum() -> None:
    """A prepaid balance larger than what is owed: the rows charged sum to minus the refund
    (the hours on the fixed-fee deliverable are covered by its fee, so no row)."""
    text = MINIMAL.replace(
        "  payment_terms_days: 14\n", "  payment_terms_days: 14\n  prepaid_balance: 5000\n"
    )
    b = bundle.build(parse_case(text, Path("case.yaml")))
    rows = _rows(b.markdown_files()["settlement.csv"])
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [(r["section"], r["kind"], r["amount"]) for r in rows] == [
        ("final_invoice", "time", "150.00"),
        ("final_invoice", "fixed_fee", "1000.00"),
        ("credit", "prepaid_credit", "-5000.00"),
    ]
    assert rows[0]["hours"] == "1.5" and rows[0]["rate"] == "100.00"
    charged = sum(Decimal(r["amount"]) for r in rows if r["section"] != "not_charged")
    assert charged == -b.settlement.refund_due == Decimal("-3850.00")


def test_a_cell_that_starts_like_a_formula_is_quoted() -> None:
    text = MINIMAL.replace("  - {date: 2026-05-04, hours: 2, deliverable: build}\n", "").replace(
        "  - id: build\n    title: Build\n", '  - id: build\n    title: "=HYPERLINK(1)"\n'
    )
    text = text.replace(
        "{date: 2026-05-05, hours: 1.5}", "{date: 2026-05-05, hours: 1.5, deliverable: build}"
    )
    b = bundle.build(parse_case(text, Path("case.yaml")))
    rows = _rows(b.markdown_files()["settlement.csv"])
    fee = next(r for r in rows if r["kind"] == "fixed_fee")
    assert fee["description"].startswith("'=HYPERLINK(1): 50% of $2,000.00")
    assert fee["amount"] == "1000.00"


def _overdue_case(n: int) -> str:
    invoices = "".join(
        f'  - {{number: "L-{k:02}", issued: 2026-03-01, due: 2026-03-15, amount: 100}}\n'
        for k in range(n)
    )
    return MINIMAL.replace(
        "  payment_terms_days: 14\n",
        "  payment_terms_days: 14\n  late_fee_percent_per_month: 1.5\n",
    ).replace(
        '  - {number: "1", issued: 2026-04-01, due: 2026-04-15, amount: 1000, paid: 1000}\n',
        invoices,
    )


def test_many_waived_late_fees_are_one_sentence_in_the_letter_and_the_documents() -> None:
    b = bundle.build(parse_case(_overdue_case(9), Path("case.yaml")))
    waived = b.settlement.lines_of("late_fee_waived")
    assert len(waived) == 9
    letter = b.markdown_files()["letter.md"]
    # 75 days overdue on May 29 at 1.5% a month on each $100: 9 x $3.75
    assert (
        "I'm waiving the late fee of $33.75 that our contract allows on invoices L-00, L-01, "
        "L-02 and 6 more."
    ) in letter
    page = html.render_document_html(b, "settlement")
    total = html._Format(b.case).money(b.settlement.late_fees_waived)
    assert f"Late fees of {total} on 9 invoices are waived (each one is in settlement.csv)." in page
    assert "on invoice L-03 are waived" not in page
    rows = _rows(b.markdown_files()["settlement.csv"])
    assert sum(1 for r in rows if r["kind"] == "late_fee_waived") == 9


def test_few_waived_late_fees_are_listed_one_by_one() -> None:
    b = bundle.build(parse_case(_overdue_case(2), Path("case.yaml")))
    page = html.render_document_html(b, "settlement")
    assert "on invoice L-00 are waived." in page and "on invoice L-01 are waived." in page
    letter = b.markdown_files()["letter.md"]
    assert "late fee of $7.50 that our contract allows on invoices L-00 and L-01." in letter


def test_hours_a_fixed_fee_covers_are_said_in_every_settlement_document() -> None:
    b = bundle.build(load_case(DATA / "harbor-foods.yaml"))
    # 6 billable hours on fixed-fee deliverables (ordering), not billed by rule 2
    assert b.settlement.covered_hours == Decimal("6")
    said = (
        "6 hours logged on deliverables with a fixed fee are covered by their fees and not "
        "billed."
    )
    assert said in b.markdown_files()["settlement.md"]
    assert said in html.render_document_html(b, "settlement")
