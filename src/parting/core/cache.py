"""Where parting keeps what it can always recompute: the plans of the checker's patterns and
its models' weights in a faster format (`parting.check.lazy`, `parting.check.classifier`),
and compiled templates of the documents. Nothing in it changes an output; deleting it only costs
the next run some start-up.

`$XDG_CACHE_HOME/parting/` or `~/.cache/parting/`; `PARTING_CACHE=off` turns every cache off.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "PARTING_CACHE"
_OFF = ("off", "0", "no", "false")


def off(setting: str | None) -> bool:
    """True when an environment setting says "off" (also "0", "no", "false")."""
    return (setting or "").lower() in _OFF


def folder() -> Path | None:
    """The cache folder, or None when caching is off or there is no home to keep it in."""
    if off(os.environ.get(ENV)):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return Path(base) / "parting"
