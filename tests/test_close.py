"""Issue 13, part 4: the two stages of a parting. `parting plan` at notice gives the settlement
as an estimate (work after the letter marked planned); `parting close` at the end gives the
final invoice, a closing letter and the closure checklist, and explains how the final figures
differ from the estimate."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import DATA, EXAMPLES, Run
from parting.plan.closing import read_estimate

HARBOR = EXAMPLES / "harbor-foods.yaml"


def _with(text: str, after: str, line: str) -> str:
    """The case text with `line` added as the first item under the key `after`."""
    i = text.index(after)
    j = text.index("\n", i) + 1
    return text[:j] + line + "\n" + text[j:]


@pytest.fixture
def notice(tmp_path: Path, cli: Callable[..., Run]) -> Path:
    out = tmp_path / "notice"
    assert cli("plan", HARBOR, "--out", out, "--no-documents").exit_code == 0
    return out


def test_estimate_at_notice_marks_the_planned_work(notice: Path) -> None:
    data = json.loads((notice / "settlement.json").read_text())
    assert data["stage"] == "estimate"
    assert data["estimate_as_of"] == "2026-05-01"
    planned = [(x["date"], x["amount"]) for x in data["lines"] if x.get("planned")]
    # the two maintenance entries and the stock photos are dated after the notice of May 1
    assert planned == [("2026-05-12", "332.50"), ("2026-05-14", "190.00"), ("2026-05-03", "60.00")]
    md = (notice / "settlement.md").read_text()
    assert md.startswith("# Settlement estimate: Harbor Foods website\n")
    assert "3.5 h × $95.00 (planned) | $332.50 |" in md
    assert "($582.50 in all)" in md
    letter = (notice / "letter.md").read_text()
    assert (
        "This is an estimate as of May 1: it includes the 5.5 hours of work planned until "
        "May 31 and the expenses expected by then ($582.50). My final invoice on May 29 will "
        "give the exact figures:" in letter
    )


def test_close_as_estimated(tmp_path: Path, notice: Path, cli: Callable[..., Run]) -> None:
    out = tmp_path / "close"
    r = cli("close", HARBOR, "--out", out, "--estimate", notice / "settlement.json")
    assert r.exit_code == 0, r.stderr
    assert "Balance due: $1,782.50 by June 15, 2026" in r.stdout
    assert "Still open:  nothing in the handover" in r.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "closing-letter.md", "closing.json", "closure.md", "invoice.json", "invoice.md",
        "invoice.pdf", "settlement.json", "settlement.md",
    ]
    assert (out / "invoice.pdf").read_bytes().startswith(b"%PDF-")
    letter = (out / "closing-letter.md").read_text()
    assert letter.startswith("Subject: Harbor Foods website: final invoice and handover\n")
    assert "Everything is handed over:" in letter
    assert "- May 21: the GitHub repository harbor-web, transferred to you." in letter
    assert "- May 28: the customer order export (CSV), returned to you." in letter
    assert "This letter is my written confirmation that the personal data in the customer " \
        "order export (CSV) is back with you or deleted" in letter
    assert "My final invoice 2026-032 for $1,782.50 is attached; it is due by June 15." in letter
    assert "account 004417732, with the reference 2026-032." in letter
    assert "The figures are as I estimated them in my letter of May 1." in letter
    assert "Still to do" not in letter
    closure = (out / "closure.md").read_text()
    assert "- [x] GitHub repository harbor-web transferred" in closure
    assert "- [x] Final invoice sent (May 29, 2026)" in closure
    assert "- [ ] Final payment received (due June 15, 2026)" in closure
    final = json.loads((out / "settlement.json").read_text())
    assert final["stage"] == "final" and "planned" not in final["lines"][0]
    assert final["balance_due"] == "1782.50"


def test_final_differs_from_the_estimate_and_says_why(
    tmp_path: Path, notice: Path, cli: Callable[..., Run]
) -> None:
    # At the end the case has 1.5 more hours of maintenance and a $12.00 transfer fee.
    text = HARBOR.read_text()
    text = _with(text, "time_entries:", "  - {date: 2026-05-27, hours: 1.5, deliverable: "
                 "maintenance, description: Fixed the contact form}")
    text = _with(text, "expenses:", "  - {date: 2026-05-26, description: Domain transfer fee, "
                 "amount: 12.00}")
    case = tmp_path / "harbor-final.yaml"
    case.write_text(text)
    out = tmp_path / "close"
    r = cli("close", "--no-documents", case, "--out", out, "--estimate", notice / "package.json")
    assert r.exit_code == 0, r.stderr
    assert "Balance due: $1,937.00 by June 15, 2026" in r.stdout  # 1,782.50 + 142.50 + 12.00
    letter = (out / "closing-letter.md").read_text()
    assert (
        "That is $154.50 more than the $1,782.50 I estimated in my letter of May 1: 1.5 hours "
        "more of work than planned ($142.50) and $12.00 more in expenses." in letter
    )
    changes = json.loads((out / "closing.json").read_text())["closing"]["changes"]
    assert changes == [
        {"group": "time", "estimate": "522.50", "final": "665.00", "hours": ["5.5", "7"]},
        {"group": "expenses", "estimate": "60.00", "final": "72.00"},
    ]
    # every figure in the closing letter is the case's
    r = cli("check", "--case", case, out / "closing-letter.md", "--format", "json")
    facts = json.loads(r.stdout)["principles"]["facts"]
    assert facts["ok"] is True, facts


def test_open_items_and_release_on_payment(tmp_path: Path, cli: Callable[..., Run]) -> None:
    text = HARBOR.read_text()
    text = text.replace(", done: 2026-05-21}", ", release: on_payment}")  # the repository
    text = text.replace(", done: 2026-05-29}", "}")  # the CMS password
    case = tmp_path / "harbor-open.yaml"
    case.write_text(text)
    out = tmp_path / "close"
    r = cli("close", "--no-documents", case, "--out", out)
    assert r.exit_code == 0, r.stderr
    assert "Still open:  GitHub repository harbor-web, Shared admin password for the CMS" \
        in r.stdout
    letter = (out / "closing-letter.md").read_text()
    assert "What I have handed over:" in letter
    assert "Still to do:" in letter
    assert re.search(
        r"- I'll see that the shared admin password for the CMS is changed by June 17, so "
        r"that I no longer hold a valid one, and let you know when it is done\.", letter
    ), letter
    assert "- Once the final invoice is paid (it is due by June 15), I'll transfer the " \
        "GitHub repository harbor-web to you." in letter
    assert "estimated" not in letter  # no estimate given, none claimed
    closure = (out / "closure.md").read_text()
    assert "- [ ] GitHub repository harbor-web transferred" in closure
    assert "- [x] harborfoods.example domain transferred" in closure


def test_refund_at_the_close(tmp_path: Path, cli: Callable[..., Run]) -> None:
    case = DATA / "panel6" / "u4.yaml"  # a prepaid balance larger than what is owed
    out = tmp_path / "close"
    r = cli("close", "--no-documents", case, "--out", out)
    assert r.exit_code == 0, r.stderr
    letter = (out / "closing-letter.md").read_text()
    owe = r"I owe you ¥249,460, which I('ll| will) pay you by December 4"
    assert re.search(owe, letter), letter
    assert "please send me the bank details" in letter
    assert "KB-2026-1104 for ¥318,040 is attached; what you paid in advance covers it." in letter


def test_a_bad_estimate_is_a_clear_error_and_writes_nothing(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    bad = tmp_path / "settlement.json"
    bad.write_text('{"lines": [{"kind": "time", "amount": "x"}], "balance_due": "1"}')
    out = tmp_path / "close"
    r = cli("close", "--no-documents", HARBOR, "--out", out, "--estimate", bad)
    assert r.exit_code == 2
    assert f"{bad}: not a parting settlement.json" in r.stderr
    assert not out.exists()
    r = cli("close", "--no-documents", HARBOR, "--out", out, "--estimate",
            tmp_path / "missing.json")
    assert r.exit_code == 2 and "cannot read the estimate" in r.stderr
    assert not out.exists()


def test_force_replaces_only_a_closing_folder(
    tmp_path: Path, notice: Path, cli: Callable[..., Run]
) -> None:
    r = cli("close", "--no-documents", HARBOR, "--out", notice, "--force")
    assert r.exit_code == 2
    assert "is not an earlier parting package" in r.stderr
    assert (notice / "letter.md").exists()
    out = tmp_path / "close"
    assert cli("close", "--no-documents", HARBOR, "--out", out).exit_code == 0
    assert cli("close", "--no-documents", HARBOR, "--out", out).exit_code == 2
    assert cli("close", "--no-documents", HARBOR, "--out", out, "--force").exit_code == 0


def test_read_estimate_of_a_package_json(notice: Path) -> None:
    est = read_estimate(json.loads((notice / "package.json").read_text()))
    assert str(est.on) == "2026-05-01"
    assert str(est.figures.balance) == "1782.50"
    assert str(est.figures.hours) == "5.5"
    with pytest.raises(ValueError, match=r"expected a settlement\.json object"):
        read_estimate([1, 2])


def test_same_input_same_bytes(tmp_path: Path, cli: Callable[..., Run]) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert cli("close", "--no-documents", HARBOR, "--out", a).exit_code == 0
    assert cli("close", "--no-documents", HARBOR, "--out", b).exit_code == 0
    for f in a.iterdir():
        assert f.read_bytes() == (b / f.name).read_bytes(), f.name


def test_an_eu_client_gets_the_final_invoice_as_a_factur_x_e_invoice(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    from facturx import get_xml_from_pdf

    out = tmp_path / "close"
    r = cli("close", EXAMPLES / "nordlicht-reisen.yaml", "--out", out)
    assert r.exit_code == 0, r.stderr
    name, xml = get_xml_from_pdf((out / "invoice.pdf").read_bytes(), check_xsd=True)
    assert name == "factur-x.xml"
    assert b"<ram:ID>KD-2026-010</ram:ID>" in xml


def test_close_says_the_warnings_plan_says(tmp_path: Path, cli: Callable[..., Run]) -> None:
    case = DATA / "panel6" / "u2.yaml"  # a client-ended case that offers a slower timeline
    plan = cli("plan", "--no-documents", case, "--out", tmp_path / "notice")
    close = cli("close", "--no-documents", case, "--out", tmp_path / "close")
    assert close.exit_code == 0
    assert "adjust_timeline is not offered in the letter" in close.stderr
    assert close.stderr == plan.stderr
