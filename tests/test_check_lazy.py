"""`parting.check.lazy`: patterns compiled on first use, and only the branches the drafts can
match, give exactly what the whole patterns give; the plan and model caches never change a
result (missing, stale, corrupt, unwritable or turned off)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from parting.check import lazy
from parting.check.lazy import LazyPattern, lower_exactly, plan, prune

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"


def _sets() -> dict[str, list[str]]:
    # copies of ../shared/data/letters (dev, real-dev): tests never read outside the project
    paths = {"dev": DATA / "letters_dev.jsonl", "real-dev": DATA / "letters_real_dev.jsonl"}
    paths |= {p.stem: p for p in sorted(DATA.glob("letters_holdout*.jsonl"))}
    sets = {}
    for name, path in paths.items():
        lines = path.read_text("utf-8").splitlines()  # a missing set is an error, not a skip
        sets[name] = [json.loads(line)["text"] for line in lines if line.strip()]
    return sets


#: Judge the sets given on stdin, each draft alone (`one`) or each set in one batch, with the
#: patterns pruned or whole, and print the JSON results.
_CHILD = """
import json, sys
from parting.check import lazy, report
from parting.check.judge import judge_many
prune, mode, sets = json.load(sys.stdin)
lazy.PRUNE = prune
lazy.WHOLE_AFTER = 10**9  # every draft compiles its own patterns
for name, texts in sets.items():
    if mode == "batch":
        results = list(judge_many(texts))
    else:
        results = [next(judge_many([text])) for text in texts]
    for index, judgement in enumerate(results):
        print(report.json_line(f"{name}:{index}", judgement))
"""


def _judged(prune: bool, mode: str, sets: dict[str, list[str]], env: dict[str, str]) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=json.dumps([prune, mode, sets]),
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return proc.stdout.splitlines()


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PARTING_CACHE", "XDG_CACHE_HOME")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")])
    env.update(extra)
    return env


@pytest.mark.parametrize("mode", ["batch", "one"])
def test_pruned_patterns_judge_as_whole_ones(mode: str, tmp_path: Path) -> None:
    """Every labelled draft: the same verdicts, evidence, findings and scores with the
    patterns compiled for the drafts as with the patterns compiled whole; alone (where the
    most is left out) on three sets, in a batch per set on all of them."""
    sets = _sets()
    if mode == "one":
        sets = {k: v for k, v in sets.items() if k in ("dev", "real-dev", "letters_holdout8")}
    env = _env(XDG_CACHE_HOME=str(tmp_path))
    pruned = _judged(True, mode, sets, env)
    whole = _judged(False, mode, sets, _env(PARTING_CACHE="off"))
    assert len(pruned) == sum(map(len, sets.values())) > 100
    assert pruned == whole


def test_every_pattern_of_the_checker_is_lazy() -> None:
    patterns = lazy.registry()
    assert len(patterns) > 150
    assert all(isinstance(p, LazyPattern) for p in patterns)
    planned = [p for p in patterns if p.get_plan() is not None]
    assert len(planned) > 0.8 * len(patterns)


def test_pruned_searches_equal_whole_searches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each pattern, on each draft of dev and its sentences: the matches (spans and groups)
    of the pattern compiled for that draft equal the whole pattern's."""
    from parting.check.text import sentences

    texts = _sets()["dev"][:40]
    checked = 0
    monkeypatch.setattr(lazy, "WHOLE_AFTER", 10**9)
    for text in texts:
        scope = lazy.Drafts([text])
        parts = [text, *(s.text for s in sentences(text))]
        for pattern in lazy.registry():
            pruned = pattern.compiled_for(scope)
            whole = pattern.whole()
            for part in parts:
                found = [] if pruned is None else list(pruned.finditer(part))
                got = [(m.span(), m.groups()) for m in found]
                assert got == [(m.span(), m.groups()) for m in whole.finditer(part)], pattern
                checked += 1
    assert checked > 10_000


