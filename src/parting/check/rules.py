"""A small prose-rule engine (in the spirit of proselint, Vale and ruff).

A `Rule` is declarative data: a stable code, the principle it serves, one or more precompiled
case-insensitive patterns that match on word boundaries, optional exception patterns, a
suggestion, the reason it exists, and examples that must fail and must pass (the tests run
every example). `check_text` runs rules over a text and returns `Finding`s with exact character
offsets and 1-based line:column positions.

Rules live beside the principle they serve, one module per principle in `parting.check`
(`p1_status` ... `p7_next_steps`); each exposes `RULES: tuple[Rule, ...]` and is listed in
`RULE_MODULES`. Codes are never reused: the hundreds digit is the step (P1xx status ... P7xx
next steps).

Two scopes of rule:

- `scope="span"` (the default): the rule judges words or a sentence on its own, with
  `patterns` or a `finder`; its examples are single sentences, and each passing example must
  be clean for every other span rule too.
- `scope="document"`: the rule judges the whole draft, e.g. "no decision is stated anywhere"
  (P306) or "no concrete money" (P601). Its `finder` receives the whole text and returns the
  spans to report; a rule about something *missing* reports one finding on the first sentence
  after the subject line and greeting (`parting.check.text.anchor`), or nothing for a blank
  draft. Its examples are whole drafts, and each passing example must be clean for every rule.
"""

from __future__ import annotations

import bisect
import importlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from parting.check.lazy import judging
from parting.check.suggest import currency_of, in_currency

Severity = Literal["warning", "error"]
Scope = Literal["span", "document"]
#: A finder takes the text and returns the (start, end) spans to report.
Finder = Callable[[str], Sequence[tuple[int, int]]]

#: The seven principles of `parting check`, keyed by step number (the code's hundreds digit).
PRINCIPLE_BY_STEP: Mapping[int, str] = {
    1: "status",
    2: "alternatives",
    3: "direct",
    4: "mutual_benefit",
    5: "respectful",
    6: "finances",
    7: "next_steps",
}
PRINCIPLES: tuple[str, ...] = tuple(PRINCIPLE_BY_STEP.values())

#: Modules that define `RULES`; the order here is the registry order.
RULE_MODULES: tuple[str, ...] = (
    "parting.check.p1_status",
    "parting.check.p2_alternatives",
    "parting.check.p3_direct",
    "parting.check.p4_benefit",
    "parting.check.p5_respect",
    "parting.check.p6_finances",
    "parting.check.p7_next_steps",
)

#: The principles whose rules make sense on a single sentence the user typed.
SENTENCE_PRINCIPLES: frozenset[str] = frozenset({"direct", "respectful"})

_CODE_RE = re.compile(r"P([1-7])\d\d")
_NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_FLAGS = re.IGNORECASE | re.UNICODE

# --- building patterns --------------------------------------------------------------------

_APOSTROPHE = "['’]"


def _phrase_to_regex(phrase: str) -> str:
    """A literal phrase as regex: any run of whitespace matches any whitespace, and a
    straight apostrophe also matches a typographic one."""
    parts = []
    for word in phrase.split():
        parts.append(_APOSTROPHE.join(re.escape(piece) for piece in re.split("['’]", word)))
    return r"\s+".join(parts)


def bounded(body: str) -> re.Pattern[str]:
    """Compile `body` (a regex) case-insensitively, anchored on word boundaries at both ends.

    The boundaries are `(?<!\\w)` and `(?!\\w)` rather than `\\b`, so they also hold next to
    punctuation: "perhaps" does not match inside "perhapsy", and "as I've said" still ends
    cleanly at its last letter."""
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", _FLAGS)


def phrases(*alternatives: str) -> re.Pattern[str]:
    """One pattern matching any of the literal phrases (longest first), on word boundaries."""
    if not alternatives:
        raise ValueError("phrases() needs at least one phrase")
    # longest first; equal lengths alphabetically, so the source is the same in every run
    ordered = sorted(set(alternatives), key=lambda p: (-len(p), p))
    return bounded("|".join(_phrase_to_regex(p) for p in ordered))


