"""Compiled regular expressions kept between runs of `parting check`.

The checker's lexicons are a few hundred large patterns; compiling them is most of its
start-up (about 0.1 s of 0.25 s). Python's `re` keeps compiled patterns only for the life of
the process (`re._cache`), so every `parting check` compiled them all again. This module keeps
what `re`'s compiler produced for each (pattern, flags) in one file:

- `load()`, called before the checker's modules are imported, rebuilds each stored pattern
  with `_sre.compile` from the stored code and puts it into `re._cache`, where
  `re.compile(pattern, flags)` finds it: the pattern objects are the ones `re.compile` would
  have made (same code, same groups), only not compiled again.
- `save()` writes the file again when patterns were compiled that it does not hold.
- `derived(kind, pattern, compute)` keeps a value computed from a pattern's source in the
  same file (what `parting.check.rules.needs_of` reads out of a parsed pattern, for one).

The file is tied to the interpreter that wrote it (Python version and build, `_sre` magic
number and code size) and to the version of parting: any other ignores it (and writes its
own). Anything unexpected (no cache
directory, an unreadable or foreign file, another Python whose `re` internals differ) turns
the cache off, and patterns are compiled as usual. Where: `$PARTING_REGEX_CACHE` (a file
path; "off" turns the cache off), else `parting.core.cache.folder()` (`$XDG_CACHE_HOME/parting/`
or `~/.cache/parting/`; `PARTING_CACHE=off` turns it off too).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

ENV = "PARTING_REGEX_CACHE"
_FORMAT = 2
#: The (pattern, flags) keys the file holds (None: `load` has not run).
_stored: set[tuple[str, int]] | None = None
#: Values computed from patterns, by (kind, pattern, flags): the file's and this run's.
_derived: dict[tuple[str, str, int], Any] = {}
_derived_new = False


def derived(kind: str, pattern: re.Pattern[str], compute: Callable[[], T]) -> T:
    """`compute()`, a value that depends on nothing but `pattern`'s source and flags (and
    is a str, int, bool, None, or a tuple of them), from the file when it holds it."""
    global _derived_new
    key = (kind, pattern.pattern, pattern.flags)
    try:
        value: T = _derived[key]
        return value
    except KeyError:
        pass
    value = compute()
    _derived[key] = value
    _derived_new = True
    return value


def _internals() -> tuple[Any, Any, Any, dict[Any, Any]] | None:
    """`_sre`, `re._parser`, `re._compiler` and `re._cache`, where they are as this module
    expects (CPython 3.11 to 3.13), else None."""
    try:
        import _sre  # type: ignore[import-not-found,unused-ignore]
        import array
        import re._compiler as compiler  # type: ignore[import-not-found,unused-ignore]
        import re._parser as parser  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # pragma: no cover - another implementation
        return None
    cache = getattr(re, "_cache", None)
    if (
        sys.implementation.name != "cpython"
        or not (3, 11) <= sys.version_info[:2] <= (3, 13)
        or not isinstance(cache, dict)
        or array.array("I").itemsize != _sre.CODESIZE
        or not hasattr(compiler, "_code")
    ):
        return None
    return _sre, parser, compiler, cache


def enabled() -> bool:
    """Whether compiled patterns are kept between runs here (a large pattern then costs its
    compilation once, not in every run)."""
    return _path() is not None and _internals() is not None


def _path() -> Path | None:
    from parting.core import cache

    setting = os.environ.get(ENV, "")
    if cache.off(setting):
        return None
    if setting:
        return Path(setting)
    where = cache.folder()
    return None if where is None else where / "regex.marshal"


def _header() -> tuple[object, ...]:
    """What the file must have been written by: this interpreter (its compiled code is the
    same) and this version of parting (a new one starts a new file, without the patterns
    it no longer has)."""
    import _sre  # type: ignore[import-not-found,unused-ignore]

    from parting import __version__

    return (
        _FORMAT,
        __version__,
        sys.version,
        sys.implementation.cache_tag,
        _sre.MAGIC,
        _sre.CODESIZE,
    )


def load() -> int:
    """Put the stored patterns into `re._cache`; the number put there (0 when there is no
    usable file)."""
    global _stored
    if _stored is not None:
        return 0
    _stored = set()
    internals = _internals()
    path = _path()
    if internals is None or path is None:
        return 0
    sre, _, _, cache = internals
    import array
    import marshal

    loaded = 0
    try:
        with path.open("rb") as handle:
            stored = marshal.load(handle)
        if not isinstance(stored, tuple) or len(stored) != 3 or stored[0] != _header():
            return 0
        for key, value in stored[2]:
            _derived.setdefault(key, value)
        for pattern, flags, final_flags, code, groups, groupindex, indexgroup in stored[1]:
            _stored.add((pattern, flags))
            key = (str, pattern, flags)
            if key in cache:
                continue
            cache[key] = sre.compile(
                pattern,
                final_flags,
                array.array("I", code).tolist(),
                groups,
                groupindex,
                indexgroup,
            )
            loaded += 1
    except Exception:  # a damaged or foreign file: compile as usual
        return loaded
    return loaded


def save() -> bool:
    """Store every str pattern now in `re._cache` and every `derived` value when the file
    lacks one of them (it was compiled in this run); True when the file was written."""
    global _derived_new
    if _stored is None:
        return False
    internals = _internals()
    path = _path()
    if internals is None or path is None:
        return False
    _, parser, compiler, cache = internals
    # int(): Python 3.13 keys a default 0 as `re._ZeroSentinel`, an int that marshal refuses.
    keys = [(k[1], int(k[2])) for k in list(cache) if k[0] is str and isinstance(k[2], int)]
    if all(key in _stored for key in keys) and not _derived_new:
        return False
    import array
    import marshal

    entries: list[Any] = []
    try:
        for pattern, flags in keys:
            parsed = parser.parse(pattern, flags)
            code = compiler._code(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            entries.append(
                (
                    pattern,
                    flags,
                    int(flags | parsed.state.flags),
                    array.array("I", code).tobytes(),
                    parsed.state.groups - 1,
                    groupindex,
                    tuple(indexgroup),
                )
            )
        payload: Any = (_header(), tuple(entries), tuple(_derived.items()))
        data = marshal.dumps(payload)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except Exception:  # no cache directory, read-only, full disk: no cache
        return False
    _stored.update(keys)
    _derived_new = False
    return True
