"""Every sentence of the letter, one module per language (`en.py`, ...).

A phrase module defines `Phrases(tone, locale)`: the methods `parting.render.letter` calls to
say each part of the letter in that language and tone. Adding a language is one module here
(with the same methods, see `en.py`) and its templates; nothing else changes.
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
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if len(m.name) <= 3))


def load(language: str) -> Any:
    """The phrase module for `language`; a clear error naming the ones there are."""
    if language not in available():
        raise PartingError(
            f"client.language: no letter phrases for {language!r}; available: "
            + ", ".join(available())
        )
    return importlib.import_module(f"{__name__}.{language}")
