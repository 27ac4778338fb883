"""The checker's large patterns, compiled only as far as the drafts being judged need them.

Compiling the checker's about 180 patterns with Python's `re` (its compiler is pure Python)
costs about 0.1 s, most of the time `parting check` takes on one draft. Most of that source
is long lists of phrases, and one draft holds the words of only a few of them. So the large
patterns the checker's modules compile at import (`compiling_lazily`) are `LazyPattern`s:
they keep their source and compile on first use, and only the branches the drafts can
match:

- a *plan* of each pattern, read from its source (`plan`): its alternations (`a|b|c`, at the
  top and in groups, not inside look-arounds) and, for each branch, what a match of it cannot
  do without: a conjunction of sets of lower-cased strings, one string of each set occurring
  in every match of the branch (literal runs outside optional parts, a group's needs);
- the drafts being judged (`drafts`, `judging`): a branch none of whose matches fits in the
  lower-cased drafts is left out of the pattern that is compiled for them, and a pattern with
  no branch left is not compiled at all (it matches nothing there);
- a search of a string that is part of the draft being judged uses the pattern compiled for
  the drafts; any other string (a transformed one, or a search outside `judging`) uses the
  whole pattern.

This is exact: a branch left out cannot match anywhere in the drafts, so at every position it
would have failed; the other branches keep their order, so the first match found and its
extent are the ones the whole pattern gives. A branch with a capturing group is never left
out (the group numbers stay). A construct the reader does not know (a back-reference,
verbose mode, a conditional) leaves the pattern whole. Lower-casing must keep the drafts'
offsets and agree with `re`'s case-insensitive matching (`lower_exactly`); where it does not,
nothing is left out. Tests compare every pattern, whole and planned, on every labelled draft.

Plans cost about as much to read as the patterns cost to compile, so they are kept between
runs in the cache folder (`parting.core.cache`, `check-plans.marshal`), keyed by the source
of each pattern and checked against the package's version, this module's own source, the
Python version and a checksum; a missing, stale or corrupt file is never used (the plans
are read again from the patterns and the file written anew).
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from parting.check.needs import _ESCAPED_LITERALS, _class_end, _quantifier, _Unknown

#: Patterns shorter than this are compiled as they are.
LAZY_MIN_CHARS = 1
#: Leave out the branches the drafts cannot match (off: compile each pattern whole, for the
#: tests that compare both).
PRUNE = True
#: A pattern compiled for this many sets of drafts is compiled whole from then on.
WHOLE_AFTER = 3
#: `re.compile` itself (this module compiles with it while `compiling_lazily` is on).
_compile = re.compile

# --- lower case that keeps offsets and agrees with `re` --------------------------------------


def lower_exactly(text: str) -> str | None:
    """`text.lower()` when it keeps every offset and every character of it is the one that
    `re`'s case-insensitive matching takes for it; else None.

    `re` matches a character case-insensitively when its lower case, or the lower case of
    its upper case, is the pattern's: "ſ" matches "s" and "ı" matches "i" though their
    `lower()` is themselves, and a final "Σ" lowers to "ς". Such characters (their upper
    case lowers to another character) are rare in letters; a text with one gets None."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return None
    if not lowered.isascii():
        for char in set(lowered):
            if char >= "\x80" and char.upper().lower() != char:
                return None
    return lowered


# --- plans ----------------------------------------------------------------------------------

#: A plan: an alternation node `[start, end, [branch, ...]]` over `source[start:end]`; a
#: branch `[start, end, needs, capturing, [child alternation, ...]]`, `needs` a list of
#: lists of strings (every list has a string in every match) or None (unknown).
Plan = list[Any]


def plan(source: str, flags: int = 0) -> Plan | None:
    """The alternations of `source` and what each branch needs, or None (see the module)."""
    if flags & re.VERBOSE or "(?x" in source or "(?(" in source:
        return None
    try:
        node, end = _alternation(source, 0)
    except (_Unknown, IndexError, ValueError):
        return None
    if end != len(source):
        return None
    return node


def _alternation(source: str, at: int) -> tuple[Plan, int]:
    start = at
    branches: list[Any] = []
    while True:
        branch_start = at
        needs, capturing, children, at = _branch(source, at)
        branches.append([branch_start, at, needs, capturing, children])
        if at < len(source) and source[at] == "|":
            at += 1
            continue
        return [start, at, branches], at


