"""Inputs that change what the client is billed: each is a warning with file:line that says
what it does to the money (issue 11); --strict makes them exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli


def _plan(tmp_path: Path, text: str, *extra: str) -> tuple[int, list[str]]:
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    r = run_cli("plan", case, "--out", tmp_path / "out", "--no-documents", "--force", *extra)
    return r.exit_code, [
        line.strip().removeprefix("warning: ").replace(f"{case}:", "case.yaml:")
        for line in r.stderr.splitlines() if "warning:" in line
    ]


@pytest.mark.parametrize(
    ("old", "new", "warning"),
    [
        (
            "{date: 2026-05-05, hours: 1.5}", "{date: 2026-06-05, hours: 1.5}",
            "case.yaml:31: time_entries[1].date: 2026-06-05 is after 2026-05-29, the date the "
            "account is made up to: billed all the same",
        ),
        (
            "{date: 2026-05-05, hours: 1.5}", "{date: 2026-05-05, hours: 30}",
            "case.yaml:31: time_entries[1].hours: 30 h logged on 2026-05-05: more than 16 h in "
            "one day; all of it is billed",
        ),
        (
            "  end_date: 2026-05-29\n", "  end_date: 2026-05-29\n  as_of: 2026-04-01\n",
            "case.yaml:14: engagement.as_of: as_of 2026-04-01 is before the notice of "
            "2026-05-01: the settlement leaves out everything after it",
        ),
        (
            "  hourly_rate: 100\n", "  hourly_rate: 100\n  notice_days: 30\n",
            "case.yaml:13: engagement.end_date: 28 days of notice where the contract asks for "
            "30: check the end date (the letter and the money run to it)",
        ),
        (
            '  - {number: "1", issued: 2026-04-01, due: 2026-04-15, amount: 1000, paid: 1000}\n',
            '  - {number: "1", issued: 2026-04-01, due: 2026-04-15, amount: 1000, paid: 1000}\n'
            '  - {number: "1", issued: 2026-04-01, due: 2026-04-15, amount: 300}\n',
            "case.yaml:34: invoices[1].number: invoice '1' is listed twice (invoices[0]): its "
            "unpaid part is counted twice",
        ),
        (
            "  - {date: 2026-05-05, hours: 1.5}\n",
            "  - {date: 2026-05-05, hours: 1.5}\n  - {date: 2026-05-05, hours: 1.5}\n",
            "case.yaml:32: time_entries[2]: the same as time_entries[1] (date, hours, "
            "deliverable, description): billed twice if it is a copy",
        ),
        (
            "time_entries:\n",
            "  - {id: launch, title: Launch, status: done, depends_on: [build]}\ntime_entries:\n",
            "case.yaml:29: deliverables[2].status: 'launch' is done but depends on 'build', "
            "which is in progress: is one of the two statuses wrong?",
        ),
    ],
)
def test_an_input_that_changes_the_money_is_a_warning_with_its_line(
    tmp_path: Path, old: str, new: str, warning: str
) -> None:
    assert old in MINIMAL
    code, warnings = _plan(tmp_path, MINIMAL.replace(old, new))
    assert code == 0
    assert warning in warnings, warnings


def test_pace_outside_what_anyone_plans_by(tmp_path: Path) -> None:
    text = MINIMAL + "options:\n  offer: [phase_out]\n  hours_per_week: 500\n"
    code, warnings = _plan(tmp_path, text)
    assert code == 0
    assert any("options.hours_per_week: 500 hours a week is outside 1-80" in w for w in warnings)


def test_strict_turns_warnings_into_exit_1_and_repeats_none(tmp_path: Path) -> None:
    text = MINIMAL.replace("{date: 2026-05-05, hours: 1.5}", "{date: 2026-05-05, hours: 30}")
    code, warnings = _plan(tmp_path, text, "--strict")
    assert code == 1
    assert len(warnings) == len(set(warnings))
    assert (tmp_path / "out" / "letter.md").is_file()  # written, for review
    assert _plan(tmp_path, text)[0] == 0  # without --strict, the same warnings exit 0


def test_a_mutual_end_may_be_shorter_than_the_notice_period(tmp_path: Path) -> None:
    text = MINIMAL.replace("  hourly_rate: 100\n", "  hourly_rate: 100\n  notice_days: 30\n")
    text = text.replace("  currency: USD\n", "  currency: USD\n  terminated_by: mutual\n")
    assert not any("days of notice" in w for w in _plan(tmp_path, text)[1])


def test_an_empty_csv_is_a_warning(tmp_path: Path) -> None:
    examples = Path(__file__).parent.parent / "examples"
    case = tmp_path / "pennine-outdoor.yaml"
    case.write_bytes((examples / "pennine-outdoor.yaml").read_bytes())
    (tmp_path / "pennine-outdoor-time.csv").write_text(
        "date,hours,deliverable,rate,billable,billed,description\n", encoding="utf-8"
    )
    result = run_cli("plan", case, "--out", tmp_path / "out", "--no-documents")
    assert result.exit_code == 0
    assert (
        "time_entries: pennine-outdoor-time.csv has no rows: no time entries are counted"
    ) in result.stderr


def test_a_timeline_over_unestimated_work_says_what_it_leaves_out(tmp_path: Path) -> None:
    text = MINIMAL + (
        "options:\n  offer: [adjust_timeline]\n  timeline_hours_per_week: 5\n"
    )
    text = text.replace("time_entries:\n", "  - {id: docs, title: Docs, status: not_started, "
                        "estimate_hours: 40}\ntime_entries:\n")
    code, warnings = _plan(tmp_path, text)
    assert code == 0
    assert any(
        "options.offer: adjust_timeline: Build has no estimate_hours, so the timeline's hours "
        "and dates leave them out" in w for w in warnings
    ), warnings


def test_a_warning_on_many_records_is_shown_three_times_and_counted(tmp_path: Path) -> None:
    entries = "".join(f"  - {{date: 2026-05-{d:02d}, hours: 20}}\n" for d in range(4, 10))
    text = MINIMAL.replace("time_entries:\n", "time_entries:\n" + entries)
    code, warnings = _plan(tmp_path, text)
    assert code == 0
    days = [w for w in warnings if "more than 16 h in one day" in w]
    assert len(days) == 3
    assert warnings[warnings.index(days[-1]) + 1] == "... and 3 more like this"
