"""The command line: a thin layer over the library. Library errors become one clear message
each on standard error and exit status 2. Heavy modules are imported inside the commands so
that `parting --help` starts fast."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from parting import __version__

#: --force, as `plan` and `close` take it (both replace only a folder they wrote).
Force = Annotated[bool, typer.Option("--force", help="Replace the folder if it exists.")]

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
    case_file: Annotated[
        Path, typer.Argument(help="The case file (YAML); - reads it from standard input.",
                             metavar="CASE.yaml")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Folder to write the package to. [default: CASE-package]"),
    ] = None,
    force: Force = False,
    documents: Annotated[
        bool,
        typer.Option(
            "--documents/--no-documents",
            help="Also write index.html, parting.pdf, settlement.pdf, invoice.pdf, "
            "transition.ics and letter.eml (--no-documents: Markdown and JSON only, faster).",
        ),
    ] = True,
    cc_stakeholders: Annotated[
        bool,
        typer.Option("--cc-stakeholders", help="Copy the stakeholders on letter.eml."),
    ] = False,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit with status 1 if there is any warning (for scripts "
                     "and CI); the package is still written, for review."),
    ] = False,
) -> None:
    """Write the parting package for a case: status, options, letter, settlement, transition
    plan, as Markdown and JSON, plus the documents to send (HTML, PDF, e-mail, calendar).

    Example:

        parting plan examples/harbor-foods.yaml --out out/harbor-foods
    """
    import warnings

    from parting.case.load import load_case
    from parting.core.errors import PartingError
    from parting.core.fmt import format_date
    from parting.render import background, pdf, phrases
    from parting.render import bundle as package

    stdin = str(case_file) == "-"
    if stdin and out is None:
        _fail(["reading the case from standard input (-) needs --out: there is no file name "
               "to put the package beside"])
    target = out if out is not None else case_file.with_name(case_file.stem + "-package")
    # A second process imports WeasyPrint while this one plans, then typesets parting.pdf.
    worker = background.Worker.start(pdf.prepare) if documents else None
    try:
        if stdin:  # CSV files it names are found in the current folder
            from parting.case.load import decode, parse_case

            where = Path("<stdin>")
            text = decode(sys.stdin.buffer.read(), where)
            case = parse_case(text, where, "<stdin>", phrases.available())
        else:
            case = load_case(case_file, phrases.available())
        pkg = package.build(case, cc_stakeholders=cc_stakeholders)
        with warnings.catch_warnings(record=True) as notices:
            warnings.simplefilter("always", pdf.FontWarning)
            written = package.write(
                pkg, target, force=force, documents=documents, worker=worker
            )
    except PartingError as exc:
        problems = getattr(exc, "problems", None)
        _fail([str(p) for p in problems] if problems else [str(exc)])
    finally:
        if worker is not None:
            worker.close()

    s = pkg.settlement

    def d(day: object) -> str:
        return format_date(day, case.locale)  # type: ignore[arg-type]

    print(f"Package for {case.engagement.project} written to {target}/")
    print(f"  End date:    {d(case.end_date)}")
    balance, refund = pkg.package.owed  # with VAT or GST, if the work stopped now
    if refund:
        print(f"  Refund due:  {case.format_money(refund)} to the client by {d(s.due_date)}")
    else:
        print(f"  Balance due: {case.format_money(balance)} by {d(s.due_date)}")
    planned = pkg.letter_plan.with_plan
    if planned is not None:  # the letter's figure: with the work it plans until the end
        owed = (
            f"{case.format_money(planned.net)} due" if planned.net > 0
            else f"{case.format_money(-planned.net)} to refund" if planned.net < 0
            else "nothing due"
        )
        print(f"  With plan:   {owed} (the letter's, with the work planned to the end)")
    print("  Files:       " + ", ".join(p.name for p in written))
    from parting.plan.package import warning_lines

    said = warning_lines(case, pkg.warnings)
    said += [str(n.message) for n in notices if issubclass(n.category, pdf.FontWarning)]
    if said:
        print(f"{len(said)} warning(s):", file=sys.stderr)
        for text in said:
            print(f"  warning: {text}", file=sys.stderr)
    if said and strict:
        print("error: --strict: the warnings above count as errors", file=sys.stderr)
        raise typer.Exit(code=1)


@app.command()
def close(
    case_file: Annotated[
        Path, typer.Argument(help="The case file (YAML), with the work as it ended.",
                             metavar="CASE.yaml")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Folder to write to. [default: CASE-closing]"),
    ] = None,
    estimate: Annotated[
        Path | None,
        typer.Option("--estimate", help="The settlement.json (or package.json) of the "
                     "notice package: the closing letter says how the final figures differ "
                     "from it, and why."),
    ] = None,
    force: Force = False,
    documents: Annotated[
        bool,
        typer.Option("--documents/--no-documents",
                     help="Also write invoice.pdf (a Factur-X e-invoice for EU clients)."),
    ] = True,
) -> None:
    """The second stage, at the end of the engagement: the final invoice (or credit note),
    a short closing letter (what was handed over, what is still open, the final amount and
    its due date, thanks) and the closure checklist with what is done and what is open.

    An asset is done when the case gives its `done` date. Example:

        parting close examples/harbor-foods.yaml --estimate out/harbor-foods/settlement.json
    """
    import json

    from parting.case.load import load_case
    from parting.core.errors import PartingError
    from parting.core.fmt import format_date
    from parting.plan import closing as plan_closing
    from parting.render import bundle, phrases
    from parting.render import closing as closing_text

    target = out if out is not None else case_file.with_name(case_file.stem + "-closing")
    try:
        before = None
        if estimate is not None:
            try:
                before = plan_closing.read_estimate(
                    json.loads(estimate.read_text(encoding="utf-8"))
                )
            except OSError as exc:
                _fail([f"{estimate}: cannot read the estimate: {exc.strerror}"])
            except ValueError as exc:
                _fail([f"{estimate}: not a parting settlement.json: {exc}"])
        case = load_case(case_file, phrases.available())
        said = bundle.build(case)
        pkg = said.package
        done = plan_closing.build(pkg, before)

        def invoice_pdf() -> bytes:
            from parting.render import pdf

            return pdf.render_invoice_pdf(said)

        written = bundle.write_folder(
            target,
            lambda: closing_text.files(pkg, done, invoice_pdf if documents else None),
            force, closing_text.CLOSE_FILES, "closing.json",
        )
    except PartingError as exc:
        problems = getattr(exc, "problems", None)
        _fail([str(p) for p in problems] if problems else [str(exc)])
    s = pkg.settlement
    inv = pkg.invoice
    print(f"Closing for {case.engagement.project} written to {target}/")
    day = format_date(s.due_date, case.locale)
    if inv is not None and inv.to_refund:
        print(f"  Refund due:  {case.format_money(inv.to_refund)} to the client by {day}")
    else:
        owed = inv.to_pay if inv is not None else s.balance_due
        print(f"  Balance due: {case.format_money(owed)} by {day}")
    still = [h.asset.name for h in done.open]
    print(f"  Still open:  {', '.join(still) if still else 'nothing in the handover'}")
    print("  Files:       " + ", ".join(p.name for p in written))
    from parting.plan.package import warning_lines

    warned = warning_lines(case, pkg.warnings)  # as `parting plan` says them
    if warned:
        print(f"{len(warned)} warning(s):", file=sys.stderr)
        for text in warned:
            print(f"  warning: {text}", file=sys.stderr)


@app.command()
def send(
    case_file: Annotated[Path, typer.Argument(help="The case file (YAML).", metavar="CASE.yaml")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show exactly what would be sent; send nothing.")
    ] = False,
    cc_stakeholders: Annotated[
        bool, typer.Option("--cc-stakeholders", help="Copy the stakeholders.")
    ] = False,
    package_dir: Annotated[
        Path | None,
        typer.Option(
            "--package", help="The package folder whose letter.eml is sent. [default: "
            "CASE-package, as `parting plan` writes it]",
        ),
    ] = None,
    smtp_host: Annotated[
        str | None, typer.Option("--smtp-host", help="SMTP server [env PARTING_SMTP_HOST].")
    ] = None,
    smtp_port: Annotated[
        int | None, typer.Option("--smtp-port", help="Port [env PARTING_SMTP_PORT].")
    ] = None,
    smtp_user: Annotated[
        str | None, typer.Option("--smtp-user", help="Login [env PARTING_SMTP_USER].")
    ] = None,
    smtp_password: Annotated[
        str | None,
        typer.Option("--smtp-password", help="Password [env PARTING_SMTP_PASSWORD]."),
    ] = None,
    starttls: Annotated[
        bool | None,
        typer.Option("--starttls/--no-starttls", help="Upgrade with STARTTLS [env "
                     "PARTING_SMTP_STARTTLS; default on unless --ssl]."),
    ] = None,
    ssl: Annotated[
        bool | None,
        typer.Option("--ssl/--no-ssl", help="SSL from the start [env PARTING_SMTP_SSL]."),
    ] = None,
) -> None:
    """Send the letter (letter.eml, settlement.pdf attached) to the client through SMTP.

    What is sent is the package's letter.eml, as you may have edited it; without a package
    (run `parting plan` first to review it), the letter as the case file gives it. A letter.md
    edited while letter.eml was not is refused: the edits would not be sent. Settings come
    from the flags or the PARTING_SMTP_* environment variables.

    Example:

        PARTING_SMTP_HOST=smtp.example.com parting send acme.yaml --dry-run
    """
    from parting.case.load import load_case
    from parting.core.errors import PartingError
    from parting.render import phrases
    from parting.send import SmtpSettings, letter_to_send
    from parting.send import send as send_message

    folder = package_dir or case_file.with_name(case_file.stem + "-package")
    try:
        case = load_case(case_file, phrases.available())
        _pkg, message, warnings = letter_to_send(case, folder, cc_stakeholders)
        settings = SmtpSettings.resolve(
            smtp_host, smtp_port, smtp_user, smtp_password, starttls, ssl
        )
        report = send_message(message, settings, dry_run)
    except PartingError as exc:
        problems = getattr(exc, "problems", None)
        _fail([str(p) for p in problems] if problems else [str(exc)])
    for line in report.lines():
        print(line)
    for w in warnings:
        print(f"  warning: {w}", file=sys.stderr)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the case file, for editors' autocompletion and validation.

    Example:

        parting schema > casefile.schema.json
    """
    from parting.case.schema import case_schema_json

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
    text = files("parting.case").joinpath("starter.yaml").read_text(encoding="utf-8")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail([f"cannot write {path}: {exc.strerror}"])
    print(f"Wrote {path}: fill it in, then run: parting plan {path}")


