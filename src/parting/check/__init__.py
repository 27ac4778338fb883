"""`parting check`: judge any draft against the seven principles of a good parting.

The public API is `judge(text) -> Judgement` (see `parting.check.judge`); the principle
modules `p1_status` ... `p7_next_steps` hold the detectors and the rules of each principle.

Their large patterns are compiled on first use, and only as far as the drafts being judged
need them (`parting.check.lazy`): the modules are imported here, within
`compiling_lazily`, whichever of them is imported first.
"""

from __future__ import annotations

from parting.check.lazy import compiling_lazily

with compiling_lazily():
    from parting.check.judge import Evidence, Judgement, PrincipleResult, judge

__all__ = ["Evidence", "Judgement", "PrincipleResult", "judge"]
