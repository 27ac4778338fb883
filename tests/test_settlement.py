"""Step 6, the settlement: every rule of shared/spec/settlement.md with exact amounts."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parting.case.load import load_case
from parting.case.model import Case
from parting.core import money
from parting.plan import settlement as s6
from parting.plan.settlement import (
    CREDIT_KINDS,
    FINAL_INVOICE_KINDS,
    KINDS,
    Line,
    Settlement,
    build,
)
from parting.render.markdown import settlement_md
from parting.render.settlement import describer, settlement_json

DATA = Path(__file__).parent / "data"
NBSP = "\u00a0"


def make_case(**sections: Any) -> Case:
    """A small valid case; `sections` replace or extend the defaults (string amounts)."""
    data: dict[str, Any] = {
        "version": 1,
        "provider": {"name": "Sam Rivera"},
        "client": {"name": "Acme", "contact": "Dana", "country": "US", "locale": "en_US"},
        "engagement": {
            "project": "Website",
            "currency": "USD",
            "notice_given": "2026-05-01",
            "end_date": "2026-05-31",
        },
        "contract": {"hourly_rate": "100", "payment_terms_days": 15},
    }
    for key, value in sections.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return Case.model_validate(data)


def lines(s: Settlement, kind: str) -> list[tuple[str, Decimal]]:
    describe = describer(s)
    return [(describe(line), line.amount) for line in s.lines if line.kind == kind]


def as_json(s: Settlement) -> dict[str, Any]:
    """settlement.json, with its lines described as the package writes them."""
    return settlement_json(s)


def amounts(s: Settlement, kind: str) -> list[Decimal]:
    return [line.amount for line in s.lines if line.kind == kind]


# --- the worked example --------------------------------------------------------------------


@pytest.fixture(scope="module")
def harbor() -> Case:
    return load_case(DATA / "harbor-foods.yaml")


def test_worked_example_settlement_json(harbor: Case) -> None:
    out = as_json(build(harbor))
    assert list(out) == [
        "currency",
        "as_of",
        "end_date",
        "lines",
        "unbilled_time",
        "fixed_fees",
        "expenses",
        "kill_fee",
        "late_fees_charged",
        "late_fees_waived",
        "final_invoice",
        "unpaid_invoices",
        "credits",
        "balance_due",
        "refund_due",
        "due_date",
        "stage",  # parting's extension: "estimate" at notice, "final" at the close
    ]
    assert out.pop("stage") == "final"
    assert {k: v for k, v in out.items() if k != "lines"} == {
        "currency": "USD",
        "as_of": "2026-05-31",
        "end_date": "2026-05-31",
        "unbilled_time": "522.50",
        "fixed_fees": "1200.00",
        "expenses": "60.00",
        "kill_fee": "0.00",
        "late_fees_charged": "0.00",
        "late_fees_waived": "22.50",
        "final_invoice": "1782.50",
        "unpaid_invoices": "1000.00",
        "credits": "1000.00",
        "balance_due": "1782.50",
        "refund_due": "0.00",
        "due_date": "2026-06-15",
    }
    assert [(line["kind"], line["amount"]) for line in out["lines"]] == [
        ("time", "332.50"),
        ("time", "190.00"),
        ("fixed_fee", "400.00"),
        ("fixed_fee", "800.00"),
        ("expense", "60.00"),
        ("late_fee_waived", "22.50"),
        ("unpaid_invoice", "1000.00"),
        ("deposit_credit", "-1000.00"),
    ]
    # the spec's three keys first; parting adds a time line's hours and a dated line's date
    assert all(list(line)[:3] == ["kind", "description", "amount"] for line in out["lines"])
    assert {k for line in out["lines"] for k in list(line)[3:]} == {"date", "hours"}
    assert out["lines"][0]["description"] == (
        "2026-05-12 · Site maintenance and small changes (hourly) · 3.5 h × $95.00"
    )
    json.dumps(out)  # plain JSON: strings, lists and dicts only


def test_worked_example_markdown(harbor: Case) -> None:
    s = build(harbor)
    md = settlement_md(s, harbor)
    assert md.startswith("# Final settlement: Harbor Foods website\n")
    assert "End of the engagement: May 31, 2026" in md
    assert "as of: May 31, 2026" in md
    assert "| 2026-05-12 · Site maintenance and small changes (hourly) · 3.5 h × $95.00 |" in md
    assert "| **Unbilled time** | **$522.50** |" in md
    assert "| **Fixed fees** | **$1,200.00** |" in md
    assert "**Final invoice: $1,782.50**" in md
    assert "| **Unpaid invoices** | **$1,000.00** |" in md
    assert "| Credits | -$1,000.00 |" in md
    assert "Balance due: $1,782.50 by June 15, 2026." in md
    assert "Refund" not in md
    assert "Late fees of $22.50 on invoice 2026-031 are waived." in md
    # The waived fee is shown, never added: it is not in the final invoice's tables.
    assert "Late fees |" not in md
    assert settlement_md(build(harbor), harbor) == md  # same input, same bytes


# --- rule 1: end date and due date ---------------------------------------------------------


def test_end_date_from_notice_days_in_calendar_days() -> None:
    case = make_case(
        engagement={"notice_given": "2026-05-01", "end_date": None},
        contract={"notice_days": 30, "payment_terms_days": 15},
    )
    s = build(case)
    assert s.end_date == date(2026, 5, 31)
    assert s.as_of == date(2026, 5, 31)  # as_of defaults to the end date
    assert s.due_date == date(2026, 6, 15)


@pytest.mark.parametrize(
    ("notice_given", "days", "end_date"),
    [
        # Thu 2 Jul, (Fri 3 Jul: Independence Day observed), weekend, Mon 6, Tue 7.
        ("2026-07-01", 3, date(2026, 7, 7)),
        # Wed 25 Nov, (Thu 26 Nov: Thanksgiving), Fri 27, Mon 30.
        ("2026-11-24", 3, date(2026, 11, 30)),
    ],
)
def test_end_date_in_business_days_skips_us_holidays(
    notice_given: str, days: int, end_date: date
) -> None:
    case = make_case(
        engagement={"notice_given": notice_given, "end_date": None},
        contract={"notice_days": days, "notice_in_business_days": True, "payment_terms_days": 10},
    )
    s = build(case)
    assert s.end_date == end_date
    assert s.due_date == end_date + timedelta(days=10)  # payment terms are calendar days
    calendar_case = make_case(
        engagement={"notice_given": notice_given, "end_date": None},
        contract={"notice_days": days},
    )
    assert build(calendar_case).end_date == date.fromisoformat(notice_given) + timedelta(days)


def test_explicit_end_date_and_as_of() -> None:
    case = make_case(engagement={"end_date": "2026-06-30", "as_of": "2026-06-10"})
    s = build(case)
    assert (s.end_date, s.as_of, s.due_date) == (
        date(2026, 6, 30),
        date(2026, 6, 10),
        date(2026, 7, 15),
    )
    assert as_json(s)["as_of"] == "2026-06-10"


# --- rule 2: unbilled time -----------------------------------------------------------------


def test_unbilled_time_counts_only_billable_unbilled_hourly_work() -> None:
    case = make_case(
        deliverables=[
            {"id": "hourly", "title": "Support", "status": "in_progress"},
            {"id": "fixed", "title": "Shop", "status": "done", "fee": "500", "invoiced": "500"},
        ],
        time_entries=[
            {"date": "2026-05-02", "hours": "2", "deliverable": "hourly"},  # 200.00
            {"date": "2026-05-03", "hours": "1.5", "rate": "80"},  # own rate: 120.00
            {"date": "2026-05-04", "hours": "3", "deliverable": "fixed"},  # covered by the fee
            {"date": "2026-05-05", "hours": "1", "billable": False},
            {"date": "2026-05-06", "hours": "4", "billed": True},
            {"date": "2026-05-07", "hours": "0.25", "description": "DNS change"},  # 25.00
        ],
    )
    s = build(case)
    assert lines(s, "time") == [
        ("2026-05-02 · Support · 2 h × $100.00", Decimal("200.00")),
        ("2026-05-03 · 1.5 h × $80.00", Decimal("120.00")),
        ("2026-05-07 · DNS change · 0.25 h × $100.00", Decimal("25.00")),
    ]
    assert s.unbilled_time == Decimal("345.00")
    assert s.final_invoice == Decimal("345.00")
    assert s.balance_due == Decimal("345.00")


def test_each_time_line_is_rounded_half_up_before_summing() -> None:
    # 0.333 h x 95 = 31.635 -> 31.64 each; three lines 94.92 (unrounded sum 94.905 -> 94.91).
    entry = {"date": "2026-05-02", "hours": "0.333", "rate": "95"}
    s = build(make_case(time_entries=[entry, entry, entry]))
    assert amounts(s, "time") == [Decimal("31.64")] * 3
    assert s.unbilled_time == Decimal("94.92")


def test_time_without_any_rate_is_zero_and_left_out() -> None:
    case = make_case(
        contract={"hourly_rate": None}, time_entries=[{"date": "2026-05-02", "hours": "3"}]
    )
    s = build(case)
    assert s.lines == ()
    assert s.unbilled_time == Decimal("0.00")


# --- rule 3: fixed fees --------------------------------------------------------------------


def test_fixed_fees_earned_not_invoiced_and_advance_credit() -> None:
    case = make_case(
        deliverables=[
            # 1200 earned, 1200 invoiced: nothing, no line.
            {"id": "a", "title": "Home", "status": "accepted", "fee": "1200", "invoiced": "1200"},
            # 60% of 3000 = 1800 earned, 1000 invoiced: 800.
            {
                "id": "b",
                "title": "Ordering",
                "status": "in_progress",
                "percent_complete": 60,
                "fee": "3000",
                "invoiced": "1000",
            },
            # 25% of 2000 = 500 earned, 1000 invoiced in advance: credit -500.
            {
                "id": "c",
                "title": "Payments",
                "status": "in_progress",
                "percent_complete": 25,
                "fee": "2000",
                "invoiced": "1000",
            },
            # Not started, 300 invoiced up front: credit -300.
            {
                "id": "d",
                "title": "Tracking",
                "status": "not_started",
                "fee": "1500",
                "invoiced": "300",
            },
            # Done, nothing invoiced: 450.
            {"id": "e", "title": "Menu", "status": "done", "fee": "450"},
        ],
    )
    s = build(case)
    assert [(line.kind, line.ref, line.amount) for line in s.lines] == [
        ("fixed_fee", "b", Decimal("800.00")),
        ("fixed_fee_advance", "c", Decimal("-500.00")),
        ("fixed_fee_advance", "d", Decimal("-300.00")),
        ("fixed_fee", "e", Decimal("450.00")),
    ]
    assert lines(s, "fixed_fee")[0][0] == (
        "Ordering: 60% of $3,000.00 earned ($1,800.00), $1,000.00 invoiced"
    )
    assert s.fixed_fees == Decimal("450.00")  # 800 - 500 - 300 + 450: credits included
    assert s.final_invoice == Decimal("450.00")


def test_fixed_fee_with_fractional_percent_is_rounded_half_up() -> None:
    # 33.3% of 1000.05 = 333.01665 -> 333.02
    case = make_case(
        deliverables=[
            {
                "id": "x",
                "title": "X",
                "status": "in_progress",
                "percent_complete": "33.3",
                "fee": "1000.05",
            }
        ]
    )
    assert build(case).fixed_fees == Decimal("333.02")


def test_advance_credit_larger_than_the_bill_gives_a_refund() -> None:
    case = make_case(
        deliverables=[
            {"id": "x", "title": "X", "status": "not_started", "fee": "900", "invoiced": "900"}
        ],
        time_entries=[{"date": "2026-05-02", "hours": "1"}],
    )
    s = build(case)
    assert s.final_invoice == Decimal("-800.00")
    assert (s.balance_due, s.refund_due) == (Decimal("0.00"), Decimal("800.00"))


# --- rule 4: expenses ----------------------------------------------------------------------


def test_expenses_are_all_listed() -> None:
    case = make_case(
        expenses=[
            {"date": "2026-05-03", "description": "Stock photos", "amount": "60"},
            {"date": "2026-05-04", "description": "Fonts", "amount": "19.995"},  # -> 20.00
        ]
    )
    s = build(case)
    assert lines(s, "expense") == [
        ("2026-05-03 · Stock photos", Decimal("60.00")),
        ("2026-05-04 · Fonts", Decimal("20.00")),
    ]
    assert s.expenses == Decimal("80.00")


# --- rule 5: kill fee ----------------------------------------------------------------------

KILL_FEE_DELIVERABLES = [
    # unearned: 3000 x 0.4 = 1200
    {
        "id": "a",
        "title": "A",
        "status": "in_progress",
        "percent_complete": 60,
        "fee": "3000",
        "invoiced": "1800",
    },
    {"id": "b", "title": "B", "status": "not_started", "fee": "1500"},  # unearned 1500
    {"id": "c", "title": "C", "status": "done", "fee": "800", "invoiced": "800"},  # 0
    {"id": "d", "title": "D", "status": "not_started"},  # hourly: no fee
]


def test_kill_fee_when_the_client_ends_it() -> None:
    case = make_case(
        engagement={"terminated_by": "client"},
        contract={"kill_fee_percent": 25},
        deliverables=KILL_FEE_DELIVERABLES,
    )
    s = build(case)
    assert amounts(s, "kill_fee") == [Decimal("675.00")]  # 25% of 2700
    assert s.kill_fee == Decimal("675.00")
    assert s.final_invoice == Decimal("675.00")
    assert s.balance_due == Decimal("675.00")


@pytest.mark.parametrize("party", ["provider", "mutual"])
def test_no_kill_fee_unless_the_client_ends_it(party: str) -> None:
    case = make_case(
        engagement={"terminated_by": party},
        contract={"kill_fee_percent": 25},
        deliverables=KILL_FEE_DELIVERABLES,
    )
    s = build(case)
    assert amounts(s, "kill_fee") == []
    assert s.kill_fee == Decimal("0.00")
    assert as_json(s)["kill_fee"] == "0.00"


# --- rules 6: late fees --------------------------------------------------------------------

LATE_INVOICES = [
    # 1000 unpaid, due May 1, as of May 11: 10 days; 1000 x 2% x 10/30 = 6.666.. -> 6.67
    {"number": "101", "due": "2026-05-01", "amount": "1500", "paid": "500"},
    # 200 unpaid, 45 days: 200 x 2% x 45/30 = 6.00
    {"number": "102", "due": "2026-03-27", "amount": "200"},
    # due on the as-of date: not overdue yet, no late fee, still unpaid
    {"number": "103", "due": "2026-05-11", "amount": "300"},
    # paid in full: nothing
    {"number": "104", "due": "2026-01-01", "amount": "999", "paid": "999"},
]


def test_late_fees_charged_pro_rata_by_day() -> None:
    case = make_case(
        engagement={"as_of": "2026-05-11"},
        contract={"late_fee_percent_per_month": 2, "charge_late_fees": True},
        invoices=LATE_INVOICES,
    )
    s = build(case)
    assert [(line.ref, line.amount) for line in s.lines if line.kind == "late_fee"] == [
        ("101", Decimal("6.67")),
        ("102", Decimal("6.00")),
    ]
    assert lines(s, "late_fee")[0][0] == (
        "Late fee on invoice 101: $1,000.00 unpaid, 10 days overdue at 2% per month"
    )
    assert amounts(s, "late_fee_waived") == []
    assert s.late_fees_charged == Decimal("12.67")
    assert s.late_fees_waived == Decimal("0.00")
    assert s.final_invoice == Decimal("12.67")
    assert amounts(s, "unpaid_invoice") == [
        Decimal("1000.00"),
        Decimal("200.00"),
        Decimal("300.00"),
    ]
    assert s.unpaid_invoices == Decimal("1500.00")
    assert s.balance_due == Decimal("1512.67")


def test_late_fees_waived_are_shown_but_not_added() -> None:
    case = make_case(
        engagement={"as_of": "2026-05-11"},
        contract={"late_fee_percent_per_month": 2, "charge_late_fees": False},
        invoices=LATE_INVOICES,
    )
    s = build(case)
    assert amounts(s, "late_fee") == []
    assert amounts(s, "late_fee_waived") == [Decimal("6.67"), Decimal("6.00")]
    assert s.late_fees_charged == Decimal("0.00")
    assert s.late_fees_waived == Decimal("12.67")
    assert s.final_invoice == Decimal("0.00")
    assert s.balance_due == Decimal("1500.00")
    md = settlement_md(s, case)
    assert "Late fees of $6.67 on invoice 101 are waived." in md
    assert "Late fees of $6.00 on invoice 102 are waived." in md


def test_no_late_fee_line_without_a_late_fee_rate() -> None:
    s = build(make_case(engagement={"as_of": "2026-05-11"}, invoices=LATE_INVOICES))
    assert {line.kind for line in s.lines} == {"unpaid_invoice"}


# --- rules 8 and 9: unpaid invoices and credits --------------------------------------------


def test_deposit_credited_when_the_provider_ends_it() -> None:
    case = make_case(contract={"deposit": "1000", "deposit_refundable": False})
    s = build(case)
    assert lines(s, "deposit_credit") == [
        ("Deposit, applied to what is owed", Decimal("-1000.00"))
    ]
    assert s.credits == Decimal("1000.00")
    assert s.refund_due == Decimal("1000.00")


def test_a_non_refundable_deposit_is_applied_and_only_the_rest_retained() -> None:
    # Rule 9 (revised): the client ends it; O = 2 h x 100 = 200; 200 of the 1000 applied,
    # 800 retained (shown, not added), nothing refunded.
    case = make_case(
        engagement={"terminated_by": "client"},
        contract={"deposit": "1000", "deposit_refundable": False},
        time_entries=[{"date": "2026-05-02", "hours": "2"}],
    )
    s = build(case)
    assert amounts(s, "deposit_credit") == [Decimal("-200.00")]
    assert amounts(s, "deposit_retained") == [Decimal("800.00")]
    assert s.credits == Decimal("200.00")
    assert s.deposit_retained == Decimal("800.00")
    assert (s.balance_due, s.refund_due) == (Decimal("0.00"), Decimal("0.00"))
    md = settlement_md(s, case)
    assert "Of the deposit of $1,000.00, $800.00 is retained" in md
    refundable = make_case(
        engagement={"terminated_by": "client"},
        contract={"deposit": "1000", "deposit_refundable": True},
        time_entries=[{"date": "2026-05-02", "hours": "2"}],
    )
    assert build(refundable).refund_due == Decimal("800.00")


@pytest.mark.parametrize(
    ("owed", "credits", "retained", "balance", "refund"),
    [
        # settlement.md rule 9's worked figures: O = 7,690.60, deposit 1,500 (not
        # refundable, the client ends it), prepaid 250: C = 1,750, balance 5,940.60 ...
        ("7690.60", "1750.00", "0.00", "5940.60", "0.00"),
        # ... and with O = 900: 900 of the deposit applied, 600 retained, the 250 refunded.
        ("900", "1150.00", "600.00", "0.00", "250.00"),
    ],
)
def test_rule_9_worked_figures(
    owed: str, credits: str, retained: str, balance: str, refund: str
) -> None:
    case = make_case(
        engagement={"terminated_by": "client"},
        contract={"deposit": "1500", "deposit_refundable": False, "prepaid_balance": "250"},
        expenses=[{"date": "2026-05-02", "description": "Work", "amount": owed}],
    )
    s = build(case)
    assert (s.credits, s.deposit_retained, s.balance_due, s.refund_due) == (
        Decimal(credits), Decimal(retained), Decimal(balance), Decimal(refund)
    )


def test_prepaid_balance_produces_a_refund() -> None:
    case = make_case(
        contract={"prepaid_balance": "2000", "deposit": "500"},
        time_entries=[{"date": "2026-05-02", "hours": "3.25"}],  # 325.00
        invoices=[{"number": "7", "due": "2026-06-30", "amount": "400", "paid": "100"}],  # 300
    )
    s = build(case)
    assert amounts(s, "prepaid_credit") == [Decimal("-2000.00")]
    assert amounts(s, "deposit_credit") == [Decimal("-500.00")]
    assert s.final_invoice == Decimal("325.00")
    assert s.unpaid_invoices == Decimal("300.00")
    assert s.credits == Decimal("2500.00")
    assert (s.balance_due, s.refund_due) == (Decimal("0.00"), Decimal("1875.00"))
    md = settlement_md(s, case)
    assert "Refund due to the client: $1,875.00 by June 15, 2026." in md
    assert "Balance due" not in md


def test_nothing_owed() -> None:
    case = make_case(
        contract={"deposit": "200"}, time_entries=[{"date": "2026-05-02", "hours": "2"}]
    )
    s = build(case)
    assert (s.balance_due, s.refund_due) == (Decimal("0.00"), Decimal("0.00"))
    assert "Nothing is owed on either side" in settlement_md(s, case)


# --- currencies and locales ----------------------------------------------------------------


def test_jpy_has_no_minor_unit_and_rounds_half_up() -> None:
    case = make_case(
        engagement={"currency": "JPY"},
        client={"locale": "ja_JP"},
        contract={"hourly_rate": "1001"},
        # 2.5 h x 1001 = 2502.5 -> 2503 (half-even would give 2502)
        time_entries=[{"date": "2026-05-02", "hours": "2.5"}],
        expenses=[{"date": "2026-05-03", "description": "Taxi", "amount": "0.5"}],  # -> 1
    )
    s = build(case)
    assert amounts(s, "time") == [Decimal("2503")]
    assert amounts(s, "expense") == [Decimal("1")]
    out = as_json(s)
    assert out["final_invoice"] == "2504"
    assert out["balance_due"] == "2504"
    assert out["refund_due"] == "0"
    assert out["lines"][0]["amount"] == "2503"


def test_kwd_has_three_digits_and_rounds_half_up() -> None:
    case = make_case(
        engagement={"currency": "KWD"},
        contract={"hourly_rate": "12.345", "deposit": "10"},
        # 2.5 h x 12.345 = 30.8625 -> 30.863 (half-even would give 30.862)
        time_entries=[{"date": "2026-05-02", "hours": "2.5"}],
    )
    s = build(case)
    assert amounts(s, "time") == [Decimal("30.863")]
    out = as_json(s)
    assert out["unbilled_time"] == "30.863"
    assert out["credits"] == "10.000"
    assert out["balance_due"] == "20.863"
    assert out["kill_fee"] == "0.000"


def test_eur_in_de_de_formatting() -> None:
    case = make_case(
        engagement={"currency": "EUR"},
        client={"locale": "de_DE", "country": "DE"},
        contract={"hourly_rate": "85"},
        time_entries=[{"date": "2026-05-02", "hours": "87.536"}],  # 7440.56
        expenses=[{"date": "2026-05-03", "description": "Schriften", "amount": "0.04"}],
    )
    s = build(case)
    assert s.balance_due == Decimal("7440.60")
    assert as_json(s)["balance_due"] == "7440.60"
    assert lines(s, "time")[0][0] == f"2026-05-02 · 87,536 h × 85,00{NBSP}€"
    md = settlement_md(s, case)
    assert f"Balance due: 7.440,60{NBSP}€ by 15 June 2026." in md
    assert f"| **Unbilled time** | **7.440,56{NBSP}€** |" in md
    assert "End of the engagement: 31 May 2026" in md


# --- settlement.md details -----------------------------------------------------------------


def test_markdown_escapes_pipes_in_titles() -> None:
    case = make_case(
        deliverables=[{"id": "a", "title": "Blog | News", "status": "done"}],
        time_entries=[{"date": "2026-05-02", "hours": "1", "deliverable": "a"}],
    )
    md = settlement_md(build(case), case)
    assert "| 2026-05-02 · Blog \\| News · 1 h × $100.00 | $100.00 |" in md


def test_markdown_with_no_lines() -> None:
    case = make_case()
    md = settlement_md(build(case), case)
    assert "Nothing further to invoice." in md
    assert "All earlier invoices are paid in full." in md
    assert "No credits are held." in md


# --- scale ---------------------------------------------------------------------------------


def test_fifty_thousand_time_entries_settle_fast() -> None:
    rates = ["95", "110", "80.50", None]
    entries: list[dict[str, Any]] = [
        {
            "date": str(date(2025, 1, 1) + timedelta(days=i % 500)),
            "hours": str(Decimal(i % 37 + 1) / 4),
            "deliverable": "support" if i % 3 else "fixed",
            "rate": rates[i % 4],
            "billable": i % 10 != 0,
        }
        for i in range(50_000)
    ]
    case = make_case(
        deliverables=[
            {"id": "support", "title": "Support", "status": "in_progress"},
            {"id": "fixed", "title": "Fixed", "status": "done", "fee": "100"},
        ],
        time_entries=entries,
    )
    start = time.perf_counter()
    s = build(case)
    elapsed = time.perf_counter() - start
    expected = sum(
        (
            case.round(Decimal(e["hours"]) * Decimal(e["rate"] or "100"))
            for e in entries
            if e["billable"] and e["deliverable"] == "support"
        ),
        Decimal(0),
    )
    assert s.unbilled_time == expected
    assert len(amounts(s, "time")) == sum(
        1 for e in entries if e["billable"] and e["deliverable"] == "support"
    )
    assert elapsed < 1.0, f"build took {elapsed:.2f} s"


# --- properties ----------------------------------------------------------------------------

CURRENCIES = ["USD", "EUR", "JPY", "KWD"]
DAY0 = date(2026, 1, 1)


def decimals(max_value: int, places: int) -> st.SearchStrategy[str]:
    return st.decimals(
        min_value=0, max_value=max_value, places=places, allow_nan=False, allow_infinity=False
    ).map(str)


def days() -> st.SearchStrategy[str]:
    return st.integers(0, 300).map(lambda n: str(DAY0 + timedelta(days=n)))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    currency = draw(st.sampled_from(CURRENCIES))
    places = money.digits(currency) + 2  # inputs may carry more digits than the currency
    amount = decimals(100_000, places)
    n_deliverables = draw(st.integers(0, 5))
    deliverables = []
    for i in range(n_deliverables):
        status = draw(st.sampled_from(["not_started", "in_progress", "done", "accepted"]))
        d: dict[str, Any] = {"id": f"d{i}", "title": f"Deliverable {i}", "status": status}
        if status == "in_progress":
            d["percent_complete"] = draw(decimals(100, 1))
        if draw(st.booleans()):
            d["fee"] = draw(amount)
            d["invoiced"] = draw(amount)
        deliverables.append(d)
    ids = [d["id"] for d in deliverables]
    time_entries = [
        {
            "date": draw(days()),
            "hours": draw(decimals(40, 3)),
            "deliverable": draw(st.sampled_from([None, *ids])),
            "rate": draw(st.none() | decimals(500, places)),
            "billable": draw(st.booleans()),
            "billed": draw(st.booleans()),
        }
        for _ in range(draw(st.integers(0, 8)))
    ]
    invoices = []
    for i in range(draw(st.integers(0, 4))):
        total = Decimal(draw(amount))
        paid = (total * Decimal(draw(st.integers(0, 100))) / 100).quantize(
            Decimal(1).scaleb(-places)
        )
        invoices.append(
            {"number": f"I{i}", "due": draw(days()), "amount": str(total), "paid": str(paid)}
        )
    expenses = [
        {"date": draw(days()), "description": "Expense", "amount": draw(amount)}
        for _ in range(draw(st.integers(0, 3)))
    ]
    data = {
        "version": 1,
        "provider": {"name": "P"},
        "client": {"name": "C", "contact": "K", "locale": "en_US"},
        "engagement": {
            "project": "X",
            "currency": currency,
            "terminated_by": draw(st.sampled_from(["provider", "client", "mutual"])),
            "notice_given": "2026-01-01",
            "end_date": draw(days()),
            "as_of": draw(st.none() | days()),
        },
        "contract": {
            "hourly_rate": draw(st.none() | decimals(500, places)),
            "deposit": draw(amount),
            "deposit_refundable": draw(st.booleans()),
            "prepaid_balance": draw(amount),
            "kill_fee_percent": draw(decimals(100, 2)),
            "late_fee_percent_per_month": draw(decimals(10, 2)),
            "charge_late_fees": draw(st.booleans()),
            # rules 11 to 13 (docs/settlement.md), now and then
            **(
                {
                    "retainer": draw(amount),
                    "retainer_proration": draw(st.sampled_from(["days", "business_days"])),
                    "retainer_invoiced_through": draw(st.none() | days()),
                }
                if draw(st.booleans()) else {}
            ),
            **(
                {
                    "notice_days": draw(st.integers(0, 200)),
                    "notice_in_business_days": draw(st.booleans()),
                    "notice_pay": True,
                    "notice_pay_per_day": draw(st.none() | decimals(2000, places)),
                }
                if draw(st.booleans()) else {}
            ),
            **(
                {
                    "statutory_interest": {
                        "regime": draw(st.sampled_from(
                            ["uk_late_payment", "eu_late_payment", "de_bgb288"]
                        )),
                        "reference_rate": draw(st.decimals(-1, 6, places=2).map(str)),
                        "fixed_sum": draw(st.none() | amount),
                    }
                }
                if draw(st.booleans()) else {}
            ),
        },
        "deliverables": deliverables,
        "time_entries": time_entries,
        "invoices": invoices,
        "expenses": expenses,
    }
    return Case.model_validate(data)


def total(s: Settlement, kinds: frozenset[str] | set[str]) -> Decimal:
    return sum((line.amount for line in s.lines if line.kind in kinds), Decimal(0))


AMOUNT_FIELDS = (
    "unbilled_time",
    "fixed_fees",
    "expenses",
    "kill_fee",
    "late_fees_charged",
    "late_fees_waived",
    "retainer",
    "notice_pay",
    "statutory_interest",
    "statutory_compensation",
    "final_invoice",
    "unpaid_invoices",
    "credits",
    "balance_due",
    "refund_due",
)

PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(cases())
def test_lines_sum_to_the_totals(case: Case) -> None:
    s = build(case)
    assert s.unbilled_time == total(s, {"time"})
    assert s.fixed_fees == total(s, {"fixed_fee", "fixed_fee_advance"})
    assert s.expenses == total(s, {"expense"})
    assert s.kill_fee == total(s, {"kill_fee"})
    assert s.late_fees_charged == total(s, {"late_fee"})
    assert s.late_fees_waived == total(s, {"late_fee_waived"})
    assert s.retainer == total(s, {"retainer", "retainer_advance"})
    assert s.notice_pay == total(s, {"notice_pay"})
    assert s.statutory_interest == total(s, {"statutory_interest"})
    assert s.statutory_compensation == total(s, {"statutory_compensation"})
    if case.contract.statutory_interest is not None:
        assert not s.lines_of("late_fee", "late_fee_waived")  # rule 13 replaces rule 6
    if case.engagement.terminated_by != "client":
        assert s.notice_pay == 0
    assert s.final_invoice == total(s, FINAL_INVOICE_KINDS)
    assert "late_fee_waived" not in FINAL_INVOICE_KINDS
    assert s.unpaid_invoices == total(s, {"unpaid_invoice"})
    assert s.credits == -total(s, CREDIT_KINDS)
    net = s.final_invoice + s.unpaid_invoices - s.credits
    assert s.balance_due - s.refund_due == net
    assert {line.kind for line in s.lines} <= set(KINDS)
    # Documented: zero lines are left out; credits are negative, charges positive.
    for line in s.lines:
        assert line.amount != 0
        if line.kind in CREDIT_KINDS or line.kind in ("fixed_fee_advance", "retainer_advance"):
            assert line.amount < 0
        else:
            assert line.amount > 0
    if case.engagement.terminated_by != "client":
        assert s.kill_fee == 0
    # Rule 9: the deposit is applied against O = F + U; only a non-refundable deposit of a
    # client-ended engagement leaves a retained part, and then exactly what O does not use.
    deposit = case.round(case.contract.deposit)
    applied = -total(s, {"deposit_credit"})
    assert s.deposit_retained == total(s, {"deposit_retained"})
    assert applied + s.deposit_retained == deposit
    owed = s.final_invoice + s.unpaid_invoices
    if case.engagement.terminated_by == "client" and not case.contract.deposit_refundable:
        assert applied == min(deposit, max(owed, case.round(Decimal(0))))
    else:
        assert s.deposit_retained == 0


@PROPERTY_SETTINGS
@given(cases())
def test_never_both_a_balance_and_a_refund(case: Case) -> None:
    s = build(case)
    assert s.balance_due >= 0
    assert s.refund_due >= 0
    assert not (s.balance_due > 0 and s.refund_due > 0)


@PROPERTY_SETTINGS
@given(cases())
def test_every_amount_has_exactly_the_currency_digits_and_no_float(case: Case) -> None:
    s = build(case)
    digits = money.digits(case.currency)
    figures = [getattr(s, name) for name in AMOUNT_FIELDS] + [line.amount for line in s.lines]
    for figure in figures:
        assert type(figure) is Decimal
        assert figure.as_tuple().exponent == -digits
        assert figure < 0 or not figure.is_signed()  # no -0.00
    out = as_json(s)

    def walk(value: Any) -> None:
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        else:
            assert isinstance(value, str)

    walk(out)
    for name, figure in zip(AMOUNT_FIELDS, figures, strict=False):
        if name not in out:  # rules 11 to 13: only for the rules the contract sets
            assert name in s6.EXTRA_TOTALS and name not in s.extra_totals
            continue
        assert Decimal(out[name]) == figure
        assert out[name] == money.to_json(figure, case.currency)
    for line, line_json in zip(s.lines, out["lines"], strict=True):
        assert isinstance(line, Line)
        assert Decimal(line_json["amount"]) == line.amount
    shown = [out[name] for name in AMOUNT_FIELDS if name in out]
    for text in shown + [ln["amount"] for ln in out["lines"]]:
        whole, _, fraction = text.lstrip("-").partition(".")
        assert whole.isdigit()
        assert len(fraction) == digits
        assert Decimal(text) != 0 or not text.startswith("-")


def test_a_fixed_fee_line_is_exactly_its_printed_parts() -> None:
    """Issue 11: "50% of $999.99 earned ($500.00)" less $999.99 invoiced is -$499.99; rounding
    the unrounded -499.995 away from zero gave -$500.00, which the printed parts do not add
    up to."""
    from pathlib import Path

    from conftest import MINIMAL
    from parting.case.load import parse_case
    from parting.render.settlement import describer

    text = MINIMAL.replace("    fee: 2000\n", "    fee: 999.99\n    invoiced: 999.99\n")
    case = parse_case(text, Path("case.yaml"))
    s = build(case)
    (line,) = [x for x in s.lines if x.ref == "build"]
    assert line.amount == Decimal("-499.99")
    assert describer(s)(line) == (
        "Build: $999.99 invoiced in advance, 50% of $999.99 earned ($500.00): credit"
    )


@given(cases())
@settings(max_examples=150, deadline=None)
def test_every_fixed_fee_line_is_its_rounded_earned_part_less_invoiced(case: Case) -> None:
    s = build(case)
    for line in s.lines_of("fixed_fee", "fixed_fee_advance"):
        assert line.earned is not None and line.invoiced is not None
        assert line.amount == case.round(case.round(line.earned) - line.invoiced)
