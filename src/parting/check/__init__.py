"""`parting check`: judge any draft against the seven principles of a good parting.

The public API is `judge(text) -> Judgement` (see `parting.check.judge`); the principle
modules `p1_status` ... `p7_next_steps` hold the detectors and the rules of each principle.
"""

from __future__ import annotations

from parting.check.judge import Evidence, Judgement, PrincipleResult, judge

__all__ = ["Evidence", "Judgement", "PrincipleResult", "judge"]
