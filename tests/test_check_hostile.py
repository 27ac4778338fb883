"""`parting check` is linear in its input (issue 12, part 4): hostile shapes of text that
used to make a pattern backtrack or a loop rescan (one 200,000-letter word took 76 s) are
judged within a generous budget. `bench/check_hostile.py` prints the growth per size, up to
1 MB."""

from __future__ import annotations

import time

from parting.check.cli_io import blank_markdown, blank_quoted
from parting.check.judge import judge

#: Seconds for the 200,000 characters below (about 1.5 s on the 2-core bench machine; 76 s before).
BUDGET = 15.0


def test_hostile_text_is_judged_in_linear_time() -> None:
    pieces = [
        "a" * 60_000,  # one long word
        "1" * 40_000,  # digits
        "x" + " " * 40_000 + "y",  # spaces
        "." * 20_000,  # a run of dots
        "-" * 10_000,  # dashes
        "1." * 5_000,
        "Done. " * 2_000,  # many short sentences
        "@a" * 5_000,
    ]
    text = "\n\n".join(pieces)
    assert len(text) > 190_000
    start = time.perf_counter()
    judgement = judge(blank_quoted(blank_markdown(text)))
    elapsed = time.perf_counter() - start
    assert set(judgement.principles) >= {"status", "respectful"}
    assert elapsed < BUDGET, f"{elapsed:.1f} s for {len(text):,} characters"


def test_clause_breaks_are_where_the_old_pattern_found_them() -> None:
    """`_clause_breaks` (from the marks outward, linear) gives exactly the spans of the
    regex it replaced (quadratic on long runs of spaces)."""
    import random
    import re

    from parting.check.text import _clause_breaks

    old = re.compile(r"\s*;\s*|,\s*(?=but\s)|\s+[-–—]+\s+")
    rng = random.Random(5)
    alphabet = [" ", " ", "\n", ";", ",", "-", "–", "—", "a", "b", "but", "but ", "x", "\t"]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert _clause_breaks(text) == [m.span() for m in old.finditer(text)], text