def _best(node: Plan) -> list[str] | None:
    """One set of strings one of which every match of the alternation `node` holds: each
    branch's rarest set, together; None when a branch has none."""
    union: set[str] = set()
    for branch in node[2]:
        needs: list[list[str]] = branch[2]
        if not needs:
            return None
        rarest = max(needs, key=_rarity)
        union.update(rarest)
    return sorted(union)


def _rarity(strings: list[str]) -> tuple[int, int]:
    """The longer the shortest string and the fewer the strings, the rarer a set."""
    return min(len(x) for x in strings), -len(strings)


def _branch(source: str, at: int) -> tuple[list[list[str]] | None, bool, list[Plan], int]:
    """One branch up to `|` or `)`: (its needs, whether it holds a capturing group, its
    child alternations, where it ends)."""
    needs: list[list[str]] = []
    children: list[Plan] = []
    capturing = False
    run = ""

    def close() -> None:
        nonlocal run
        if run:
            needs.append([run])
        run = ""

    while at < len(source) and source[at] not in "|)":
        char = source[at]
        literal: str | None = None
        group: Plan | None = None
        if char == "\\":
            nxt = source[at + 1]
            if nxt in _ESCAPED_LITERALS:
                literal = nxt
                at += 2
            elif nxt.isdigit() or nxt in "gkP":
                raise _Unknown(nxt)  # back-references
            elif nxt == "x":
                at += 4
            elif nxt == "u":
                at += 6
            elif nxt == "U":
                at += 10
            elif nxt == "N":
                at = source.index("}", at) + 1
            else:
                at += 2
        elif char == "[":
            at = _class_end(source, at)
        elif char == "(":
            zero_width = source.startswith(("(?=", "(?!", "(?<=", "(?<!"), at)
            if source.startswith("(?P<", at):
                inner = source.index(">", at) + 1
                capturing = True
            elif source.startswith("(?P=", at) or source.startswith("(?#", at):
                raise _Unknown(source[at : at + 4])
            elif source.startswith("(?", at):
                match = re.match(r"\(\?(?:<?[=!]|[aiLmsux]*(?:-[imsx]+)?:|>)", source[at:])
                if match is None:
                    raise _Unknown(source[at : at + 4])
                inner = at + match.end()
            else:
                inner = at + 1
                capturing = True
            node, end = _alternation(source, inner)
            if end >= len(source) or source[end] != ")":
                raise _Unknown("(")
            at = end + 1
            for branch in node[2]:
                capturing = capturing or branch[3]
            if not zero_width:
                group = node
                children.append(node)
        elif char in ".^$":
            at += 1
        elif char in "*+?{":
            raise _Unknown(char)
        else:
            literal = char
            at += 1
        least, after = _quantifier(source, at)
        repeated = after != at
        at = after
        if literal is not None:
            if repeated:
                close()
                if least >= 1:
                    needs.append([literal.lower()])
            else:
                run += literal.lower()
            continue
        close()
        if group is not None and (not repeated or least >= 1):
            best = _best(group)
            if best:
                needs.append(best)
    close()
    # strings with a character that lowers oddly are no evidence (see lower_exactly)
    kept = [s for s in needs if all(lower_exactly(x) == x for x in s)]
    return kept, capturing, children, at


def _branch_fits(needs: list[list[str]] | None, present: Callable[[str], bool]) -> bool:
    if needs is None:
        return True
    for strings in needs:
        for needed in strings:
            if present(needed):
                break
        else:
            return False
    return True


def prune(source: str, node: Plan, present: Callable[[str], bool]) -> str | None:
    """`source[node]` without the branches whose needs are not all `present`; None when no
    branch is left."""
    parts: list[str] = []
    for start, end, needs, capturing, children in node[2]:
        if not _branch_fits(needs, present):
            if capturing:
                parts.append(source[start:end])  # kept: the group numbers stay
            continue
        pieces: list[str] = []
        position = start
        for child in children:
            pieces.append(source[position : child[0]])
            inner = prune(source, child, present)
            pieces.append("(?!)" if inner is None else inner)
            position = child[1]
        pieces.append(source[position:end])
        parts.append("".join(pieces))
    return "|".join(parts) if parts else None


