"""`parting check FILE...` without the rest of the command line.

The full command line (`parting.cli`, Typer) costs about 0.12 s to start before the checker
runs: Typer's own imports, and its Pydantic-based parameter adapters while it parses the
arguments. The web app and editors call `parting check` on every pause in typing, so
`parting.cli.main` hands a plain check to `fast_main` first: files and `--format`, `--as`,
`--ended-by` with their values. Anything else (`--help`, `--explain`, an option this module
does not know, no file at all) returns None and goes to Typer, which parses it as always and
gives the usual help and errors. `run` is what the Typer command does with the same
arguments; a test checks that both give the same output and exit status.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from parting.check.judge import Judgement

FORMATS = ("text", "json")
KINDS = ("auto", "text", "markdown", "eml")
ENDED_BY = ("client", "provider", "mutual")
_OPTIONS = {"--format": FORMATS, "-f": FORMATS, "--as": KINDS, "--ended-by": ENDED_BY}


def fast_main(argv: list[str]) -> int | None:
    """The exit status of `parting check ARGV`, or None when Typer should handle ARGV."""
    files: list[str] = []
    chosen = {"--format": "text", "--as": "auto", "--ended-by": ""}
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg.startswith("-") and arg != "-":
            name, equals, value = arg.partition("=")
            if name not in _OPTIONS:
                return None
            if not equals:
                index += 1
                if index == len(argv):
                    return None
                value = argv[index]
            if value not in _OPTIONS[name]:
                return None
            chosen["--format" if name == "-f" else name] = value
        else:
            files.append(arg)
        index += 1
    if not files:
        return None
    return run(files, chosen["--format"], chosen["--as"], chosen["--ended-by"] or None)


def run(
    names: list[str],
    output_format: str,
    kind: str,
    ended_by: str | None = None,
    stdin: BinaryIO | None = None,
    also: Callable[[Judgement, str], Judgement] | None = None,
) -> int:
    """Judge the drafts `names` (paths, or - for standard input) and print the results; the
    exit status: 0 every principle holds in every draft, 1 otherwise, 2 a file unreadable.
    `also` adds to each judgement what the checker alone cannot know (the facts of a case,
    `parting check --case`), given the judgement and the draft's text."""
    from parting.check import report
    from parting.check.cli_io import STDIN, Draft, InputError, read_draft
    from parting.check.judge import judge_many

    if stdin is None and STDIN in names:
        stdin = sys.stdin.buffer
    style = report.Style(output_format == "text" and report.use_colour(sys.stdout))
    unreadable = failed = shown = 0
    drafts: list[Draft | InputError] = []
    for name in names:
        try:
            drafts.append(read_draft(name, kind, stdin))
        except InputError as exc:
            drafts.append(exc)
    readable = [d for d in drafts if not isinstance(d, InputError)]
    # in order; many files in parallel
    judgements = judge_many([d.text for d in readable], ended_by=ended_by)
    for draft in drafts:
        if isinstance(draft, InputError):
            print(f"error: {draft}", file=sys.stderr)
            unreadable += 1
            continue
        judgement = next(judgements)
        if also is not None:
            judgement = also(judgement, draft.text)
        if not report.passes(judgement):
            failed += 1
        if output_format == "json":
            print(report.json_line(draft.name, judgement, draft.source))
        else:
            if shown:
                print()
            print(report.format_text(draft.name, draft.source, judgement, style))
        shown += 1
    judgements.close()
    if output_format == "text" and len(names) > 1:
        print()
        parts = [f"{shown - failed} pass", f"{failed} fail"]
        if unreadable:
            parts.append(f"{unreadable} unreadable")
        print(f"{len(names)} files: " + ", ".join(parts))
    if unreadable:
        return 2
    return 1 if failed else 0
