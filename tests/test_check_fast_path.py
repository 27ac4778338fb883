"""`parting check FILE...` skips Typer (`parting.check.command.fast_main`): it must print
and exit exactly as the Typer command does, and hand everything else to Typer."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from conftest import run_cli
from parting.check.command import fast_main
from test_check_ended import REPLY

GOOD_ENOUGH = "Hi Ann,\n\nMaybe we could perhaps end things at some point. Good luck.\n"


def _fast(args: list[str]) -> tuple[int | None, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = fast_main(args)
    return status, out.getvalue()


@pytest.mark.parametrize(
    "options",
    [[], ["--format", "json"], ["-f", "json"], ["--format=json"], ["--as", "markdown"],
     ["--ended-by", "client"], ["--ended-by=provider", "-f", "text"]],
)
def test_fast_path_prints_what_typer_prints(tmp_path: Path, options: list[str]) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.md"
    one.write_text(REPLY, encoding="utf-8")
    two.write_text(GOOD_ENOUGH, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    for files in ([one], [one, two], [two, missing]):
        args = [*map(str, files), *options]
        status, out = _fast(args)
        typer = run_cli("check", *args)
        assert status == typer.exit_code
        assert out == typer.stdout


@pytest.mark.parametrize(
    "args",
    [[], ["--help"], ["--explain", "P301"], ["x.txt", "--colour"], ["x.txt", "--format", "xml"],
     ["x.txt", "--format"], ["x.txt", "--case", "c.yaml"], ["x.txt", "--ended-by", "nobody"]],
)
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert fast_main(args) is None
