"""A judgement of `parting check` with the facts of a case added: the eighth principle,
`facts`, and the fact findings among the others."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from parting.check.judge import Evidence, Judgement, PrincipleResult
from parting.facts import known as known_step
from parting.facts import match
from parting.facts.rules import PRINCIPLE

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.facts.known import Known


def known_of(case: Case) -> Known:
    """What the package computed from `case` knows."""
    from parting.plan import package

    return known_step.build(case, package.build(case))


def with_facts(judgement: Judgement, text: str, known: Known) -> Judgement:
    """`judgement` with the `facts` principle (ok when no fact finding) and the fact
    findings, in order of position with the others. The score is the seven principles'."""
    findings, spans = match.check(text, known)
    ok = not findings
    evidence = tuple(Evidence(s, e, text[s:e]) for s, e in spans) if ok else ()
    principles = {**judgement.principles, PRINCIPLE: PrincipleResult(ok, evidence)}
    merged = sorted((*judgement.findings, *findings), key=lambda f: (f.start, f.code, f.end))
    return replace(judgement, principles=principles, findings=tuple(merged))
