"""The broken and questionable case files of issue 11, one per problem, in tests/data/broken/.
Each says in its first two lines what `parting plan` must do with it: the exit status (2: an
error, nothing written; 0: written, with a warning) and words the message must contain."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_cli

BROKEN = Path(__file__).parent / "data" / "broken"
FILES = sorted(BROKEN.glob("*.yaml"))


def _expectations(path: Path) -> tuple[int, str]:
    head = path.read_bytes().split(b"\n", 2)
    code = re.fullmatch(rb"# expect-exit: (\d)", head[0])
    words = re.fullmatch(rb"# expect: (.+)", head[1])
    assert code and words, f"{path.name}: first two lines must say what to expect"
    return int(code.group(1)), words.group(1).decode("utf-8")


def test_there_is_a_file_for_each_problem() -> None:
    assert len(FILES) >= 20


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_a_broken_file_gets_its_answer(tmp_path: Path, path: Path) -> None:
    code, words = _expectations(path)
    out = tmp_path / "out"
    result = run_cli("plan", path, "--out", out, "--no-documents")
    assert result.exit_code == code, result.stderr
    assert words in result.stderr, result.stderr
    assert out.exists() == (code == 0)
    if code == 2:
        assert "warning" not in result.stderr
        assert f"{path}:" in result.stderr  # file (and line) named
