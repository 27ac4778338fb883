"""PDF documents, typeset by WeasyPrint from the HTML of `parting.render.html`.

* `render_pdf(package)`: parting.pdf, every document, each starting on a new page.
* `render_settlement_pdf(package)`: settlement.pdf, the settlement alone.

A4, the provider's name (the business, else the name) and the project in the header of every
page, "Page n of m" in the footer. Fonts are the local ones named in the CSS (DejaVu Sans, and
Noto Sans CJK for Japanese, Chinese and Korean), embedded as subsets.

Same package, same bytes: the creation and modification dates are the case's notice date
(`<meta name=dcterms.created>`), no file identifier is written, and nothing else in the file
depends on the time or place of the run. WeasyPrint is imported here, on first use, because
it is slow to import and `parting --help` must start fast.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from parting.render.html import render_document_html, render_documents_html

if TYPE_CHECKING:
    from parting.render.bundle import Bundle as Package

# Loggers that report font subsetting details and harmless CSS remarks on stderr.
_QUIET = ("weasyprint", "weasyprint.progress", "fontTools", "fontTools.subset")


@contextmanager
def _quiet() -> Iterator[None]:
    """Keep WeasyPrint's and fontTools' warnings off stderr while typesetting."""
    saved = [(logger, logger.level) for logger in map(logging.getLogger, _QUIET)]
    for logger, _level in saved:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)


def _no_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    """The pages are self-contained: nothing is fetched, from the network or the disk."""
    raise ValueError(f"parting's documents load no external resources ({url})")


@contextmanager
def _fixed_clock() -> Iterator[None]:
    """Same input, same bytes: without HarfBuzz's subsetter WeasyPrint subsets fonts with
    fontTools, which stamps each font's `head.modified` with the time of the run unless
    SOURCE_DATE_EPOCH is set (the reproducible-builds convention). A value the user set is
    kept; otherwise the epoch is fixed while the PDF is written."""
    import os

    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


def html_to_pdf(html: str) -> bytes:
    """Typeset one standalone HTML page (no external resources) as PDF bytes."""
    with _quiet(), _fixed_clock():
        import weasyprint  # type: ignore[import-untyped,unused-ignore]

        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetch).render()
        data: bytes | None = document.write_pdf(pdf_identifier=None)
    assert data is not None
    return data


def render_pdf(package: Package) -> bytes:
    """parting.pdf: letter, status, options, settlement and transition plan."""
    return html_to_pdf(render_documents_html(package))


def render_settlement_pdf(package: Package) -> bytes:
    """settlement.pdf: the settlement alone, for the client's bookkeeper (and the e-mail)."""
    return html_to_pdf(render_document_html(package, "settlement"))
