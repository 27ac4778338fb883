"""The reduced scope as an exact optimum: a 0/1 knapsack with precedence, solved by HiGHS.

    maximise   sum(value_i * x_i)
    subject to sum(hours_i * x_i) <= capacity
               x_i <= x_j            for every outstanding dependency j of i
               x_i in {0, 1}

Hours are decimals; they are scaled to integers (by the largest number of decimal places) so
that the solver sees exact integer data, and the selection is checked again in `Decimal`.
Values are integers, so an absolute gap below 1 proves optimality; the relative gap is 0.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Item:
    id: str
    hours: Decimal
    value: int
    depends_on: tuple[str, ...] = ()  # outstanding prerequisites only


@dataclass(frozen=True)
class Selection:
    selected: tuple[str, ...]  # in the order of the items given
    hours: Decimal
    value: int


class OptimiserError(RuntimeError):
    """HiGHS did not prove an optimum (should not happen for a feasible knapsack)."""


def _scale(hours: Sequence[Decimal], capacity: Decimal) -> tuple[list[int], int]:
    def places(d: Decimal) -> int:
        exponent = d.as_tuple().exponent
        return -exponent if isinstance(exponent, int) and exponent < 0 else 0

    factor = 10 ** max(places(h) for h in [*hours, capacity])
    return [int(h * factor) for h in hours], int(capacity * factor)


def _quiet_highs() -> Any:
    """A HiGHS instance without its start-up banner, which the C++ constructor prints
    straight to file descriptor 1 (past Python's sys.stdout)."""
    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        highs = highspy.Highs()  # type: ignore[no-untyped-call]
        ctypes.CDLL(None).fflush(None)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)
    highs.setOptionValue("output_flag", False)
    return highs


def select(items: Sequence[Item], capacity: Decimal, time_limit: float = 60.0) -> Selection:
    """The set of items with the greatest total value whose hours fit in `capacity`, never
    taking an item without every prerequisite listed in its `depends_on`."""
    fitting = [i for i in items if i.hours <= capacity]
    index = {item.id: n for n, item in enumerate(fitting)}
    # An item whose prerequisite cannot fit at all can never be taken.
    usable = _closure_fits(fitting, index)
    chosen: list[Item] = []
    if usable:
        chosen = _solve([fitting[n] for n in usable], capacity, time_limit)
    taken = {i.id for i in chosen}
    ordered = tuple(i.id for i in items if i.id in taken)
    hours = sum((i.hours for i in chosen), Decimal(0))
    value = sum(i.value for i in chosen)
    if hours > capacity:  # pragma: no cover - the integer model forbids it
        raise OptimiserError("selection exceeds the hours available")
    return Selection(ordered, hours, value)


def _closure_fits(items: Sequence[Item], index: Mapping[str, int]) -> list[int]:
    ok = [all(d in index for d in item.depends_on) for item in items]
    changed = True
    while changed:  # drop items whose prerequisites were dropped, until stable
        changed = False
        for n, item in enumerate(items):
            if ok[n] and not all(ok[index[d]] for d in item.depends_on):
                ok[n] = False
                changed = True
    return [n for n, good in enumerate(ok) if good]


def _solve(items: Sequence[Item], capacity: Decimal, time_limit: float) -> list[Item]:
    import highspy
    import numpy as np

    n = len(items)
    weights, cap = _scale([i.hours for i in items], capacity)
    index = {item.id: k for k, item in enumerate(items)}
    highs = _quiet_highs()
    highs.setOptionValue("mip_rel_gap", 0.0)
    highs.setOptionValue("mip_abs_gap", 0.5)
    highs.setOptionValue("time_limit", time_limit)
    highs.setOptionValue("threads", 1)
    inf = highspy.kHighsInf
    costs = np.array([float(i.value) for i in items])
    highs.addVars(n, np.zeros(n), np.ones(n))
    highs.changeColsCost(n, np.arange(n, dtype=np.int32), costs)
    highs.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
    )
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    # Capacity row.
    highs.addRow(
        -inf, float(cap), n, np.arange(n, dtype=np.int32), np.array(weights, dtype=np.float64)
    )
    # Precedence rows: x_i - x_j <= 0.
    pairs = [(k, index[d]) for k, item in enumerate(items) for d in item.depends_on]
    if pairs:
        m = len(pairs)
        starts = np.arange(0, 2 * m, 2, dtype=np.int32)
        cols = np.array([c for pair in pairs for c in pair], dtype=np.int32)
        vals = np.tile(np.array([1.0, -1.0]), m)
        highs.addRows(m, np.full(m, -inf), np.zeros(m), 2 * m, starts, cols, vals)
    highs.run()
    status = highs.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise OptimiserError(f"HiGHS stopped with status {highs.modelStatusToString(status)}")
    x = highs.getSolution().col_value
    chosen = [item for k, item in enumerate(items) if x[k] > 0.5]
    # Exact re-check of the solver's answer in integers.
    if sum(weights[index[i.id]] for i in chosen) > cap:  # pragma: no cover
        raise OptimiserError("HiGHS returned a selection over capacity")
    taken = {i.id for i in chosen}
    if any(d not in taken for i in chosen for d in i.depends_on):  # pragma: no cover
        raise OptimiserError("HiGHS returned a selection missing a prerequisite")
    return chosen


def greedy(items: Sequence[Item], capacity: Decimal) -> Selection:
    """Value per hour, best first, taking an item only when its prerequisites are taken: the
    usual hand heuristic, kept for comparison in the benchmark and the tests."""
    order = sorted(
        items, key=lambda i: (-(Decimal(i.value) / i.hours) if i.hours else Decimal("-Infinity"))
    )
    taken: set[str] = set()
    hours = Decimal(0)
    progress = True
    while progress:
        progress = False
        for item in order:
            if item.id in taken or hours + item.hours > capacity:
                continue
            if all(d in taken for d in item.depends_on):
                taken.add(item.id)
                hours += item.hours
                progress = True
    ordered = tuple(i.id for i in items if i.id in taken)
    return Selection(ordered, hours, sum(i.value for i in items if i.id in taken))
