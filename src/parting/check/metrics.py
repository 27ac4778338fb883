"""How well a judgement matches labels: precision, recall and F1 of both classes.

Shared by `bench/check_accuracy.py`, `scripts/train_check_models.py` and the accuracy tests,
so that every number the project reports is computed the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass(frozen=True)
class Scores:
    """Both classes of one binary label: "holds" (+) and "fails" (-)."""

    holds: tuple[float, float, float]
    fails: tuple[float, float, float]

    @property
    def macro_f1(self) -> float:
        return (self.holds[2] + self.fails[2]) / 2


def scores(gold: Sequence[bool], judged: Sequence[bool]) -> Scores:
    pairs = list(zip(gold, judged, strict=True))
    tp = sum(g and j for g, j in pairs)
    tn = sum(not g and not j for g, j in pairs)
    fp = sum(j and not g for g, j in pairs)
    fn = sum(g and not j for g, j in pairs)
    return Scores(holds=prf(tp, fp, fn), fails=prf(tn, fn, fp))


def macro_f1(gold: Sequence[bool], judged: Sequence[bool]) -> float:
    """The mean of the two classes' F1."""
    return scores(gold, judged).macro_f1
