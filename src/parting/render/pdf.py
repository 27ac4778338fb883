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
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def _import_weasyprint() -> Any:
    """WeasyPrint, imported about 0.2 s faster on Linux. It opens Pango, HarfBuzz and
    fontconfig through cffi, trying Windows and macOS names first; cffi asks
    `ctypes.util.find_library` about each, and on Linux every such question runs `ldconfig`
    and a compiler in a subprocess (22 of them). The Linux names it tries last load directly,
    so the questions are answered "no" while it imports. Should that fail on some system,
    the import is done again the usual way."""
    import sys

    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint  # type: ignore[import-untyped,unused-ignore]

        return weasyprint
    import contextlib
    import ctypes.util
    import io

    find_library = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:  # (WeasyPrint prints a banner on stdout before it gives up)
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
    except OSError:
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
    finally:
        ctypes.util.find_library = find_library
    import weasyprint

    return weasyprint


def prepare() -> None:
    """Import WeasyPrint now (it is imported on first use otherwise)."""
    _import_weasyprint()


def html_to_pdf(html: str, variant: str | None = None) -> bytes:
    """Typeset one standalone HTML page (no external resources) as PDF bytes. CJK characters
    that no installed font has are set in parting's bundled fallback font (`cjk_fallback`).
    `variant`: WeasyPrint's PDF variant, such as "pdf/a-3b" (an archival PDF that may carry
    attachments: the e-invoice); its file identifier is then a digest of the content."""
    with _quiet(), _fixed_clock():
        weasyprint = _import_weasyprint()
        from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped,unused-ignore]

        fonts = FontConfiguration()
        extra = []
        if cjk_fallback(html).use:
            # (WeasyPrint's own fetcher reads the font: a file of parting's, by its file URL)
            extra.append(weasyprint.CSS(string=_FALLBACK_CSS, font_config=fonts))
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetch).render(
            stylesheets=extra, font_config=fonts
        )
        if variant is None:
            data: bytes | None = document.write_pdf(pdf_identifier=None)
        else:
            data = document.write_pdf(pdf_variant=variant)
    assert data is not None
    return data


# --- the CJK fallback font ------------------------------------------------------------------

FALLBACK_FONT = Path(__file__).resolve().parent / "fonts" / "cjk-fallback.woff2"
_FAMILY = "parting CJK fallback"
_STACK = f'"DejaVu Sans", "{_FAMILY}", sans-serif'
_FALLBACK_CSS = (
    f'@font-face {{ font-family: "{_FAMILY}"; src: url("{FALLBACK_FONT.as_uri()}"); }}\n'
    f"html, body {{ font-family: {_STACK} !important; }}\n"
    f"@page {{ @top-left {{ font-family: {_STACK}; }} @top-right {{ font-family: {_STACK}; }}"
    f" @bottom-center {{ font-family: {_STACK}; }} }}\n"
)
# Han, kana, Hangul, CJK punctuation and compatibility forms, full-width forms.
_CJK = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
                  "\U00020000-\U0003134f]")


class FontWarning(UserWarning):
    """A PDF has CJK characters that no installed font has."""


@dataclass(frozen=True)
class Fallback:
    use: bool  # set the document's CJK characters in the bundled font
    missing: str = ""  # characters neither an installed font nor the bundled one has


def cjk_fallback(html: str) -> Fallback:
    """Whether a page needs the bundled font: it does when it has CJK characters and no
    installed font has them all (fontconfig's `fc-list` is asked; without it, the bundled
    font is used). Same answer for the same characters on the same machine."""
    return _fallback(frozenset(_CJK.findall(html)))


@cache
def _fallback(chars: frozenset[str]) -> Fallback:
    if not chars or _installed_fonts_have(chars):
        return Fallback(use=False)
    return Fallback(use=True, missing="".join(sorted(chars - _bundled_characters())))


def _installed_fonts_have(chars: frozenset[str]) -> bool:
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    charset = " ".join(f"{ord(c):x}" for c in sorted(chars))
    try:
        found = subprocess.run(
            [fc_list, f":charset={charset}", "file"], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0 and bool(found.stdout.strip())


@cache
def _bundled_characters() -> frozenset[str]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped,unused-ignore]

    return frozenset(map(chr, TTFont(FALLBACK_FONT, lazy=True).getBestCmap()))


def font_warning(html: str) -> str | None:
    """What to tell the user when a page needs the fallback font, else None."""
    fallback = cjk_fallback(html)
    if not fallback.use:
        return None
    text = (
        "no installed font has the Chinese, Japanese or Korean characters of the PDFs, so "
        "they are set in parting's bundled Japanese font; install Noto Sans CJK "
        "(`make system-packages`, or apt-get install fonts-noto-cjk) for the usual fonts"
    )
    if fallback.missing:
        shown = "".join(fallback.missing[:20]) + ("..." if len(fallback.missing) > 20 else "")
        text += f"; {len(fallback.missing)} character(s) show as boxes until then: {shown}"
    return text


def render_pdf(package: Package) -> bytes:
    """parting.pdf: letter, status, options, settlement and transition plan."""
    return html_to_pdf(render_documents_html(package))


def render_invoice_pdf(package: Package) -> bytes:
    """invoice.pdf: the final invoice or credit note alone. A Factur-X e-invoice (a PDF/A-3
    with factur-x.xml attached, `parting.render.facturx`) where the invoice asks for one."""
    from parting.render.html import render_invoice_html

    invoice = package.package.invoice
    assert invoice is not None
    html = render_invoice_html(package)
    if not invoice.factur_x:
        return html_to_pdf(html)
    from parting.render import facturx

    xml = facturx.cii_xml(invoice, package.settlement, package.case)
    return facturx.embed(html_to_pdf(html, "pdf/a-3b"), xml, invoice, package.case)


def render_settlement_pdf(package: Package) -> bytes:
    """settlement.pdf: the settlement alone, for the client's bookkeeper (and the e-mail)."""
    return html_to_pdf(render_document_html(package, "settlement"))
