"""Is `parting check` linear in its input, whatever people paste? A script, not a test: it
prints the time per size for hostile shapes of text, and exits with status 1 when a draft of
the largest size takes longer than the budget.

Shapes (each cut to the size): one long word, random letters with no space, a run of dots,
dashes, digits, "1." repeated, spaces between two letters, mixed punctuation, asterisks,
apostrophes, "a " repeated, "you " repeated, "Done. " repeated, "a\\n" repeated (a line each),
"$1" repeated, and a real letter repeated as one line and with its line breaks.

Each draft goes through what `parting check` does with a file (Markdown blanked, quoted mail
blanked, `judge`), in this process, after one ordinary draft has been judged (so start-up is
not counted). A shape stops growing once a size takes longer than the budget.

Usage:
    .venv/bin/python bench/check_hostile.py                      # 25k to 1M characters
    .venv/bin/python bench/check_hostile.py --sizes 20000,40000 --budget 5
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable

from parting.check.cli_io import blank_markdown, blank_quoted
from parting.check.judge import judge

LETTER = (
    "Hi Ann,\n\nThe site is done; the blog is not started. I have decided to end our work on "
    "1 May. I recommend Bo Lee (bo@lee.example), or we could go on at 4 hours a week. This "
    "is better for you. The final invoice of $100 is due on 5 May. I will send the files and "
    "the passwords on 2 May.\n\nBest,\nCy\n"
)


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def _random(alphabet: str) -> Callable[[int], str]:
    def make(n: int) -> str:
        rng = random.Random(12)
        return "".join(rng.choice(alphabet) for _ in range(n))

    return make


SHAPES: dict[str, Callable[[int], str]] = {
    "one long word": _repeat("a"),
    "random letters, no space": _random("abcdefghijklmnopqrstuvwxyz"),
    "dots": _repeat("."),
    "dashes": _repeat("-"),
    "digits": _repeat("1"),
    "'1.' repeated": _repeat("1."),
    "spaces": lambda n: "a" + " " * max(0, n - 2) + "b",
    "mixed punctuation": _random(".,;:!?-'\"()[]*_$€ "),
    "asterisks": _repeat("*"),
    "apostrophes": _repeat("'"),
    "'a ' repeated": _repeat("a "),
    "'you ' repeated": _repeat("you "),
    "'Done. ' repeated": _repeat("Done. "),
    "'a\\n' repeated": _repeat("a\n"),
    "'$1' repeated": _repeat("$1"),
    "a letter, one line": _repeat(LETTER.replace("\n", " ")),
    "a letter, repeated": _repeat(LETTER),
}


def check_seconds(text: str) -> float:
    """Seconds to judge `text` as `parting check` judges a file's text."""
    start = time.perf_counter()
    judge(blank_quoted(blank_markdown(text)))
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="25000,100000,250000,1000000")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds, largest size")
    parser.add_argument("--shapes", default="", help="comma-separated names (default: all)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    wanted = [s for s in SHAPES if not args.shapes or s in args.shapes.split(",")]
    judge(LETTER)  # start-up (models, patterns) not counted
    width = max(len(s) for s in wanted)
    print(f"seconds per draft; budget {args.budget:g} s at {sizes[-1]:,} characters")
    print(f"{'shape':<{width}}" + "".join(f"{n:>11,}" for n in sizes) + "   growth per x4")
    over = []
    for shape in wanted:
        row: list[float | None] = []
        for n in sizes:
            if row and (row[-1] is None or row[-1] > args.budget):
                row.append(None)
                continue
            row.append(check_seconds(SHAPES[shape](n)))
        cells = "".join(f"{t:11.3f}" if t is not None else f"{'-':>11}" for t in row)
        growth = ""
        measured = [(n, t) for n, t in zip(sizes, row, strict=True) if t is not None]
        if len(measured) >= 2 and measured[0][1] > 0:
            (n0, t0), (n1, t1) = measured[0], measured[-1]
            # time ratio for a four times larger input (4 when linear, 16 when quadratic)
            factor = (t1 / t0) ** (1 / max(1e-9, _log4(n1 / n0)))
            growth = f"   x{factor:.1f}"
        print(f"{shape:<{width}}{cells}{growth}")
        last = row[-1]
        if last is None or last > args.budget:
            over.append(shape)
    if over:
        print(f"over budget at {sizes[-1]:,} characters: {', '.join(over)}")
        return 1
    print(f"every shape within {args.budget:g} s at {sizes[-1]:,} characters")
    return 0


def _log4(x: float) -> float:
    import math

    return math.log(x, 4)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
