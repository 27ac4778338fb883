"""`parting.check.needs` is sound: on every pattern of the checker and every labelled draft
(and every rule example), a pattern that matches a text holds one of its needs."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from parting.check.judge import judge
from parting.check.lazy import LazyPattern, registry
from parting.check.needs import needs
from parting.check.rules import all_rules

DATA = Path(__file__).parent / "data"


def _patterns() -> list[re.Pattern[str]]:
    judge("Hi Ann, I will end our work on 1 May.")  # imports every detector
    found: dict[tuple[str, int], re.Pattern[str]] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("parting.check"):
            continue
        for value in vars(module).values():
            items = value if isinstance(value, tuple | list) else (value,)
            for item in items:
                if isinstance(item, LazyPattern):  # compiled on first use
                    item = item.whole()
                if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    found[(item.pattern, item.flags)] = item
    for rule in all_rules():
        for item in (*rule.patterns, *rule.exceptions):
            found[(item.pattern, item.flags)] = item
    for lazy in registry():
        found[(lazy.pattern, lazy.flags)] = lazy.whole()
    return list(found.values())


def test_needs_of_small_patterns() -> None:
    assert needs(r"(?<!\w)(?:stop|end(?:ing)?|terminat\w*)(?!\w)", re.I) == (
        "terminat", "stop", "end",
    )
    assert needs(r"kind\s+of") == ("kind",)
    assert needs(r"colou?r\s+me") == ("colo",)
    assert needs(r"a|bcd") is None  # "a" is in nearly every sentence
    assert needs(r"(?:foo)?bar") == ("bar",)
    assert needs(r"(\w+)\s+\1") is None


def test_every_match_holds_a_need() -> None:
    texts = [e for rule in all_rules() for e in (*rule.examples_fail, *rule.examples_pass)]
    for path in [*sorted(DATA.glob("letters_holdout*.jsonl"))][:4]:
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    lowered = [t.lower() for t in texts]
    checked = 0
    for pattern in _patterns():
        found = needs(pattern.pattern, pattern.flags)
        if found is None:
            continue
        checked += 1
        for text, low in zip(texts, lowered, strict=True):
            for match in pattern.finditer(text):
                piece = low[match.start() : match.end()]
                assert any(n in piece for n in found), (pattern.pattern[:80], match.group(0))
    assert checked > 50
