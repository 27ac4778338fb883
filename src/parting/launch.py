"""The `parting` command's entry point. A plain `parting check FILE...` is judged without
loading the full command line (Typer and its Pydantic-based parameter adapters cost about
0.12 s of start-up, and editors call `parting check` on every pause in typing); everything
else goes to `parting.cli`. See `parting.check.command.fast_main`."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["check"]:
        from parting.check.command import fast_main

        status = fast_main(sys.argv[2:])
        if status is not None:
            sys.stdout.flush()
            raise SystemExit(status)
    from parting.cli import app

    app()
