"""The example case files in examples/: each one plans cleanly, and the settlement figures of
the new examples match a hand computation from the rules of the settlement spec (step 6).

The expected figures below were worked out by hand from the case files, rule by rule; the
arithmetic is written beside each assertion. They were not copied from the program's output.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import needs_system_packages
from parting.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))
PACKAGE_FILES = {
    "status.md",
    "options.md",
    "letter.md",
    "settlement.md",
    "settlement.json",
    "settlement.csv",
    "invoice.md",
    "transition.md",
    "package.json",
    "index.html",
    "parting.pdf",
    "settlement.pdf",
    "invoice.pdf",
    "transition.ics",
    "letter.eml",
}
NBSP = "\u00a0"  # Babel puts a no-break space between the figure and "€" in de_DE


def plan(case_file: Path, out: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["plan", str(case_file), "--out", str(out)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Plan every example once, into its own folder."""
    root = tmp_path_factory.mktemp("packages")
    out: dict[str, Path] = {}
    for case_file in ALL_EXAMPLES:
        target = root / case_file.stem
        code, stdout, stderr = plan(case_file, target)
        assert code == 0, f"{case_file.name}: exit {code}\n{stdout}\n{stderr}"
        out[case_file.stem] = target
    return out


def settlement(packages: dict[str, Path], name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (packages[name] / "settlement.json").read_text(encoding="utf-8")
    )
    return data


def text(packages: dict[str, Path], name: str, file: str) -> str:
    return (packages[name] / file).read_text(encoding="utf-8")


# --- every example ---------------------------------------------------------------------


def test_there_are_examples_of_each_shape() -> None:
    names = {p.stem for p in ALL_EXAMPLES}
    assert {"harbor-foods", "pennine-outdoor", "nordlicht-reisen", "kumo-games"} <= names


