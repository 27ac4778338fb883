"""What a match of a pattern cannot do without, read from the pattern's source.

`needs(source, flags)` gives lower-cased strings, at least one of which occurs in every match
of the pattern, or None when it finds no useful set. The detectors search hundreds of
sentences with the same large patterns; where the lower-cased sentence holds none of the
strings, there is no match and the search is skipped (`parting.check.text.isearch`).

The reader is this module's own, over the public syntax of Python's regular expressions
(none of the private modules of `re`): literals, escapes, classes, groups, look-arounds,
alternation and quantifiers.
It only has to be sound where it answers: anything it does not know (verbose mode, a
conditional group, a back-reference) gives None, and a look-around or a class only ends a run
of literals. `tests/test_check_needs.py` checks, on every pattern of the checker and every
labelled draft, that a pattern that matches holds one of its needs.
"""

from __future__ import annotations

import re

#: Fewer characters than this, and a "need" is in nearly every sentence.
_MIN_LENGTH = 3
#: More alternatives than this, and testing them costs more than the search they save.
_MAX_NEEDS = 48
_ESCAPED_LITERALS = frozenset(".^$*+?{}[]()|\\/-'\"#&~%@!,:;<>=` ’")


class _Unknown(Exception):
    """A construct this reader does not judge."""


def needs(source: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-cased strings one of which every match of `source` contains, longest first
    (then alphabetical), or None."""
    if flags & re.VERBOSE or "(?x" in source or "(?(" in source:
        return None
    try:
        found, end = _alternation(source, 0)
    except (_Unknown, IndexError):
        return None
    if end != len(source) or not found or len(found) > _MAX_NEEDS:
        return None
    if any(len(x) < _MIN_LENGTH for x in found):
        return None
    return tuple(sorted(found, key=lambda x: (-len(x), x)))


def _alternation(source: str, at: int) -> tuple[frozenset[str] | None, int]:
    """The needs of `source[at:]` up to the `)` that closes it (or the end): every
    alternative's needs together; None when one alternative has none."""
    union: set[str] = set()
    known = True
    while True:
        found, at = _sequence(source, at)
        if found is None:
            known = False
        else:
            union |= found
        if at < len(source) and source[at] == "|":
            at += 1
            continue
        return (frozenset(union) if known and union else None), at


def _quantifier(source: str, at: int) -> tuple[int, int]:
    """(the least number of repeats, where the quantifier ends) at `at`; (1, at) when there
    is none."""
    if at >= len(source):
        return 1, at
    char = source[at]
    least = -1
    if char in "*?":
        least, at = 0, at + 1
    elif char == "+":
        least, at = 1, at + 1
    elif char == "{":
        match = re.match(r"\{(\d*)(?:,(\d*))?\}", source[at:])
        if match is None:
            return 1, at  # a literal "{"
        least, at = int(match.group(1) or 0), at + match.end()
    else:
        return 1, at
    if at < len(source) and source[at] in "?+":  # lazy or possessive
        at += 1
    return least, at


def _sequence(source: str, at: int) -> tuple[frozenset[str] | None, int]:
    """The best needs of one alternative: its longest runs of literals, or a group's own."""
    candidates: list[frozenset[str]] = []
    run = ""

    def close() -> None:
        nonlocal run
        if run:
            candidates.append(frozenset({run}))
        run = ""

    while at < len(source) and source[at] not in "|)":
        char = source[at]
        item: frozenset[str] | None = None
        literal: str | None = None
        if char == "\\":
            nxt = source[at + 1]
            if nxt in _ESCAPED_LITERALS:
                literal = nxt
            elif nxt.isdigit() or nxt in "gkNuUx":
                raise _Unknown(nxt)  # back-references and code points
            at += 2
        elif char == "[":
            at = _class_end(source, at)
        elif char == "(":
            zero_width = source.startswith(("(?=", "(?!", "(?<=", "(?<!"), at)
            if source.startswith("(?P<", at):
                inner = source.index(">", at) + 1
            elif source.startswith("(?P=", at):
                raise _Unknown("(?P=")
            elif source.startswith("(?", at):
                match = re.match(r"\(\?(?:<?[=!]|[aiLmsux-]*:|>)", source[at:])
                if match is None:
                    raise _Unknown(source[at : at + 4])
                inner = at + match.end()
            else:
                inner = at + 1
            found, end = _alternation(source, inner)
            if end >= len(source) or source[end] != ")":
                raise _Unknown("(")
            at = end + 1
            if not zero_width:
                item = found
            close()
        elif char in ".^$":
            at += 1
        elif char in "*+?{":
            raise _Unknown(char)  # a quantifier with nothing before it
        else:
            literal = char
            at += 1
        least, after = _quantifier(source, at)
        if after != at:  # the item is repeated
            at = after
            if literal is not None:
                close()
                if least >= 1:
                    candidates.append(frozenset({literal.lower()}))
                continue
            if least == 0:
                item = None
            close()
        if literal is not None:
            run += literal.lower()
            continue
        close()
        if item:
            candidates.append(item)
    close()
    if not candidates:
        return None, at
    return max(candidates, key=lambda c: (min(len(x) for x in c), -len(c))), at


def _class_end(source: str, at: int) -> int:
    """Where the character class that opens at `at` ends (after its `]`)."""
    at += 1
    if source[at] == "^":
        at += 1
    if source[at] == "]":
        at += 1
    while source[at] != "]":
        at += 2 if source[at] == "\\" else 1
    return at + 1
