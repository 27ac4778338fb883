"""Public holidays by region: GB-SCT, US-CA, DE-BY, as the `holidays` package keeps them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import MINIMAL, run_cli
from parting.core.business_days import Calendar, is_country


def test_regions_are_countries_with_their_own_holidays() -> None:
    assert is_country("GB-SCT") and is_country("US-CA") and is_country("DE-BY")
    assert not is_country("GB-XYZ") and not is_country("XX")
    easter_monday, august_england, august_scotland = (
        date(2026, 4, 6), date(2026, 8, 31), date(2026, 8, 3),
    )
    assert not Calendar("GB").is_business_day(date(2026, 12, 25))
    assert Calendar("GB").is_business_day(easter_monday)  # not a UK-wide bank holiday
    assert not Calendar("GB-ENG").is_business_day(easter_monday)
    assert not Calendar("GB-ENG").is_business_day(august_england)
    assert Calendar("GB-SCT").is_business_day(august_england)
    assert not Calendar("GB-SCT").is_business_day(august_scotland)
    assert not Calendar("DE-BY").is_business_day(date(2026, 1, 6))  # Epiphany in Bavaria
    assert Calendar("DE").is_business_day(date(2026, 1, 6))
    assert not Calendar("US-CA").is_business_day(date(2026, 3, 31))  # César Chávez Day


def _plan(tmp_path: Path, country: str) -> tuple[int, str, str]:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL.replace("country: US", f"country: {country}"), encoding="utf-8")
    r = run_cli("plan", case, "--out", tmp_path / country, "--no-documents")
    transition = (tmp_path / country / "transition.md").read_text(encoding="utf-8") if (
        r.exit_code == 0
    ) else ""
    return r.exit_code, r.stderr, transition


def test_gb_without_a_nation_is_warned_and_a_nation_is_used(tmp_path: Path) -> None:
    code, stderr, _ = _plan(tmp_path, "GB")
    assert code == 0
    assert "client.country: GB without a nation counts only the bank holidays" in stderr
    code, stderr, transition = _plan(tmp_path, "GB-ENG")
    assert code == 0 and "client.country" not in stderr
    assert "Dates are business days in GB-ENG" in transition
    # the UK GDPR applies in every nation, the GDPR in every Land
    from parting.plan.transition import privacy_law

    assert privacy_law("GB-SCT") == "UK GDPR" and privacy_law("DE-BY") == "GDPR"


def test_an_unknown_region_is_an_error(tmp_path: Path) -> None:
    code, stderr, _ = _plan(tmp_path, "GB-XYZ")
    assert code == 2
    assert "client.country: no public-holiday calendar for country 'GB-XYZ'" in stderr
    assert "or a region such as GB-SCT, US-CA or DE-BY" in stderr