@pytest.mark.parametrize("case_file", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_example_plans_cleanly(case_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "package"
    code, stdout, stderr = plan(case_file, out)
    assert code == 0, stdout + stderr
    assert "warning" not in stderr, stderr
    assert {p.name for p in out.iterdir()} == PACKAGE_FILES
    for name in PACKAGE_FILES:
        assert (out / name).stat().st_size > 0, name
    package = json.loads((out / "package.json").read_text(encoding="utf-8"))
    assert package["settlement"] == json.loads(
        (out / "settlement.json").read_text(encoding="utf-8")
    )
    assert package["warnings"] == []


@pytest.mark.parametrize("case_file", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_example_is_self_contained(case_file: Path) -> None:
    """CSV files an example refers to live beside it in examples/, nothing from elsewhere."""
    import yaml

    data = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    for key in ("deliverables", "time_entries", "invoices", "expenses"):
        if isinstance(data.get(key), str):
            assert (EXAMPLES / data[key]).is_file(), data[key]
            assert (EXAMPLES / data[key]).resolve().parent == EXAMPLES


@pytest.mark.parametrize("case_file", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_example_output_is_reproducible(case_file: Path, tmp_path: Path) -> None:
    needs_system_packages("fonts-noto-cjk", "libharfbuzz-subset0")  # the PDF's bytes
    assert plan(case_file, tmp_path / "a")[0] == 0
    assert plan(case_file, tmp_path / "b")[0] == 0
    for name in PACKAGE_FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


# --- pennine-outdoor: hourly only, GBP, en_GB, time entries in a CSV file ---------------


def test_pennine_outdoor_settlement(packages: dict[str, Path]) -> None:
    s = settlement(packages, "pennine-outdoor")
    assert s["currency"] == "GBP"
    # Rule 1: no end_date; notice_given 2026-09-01 + 28 calendar days = 2026-09-29.
    assert s["end_date"] == "2026-09-29"
    assert s["as_of"] == "2026-09-29"
    # Rule 2, pennine-outdoor-time.csv (rate 65 unless given; no deliverable has a fee):
    #   08-04, 08-06, 08-11 billed: out. 08-20 and 09-09 non-billable: out.
    #   08-18 1.5 x 65 = 97.50
    #   08-25 2.5 x 65 = 162.50
    #   09-05 1.25 x 97.50 = 121.875 -> half-up 121.88
    #   09-08 0.5 x 65 = 32.50 (no deliverable)
    #   09-14 2.75 x 65 = 178.75
    #   09-16 1.6 x 65 = 104.00
    #   97.50 + 162.50 + 121.88 + 32.50 + 178.75 + 104.00 = 697.13
    assert s["unbilled_time"] == "697.13"
    assert [line["amount"] for line in s["lines"] if line["kind"] == "time"] == [
        "97.50",
        "162.50",
        "121.88",
        "32.50",
        "178.75",
        "104.00",
    ]
    # Rule 3: no fixed fees. Rule 5: the provider ends it, no kill fee.
    assert s["fixed_fees"] == "0.00"
    assert s["kill_fee"] == "0.00"
    # Rule 4: rail fare 46.40.
    assert s["expenses"] == "46.40"
    # Rule 6, 1.5 % a month, charged, as of 2026-09-29:
    #   PLA-2026-06: 910 - 500 = 410 unpaid, due 07-14: 17 (Jul) + 31 (Aug) + 29 (Sep) = 77
    #     days; 410 x 1.5/100 x 77/30 = 6.15 x 77 / 30 = 473.55 / 30 = 15.785 -> 15.79
    #   PLA-2026-08: 633.75 unpaid, due 09-14: 15 days; 633.75 x 0.015 x 15/30 = 4.753125 -> 4.75
    #   PLA-2026-07: paid in full, none.
    #   15.79 + 4.75 = 20.54
    assert s["late_fees_charged"] == "20.54"
    assert s["late_fees_waived"] == "0.00"
    # Rule 7: F = 697.13 + 0 + 46.40 + 0 + 20.54 = 764.07
    assert s["final_invoice"] == "764.07"
    # Rule 8: U = 410.00 + 633.75 = 1043.75
    assert s["unpaid_invoices"] == "1043.75"
    # Rule 9: no deposit, no prepaid balance: C = 0
    assert s["credits"] == "0.00"
    # Rule 10: N = 764.07 + 1043.75 - 0 = 1807.82 >= 0; due 09-29 + 14 days = 10-13.
    assert s["balance_due"] == "1807.82"
    assert s["refund_due"] == "0.00"
    assert s["due_date"] == "2026-10-13"


def test_pennine_outdoor_money_in_en_gb(packages: dict[str, Path]) -> None:
    settlement_md = text(packages, "pennine-outdoor", "settlement.md")
    letter_md = text(packages, "pennine-outdoor", "letter.md")
    for doc in (settlement_md, letter_md):
        assert "£1,807.82" in doc
        assert "13 October" in doc  # en_GB: day first
    assert "£764.07" in letter_md
    assert "£20.54" in letter_md  # late fees, charged as the contract provides
    assert "£121.88" in settlement_md


# --- nordlicht-reisen: fixed fees, ended by the client, EUR, de_DE, DE holidays --------


def test_nordlicht_reisen_settlement(packages: dict[str, Path]) -> None:
    s = settlement(packages, "nordlicht-reisen")
    assert s["currency"] == "EUR"
    # Rule 1: notice Fri 2026-03-27, 10 business days in DE, the day itself not counted:
    #   Mar 30, 31, Apr 1, 2 (4); Apr 3 Good Friday, 4-5 weekend, Apr 6 Easter Monday skipped;
    #   Apr 7, 8, 9, 10 (8); Apr 13, 14 (10) -> 2026-04-14 (2026-04-10 without the holidays).
    assert s["end_date"] == "2026-04-14"
    # Rule 2 (rate 90): support is hourly; booking has a fee, so its 4 h are not billed;
    #   03-31 non-billable and 02-20 billed are out.
    #   03-10 3 x 90 = 270.00; 03-18 1.75 x 90 = 157.50; 04-08 2.5 x 90 = 225.00 -> 652.50
    assert s["unbilled_time"] == "652.50"
    # Rule 3, earned - invoiced:
    #   discovery 4800 x 1 - 4800 = 0 (no line)
    #   design    6200 x 1 - 3100 = 3100.00
    #   booking   12500 x 0.35 = 4375 - 6250 = -1875.00 (fixed_fee_advance credit)
    #   content   3450 x 0.45 = 1552.50 - 0 = 1552.50
    #   payments  not started: 0
    #   3100.00 - 1875.00 + 1552.50 = 2777.50
    assert s["fixed_fees"] == "2777.50"
    advance = [line for line in s["lines"] if line["kind"] == "fixed_fee_advance"]
    assert [line["amount"] for line in advance] == ["-1875.00"]
    # Rule 4: 129.90 + 89.00 = 218.90
    assert s["expenses"] == "218.90"
    # Rule 5, terminated_by client, 20 % of the unearned fixed fees:
    #   booking 12500 x 0.65 = 8125; content 3450 x 0.55 = 1897.50; payments 5400
    #   8125 + 1897.50 + 5400 = 15422.50; x 20/100 = 3084.50
    assert s["kill_fee"] == "3084.50"
    # Rule 6, 1 % a month, waived: KD-2026-009 3550 - 450 = 3100 unpaid, due 03-16,
    #   29 days to 04-14 (15 in March + 14 in April); 3100 x 1/100 x 29/30 = 29.9666.. -> 29.97
    assert s["late_fees_charged"] == "0.00"
    assert s["late_fees_waived"] == "29.97"
    # Rule 7: F = 652.50 + 2777.50 + 218.90 + 3084.50 + 0 = 6733.40
    assert s["final_invoice"] == "6733.40"
    # Rule 8: U = 3100.00 (the other two invoices are paid in full)
    assert s["unpaid_invoices"] == "3100.00"
    # Rule 9 (revised): the deposit is an advance on the fees: applied against O = F + U =
    # 9833.40; not refundable only means that what exceeds O is retained (nothing here).
    assert s["credits"] == "2500.00"
    assert [line["amount"] for line in s["lines"] if line["kind"] == "deposit_credit"] == [
        "-2500.00"
    ]
    assert not [line for line in s["lines"] if line["kind"] == "deposit_retained"]
    # Rule 10: N = 6733.40 + 3100.00 - 2500.00 = 7333.40; due 04-14 + 14 days = 04-28.
    assert s["balance_due"] == "7333.40"
    assert s["refund_due"] == "0.00"
    assert s["due_date"] == "2026-04-28"


def test_nordlicht_reisen_money_in_de_de(packages: dict[str, Path]) -> None:
    settlement_md = text(packages, "nordlicht-reisen", "settlement.md")
    letter_md = text(packages, "nordlicht-reisen", "letter.md")
    for doc in (settlement_md, letter_md):
        assert f"7.333,40{NBSP}€" in doc
        assert f"3.084,50{NBSP}€" in doc  # the kill fee
        assert "28 April" in doc  # the letter omits the year of its own date
    assert f"-1.875,00{NBSP}€" in settlement_md  # the advance credit
    assert f"-2.500,00{NBSP}€" in settlement_md  # the deposit, applied
    assert f"29,97{NBSP}€" in letter_md  # late fees waived
    transition_md = text(packages, "nordlicht-reisen", "transition.md")
    assert "Good Friday" in transition_md and "Easter Monday" in transition_md


# --- kumo-games: retainer, mutual, JPY, ja_JP: a refund --------------------------------


def test_kumo_games_settlement(packages: dict[str, Path]) -> None:
    s = settlement(packages, "kumo-games")
    assert s["currency"] == "JPY"
    assert s["end_date"] == "2026-05-31"
    # Rule 2 (rate 8500; JPY has no minor unit, each line rounded half-up to the yen):
    #   04-14 billed, 05-13 non-billable: out.
    #   05-01 3.5 x 8500 = 29750
    #   05-07 6 x 8500 = 51000
    #   05-08 2.25 x 8500 = 19125
    #   05-12 4.75 x 8500 = 40375
    #   05-18 5.5 x 8500 = 46750
    #   05-20 0.15 x 12750 = 1912.5 -> half-up 1913 (half-even would give 1912)
    #   05-22 2 x 12750 = 25500
    #   05-26 3 x 8500 = 25500
    #   29750 + 51000 + 19125 + 40375 + 46750 + 1913 + 25500 + 25500 = 239913
    assert s["unbilled_time"] == "239913"
    assert "1913" in [line["amount"] for line in s["lines"] if line["kind"] == "time"]
    # Rule 3: no fixed fees. Rule 4: 5720. Rule 5: mutual, no kill fee. Rule 6: no late fee
    #   rate in the contract (and SL-2026-04X is due on as_of itself, not overdue).
    assert s["fixed_fees"] == "0"
    assert s["expenses"] == "5720"
    assert s["kill_fee"] == "0"
    assert s["late_fees_charged"] == "0"
    assert s["late_fees_waived"] == "0"
    # Rule 7: F = 239913 + 5720 = 245633
    assert s["final_invoice"] == "245633"
    # Rule 8: U = 38250 (SL-2026-04X, nothing paid)
    assert s["unpaid_invoices"] == "38250"
    # Rule 9: no deposit; prepaid 450000: C = 450000
    assert s["credits"] == "450000"
    # Rule 10: N = 245633 + 38250 - 450000 = -166117 < 0: refund_due 166117;
    #   due 05-31 + 30 days = 06-30.
    assert s["balance_due"] == "0"
    assert s["refund_due"] == "166117"
    assert s["due_date"] == "2026-06-30"


def test_kumo_games_money_in_ja_jp(packages: dict[str, Path]) -> None:
    settlement_md = text(packages, "kumo-games", "settlement.md")
    letter_md = text(packages, "kumo-games", "letter.md")
    for doc in (settlement_md, letter_md):
        assert "¥166,117" in doc
        assert "June 30, 2026" in doc
    assert "¥450,000" in letter_md  # the prepaid balance credited
    assert "refund" in letter_md
    assert "¥1,913" in settlement_md


# --- harbor-foods: the worked example of the settlement spec ---------------------------


def test_harbor_foods_matches_the_worked_example(packages: dict[str, Path]) -> None:
    s = settlement(packages, "harbor-foods")
    # settlement.md, worked example: F = 522.50 + 1200 + 60 = 1782.50, U = 1000, C = 1000.
    assert (s["final_invoice"], s["unpaid_invoices"], s["credits"]) == (
        "1782.50",
        "1000.00",
        "1000.00",
    )
    assert (s["balance_due"], s["due_date"], s["late_fees_waived"]) == (
        "1782.50",
        "2026-06-15",
        "22.50",
    )
