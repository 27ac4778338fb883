"""Make parting's bundled CJK fallback font: src/parting/render/fonts/cjk-fallback.woff2.

    .venv/bin/python scripts/cjk-fallback-font.py [/path/to/NotoSansCJK-Regular.ttc]

A subset of Noto Sans CJK JP Regular (SIL Open Font License 1.1, no reserved font name; see
fonts/OFL.txt): every character of JIS X 0208 (kana, 6,355 kanji, full-width Latin, symbols),
the CJK punctuation block and the half- and full-width forms, 7,084 characters, about 2.3 MB
as WOFF2. parting uses it only when no installed font has the CJK characters a PDF needs
(`parting.render.pdf`). The source is Debian's fonts-noto-cjk 1:20220127; the same source
gives the same bytes (the font's timestamp is kept, not set to the time of the run).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET = Path(__file__).resolve().parent.parent / "src/parting/render/fonts/cjk-fallback.woff2"


def characters() -> str:
    chars = set()
    for first in range(0xA1, 0xFF):  # JIS X 0208, through its EUC-JP encoding
        for second in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([first, second]).decode("euc_jp"))
    chars |= {chr(c) for c in range(0x3000, 0x3100)}  # CJK punctuation, kana
    chars |= {chr(c) for c in range(0xFF00, 0xFFF0)}  # half- and full-width forms
    return "".join(sorted(chars))


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    index = next(
        i
        for i, face in enumerate(TTCollection(source).fonts)
        if face["name"].getDebugName(4) == "Noto Sans CJK JP"
    )
    font = TTFont(source, fontNumber=index, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["kern", "palt", "locl", "ccmp"]
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters())
    subsetter.subset(font)
    font.flavor = "woff2"
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(TARGET)
    print(f"{TARGET}: {TARGET.stat().st_size:,} bytes, {len(characters()):,} characters")


if __name__ == "__main__":
    main()
