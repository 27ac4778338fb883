"""How fast is `parting check` on 100 one-page drafts, next to proselint on the same files?
A script, not a test: it prints numbers.

The drafts: 100 files of about one page each (at least 3,000 characters, roughly 500 words),
each made of dev-set drafts from shared/data/letters/dev.jsonl joined by blank lines (seeded
shuffle, so every run writes the same files). They go to a temporary folder.

Measured, wall clock, best of 3, each tool in a fresh subprocess on all 100 files at once:

  - `parting check --format json FILE x 100` (this venv's console script; with 8 or more
    files it judges them in min(2, CPUs) forked processes, so a busy machine slows it more
    than proselint, which runs in one)
  - `proselint check FILE x 100` (proselint 0.16+; `proselint FILE...` for older versions)

proselint is not a project dependency: it runs from its own throwaway venv under
bench/_anchors/ (git-ignored). An existing venv there that has proselint is reused (e.g. the
one bench/setup_anchors.sh makes); otherwise bench/_anchors/proselint-venv is created and
proselint is installed into it with pip.

Usage:
    .venv/bin/python bench/check_speed.py
    .venv/bin/python bench/check_speed.py --runs 5 --drafts 100 --min-chars 3000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "letters" / "dev.jsonl"
ANCHORS = ROOT / "bench" / "_anchors"
OWN_VENV = ANCHORS / "proselint-venv"


def load_dev(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def one_page_drafts(texts: list[str], count: int, min_chars: int, seed: int = 7) -> list[str]:
    """`count` drafts of at least `min_chars` characters, each dev drafts joined in a
    seeded random order (no draft repeats within one file)."""
    rng = random.Random(seed)
    drafts: list[str] = []
    for _ in range(count):
        order = texts[:]
        rng.shuffle(order)
        pieces: list[str] = []
        size = 0
        for text in order:
            pieces.append(text.strip())
            size += len(text) + 2
            if size >= min_chars:
                break
        drafts.append("\n\n".join(pieces) + "\n")
    return drafts


def proselint_command() -> tuple[list[str], str]:
    """The proselint executable (reusing a venv under bench/_anchors/ or making one) and its
    version."""
    candidates = sorted(ANCHORS.glob("*/bin/proselint")) if ANCHORS.is_dir() else []
    if not candidates:
        print(f"installing proselint into {OWN_VENV.relative_to(ROOT)} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(OWN_VENV)], check=True)
        subprocess.run(
            [str(OWN_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "proselint"],
            check=True,
        )
        candidates = [OWN_VENV / "bin" / "proselint"]
    exe = candidates[0]
    python = exe.with_name("python")
    version = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print(m.version('proselint'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    major_minor = tuple(int(x) for x in version.split(".")[:2])
    command = [str(exe), "check"] if major_minor >= (0, 16) else [str(exe)]
    return command, version


def best_of(runs: int, command: list[str], env: dict[str, str]) -> tuple[float, str]:
    best = float("inf")
    stdout = ""
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{command[0]} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        best = min(best, elapsed)
        stdout = proc.stdout
    return best, stdout


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--drafts", type=int, default=100)
    parser.add_argument("--min-chars", type=int, default=3000)
    parser.add_argument("--dev", type=Path, default=DEV)
    args = parser.parse_args(argv)

    drafts = one_page_drafts(load_dev(args.dev), args.drafts, args.min_chars)
    parting = Path(sys.executable).with_name("parting")
    proselint, proselint_version = proselint_command()
    env = {**os.environ, "NO_COLOR": "1"}

    with tempfile.TemporaryDirectory(prefix="parting-check-speed-") as tmp:
        paths = []
        for index, text in enumerate(drafts, 1):
            path = Path(tmp) / f"draft{index:03d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        chars = sum(len(d) for d in drafts)
        words = sum(len(d.split()) for d in drafts)

        command = [str(parting), "check", "--format", "json", *paths]
        parting_s, out = best_of(args.runs, command, env)
        lines = [line for line in out.splitlines() if line.strip()]
        assert len(lines) == len(paths), f"expected {len(paths)} JSON lines, got {len(lines)}"
        proselint_s, _ = best_of(args.runs, [*proselint, *paths], env)

    n = len(drafts)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"python {platform.python_version()} on {platform.machine()}, best of {args.runs}; "
        f"{cpus} CPUs (parting check judges many files in up to 2 processes), "
        f"load average {load:.2f} at the end"
    )
    print(
        f"{n} drafts, {chars / n:,.0f} characters / {words / n:,.0f} words each on average "
        f"({chars:,} characters in all)"
    )
    print(
        f"  parting check --format json   {parting_s:7.3f} s  "
        f"({1000 * parting_s / n:6.1f} ms/draft)"
    )
    print(
        f"  proselint {proselint_version:<8} check       {proselint_s:7.3f} s  "
        f"({1000 * proselint_s / n:6.1f} ms/draft)"
    )
    ratio = proselint_s / parting_s if parting_s else float("inf")
    print(f"  parting check is {ratio:.1f}x {'faster' if ratio >= 1 else 'slower'} than proselint")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