@app.command()
def serve(
    folder: Annotated[
        Path, typer.Argument(help="The folder of case files to serve. [default: the current "
                             "folder]", show_default=False)
    ] = Path("."),
    port: Annotated[
        int, typer.Option("--port", help="The port to listen on; 0 picks a free one.")
    ] = 0,
    host: Annotated[
        str, typer.Option("--host", help="The address to listen on. Anything but 127.0.0.1 "
                          "lets other machines reach the server (no TLS).")
    ] = "127.0.0.1",
    browser: Annotated[
        bool, typer.Option("--browser/--no-browser", help="Open the app in the browser.")
    ] = True,
) -> None:
    """Do the whole job in the browser: edit a case file, see its package and its mistakes
    live, edit and check the letter, download the package, see what `parting send` would send.

    Serves the case files (*.yaml) of FOLDER on 127.0.0.1 and opens the browser. The first
    line printed is the URL with its access token: every request needs it (the first visit
    sets it as a cookie), so other pages and users of this machine cannot use the server.
    Saves are atomic and keep each previous version in FOLDER/.parting-revisions/, from
    where the page restores one; a letter edited on the page is kept as CASE.letter.md beside
    the case. Stop with Ctrl+C.

    Example:

        parting serve cases/ --port 8765
    """
    import socket

    if not folder.is_dir():
        _fail([f"{folder} is not a folder; give the folder that holds your case files"])
    if not 0 <= port <= 65535:
        _fail([f"--port must be 0-65535, got {port}"])
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, _, _, _, address = infos[0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        _fail([f"cannot listen on {host}:{port}: {exc.strerror or exc}"])
    import secrets

    from parting.web.serve import run, url_of

    token = secrets.token_urlsafe(32)
    url = url_of(host, sock.getsockname()[1], token)
    print(url, flush=True)
    print(f"Serving the case files of {folder.resolve()}; Ctrl+C stops.", flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: listening on {host}: other machines can reach this server, without "
              "TLS; anyone with the URL can read and change the case files", file=sys.stderr)
    if browser:
        import webbrowser

        webbrowser.open(url)
    run(folder, token, sock)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class EndedBy(StrEnum):
    client = "client"
    provider = "provider"
    mutual = "mutual"


class InputKind(StrEnum):
    auto = "auto"
    text = "text"
    markdown = "markdown"
    eml = "eml"


@app.command()
def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Drafts to check: plain text, Markdown (.md) or e-mail (.eml); - reads "
            "standard input.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: findings and a table of the seven principles; json: one JSON object "
            "per file (JSON Lines).",
        ),
    ] = OutputFormat.text,
    kind: Annotated[
        InputKind,
        typer.Option(
            "--as",
            help="Read every FILE as this kind; auto goes by the suffix (.md, .markdown: "
            "Markdown; .eml: e-mail; else and stdin: text).",
        ),
    ] = InputKind.auto,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="CODE",
            help="Explain one rule code (what it checks, why, an example that fails and one "
            "that passes), or 'score' (how the score is computed), and exit.",
        ),
    ] = None,
    ended_by: Annotated[
        EndedBy | None,
        typer.Option(
            "--ended-by",
            help="Who ended the engagement: a reply to a client who ended it need not state "
            "a decision or a benefit of its own. [default: read from the draft]",
        ),
    ] = None,
    case_file: Annotated[
        Path | None,
        typer.Option(
            "--case",
            metavar="CASE.yaml",
            help="Also check every amount, date, invoice number, deliverable status, person "
            "and option of the draft against the package computed from this case file "
            "(F1xx-F3xx findings with found and expected; an eighth principle, facts).",
        ),
    ] = None,
) -> None:
    """Judge drafts against the seven principles of a good parting.

    The principles: status, alternatives, direct, mutual_benefit, respectful, finances,
    next_steps. Prints each finding as FILE:LINE:COL: CODE message with the offending words and a
    suggestion, then the seven principles with evidence, then a score out of 100. Exit status:
    0 when every principle holds and no finding is an error, for every file; 1 otherwise; 2 when
    a file cannot be read (each reported as one "error: FILE: ..." line).

    For .eml the judged text is "Subject: ..." + blank line + the text/plain body (or the
    text/html body as text), and offsets point into it; for Markdown they point into the file.

    With --case, the draft's figures are matched to the package `parting plan` computes
    from the case: a wrong balance, refund, end date, due date, weekday, invoice number,
    deliverable status, an unknown person or an option the case does not offer is a finding
    with what the draft says (found) and what the case gives (expected), and so is a
    balance, end date or due date the draft leaves out. Numbers and dates are read in any
    common form ("1.782,50 €", "EUR 1782.50", "31.05.2026", "May 31st"). Exit status 1 when
    a fact is wrong; 2 when the case file has errors (each with file:line).

    Examples:

        parting check draft.txt

        parting check out/harbor-foods/letter.md --format json | jq .score

        pbpaste | parting check -

        parting check --explain P301

        parting check --case examples/harbor-foods.yaml draft.md
    """
    if explain is not None:
        if files:
            _fail(["--explain takes a rule code and no FILE"])
        from parting.check.rules import get_rule
        from parting.facts.rules import get_fact_rule

        if explain.strip().lower() == "score":
            from parting.check.judge import SCORE_EXPLANATION

            print(SCORE_EXPLANATION)
            return
        try:
            found = (
                get_fact_rule(explain) if explain.strip().upper().startswith("F")
                else get_rule(explain)
            )
        except KeyError:
            _fail([f"unknown rule code {explain!r}; run `parting rules` to list every code"])
        print(found.explain())
        return
    if not files:
        _fail(["give at least one FILE to check, or - for standard input (parting check --help)"])

    from parting.check.cli_io import STDIN
    from parting.check.command import run

    known: Any = None
    ended: str | None
    if case_file is not None:
        from parting.case.load import load_case
        from parting.core.errors import PartingError
        from parting.facts.judge import known_of, with_facts
        from parting.render import phrases

        try:
            case = load_case(case_file, phrases.available())
            known = known_of(case)
        except PartingError as exc:
            problems = getattr(exc, "problems", None)
            _fail([str(p) for p in problems] if problems else [str(exc)])
        # the case says who ended it, unless --ended-by says otherwise
        ended = ended_by.value if ended_by is not None else case.engagement.terminated_by
    else:
        ended = ended_by.value if ended_by is not None else None

    names = [str(f) for f in files]
    stdin = typer.get_binary_stream("stdin") if STDIN in names else None
    also = None if known is None else lambda j, text: with_facts(j, text, known)
    status = run(names, output_format.value, kind.value, ended, stdin, also)
    if status:
        raise typer.Exit(status)


@app.command()
def rules() -> None:
    """List every rule code of `parting check`.

    One line each: code, name, principle, severity, message (the F codes, principle facts,
    need `parting check --case`). `parting check --explain CODE` explains one; docs/rules.md
    documents them all.

    Example:

        parting rules | grep respectful
    """
    from parting.check.report import rules_table
    from parting.check.rules import all_rules
    from parting.facts.rules import all_fact_rules

    print(rules_table([*all_rules(), *all_fact_rules()]))


def main() -> None:
    if sys.argv[1:2] == ["check"]:  # a plain check skips Typer's start-up (parting.check.command)
        from parting.check.command import fast_main

        status = fast_main(sys.argv[2:])
        if status is not None:
            sys.stdout.flush()
            raise SystemExit(status)
    app()
