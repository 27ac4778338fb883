"""How fast is `parting check`, next to proselint on the same files? A script, not a test:
it prints numbers, side by side, from one run.

Three sets of files, each checked end to end from the command line (a fresh process, start-up
included), wall clock, best of --runs; parting with its cache folder warm (filled by a run
that is not timed) and, in the rows marked "cold cache", empty in every run (the first run
after installing or upgrading):

  - one draft (the first dev draft, 1,201 characters): what an editor or the web app
    pays on every pause in typing; target < 0.15 s;
  - 36 drafts (the first 36 dev drafts, one file each, 513 characters on average);
  - 100 one-page drafts (dev drafts joined to at least 3,000 characters; seeded shuffle).

Commands: `parting check --format json FILE...` (the installed console script when it is
this checkout's entry point, `parting.launch:main`; otherwise the same entry point through
this interpreter, which is what a fresh install runs) against `proselint check FILE...`
(proselint 0.16+; `proselint FILE...` for older versions).

parting's bytecode is written first, as installing it does (`--source-only` to skip that;
this machine sets PYTHONDONTWRITEBYTECODE, which leaves a checkout compiled from source in
every run).

proselint is not a project dependency: it runs from its own throwaway venv under
bench/_anchors/ (git-ignored). An existing venv there that has proselint is reused (e.g. the
one bench/setup_anchors.sh makes); otherwise bench/_anchors/proselint-venv is created and
proselint is installed into it with pip. When that fails (no network), the script says so
and prints parting's numbers alone.

Usage:
    .venv/bin/python bench/check_speed.py
    .venv/bin/python bench/check_speed.py --runs 5 --sets one,36
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


def proselint_command() -> tuple[list[str], str] | None:
    """The proselint executable (reusing a venv under bench/_anchors/ or making one) and its
    version; None when it cannot be had."""
    candidates = sorted(ANCHORS.glob("*/bin/proselint")) if ANCHORS.is_dir() else []
    if not candidates:
        print(f"installing proselint into {OWN_VENV.relative_to(ROOT)} ...", file=sys.stderr)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(OWN_VENV)], check=True)
            subprocess.run(
                [str(OWN_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "proselint"],
                check=True,
            )
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"proselint is not available ({exc}); parting's numbers only", file=sys.stderr)
            return None
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


def parting_command() -> tuple[list[str], str]:
    """How to run `parting`: the console script when it is this checkout's entry point."""
    script = Path(sys.executable).with_name("parting")
    source = script.read_text(encoding="utf-8", errors="replace") if script.is_file() else ""
    if "parting.launch" in source:
        return [str(script)], "console script"
    launcher = (
        "import sys; from parting.launch import main; sys.argv[0] = 'parting'; main()"
    )
    return [sys.executable, "-c", launcher], "parting.launch:main (the installed script is older)"


def compile_bytecode(env: dict[str, str]) -> str:
    """Write the bytecode of the parting package that `env` imports, as installing it does
    (this machine sets PYTHONDONTWRITEBYTECODE, so a checkout is otherwise compiled from
    source on every run, about 0.02 s; proselint's venv has its bytecode from pip)."""
    where = subprocess.run(
        [sys.executable, "-c", "import parting, os; print(os.path.dirname(parting.__file__))"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], check=True, env=env)
    return where


def best_of(
    runs: int, command: list[str], env: dict[str, str], cold: bool = False
) -> tuple[float, float, str]:
    """Best and worst wall-clock seconds of `runs` runs, and the last standard output. With
    `cold`, each run gets an empty cache folder (the first run after installing); else the
    runs share one, filled by a run that is not timed."""
    times = []
    stdout = ""
    with tempfile.TemporaryDirectory(prefix="parting-cache-") as shared:
        env = {**env, "XDG_CACHE_HOME": shared}
        if not cold:
            subprocess.run(command, capture_output=True, env=env, check=False)
        for _ in range(runs):
            with tempfile.TemporaryDirectory(prefix="parting-cold-") as empty:
                if cold:
                    env["XDG_CACHE_HOME"] = empty
                start = time.perf_counter()
                proc = subprocess.run(
                    command, capture_output=True, text=True, env=env, check=False
                )
                times.append(time.perf_counter() - start)
            if proc.returncode not in (0, 1):
                raise SystemExit(
                    f"{command[0]} failed ({proc.returncode}):\n{proc.stderr[-2000:]}"
                )
            stdout = proc.stdout
    return min(times), max(times), stdout


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--sets",
        default="one,one-cold,36,36-cold,100",
        help="which sets: one, one-cold, 36, 36-cold, 100",
    )
    parser.add_argument("--min-chars", type=int, default=3000)
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument(
        "--source-only",
        action="store_true",
        help="do not write parting's bytecode first (time it compiled from source)",
    )
    args = parser.parse_args(argv)

    texts = load_dev(args.dev)
    sets = {
        "one": ("1 draft", texts[:1]),
        "one-cold": ("1 draft, cold cache", texts[:1]),
        "36": ("36 drafts", texts[:36]),
        "36-cold": ("36 drafts, cold cache", texts[:36]),
        "100": ("100 one-page drafts", one_page_drafts(texts, 100, args.min_chars)),
    }
    parting, how = parting_command()
    proselint = proselint_command()
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PARTING_CACHE", None)
    if args.source_only:
        how += ", compiled from source in every run"
    else:
        how += f", bytecode written first ({compile_bytecode(env)})"
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"python {platform.python_version()} on {platform.machine()}, {cpus} CPUs; "
        f"best and worst of {args.runs} runs, wall clock, start-up included"
    )
    print(f"parting: {how}")
    name = f"proselint {proselint[1]}" if proselint else "proselint (not available)"
    print(f"{'files':<22}{'chars/file':>11}{'parting check':>20}{name:>26}{'ratio':>8}")
    for key in args.sets.split(","):
        label, drafts = sets[key]
        with tempfile.TemporaryDirectory(prefix="parting-check-speed-") as tmp:
            paths = []
            for index, text in enumerate(drafts, 1):
                path = Path(tmp) / f"draft{index:03d}.txt"
                path.write_text(text, encoding="utf-8")
                paths.append(str(path))
            mine, mine_worst, out = best_of(
                args.runs,
                [*parting, "check", "--format", "json", *paths],
                env,
                cold=key.endswith("-cold"),
            )
            lines = [line for line in out.splitlines() if line.strip()]
            assert len(lines) == len(paths), f"expected {len(paths)} JSON lines, got {len(lines)}"
            cell = f"{mine:.3f}-{mine_worst:.3f} s"
            other = ratio = ""
            if proselint:
                theirs, theirs_worst, _ = best_of(args.runs, [*proselint[0], *paths], env)
                other = f"{theirs:.3f}-{theirs_worst:.3f} s"
                ratio = f"{theirs / mine:.2f}x"
        chars = sum(len(d) for d in drafts) / len(drafts)
        print(f"{label:<22}{chars:>11,.0f}{cell:>20}{other:>26}{ratio:>8}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"ratio: proselint's best / parting's best (above 1: parting is faster); load {load:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
