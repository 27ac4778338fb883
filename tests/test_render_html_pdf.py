"""HTML and PDF documents (issue 5): rendered from the package's data, localised, with fonts
that cover the client's script, self-contained, readable on a phone, and deterministic.

The expected amounts are the figures of each example's settlement.json, formatted as the
client's locale writes them (Babel puts a no-break space between the figure and "€").
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pytest

from conftest import needs_system_packages
from parting.case.load import load_case
from parting.render import bundle as package
from parting.render import html, pdf
from parting.render.labels import DOCUMENTS, LABELS, _, label

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(autouse=True)
def _pdf_needs_its_packages(request: pytest.FixtureRequest) -> None:
    """The PDF tests need CJK fonts and HarfBuzz's subsetter: say so if they are missing."""
    if "pdf" in request.node.name or "japanese" in request.node.name:
        needs_system_packages("fonts-noto-cjk", "libharfbuzz-subset0")
NBSP = "\u00a0"

# example -> (client name, provider shown in the header, amounts that must be in the PDFs)
CASES = {
    "harbor-foods": ("Harbor Foods Ltd", "Rivera Web Studio", ["$1,782.50", "$1,000.00"]),
    "nordlicht-reisen": (
        "Nordlicht Reisen GmbH",
        "Keller Digitalagentur",
        [f"7.333,40{NBSP}€", f"6.733,40{NBSP}€", f"3.084,50{NBSP}€"],
    ),
    "kumo-games": ("Kumo Games K.K.", "Sato Localization", ["¥166,117", "¥245,633"]),
}


@cache
def build(name: str) -> package.Bundle:
    return package.build(load_case(EXAMPLES / f"{name}.yaml"))


@cache
def full_pdf(name: str) -> bytes:
    return pdf.render_pdf(build(name))


@cache
def settlement_pdf(name: str) -> bytes:
    return pdf.render_settlement_pdf(build(name))


def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    """PDF text extraction may break a line anywhere and turns no-break spaces into spaces."""
    return re.sub(r"\s+", " ", text.replace(NBSP, " "))


# --- PDF ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_parting_pdf_has_names_amounts_page_numbers_and_header(name: str) -> None:
    client, provider, amounts = CASES[name]
    data = full_pdf(name)
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data)
    n = len(pages)
    assert n >= len(DOCUMENTS)  # each document starts on a new page
    text = squash("\n".join(pages))
    assert client in text
    for amount in amounts:
        assert squash(amount) in text, amount
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {n}" in page
        assert provider in page  # the running header
    for doc in DOCUMENTS:
        assert label(f"{doc}.title") in text
    # Each document starts on a page of its own: its heading opens a page.
    starts = [
        i
        for i, page in enumerate(pages)
        for doc in DOCUMENTS
        if page.lstrip().startswith(label(f"{doc}.title"))
    ]
    assert len(starts) == len(DOCUMENTS)


def test_parting_pdf_localises_dates_and_money() -> None:
    de = squash("\n".join(pdf_pages(full_pdf("nordlicht-reisen"))))
    assert "14 April 2026" in de
    assert "27 March 2026" in de and "Leipzig–Hamburg" in de  # one language; the dash survives
    ja = squash("\n".join(pdf_pages(full_pdf("kumo-games"))))
    assert "May 31, 2026" in ja
    assert "¥" in ja


@pytest.mark.parametrize("name", sorted(CASES))
def test_settlement_pdf_is_the_settlement_alone(name: str) -> None:
    client, provider, amounts = CASES[name]
    pages = pdf_pages(settlement_pdf(name))
    text = squash("\n".join(pages))
    assert label("settlement.title") in text
    assert label("letter.subject") not in text and label("transition.schedule") not in text
    assert client in text
    assert squash(amounts[0]) in text
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {len(pages)}" in page
        assert provider in page


