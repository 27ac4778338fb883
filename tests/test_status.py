"""Step 1: status from the case's own records."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import DATA, MINIMAL
from parting.case.load import load_case, parse_case
from parting.plan import status as s1_status
from parting.render import markdown


def _case(text: str) -> Any:
    return parse_case(text, Path("case.yaml"))


def test_harbor_foods_status() -> None:
    case = load_case(DATA / "harbor-foods.yaml")
    status = s1_status.build(case)
    # weights: home 1200, menu 800, maintenance 6.5 h x 95 = 617.50, ordering 3000,
    # payments 10 h x 95 = 950, tracking 1500; done: 1200 + 800 + 617.50 + 0.6 x 3000
    # = 4417.50 of 8067.50 = 54.76 -> 54.8
    assert status.percent_complete == Decimal("54.8")
    assert status.basis == "fee_and_hours"
    assert [i.deliverable.id for i in status.met] == ["home", "menu", "maintenance"]
    assert [i.deliverable.id for i in status.outstanding] == ["ordering", "payments", "tracking"]
    by_id = {i.deliverable.id: i for i in status.items}
    assert by_id["maintenance"].hours_logged == Decimal("6.5")
    assert by_id["maintenance"].earned == Decimal("522.50")  # 5.5 billable h x 95
    assert by_id["menu"].hours_logged == Decimal(4)
    assert by_id["ordering"].earned == Decimal("1800.00")
    assert status.outstanding_hours == Decimal(40)
    assert status.hours_logged == Decimal("16.5")


def test_all_fixed_fees_weigh_by_fee() -> None:
    status = s1_status.build(_case(MINIMAL))
    # design 1000 done, build 2000 at 50 %: (1000 + 1000) / 3000 = 66.7 %
    assert status.percent_complete == Decimal("66.7")
    assert status.basis == "fee"


def test_no_fee_and_no_rate_weighs_each_deliverable_the_same() -> None:
    text = (
        MINIMAL.replace("  hourly_rate: 100\n", "")
        .replace("    fee: 1000\n    invoiced: 1000\n", "")
        .replace("    fee: 2000\n", "")
        .replace("deliverable: build}", "deliverable: build, billable: false}")
        .replace("{date: 2026-05-05, hours: 1.5}", "{date: 2026-05-05, hours: 1.5, rate: 80}")
    )
    status = s1_status.build(_case(text))
    assert status.basis == "count"
    assert status.percent_complete == Decimal("75.0")  # (100 + 50) / 2


def test_overdue_outstanding_items_are_flagged() -> None:
    text = MINIMAL.replace(
        "    percent_complete: 50\n", "    percent_complete: 50\n    due: 2026-05-15\n"
    )
    status = s1_status.build(_case(text))
    build = status.items[1]
    assert build.overdue  # due 15 May, settled 29 May, not delivered
    assert "May 15, 2026 (overdue)" in markdown.status_md(status, _case(text))


def test_summary_sentences() -> None:
    case = load_case(DATA / "harbor-foods.yaml")
    text = s1_status.summary(s1_status.build(case), case)
    assert text == (
        "The project is 54.8% complete: Home page, Menu pages and Site maintenance and small "
        "changes (hourly) are delivered. Still outstanding: Online ordering module (60% done) "
        "is in progress; Payment integration and Order-tracking page are not started."
    )


def test_status_markdown_uses_the_client_locale() -> None:
    text = MINIMAL.replace("locale: en_US", "locale: de_DE").replace(
        "currency: USD", "currency: EUR"
    )
    case = _case(text)
    md = markdown.status_md(s1_status.build(case), case)
    assert "**66,7% complete**" in md
    assert "1.000,00\xa0€" in md
    assert "29 May 2026" in md
