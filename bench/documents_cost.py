"""What the sendable documents (HTML, PDF, e-mail, calendar) add to `parting plan`.

    python bench/documents_cost.py

For every bundled example: `parting plan --no-documents` and `parting plan` (all formats),
each end to end in a subprocess, best of 5; the difference is the cost of the documents
(issue 5's target: under 2 s).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTING = Path(sys.executable).parent / "parting"


def best_of(n: int, args: list[str]) -> float:
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    print("| example | Markdown + JSON s | all formats s | documents add s |")
    print("|---|--:|--:|--:|")
    with tempfile.TemporaryDirectory() as tmp:
        for case in sorted((ROOT / "examples").glob("*.yaml")):
            base = [str(PARTING), "plan", str(case), "--out", f"{tmp}/{case.stem}", "--force"]
            lean = best_of(5, [*base, "--no-documents"])
            full = best_of(5, base)
            print(f"| {case.stem} | {lean:.2f} | {full:.2f} | {full - lean:.2f} |")


if __name__ == "__main__":
    main()
