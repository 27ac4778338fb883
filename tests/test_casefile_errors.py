"""Every required error of the case file spec: exit 2, file:line: key path: what was expected,
and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL, run_cli

# (id, old text, new text, line, key path, expected words)
CASES = [
    ("yaml-syntax", "  contact: Jo Park", "  contact: Jo: Park", 6, None,
     "YAML syntax error: mapping values are not allowed"),
    ("wrong-type-number", "  hourly_rate: 100", "  hourly_rate: lots", 15,
     "contract.hourly_rate", "expected a number, got 'lots'"),
    ("wrong-type-date", "  notice_given: 2026-05-01", "  notice_given: May 1st", 12,
     "engagement.notice_given", "expected a date YYYY-MM-DD, got 'May 1st'"),
    ("wrong-type-bool", "  payment_terms_days: 14", "  payment_terms_days: 14\n"
     "  charge_late_fees: sometimes", 17, "contract.charge_late_fees",
     "expected true or false, got 'sometimes'"),
    ("wrong-type-impossible-date", "  end_date: 2026-05-29", "  end_date: 2026-02-30", 13,
     "engagement.end_date", "expected a real date YYYY-MM-DD, got '2026-02-30'"),
    ("unknown-key", "  currency: USD", "  currency: USD\n  tone: warm\n  colour: blue", 13,
     "engagement.colour", "unknown key 'colour'; expected one of: project, started"),
    ("unknown-top-level-key", "version: 1", "version: 1\nclients: []", 2, "clients",
     "unknown key 'clients'"),
    ("unknown-language", "  locale: en_US", "  locale: en_US\n  language: de", 9,
     "client.language", "no letter phrases for 'de'; expected one of: en"),
    ("unknown-option", "  payment_terms_days: 14", "  payment_terms_days: 14\noptions:\n"
     "  offer: [adjust_timelines]", 18, "options.offer[0]", "expected one of"),
    ("missing-key", "  contact: Jo Park\n", "", 4, "client.contact", "required key is missing"),
    ("negative-amount", "    fee: 1000", "    fee: -1000", 21, "deliverables[0].fee",
     "must not be negative, got -1000"),
    ("negative-hours", "hours: 1.5}", "hours: -1.5}", 31, "time_entries[1].hours",
     "must not be negative, got -1.5"),
    ("paid-more-than-amount", "paid: 1000}", "paid: 1200}", 33, "invoices[0].paid",
     "paid 1200 is more than amount 1000"),
    ("unknown-currency", "  currency: USD", "  currency: USX", 11, "engagement.currency",
     "unknown ISO 4217 currency code 'USX'"),
    ("malformed-currency", "  currency: USD", "  currency: dollars", 11, "engagement.currency",
     "expected an ISO 4217 currency code such as USD or EUR, got 'dollars'"),
    ("end-before-notice", "  end_date: 2026-05-29", "  end_date: 2026-04-29", 13,
     "engagement.end_date", "end_date 2026-04-29 is before notice_given 2026-05-01"),
    ("invoice-due-before-issued", "issued: 2026-04-01, due: 2026-04-15",
     "issued: 2026-04-16, due: 2026-04-15", 33, "invoices[0].due",
     "due 2026-04-15 is before issued 2026-04-16"),
    ("duplicate-deliverable-id", "  - id: build", "  - id: design", 23, "deliverables[1].id",
     "duplicate id 'design' (first used by deliverables[0])"),
    ("depends-on-unknown", "depends_on: [design]", "depends_on: [desing]", 28,
     "deliverables[1].depends_on", "unknown deliverable id 'desing'"),
    ("depends-on-cycle", "    invoiced: 1000\n  - id: build",
     "    invoiced: 1000\n    depends_on: [build]\n  - id: build", 23,
     "deliverables[0].depends_on", "dependency cycle: design -> build -> design"),
    ("percent-above-100", "percent_complete: 50", "percent_complete: 150", 26,
     "deliverables[1].percent_complete", "expected at most 100, got 150"),
    ("percent-below-0", "percent_complete: 50", "percent_complete: -5", 26,
     "deliverables[1].percent_complete", "must not be negative, got -5"),
    ("time-entry-unknown-deliverable", "deliverable: build}", "deliverable: bild}", 30,
     "time_entries[0].deliverable", "unknown deliverable id 'bild'"),
    ("duplicate-yaml-key", "  currency: USD", "  currency: USD\n  currency: EUR", 12,
     "engagement.currency", "duplicate key 'currency': each key may appear once"),
    ("bad-id", "  - id: build", "  - id: Build Phase", 23, "deliverables[1].id",
     "expected an id of lower-case letters, digits, '_' and '-', got 'Build Phase'"),
    ("bad-status", "    status: accepted", "    status: finished", 20, "deliverables[0].status",
     "expected one of 'not_started', 'in_progress', 'done' or 'accepted', got 'finished'"),
    ("no-end-date", "  end_date: 2026-05-29\n", "", 9, "engagement.end_date",
     "required key is missing: give engagement.end_date or contract.notice_days"),
    ("in-progress-fee-without-percent", "    percent_complete: 50\n", "", 23,
     "deliverables[1].percent_complete", "required key is missing: an in_progress deliverable"),
]


def _assert_nothing_written(tmp_path: Path) -> None:
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["case.yaml"] or left == ["case.yaml", "time.csv"], left


@pytest.mark.parametrize(
    ("old", "new", "line", "key", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_required_error(
    tmp_path: Path, old: str, new: str, line: int, key: str | None, expected: str
) -> None:
    assert old in MINIMAL
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL.replace(old, new, 1), encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    where = f"error: {case}:{line}: " + (f"{key}: " if key else "")
    assert where + expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    _assert_nothing_written(tmp_path)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = MINIMAL.replace("    fee: 1000", "    fee: -1000").replace(
        "  currency: USD", "  currency: USD\n  colour: blue"
    )
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {case}:12: engagement.colour: unknown key 'colour'; expected one of: project, "
        "started, currency, terminated_by, notice_given, written_on, end_date, as_of, reason, "
        "client_benefit, provider_benefit, tone",
        f"error: {case}:22: deliverables[0].fee: must not be negative, got -1000",
    ]
    _assert_nothing_written(tmp_path)


def test_cross_record_problems_are_all_reported(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace("paid: 1000}", "paid: 1200}")
        .replace("deliverable: build}", "deliverable: bild}")
        .replace("  end_date: 2026-05-29", "  end_date: 2026-04-29")
    )
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.count("error: ") == 3
    _assert_nothing_written(tmp_path)


def test_unreadable_file(tmp_path: Path) -> None:
    result = run_cli("plan", tmp_path / "nope.yaml", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert f"error: {tmp_path / 'nope.yaml'}: cannot read: No such file or directory" in (
        result.stderr
    )
    assert list(tmp_path.iterdir()) == []


def test_not_a_mapping(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text("- just\n- a list\n", encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert f"error: {case}:1: expected a mapping of keys" in result.stderr
    _assert_nothing_written(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_bytes(MINIMAL.replace("Jo Park", "Jo P\xe4rk").encode("latin-1"))
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert (
        f"error: {case}:6: not UTF-8 text: byte 0xe4 at column 16 (invalid continuation byte); "
        "save the file as UTF-8"
    ) in result.stderr
    _assert_nothing_written(tmp_path)


# --- bulk records in CSV: errors name the file, the row and the column ----------------------

CSV_CASE = MINIMAL.split("time_entries:")[0] + "time_entries: time.csv\n" + (
    "invoices:\n" + MINIMAL.split("invoices:\n")[1]
)


def _csv_case(tmp_path: Path, csv_text: str) -> Path:
    case = tmp_path / "case.yaml"
    case.write_text(CSV_CASE, encoding="utf-8")
    (tmp_path / "time.csv").write_text(csv_text, encoding="utf-8")
    return case


def test_csv_bad_cell_names_file_row_and_column(tmp_path: Path) -> None:
    case = _csv_case(
        tmp_path,
        "date,hours,deliverable,rate,billable,billed\n"
        "2026-05-04,2,build,,,\n"
        "2026-05-05,-1.5,,,,\n",
    )
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert (
        f"error: {tmp_path / 'time.csv'}:3: time_entries[1].hours (column hours): "
        "must not be negative, got -1.5"
    ) in result.stderr
    _assert_nothing_written(tmp_path)


def test_csv_unknown_deliverable_names_the_row(tmp_path: Path) -> None:
    case = _csv_case(
        tmp_path,
        "date,hours,deliverable\n2026-05-04,2,build\n2026-05-05,1,bild\n",
    )
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert (
        f"error: {tmp_path / 'time.csv'}:3: time_entries[1].deliverable (column deliverable): "
        "unknown deliverable id 'bild'"
    ) in result.stderr


def test_csv_unknown_column(tmp_path: Path) -> None:
    case = _csv_case(tmp_path, "date,hours,project\n2026-05-04,2,x\n")
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert (
        f"error: {tmp_path / 'time.csv'}:1: time_entries (column project): unknown column; "
        "expected some of: date, hours, deliverable, rate, billable, billed, description"
    ) in result.stderr
    _assert_nothing_written(tmp_path)


def test_csv_missing_file(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(CSV_CASE, encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    line = CSV_CASE.splitlines().index("time_entries: time.csv") + 1
    assert (
        f"error: {case}:{line}: time_entries: cannot read the CSV file 'time.csv': there is no "
        f"such file in {tmp_path}"
    ) in result.stderr
    _assert_nothing_written(tmp_path)


def test_csv_beside_the_real_case_file_not_beside_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "case.yaml").write_text(CSV_CASE, encoding="utf-8")
    (real / "time.csv").write_text("date,hours\n2026-05-04,2\n", encoding="utf-8")
    link = tmp_path / "elsewhere"
    link.mkdir()
    (link / "case.yaml").symlink_to(real / "case.yaml")
    result = run_cli("plan", link / "case.yaml", "--out", tmp_path / "out", "--no-documents")
    assert result.exit_code == 0, result.stderr


def test_a_case_from_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from parting.cli import app

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    ok = runner.invoke(app, ["plan", "-", "--out", "pkg", "--no-documents"], input=MINIMAL)
    assert ok.exit_code == 0, ok.stderr
    assert (tmp_path / "pkg" / "letter.md").is_file()
    no_out = runner.invoke(app, ["plan", "-"], input=MINIMAL)
    assert no_out.exit_code == 2
    assert "reading the case from standard input (-) needs --out" in no_out.stderr
    bad = runner.invoke(app, ["plan", "-", "--out", "x"], input="version: 1\nprovider: 3\n")
    assert bad.exit_code == 2 and "<stdin>:2: provider" in bad.stderr


def test_an_unquoted_comma_in_braces_gets_a_hint(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL.replace(
        "{date: 2026-05-05, hours: 1.5}",
        "{date: 2026-05-05, hours: 1.5, description: Font licence (Söhne, 3 weights)}",
    ), encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "unknown key '3 weights)'" in result.stderr
    assert "inside { }, a comma separates keys: put a value that has a comma in quotes" in (
        result.stderr
    )


def test_csv_deliverables_with_whole_number_and_list_columns(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(
        MINIMAL.split("deliverables:")[0] + "deliverables: deliverables.csv\n", encoding="utf-8"
    )
    (tmp_path / "deliverables.csv").write_text(
        "id,title,status,percent_complete,fee,invoiced,estimate_hours,value,depends_on\n"
        "design,Design,accepted,,1000,1000,,7,\n"
        "build,Build,in_progress,50,2000,,12.5,9,design\n"
        "shop,Shop,not_started,,,,8,10,design;build\n",
        encoding="utf-8",
    )
    from parting.case.load import load_case

    loaded = load_case(case)
    assert [(d.id, d.value, d.depends_on) for d in loaded.deliverables] == [
        ("design", 7, []), ("build", 9, ["design"]), ("shop", 10, ["design", "build"]),
    ]
    (tmp_path / "deliverables.csv").write_text(
        "id,title,status,value\ndesign,Design,accepted,7.5\n", encoding="utf-8"
    )
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert (
        f"error: {tmp_path / 'deliverables.csv'}:2: deliverables[0].value (column value): "
        "expected a whole number, got '7.5'"
    ) in result.stderr


def test_csv_records_load_like_yaml_records(tmp_path: Path) -> None:
    case = _csv_case(
        tmp_path,
        "date,hours,deliverable,rate,billable,billed\n"
        "2026-05-04,2,build,,,\n"
        "2026-05-05,1.5,,,true,false\n",
    )
    from parting.case.load import load_case, parse_case

    from_csv = load_case(case)
    from_yaml = parse_case(MINIMAL, tmp_path / "other.yaml")
    assert from_csv.time_entries == from_yaml.time_entries


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (".inf", "contract.hourly_rate: expected a number, got '.inf'"),
        (".nan", "contract.hourly_rate: expected a number, got '.nan'"),
        ("1e400", "contract.hourly_rate: expected a number below 1,000,000,000,000"),
        ('"1E+999999999"', "contract.hourly_rate: expected a number below 1,000,000,000,000"),
        ("12345678901234567890123456789012", "contract.hourly_rate: expected a number below"),
        ("100.005", "contract.hourly_rate: 100.005 has more decimals than USD has (2 decimal "
         "places); give it exactly"),
    ],
)
def test_numbers_no_arithmetic_can_promise_are_errors_not_tracebacks(
    tmp_path: Path, value: str, message: str
) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL.replace("hourly_rate: 100", f"hourly_rate: {value}"), "utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert f"case.yaml:15: {message}" in result.stderr
    assert not (tmp_path / "out").exists()


def test_yen_with_decimals_is_rejected_not_rounded(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    text = MINIMAL.replace("currency: USD", "currency: JPY").replace(
        "amount: 1000, paid: 1000}", "amount: 10000.5, paid: 0}"
    )
    case.write_text(text, "utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "invoices[0].amount: 10000.5 has more decimals than JPY has (no decimals)" in (
        result.stderr
    )


def test_a_date_outside_a_working_lifetime_is_an_error(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL.replace("end_date: 2026-05-29", "end_date: 9999-12-31"), "utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "engagement.end_date: expected a date between 1970 and 2199, got 9999-12-31" in (
        result.stderr
    )


def _pennine(tmp_path: Path, csv_text: str) -> Path:
    examples = Path(__file__).parent.parent / "examples"
    case = tmp_path / "pennine-outdoor.yaml"
    case.write_bytes((examples / "pennine-outdoor.yaml").read_bytes())
    (tmp_path / "pennine-outdoor-time.csv").write_text(csv_text, encoding="utf-8", newline="")
    return case


def test_a_csv_as_excel_writes_it_is_read_like_the_plain_one(tmp_path: Path) -> None:
    """Excel's "CSV UTF-8" in a comma-decimal region: a byte-order mark, ";" between cells,
    3,5 for 3.5, upper-case headers, empty columns at the end, CRLF."""
    examples = Path(__file__).parent.parent / "examples"
    plain = (examples / "pennine-outdoor-time.csv").read_text(encoding="utf-8").splitlines()
    rows = ["\ufeff" + plain[0].upper().replace(",", ";") + ";;"]
    for line in plain[1:]:
        cells = line.split(",")
        cells[1] = cells[1].replace(".", ",")
        rows.append(";".join(cells) + ";;")
    case = _pennine(tmp_path, "\r\n".join(rows) + "\r\n")
    result = run_cli("plan", case, "--out", tmp_path / "out", "--no-documents")
    assert result.exit_code == 0, result.stderr
    assert "Balance due: £1,807.82 by 13 October 2026" in result.stdout  # as with the plain CSV


def test_a_problem_on_thousands_of_rows_is_shown_three_times_and_counted(tmp_path: Path) -> None:
    rows = ["date,hours,deliverable"] + [f"2026-13-{k % 28 + 1:02d},1," for k in range(3000)]
    case = _pennine(tmp_path, "\n".join(rows) + "\n")
    result = run_cli("plan", case, "--out", tmp_path / "out", "--no-documents")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 4, lines
    where = "pennine-outdoor-time.csv:2: time_entries[0].date (column date)"
    assert f"{where}: expected a real date" in lines[0]
    assert lines[3].endswith("pennine-outdoor-time.csv: ... and 2,997 more rows like this")
