"""The judgement of `parting check`: the seven principles, their evidence, findings, a score.

`judge(text)` runs each principle's detector (`p1_status` ... `p7_next_steps`, each over the
same cached sentence and clause segmentation) and every registered rule, and combines them:

- A principle holds when its evidence is present (a clause or sentence that satisfies it) and
  no finding of severity "error" for that principle applies. The "missing" rules (P101, P201,
  P306, P401, P601, P701) and the hedged-decision rule (P305) are errors, so they fail their
  principle; vague-language rules (P102, P202, P301-P304, P307, P602, P702) are warnings and
  do not fail a principle whose evidence is present.
- `respectful` is judged the other way round: it needs no evidence, and it fails on *any*
  P5xx finding, warning or error: blame, sarcasm and passive aggression are what it rules
  out. Its evidence is always empty.
- Evidence spans are character offsets into the text; for a failing principle they are empty
  (the findings say why).
- `score` (0..100) = round(100 * principles held / 7) - 3 per warning finding, clipped to
  0..100: seven principles held with no warnings scores 100 (`SCORE_EXPLANATION`, printed by
  `parting check --explain score`).
- Who ended the engagement (`ended_by`, or read from the draft by `parting.check.ended`):
  when the client ended it, the draft is a reply to their decision. Offering a way to go on
  (P2) and arguing that the change is good for them (P4) are not owed then, so P201 and P401
  do not apply and those two principles hold (with whatever evidence the draft has).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, replace
from functools import partial

from parting.check import (
    p1_status,
    p2_alternatives,
    p3_direct,
    p4_benefit,
    p6_finances,
    p7_next_steps,
)
from parting.check.ended import ended_by_client
from parting.check.lazy import drafts, judging
from parting.check.rules import FAST_AFTER_CHARS, PRINCIPLES, Finding, check_text, prefer_fast_paths
from parting.check.text import fill_placeholders

WARNING_PENALTY = 3


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PrincipleResult:
    ok: bool
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Judgement:
    principles: dict[str, PrincipleResult]
    findings: tuple[Finding, ...]
    score: int


_DETECTORS: dict[str, Callable[[str], tuple[tuple[int, int], ...]]] = {
    "status": p1_status.evidence,
    "alternatives": p2_alternatives.evidence,
    "direct": p3_direct.evidence,
    "mutual_benefit": p4_benefit.evidence,
    "finances": p6_finances.evidence,
    "next_steps": p7_next_steps.evidence,
}


SCORE_EXPLANATION = f"""How the score of `parting check` is computed

score = round(100 x principles held / 7) - {WARNING_PENALTY} x warnings, clipped to 0..100

- A principle holds when the draft has evidence for it (a sentence that satisfies it) and no
  finding of severity "error" for it; "respectful" holds when there is no P5xx finding at all.
- Each finding of severity "warning" (vague or hedged wording) costs {WARNING_PENALTY} points,
  whether or not its principle holds.
- All seven principles and no warnings: 100. Six of seven: 86; five: 71; four: 57.
- A reply to a client who ended the engagement (--ended-by client, or a draft that says "as
  you have decided", "following your decision", ...) owes no path forward (P201) and no
  benefit to the client (P401): those two principles hold.

The exit status does not depend on the score: 0 when every principle holds and no finding
is an error."""

#: Principles that a reply to the client's own decision to end does not owe, and their rules.
_NOT_OWED_TO_CLIENT = {"alternatives": "P201", "mutual_benefit": "P401"}


def judge(text: str, ended_by: str | None = None) -> Judgement:
    """Judge one draft against the seven principles. `ended_by` ("client", "provider",
    "mutual") says who ended the engagement; None reads it from the draft. A template's
    placeholders stand for the values they name ("due by [date]" is a date): the detectors
    read `fill_placeholders(text)`, whose offsets are the draft's, and evidence and findings
    quote the draft itself. Patterns are compiled for what the detectors read."""
    read = fill_placeholders(text)
    with judging(read):
        return _judge(text, read, ended_by)


def _judge(text: str, read: str, ended_by: str | None) -> Judgement:
    findings = tuple(check_text(read))
    if read is not text:
        findings = tuple(replace(f, text=text[f.start : f.end]) for f in findings)
    if ended_by is None:
        ended_by = "client" if ended_by_client(read) else None
    not_owed: set[str] = set()
    if ended_by == "client":
        not_owed = set(_NOT_OWED_TO_CLIENT)
        dropped = set(_NOT_OWED_TO_CLIENT.values())
        findings = tuple(f for f in findings if f.code not in dropped)
    principles: dict[str, PrincipleResult] = {}
    for key in PRINCIPLES:
        own = [f for f in findings if f.principle == key]
        if key == "respectful":
            principles[key] = PrincipleResult(ok=not own, evidence=())
            continue
        spans = _DETECTORS[key](read)
        ok = (bool(spans) or key in not_owed) and not any(f.severity == "error" for f in own)
        evidence = tuple(Evidence(s, e, text[s:e]) for s, e in spans) if ok else ()
        principles[key] = PrincipleResult(ok=ok, evidence=evidence)
    held = sum(1 for r in principles.values() if r.ok)
    warnings = sum(1 for f in findings if f.severity == "warning")
    score = round(100 * held / len(PRINCIPLES)) - WARNING_PENALTY * warnings
    return Judgement(principles=principles, findings=findings, score=max(0, min(100, score)))


#: A short draft that takes every detector through its patterns (judged before forking).
_WARM_UP = (
    "Hi Ann,\n\nThe site is done; the blog is not started. I will end our work on 1 May. "
    "I recommend Bo Lee (bo@lee.example), or we could go on at 4 hours a week. This is "
    "better for you. The final invoice of $100 is due on 5 May. I will send the files "
    "and the passwords on 2 May.\n\nBest,\nCy\n"
)

#: Below this many drafts, judging them in worker processes costs more than it saves.
PARALLEL_MIN_DRAFTS = 8


def _workers() -> int:
    """How many processes judge a batch: at most two, and no more than the CPUs this
    process may run on; 1 where processes cannot be forked (they would re-import and
    re-compile everything)."""
    import multiprocessing
    import os

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(2, cpus))


def judge_many(
    texts: Sequence[str], ended_by: str | None = None
) -> Generator[Judgement, None, None]:
    """`judge` for every text, in order. Many drafts are judged by two forked worker
    processes (where the machine has two CPUs for us): the patterns are compiled once, here,
    before the fork, and the judgements come back in the order of `texts`. The patterns are
    compiled for all the drafts together (`parting.check.lazy.drafts`)."""
    workers = 1 if len(texts) < PARALLEL_MIN_DRAFTS else _workers()
    read = [fill_placeholders(t) for t in texts]  # what the patterns will search
    if workers < 2:
        with drafts(read):  # each pattern is compiled once, for all the drafts
            for text in texts:
                yield judge(text, ended_by)
        return
    # the warm-up draft is judged with the others: what it compiles, the workers share
    with drafts([*read, _WARM_UP]):
        import multiprocessing

        if sum(map(len, texts)) >= FAST_AFTER_CHARS:
            prefer_fast_paths()  # many drafts: the second copies of the patterns pay
        judge(_WARM_UP)  # compile the patterns before forking, so the workers share them
        context = multiprocessing.get_context("fork")
        chunk = max(1, len(texts) // (workers * 16))  # small chunks: the workers end together
        with context.Pool(workers) as pool:
            yield from pool.imap(partial(judge, ended_by=ended_by), texts, chunksize=chunk)
