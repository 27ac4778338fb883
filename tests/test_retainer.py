"""Settlement rules 11 to 13, beyond the spec (docs/settlement.md): a monthly retainer pro
rata, pay in lieu of notice, statutory interest on late payment. Every figure is worked by
hand in the comments."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parting.case.load import load_case, parse_case
from parting.core import money
from parting.core.business_days import calendar_for
from parting.core.errors import CaseError
from parting.plan import settlement as s6
from parting.plan.settlement import build, count_days, fixed_sum, prorate, retainer_credit
from parting.render import bundle
from parting.render.settlement import describer, settlement_json
from test_settlement import make_case

DATA = Path(__file__).parent / "data"
D = Decimal


def amounts(s: s6.Settlement, kind: str) -> list[Decimal]:
    return [line.amount for line in s.lines if line.kind == kind]


def retainer_case(**contract: Any) -> Any:
    """A retainer of £3,000 a month, ended by the client on Friday 15 May 2026, for a client
    in England (May 2026: bank holidays on Monday 4 and Monday 25 May)."""
    sections: dict[str, Any] = {
        "client": {"name": "Fellside", "contact": "Tom", "country": "GB-ENG",
                   "locale": "en_GB"},
        "engagement": {"project": "Care plan", "currency": "GBP", "terminated_by": "client",
                       "notice_given": "2026-04-30", "end_date": "2026-05-15",
                       "started": "2025-09-01"},
        "contract": {"payment_terms_days": 14, "retainer": "3000", **contract},
    }
    return make_case(**sections)


# --- rule 11: the retainer ------------------------------------------------------------------


def test_may_2026_in_england_has_19_business_days() -> None:
    gb = calendar_for("GB-ENG")
    # 21 weekdays (Friday 1 May to Friday 29 May) less two bank holidays (4 and 25 May)
    assert count_days(date(2026, 5, 1), date(2026, 5, 31), "business_days", gb) == 19
    assert count_days(date(2026, 5, 1), date(2026, 5, 15), "business_days", gb) == 10
    assert count_days(date(2026, 5, 16), date(2026, 5, 31), "business_days", gb) == 9
    assert count_days(date(2026, 5, 1), date(2026, 5, 15), "days", gb) == 15


def test_a_month_not_yet_invoiced_ended_mid_month_by_calendar_days() -> None:
    s = build(retainer_case(retainer_invoiced_through="2026-04-30"))
    # 1 to 15 May of 31 days: 3000 x 15/31 = 1451.6129... -> 1451.61
    assert amounts(s, s6.RETAINER) == [D("1451.61")]
    assert s.retainer == D("1451.61") and s.final_invoice == D("1451.61")
    (text,) = [describer(s)(x) for x in s.lines_of(s6.RETAINER)]
    assert text == "Retainer 2026-05-01 to 2026-05-15: 15 of 31 days of £3,000.00 a month"


def test_a_month_not_yet_invoiced_ended_mid_month_by_business_days() -> None:
    s = build(retainer_case(retainer_invoiced_through="2026-04-30",
                            retainer_proration="business_days"))
    # 1 to 15 May: 10 of May's 19 business days (4 May is a bank holiday):
    # 3000 x 10/19 = 1578.947... -> 1578.95
    assert amounts(s, s6.RETAINER) == [D("1578.95")]
    (text,) = [describer(s)(x) for x in s.lines_of(s6.RETAINER)]
    assert text == (
        "Retainer 2026-05-01 to 2026-05-15: 10 of 19 business days of £3,000.00 a month"
    )


def test_the_bank_holiday_of_the_clients_country_counts() -> None:
    # The same days for a client in the US: no holiday in 1-15 May, Memorial Day on 25 May:
    # 11 of 20 business days, 3000 x 11/20 = 1650.00
    s = build(retainer_case(retainer_invoiced_through="2026-04-30",
                            retainer_proration="business_days")
              .model_copy(update={"client": make_case().client}))
    assert amounts(s, s6.RETAINER) == [D("1650.00")]


def test_months_from_the_start_whole_and_in_part() -> None:
    case = retainer_case()
    case = case.model_copy(update={"engagement": case.engagement.model_copy(
        update={"started": date(2026, 3, 10)})})
    s = build(case)
    # 10-31 March, 22 of 31 days: 3000 x 22/31 = 2129.0322... -> 2129.03; April whole:
    # 3000.00; 1-15 May: 1451.61. Total 6580.64.
    assert amounts(s, s6.RETAINER) == [D("2129.03"), D("3000.00"), D("1451.61")]
    assert s.retainer == D("6580.64")
    assert [x.ref for x in s.lines_of(s6.RETAINER)] == ["2026-03", "2026-04", "2026-05"]
    assert "the whole month of £3,000.00" in describer(s)(s.lines_of(s6.RETAINER)[1])


def test_a_month_invoiced_in_advance_is_credited_back_in_part() -> None:
    s = build(retainer_case(retainer_invoiced_through="2026-05-31"))
    # May invoiced on the 1st; kept 1-15 May, 3000 x 15/31 = 1451.61; the credit is the rest
    # of the fee, 3000 - 1451.61 = 1548.39, so kept + credit is the fee to the penny.
    assert amounts(s, s6.RETAINER_ADVANCE) == [D("-1548.39")]
    assert amounts(s, s6.RETAINER) == []
    s = build(retainer_case(retainer_invoiced_through="2026-06-30",
                            retainer_proration="business_days"))
    # by business days: kept 10 of 19, 1578.95; credit 3000 - 1578.95 = 1421.05; June, invoiced
    # in advance as well and wholly after the end: 3000.00 back
    assert amounts(s, s6.RETAINER_ADVANCE) == [D("-1421.05"), D("-3000.00")]
    assert s.retainer == D("-4421.05") and s.refund_due == D("4421.05")
    text = describer(s)(s.lines_of(s6.RETAINER_ADVANCE)[0])
    assert text == (
        "Retainer invoiced in advance for 2026-05-16 to 2026-05-31, after the end: 9 of 19 "
        "business days of £3,000.00 a month: credit"
    )


def test_no_retainer_no_line_and_settlement_json_keeps_the_spec_keys() -> None:
    s = build(make_case())
    assert not s.lines_of(s6.RETAINER, s6.RETAINER_ADVANCE, s6.NOTICE_PAY)
    assert "retainer" not in settlement_json(s)


# --- rule 12: pay in lieu of notice ------------------------------------------------------


def notice_case(party: str = "client", **contract: Any) -> Any:
    return make_case(
        engagement={"terminated_by": party, "notice_given": "2026-05-01",
                    "end_date": "2026-05-20"},
        contract={"notice_days": 30, "notice_pay": True, "notice_pay_per_day": "250",
                  **contract},
    )


def test_notice_pay_per_calendar_day_cut() -> None:
    s = build(notice_case())
    # contractual end 1 May + 30 days = 31 May; cut 21-31 May, 11 days x 250 = 2750.00
    assert amounts(s, s6.NOTICE_PAY) == [D("2750.00")]
    assert s.notice_pay == D("2750.00") and s.final_invoice == D("2750.00")
    (text,) = [describer(s)(x) for x in s.lines_of(s6.NOTICE_PAY)]
    assert text == "Pay in lieu of notice cut short: 2026-05-21 to 2026-05-31, 11 days × $250.00"


def test_notice_pay_per_business_day_cut() -> None:
    s = build(notice_case(notice_days=20, notice_in_business_days=True))
    # 20 US business days after Friday 1 May, Memorial Day (25 May) skipped: Monday 1 June.
    # Cut 21 May - 1 June: 21, 22, 26, 27, 28, 29 May and 1 June = 7 x 250 = 1750.00
    assert amounts(s, s6.NOTICE_PAY) == [D("1750.00")]


@pytest.mark.parametrize(
    "party, contract",
    [
        ("provider", {}),  # the provider cut its own notice
        ("mutual", {}),  # an end agreed by both: the agreement says what is paid
        ("client", {"notice_pay": False}),
        ("client", {"notice_days": 19}),  # 1 May + 19 = 20 May: the notice was served
    ],
)
def test_no_notice_pay(party: str, contract: dict[str, Any]) -> None:
    assert build(notice_case(party, **contract)).notice_pay == 0


def test_notice_pay_on_a_retainer_pro_rata_across_months() -> None:
    s = build(load_case(DATA / "retainer-uk.yaml"))
    # notice 30 April + 45 days = 14 June; ended 15 May: 16 May - 14 June cut. By business
    # days: May 9 of 19, June 1-14 10 of 22: 3000 x (9/19 + 10/22) = 1421.0526... + 1363.6363...
    # = 2784.6889... -> 2784.69, rounded once
    assert amounts(s, s6.NOTICE_PAY) == [D("2784.69")]


# --- rule 13: statutory interest ---------------------------------------------------------


def test_uk_late_payment_interest_and_fixed_sum_of_70() -> None:
    s = build(load_case(DATA / "retainer-uk.yaml"))
    # AD-2026-04: 3000 unpaid, due 15 April, 30 days overdue on 15 May; 4% base + 8 = 12% a
    # year: 3000 x 12/100 x 30/365 = 29.589... -> 29.59; 3000 is from 1,000 to under 10,000:
    # £70. The contract's 1.5% a month late fee gives way to it.
    assert amounts(s, s6.STATUTORY_INTEREST) == [D("29.59")]
    assert amounts(s, s6.STATUTORY_COMPENSATION) == [D("70.00")]
    assert not s.lines_of(s6.LATE_FEE, s6.LATE_FEE_WAIVED)
    # F = 240 (time) - 1421.05 (May credited) + 2784.69 + 29.59 + 70 = 1703.23; U = 3000
    assert s.final_invoice == D("1703.23")
    assert s.balance_due == D("4703.23")
    out = settlement_json(s)
    assert list(out)[4:15] == [
        "unbilled_time", "retainer", "fixed_fees", "expenses", "kill_fee", "notice_pay",
        "late_fees_charged", "late_fees_waived", "statutory_interest",
        "statutory_compensation", "final_invoice",
    ]
    assert out["retainer"] == "-1421.05" and out["statutory_compensation"] == "70.00"
    (text,) = [describer(s)(x) for x in s.lines_of(s6.STATUTORY_INTEREST)]
    assert text == (
        "Statutory interest on invoice AD-2026-04: £3,000.00 unpaid, 30 days overdue at 12% a "
        "year (Late Payment of Commercial Debts (Interest) Act 1998: reference rate 4% + 8 "
        "points, actual/365)"
    )


@pytest.mark.parametrize(
    "unpaid, expected",
    [("999.99", "40"), ("1000", "70"), ("9999.99", "70"), ("10000", "100")],
)
def test_uk_fixed_sum_bands(unpaid: str, expected: str) -> None:
    case = retainer_case(statutory_interest={"regime": "uk_late_payment",
                                             "reference_rate": "4"})
    assert fixed_sum(case, D(unpaid)) == D(expected)


def de_case(regime: str = "de_bgb288", rate: str = "1.27") -> Any:
    return make_case(
        client={"name": "Brandt GmbH", "contact": "Jana", "country": "DE", "locale": "de_DE"},
        engagement={"currency": "EUR"},
        contract={"late_fee_percent_per_month": "1.5", "charge_late_fees": True,
                  "statutory_interest": {"regime": regime, "reference_rate": rate}},
        invoices=[{"number": "R-7", "due": "2026-03-31", "amount": "5000"}],
    )


def test_de_bgb_288_nine_points_and_eur_40() -> None:
    s = build(de_case())
    # 5000 unpaid, due 31 March, 61 days overdue on 31 May; Basiszinssatz 1.27% + 9 =
    # 10.27% a year: 5000 x 10.27/100 x 61/365 = 85.8178... -> 85.82; plus EUR 40 (§ 288(5)).
    # The contractual late fee, though charge_late_fees is true, is replaced.
    assert amounts(s, s6.STATUTORY_INTEREST) == [D("85.82")]
    assert amounts(s, s6.STATUTORY_COMPENSATION) == [D("40.00")]
    assert s.late_fees_charged == 0
    assert s.final_invoice == D("125.82") and s.balance_due == D("5125.82")


def test_eu_directive_eight_points_and_a_negative_reference_rate() -> None:
    # Directive 2011/7/EU: at least 8 points. ECB rate 2.15%: 10.15%:
    # 5000 x 10.15/100 x 61/365 = 84.8150... -> 84.82
    assert amounts(build(de_case("eu_late_payment", "2.15")), s6.STATUTORY_INTEREST) == [
        D("84.82")
    ]
    # the Basiszinssatz was -0.88% in 2016-2022: 8.12%, 5000 x 8.12/100 x 61/365 = 67.852...
    assert amounts(build(de_case(rate="-0.88")), s6.STATUTORY_INTEREST) == [D("67.85")]


def test_statutory_interest_is_outside_the_scope_of_vat_on_the_invoice() -> None:
    b = bundle.build(load_case(DATA / "retainer-uk.yaml"))
    i = b.package.invoice
    assert i is not None
    taxes = {x.line.kind: x.tax for x in i.lines}
    assert taxes[s6.STATUTORY_INTEREST] == 0 and taxes[s6.STATUTORY_COMPENSATION] == 0
    # VAT per line at 20%: 240 -> 48.00, -1421.05 -> -284.21, 2784.69 -> 556.94: 320.73
    assert i.tax == D("320.73") and i.gross == D("2023.96") and i.to_pay == D("5023.96")
    md = b.files(documents=False)["invoice.md"]
    assert "outside the scope of VAT" in md
    assert "| VAT at 20% on £1,603.64 | £320.73 |" in md


# --- the case file ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "contract, engagement, expected",
    [
        ("  retainer: 3000\n", "", "contract.retainer_invoiced_through"),
        ("  notice_pay: true\n  notice_days: 30\n", "", "contract.notice_pay_per_day"),
        ("  notice_pay: true\n  notice_pay_per_day: 100\n", "", "contract.notice_days"),
        (
            "  statutory_interest: {regime: de_bgb288, reference_rate: 1.27}\n", "",
            "contract.statutory_interest.fixed_sum",
        ),
        ("  retainer: 3000.001\n  retainer_invoiced_through: 2026-04-30\n", "",
         "contract.retainer"),
    ],
)
def test_case_file_errors(contract: str, engagement: str, expected: str) -> None:
    text = f"""\
