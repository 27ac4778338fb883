"""Every sentence of the package, one phrase package per language (`en/`, ...).

A language's package defines `Phrases(tone, locale, currency, year)` in its `__init__`: the
methods `parting.render.letter` calls to say each part of the letter in that language and
tone; and `transition.Words(case, dates)`, the words of the transition plan. Adding a
language is one such package here (the same names as `en/`) and its templates; nothing else
changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Any

from parting.core.errors import PartingError


@cache
def available() -> tuple[str, ...]:
    """The languages with a phrase module, e.g. ("en",)."""
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg))


def load(language: str) -> Any:
    """The phrase module for `language`; a clear error naming the ones there are."""
    if language not in available():
        raise PartingError(
            f"client.language: no letter phrases for {language!r}; available: "
            + ", ".join(available())
        )
    return importlib.import_module(f"{__name__}.{language}")


def for_case(case: Any, year: int) -> Any:
    """The letter phrases of the case's language and tone; dates in `year` (the letter's)
    are written without it."""
    return load(case.client.language).Phrases(
        case.engagement.tone, case.locale, case.currency, year
    )


def part(language: str, name: str) -> Any:
    """A part of a language's phrases, such as "transition"."""
    load(language)
    return importlib.import_module(f"{__name__}.{language}.{name}")