def test_pdf_metadata_is_fixed_by_the_case() -> None:
    from pypdf import PdfReader

    meta = PdfReader(io.BytesIO(full_pdf("harbor-foods"))).metadata
    assert meta is not None
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20260501000000Z"  # notice_given
    assert meta["/Author"] == "Rivera Web Studio"


def test_japanese_names_survive_the_pdf(tmp_path: Path) -> None:
    """A client and contact written in Japanese: the CJK font carries them into the text."""
    source = (EXAMPLES / "kumo-games.yaml").read_text(encoding="utf-8")
    source = source.replace("name: Kumo Games K.K.", "name: 株式会社クモゲームス")
    source = source.replace("contact: Hiroshi Nakamura", "contact: 中村 浩").replace(
        "salutation: Nakamura-san", "salutation: 中村様"
    )
    path = tmp_path / "kumo.yaml"
    path.write_text(source, encoding="utf-8")
    pkg = package.build(load_case(path))
    assert pkg.case.client.name == "株式会社クモゲームス"
    text = squash("\n".join(pdf_pages(pdf.render_pdf(pkg))))
    assert "株式会社クモゲームス" in text
    assert "中村 浩" in text
    assert "¥166,117" in text
    page = html.render_index(pkg)
    assert "株式会社クモゲームス" in page and 'lang="en-JP"' in page


def test_pdfs_are_deterministic() -> None:
    pkg = build("nordlicht-reisen")
    assert pdf.render_pdf(pkg) == full_pdf("nordlicht-reisen")
    assert pdf.render_settlement_pdf(pkg) == settlement_pdf("nordlicht-reisen")
    assert b"/ID" not in full_pdf("nordlicht-reisen")


def test_weasyprint_is_imported_lazily() -> None:
    import subprocess
    import sys

    code = (
        "import sys, parting.render.pdf, parting.render.html, parting.render.labels; "
        "sys.exit('weasyprint' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_pdf_keeps_stderr_clean(capfd: pytest.CaptureFixture[str]) -> None:
    pdf.render_settlement_pdf(build("kumo-games"))
    assert capfd.readouterr().err == ""


# --- HTML ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CASES))
def test_index_is_self_contained_with_every_document(name: str) -> None:
    client, _provider, amounts = CASES[name]
    page = html.render_index(build(name))
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "<style>" in page and "@media print" in page
    # No external requests: no stylesheet links, scripts, images, fonts or frames.
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    assert not re.search(r"<(script|img|iframe|object|embed)\b", page, re.IGNORECASE)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"url\(|@import", page, re.IGNORECASE)
    for doc in DOCUMENTS:
        heading = label(f"{doc}.title")
        assert f'<section class="doc doc-{doc}" id="{doc}">' in page
        assert f"<h2>{heading}</h2>" in page
        assert f'<a href="#{doc}">{heading}</a>' in page  # table of contents
    assert client in page
    for amount in amounts:
        assert amount in page


def test_html_escapes_the_case_file() -> None:
    pkg = build("harbor-foods")
    case = pkg.case.model_copy(
        update={"client": pkg.case.client.model_copy(update={"name": "<b>Harbor</b> & Co"})}
    )
    from dataclasses import replace

    page = html.render_index(replace(pkg, package=replace(pkg.package, case=case)))
    assert "<b>Harbor</b>" not in page
    assert "&lt;b&gt;Harbor&lt;/b&gt; &amp; Co" in page


def test_document_html_is_one_document() -> None:
    pkg = build("nordlicht-reisen")
    for doc in DOCUMENTS:
        page = html.render_document_html(pkg, doc)
        assert f'id="{doc}"' in page
        others = [d for d in DOCUMENTS if d != doc]
        assert not any(f'id="{d}"' in page for d in others)
    with pytest.raises(ValueError, match="unknown document"):
        html.render_document_html(pkg, "invoice")