version: 1
provider: {{name: Sam}}
client: {{name: Acme, contact: Jo, country: US}}
engagement:
  project: Site
  currency: USD
  notice_given: 2026-05-01
  end_date: 2026-05-29
{engagement}contract:
{contract}"""
    with pytest.raises(CaseError) as caught:
        parse_case(text, Path("case.yaml"))
    assert expected in str(caught.value)


# --- properties ---------------------------------------------------------------------------

CALENDARS = {c: calendar_for(c) for c in ("GB-ENG", "US", "DE", None)}


@st.composite
def month_splits(draw: st.DrawFn) -> tuple[Decimal, date, date, str, Any, str]:
    currency = draw(st.sampled_from(["GBP", "EUR", "JPY", "KWD"]))
    digits = money.digits(currency)
    fee = draw(st.decimals(min_value=0, max_value=1_000_000, places=digits,
                           allow_nan=False, allow_infinity=False))
    first = date(draw(st.integers(2024, 2030)), draw(st.integers(1, 12)), 1)
    month_end = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    end = first + timedelta(days=draw(st.integers(0, (month_end - first).days)))
    return (fee, first, end, draw(st.sampled_from(["days", "business_days"])),
            CALENDARS[draw(st.sampled_from(list(CALENDARS)))], currency)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(month_splits())
def test_a_part_month_is_between_nothing_and_the_fee_and_the_parts_make_the_month(
    split: tuple[Decimal, date, date, str, Any, str],
) -> None:
    fee, first, end, basis, calendar, currency = split
    case = make_case(engagement={"currency": currency})
    kept = case.round(prorate(fee, first, end, basis, calendar))
    assert 0 <= kept <= fee
    month_end = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    credit = retainer_credit(case, fee, end + timedelta(days=1), month_end, basis, calendar)
    assert -fee <= credit <= 0
    assert kept - credit == fee  # the days worked and the days credited make the month
    assert case.round(prorate(fee, first, month_end, basis, calendar)) == fee
