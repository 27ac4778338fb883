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

    from parting.render.env import bytecode_cache

    return jinja2.Environment(
        loader=jinja2.PackageLoader("parting", "render/templates/html"),
        bytecode_cache=bytecode_cache(),
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
    ("settlement.retainer", ("retainer", "retainer_advance"), "retainer"),
    ("settlement.fixed_fees", ("fixed_fee", "fixed_fee_advance"), "fixed_fees"),
    ("settlement.expenses", ("expense",), "expenses"),
    ("settlement.kill_fee", ("kill_fee",), "kill_fee"),
    ("settlement.notice_pay", ("notice_pay",), "notice_pay"),
    ("settlement.late_fees", ("late_fee",), "late_fees_charged"),
    ("settlement.statutory_interest", ("statutory_interest",), "statutory_interest"),
    ("settlement.statutory_compensation", ("statutory_compensation",),
     "statutory_compensation"),
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

    def month(self, year: int, month: int) -> str:
        from babel.dates import format_skeleton

        return format_skeleton("yMMMM", date(year, month, 1), locale=self.case.locale)

    def number(self, value: Decimal | int) -> str:
        if isinstance(value, Decimal):
            value = value.normalize()
        return format_number(value, self.case.locale)


#: Above this many time entries the printable settlement shows one row per deliverable and
#: rate, and the time by month (a 50,000-entry engagement would otherwise print hundreds of
#: pages); settlement.csv, settlement.json and settlement.md still list every entry.
TIME_ROWS_MAX = 40
#: A table of the HTML and PDF shows at most this many rows, the largest first; the
#: Markdown documents, settlement.csv and package.json keep every one.
ROWS_MAX = 20
#: Above this many waived late fees the documents say them in one sentence.
WAIVED_MAX = 3


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
        # The largest lines; the rest summed in one row (every line is in settlement.csv).
        order = sorted(range(len(lines)), key=lambda i: abs(lines[i].amount), reverse=True)
        shown, rest = order[: ROWS_MAX - 1], order[ROWS_MAX - 1 :]
        others = label("settlement.other_lines", count=fmt.number(len(rest)))
        return (
            *(Row(describe(lines[i]), fmt.money(lines[i].amount)) for i in shown),
            Row(others, fmt.money(sum((lines[i].amount for i in rest), Decimal(0)))),
        )
    return tuple(Row(describe(line), fmt.money(line.amount)) for line in lines)


def _time_summary(fmt: _Format, describe: Any, lines: Sequence[Line]) -> tuple[Row, ...]:
    groups: dict[str, list[Line]] = {}
    for line in lines:
        groups.setdefault(describe.group(line), []).append(line)
    sums = sorted(
        ((group, len(ms), _hours(ms), _amount(ms)) for group, ms in groups.items()),
        key=lambda g: g[3],
        reverse=True,
    )
    return _summary_rows(fmt, sums, "settlement.other_lines")


def _hours(lines: Sequence[Line]) -> Decimal:
    return sum((line.hours or Decimal(0) for line in lines), Decimal(0))


def _amount(lines: Sequence[Line]) -> Decimal:
    return sum((line.amount for line in lines), Decimal(0))


def _summary_rows(
    fmt: _Format, sums: Sequence[tuple[str, int, Decimal, Decimal]], rest_key: str
) -> tuple[Row, ...]:
    """One row per (name, entries, hours, amount) in the order given, at most ROWS_MAX:
    past that, the last ones together in one row named by the label `rest_key`."""

    def row(name: str, n: int, hours: Decimal, amount: Decimal) -> Row:
        entries = label("settlement.entries", count=fmt.number(n))
        text = label("settlement.group_row", name=name, entries=entries, hours=fmt.number(hours))
        return Row(text, fmt.money(amount))

    if len(sums) <= ROWS_MAX:
        return tuple(row(*g) for g in sums)
    shown, rest = sums[: ROWS_MAX - 1], sums[ROWS_MAX - 1 :]
    n = sum(g[1] for g in rest)
    total = sum((g[3] for g in rest), Decimal(0))
    if rest_key == "settlement.other_lines":  # counted in lines, as in the other tables
        tail = Row(label(rest_key, count=fmt.number(n)), fmt.money(total))
    else:
        tail = row(label(rest_key), n, sum((g[2] for g in rest), Decimal(0)), total)
    return (*(row(*g) for g in shown), tail)


def _time_by_month(fmt: _Format, lines: Sequence[Line]) -> tuple[Row, ...]:
    """The unbilled time per calendar month, the latest first, when there is a lot of it."""
    if len(lines) <= TIME_ROWS_MAX:
        return ()
    months: dict[tuple[int, int], list[Line]] = {}
    for line in lines:
        if line.day is not None:
            months.setdefault((line.day.year, line.day.month), []).append(line)
    return _summary_rows(
        fmt,
        [
            (fmt.month(year, month), len(ms), _hours(ms), _amount(ms))
            for (year, month), ms in sorted(months.items(), reverse=True)
        ],
        "settlement.earlier_months",
    )


def _unpaid_by_status(fmt: _Format, s: Any) -> tuple[Row, ...]:
    """Overdue and not yet due on the settlement's date, counted and summed, when the
    unpaid invoices are too many to list."""
    lines = s.lines_of("unpaid_invoice")
    if len(lines) <= ROWS_MAX:
        return ()
    late = [x.day is not None and x.day < s.as_of for x in lines]
    overdue = [x for x, is_late in zip(lines, late, strict=True) if is_late]
    due = [x for x, is_late in zip(lines, late, strict=True) if not is_late]
    on = fmt.date(s.as_of)
    return tuple(
        Row(
            label(key, date=on, count=label("settlement.invoices", count=fmt.number(len(part)))),
            fmt.money(_amount(part)),
        )
        for key, part in (("settlement.overdue", overdue), ("settlement.not_yet_due", due))
        if part
    )


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
    waived = s.lines_of("late_fee_waived")
    return {
        "s": s,
        "groups": groups,
        "unpaid": _rows(fmt, describe, s.lines_of("unpaid_invoice")),
        "credits": _rows(fmt, describe, s.lines_of("deposit_credit", "prepaid_credit")),
        "by_month": _time_by_month(fmt, s.lines_of("time")),
        "by_status": _unpaid_by_status(fmt, s),
        "waived": waived,
        "waived_many": (
            label(
                "settlement.waived_many",
                amount=fmt.money(s.late_fees_waived),
                count=fmt.number(len(waived)),
            )
            if len(waived) > WAIVED_MAX
            else None
        ),
        "deposit_kept": fmt.money(s.deposit_retained) if s.deposit_retained else None,
        "deposit": fmt.money(deposit),
    }


def _transition_view(package: Package, fmt: _Format) -> dict[str, Any]:
    from parting.plan.transition import article
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
        "gdpr": article(case.client.country),
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


def render_invoice_html(package: Package) -> str:
    """invoice.pdf's page: the final invoice or credit note alone."""
    from parting.render.invoice import invoice_view

    invoice = package.package.invoice
    assert invoice is not None and invoice.kind != "none"
    context = _context(package, (), "document")
    context["inv_view"] = invoice_view(invoice, package.settlement, package.case)
    # The invoice's own date, not the letter's, dates the PDF.
    context["created"] = f"{invoice.issued.isoformat()}T00:00:00Z"
    return _render("invoice.html.j2", context)


def render_documents_html(package: Package, which: Sequence[str] = DOCUMENTS) -> str:
    """Several documents as one standalone page, each starting on a new printed page (the
    source of parting.pdf)."""
    return _render("document.html.j2", _context(package, which, "document"))
