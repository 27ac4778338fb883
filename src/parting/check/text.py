"""Segmentation for `parting check`: sentences and clauses with character offsets.

A draft is first cut into *blocks* at line breaks (letters are full of one-line units: the
greeting, "Status:" bullets, sign-offs), except where a line is merely hard-wrapped (a long
line that does not end a sentence, followed by a line that starts in lower case). Each block is
then split into sentences by syntok's segmenter, which knows abbreviations ("Mr.", "e.g.",
"no. 44"), decimals and ellipses; its token offsets map straight back into the draft. A date
such as "20. 6. 2024", which syntok splits after "20.", is joined again.

Clauses are the units that hedging and status are judged on: a sentence is cut at ";", at
", but", and at a spaced dash, so "Maybe this is a surprise, but I have decided to end our
work" holds a plain decision in its second clause.

Segmentation is cached per text, so the seven principles and the rules share one pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from parting.check import rules
from parting.check.needs import needs
from parting.check.rules import case_free, case_free_scout


@dataclass(frozen=True)
class Segment:
    """A sentence or clause: `text` is `draft[start:end]`."""

    start: int
    end: int
    text: str


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_SENTENCE_FINAL = re.compile(r"[.!?:;…)\]\"”’]\s*$")
_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|dear|hiya|good\s+(?:morning|afternoon|evening)|greetings|to|attn)\b"
    r"(?:[^!?\n]{0,50}[,!:]|[^.!?\n]{0,50})|(?:subject|re|fw|fwd)\s*:.*|@\w+[^.!?]{0,40})$",
    re.IGNORECASE,
)
_DATE_SPLIT_END = re.compile(r"(?<!\d)\d{1,2}\.$")
# Boundaries syntok leaves alone: a full stop before a lower-case word in informal text
# ("after june, got too much work. tbh ur team..."), and a date's closing full stop before a
# capital ("after 15.09.2024. I'd suggest").
_ABBREVIATIONS = frozenset(
    ["etc", "approx", "incl", "excl", "vs", "resp", "cf", "min", "max", "est", "no", "nr", "ca"]
)
_EXTRA_SPLIT = re.compile(
    r"(?<=[^\W\d_]{3}[.!?])\s+(?=[a-z])|(?<=\d{4}\.)\s+(?=[A-Z])|(?<=[!?])\s+(?=[a-z])",
)


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the non-blank line blocks, hard-wrapped lines joined."""
    lines: list[tuple[int, int]] = []
    for match in _LINE.finditer(text):
        raw = match.group(0)
        if not raw:
            break
        body = raw.rstrip("\r\n")
        lines.append((match.start(), match.start() + len(body)))
    blocks: list[tuple[int, int]] = []
    for start, end in lines:
        line = text[start:end]
        if not line.strip():
            continue
        if blocks:
            prev_start, prev_end = blocks[-1]
            prev_line = text[prev_start:prev_end].rsplit("\n", 1)[-1]
            stripped = line.lstrip()
            wrapped = (
                len(prev_line) >= 50
                and not _SENTENCE_FINAL.search(prev_line)
                and stripped[:1].islower()
                and prev_end < start  # directly the next line, no blank line between
                and not text[prev_end:start].count("\n") > 1
            )
            if wrapped:
                blocks[-1] = (prev_start, end)
                continue
        blocks.append((start, end))
    return blocks


_BLOCK_END = re.compile(r"[.!?;…]+[\"'”’)\]]*\s*$")
_BOUNDARY_CHAR = re.compile(r"[.!?;…]")
# A boundary that needs no judgement: a plain word of two or more letters (an abbreviation
# such as "Mr." or "e.g." is not one), the mark, spaces, then a letter.
_PLAIN_BOUNDARY = re.compile(r"(?<![\w.'’-])([a-z]{2,}|[A-Za-z][a-z]{2,})([.!?;])( +)(?=[^\W\d_])")


@lru_cache(maxsize=1)
def _not_words() -> frozenset[str]:
    """Words syntok treats as abbreviations or months: a full stop after them needs its
    judgement."""
    from syntok._segmentation_states import State  # type: ignore[import-untyped]

    return frozenset(State.abbreviations | State.months | _ABBREVIATIONS)


