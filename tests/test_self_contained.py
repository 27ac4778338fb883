"""Tests read only what the project holds: CI runs a clean clone, where `../shared` (the
read-only folder beside the project on the development machine) does not exist. A test that
needs a file of it uses a copy under tests/data (one test read ../shared/data/letters and
passed here, and failed on the clean clone)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
_OUTSIDE = re.compile(r"""parent\s*/\s*["']shared["']|["']\.\./shared""")


@pytest.mark.parametrize("path", sorted(TESTS.glob("*.py")), ids=lambda p: p.name)
def test_no_test_reads_the_shared_folder(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not _OUTSIDE.search(text), f"{path.name} reads ../shared; copy the file to tests/data"
