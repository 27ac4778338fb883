"""The package as files: the plan's data (`parting.plan.package`) with its letter said in words,
rendered to every file of package.md and written all at once.

Writing goes to a temporary folder beside the target and is renamed into place only when
every file is complete, so an error never leaves a half-written package behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from parting.core.errors import OutputError
from parting.plan import package as plan_package
from parting.render import letter as letter_text
from parting.render import markdown
from parting.render import transition as transition_text
from parting.render.invoice import invoice_json, invoice_md
from parting.render.settlement import settlement_csv, settlement_json

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.plan.letter import LetterPlan
    from parting.plan.options import Options
    from parting.plan.package import Package, PlanWarning
    from parting.plan.settlement import Settlement
    from parting.plan.status import Status
    from parting.plan.transition import TransitionPlan
    from parting.render.background import Worker


@dataclass(frozen=True)
class Bundle:
    """A package ready to write: the plan and its letter in words."""

    package: Package
    letter: letter_text.LetterText
    transition: transition_text.SaidPlan  # the transition plan in words
    cc_stakeholders: bool = False  # letter.eml copies the stakeholders

    @property
    def case(self) -> Case:
        return self.package.case

    @property
    def status(self) -> Status:
        return self.package.status

    @property
    def options(self) -> Options:
        return self.package.options

    @property
    def settlement(self) -> Settlement:
        return self.package.settlement

    @property
    def transition_plan(self) -> TransitionPlan:
        return self.package.transition

    @property
    def letter_plan(self) -> LetterPlan:
        return self.package.letter

    @property
    def warnings(self) -> tuple[PlanWarning, ...]:
        return self.package.warnings

    def to_json(self) -> dict[str, Any]:
        data = self.package.to_json()
        warnings = data.pop("warnings")
        data["settlement"] = settlement_json(
            self.settlement, self.case.client.language, self.package.letter.date
        )
        if self.package.invoice is not None:
            data["invoice"] = invoice_json(
                self.package.invoice, self.settlement, self.case.client.language
            )
        data["transition"] = self.transition.to_json()
        data["letter"] = self.letter.to_json()
        data["warnings"] = warnings
        return data

    def files(self, documents: bool = True, worker: Worker | None = None) -> dict[str, str | bytes]:
        """File name -> content: the Markdown and JSON of package.md, then (unless
        `documents` is false) the documents a person sends: index.html, parting.pdf,
        settlement.pdf, invoice.pdf (when there is an invoice or credit note; a Factur-X
        e-invoice for EU clients), transition.ics and letter.eml, all rendered from the same data.
        parting.pdf is typeset by `worker` (a second process) when there is one."""
        files: dict[str, str | bytes] = dict(self.markdown_files())
        if documents:
            files.update(self.document_files(worker))
        return files

    def document_files(self, worker: Worker | None = None) -> dict[str, str | bytes]:
        from parting.render import background, eml, html, ics, pdf

        if worker is None:
            pdf.prepare()  # before the fork, so that the child need not import WeasyPrint
            worker = background.Worker.start()
        with background.frozen():
            every = html.render_documents_html(self)
            notice = pdf.font_warning(every)
            if notice:
                warnings.warn(pdf.FontWarning(notice), stacklevel=2)
            if worker is not None:
                parting_pdf = worker.submit(pdf.html_to_pdf, every)
            else:
                parting_pdf = lambda: pdf.html_to_pdf(every)  # noqa: E731
            settlement_pdf = pdf.render_settlement_pdf(self)
            letter_html = html.render_letter_email_html(self)
            invoice = self.package.invoice
            invoice_pdf = (
                {"invoice.pdf": pdf.render_invoice_pdf(self)}
                if invoice is not None and invoice.kind != "none"
                else {}
            )
            return {
                "index.html": html.render_index(self),
                "parting.pdf": parting_pdf(),
                "settlement.pdf": settlement_pdf,
                **invoice_pdf,
                "transition.ics": ics.render_ics(self),
                "letter.eml": eml.render_eml(
                    self, settlement_pdf, letter_html, self.cc_stakeholders
                ),
            }

    def markdown_files(self) -> dict[str, str]:
        """status.md ... package.json, in the order of package.md (settlement.csv, every
        settlement line for a bookkeeper, beside settlement.json; invoice.md, the final
        invoice or credit note, after them)."""
        c = self.case
        return {
            "status.md": markdown.status_md(self.status, c),
            "options.md": markdown.options_md(self.options, c),
            "letter.md": markdown.letter_md(self.letter, c),
            "settlement.md": markdown.settlement_md(self.settlement, c, self.package.letter.date),
            "settlement.json": _json(
                settlement_json(self.settlement, c.client.language, self.package.letter.date)
            ),
            "settlement.csv": settlement_csv(self.settlement, c.client.language),
            **(
                {"invoice.md": invoice_md(self.package.invoice, self.settlement, c)}
                if self.package.invoice is not None
                else {}
            ),
            "transition.md": markdown.transition_md(self.transition, c),
            "package.json": _json(self.to_json()),
        }


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def build(case: Case, cc_stakeholders: bool = False) -> Bundle:
    """Plan the case and say its letter: everything `write` needs."""
    pkg = plan_package.build(case)
    return Bundle(
        pkg,
        letter_text.render(pkg.letter, case),
        transition_text.say(pkg.transition, case),
        cc_stakeholders,
    )


def write(
    bundle: Bundle,
    out: Path,
    force: bool = False,
    documents: bool = True,
    worker: Worker | None = None,
) -> list[Path]:
    """Write the package to `out`, all or nothing. Returns the files written. `worker`: a
    second process started early (`parting.render.background`) to typeset parting.pdf."""
    return write_folder(
        out, lambda: bundle.files(documents, worker), force, PACKAGE_FILES, "package.json"
    )


def write_folder(
    out: Path,
    make: Callable[[], dict[str, str | bytes]],
    force: bool,
    known: frozenset[str],
    marker: str,
) -> list[Path]:
    """Write the files `make` returns to the folder `out`, all or nothing: into a temporary
    folder beside it, renamed into place once every file is complete. --force replaces only
    an earlier folder of the same kind: its `marker` file and nothing but `known` names."""
    out = Path(os.path.abspath(out))  # "." and "dir/.." have names to write beside
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder; choose another --out")
    if out.exists() and not force:
        raise OutputError(f"{out} already exists; use --force to replace it")
    if out.exists():
        _check_replaceable(out, known, marker)
    files = make()  # render everything before touching the disk
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as exc:
        raise OutputError(f"cannot write to {out.parent}: {exc.strerror}") from None
    try:
        for name, content in files.items():
            if isinstance(content, bytes):
                (tmp / name).write_bytes(content)
            else:
                (tmp / name).write_text(content, encoding="utf-8", newline="\n")
        os.chmod(tmp, 0o755)
        if out.exists():
            # The earlier package moves into a fresh hidden folder of its own, so nothing
            # else (not even a folder with the name we would have picked) is ever removed.
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
            os.rename(out, old / out.name)
            os.rename(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"cannot write the package to {out}: {exc.strerror}") from None
    return [out / name for name in files]


#: Every file a package can hold: --force replaces a folder that holds nothing else.
PACKAGE_FILES = frozenset({
    "status.md", "options.md", "letter.md", "settlement.md", "settlement.json",
    "settlement.csv", "invoice.md", "transition.md", "package.json", "index.html", "parting.pdf",
    "settlement.pdf", "invoice.pdf", "transition.ics", "letter.eml",
})


def _check_replaceable(
    out: Path, known: frozenset[str] = PACKAGE_FILES, marker: str = "package.json"
) -> None:
    """--force replaces an earlier parting package and nothing else: a folder with its
    `marker` (package.json) and no file parting did not write (a case file, a contract, a
    subfolder)."""
    try:
        names = sorted(p.name for p in out.iterdir())
    except OSError as exc:
        raise OutputError(f"cannot read {out}: {exc.strerror}") from None
    foreign = [n for n in names if n not in known or (out / n).is_dir()]
    if foreign:
        more = f" and {len(foreign) - 3} more" if len(foreign) > 3 else ""
        shown = ", ".join(foreign[:3]) + more
        raise OutputError(
            f"{out} is not an earlier parting package: it holds {shown}; --force only "
            "replaces a package folder, so nothing else is lost. Choose another --out"
        )
    try:
        data = json.loads((out / marker).read_text(encoding="utf-8"))
        ok = isinstance(data, dict) and {"settlement"} <= set(data)
    except (OSError, ValueError):
        ok = False
    if not ok:
        raise OutputError(
            f"{out} has no parting {marker}; --force only replaces a package folder. "
            "Choose another --out"
        )
