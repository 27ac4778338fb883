"""The parting package: every section built from one case, then written all at once.

Writing goes to a temporary folder beside the target and is renamed into place only when
every file is complete, so an error never leaves a half-written package behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parting import letter as letter_step
from parting.errors import OutputError
from parting.model import Case
from parting.rules import Finding, warn_user_sentences
from parting.steps import s1_status, s2_options, s6_settlement, s7_transition

FORMAT = "parting-package/1"


@dataclass(frozen=True)
class PlanWarning:
    key: str  # key path in the case file, or "" for the case as a whole
    message: str
    text: str = ""  # the sentence it is about
    finding: Finding | None = None

    def __str__(self) -> str:
        where = f"{self.key}: " if self.key else ""
        quoted = f'\n    "{self.text}"' if self.text else ""
        return f"{where}{self.message}{quoted}"


@dataclass(frozen=True)
class Package:
    case: Case
    status: s1_status.Status
    options: s2_options.Options
    settlement: s6_settlement.Settlement
    transition: s7_transition.TransitionPlan
    letter: letter_step.Letter
    warnings: tuple[PlanWarning, ...]
    cc_stakeholders: bool = False  # letter.eml copies the stakeholders

    def to_json(self) -> dict[str, Any]:
        c = self.case
        return {
            "format": FORMAT,
            "project": c.engagement.project,
            "client": c.client.name,
            "provider": c.provider.name,
            "terminated_by": c.engagement.terminated_by,
            "notice_given": c.engagement.notice_given.isoformat(),
            "end_date": c.end_date.isoformat(),
            "status": self.status.to_json(),
            "options": self.options.to_json(),
            "settlement": self.settlement.to_json(),
            "transition": self.transition.to_json(),
            "letter": self.letter.to_json(),
            "warnings": [
                {"key": w.key, "message": w.message, "text": w.text} for w in self.warnings
            ],
        }

    def files(self, documents: bool = True) -> dict[str, str | bytes]:
        """File name -> content: the Markdown and JSON of package.md, then (unless
        `documents` is false) the documents a person sends: index.html, parting.pdf,
        settlement.pdf, transition.ics and letter.eml, all rendered from the same data."""
        files: dict[str, str | bytes] = dict(self.markdown_files())
        if documents:
            files.update(self.document_files())
        return files

    def document_files(self) -> dict[str, str | bytes]:
        from parting.render import eml, html, ics, pdf

        settlement_pdf = pdf.render_settlement_pdf(self)
        letter_html = html.render_letter_email_html(self)
        return {
            "index.html": html.render_index(self),
            "parting.pdf": pdf.render_pdf(self),
            "settlement.pdf": settlement_pdf,
            "transition.ics": ics.render_ics(self),
            "letter.eml": eml.render_eml(self, settlement_pdf, letter_html, self.cc_stakeholders),
        }

    def markdown_files(self) -> dict[str, str]:
        """status.md ... package.json, in the order of package.md."""
        c = self.case
        return {
            "status.md": s1_status.render_markdown(self.status, c),
            "options.md": s2_options.render_markdown(self.options, c),
            "letter.md": letter_step.render_markdown(self.letter, c),
            "settlement.md": s6_settlement.render_markdown(self.settlement, c),
            "settlement.json": _json(self.settlement.to_json()),
            "transition.md": s7_transition.render_markdown(self.transition, c),
            "package.json": _json(self.to_json()),
        }


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _warnings(case: Case, options: s2_options.Options) -> list[PlanWarning]:
    e = case.engagement
    sentences = {
        f"engagement.{key}": text
        for key in ("reason", "client_benefit", "provider_benefit")
        if (text := getattr(e, key))
    }
    found = [
        PlanWarning(key, f"{f.code} {f.message}", text, f)
        for key, f in warn_user_sentences(sentences)
        for text in [sentences[key]]
    ]
    if not e.reason:
        found.append(PlanWarning("engagement.reason", "no reason given: the letter states none"))
    if not e.client_benefit:
        found.append(
            PlanWarning(
                "engagement.client_benefit",
                "no benefit to the client given: the letter cannot say why this is good for them",
            )
        )
    if not case.options.offer:
        found.append(
            PlanWarning(
                "options.offer",
                "no path forward offered: the letter cannot offer a reduced scope, a referral "
                "or a phase-out",
            )
        )
    if "refer" in case.options.offer and not case.referrals:
        found.append(
            PlanWarning("referrals", "options.offer lists refer but no referrals are given")
        )
    elif "refer" in case.options.offer and not options.refer_matches:
        found.append(
            PlanWarning(
                "options.needs",
                "no referral covers any of the needs: the letter recommends no one",
            )
        )
    from parting.render.eml import missing_addresses

    for key in missing_addresses(case):
        found.append(
            PlanWarning(key, "no e-mail address: letter.eml has a placeholder to fill in")
        )
    if not case.assets:
        found.append(
            PlanWarning("assets", "no assets listed: the handover plan has nothing to transfer")
        )
    return found


def build(case: Case, cc_stakeholders: bool = False) -> Package:
    status = s1_status.build(case)
    options = s2_options.build(case)
    settlement = s6_settlement.build(case)
    transition = s7_transition.build(case, settlement)
    letter = letter_step.build(case, status, options, settlement, transition)
    warnings = tuple(_warnings(case, options))
    return Package(
        case, status, options, settlement, transition, letter, warnings, cc_stakeholders
    )


def write(
    package: Package, out: Path, force: bool = False, documents: bool = True
) -> list[Path]:
    """Write the package to `out`, all or nothing. Returns the files written."""
    out = Path(out)
    if out.exists() and not force:
        raise OutputError(f"{out} already exists; use --force to replace it")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder")
    files = package.files(documents)  # render everything before touching the disk
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
            old = out.with_name(f".{out.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.rename(out, old)
            os.rename(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, out)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"cannot write the package to {out}: {exc.strerror}") from None
    return [out / name for name in files]
