"""HTML documents rendered from the package's data (never from its Markdown).

* `render_index(package)`: `index.html`, one self-contained page with every document and a
  table of contents: inline CSS, no external requests, readable on a phone, printable.
* `render_document_html(package, which)`: one document as a standalone page (the source of
  the PDFs, see `parting.render.pdf`).

Dates and money are in the client's locale (the case's own formatting, as in the Markdown);
headings and labels come from `parting.render.labels`. Autoescaping is on: every value from
the case file is text, never markup. Same package, same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from parting.core.fmt import format_date, format_number
from parting.render.labels import DOCUMENTS, _, label
from parting.render.markdown import phrases_for

if TYPE_CHECKING:
    import jinja2

    from parting.case.model import Case
    from parting.plan.settlement import Line
    from parting.render.bundle import Bundle as Package
    from parting.render.transition import SaidStep as Step

CSS_TEMPLATE = "parting.css"


@cache
def environment() -> jinja2.Environment:
    """The HTML environment: templates in `templates/html/`, autoescaping on. (The Markdown
    environment of `render.env` is a different one, without escaping.)"""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("parting", "render/templates/html"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@cache
def _css() -> str:
    env = environment()
    assert env.loader is not None
    source, _name, _uptodate = env.loader.get_source(env, CSS_TEMPLATE)
    return source


def css_string(text: str) -> str:
    """`text` as a quoted CSS string, safe inside a `<style>` element: quotes, backslashes,
    angle brackets, ampersands and control characters become CSS escapes."""
    out = []
    for char in text:
        if char in '"\\<>&' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def page_counter_css() -> str:
    """CSS `content` for the footer: "Page " counter(page) " of " counter(pages), from the
    translatable label, its placeholders in whatever order the translation puts them."""
    import re

    text = label("page_of", page="{page}", pages="{pages}")
    parts: list[str] = []
    for piece in re.split(r"(\{page\}|\{pages\})", text):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts) or '""'


# --- view data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    item: str
    amount: str


@dataclass(frozen=True)
class Group:
    heading: str
    rows: tuple[Row, ...]
    total: str


# The parts of the final invoice, as in settlement.md: label key, line kinds, total field.
_FINAL_INVOICE_GROUPS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("settlement.unbilled_time", ("time",), "unbilled_time"),
    ("settlement.fixed_fees", ("fixed_fee", "fixed_fee_advance"), "fixed_fees"),
    ("settlement.expenses", ("expense",), "expenses"),
    ("settlement.kill_fee", ("kill_fee",), "kill_fee"),
    ("settlement.late_fees", ("late_fee",), "late_fees_charged"),
)


class _Format:
    """Money, dates and numbers in the client's locale, memoised (a settlement can have
    thousands of lines sharing a few amounts and dates)."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self._dates: dict[tuple[date, str], str] = {}

    def money(self, amount: Decimal) -> str:
        return self.case.format_money(amount)  # memoised in money.format_money

    def date(self, day: date, style: str = "long") -> str:
        text = self._dates.get((day, style))
        if text is None:
            text = self._dates[day, style] = format_date(day, self.case.locale, style)
        return text

    def number(self, value: Decimal | int) -> str:
        if isinstance(value, Decimal):
            value = value.normalize()
        return format_number(value, self.case.locale)


#: Above this many time entries the printable settlement shows one row per deliverable and
#: rate (a 50,000-entry engagement would otherwise print hundreds of pages);
#: settlement.json and settlement.md still list every entry.
TIME_ROWS_MAX = 40
#: A table of the HTML and PDF shows at most this many rows, the largest first; the
#: Markdown documents and package.json keep every one.
ROWS_MAX = 40


def largest(items: Sequence[Any], key: str) -> tuple[tuple[Any, ...], int]:
    """(rows to show, how many more): every item when they are few, else the ROWS_MAX
    largest by `key` (an attribute path such as "deliverable.value"), in that order."""
    if len(items) <= ROWS_MAX:
        return tuple(items), 0

    def size(item: Any) -> Any:
        value = item
        for part in key.split("."):
            value = getattr(value, part)
        return value if value is not None else 0

    return tuple(sorted(items, key=size, reverse=True)[:ROWS_MAX]), len(items) - ROWS_MAX


def _rows(fmt: _Format, describe: Any, lines: Sequence[Line]) -> tuple[Row, ...]:
    if len(lines) > TIME_ROWS_MAX and all(line.kind == "time" for line in lines):
        return _time_summary(fmt, describe, lines)
    if len(lines) > ROWS_MAX:
        # The largest lines; the rest summed in one row (every line is in settlement.json).
        shown = sorted(lines, key=lambda x: abs(x.amount), reverse=True)[: ROWS_MAX - 1]
        rest = [x for x in lines if x not in shown]
        others = label("settlement.other_lines", count=fmt.number(len(rest)))
        return (
            *(Row(describe(line), fmt.money(line.amount)) for line in shown),
            Row(others, fmt.money(sum((x.amount for x in rest), Decimal(0)))),
        )
    return tuple(Row(describe(line), fmt.money(line.amount)) for line in lines)


def _time_summary(fmt: _Format, describe: Any, lines: Sequence[Line]) -> tuple[Row, ...]:
    groups: dict[str, list[Line]] = {}
    for line in lines:
        groups.setdefault(describe.group(line), []).append(line)
    sums = [
        (
            group,
            len(members),
            sum((m.hours or Decimal(0) for m in members), Decimal(0)),
            sum((m.amount for m in members), Decimal(0)),
        )
        for group, members in groups.items()
    ]
    if len(sums) > ROWS_MAX:  # the largest groups; the rest as one row
        sums.sort(key=lambda g: g[3], reverse=True)
        rest = sums[ROWS_MAX - 1 :]
        sums = sums[: ROWS_MAX - 1]
        others = label("settlement.other_lines", count=fmt.number(sum(g[1] for g in rest)))
        tail = [Row(others, fmt.money(sum((g[3] for g in rest), Decimal(0))))]
    else:
        tail = []
    rows = [
        Row(
            f"{group} · {label('settlement.entries', count=fmt.number(n))} · "
            f"{fmt.number(hours)} h",
            fmt.money(amount),
        )
        for group, n, hours, amount in sums
    ]
    return (*rows, *tail)


