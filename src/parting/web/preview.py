"""What a case file's text gives, for the page: the package as `parting plan` would write it
(the same `render.bundle`, never a second copy), or the case file's own problems with their
line and key path. And the package as a zip, deterministically."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from parting.case import load
from parting.core.errors import CaseError, PartingError, Problem
from parting.core.fmt import format_date
from parting.plan.package import warning_lines
from parting.render import bundle, phrases

if TYPE_CHECKING:
    from parting.case.model import Case

#: Every member of a zip gets this time (the earliest a zip can hold), so the same package
#: gives the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class Preview:
    """The page's view of one case text: problems, or the package's headline and files."""

    problems: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    project: str = ""
    end_date: str = ""
    money_label: str = ""  # "Balance due" or "Refund due"
    money: str = ""
    due_date: str = ""
    files: dict[str, str] = field(default_factory=dict)  # letter.md ... transition.md

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "problems": self.problems, "warnings": self.warnings,
            "project": self.project, "end_date": self.end_date,
            "money_label": self.money_label, "money": self.money, "due_date": self.due_date,
            "files": self.files,
        }


def _problem(root: Path, p: Problem) -> dict[str, Any]:
    file = Path(p.file)
    try:
        shown = str(file.resolve().relative_to(root.resolve())) if file.is_absolute() else str(file)
    except ValueError:
        shown = file.name
    where = f"{shown}:{p.line}" if p.line is not None else shown
    key = p.key if p.column is None else f"{p.key} (column {p.column})"
    return {"file": shown, "line": p.line, "key": key, "message": p.message, "where": where}


def load_text(root: Path, path: Path, text: str) -> Case:
    """The case in `text` (the file at `path`); CaseError with every problem. A CSV file the
    case names must be in the served folder too."""
    _csv_confined(root, path, text)
    return load.parse_case(text, path, path.name, phrases.available())


def _csv_confined(root: Path, path: Path, text: str) -> None:
    try:
        data = load.parse_yaml(text)
    except yaml.YAMLError:
        return  # parse_case says where
    if not isinstance(data, dict):
        return
    base = path.resolve().parent
    problems = []
    for key in load.CSV_KEYS:
        relative = data.get(key)
        if isinstance(relative, str):
            target = (base / relative).resolve()
            if not target.is_relative_to(root.resolve()) or any(
                part.startswith(".") for part in target.relative_to(root.resolve()).parts
            ):
                problems.append(Problem(
                    path, None, key,
                    f"the CSV file {relative!r} is outside the served folder; "
                    "parting serve reads only files in it",
                ))
    if problems:
        raise CaseError(problems)


def preview(root: Path, path: Path, text: str) -> Preview:
    try:
        case = load_text(root, path, text)
        pkg = bundle.build(case)
    except CaseError as exc:
        return Preview(problems=[_problem(root, p) for p in exc.problems])
    except PartingError as exc:
        return Preview(problems=[{"file": path.name, "line": None, "key": "",
                                  "message": str(exc), "where": path.name}])
    s = pkg.settlement
    balance, refund = pkg.package.owed  # as the letter says it, with VAT or GST

    def d(day: Any) -> str:
        return format_date(day, case.locale)

    said = warning_lines(case, pkg.warnings, lambda place: Path(place).name)
    files = pkg.markdown_files()
    return Preview(
        warnings=list(dict.fromkeys(said)),
        project=case.engagement.project,
        end_date=d(case.end_date),
        money_label="Refund due" if refund else "Balance due",
        money=case.format_money(refund if refund else balance),
        due_date=d(s.due_date),
        files={n: files[n] for n in ("letter.md", "status.md", "options.md", "settlement.md",
                                     "transition.md")},
    )


def package_zip(root: Path, path: Path, text: str) -> tuple[str, bytes]:
    """(folder name, zip bytes) of the whole package `parting plan` writes for the case, its
    files under NAME-package/ in the order `parting plan` writes them. CaseError when the
    case has problems."""
    case = load_text(root, path, text)
    files = bundle.build(case).files(documents=True)
    folder = f"{path.stem}-package"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            data = content if isinstance(content, bytes) else content.encode("utf-8")
            archive.writestr(info, data)
    return folder, out.getvalue()


#: The documents of the package that download one by one, with their media types.
DOWNLOADS = {
    "parting.pdf": "application/pdf",
    "settlement.pdf": "application/pdf",
    "letter.eml": "message/rfc822",
    "transition.ics": "text/calendar; charset=utf-8",
    "invoice.pdf": "application/pdf",  # a Factur-X e-invoice for EU clients
}


def package_file(root: Path, path: Path, text: str, name: str) -> bytes:
    """One document of the package (a name of DOWNLOADS), the bytes `parting plan` writes.
    CaseError when the case has problems; LookupError when the package has no such file
    (no final invoice to make a PDF of)."""
    case = load_text(root, path, text)
    content = bundle.build(case).files(documents=True).get(name)
    if content is None:  # invoice.pdf: nothing to invoice
        raise LookupError(name)
    return content if isinstance(content, bytes) else content.encode("utf-8")


def send_dry_run(root: Path, path: Path, text: str, cc_stakeholders: bool = False,
                 environ: dict[str, str] | None = None) -> dict[str, Any]:
    """`parting send CASE --dry-run` for the page: what would be sent, to whom, through which
    server (the PARTING_SMTP_* settings of the server's environment), and its warnings. Nothing
    is sent. The package folder read is CASE-package beside the case, as `parting send` reads
    it; one that leads outside the served folder is not read. CaseError or SendError."""
    from parting.send import SendError, SmtpSettings, letter_to_send, send

    case = load_text(root, path, text)
    folder = path.with_name(f"{path.stem}-package")
    for part in (folder, folder / "letter.eml", folder / "letter.md"):
        if (part.is_symlink() or part.exists()) and not part.resolve().is_relative_to(
                root.resolve()):
            raise SendError(f"{part.relative_to(root.resolve())} leads outside the served "
                            "folder; parting serve reads only files in it")
    _pkg, message, warnings = letter_to_send(case, folder, cc_stakeholders)
    settings = SmtpSettings.resolve(environ=environ)
    report = send(message, settings, dry_run=True)
    own = path.with_name(f"{path.stem}.letter.md")
    if own.is_file():
        warnings.insert(0, f"your letter edited in this page ({own.name}) is not what is sent: "
                           "letter.eml is; make the same edits there (or in your mail program)")
    return {
        "lines": report.lines(), "warnings": warnings, "sent": report.sent,
        "server": report.server, "from": report.envelope_from, "to": list(report.to),
        "cc": list(report.cc), "bcc": list(report.bcc), "subject": report.subject,
        "attachments": list(report.attachments), "size": report.size,
        "package": folder.name if (folder / "letter.eml").is_file() else None,
    }
