"""Regenerate docs/cli.md (from each command's --help) and docs/casefile.md (from the model).

    python scripts/gen_docs.py          # write the files
    python scripts/gen_docs.py --check  # exit 1 if they are out of date (the tests do this)
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from parting.cli import app
from parting.schema import reference_markdown

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["plan", "schema", "new"]


def cli_reference() -> str:
    runner = CliRunner()

    def help_of(*args: str) -> str:
        result = runner.invoke(app, [*args, "--help"], prog_name="parting", terminal_width=88)
        return result.stdout.rstrip()

    out = [
        "# CLI reference",
        "",
        "Generated from `--help` by `python scripts/gen_docs.py`; do not edit by hand.",
        "",
        "```",
        help_of(),
        "```",
    ]
    for command in COMMANDS:
        out += ["", f"## parting {command}", "", "```", help_of(command), "```"]
    return "\n".join(out) + "\n"


def documents() -> dict[Path, str]:
    return {
        ROOT / "docs" / "cli.md": cli_reference(),
        ROOT / "docs" / "casefile.md": reference_markdown(),
    }


def main(argv: list[str]) -> int:
    stale = [p for p, text in documents().items() if not p.exists() or p.read_text("utf-8") != text]
    if "--check" in argv:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python scripts/gen_docs.py")
        return 1 if stale else 0
    for path, text in documents().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