# --- rules and findings ---------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One check. `patterns` find candidate spans; a candidate is dropped when one of the
    `exceptions` matches a span that contains it (e.g. "this kind of work" for "kind of").
    A rule that needs more than a pattern (context, or the whole draft) has a `finder`
    instead, or as well; `scope` says whether its examples are sentences or whole drafts."""

    code: str
    principle: str
    name: str
    message: str
    patterns: tuple[re.Pattern[str], ...]
    why: str
    examples_fail: tuple[str, ...]
    examples_pass: tuple[str, ...]
    severity: Severity = "warning"
    suggestion: str | None = None
    exceptions: tuple[re.Pattern[str], ...] = field(default=())
    scope: Scope = "span"
    finder: Finder | None = field(default=None, compare=False)
    #: The trained classifier behind the finder (`parting.check.classifier`), if any.
    model: str | None = None
    #: A second opinion on each span the patterns find, `confirm(text, start, end)`: a span
    #: it turns down is no finding (a phrase that is also common in sincere prose, such as
    #: "I'm sure you", stands only when the tone model agrees).
    confirm: Callable[[str, int, int], bool] | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        match = _CODE_RE.fullmatch(self.code)
        if match is None:
            raise ValueError(f"rule code {self.code!r} must look like P301 (P1xx..P7xx)")
        expected = PRINCIPLE_BY_STEP[int(match.group(1))]
        if self.principle != expected:
            raise ValueError(
                f"rule {self.code}: principle {self.principle!r} does not match its step "
                f"({expected!r})"
            )
        if not _NAME_RE.fullmatch(self.name):
            raise ValueError(f"rule {self.code}: name {self.name!r} must be kebab-case")
        if self.severity not in ("warning", "error"):
            raise ValueError(f"rule {self.code}: unknown severity {self.severity!r}")
        if not self.patterns and self.finder is None:
            raise ValueError(f"rule {self.code}: needs at least one pattern or a finder")
        if self.scope not in ("span", "document"):
            raise ValueError(f"rule {self.code}: unknown scope {self.scope!r}")
        if self.scope == "document" and self.finder is None:
            raise ValueError(f"rule {self.code}: a document rule needs a finder")
        if not self.examples_fail or not self.examples_pass:
            raise ValueError(f"rule {self.code}: needs examples that fail and that pass")

    def explain(self) -> str:
        """Text for `parting check --explain CODE`."""
        scope = ", whole draft" if self.scope == "document" else ""
        if self.model:
            scope += f", trained model '{self.model}'"
        if self.confirm is not None:
            scope += ", needs the tone model's agreement"
        return explain_text(
            f"{self.code} {self.name} ({self.principle}, {self.severity}{scope})",
            self.message, self.why, self.suggestion, self.examples_fail[0],
            self.examples_pass[0],
        )


def explain_text(
    head: str, message: str, why: str, suggestion: str | None, fails: str, passes: str
) -> str:
    """`parting check --explain CODE`: what the rule checks, why, what to write instead, and
    its first failing and passing examples (the same layout for every family of rules)."""
    lines = [head, "", message, "", f"Why: {why}"]
    if suggestion:
        lines += ["", f"Instead: {suggestion}"]
    lines += ["", f"Fails: {fails}", f"Passes: {passes}"]
    return "\n".join(lines)


@dataclass(frozen=True)
class Finding:
    code: str
    principle: str
    severity: Severity
    message: str
    start: int
    end: int
    text: str
    line: int
    column: int
    suggestion: str | None


# --- registry -------------------------------------------------------------------------------


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, in registry order; codes are checked to be unique."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for module_name in RULE_MODULES:
        module = importlib.import_module(module_name)
        for rule in module.RULES:
            if not isinstance(rule, Rule):
                raise TypeError(f"{module_name}.RULES holds {rule!r}, not a Rule")
            if rule.code in seen:
                raise ValueError(
                    f"rule code {rule.code} is defined twice ({seen[rule.code]}, {module_name})"
                )
            seen[rule.code] = module_name
            rules.append(rule)
    return tuple(rules)


def span_rules() -> tuple[Rule, ...]:
    """The rules that judge words or a sentence on their own (scope "span")."""
    return tuple(r for r in all_rules() if r.scope == "span")


def get_rule(code: str) -> Rule:
    """The rule with this code (case-insensitive); KeyError when there is none."""
    wanted = code.strip().upper()
    for rule in all_rules():
        if rule.code == wanted:
            return rule
    raise KeyError(f"no rule {code!r}")


# --- running rules --------------------------------------------------------------------------


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", text))
    return starts


_ESCAPE = re.compile(r"\\.")


def _lower_outside_escapes(source: str) -> str:
    pieces: list[str] = []
    position = 0
    for escape in _ESCAPE.finditer(source):
        pieces.append(source[position : escape.start()].lower())
        pieces.append(escape.group(0))
        position = escape.end()
    pieces.append(source[position:].lower())
    return "".join(pieces)


def _case_free_source(pattern: re.Pattern[str]) -> str | None:
    """The source of `case_free(pattern)`, or None (see there)."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or "(?-i" in source or "(?P" in source:
        return None
    return _lower_outside_escapes(source)


@cache
def case_free_scout(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a case-insensitive pattern with case-sensitive parts ("(?-i:[A-Z])"), which
    `case_free` cannot take: the pattern lower-cased throughout, those parts included, and
    compiled without IGNORECASE. On the lower-cased text it matches wherever `pattern`
    matches in the text (and maybe elsewhere: "[a-z]" where "[A-Z]" was meant), so it
    finds the candidates fast and `pattern` itself decides. None when that does not hold
    (negated classes, which lower-casing can turn round; group names), is not needed, or
    would not pay: where the scout stops at many places of ordinary prose (a capital that
    begins a match is what makes a place rare, and the scout would stop at every word)."""
    source = pattern.pattern
    if (
        not pattern.flags & re.IGNORECASE
        or "(?-i:" not in source
        or "(?P" in source
        or "[^" in source
    ):
        return None
    lowered = _lower_outside_escapes(source).replace("(?-i:", "(?:")
    if "(?-i" in lowered:
        return None
    scout = re.compile(lowered, pattern.flags & ~re.IGNORECASE)
    return scout if _scout_pays(scout) else None


#: Ordinary letter prose, for `_scout_pays` to count where a scout stops.
_SCOUT_SAMPLE = (
    "Hi Ann, the site is done and the blog is not started. After a lot of thought I have "
    "decided that I will end our work on 1 May, as my own schedule has changed. I recommend "
    "Bo Lee at Northwind, who builds shops like yours, or we could go on at 4 hours a week. "
    "The final invoice of $100 is due on 5 May. I will send the files and the passwords on "
    "2 May, and Cy from our team can answer questions until then. Thanks for the trust."
).lower()
#: A scout that stops at more places than one in this many characters of the sample costs
#: more than the case-insensitive search it replaces (each stop runs `pattern.match`).
_SCOUT_SPACING = 50


def _scout_pays(scout: re.Pattern[str]) -> bool:
    """Whether `scout` stops rarely in ordinary prose (see `case_free_scout`)."""
    stops = 0
    position = 0
    while (hit := scout.search(_SCOUT_SAMPLE, position)) is not None:
        stops += 1
        position = hit.start() + 1
    return stops * _SCOUT_SPACING < len(_SCOUT_SAMPLE)


@cache
def case_free(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`pattern` lower-cased and compiled without IGNORECASE, for use on lower-cased text,
    when that is equivalent: the pattern is case-insensitive throughout (no "(?-i:" group,
    no named group). Escapes such as \\W keep their case. Case-insensitive matching is about
    three times slower in Python's `re`, and the rules run over every draft. None when not
    equivalent."""
    source = _case_free_source(pattern)
    if source is None:
        return None
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


#: The fast paths (each case-insensitive pattern run lower-cased over the lower-cased text, and
#: every rule pattern scanned through one gate) cost a second compiled copy of the patterns,
#: about 0.1 s at start-up; they save about a millisecond per thousand characters. So they
#: are taken once this process has judged this many characters (a batch, a long draft).
FAST_AFTER_CHARS = 40_000
_judged = 0


def fast_paths() -> bool:
    """Whether the fast paths pay in this process yet (see `FAST_AFTER_CHARS`)."""
    return _judged >= FAST_AFTER_CHARS


def prefer_fast_paths() -> None:
    """Take the fast paths from now on (before judging many drafts)."""
    global _judged
    _judged = max(_judged, FAST_AFTER_CHARS)


def _lowered(text: str) -> str | None:
    """`text` in lower case when that keeps every offset (no character lower-cases to
    two), else None."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


_LEAD = r"(?<!\w)"
#: What keeps a pattern out of a gate: group names and back-references would clash or
#: renumber once many patterns share one regex.
_NOT_GATEABLE = re.compile(r"\(\?P|\(\?\(|\\[1-9]")


class _Gate:
    r"""Many patterns scanned in one pass. Most rule patterns begin with `(?<!\w)`, so scanning
    each of them on its own pays for the look-behind and its alternatives at every position
    of the draft, over and over. The gate joins their case-free bodies into one regex,
    `(?<!\w)(?:body0(?P<_0>)|body1(?P<_1>)|...)`, and scans the lower-cased draft once. A
    hit is a position where at least one pattern matches, and the empty group that closes
    last names the first of them; each later pattern is then tried at that position only.
    Every pattern's matches come out as its own `finditer` gives them (leftmost,
    non-overlapping); the patterns that cannot join (not case-free, no leading `(?<!\w)`,
    group names or back-references) are scanned on their own."""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)
        self.loose: list[int] = []  # scanned on their own
        gated: list[int] = []
        bodies: list[str] = []
        for index, pattern in enumerate(self.patterns):
            source = _case_free_source(pattern)
            if (
                source is None
                or not source.startswith(_LEAD)
                or _NOT_GATEABLE.search(source)
                or pattern.match("") is not None
            ):
                self.loose.append(index)
                continue
            gated.append(index)
            bodies.append(source[len(_LEAD) :])
        self.gated = tuple(gated)
        self.regex: re.Pattern[str] | None = None
        if not gated:
            return
        members = "|".join(f"(?:{body})(?P<_{slot}>)" for slot, body in enumerate(bodies))
        try:
            self.regex = re.compile(f"{_LEAD}(?:{members})")
        except re.error:  # pragma: no cover - a body that does not nest
            self.loose = list(range(len(self.patterns)))
            self.gated = ()

    def spans(self, text: str, lowered: str | None) -> list[list[tuple[int, int]]]:
        """For each pattern, its non-empty match spans in `text`, as `finditer` gives them."""
        result: list[list[tuple[int, int]]] = [[] for _ in self.patterns]
        for index in self.loose:
            result[index] = [
                m.span()
                for m in _finditer(self.patterns[index], text, lowered)
                if m.end() > m.start()
            ]
        if self.regex is None:
            return result
        if lowered is None:
            for index in self.gated:
                result[index] = [
                    m.span() for m in self.patterns[index].finditer(text) if m.end() > m.start()
                ]
            return result
        gated = self.gated
        patterns = self.patterns
        resume = [0] * len(gated)  # where each pattern's own finditer would search next
        search = self.regex.search
        position = 0
        while hit := search(lowered, position):
            at = hit.start()
            first = int(hit.lastgroup[1:])  # type: ignore[index]
            # the first pattern that matches here is `first`; each later one is tried here
            for slot in range(first, len(gated)):
                if resume[slot] > at:
                    continue
                if slot == first:
                    end = hit.end()
                else:
                    match = patterns[gated[slot]].match(text, at)
                    if match is None:
                        continue
                    end = match.end()
                if end == at:
                    continue
                result[gated[slot]].append((at, end))
                resume[slot] = end
            position = at + 1
        return result


@cache
def _registry_gate() -> tuple[_Gate, dict[str, int]]:
    """The gate over every registered rule's patterns and exceptions, and where each rule's
    own begin in it (by code). Built on first use, once: compiling is not free."""
    patterns: list[re.Pattern[str]] = []
    offsets: dict[str, int] = {}
    for rule in all_rules():
        offsets[rule.code] = len(patterns)
        patterns.extend(rule.patterns)
        patterns.extend(rule.exceptions)
    return _Gate(patterns), offsets


def _finditer(pattern: re.Pattern[str], text: str, lowered: str | None) -> Iterable[re.Match[str]]:
    if lowered is not None:
        fast = case_free(pattern)
        if fast is not None:
            return fast.finditer(lowered)
    return pattern.finditer(text)


def _select(
    candidates: list[tuple[int, int]], excepted: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Drop the candidates an exception span covers, then keep the earliest, longest,
    non-overlapping ones."""
    if not candidates:
        return []
    if excepted:
        excepted.sort()
        # An exception span (xs, xe) covers (s, e) when xs <= s and e <= xe: among the
        # exceptions starting at or before s, the furthest end decides.
        starts = [xs for xs, _ in excepted]
        reach: list[int] = []
        furthest = -1
        for _, xe in excepted:
            furthest = max(furthest, xe)
            reach.append(furthest)
        kept_candidates = []
        for s, e in candidates:
            index = bisect.bisect_right(starts, s) - 1
            if index < 0 or reach[index] < e:
                kept_candidates.append((s, e))
        candidates = kept_candidates
    candidates.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in candidates:
        if kept and start < kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def _spans(rule: Rule, text: str, lowered: str | None = None) -> list[tuple[int, int]]:
    """Non-overlapping match spans of one rule, earliest first, longest on ties.
    `lowered` is `text.lower()` when that has the same length (a faster path), else None."""
    candidates: list[tuple[int, int]] = []
    if rule.finder is not None:
        candidates.extend((s, e) for s, e in rule.finder(text) if e > s)
    for pattern in rule.patterns:
        candidates.extend(
            m.span() for m in _finditer(pattern, text, lowered) if m.end() > m.start()
        )
    if not candidates:
        return []
    excepted = [m.span() for ex in rule.exceptions for m in _finditer(ex, text, lowered)]
    return _select(candidates, excepted)


def _all_spans(
    rules: tuple[Rule, ...], text: str, lowered: str | None
) -> list[list[tuple[int, int]]]:
    """`_spans` for every rule; the patterns of registered rules are scanned through one
    gate (a subset of the registry too: scanning the rest costs less than another gate),
    once the fast paths pay (`fast_paths`)."""
    if not fast_paths():
        return [_spans(rule, text) for rule in rules]
    gate, offsets = _registry_gate()
    registered = all_rules()
    found: list[list[tuple[int, int]]] | None = None
    result: list[list[tuple[int, int]]] = []
    for rule in rules:
        start = offsets.get(rule.code)
        if start is None or registered[_position(rule.code)] is not rule:
            result.append(_spans(rule, text, lowered))
            continue
        if found is None:
            found = gate.spans(text, lowered)
        candidates: list[tuple[int, int]] = []
        if rule.finder is not None:
            candidates.extend((s, e) for s, e in rule.finder(text) if e > s)
        index = start
        for _ in rule.patterns:
            candidates.extend(found[index])
            index += 1
        excepted: list[tuple[int, int]] = []
        for _ in rule.exceptions:
            excepted.extend(found[index])
            index += 1
        result.append(_select(candidates, excepted))
    return result


@cache
def _positions() -> dict[str, int]:
    return {rule.code: index for index, rule in enumerate(all_rules())}


def _position(code: str) -> int:
    return _positions()[code]


_CONFIRMING: ContextVar[bool] = ContextVar("parting_confirming", default=True)


@contextmanager
def patterns_only() -> Iterator[None]:
    """Within this block, rules report what their patterns find, without their `confirm`
    check (the training script uses it: what the phrase patterns alone find must not depend
    on the model being trained). The detectors cache their evidence per text
    (`p4_benefit.rule_evidence`, ...), so use it in a process that does not also judge."""
    token = _CONFIRMING.set(False)
    try:
        yield
    finally:
        _CONFIRMING.reset(token)


_HAS_AMOUNT = re.compile(r"[$€£¥](?=\d)")


def check_text(text: str, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Run `rules` (every registered rule by default) over `text`.

    Findings are sorted by position, then code. `start`/`end` are offsets into `text`;
    `line`/`column` are 1-based (a "\\r\\n" pair counts as one line break)."""
    with judging(text):
        return _check_text(text, rules)


def _check_text(text: str, rules: Iterable[Rule] | None) -> list[Finding]:
    global _judged
    _judged += len(text)
    chosen = all_rules() if rules is None else tuple(rules)
    starts: list[int] | None = None
    findings: list[Finding] = []
    lowered = _lowered(text) if fast_paths() else None
    confirming = _CONFIRMING.get()
    currency: str | Literal[False] | None = False  # the draft's currency, read when needed
    for rule, spans in zip(chosen, _all_spans(chosen, text, lowered), strict=True):
        if rule.confirm is not None and confirming and spans:
            spans = [(s, e) for s, e in spans if rule.confirm(text, s, e)]
        suggestion = rule.suggestion
        if spans and suggestion is not None and _HAS_AMOUNT.search(suggestion):
            if currency is False:
                currency = currency_of(text)
            suggestion = in_currency(suggestion, currency)
        for start, end in spans:
            if starts is None:
                starts = _line_starts(text)
            index = bisect.bisect_right(starts, start) - 1
            findings.append(
                Finding(
                    code=rule.code,
                    principle=rule.principle,
                    severity=rule.severity,
                    message=rule.message,
                    start=start,
                    end=end,
                    text=text[start:end],
                    line=index + 1,
                    column=start - starts[index] + 1,
                    suggestion=suggestion,
                )
            )
    findings.sort(key=lambda f: (f.start, f.code, f.end))
    return findings


# --- sentences ------------------------------------------------------------------------------

# A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by whitespace, or at a
# blank line. Good enough for warnings; abbreviations like "e.g." may split early.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n\s*\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in `text`, surrounding whitespace excluded."""
    spans: list[tuple[int, int]] = []
    position = 0
    for boundary in [*_SENTENCE_END.finditer(text), None]:
        end = len(text) if boundary is None else boundary.start()
        piece = text[position:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            spans.append((position + lead, position + lead + len(stripped)))
        if boundary is not None:
            position = boundary.end()
    return spans


def sentence_at(text: str, offset: int) -> str:
    """The sentence of `text` that contains character `offset` (for quoting in warnings)."""
    for start, end in split_sentences(text):
        if start <= offset < end:
            return text[start:end]
    return text.strip()


def warn_user_sentences(
    texts: Mapping[str, str | None], rules: Iterable[Rule] | None = None
) -> list[tuple[str, Finding]]:
    """Check the sentences the user typed into the case file, e.g.
    {"engagement.reason": "...", "engagement.client_benefit": "..."}.

    Returns (key, finding) pairs in the mapping's order; offsets are into that key's text.
    By default only the span rules that judge a sentence on its own (direct, respectful) run;
    whole-draft rules ("no decision stated") make no sense on one sentence. Empty or missing
    texts are skipped."""
    if rules is None:
        chosen = tuple(
            r for r in all_rules() if r.principle in SENTENCE_PRINCIPLES and r.scope == "span"
        )
    else:
        chosen = tuple(rules)
    results: list[tuple[str, Finding]] = []
    for key, text in texts.items():
        if not text:
            continue
        results.extend((key, finding) for finding in check_text(text, chosen))
    return results
