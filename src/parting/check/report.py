"""Output of `parting check`: the JSON result of one draft (schema: `output.schema.json`) and
the text report (findings as `FILE:LINE:COL: CODE message`, then the seven principles as a
table, then the score).

Plain text, no colour unless standard output is a terminal and `NO_COLOR` is unset; nothing
here imports Rich, so the command starts fast.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from parting.check.rules import PRINCIPLES, Finding, all_rules

if TYPE_CHECKING:
    from parting.check import Judgement

SNIPPET = 60


def passes(judgement: Judgement) -> bool:
    """The verdict: every principle holds and no finding is an error (exit status 0)."""
    return all(r.ok for r in judgement.principles.values()) and not any(
        f.severity == "error" for f in judgement.findings
    )


# --- JSON -----------------------------------------------------------------------------------


def result_dict(name: str, judgement: Judgement, source: str | None = None) -> dict[str, Any]:
    """One draft's result as check.md specifies it; every principle key always present.

    With `source` (the draft as written), each `text` is `source[start:end]`, so it shows
    the words as the user wrote them (Markdown markup included)."""

    def words(start: int, end: int, text: str) -> str:
        return source[start:end] if source is not None else text

    principles: dict[str, Any] = {}
    for key in keys_of(judgement):
        result = judgement.principles.get(key)
        principles[key] = {
            "ok": bool(result.ok) if result is not None else False,
            "evidence": [
                {"start": e.start, "end": e.end, "text": words(e.start, e.end, e.text)}
                for e in (result.evidence if result is not None else ())
            ],
        }
    return {
        "file": name,
        "principles": principles,
        "findings": [
            {**finding_dict(f), "text": words(f.start, f.end, f.text)} for f in judgement.findings
        ],
        "score": int(judgement.score),
    }


def keys_of(judgement: Judgement) -> tuple[str, ...]:
    """The seven principles, then any other the judgement carries (`facts`, with --case)."""
    extra = tuple(k for k in judgement.principles if k not in PRINCIPLES)
    return (*PRINCIPLES, *extra)


def finding_dict(finding: Finding) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    if hasattr(finding, "expected"):  # a finding of the facts family (--case)
        facts = {"expected": finding.expected, "found": getattr(finding, "found", "")}
    return {
        "code": finding.code,
        "principle": finding.principle,
        "severity": finding.severity,
        "line": finding.line,
        "column": finding.column,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "message": finding.message,
        "suggestion": finding.suggestion,
        **facts,
    }


def json_line(name: str, judgement: Judgement, source: str | None = None) -> str:
    """One result as one line of JSON (so several files make JSON Lines)."""
    result = result_dict(name, judgement, source)
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


# --- text -----------------------------------------------------------------------------------


class Style:
    """ANSI emphasis, or none at all."""

    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def red(self, text: str) -> str:
        return self._wrap("31", text)

    def green(self, text: str) -> str:
        return self._wrap("32", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)


def use_colour(stream: Any) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def snippet(text: str, width: int = SNIPPET) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def line_of(text: str, offset: int) -> int:
    """1-based line of a character offset ("\\r\\n" is one break)."""
    head = text[:offset]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def format_finding(
    name: str, finding: Finding, style: Style, source: str | None = None
) -> list[str]:
    """`FILE:LINE:COL: CODE message`, then the offending words and the suggestion."""
    head = f"{name}:{finding.line}:{finding.column}: {style.bold(finding.code)} {finding.message}"
    if finding.severity == "error":
        head += " " + style.red("[error]")
    suggestion = one_line(finding.suggestion) if finding.suggestion else ""
    if hasattr(finding, "expected"):  # a fact: what the draft says against the case
        found = getattr(finding, "found", "") or "(nothing)"
        lines = [head, f"  found: {found}; expected: {finding.expected or '(none)'}"]
        return [*lines, f"  -> {suggestion}"] if suggestion else lines
    if finding.code in document_codes():
        # A whole-draft finding ("no status") has no offending words to quote.
        return [head, f"  -> {suggestion}"] if suggestion else [head]
    said = source[finding.start : finding.end] if source is not None else finding.text
    words = f'"{snippet(said)}"'
    return [head, f"  {words} -> {suggestion}" if suggestion else f"  {words}"]


@cache
def document_codes() -> frozenset[str]:
    """Codes of the rules that judge the whole draft rather than flag words."""
    return frozenset(r.code for r in all_rules() if getattr(r, "scope", "span") == "document")


def format_text(name: str, source: str, judgement: Judgement, style: Style | None = None) -> str:
    """The whole text report for one draft; `source` is the draft as written (offsets are
    into it), for the quoted words and the evidence lines."""
    style = style or Style(False)
    lines: list[str] = []
    for finding in judgement.findings:
        lines += format_finding(name, finding, style, source)
    if judgement.findings:
        lines.append("")
    lines += format_table(name, source, judgement, style)
    return "\n".join(lines)


def format_table(name: str, text: str, judgement: Judgement, style: Style) -> list[str]:
    keys = keys_of(judgement)
    width = max(len(k) for k in keys)
    held = sum(1 for k in keys if _ok(judgement, k))
    errors = sum(1 for f in judgement.findings if f.severity == "error")
    count = len(judgement.findings)
    summary = f"{count} finding{'s' if count != 1 else ''}"
    if errors:
        summary += f" ({errors} error{'s' if errors != 1 else ''})"
    lines = [f"{style.bold(name)}: {held} of {len(keys)} principles hold, {summary}"]
    for key in keys:
        result = judgement.principles.get(key)
        ok = result is not None and result.ok
        mark = style.green("ok     ") if ok else style.red("missing")
        evidence = ""
        if not ok:
            why = _first_finding(judgement, key)
            if why is not None:
                evidence = f"{why.code} {snippet(why.message, SNIPPET + 10)}"
        elif result is not None and result.evidence:
            first = result.evidence[0]
            more = len(result.evidence) - 1
            said = text[first.start : first.end] or first.text
            evidence = f'line {line_of(text, first.start)}: "{snippet(said)}"'
            if more:
                evidence += style.dim(f" (+{more} more)")
        lines.append(f"  {key:<{width}}  {mark}  {evidence}".rstrip())
    verdict = style.green("PASS") if passes(judgement) else style.red("FAIL")
    lines.append(f"score: {int(judgement.score)}/100  {verdict}")
    return lines


def _first_finding(judgement: Judgement, key: str) -> Finding | None:
    """The finding that best says why `key` fails: its first error, else its first warning."""
    own = [f for f in judgement.findings if f.principle == key]
    errors = [f for f in own if f.severity == "error"]
    chosen = errors or own
    return chosen[0] if chosen else None


def _ok(judgement: Judgement, key: str) -> bool:
    result = judgement.principles.get(key)
    return result is not None and result.ok


# --- rules ----------------------------------------------------------------------------------


def rules_table(rules: Sequence[Any]) -> str:
    """`parting rules`: one line per rule: code, name, principle, severity, message."""
    if not rules:
        return ""
    name_w = max(len(r.name) for r in rules)
    principle_w = max(len(r.principle) for r in rules)
    return "\n".join(
        f"{r.code}  {r.name:<{name_w}}  {r.principle:<{principle_w}}  {r.severity:<7}  "
        f"{r.message}".rstrip()
        for r in rules
    )
