"""Accuracy of `parting check` on labelled drafts.

    python bench/check_accuracy.py [--data PATH] [--ids even|odd|all] [--errors KEY]

Reads JSON Lines of {"id", "text", "labels": {principle: bool}} (default: the shared dev set)
and prints, per principle, precision / recall / F1 of both classes ("holds" and "fails"), their
macro-F1, the mean macro-F1 over the seven principles, and the time per draft.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from parting.check import judge
from parting.check.metrics import scores
from parting.check.rules import PRINCIPLES

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "letters" / "dev.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--ids", choices=("all", "even", "odd"), default="all")
    parser.add_argument("--errors", metavar="KEY", help="list the drafts misjudged on KEY")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line]
    if args.ids != "all":
        want = 0 if args.ids == "even" else 1
        rows = [r for r in rows if int("".join(c for c in r["id"] if c.isdigit())) % 2 == want]
    start = time.perf_counter()
    verdicts = [judge(r["text"]) for r in rows]
    elapsed = time.perf_counter() - start
    print(f"{args.data} ({args.ids}): {len(rows)} drafts")
    header = (
        f"{'principle':<15}{'P+':>6}{'R+':>6}{'F1+':>6}{'P-':>7}{'R-':>6}{'F1-':>6}{'macro':>8}"
    )
    print(header)
    macros = []
    for key in PRINCIPLES:
        gold = [bool(r["labels"][key]) for r in rows]
        pred = [v.principles[key].ok for v in verdicts]
        result = scores(gold, pred)
        (p1, r1, f1), (p0, r0, f0) = result.holds, result.fails
        macro = result.macro_f1
        macros.append(macro)
        print(f"{key:<15}{p1:6.2f}{r1:6.2f}{f1:6.2f}{p0:7.2f}{r0:6.2f}{f0:6.2f}{macro:8.3f}")
        if args.errors == key:
            for row, g, p in zip(rows, gold, pred, strict=True):
                if g != p:
                    print(f"    {row['id']}: gold {g}, judged {p}")
    print(f"{'mean macro-F1':<15}{sum(macros) / len(macros):44.3f}")
    print(f"time per draft: {1000 * elapsed / max(1, len(rows)):.2f} ms")


if __name__ == "__main__":
    main()
