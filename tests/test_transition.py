"""Step 7: the dated transition plan."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parting.case.load import load_case
from parting.case.model import Case
from parting.plan.settlement import Settlement
from parting.plan.transition import (
    CONTRACT_DATED,
    Step,
    citation,
    privacy_law,
)
from parting.plan.transition import build as plan_build
from parting.render.markdown import transition_md
from parting.render.transition import SaidPlan as TransitionPlan
from parting.render.transition import say


def build(case: Case, settlement: Settlement | None = None) -> TransitionPlan:
    """The plan as the documents say it: dates and owners from the plan, words from the
    phrase module."""
    return say(plan_build(case, settlement), case)

HARBOR = Path(__file__).parent / "data" / "harbor-foods.yaml"


def make_case(
    notice: str,
    end: str | None,
    *,
    country: str | None = "US",
    locale: str = "en_US",
    assets: list[dict[str, Any]] | None = None,
    stakeholders: list[dict[str, Any]] | None = None,
    terminated_by: str = "provider",
    contract: dict[str, Any] | None = None,
) -> Case:
    engagement: dict[str, Any] = {
        "project": "Website",
        "currency": "EUR",
        "notice_given": notice,
        "terminated_by": terminated_by,
    }
    if end is not None:
        engagement["end_date"] = end
    client: dict[str, Any] = {"name": "Client GmbH", "contact": "Dana", "locale": locale}
    if country is not None:
        client["country"] = country
    return Case.model_validate(
        {
            "version": 1,
            "provider": {"name": "Sam"},
            "client": client,
            "engagement": engagement,
            "contract": contract or {},
            "assets": assets or [],
            "stakeholders": stakeholders or [],
        }
    )


ASSETS = [
    {"name": "repo", "kind": "repository", "action": "transfer"},
    {"name": "domain", "kind": "domain", "action": "transfer"},
    {"name": "admin password", "kind": "credential", "action": "rotate"},
    {"name": "analytics", "kind": "account", "action": "revoke_access"},
    {"name": "customers", "kind": "dataset", "action": "return", "personal_data": True},
    {"name": "mailing list", "kind": "dataset", "action": "delete", "personal_data": True},
    {"name": "old backups", "kind": "file", "action": "delete"},
]


def dates(plan: TransitionPlan, kind: str, asset: str | None = None) -> list[date]:
    return [s.date for s in plan.steps if s.kind == kind and (asset is None or s.asset == asset)]


def only(plan: TransitionPlan, kind: str, asset: str | None = None) -> date:
    found = dates(plan, kind, asset)
    assert len(found) == 1, (kind, asset, found)
    return found[0]


def check_invariants(plan: TransitionPlan, case: Case) -> None:
    cal = case.calendar
    steps = plan.steps
    assert list(steps) == sorted(steps, key=lambda s: s.date)
    for step in steps:
        assert step.owner in ("provider", "client", "both")
        if step.kind not in CONTRACT_DATED:
            assert cal.is_business_day(step.date), step
    assert only(plan, "end") == case.end_date
    assert only(plan, "payment_due") == case.due_date
    notice = only(plan, "notice")
    for step in steps:
        if step.kind not in CONTRACT_DATED:
            assert step.date >= notice, step
    closure = only(plan, "closure")
    assert steps[-1].kind == "closure"
    assert all(s.date < closure for s in steps[:-1])
    confirms = dates(plan, "confirm_transfer")
    last_confirm = max(confirms, default=None)
    for asset in case.assets:
        assert asset.action in [s.kind for s in steps if s.asset == asset.name]
        if asset.action in ("transfer", "return"):
            moved = only(plan, asset.action, asset.name)
            assert moved >= only(plan, "handover_call")
            assert moved <= only(plan, "confirm_transfer", asset.name)
        if last_confirm is not None:
            for kind in ("rotate", "revoke_access", "delete", "data_confirmation"):
                for day in dates(plan, kind, asset.name):
                    assert day > last_confirm, (kind, asset.name)
        if asset.personal_data:
            written = [s for s in steps if s.kind == "data_confirmation" and s.asset == asset.name]
            assert len(written) == 1
            assert citation(case.client.country) in written[0].detail
            assert "writing" in written[0].detail
            assert all(day <= written[0].date for day in dates(plan, "delete", asset.name))
        else:
            assert not dates(plan, "data_confirmation", asset.name)
    told = [s for s in steps if s.kind == "stakeholder"]
    assert [s.title.split(",")[0] for s in told] == [f"Tell {p.name}" for p in case.stakeholders]
    assert len(dates(plan, "final_invoice")) == 1
    assert len(dates(plan, "handover_call")) == 1
    json.dumps(plan.to_json())


# --- the example --------------------------------------------------------------------------


def test_harbor_foods_exact_schedule() -> None:
    case = load_case(HARBOR)
    plan = build(case)
    check_invariants(plan, case)
    got = [(s.date.isoformat(), s.kind, s.asset) for s in plan.steps]
    assert got == [
        ("2026-05-01", "notice", None),
        ("2026-05-04", "stakeholder", None),
        ("2026-05-05", "handover_call", None),
        # transfers in the last five business days before W - 3 (the work uses them until
        # then), the domain first: it still has eight business days to complete
        ("2026-05-19", "transfer", "harborfoods.example domain"),
        ("2026-05-20", "transfer", "Hosting account (Netlify)"),
        ("2026-05-20", "confirm_transfer", "harborfoods.example domain"),
        ("2026-05-21", "transfer", "GitHub repository harbor-web"),
        ("2026-05-21", "confirm_transfer", "Hosting account (Netlify)"),
        ("2026-05-22", "return", "Customer order export (CSV)"),
        ("2026-05-22", "confirm_transfer", "GitHub repository harbor-web"),
        ("2026-05-26", "confirm_transfer", "Customer order export (CSV)"),
        # access and copies on the last working day: the work needs them until then
        ("2026-05-29", "rotate", "Shared admin password for the CMS"),
        ("2026-05-29", "delete", "Customer order export (CSV)"),
        ("2026-05-29", "data_confirmation", "Customer order export (CSV)"),
        ("2026-05-29", "final_invoice", None),
        ("2026-05-31", "end", None),  # a Sunday: the contract's date, kept
        ("2026-06-15", "payment_due", None),
        ("2026-06-16", "closure", None),
    ]
    # Memorial Day (Monday 2026-05-25) is skipped when counting back from the last working day.
    assert date(2026, 5, 25) not in {s.date for s in plan.steps}


def test_harbor_foods_markdown() -> None:
    case = load_case(HARBOR)
    plan = build(case)
    text = transition_md(plan, case)
    assert text.startswith("# Transition plan: Harbor Foods website\n")
    assert "| May 1, 2026 | Rivera Web Studio | Notice letter sent to Dana Whitfield |" in text
    assert "| June 15, 2026 | Harbor Foods Ltd | Final invoice payment due |" in text
    assert "Memorial Day (May 25, 2026)" in text
    assert "### Customer order export (CSV)" in text
    assert "GDPR" not in text and "a written, dated confirmation closes it" in text  # US
    table_rows = [line for line in text.splitlines() if line.startswith("| ") and "2026" in line]
    assert len(table_rows) == len(plan.steps)
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert [line[6:] for line in items] == list(plan.checklist)
    assert any("Final payment received" in item for item in items)
    assert any("Written confirmation received" in item for item in items)
    assert any("rotated" in item for item in items)
    assert any("Stakeholders told: Priya Shah" in item for item in items)


def test_harbor_foods_to_json() -> None:
    case = load_case(HARBOR)
    data = build(case).to_json()
    assert set(data) == {"steps", "checklist"}
    first = data["steps"][0]
    assert first == {
        "date": "2026-05-01",
        "kind": "notice",
        "title": "Notice letter sent to Dana Whitfield",
        "detail": first["detail"],
        "owner": "provider",
        "asset": None,
    }
    assert json.loads(json.dumps(data)) == data


def test_deterministic() -> None:
    case = load_case(HARBOR)
    assert transition_md(build(case), case) == transition_md(build(load_case(HARBOR)), case)
    assert build(case) == build(case)


# --- holidays -----------------------------------------------------------------------------


def test_easter_in_germany() -> None:
    # Notice on Maundy Thursday: Good Friday (04-03) and Easter Monday (04-06) are skipped.
    case = make_case(
        "2026-04-02",
        "2026-04-30",
        country="DE",
        locale="de_DE",
        assets=[{"name": "repo", "kind": "repository", "action": "transfer"}],
        stakeholders=[{"name": "Jana", "role": "Marketing"}],
    )
    plan = build(case)
    check_invariants(plan, case)
    assert only(plan, "notice") == date(2026, 4, 2)
    assert only(plan, "stakeholder") == date(2026, 4, 7)
    assert only(plan, "handover_call") == date(2026, 4, 8)
    # the last five business days up to W - 3 (27 April): 21-24 and 27 April
    assert only(plan, "transfer", "repo") == date(2026, 4, 21)
    assert only(plan, "confirm_transfer", "repo") == date(2026, 4, 22)
    assert only(plan, "final_invoice") == date(2026, 4, 30)
    assert only(plan, "payment_due") == date(2026, 5, 30)  # a Saturday, kept as settled
    assert only(plan, "closure") == date(2026, 6, 1)
    days = {s.date for s in plan.steps}
    assert date(2026, 4, 3) not in days and date(2026, 4, 6) not in days
    text = transition_md(plan, case)
    assert "| 7 April 2026 |" in text  # de_DE dates
    assert "Good Friday (3 April 2026)" in text
    assert "Easter Monday (6 April 2026)" in text


def test_notice_on_good_friday_rolls_back_for_provider_forward_for_client() -> None:
    provider = build(make_case("2026-04-03", "2026-05-04", country="DE"))
    assert only(provider, "notice") == date(2026, 4, 2)
    client = build(make_case("2026-04-03", "2026-05-04", country="DE", terminated_by="client"))
    assert only(client, "notice") == date(2026, 4, 7)
    assert only(client, "handover_call") == date(2026, 4, 9)


def test_christmas_and_new_year() -> None:
    case = make_case(
        "2025-12-22",
        "2026-01-02",
        country="GB",
        locale="en_GB",
        assets=[
            {"name": "site", "kind": "hosting", "action": "transfer"},
            {"name": "cms password", "kind": "credential", "action": "rotate"},
            {"name": "leads", "kind": "dataset", "action": "delete", "personal_data": True},
        ],
        stakeholders=[{"name": "Ola", "role": "Finance Director"}],
    )
    plan = build(case)
    check_invariants(plan, case)
    got = [(s.date.isoformat(), s.kind, s.asset) for s in plan.steps]
    assert got == [
        ("2025-12-22", "notice", None),
        ("2025-12-23", "stakeholder", None),
        ("2025-12-24", "handover_call", None),
        # 25 and 26 December, the weekend, then the transfer
        ("2025-12-29", "transfer", "site"),
        ("2025-12-30", "confirm_transfer", "site"),
        # 1 January is a holiday; access and copies go on the last working day
        ("2026-01-02", "rotate", "cms password"),
        ("2026-01-02", "delete", "leads"),
        ("2026-01-02", "data_confirmation", "leads"),
        ("2026-01-02", "final_invoice", None),
        ("2026-01-02", "end", None),
        ("2026-02-01", "payment_due", None),  # a Sunday: kept
        ("2026-02-02", "closure", None),
    ]
    told = plan.of_kind("stakeholder")[0]
    assert "final invoice" in told.detail and "1 February 2026" in told.detail


# --- ordering -----------------------------------------------------------------------------


def test_rotation_strictly_after_every_transfer_confirmation() -> None:
    case = make_case("2026-06-01", "2026-06-30", assets=ASSETS)
    plan = build(case)
    check_invariants(plan, case)
    last_confirm = max(dates(plan, "confirm_transfer"))
    assert only(plan, "rotate", "admin password") > last_confirm
    assert only(plan, "revoke_access", "analytics") > last_confirm
    for day in dates(plan, "delete"):
        assert day > last_confirm
    # domains go first: registrar transfers are slow
    assert only(plan, "transfer", "domain") < only(plan, "transfer", "repo")


def test_same_day_notice_and_end() -> None:
    case = make_case(
        "2026-05-04", "2026-05-04", assets=ASSETS, stakeholders=[{"name": "Lee", "role": "CTO"}]
    )
    plan = build(case)
    check_invariants(plan, case)
    monday, tuesday = date(2026, 5, 4), date(2026, 5, 5)
    for kind in ("notice", "stakeholder", "handover_call", "final_invoice", "end"):
        assert only(plan, kind) == monday
    assert only(plan, "transfer", "repo") == monday
    assert only(plan, "confirm_transfer", "repo") == monday
    assert only(plan, "return", "customers") == monday
    assert only(plan, "rotate", "admin password") == tuesday
    assert only(plan, "revoke_access", "analytics") == tuesday
    assert only(plan, "data_confirmation", "customers") == tuesday
    kinds = [s.kind for s in plan.steps if s.date == monday]
    assert kinds.index("transfer") < kinds.index("confirm_transfer")
    assert only(plan, "payment_due") == date(2026, 6, 3)
    assert only(plan, "closure") == date(2026, 6, 4)


def test_weekend_notice_and_end_roll_back() -> None:
    # Notice and end on a Saturday: the provider acts on the Friday before.
    case = make_case(
        "2026-05-09", "2026-05-09", assets=ASSETS[:3], contract={"payment_terms_days": 0}
    )
    plan = build(case)
    check_invariants(plan, case)
    friday = date(2026, 5, 8)
    assert only(plan, "notice") == friday
    assert only(plan, "transfer", "repo") == friday
    assert only(plan, "confirm_transfer", "repo") == friday
    assert only(plan, "final_invoice") == friday
    assert only(plan, "end") == date(2026, 5, 9)
    assert only(plan, "payment_due") == date(2026, 5, 9)
    assert only(plan, "rotate", "admin password") == date(2026, 5, 11)
    assert only(plan, "closure") == date(2026, 5, 12)  # strictly after the rotation


def test_two_day_notice() -> None:
    case = make_case("2026-05-04", "2026-05-06", assets=ASSETS)
    plan = build(case)
    check_invariants(plan, case)
    assert only(plan, "handover_call") == date(2026, 5, 6)
    assert only(plan, "transfer", "repo") == date(2026, 5, 6)
    assert only(plan, "rotate", "admin password") == date(2026, 5, 7)


def test_no_country_means_weekends_only() -> None:
    case = make_case("2026-12-24", "2026-12-31", country=None, assets=ASSETS[:1])
    plan = build(case)
    check_invariants(plan, case)
    assert only(plan, "handover_call") == date(2026, 12, 28)
    assert "weekdays" in transition_md(plan, case)


def test_derived_end_date_in_business_days() -> None:
    case = make_case(
        "2026-04-01",
        None,
        country="DE",
        contract={"notice_days": 10, "notice_in_business_days": True},
    )
    plan = build(case)
    check_invariants(plan, case)
    assert only(plan, "end") == date(2026, 4, 17)


# --- people and data ----------------------------------------------------------------------


def test_each_stakeholder_gets_a_dated_step_adapted_to_role() -> None:
    people = [
        {"name": "Ana", "role": "CFO", "email": "ana@x.example"},
        {"name": "Ben", "role": "Head of IT"},
        {"name": "Cy"},
    ]
    case = make_case("2026-06-01", "2026-06-30", stakeholders=people, assets=ASSETS[:1])
    plan = build(case)
    check_invariants(plan, case)
    told = plan.of_kind("stakeholder")
    assert [s.date for s in told] == [date(2026, 6, 2)] * 3
    assert told[0].title == "Tell Ana, CFO"
    assert "ana@x.example" in told[0].detail and "final invoice" in told[0].detail
    assert "credentials are rotated" in told[1].detail
    assert told[2].title == "Tell Cy" and "June 30, 2026" in told[2].detail
    assert all("Dana" in s.detail for s in told)
    assert only(plan, "notice") < told[0].date


def test_gdpr_is_cited_only_where_it_applies() -> None:
    us = build(make_case("2026-06-01", "2026-06-30", assets=ASSETS))
    uk = build(make_case("2026-06-01", "2026-06-30", assets=ASSETS, country="GB"))
    assert not any("GDPR" in s.detail for s in us.steps)
    assert any("(UK GDPR Art. 28(3)(g))" in s.detail for s in uk.steps)
    assert privacy_law("NO") == "GDPR" and privacy_law("CH") is None


def test_personal_data_written_confirmation() -> None:
    case = make_case("2026-06-01", "2026-06-30", assets=ASSETS, country="DE")
    plan = build(case)
    for name, outcome in (("customers", "returned"), ("mailing list", "deleted")):
        (step,) = [s for s in plan.of_kind("data_confirmation") if s.asset == name]
        assert step.date == date(2026, 6, 30)
        assert "in writing, dated and signed" in step.detail
        assert outcome in step.detail
        assert "GDPR Art. 28(3)(g)" in step.detail
        assert step.owner == "both"
    # the provider's own copies of returned data are deleted after the return is confirmed
    assert only(plan, "delete", "customers") > only(plan, "confirm_transfer", "customers")
    text = transition_md(plan, case)
    assert "### customers" in text and "### mailing list" in text
    assert "### repo" not in text
    assert any("customers" in item and "GDPR" in item for item in plan.checklist)


def test_pipe_in_names_is_escaped_in_the_table() -> None:
    case = make_case("2026-06-01", "2026-06-30", assets=[{"name": "a|b", "action": "transfer"}])
    text = transition_md(build(case), case)
    assert "Transfer a\\|b |" in text


# --- property -----------------------------------------------------------------------------

asset_st = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(
            ["repository", "domain", "hosting", "account", "credential", "file", "dataset"]
        ),
        "action": st.sampled_from(["transfer", "rotate", "return", "delete", "revoke_access"]),
        "personal_data": st.booleans(),
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    notice=st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)),
    length=st.integers(min_value=0, max_value=70),
    country=st.sampled_from([None, "US", "DE", "GB", "FR"]),
    by=st.sampled_from(["provider", "client", "mutual"]),
    assets=st.lists(asset_st, max_size=7),
    people=st.integers(min_value=0, max_value=3),
    terms=st.integers(min_value=0, max_value=45),
)
def test_property_invariants(
    notice: date,
    length: int,
    country: str | None,
    by: str,
    assets: list[dict[str, Any]],
    people: int,
    terms: int,
) -> None:
    case = make_case(
        notice.isoformat(),
        (notice + timedelta(days=length)).isoformat(),
        country=country,
        assets=[{"name": f"asset {i}", **a} for i, a in enumerate(assets)],
        stakeholders=[{"name": f"Person {i}"} for i in range(people)],
        terminated_by=by,
        contract={"payment_terms_days": terms},
    )
    plan = build(case)
    check_invariants(plan, case)
    cal = case.calendar
    first = only(plan, "notice")
    last_day = cal.on_or_before(case.end_date)
    if first <= last_day:
        assert only(plan, "final_invoice") == last_day
    if first <= last_day and cal.business_days_between(first, last_day) >= 3:
        # a workable notice period: everything but the money and the closure is done by the end
        for step in plan.steps:
            if step.kind not in ("payment_due", "closure"):
                assert step.date <= case.end_date, step


def test_step_is_frozen() -> None:
    step = Step(date(2026, 1, 2), "end", "end", "both")
    with pytest.raises(AttributeError):
        step.kind = "x"  # type: ignore[misc]
    assert step.asset is None


def test_payment_step_names_who_pays_whom() -> None:
    from parting.case.load import parse_case
    from parting.plan import settlement as s6_settlement

    harbor = load_case(HARBOR)
    plan = build(harbor, s6_settlement.build(harbor))
    (due,) = plan.of_kind("payment_due")
    assert (due.date, due.title, due.owner) == (
        date(2026, 6, 15), "Final invoice payment due", "client",
    )
    assert "Harbor Foods Ltd pays the balance of $1,782.50 by this date" in due.detail

    text = HARBOR.read_text(encoding="utf-8").replace(
        "  deposit: 1000", "  deposit: 1000\n  prepaid_balance: 5000"
    )
    refund_case = parse_case(text, Path("case.yaml"))
    plan = build(refund_case, s6_settlement.build(refund_case))
    (due,) = plan.of_kind("payment_due")
    # 1782.50 owed - 5000 prepaid = 3217.50 back to the client
    assert (due.title, due.owner) == ("Refund of $3,217.50 paid to Harbor Foods Ltd", "provider")
    assert "Refund of $3,217.50 paid to Harbor Foods Ltd (due June 15, 2026)" in plan.checklist


def test_the_personal_data_section_cites_the_article_whole() -> None:
    """It read "Under GDPR Art. 28(3)(g the data ...": stripping the brackets of the letter's
    citation took the article's own closing bracket too."""
    from conftest import EXAMPLES
    from parting.render import bundle as package_bundle

    built = package_bundle.build(load_case(EXAMPLES / "nordlicht-reisen.yaml"))
    md = built.markdown_files()["transition.md"]
    assert "Under GDPR Art. 28(3)(g) the data is returned or deleted" in md
    assert "28(3)(g the" not in md