# --- the drafts being judged ----------------------------------------------------------------


class Drafts:
    """The texts being judged together, lower-cased: what a pattern is compiled for."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = frozenset(texts)
        lowered = [lower_exactly(text) for text in texts]
        self.lowered: str | None = None
        if all(low is not None for low in lowered):
            self.lowered = "\n\0\n".join(low for low in lowered if low is not None)
        self._present: dict[str, bool] = {}

    def present(self, needed: str) -> bool:
        try:
            return self._present[needed]
        except KeyError:
            found = self._present[needed] = self.lowered is None or needed in self.lowered
            return found


_DRAFTS: ContextVar[Drafts | None] = ContextVar("parting_drafts", default=None)
#: The draft being judged now, and the drafts it is judged with.
_JUDGING: ContextVar[tuple[str, Drafts] | None] = ContextVar("parting_judging", default=None)


@contextmanager
def drafts(texts: Sequence[str]) -> Iterator[Drafts]:
    """Within this block, `judging` any of `texts` compiles patterns for all of them (a
    batch compiles each pattern once)."""
    scope = Drafts(texts)
    token = _DRAFTS.set(scope)
    try:
        yield scope
    finally:
        _DRAFTS.reset(token)


@contextmanager
def judging(text: str) -> Iterator[None]:
    """Within this block, searches of `text` and its parts use patterns compiled for it (and
    the other drafts of an enclosing `drafts` block that holds it)."""
    current = _JUDGING.get()
    if current is not None and (text is current[0] or text in current[0]):
        yield  # a part of the draft already being judged
        return
    scope = _DRAFTS.get()
    if scope is None or text not in scope.texts:
        scope = Drafts([text])
    token = _JUDGING.set((text, scope))
    try:
        yield
    finally:
        _JUDGING.reset(token)


# --- lazy patterns ----------------------------------------------------------------------------

_NOT_YET: Any = object()
_NO_PLAN: Any = object()


class LazyPattern:
    """A regular expression compiled on first use, as far as the drafts being judged need it
    (see the module). It answers like the `re.Pattern` of the same source and flags."""

    __slots__ = ("_compiled", "_for", "_plan", "_pruned", "_whole", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._whole: re.Pattern[str] | None = None
        self._plan: Any = _NOT_YET
        self._for: Drafts | None = None
        self._compiled: re.Pattern[str] | None = None
        self._pruned = 0  # how many times compiled for some drafts
        _REGISTRY.append(self)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern[:40]!r}..., {self.flags})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern | re.Pattern):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def whole(self) -> re.Pattern[str]:
        """The pattern compiled as written."""
        if self._whole is None:
            self._whole = _compile(self.pattern, self.flags)
        return self._whole

    def get_plan(self) -> Plan | None:
        if self._plan is _NOT_YET:
            self._plan = plans().get((self.pattern, self.flags), _NO_PLAN)
            if self._plan is _NO_PLAN:
                self._plan = plan(self.pattern, self.flags)
        return self._plan  # type: ignore[no-any-return]

    def compiled_for(self, scope: Drafts) -> re.Pattern[str] | None:
        """The pattern compiled for the drafts `scope`; None when it matches nothing there."""
        if scope is self._for:
            return self._compiled
        # A process that judges draft after draft (a server) compiles each pattern whole
        # once it has compiled it for `WHOLE_AFTER` sets of drafts already.
        node = self.get_plan() if PRUNE and self._pruned < WHOLE_AFTER else None
        if node is None or scope.lowered is None:
            compiled: re.Pattern[str] | None = self.whole()
        else:
            source = prune(self.pattern, node, scope.present)
            if source is None:
                compiled = None
            elif source == self.pattern:
                compiled = self.whole()
            else:
                self._pruned += 1
                try:
                    compiled = _compile(source, self.flags)
                except re.error:  # pragma: no cover - a pruned pattern that does not compile
                    compiled = self.whole()
        self._for, self._compiled = scope, compiled
        return compiled

    def _get(self, text: str) -> re.Pattern[str] | None:
        current = _JUDGING.get()
        if current is not None and (text is current[0] or text in current[0]):
            return self.compiled_for(current[1])
        return self.whole()

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        compiled = self._get(string)
        return None if compiled is None else compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        compiled = self._get(string)
        return None if compiled is None else compiled.match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        compiled = self._get(string)
        return None if compiled is None else compiled.fullmatch(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        compiled = self._get(string)
        return iter(()) if compiled is None else compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        compiled = self._get(string)
        return [] if compiled is None else compiled.findall(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        compiled = self._get(string)
        return string if compiled is None else compiled.sub(repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        compiled = self._get(string)
        return (string, 0) if compiled is None else compiled.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        compiled = self._get(string)
        return [string] if compiled is None else compiled.split(string, maxsplit)

    @property
    def groups(self) -> int:
        return self.whole().groups

    @property
    def groupindex(self) -> Any:
        return self.whole().groupindex


#: Every LazyPattern made, in order (for the plan cache and the tests).
_REGISTRY: list[LazyPattern] = []


def registry() -> tuple[LazyPattern, ...]:
    return tuple(_REGISTRY)


@contextmanager
def compiling_lazily(prefix: str = "parting.check.") -> Iterator[None]:
    """Within this block, `re.compile` of a string pattern of at least `LAZY_MIN_CHARS`
    characters, called from a module whose name starts with `prefix`, gives a LazyPattern
    (the checker's modules compile their patterns as they are imported, here). Calls from
    anywhere else, and every call after the block, compile as usual."""
    def compile_lazily(pattern: Any, flags: int = 0) -> Any:
        if (
            isinstance(pattern, str)
            and len(pattern) >= LAZY_MIN_CHARS
            and not flags & re.DEBUG
            and sys._getframe(1).f_globals.get("__name__", "").startswith(prefix)
        ):
            return LazyPattern(pattern, flags)
        return _compile(pattern, flags)

    re.compile = compile_lazily
    try:
        yield
    finally:
        re.compile = _compile


# --- the plan cache ---------------------------------------------------------------------------

_CACHE_NAME = "check-plans.marshal"
_plans: dict[tuple[str, int], Plan | None] | None = None


def _reader_key() -> str:
    """What the plans depend on besides the patterns: this module's source and the
    package's version."""
    from parting import __version__

    try:
        code = Path(__file__).read_bytes()
    except OSError:  # pragma: no cover - no source shipped
        code = b""
    python = f"{sys.version_info[0]}.{sys.version_info[1]}:{marshal.version}"
    return f"{__version__}:{zlib.crc32(code):08x}:{python}"


def plans() -> dict[tuple[str, int], Plan | None]:
    """The plans of every LazyPattern made so far: read from the cache folder when it holds
    them all, else read from the patterns (and written there for the next run)."""
    global _plans
    if _plans is not None:
        return _plans
    from parting.core import cache

    folder = cache.folder()
    if folder is None:  # each pattern's plan is read when it is first needed
        _plans = {}
        return _plans
    key = _reader_key()
    wanted = {(p.pattern, p.flags) for p in _REGISTRY}
    found = _read(folder / _CACHE_NAME, key)
    if not wanted <= found.keys():
        found.update({w: plan(*w) for w in wanted if w not in found})
        _write(folder / _CACHE_NAME, key, found)
    _plans = found
    return found


def _read(path: Path, key: str) -> dict[tuple[str, int], Plan | None]:
    """The plans in the cache file, or nothing when it is missing, of another version or
    reader, or fails its checksum."""
    try:
        head, _, body = path.read_bytes().partition(b"\n")
        stored_key, _, stored_sum = head.decode("ascii").rpartition(" ")
        if stored_key != key or int(stored_sum, 16) != zlib.crc32(body):
            return {}
        entries = marshal.loads(body)
        return {(source, flags): node for source, flags, node in entries}
    except (OSError, ValueError, TypeError, EOFError, UnicodeDecodeError):
        return {}


def _write(path: Path, key: str, found: dict[tuple[str, int], Plan | None]) -> None:
    entries = [[source, int(flags), node] for (source, flags), node in found.items()]
    body = marshal.dumps(entries)
    data = f"{key} {zlib.crc32(body):08x}\n".encode("ascii") + body
    with suppress(OSError):  # a read-only cache costs time, never the run
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, path)