def _plain_sentences(block: str) -> list[tuple[int, int]]:
    """The sentences of a block. A boundary that is plain ("done. The next": a word of two
    or more letters that is no abbreviation, the mark, spaces, a capital, outside brackets
    and quotes) is where syntok splits too, and is taken as it is; only the stretches
    between plain boundaries that hold a mark needing judgement (abbreviations, numbers,
    marks inside brackets or quotes) go to syntok, and a block with line breaks goes to it
    whole. The result equals syntok's for the whole block, and is much faster."""
    if "\n" in block or "\r" in block:
        return _syntok_spans(block, 0, len(block))
    final = _BLOCK_END.search(block)
    inner_end = final.start() if final else len(block.rstrip())
    lead = len(block) - len(block.lstrip())
    spans: list[tuple[int, int]] = []
    position = lead
    unsure = False  # a mark since `position` that needs syntok's judgement
    # how many of each bracket and quote come before `counted` (kept up to date as the marks
    # move on: counting from the start of the block at every mark took quadratic time)
    counts = dict.fromkeys('()[]"“”', 0)
    counted = 0
    for mark in _BOUNDARY_CHAR.finditer(block, 0, inner_end):
        word_start = mark.start()
        while word_start > 0 and block[word_start - 1].isalpha():
            word_start -= 1
        plain = _PLAIN_BOUNDARY.match(block, word_start)
        if plain is None or plain.start(2) != mark.start():
            unsure = True
            continue
        word = plain.group(1)
        if {word, word.lower(), word.title()} & _not_words():
            unsure = True
            continue
        if word_start > counted:
            piece = block[counted:word_start]
            for char in counts:
                counts[char] += piece.count(char)
            counted = word_start
        if (
            counts["("] != counts[")"]
            or counts["["] != counts["]"]
            or counts['"'] % 2
            or counts["“"] != counts["”"]
        ):
            unsure = True
            continue
        if not block[plain.end()].isupper():
            if plain.group(2) == ";":
                continue  # syntok splits at ";" only before a capital
            unsure = True
            continue
        if unsure:
            spans.extend(_syntok_spans(block, position, mark.end()))
        else:
            spans.append((position, mark.end()))
        position = plain.end()
        unsure = False
    end = len(block.rstrip())
    if end > position:
        if unsure:
            spans.extend(_syntok_spans(block, position, end))
        else:
            spans.append((position, end))
    return spans


def _syntok_spans(block: str, start: int, end: int) -> list[tuple[int, int]]:
    """syntok's sentences of `block[start:end]`, as offsets into `block`."""
    # imported on first use: keeps start-up fast
    import syntok.segmenter as segmenter  # type: ignore[import-untyped]

    piece = block[start:end]
    spans: list[tuple[int, int]] = []
    for paragraph in segmenter.analyze(piece):
        for sentence in paragraph:
            if not sentence:
                continue
            first, last = sentence[0], sentence[-1]
            s = first.offset
            e = min(len(piece), last.offset + len(last.value))
            if e > s:
                spans.append((start + s, start + e))
    return spans


@lru_cache(maxsize=256)
def sentences(text: str) -> tuple[Segment, ...]:
    """The sentences of `text` (each line block split by syntok), surrounding space excluded."""
    result: list[Segment] = []
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        spans = _plain_sentences(block)
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and (
                _DATE_SPLIT_END.search(block[merged[-1][0] : merged[-1][1]])
                and block[start : start + 1].isdigit()
            ):
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        pieces: list[tuple[int, int]] = []
        for start, end in merged:
            position = start
            for extra in _EXTRA_SPLIT.finditer(block, start, end):
                word = block[max(start, extra.start() - 8) : extra.start()].split()[-1:]
                if word and word[0].lower().rstrip(".") in _ABBREVIATIONS:
                    continue
                pieces.append((position, extra.start()))
                position = extra.end()
            pieces.append((position, end))
        for start, end in pieces:
            piece = block[start:end]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            s, e = block_start + start + lead, block_start + end - trail
            if e > s:
                result.append(Segment(s, e, text[s:e]))
    return tuple(result)


#: The marks a clause ends at: ";", a comma before "but", a spaced dash. The white space
#: around them belongs to the break (`_clause_breaks`).
_CLAUSE_MARK = re.compile(r";|,(?=\s*but\s)|(?<=\s)[-–—]+(?=\s)")


