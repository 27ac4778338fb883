"""The prose rules: every rule's own examples, the registry, offsets, and tricky negatives."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from parting.check.rules import (
    PRINCIPLE_BY_STEP,
    Finding,
    Rule,
    all_rules,
    bounded,
    check_text,
    get_rule,
    phrases,
    sentence_at,
    span_rules,
    split_sentences,
    warn_user_sentences,
)

RULES = all_rules()
SPAN_RULES = span_rules()
FAIL_CASES = [(r.code, ex) for r in RULES for ex in r.examples_fail]
PASS_CASES = [(r.code, ex) for r in RULES for ex in r.examples_pass]
DATA = Path(__file__).parent / "data"


def codes(text: str) -> list[str]:
    """Codes of the span rules (the whole-draft rules would flag any lone sentence)."""
    return [f.code for f in check_text(text, SPAN_RULES)]


# --- the examples that live beside each rule ------------------------------------------------


@pytest.mark.parametrize(("code", "example"), FAIL_CASES)
def test_fail_example_is_flagged_by_its_rule(code: str, example: str) -> None:
    found = [f.code for f in check_text(example)]
    assert code in found, f"{code} should flag: {example!r}"


@pytest.mark.parametrize(("code", "example"), PASS_CASES)
def test_pass_example_is_clean_for_every_rule(code: str, example: str) -> None:
    """A sentence example must be clean for every span rule; a whole-draft example (of a
    document rule) must be clean for every rule."""
    rule = get_rule(code)
    findings = check_text(example, SPAN_RULES if rule.scope == "span" else RULES)
    assert findings == [], f"{code} pass example flagged: {[(f.code, f.text) for f in findings]}"


# --- registry -------------------------------------------------------------------------------


def test_registry_has_direct_and_respect_rules() -> None:
    principles = {r.principle for r in RULES}
    assert {"direct", "respectful"} <= principles
    assert len(RULES) >= 6


def test_codes_are_unique_and_match_their_step() -> None:
    seen = [r.code for r in RULES]
    assert len(seen) == len(set(seen))
    for rule in RULES:
        match = re.fullmatch(r"P([1-7])\d\d", rule.code)
        assert match, rule.code
        assert PRINCIPLE_BY_STEP[int(match.group(1))] == rule.principle
        if rule.principle == "direct":
            assert rule.code.startswith("P3")
        if rule.principle == "respectful":
            assert rule.code.startswith("P5")


def test_every_principle_has_rules_and_a_missing_rule() -> None:
    principles = {r.principle for r in RULES}
    assert principles == set(PRINCIPLE_BY_STEP.values())
    for step, principle in PRINCIPLE_BY_STEP.items():
        if principle == "respectful":
            continue
        documents = [r for r in RULES if r.principle == principle and r.scope == "document"]
        assert documents, f"no whole-draft rule for {principle} (P{step}xx)"
        assert all(r.severity == "error" for r in documents if r.name.startswith("no-"))


def test_document_rule_points_at_first_sentence_after_greeting() -> None:
    text = "Subject: Hello\n\nHi Dana,\n\nThanks for the update. See you soon."
    findings = [f for f in check_text(text) if f.code == "P306"]
    assert len(findings) == 1
    assert findings[0].text == "Thanks for the update."
    assert (findings[0].line, findings[0].column) == (5, 1)


def _rule(code: str, principle: str, **changes: Any) -> Rule:
    """A minimal rule, with `changes` to the fields under test."""
    fields: dict[str, Any] = {
        "name": "x",
        "message": "m",
        "patterns": (phrases("x"),),
        "why": "w",
        "examples_fail": ("x",),
        "examples_pass": ("y",),
    }
    return Rule(code=code, principle=principle, **{**fields, **changes})


def test_document_rule_needs_a_finder() -> None:
    with pytest.raises(ValueError, match="finder"):
        _rule("P199", "status", scope="document")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata_is_complete(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule.name)
    assert rule.severity in ("warning", "error")
    assert rule.message and rule.why and rule.suggestion
    assert rule.patterns or rule.finder is not None
    assert all(p.flags & re.IGNORECASE for p in rule.patterns)
    if rule.scope == "document":
        assert rule.finder is not None
    assert rule.examples_fail and rule.examples_pass
    assert rule.code in rule.explain() and rule.examples_fail[0] in rule.explain()


def test_names_are_unique() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


def test_get_rule() -> None:
    assert get_rule("P301").name == "hedge-word"
    assert get_rule("p501").principle == "respectful"
    with pytest.raises(KeyError):
        get_rule("P999")


def test_rule_validation_rejects_mismatched_principle() -> None:
    with pytest.raises(ValueError, match="principle"):
        _rule("P301", "respectful")
    with pytest.raises(ValueError, match="code"):
        _rule("P801", "direct")


# --- offsets and positions ------------------------------------------------------------------


def test_offsets_line_and_column_on_multiline_text() -> None:
    text = (
        "Hi Dana,\n"
        "\n"
        "I am ending our work on 31 May. Maybe that is sudden.\n"
        "Your team will receive the files, but you never reply\r\n"
        "  to email, PERHAPS."
    )
    findings = check_text(text, SPAN_RULES)
    by_text = {f.text: f for f in findings}
    assert set(by_text) >= {"Maybe", "you never reply", "PERHAPS"}

    maybe = by_text["Maybe"]
    assert maybe.code == "P301"
    assert (maybe.line, maybe.column) == (3, 33)
    assert text[maybe.start : maybe.end] == "Maybe"

    never = by_text["you never reply"]
    assert never.code == "P501"
    assert (never.line, never.column) == (4, 39)
    assert text[never.start : never.end] == "you never reply"

    perhaps = by_text["PERHAPS"]
    assert (perhaps.line, perhaps.column) == (5, 13)
    assert perhaps.start == text.index("PERHAPS")
    assert text[perhaps.start : perhaps.end] == "PERHAPS"

    assert [f.start for f in findings] == sorted(f.start for f in findings)


def test_finding_fields() -> None:
    (finding,) = check_text("Perhaps.", SPAN_RULES)
    assert finding == Finding(
        code="P301",
        principle="direct",
        severity="warning",
        message=get_rule("P301").message,
        start=0,
        end=7,
        text="Perhaps",
        line=1,
        column=1,
        suggestion=get_rule("P301").suggestion,
    )


def test_check_text_with_chosen_rules_and_empty_text() -> None:
    text = "Maybe your team failed to ship."
    assert codes(text) == ["P301", "P501"]
    only_respect = check_text(text, [r for r in RULES if r.principle == "respectful"])
    assert [f.code for f in only_respect] == ["P501"]
    assert check_text("") == []
    assert check_text("   \n") == []
    assert check_text(text, []) == []


def test_one_rule_does_not_report_overlapping_spans_twice() -> None:
    findings = check_text("You have repeatedly ignored the brief.", SPAN_RULES)
    assert [f.code for f in findings] == ["P501"]


def test_curly_apostrophes_match() -> None:
    assert "P302" in codes("I’m not sure I’ll be able to continue.")
    assert "P503" in codes("As I’ve said before, the deadline was Friday.")


# --- tricky negatives -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I missed my estimates on the ordering module, and that is on me.",
        "I failed to plan for the payments work.",
        "Invoice 44 is 30 days overdue.",
        "Invoice 2026-031 ($1,000 outstanding) was due on 16 April; a late fee of 1.5% a month "
        "applies from 1 June.",
        "Your team will receive the files on Friday.",
        "Your team will have admin access to the repository from 28 May.",
        "Perhapsy and maybelline are not hedges.",
        "This kind of project deserves a dedicated team.",
        "I am ending our engagement on 31 May 2026.",
        "Thank you for two great years.",
        "You have always paid on time, and I appreciate it.",
    ],
)
def test_tricky_negatives(text: str) -> None:
    assert check_text(text, SPAN_RULES) == []


def test_word_boundaries() -> None:
    assert codes("perhapsy") == []
    assert codes("Perhaps") == ["P301"]
    assert bounded("may").search("mayday") is None
    assert phrases("as I've said").search("As I've said,") is not None


def test_harbor_foods_user_sentences_are_clean() -> None:
    case = yaml.safe_load((DATA / "harbor-foods.yaml").read_text(encoding="utf-8"))
    engagement = case["engagement"]
    assert check_text(engagement["reason"], SPAN_RULES) == []
    texts = {
        f"engagement.{key}": engagement[key]
        for key in ("reason", "client_benefit", "provider_benefit")
    }
    assert warn_user_sentences(texts) == []


def test_warn_user_sentences() -> None:
    texts = {
        "engagement.reason": "Maybe it is time. Your team never reads the specs.",
        "engagement.client_benefit": "a team with back-end capacity",
        "engagement.provider_benefit": "",
    }
    warnings = warn_user_sentences(texts)
    assert [(key, f.code) for key, f in warnings] == [
        ("engagement.reason", "P301"),
        ("engagement.reason", "P501"),
    ]
    reason = texts["engagement.reason"]
    _, blame = warnings[1]
    assert sentence_at(reason, blame.start) == "Your team never reads the specs."


def test_split_sentences() -> None:
    text = "Hi Dana,\n\nI am ending our work. Is that clear?  Yes!\nThanks"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Hi Dana,",
        "I am ending our work.",
        "Is that clear?",
        "Yes!",
        "Thanks",
    ]


def test_gate_finds_what_each_pattern_finds_on_its_own() -> None:
    """The gate (every rule pattern in one scan) reports, for each pattern, exactly the
    non-empty spans that the pattern's own `finditer` reports."""
    import json

    from parting.check.rules import _lowered, _registry_gate

    gate = _registry_gate()[0]
    assert gate.gated
    texts = [e for rule in all_rules() for e in (*rule.examples_fail, *rule.examples_pass)]
    data = Path(__file__).parent / "data"
    for path in sorted(data.glob("letters_holdout*.jsonl"))[:3]:
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()]
    for text in texts:
        found = gate.spans(text, _lowered(text))
        for pattern, spans in zip(gate.patterns, found, strict=True):
            assert spans == [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