def _settlement_view(package: Package, fmt: _Format) -> dict[str, Any]:
    from parting.render.settlement import describer

    case, s = package.case, package.settlement
    describe = describer(s, case.client.language)
    groups = tuple(
        Group(label(key), rows, fmt.money(getattr(s, total)))
        for key, kinds, total in _FINAL_INVOICE_GROUPS
        if (rows := _rows(fmt, describe, s.lines_of(*kinds)))
    )
    deposit = case.round(case.contract.deposit)
    return {
        "s": s,
        "groups": groups,
        "unpaid": _rows(fmt, describe, s.lines_of("unpaid_invoice")),
        "credits": _rows(fmt, describe, s.lines_of("deposit_credit", "prepaid_credit")),
        "waived": s.lines_of("late_fee_waived"),
        "deposit_kept": fmt.money(s.deposit_retained) if s.deposit_retained else None,
        "deposit": fmt.money(deposit),
    }


def _transition_view(package: Package, fmt: _Format) -> dict[str, Any]:
    from parting.plan.transition import citation
    from parting.render.transition import holidays_skipped

    case, plan = package.case, package.transition
    by_asset: dict[str, list[Step]] = {}
    for step in plan.steps:
        if step.asset is not None:
            by_asset.setdefault(step.asset, []).append(step)

    def first(kind: str) -> Step | None:
        return next((s for s in plan.steps if s.kind == kind), None)

    return {
        "plan": plan,
        "owners": {
            "provider": case.provider.business or case.provider.name,
            "client": case.client.name,
            "both": label("transition.owner.both"),
        },
        "holidays": ", ".join(
            f"{name} ({fmt.date(day)})" for day, name in holidays_skipped(plan, case)
        ),
        "gdpr": citation(case.client.country).strip(" ()") or None,
        "personal": [a for a in case.assets if a.personal_data],
        "by_asset": by_asset,
        "notice_step": first("notice"),
        "end_step": first("end"),
        "due_step": first("payment_due"),
    }


def _letter_date(package: Package) -> date:
    return package.letter_plan.date


def provider_display(case: Case) -> str:
    """The provider as the header of every page shows it: the business, else the name."""
    return case.provider.business or case.provider.name


def html_lang(locale: str) -> str:
    """`ja_JP` -> `ja-JP`, `de_DE` -> `de-DE`: the BCP 47 tag for `<html lang>`."""
    return locale.replace("_", "-")


def _context(package: Package, docs: Sequence[str], mode: str) -> dict[str, Any]:
    from markupsafe import Markup

    unknown = [d for d in docs if d not in DOCUMENTS]
    if unknown:
        raise ValueError(f"unknown document {unknown[0]!r}; expected one of {', '.join(DOCUMENTS)}")
    case = package.case
    fmt = _Format(case)
    provider = provider_display(case)
    notice = package.letter_plan.date.isoformat()
    return {
        "case": case,
        "pkg": package,
        "docs": tuple(docs),
        "mode": mode,
        "lang": html_lang(case.locale),
        "css": Markup(_css()),
        "page_css": Markup(
            "@page { @top-left { content: "
            + css_string(provider)
            + "; } @top-right { content: "
            + css_string(case.engagement.project)
            + "; } @bottom-center { content: "
            + page_counter_css()
            + "; } }"
        ),
        "provider": provider,
        # A fixed date from the case for the PDF's creation and modification dates, so
        # the same case gives the same bytes.
        "created": f"{notice}T00:00:00Z",
        "label": label,
        "_": _,
        "money": fmt.money,
        "date": fmt.date,
        "number": fmt.number,
        "letter_date": _letter_date(package),
        "ph": phrases_for(case),
        "largest": largest,
        "settlement": _settlement_view(package, fmt),
        "transition": _transition_view(package, fmt),
    }


def _render(template: str, context: dict[str, Any]) -> str:
    text: str = environment().get_template(template).render(context)
    return text


def render_index(package: Package) -> str:
    """index.html: every document on one self-contained page, with a table of contents."""
    return _render("index.html.j2", _context(package, DOCUMENTS, "screen"))


def render_document_html(package: Package, which: str) -> str:
    """One document ("letter", "status", "options", "settlement" or "transition") as a
    standalone page."""
    return _render("document.html.j2", _context(package, (which,), "document"))


def render_letter_email_html(package: Package) -> str:
    """The letter alone as a small HTML page for the `text/html` part of letter.eml: from the
    greeting to the signature, without the document heading and letterhead (the message's
    From, To, Date and Subject carry those)."""
    from markupsafe import Markup

    context = _context(package, ("letter",), "email")
    context["font_css"] = Markup(_EMAIL_FONTS)
    return _render("letter_email.html.j2", context)


# Fonts for the e-mail: the reader's own, in a mail client; no web fonts.
_EMAIL_FONTS = (
    '-apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", '
    '"Hiragino Sans", "Yu Gothic", "Noto Sans CJK JP", sans-serif'
)


def render_documents_html(package: Package, which: Sequence[str] = DOCUMENTS) -> str:
    """Several documents as one standalone page, each starting on a new printed page (the
    source of parting.pdf)."""
    return _render("document.html.j2", _context(package, which, "document"))