def test_prune_leaves_out_what_cannot_match() -> None:
    source = (
        r"(?<!\w)(?:kind\s+of|sort\s+of|(?:just|simply)\s+(?:ignored|forgot)|(\w+)\s+again)"
        r"(?!\w)"
    )
    node = plan(source, re.IGNORECASE)
    assert node is not None
    present = lambda s: s in "it is sort of done, and i simply forgot"  # noqa: E731
    assert prune(source, node, present) == (
        r"(?<!\w)(?:sort\s+of|(?:simply)\s+(?:forgot)|(\w+)\s+again)(?!\w)"
    )
    assert prune(r"foo|bar", plan(r"foo|bar") or [], lambda s: False) is None
    assert plan(r"(\w+)\s+\1") is None  # a back-reference: compiled whole


def test_lower_exactly() -> None:
    assert lower_exactly("Hello WORLD ’quoted’ €5") == "hello world ’quoted’ €5"
    assert lower_exactly("İstanbul") is None  # lower case is longer
    assert lower_exactly("maſs") is None  # "ſ" matches "s" in re, not in lower()
    assert lower_exactly("ΟΔΟΣ") is None  # a final sigma lowers to "ς"
    assert re.search("(?i)mass", "maſs")  # why


# --- the caches ------------------------------------------------------------------------------

DRAFT = (
    "Hi Ann,\n\nAfter a lot of thought I have decided to end our work on 1 May. The site is "
    "done; the blog is not started. I recommend Bo Lee (bo@lee.example). The final invoice "
    "of $100 is due on 5 May. I will send the files on 2 May.\n\nBest,\nCy\n"
)


def _check(path: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", "from parting.launch import main; main()", "check",
         "--format", "json", str(path)],
        capture_output=True, text=True, env=env, check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


def test_caches_never_change_a_result(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    expected = _check(draft, _env(PARTING_CACHE="off"))
    assert '"principles"' in expected

    home = tmp_path / "cache"
    env = _env(XDG_CACHE_HOME=str(home))
    assert _check(draft, env) == expected  # cold: writes the caches
    files = sorted((home / "parting").glob("check-*.marshal"))
    assert {f.name for f in files} >= {"check-plans.marshal", "check-model-respect.marshal"}
    assert _check(draft, env) == expected  # warm

    for path in files:  # corrupt: a byte changed in the body
        data = bytearray(path.read_bytes())
        data[-20] ^= 0xFF
        path.write_bytes(bytes(data))
    assert _check(draft, env) == expected
    for path in files:  # rewritten when found corrupt
        head, _, body = path.read_bytes().partition(b"\n")
        assert int(head.rsplit(b" ", 1)[1], 16) == __import__("zlib").crc32(body)

    for path in files:  # stale: another version's key
        head, _, body = path.read_bytes().partition(b"\n")
        path.write_bytes(b"0.0.0-other " + head + b"\n" + body)
    assert _check(draft, env) == expected
    for path in files:  # garbage, truncated
        path.write_bytes(b"\x00garbage")
    assert _check(draft, env) == expected
    for path in files:
        path.write_bytes(path.read_bytes()[:0])
    assert _check(draft, env) == expected


def test_cache_off_and_unwritable(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    expected = _check(draft, _env(PARTING_CACHE="off"))
    home = tmp_path / "off"
    assert _check(draft, _env(PARTING_CACHE="off", XDG_CACHE_HOME=str(home))) == expected
    assert not home.exists()
    blocked = tmp_path / "a-file"  # the cache folder cannot be made (read-only home alike)
    blocked.write_text("", encoding="utf-8")
    assert _check(draft, _env(XDG_CACHE_HOME=str(blocked))) == expected


def test_a_long_running_process_compiles_whole_patterns_in_the_end() -> None:
    pattern = LazyPattern(r"(?<!\w)(?:alpha|beta|gamma)(?!\w)", re.IGNORECASE)
    compiled = [pattern.compiled_for(lazy.Drafts([f"{word} one"])) for word in
                ("alpha", "beta", "gamma", "alpha", "beta")]
    assert [c.pattern if c else None for c in compiled[:3]] == [
        r"(?<!\w)(?:alpha)(?!\w)", r"(?<!\w)(?:beta)(?!\w)", r"(?<!\w)(?:gamma)(?!\w)"
    ]
    assert compiled[3] is compiled[4] is pattern.whole()
