"""The command line: a thin layer over the library. Library errors become one clear message
each on standard error and exit status 2. Heavy modules are imported inside the commands so
that `parting --help` starts fast."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from parting import __version__

app = typer.Typer(
    name="parting",
    help="End a client relationship well: status, options, letter, exact settlement and a "
    "dated handover plan from one case file.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _fail(lines: list[str]) -> NoReturn:
    for line in lines:
        print(f"error: {line}", file=sys.stderr)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        print(f"parting {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """End a client relationship well, from one case file."""


@app.command()
def plan(
    case_file: Annotated[Path, typer.Argument(help="The case file (YAML).", metavar="CASE.yaml")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Folder to write the package to. [default: CASE-package]"),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the folder if it exists.")
    ] = False,
) -> None:
    """Write the parting package for a case: status, options, letter, settlement, transition.

    Example:

        parting plan examples/harbor-foods.yaml --out out/harbor-foods
    """
    from parting import package
    from parting.case import load_case
    from parting.errors import PartingError
    from parting.render.env import format_date

    target = out if out is not None else case_file.with_name(case_file.stem + "-package")
    try:
        case = load_case(case_file)
        pkg = package.build(case)
        written = package.write(pkg, target, force=force)
    except PartingError as exc:
        problems = getattr(exc, "problems", None)
        _fail([str(p) for p in problems] if problems else [str(exc)])

    s = pkg.settlement

    def d(day: object) -> str:
        return format_date(day, case.locale)  # type: ignore[arg-type]

    print(f"Package for {case.engagement.project} written to {target}/")
    print(f"  End date:    {d(case.end_date)}")
    if s.refund_due:
        print(f"  Refund due:  {case.format_money(s.refund_due)} to the client by {d(s.due_date)}")
    else:
        print(f"  Balance due: {case.format_money(s.balance_due)} by {d(s.due_date)}")
    print("  Files:       " + ", ".join(p.name for p in written))
    if pkg.warnings:
        print(f"{len(pkg.warnings)} warning(s):", file=sys.stderr)
        for w in pkg.warnings:
            print(f"  warning: {w}", file=sys.stderr)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the case file, for editors' autocompletion and validation.

    Example:

        parting schema > casefile.schema.json
    """
    from parting.schema import case_schema_json

    sys.stdout.write(case_schema_json())


@app.command()
def new(
    path: Annotated[Path, typer.Argument(help="Where to write the starter case file.")] = Path(
        "case.yaml"
    ),
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the file if it exists.")
    ] = False,
) -> None:
    """Write a commented starter case file to fill in.

    Example:

        parting new acme.yaml && $EDITOR acme.yaml && parting plan acme.yaml
    """
    from importlib.resources import files

    if path.exists() and not force:
        _fail([f"{path} already exists; use --force to overwrite it"])
    text = files("parting").joinpath("starter.yaml").read_text(encoding="utf-8")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail([f"cannot write {path}: {exc.strerror}"])
    print(f"Wrote {path}: fill it in, then run: parting plan {path}")


def main() -> None:
    app()
