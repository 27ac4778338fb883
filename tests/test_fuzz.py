"""Every input gives an answer, never a traceback: a mutation corpus made from the bundled
examples (each scalar value of each example replaced by each of a set of awkward values),
planned in process. Each run must exit 0 or 2, and nothing may be written outside --out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_cli

EXAMPLES = Path(__file__).parent.parent / "examples"

# Values that have broken parsers before: non-numbers, huge and tiny numbers, impossible
# dates, wrong shapes, control characters, YAML's own surprises.
AWKWARD = (
    ".inf", "-.inf", ".nan", "1e400", '"1E+999999999"', "12345678901234567890123456789012",
    "-1", "0", "1e-30", "0.0000001", "2026-02-30", "1999-01-01", "9999-12-31", "null", "",
    "[]", "{}", "[1, 2]", "true", "NO", '"\\u0000"', "~", "&a x", "*a", "'", '"unterminated',
    "!!binary aGVsbG8=", "!!python/object:os.system ls",
)
# Lines of the form "  key: value" (not list items, not the version), in every example.
_SCALAR = re.compile(r"^(\s+)([a-z_]+): (?!\[|\{|$)(.+)$")


def _corpus() -> list[tuple[str, int, str]]:
    cases = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        scalar_lines = [i for i, line in enumerate(lines) if _SCALAR.match(line)]
        for k, i in enumerate(scalar_lines):  # each line, two different values
            cases.append((path.name, i, AWKWARD[k % len(AWKWARD)]))
            cases.append((path.name, i, AWKWARD[(k + 11) % len(AWKWARD)]))
    return cases


# CSV cells: the same awkward values, and what spreadsheets write.
CSV_AWKWARD = (*AWKWARD, "3,5", "1.000,50", "=1+1", "\ufeff3", "NaN", "Infinity", " 3.5 ")


def _csv_corpus() -> list[tuple[int, int, str]]:
    cases = []
    for row in (1, 2, 5):
        for column in range(7):
            for k in (0, 9):
                cases.append((row, column, CSV_AWKWARD[(row * 7 + column + k) % len(CSV_AWKWARD)]))
    return cases


CSV_CORPUS = _csv_corpus()


@pytest.mark.parametrize(("row", "column", "value"), CSV_CORPUS)
def test_no_csv_cell_gives_a_traceback(tmp_path: Path, row: int, column: int, value: str) -> None:
    rows = (EXAMPLES / "pennine-outdoor-time.csv").read_text(encoding="utf-8").splitlines()
    cells = rows[row].split(",")
    cells[column] = value
    rows[row] = ",".join(cells)
    work = tmp_path / "work"
    work.mkdir()
    (work / "pennine-outdoor.yaml").write_bytes((EXAMPLES / "pennine-outdoor.yaml").read_bytes())
    (work / "pennine-outdoor-time.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run_cli("plan", work / "pennine-outdoor.yaml", "--out", work / "out",
                     "--no-documents")
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    names = sorted(p.name for p in work.iterdir())
    assert names == sorted(["pennine-outdoor.yaml", "pennine-outdoor-time.csv"]
                           + (["out"] if result.exit_code == 0 else []))


CORPUS = _corpus()


def test_the_corpus_is_large() -> None:
    assert len(CORPUS) + len(CSV_CORPUS) >= 400


@pytest.mark.parametrize(("example", "line", "value"), CORPUS)
def test_no_input_gives_a_traceback(tmp_path: Path, example: str, line: int, value: str) -> None:
    source = (EXAMPLES / example).read_text(encoding="utf-8").splitlines()
    m = _SCALAR.match(source[line])
    assert m is not None
    source[line] = f"{m.group(1)}{m.group(2)}: {value}"
    work = tmp_path / "work"
    work.mkdir()
    case = work / example
    case.write_text("\n".join(source) + "\n", encoding="utf-8")
    for extra in EXAMPLES.glob("*.csv"):  # the examples' CSV files, beside the case
        (work / extra.name).write_bytes(extra.read_bytes())
    before = sorted(p.name for p in work.iterdir())
    result = run_cli("plan", case, "--out", work / "out", "--no-documents")  # raises on a bug
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr)
    after = sorted(p.name for p in work.iterdir())
    expected = [*before, "out"] if result.exit_code == 0 else before
    assert after == sorted(expected)
    if result.exit_code == 2:
        assert result.stderr.startswith("error: ") or "error:" in result.stderr
