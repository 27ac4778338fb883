"""Do two versions of `parting check` give the same results? A script, not a test: it
writes the JSON result of every labelled draft (verdicts, evidence, findings, scores) to a
file, or compares them with a file written before.

The drafts: ../shared/data/letters/dev.jsonl and real-dev.jsonl (when present) and
tests/data/letters_holdout*.jsonl. Each draft is judged the ways the command judges it:

  - `one`: every draft on its own in a fresh process, as `parting check FILE` runs it
    (`judge_many` with one text; in batches of processes, so it takes a minute or two);
  - `batch`: all drafts of a set in one `judge_many` call, as `parting check FILE...` runs
    many files (worker processes included).

The output lines are `report.json_line` of each draft, in order, named SET:INDEX.

Usage (before a change, then after it):
    .venv/bin/python bench/check_same.py --write /tmp/before.jsonl
    .venv/bin/python bench/check_same.py --compare /tmp/before.jsonl
Run it with PYTHONPATH pointing at another checkout's src/ to judge with that version; set
PARTING_CACHE (off, or XDG_CACHE_HOME to an empty folder) to judge with a cold cache.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "letters"

#: Run inside a child process: judge the drafts given as JSON on stdin, one `judge_many`
#: call each (`one`) or one call for all of them (`batch`), and print their JSON lines.
_CHILD = """
import json, sys
from parting.check import report
from parting.check.judge import judge_many
mode, items = json.load(sys.stdin)
if mode == "batch":
    results = list(judge_many([text for _, text in items]))
    for (name, _), judgement in zip(items, results, strict=True):
        print(report.json_line(name, judgement))
else:
    for name, text in items:
        judgement = next(judge_many([text]))
        print(report.json_line(name, judgement))
"""


def labelled_sets() -> list[tuple[str, list[str]]]:
    paths = [SHARED / "dev.jsonl", SHARED / "real-dev.jsonl"]
    paths += sorted((ROOT / "tests" / "data").glob("letters_holdout*.jsonl"))
    sets = []
    for path in paths:
        if path.is_file():
            with path.open(encoding="utf-8") as handle:
                texts = [json.loads(line)["text"] for line in handle if line.strip()]
            sets.append((path.stem, texts))
    return sets


def _run(mode: str, items: list[tuple[str, str]]) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps([mode, items]),
        capture_output=True,
        text=True,
        check=True,
    )
    return proc.stdout.splitlines()


def results(modes: list[str], one_per_process: int) -> list[str]:
    lines: list[str] = []
    for name, texts in labelled_sets():
        items = [(f"{name}:{index}", text) for index, text in enumerate(texts)]
        for mode in modes:
            if mode == "batch":
                got = _run("batch", items)
            else:
                # fresh processes, a few drafts each: a draft is judged first in its process
                # every `one_per_process` drafts, and later ones see what earlier ones left
                got = []
                for start in range(0, len(items), one_per_process):
                    got += _run("one", items[start : start + one_per_process])
            lines += [f"{mode} {line}" for line in got]
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path)
    action.add_argument("--compare", type=Path)
    parser.add_argument("--modes", default="one,batch")
    parser.add_argument(
        "--per-process", type=int, default=1, help="drafts per fresh process in mode `one`"
    )
    args = parser.parse_args(argv)
    lines = results(args.modes.split(","), args.per_process)
    cache = os.environ.get("PARTING_CACHE", "on")
    print(f"{len(lines)} results ({args.modes}; PARTING_CACHE={cache})", file=sys.stderr)
    if args.write:
        args.write.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return 0
    before = args.compare.read_text(encoding="utf-8").splitlines()
    old = {line.split(" ", 1)[0] + " " + json.loads(line.split(" ", 1)[1])["file"]: line
           for line in before}
    differ = 0
    for line in lines:
        key = line.split(" ", 1)[0] + " " + json.loads(line.split(" ", 1)[1])["file"]
        if key not in old:
            continue
        if old[key] != line:
            differ += 1
            if differ <= 5:
                print(f"DIFFERS {key}\n  before {old[key][:300]}\n  after  {line[:300]}")
    compared = sum(1 for line in lines if
                   line.split(" ", 1)[0] + " " + json.loads(line.split(" ", 1)[1])["file"] in old)
    print(f"{compared} compared, {differ} differ")
    return 1 if differ or not compared else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
