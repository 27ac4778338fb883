"""Release on payment (issue 13, part 5): `assets[].release: on_payment` and
`contract.ip_assignment`, with exact dates in the transition plan, the letter and the
calendar; the refund case releases on the final invoice date; the default is unchanged."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, MINIMAL, run_cli
from parting.case.load import load_case, parse_case
from parting.case.model import Case
from parting.plan import settlement as s6
from parting.plan.transition import build as plan_build
from parting.render import bundle
from parting.render.bundle import Bundle
from parting.render.ics import render_ics
from parting.render.transition import SaidPlan, say

NORDLICHT = EXAMPLES / "nordlicht-reisen.yaml"
HARBOR = EXAMPLES / "harbor-foods.yaml"
REPO = (
    "  - {name: GitHub repository harbor-web, kind: repository, action: transfer, "
    "done: 2026-05-21}"
)


def _harbor(*replacements: tuple[str, str]) -> Case:
    text = HARBOR.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return parse_case(text, HARBOR)


def _plan(case: Case) -> SaidPlan:
    return say(plan_build(case, s6.build(case)), case)


def _letter(b: Bundle) -> str:
    return b.markdown_files()["letter.md"]


def _events(pkg: Bundle) -> list[tuple[str, str]]:
    from icalendar import Calendar

    cal = Calendar.from_ical(render_ics(pkg))
    return [
        (str(e.get("dtstart").dt.isoformat()), str(e.get("summary")))
        for e in cal.walk("VEVENT")
    ]


# --- the example: nordlicht-reisen releases its Figma files on payment --------------------


def test_nordlicht_releases_the_design_files_on_the_payment_due_date() -> None:
    case = load_case(NORDLICHT)
    assert case.due_date == date(2026, 4, 28)  # end 2026-04-14 + 14 days, a Tuesday
    plan = _plan(case)
    got = [(s.date.isoformat(), s.kind, s.asset) for s in plan.steps]
    assert got == [
        ("2026-03-27", "notice", None),
        ("2026-03-30", "stakeholder", None),
        ("2026-03-30", "stakeholder", None),
        ("2026-03-31", "handover_call", None),
        # the handover's two transfers keep the last days before W - 3
        ("2026-04-01", "transfer", "Staging server (Hetzner Cloud)"),
        ("2026-04-02", "confirm_transfer", "Staging server (Hetzner Cloud)"),
        ("2026-04-07", "transfer", "Git repository nordlicht-booking"),
        ("2026-04-08", "confirm_transfer", "Git repository nordlicht-booking"),
        # access and deletions on the last working day, as before
        ("2026-04-14", "delete", "Customer booking export used as test data"),
        ("2026-04-14", "revoke_access", "Booking-system API sandbox"),
        ("2026-04-14", "data_confirmation", "Customer booking export used as test data"),
        ("2026-04-14", "final_invoice", None),
        ("2026-04-14", "end", None),
        # the payment, then what it releases, the same day; receipt the business day after
        ("2026-04-28", "payment_due", None),
        ("2026-04-28", "transfer", "Design system files (Figma)"),
        ("2026-04-29", "confirm_transfer", "Design system files (Figma)"),
        # the credentials after every transfer, the one released on payment included
        ("2026-04-30", "rotate", "Deployment keys for the staging server"),
        # 2026-05-01 is Labour Day in Germany
        ("2026-05-04", "closure", None),
    ]
    (released,) = [s for s in plan.of_kind("transfer") if s.date == date(2026, 4, 28)]
    assert released.title == "Transfer Design system files (Figma), on payment"
    assert released.detail == (
        "Hand Design system files (Figma) over to Nordlicht Reisen GmbH, once the final "
        "invoice is paid. This is after the end date (14 April 2026): it waits for the "
        "payment, as agreed."
    )
    (revoke,) = plan.of_kind("revoke_access")
    assert "once the handover transfers are confirmed (those released on payment come " in (
        revoke.detail
    )
    (rotate,) = plan.of_kind("rotate")
    assert "after every transfer is confirmed" in rotate.detail
    assert not plan.of_kind("ip_assignment")  # the contract has no assignment


def test_nordlicht_letter_says_the_release_on_payment_in_the_first_person() -> None:
    b = bundle.build(load_case(NORDLICHT))
    letter = _letter(b)
    assert (
        "| 28 April | Once the final invoice is paid, I will hand the design system files "
        "(Figma) over to you. |"
    ) in letter
    # what I need for it is asked by its own, later date
    assert "- By 24 April: where you would like the design system files (Figma)\n" in letter
    assert "- By 31 March: which account of yours should take over the staging server" in letter
    assert (
        "| 30 April | Once the transfers are confirmed, please replace the deployment keys for "
        "the staging server with new ones that I do not know; I will delete my copies. |"
    ) in letter
    transition = b.markdown_files()["transition.md"]
    assert "What is released on payment goes to the client on the payment due date" in (
        transition
    )
    assert "Credentials are rotated and access is revoked only after every" not in transition


def test_nordlicht_calendar_follows_the_plan() -> None:
    events = _events(bundle.build(load_case(NORDLICHT)))
    assert (
        "2026-04-28",
        "Transfer Design system files (Figma), on payment (Nordlicht Reisen booking portal)",
    ) in events
    assert (
        "2026-04-29",
        "Receipt of Design system files (Figma) confirmed (Nordlicht Reisen booking portal)",
    ) in events
    assert (
        "2026-04-30",
        "Rotate Deployment keys for the staging server (Nordlicht Reisen booking portal)",
    ) in events


# --- the copyright ------------------------------------------------------------------------


def test_ip_assignment_is_a_step_on_payment_only_when_the_contract_has_one() -> None:
    plain = _plan(load_case(HARBOR))
    assert not plain.of_kind("ip_assignment")
    assert not any("opyright" in s.title + s.detail for s in plain.steps)

    case = _harbor(("  deposit: 1000", "  deposit: 1000\n  ip_assignment: true"))
    plan = _plan(case)
    (ip,) = plan.of_kind("ip_assignment")
    assert (ip.date, ip.owner) == (date(2026, 6, 15), "provider")  # the due date, a Monday
    assert ip.title == (
        "Assign the copyright in the delivered work to Harbor Foods Ltd, on payment of the "
        "final invoice"
    )
    assert ip.detail == (
        "Sam Rivera signs a written assignment to Harbor Foods Ltd of the copyright in the "
        "work delivered on Harbor Foods website, once the final invoice is paid. This is "
        "after the end date (May 31, 2026): it waits for the payment, as agreed."
    )
    assert "Copyright in the delivered work assigned to Harbor Foods Ltd in writing" in (
        plan.checklist
    )
    # nothing else moves: the same steps and dates as without the key, and the assignment
    assert [(s.date, s.kind, s.asset) for s in plan.steps if s.kind != "ip_assignment"] == [
        (s.date, s.kind, s.asset) for s in plain.steps
    ]
    b = bundle.build(case)
    assert (
        "| June 15 | Once the final invoice is paid, I'll assign the copyright in the "
        "delivered work to you. |"
    ) in _letter(b)
    assert (
        "2026-06-15",
        "Assign the copyright in the delivered work to Harbor Foods Ltd, on payment of the "
        "final invoice (Harbor Foods website)",
    ) in _events(b)


def test_harbor_repository_on_payment_in_plan_letter_and_calendar() -> None:
    case = _harbor((REPO, REPO[:-1] + ", release: on_payment}"))
    plan = _plan(case)
    assert [s.date for s in plan.steps if s.asset == "GitHub repository harbor-web"] == [
        date(2026, 6, 15), date(2026, 6, 16),
    ]
    # the other transfers keep the last five business days before W - 3
    assert [(s.date.isoformat(), s.asset) for s in plan.of_kind("transfer", "return")] == [
        ("2026-05-19", "harborfoods.example domain"),
        ("2026-05-20", "Hosting account (Netlify)"),
        ("2026-05-22", "Customer order export (CSV)"),
        ("2026-06-15", "GitHub repository harbor-web"),
    ]
    (rotate,) = plan.of_kind("rotate")
    assert rotate.date == date(2026, 6, 17)
    assert plan.steps[-1].kind == "closure" and plan.steps[-1].date == date(2026, 6, 18)
    b = bundle.build(case)
    letter = _letter(b)
    assert (
        "| June 15 | Once the final invoice is paid, I'll transfer the GitHub repository "
        "harbor-web to your organisation, with its full history. |"
    ) in letter
    assert "the name of the organisation to transfer the GitHub repository harbor-web to" in (
        letter
    )
    assert "By June 11: the name of the organisation" in letter  # two business days before
    assert (
        "2026-06-15",
        "Transfer GitHub repository harbor-web, on payment (Harbor Foods website)",
    ) in _events(b)


def test_a_refund_releases_on_the_final_invoice_date() -> None:
    case = _harbor(
        ("  deposit: 1000", "  deposit: 1000\n  prepaid_balance: 5000\n  ip_assignment: true"),
        (REPO, REPO[:-1] + ", release: on_payment}"),
    )
    s = s6.build(case)
    assert s.refund_due > 0  # nothing to pay: nothing to wait for
    plan = _plan(case)
    (final,) = plan.of_kind("final_invoice")
    assert final.date == date(2026, 5, 29)
    (repo,) = [s for s in plan.of_kind("transfer") if s.asset == "GitHub repository harbor-web"]
    assert repo.date == date(2026, 5, 29)  # W, the final invoice date
    assert repo.title == "Transfer GitHub repository harbor-web, with the final invoice"
    assert repo.detail.endswith(
        "issues and settings, with the final invoice. Nothing is left to pay, so there is no "
        "payment to wait for."
    )
    (ip,) = plan.of_kind("ip_assignment")
    assert ip.date == date(2026, 5, 29)
    assert ip.title.endswith(", with the final invoice")
    letter = _letter(bundle.build(case))
    assert "| May 29 | I'll transfer the GitHub repository harbor-web to your organisation" in (
        letter
    )
    assert (
        "| May 29 | With the final invoice, I'll assign the copyright in the delivered work to "
        "you. |"
    ) in letter
    assert "once the final invoice is paid" not in letter


def test_a_zero_balance_releases_on_the_final_invoice_date() -> None:
    case = Case.model_validate({
        "version": 1, "provider": {"name": "Sam"},
        "client": {"name": "Client GmbH", "contact": "Dana", "country": "DE"},
        "engagement": {"project": "Website", "currency": "EUR", "notice_given": "2026-05-01",
                       "end_date": "2026-05-29"},
        "contract": {"payment_terms_days": 30, "ip_assignment": True},
        "deliverables": [{"id": "a", "title": "A", "status": "done", "fee": 500,
                          "invoiced": 500}],
        "assets": [{"name": "files", "kind": "file", "action": "transfer",
                    "release": "on_payment"}],
    })
    s = s6.build(case)
    assert (s.balance_due, s.refund_due) == (0, 0)
    plan = _plan(case)
    assert [(s.date, s.kind) for s in plan.steps if s.kind in ("transfer", "ip_assignment")] == [
        (date(2026, 5, 29), "transfer"), (date(2026, 5, 29), "ip_assignment"),
    ]
    assert plan.of_kind("payment_due")[0].date == date(2026, 6, 28)


def test_a_due_date_on_a_weekend_releases_on_the_next_business_day() -> None:
    case = _harbor(
        ("payment_terms_days: 15", "payment_terms_days: 13"),
        (REPO, REPO[:-1] + ", release: on_payment}"),
    )
    assert case.due_date == date(2026, 6, 13)  # a Saturday
    plan = _plan(case)
    (repo,) = [s for s in plan.of_kind("transfer") if s.asset == "GitHub repository harbor-web"]
    assert repo.date == date(2026, 6, 15)


def test_personal_data_returned_on_payment_is_deleted_and_confirmed_after_it() -> None:
    export = "  - {name: Customer order export (CSV), kind: dataset, action: return, "
    case = _harbor((export, export + "release: on_payment, "))
    plan = _plan(case)
    name = "Customer order export (CSV)"
    got = [(s.date.isoformat(), s.kind) for s in plan.steps if s.asset == name]
    assert got == [
        ("2026-06-15", "return"),
        ("2026-06-16", "confirm_transfer"),
        ("2026-06-17", "delete"),
        ("2026-06-17", "data_confirmation"),
    ]
    letter = _letter(bundle.build(case))
    assert (
        "| June 15 | Once the final invoice is paid, I'll return the customer order export "
        "(CSV) to you over a secure channel, never as a plain e-mail attachment. Once you have "
        "confirmed receipt, I'll delete every copy I still hold (by June 17). |"
    ) in letter


# --- the default is unchanged ---------------------------------------------------------------


def test_release_on_handover_is_the_default_byte_for_byte() -> None:
    plain = bundle.build(load_case(HARBOR))
    said = bundle.build(_harbor((REPO, REPO[:-1] + ", release: on_handover}")))
    assert said.markdown_files() == plain.markdown_files()
    assert render_ics(said) == render_ics(plain)


# --- validation ---------------------------------------------------------------------------


def test_release_is_validated_with_file_line_and_key(tmp_path: Path) -> None:
    text = MINIMAL + (
        "assets:\n"
        "  - {name: Final files, kind: file, action: transfer, release: later}\n"
        "  - {name: Admin password, kind: credential, action: rotate, release: on_payment}\n"
    )
    lines = text.splitlines()
    first = next(n for n, x in enumerate(lines, 1) if "release: later" in x)
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    out = run_cli("plan", path, "--out", tmp_path / "out")
    assert out.exit_code == 2
    assert (
        f"{path}:{first}: assets[0].release: expected one of 'on_handover' or 'on_payment', "
        "got 'later'"
    ) in out.stderr
    assert not (tmp_path / "out").exists()
    path.write_text(text.replace("release: later", "release: on_payment"), encoding="utf-8")
    out = run_cli("plan", path, "--out", tmp_path / "out")
    assert out.exit_code == 2
    assert (
        f"{path}:{first + 1}: assets[1].release: release on_payment is for an asset handed to "
        "the client; expected action transfer or return, got 'rotate'"
    ) in out.stderr
    path.write_text(
        MINIMAL.replace("  payment_terms_days: 14", "  payment_terms_days: 14\n"
                        "  ip_assignment: sometimes"),
        encoding="utf-8",
    )
    out = run_cli("plan", path, "--out", tmp_path / "out")
    assert out.exit_code == 2
    assert "contract.ip_assignment: expected true or false, got 'sometimes'" in out.stderr


# --- the order holds for any case ---------------------------------------------------------

asset_st = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["repository", "domain", "file", "credential", "dataset"]),
        "action": st.sampled_from(["transfer", "return", "rotate", "revoke_access", "delete"]),
        "personal_data": st.booleans(),
        "on_payment": st.booleans(),
    }
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    notice=st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
    length=st.integers(min_value=0, max_value=40),
    country=st.sampled_from([None, "US", "DE", "GB"]),
    assets=st.lists(asset_st, max_size=6),
    terms=st.integers(min_value=0, max_value=45),
    prepaid=st.sampled_from([0, 100000]),
    ip=st.booleans(),
)
def test_release_order_holds(
    notice: date, length: int, country: str | None, assets: list[dict[str, Any]],
    terms: int, prepaid: int, ip: bool,
) -> None:
    records = []
    for i, a in enumerate(assets):
        a = dict(a)
        if a.pop("on_payment") and a["action"] in ("transfer", "return"):
            a["release"] = "on_payment"
        records.append({"name": f"asset {i}", **a})
    client: dict[str, Any] = {"name": "Client GmbH", "contact": "Dana"}
    if country:
        client["country"] = country
    case = Case.model_validate({
        "version": 1, "provider": {"name": "Sam"}, "client": client,
        "engagement": {
            "project": "Website", "currency": "EUR", "notice_given": notice.isoformat(),
            "end_date": (notice + timedelta(days=length)).isoformat(),
        },
        "contract": {"payment_terms_days": terms, "hourly_rate": 100,
                     "prepaid_balance": prepaid, "ip_assignment": ip},
        "deliverables": [{"id": "a", "title": "A", "status": "done", "fee": 500}],
        "assets": records,
    })
    settlement = s6.build(case)
    plan = plan_build(case, settlement)
    cal = case.calendar
    (final,) = plan.of_kind("final_invoice")
    paying = settlement.balance_due > 0
    release = max(cal.on_or_after(case.due_date), final.date) if paying else final.date
    steps = plan.steps
    assert list(steps) == sorted(steps, key=lambda s: s.date)
    assert steps[-1].kind == "closure" and all(s.date < steps[-1].date for s in steps[:-1])
    released = {a.name for a in case.assets if a.on_payment}
    confirms = {s.asset: s.date for s in plan.of_kind("confirm_transfer")}
    for step in plan.of_kind("transfer", "return"):
        if step.asset in released:
            assert step.date == release
            assert step.args["release"] == ("payment" if paying else "invoice")
            assert confirms[step.asset] > step.date
        else:
            assert "release" not in step.args
    for step in plan.of_kind("rotate"):
        assert all(step.date > day for day in confirms.values())
    for step in plan.of_kind("delete", "data_confirmation"):
        if step.asset in confirms:
            assert step.date > confirms[step.asset]
    assert [s.date for s in plan.of_kind("ip_assignment")] == ([release] if ip else [])
    for step in steps:
        if step.kind not in ("end", "payment_due"):
            assert cal.is_business_day(step.date), step
