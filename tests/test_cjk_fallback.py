"""Without a CJK font installed, the PDFs still carry every Japanese character: they are set
in parting's bundled fallback font, and `parting plan` says so once."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import needs_system_packages

ROOT = Path(__file__).parent.parent
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
NAMES = ("株式会社クモゲームス", "中村浩")

pytestmark = pytest.mark.skipif(not DEJAVU.is_dir(), reason="needs DejaVu in its Debian place")


def _japanese_case(tmp_path: Path) -> Path:
    source = (ROOT / "examples" / "kumo-games.yaml").read_text(encoding="utf-8")
    source = source.replace("name: Kumo Games K.K.", "name: 株式会社クモゲームス")
    source = source.replace("contact: Hiroshi Nakamura", "contact: 中村浩")
    path = tmp_path / "kumo.yaml"
    path.write_text(source, encoding="utf-8")
    return path


def _plan(case: Path, out: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(Path(sys.executable).with_name("parting")), "plan", str(case), "--out", str(out)],
        capture_output=True, text=True, env=env, check=False,
    )


def _fonts_and_text(data: bytes) -> dict[str, str]:
    """Font name -> every character its ToUnicode map gives (what a reader can copy)."""
    from pypdf import PdfReader

    fonts: dict[str, str] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            chars = [chr(int(u, 16)) for u in re.findall(r"<[0-9a-f]{4}> <([0-9a-f]{4})>", cmap)]
            fonts[name] = fonts.get(name, "") + "".join(chars)
    return fonts


def test_without_a_cjk_font_the_bundled_one_carries_every_character(tmp_path: Path) -> None:
    needs_system_packages("fonts-noto-cjk", "libharfbuzz-subset0")  # the comparison run
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{DEJAVU}</dir><cachedir>{tmp_path / 'fc'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    case = _japanese_case(tmp_path)
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    bare = _plan(case, tmp_path / "bare", env)
    assert bare.returncode == 0, bare.stderr
    assert bare.stderr.count("no installed font has the Chinese, Japanese or Korean") == 1
    assert "apt-get install fonts-noto-cjk" in bare.stderr
    fonts = _fonts_and_text((tmp_path / "bare" / "parting.pdf").read_bytes())
    assert set(fonts) == {"DejaVu-Sans", "DejaVu-Sans-Bold", "parting-CJK-fallback"}
    for name in NAMES:
        assert set(name) <= set(fonts["parting-CJK-fallback"]), name
    settlement = _fonts_and_text((tmp_path / "bare" / "settlement.pdf").read_bytes())
    assert set(NAMES[0]) <= set(settlement["parting-CJK-fallback"])

    # With the machine's own fonts: Noto Sans CJK, no fallback and no warning.
    usual = _plan(case, tmp_path / "usual", dict(os.environ))
    assert usual.returncode == 0, usual.stderr
    assert "no installed font" not in usual.stderr
    fonts = _fonts_and_text((tmp_path / "usual" / "parting.pdf").read_bytes())
    assert "parting-CJK-fallback" not in fonts
    assert any(name.startswith("Noto-Sans-CJK") for name in fonts)


def test_a_page_without_cjk_characters_needs_no_fallback() -> None:
    from parting.render import pdf

    assert pdf.cjk_fallback("<p>Harbor Foods Ltd, €1.500,00</p>").use is False
    assert pdf.font_warning("<p>Harbor Foods Ltd</p>") is None