def test_html_localises_dates_and_money() -> None:
    de = html.render_index(build("nordlicht-reisen"))
    assert 'lang="en-DE"' in de
    assert f"7.333,40{NBSP}€" in de and "14 April 2026" in de
    ja = html.render_index(build("kumo-games"))
    assert "¥166,117" in ja and "May 31, 2026" in ja


def test_html_is_deterministic() -> None:
    for name in CASES:
        pkg = build(name)
        assert html.render_index(pkg) == html.render_index(build(name))
        assert html.render_document_html(pkg, "settlement") == html.render_document_html(
            pkg, "settlement"
        )


def test_labels_are_one_gettext_ready_table() -> None:
    assert _("Subject") == "Subject"
    assert label("page_of", page=3, pages=7) == "Page 3 of 7"
    assert all(label(f"{doc}.title") for doc in DOCUMENTS)
    # Placeholders are named, so a translation can reorder them.
    assert not any("{}" in text for text in LABELS.values())
    assert html.page_counter_css() == '"Page " counter(page) " of " counter(pages)'


def test_css_string_cannot_close_the_style_element() -> None:
    quoted = html.css_string('Studio "Nord" </style><script>')
    assert "<" not in quoted and '"Nord"' not in quoted
    assert quoted.startswith('"') and quoted.endswith('"')


# --- in a browser -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["kumo-games", "nordlicht-reisen"])
def test_index_on_a_phone_in_chromium(name: str, tmp_path: Path) -> None:
    needs_system_packages("chromium", "libatomic1")  # Playwright's driver needs both
    from playwright.sync_api import sync_playwright

    index = tmp_path / "index.html"
    index.write_text(html.render_index(build(name)), encoding="utf-8")
    shot = tmp_path / "phone.png"
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.on("request", lambda request: requests.append(request.url))
            page.goto(index.as_uri())
            page.screenshot(path=str(shot), full_page=True)
            widths = page.evaluate(
                "[document.body.scrollWidth, document.documentElement.scrollWidth,"
                " window.innerWidth]"
            )
            headings = page.locator("section.doc h2").all_inner_texts()
        finally:
            browser.close()
    body, root, inner = widths
    assert body <= inner and root <= inner  # nothing scrolls sideways but a table's own box
    assert headings == [label(f"{doc}.title") for doc in DOCUMENTS]
    assert requests == [index.as_uri()]  # the page itself, nothing else
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert width == 390 and height > 2000
    assert len(data) > 50_000


def test_sparse_cases_render(minimal_case: Path, tmp_path: Path) -> None:
    """No business name, no e-mail, no assets, no options; then no records at all."""
    pkg = package.build(load_case(minimal_case))
    page = html.render_index(pkg)
    assert label("options.none") in page
    pages = pdf_pages(pdf.render_settlement_pdf(pkg))
    assert all("Sam Rivera" in p for p in pages)  # no business: the provider's name
    bare = minimal_case.read_text(encoding="utf-8").split("deliverables:")[0]
    path = tmp_path / "bare.yaml"
    path.write_text(bare, encoding="utf-8")
    pkg = package.build(load_case(path))
    page = html.render_index(pkg)
    assert label("status.nothing_delivered") in page
    assert label("settlement.settled") in page
    text = squash("\n".join(pdf_pages(pdf.render_pdf(pkg))))
    assert "Acme Ltd" in text and "Page 1 of" in text


def test_letter_email_html_is_the_letter_alone() -> None:
    pkg = build("kumo-games")
    page = html.render_letter_email_html(pkg)
    letter = pkg.letter
    assert page.startswith("<!DOCTYPE html>") and 'lang="en-JP"' in page
    assert letter.greeting in page and letter.closing in page
    assert "¥166,117" in page
    assert label("letter.title") not in page.split("</title>")[1]  # no document heading
    assert not re.search(r"<(link|script|img)\b", page, re.IGNORECASE)


