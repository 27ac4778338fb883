"""`engagement.written_on`: a letter that confirms in writing a notice given earlier (by phone,
in a meeting) is dated on its own day. Work logged up to it is done, not planned; the handover
is dated from it; the notice period still counts from the notice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import DATA, Run

U1 = DATA / "panel6" / "u1.yaml"  # notice on 3 August, hours logged from 4 to 21 August


def _case(tmp_path: Path, line: str) -> Path:
    text = U1.read_text(encoding="utf-8")
    text = text.replace("  notice_given: 2026-08-03\n", "  notice_given: 2026-08-03\n" + line)
    path = tmp_path / "u1.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_letter_that_confirms_an_earlier_notice(tmp_path: Path, cli: Callable[..., Run]) -> None:
    out = tmp_path / "out"
    r = cli("plan", _case(tmp_path, "  written_on: 2026-08-21\n"), "--out", out,
            "--no-documents")
    assert r.exit_code == 0, r.stderr
    assert "End date:    September 2, 2026" in r.stdout  # 30 days from the notice, not the letter
    letter = (out / "letter.md").read_text(encoding="utf-8")
    assert (
        "As I told you on August 3, I've decided to end our work together on the Brasa & Vine "
        "monthly bookkeeping and close, and I'm writing to confirm it. Our engagement ends on "
        "September 2, 2026." in letter
    )
    # the hours logged to 21 August are work done, not planned
    assert "| July month-end close, all seven entities | Done |" in letter
    assert "25.5 hours of hourly work, not yet invoiced: $1,734.00" in letter
    assert "planned until" not in letter
    # the handover starts from the letter: the call two business days after it
    assert "| August 25 | A handover call" in letter
    assert "Please let me know by August 28 if you'd like any of these" in letter


def test_written_on_outside_the_notice_period_is_an_error(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    path = _case(tmp_path, "  written_on: 2026-07-30\n")
    out = tmp_path / "out"
    r = cli("plan", path, "--out", out)
    assert r.exit_code == 2
    assert f"{path}:" in r.stderr and "engagement.written_on" in r.stderr
    assert "expected a day from notice_given 2026-08-03 to the end date" in r.stderr
    assert not out.exists()