def _clause_breaks(text: str) -> list[tuple[int, int]]:
    r"""The spans that `re.finditer(r"\s*;\s*|,\s*(?=but\s)|\s+[-–—]+\s+", text)` gives,
    found from the marks outward: that regex, tried at every space of a long run of spaces,
    read the run to its end each time (a 20,000-space draft took 6 s)."""
    breaks: list[tuple[int, int]] = []
    position = 0
    size = len(text)
    for mark in _CLAUSE_MARK.finditer(text):
        start, end = mark.span()
        if start < position:
            continue
        if text[start] in "-–—" and start - 1 < position:
            continue  # a dash whose space before it is in the last break
        if text[start] != ",":
            while start > position and text[start - 1].isspace():
                start -= 1
        while end < size and text[end].isspace():
            end += 1
        breaks.append((start, end))
        position = end
    return breaks


def clauses_of(segment: Segment) -> list[Segment]:
    """The clauses of one sentence (cut at ";", ", but" and spaced dashes)."""
    result: list[Segment] = []
    position = 0
    text = segment.text
    for span in [*_clause_breaks(text), None]:
        end = len(text) if span is None else span[0]
        piece = text[position:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            s = segment.start + position + lead
            result.append(Segment(s, s + len(stripped), stripped))
        if span is not None:
            position = span[1]
    return result


@lru_cache(maxsize=256)
def clauses(text: str) -> tuple[Segment, ...]:
    """Every clause of every sentence of `text`, in order."""
    return tuple(c for s in sentences(text) for c in clauses_of(s))


def is_greeting(segment: Segment) -> bool:
    """A greeting ("Dear Mr. Petrov,"), subject or "Re:" line: it says nothing about the
    parting itself."""
    text = segment.text
    if text.lower().startswith(("subject", "re:", "fw", "@")):
        return _GREETING.match(text) is not None
    return len(text.split()) <= 6 and _GREETING.match(text) is not None


@lru_cache(maxsize=256)
def anchor(text: str) -> tuple[int, int] | None:
    """Where a finding about something *missing* from the whole draft points: the first
    sentence after the subject line and greeting (or the first sentence, when the draft is
    nothing but those). None for a blank draft."""
    segs = sentences(text)
    if not segs:
        return None
    for seg in segs:
        if not is_greeting(seg):
            return (seg.start, seg.end)
    return (segs[0].start, segs[0].end)


def when_missing(
    found: Callable[[str], Sequence[object]],
) -> Callable[[str], list[tuple[int, int]]]:
    """The finder of a whole-draft rule: one finding at `anchor` when `found(text)` (the
    principle's evidence) is empty, none otherwise."""

    def finder(text: str) -> list[tuple[int, int]]:
        where = anchor(text)
        if where is None or found(text):
            return []
        return [where]

    return finder


# --- fast case-insensitive search ------------------------------------------------------------


_FAST: dict[
    int, tuple[re.Pattern[str], re.Pattern[str] | None, bool, re.Pattern[str] | None]
] = {}
_LOWER: dict[str, str | None] = {}


def isearch(pattern: re.Pattern[str], text: str, pos: int = 0) -> re.Match[str] | None:
    """`pattern.search(text, pos)`, faster, with the same result:

    - when the lower-cased text holds none of the strings one of which every match
      contains (`parting.check.needs`: "stop", "end", "terminat", ...), there is no match,
      and the search is skipped;
    - a case-insensitive pattern runs, lower-cased and without IGNORECASE, over the
      lower-cased text (about three times faster in Python's `re`); the hit is then matched
      again at the same place in `text`, so the match object is the one `pattern.search`
      gives;
    - a pattern with case-sensitive parts ("(?-i:[A-Z])") runs as a lower-cased scout that
      finds every place where it may match (`parting.check.rules.case_free_scout`); the first
      place where the pattern itself matches is the answer.

    These need a second compiled copy of the pattern (and reading its needs), so they are
    taken only once they pay (`parting.check.rules.fast_paths`)."""
    if not rules.fast_paths():
        return pattern.search(text, pos)
    entry = _FAST.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        fast = case_free(pattern)
        exact = fast is not None
        if fast is None:
            fast = case_free_scout(pattern)
        found = needs(pattern.pattern, pattern.flags)
        need = re.compile("|".join(map(re.escape, found))) if found else None
        entry = _FAST[id(pattern)] = (pattern, fast, exact, need)
    try:
        lowered = _LOWER[text]
    except KeyError:
        if len(_LOWER) > 4096:
            _LOWER.clear()
        lowered = text.lower()
        lowered = _LOWER[text] = lowered if len(lowered) == len(text) else None
    if lowered is None:
        return pattern.search(text, pos)
    need = entry[3]
    if need is not None and need.search(lowered, pos) is None:
        return None
    fast = entry[1]
    if fast is None:
        return pattern.search(text, pos)
    if entry[2]:
        hit = fast.search(lowered, pos)
        if hit is None:
            return None
        return pattern.match(text, hit.start())
    while (hit := fast.search(lowered, pos)) is not None:
        match = pattern.match(text, hit.start())
        if match is not None:
            return match
        pos = hit.start() + 1
    return None


# --- shared lexicon -------------------------------------------------------------------------

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|januar|februar|märz|mai|"
    r"juni|juli|oktober|dezember)"
)
_WEEKDAYS = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?|"
    r"sat(?:urday)?|sun(?:day)?)"
)