def test_many_time_entries_print_as_one_row_per_deliverable_and_rate() -> None:
    from parting.case.load import parse_case
    from parting.render.html import TIME_ROWS_MAX, render_document_html

    text = (Path(__file__).parent / "data" / "harbor-foods.yaml").read_text(encoding="utf-8")
    entries = "".join(
        f"  - {{date: 2026-05-{1 + k % 28:02d}, hours: 0.5, deliverable: maintenance}}\n"
        for k in range(TIME_ROWS_MAX + 10)
    )
    text = text.replace("time_entries:\n", "time_entries:\n" + entries)
    pkg = package.build(parse_case(text, Path("case.yaml")))
    page = render_document_html(pkg, "settlement")
    # 50 new half hours + 3.5 h + 2 h on maintenance at $95: 52 entries, 30.5 h, $2,897.50
    assert "Site maintenance and small changes (hourly) · $95.00 an hour · 52 entries · 30.5 h" in (
        page
    )
    assert "$2,897.50" in page
    assert page.count("2026-05-") < 5  # the entries themselves are not listed
    # and the time by month: all 52 in May
    assert "Unbilled time by month" in page
    assert 'May 2026 · 52 entries · 30.5 h</td><td class="num">$2,897.50' in page
    # the data keeps every entry
    assert len(pkg.settlement.lines_of("time")) == 52


def test_pdfs_are_deterministic_without_harfbuzz_subset(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without HarfBuzz's subsetter WeasyPrint falls back to fontTools, which stamps each font
    with the time of the run: the same case must still give the same bytes."""
    import fontTools.misc.timeTools as time_tools
    import weasyprint.pdf.fonts as weasy_fonts  # type: ignore[import-untyped,unused-ignore]

    monkeypatch.setattr(weasy_fonts, "harfbuzz_subset", None)
    pkg = build("harbor-foods")
    monkeypatch.setattr(time_tools.time, "time", lambda: 1_800_000_000.0)
    first = pdf.render_settlement_pdf(pkg)
    monkeypatch.setattr(time_tools.time, "time", lambda: 1_900_000_000.0)
    assert pdf.render_settlement_pdf(pkg) == first


def test_long_tables_show_the_largest_rows_and_count_the_rest() -> None:
    """Fifty delivered items and sixty unpaid invoices: the HTML (and so the PDF) shows the
    forty largest of each; the Markdown keeps every row."""
    from pathlib import Path as _Path

    from conftest import MINIMAL
    from parting.case.load import parse_case
    from parting.render.html import ROWS_MAX

    deliverables = "".join(
        f"  - {{id: d{n}, title: Item {n}, status: done, fee: {1000 + n}}}\n" for n in range(50)
    )
    invoices = "".join(
        f"  - {{number: \"I-{n:02}\", due: 2026-03-15, amount: {100 + n}}}\n" for n in range(60)
    )
    text = MINIMAL.split("deliverables:\n")[0] + "deliverables:\n" + deliverables + (
        "invoices:\n" + invoices
    )
    pkg = package.build(parse_case(text, _Path("case.yaml")))
    status = html.render_document_html(pkg, "status")
    assert ROWS_MAX == 20
    assert status.count('<tr><td data-label="Deliverable">') == ROWS_MAX
    assert "The 20 largest are shown; 30 more are in the Markdown documents" in status
    assert "Item 49" in status and "Item 0<" not in status  # largest fee first
    settlement = html.render_document_html(pkg, "settlement")
    # 60 invoices of 100..159: the 19 largest (141..159) and one row for the other 41
    assert "41 other lines (each in settlement.csv and settlement.json)" in settlement
    assert "I-00" not in settlement and "I-59" in settlement and "I-41 " in settlement
    assert "I-40 " not in settlement
    # by status: all 60 overdue on the end date, 100 + ... + 159 = 7,770
    assert "Unpaid invoices by status" in settlement
    assert 'Overdue on May 29, 2026: 60 invoices</td><td class="num">$7,770.00' in settlement
    assert "Not yet due" not in settlement
    assert pkg.markdown_files()["status.md"].count("| Item ") == 50
