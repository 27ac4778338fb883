"""Regenerate docs/cli.md (from each command's --help), docs/casefile.md (from the model) and
docs/rules.md (from the rule registry of `parting check`).

    python scripts/gen_docs.py          # write the files
    python scripts/gen_docs.py --check  # exit 1 if they are out of date (the tests do this)
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from parting.case.schema import reference_markdown
from parting.check.rules import PRINCIPLES, all_rules
from parting.cli import app
from parting.facts.rules import all_fact_rules

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["plan", "close", "send", "check", "rules", "schema", "new", "serve"]


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


def _fence(examples: tuple[str, ...] | list[str]) -> list[str]:
    """One-line examples in one block, one per line; longer ones each in their own block."""
    if not any("\n" in e for e in examples):
        return ["```text", *examples, "```"]
    out: list[str] = []
    for example in examples:
        out += [*([""] if out else []), "```text", example.strip("\n"), "```"]
    return out


def rules_reference() -> str:
    """docs/rules.md: every rule code, ruff-style (What it does / Why / Example / Use
    instead), from the rules' own fields, so the docs cannot drift from the checker."""
    rules = [*all_rules(), *all_fact_rules()]
    out = [
        "# Rules of `parting check`",
        "",
        "Generated from the rule registry by `python scripts/gen_docs.py`; do not edit by hand.",
        "",
        "Each code is stable and never reused; its hundreds digit is the step of a good parting",
        "it serves (P1xx status, P2xx alternatives, P3xx direct, P4xx mutual benefit, P5xx",
        "respectful, P6xx finances, P7xx next steps). The facts family, F1xx money, F2xx dates",
        "and F3xx the case's records (invoices, deliverables, people, options), is judged only",
        "with `parting check --case CASE.yaml`, against the package computed from the case; each",
        "of its findings says what the draft states (`found`) and what the case gives",
        "(`expected`). `parting rules` lists them and `parting check --explain CODE` prints one.",
        "A finding of severity `error` fails the check on its own; a `warning` is advice (the",
        "principle's verdict decides).",
        "",
        "| code | name | principle | severity | message |",
        "|---|---|---|---|---|",
    ]
    order = {p: i for i, p in enumerate(PRINCIPLES)}
    ordered = sorted(rules, key=lambda r: (order.get(r.principle, 99), r.code))
    for r in ordered:
        message = r.message.replace("|", "\\|")
        out.append(
            f"| [{r.code}](#{r.code.lower()}-{r.name}) | `{r.name}` | {r.principle} | "
            f"{r.severity} | {message} |"
        )
    for r in ordered:
        what = getattr(r, "description", None) or r.message
        out += [
            "",
            f"## {r.code} {r.name}",
            "",
            f"Principle: `{r.principle}` · Severity: `{r.severity}` · Scope: "
            + (
                "whole draft (fires when the draft lacks something)"
                if getattr(r, "scope", "span") == "document"
                else "the draft against the case (`--case CASE.yaml`)"
                if getattr(r, "scope", "span") == "facts"
                else "words (flags the words that break the principle)"
            ),
            "",
            "### What it does",
            "",
            what,
            "",
            "### Why",
            "",
            r.why,
            "",
            "### Example",
            "",
            *_fence(list(r.examples_fail)),
            "",
            "### Use instead",
            "",
        ]
        if r.suggestion:
            out += [r.suggestion, ""]
        out += _fence(list(r.examples_pass))
    return "\n".join(out) + "\n"


def documents() -> dict[Path, str]:
    return {
        ROOT / "docs" / "cli.md": cli_reference(),
        ROOT / "docs" / "casefile.md": reference_markdown(),
        ROOT / "docs" / "rules.md": rules_reference(),
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