#: A concrete date or day: "31 May", "May 31, 2026", "15/01", "2024-12-18", "21.03.",
#: "2026年5月31日", "Friday", "the 28th", "today", "next week", "end of the month".
DATE = re.compile(
    rf"(?<!\w)(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTHS}\.?(?:\s+\d{{4}})?"
    rf"|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\s?\d{1,2}(?:[./]\s?\d{2,4})?\.?"
    r"|\d{4}年\d{1,2}月\d{1,2}日"
    rf"|{_WEEKDAYS}"
    r"|the\s+\d{1,2}(?:st|nd|rd|th)|today|tomorrow|tonight|this\s+(?:week(?:end)?|month|friday)"
    r"|next\s+(?:week|month)|end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:month|week|day|term|year)"
    rf"|(?:in|by|from|until|through|after|before)\s+{_MONTHS}|q[1-4])(?!\w)",
    re.IGNORECASE,
)


# --- template placeholders ------------------------------------------------------------------

#: A template's placeholder: "[Client Name]", "<date>", "{amount}", "$X" (not an e-mail address
#: or a link in angle brackets).
_PLACEHOLDER = re.compile(
    r"\[[^\[\]\n@]{1,90}\]|<(?![a-z]+://)[^<>\n@/]{1,60}>|\{[^{}\n@]{1,60}\}|\$\s?[Xx]{1,3}(?!\w)"
)
_PH_DATE = re.compile(r"(?<![a-z-])(?:date|day|deadline)(?![a-z])")
_PH_NOT_DATE = re.compile(r"number\s+of\s+days|days|duration|period|reasons?|time\s*frame")
_PH_AMOUNT = re.compile(
    r"\$|(?<![a-z])(?:amount|sum|total|balance|fees?|price|cost|rate|dollar)(?![a-z])"
)
_PH_NUMBER = re.compile(r"^[\[<{]\s*(?:#|no\.?|n|x|number(?:\s+of\s+\w+)*)\s*[\]>}]$")


def _fill(placeholder: str) -> str | None:
    """What a value placeholder stands for, in a form the detectors read ("[date]" -> a date,
    "[amount owed]" -> an amount, "[#]" -> an invoice number, "[Number] days"), or None for
    a placeholder that names no value ("<list action steps>", "[details]")."""
    inner = placeholder.lower()
    if inner.startswith("$"):
        return "$1"
    if inner[1:].startswith("number of days"):
        return "30 days"
    if _PH_NUMBER.match(inner):
        return "#12" if "#" in inner else "30"
    if _PH_AMOUNT.search(inner) and not _PH_DATE.search(inner):
        return "$100"
    if _PH_DATE.search(inner) and not _PH_NOT_DATE.search(inner.split(",")[0]):
        return "1 May"
    return None


def fill_placeholders(text: str) -> str:
    """The text with each template placeholder that names a value replaced, at the same length
    (so offsets stay those of `text`), by a value of its kind, and every other placeholder's
    letters lower-cased (its words are an instruction, not a name): published templates
    say "your final invoice of [amount] is due by [date]", and that addresses money
    concretely. Text without placeholders is returned unchanged."""
    if "[" not in text and "<" not in text and "{" not in text and "$" not in text:
        return text
    parts: list[str] = []
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        placeholder = match.group(0)
        value = _fill(placeholder)
        if value is None or len(value) > len(placeholder):
            new = placeholder.lower()
        else:
            new = value.ljust(len(placeholder))
        parts += [text[last : match.start()], new]
        last = match.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)
