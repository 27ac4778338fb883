"""The compiled-pattern cache (`parting.check.regex_cache`): a second run loads what the first one
compiled, judges the same, and a damaged or foreign file is ignored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

DRAFT = (
    "Hi Ann,\n\nThe site is done; the blog is not started. I will end our work on 1 May. "
    "I recommend Bo Lee (bo@lee.example). This is better for you. The final invoice of $100 "
    "is due on 5 May. I will send the files on 2 May.\n\nBest,\nCy\n"
)

SCRIPT = """
import dataclasses, json, sys
from parting.check import regex_cache
from parting.check.judge import judge_many
judgements = list(judge_many([sys.argv[1]] * 9))  # 9: the path with worker processes
print(json.dumps({
    "stored": len(regex_cache._stored or ()),
    "judgements": [
        {"principles": {k: [v.ok, [dataclasses.astuple(e) for e in v.evidence]]
                        for k, v in j.principles.items()},
         "findings": [dataclasses.astuple(f) for f in j.findings], "score": j.score}
        for j in judgements
    ],
}))
"""


def _run(cache: Path | str) -> dict[str, object]:
    env = {**os.environ, "PARTING_REGEX_CACHE": str(cache)}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, DRAFT], capture_output=True, text=True, env=env, check=True
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_second_run_loads_the_patterns_and_judges_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "regex.marshal"
    off = _run("off")
    first = _run(cache)
    assert cache.is_file()
    written = cache.stat().st_mtime_ns
    second = _run(cache)
    assert second["stored"] == first["stored"] and int(first["stored"]) > 100  # type: ignore[call-overload]
    assert cache.stat().st_mtime_ns == written  # nothing new: not written again
    assert off["judgements"] == first["judgements"] == second["judgements"]


def test_damaged_or_foreign_file_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "regex.marshal"
    expected = _run("off")["judgements"]
    cache.write_bytes(b"not a cache")
    assert _run(cache)["judgements"] == expected
    import marshal

    cache.write_bytes(marshal.dumps(((0, "another python"), ())))
    assert _run(cache)["judgements"] == expected
