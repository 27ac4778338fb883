"""Time the reduced-scope optimiser and compare it with a greedy value-per-hour pick.

    python bench/scope_scale.py            # 50, 500 and 5,000 outstanding items
    python bench/scope_scale.py --seeds 5  # more random instances per size

Random instances: hours 0.5..40 in half hours, value 1..10, dependency chains (each item
depends on one or two earlier items with probability 0.5), capacity a quarter of all hours.
Prints, per size, the time to a proven optimum (best and worst over the seeds) with parting's
method (LP bound first, MIP only when needed) and with HiGHS's branch and bound alone, how
the optimum was proven, and the greedy pick's value as a fraction of the optimum.
"""

from __future__ import annotations

import argparse
import platform
import random
import time
from decimal import Decimal

from parting.plan.optimise import Item, greedy, select

SIZES = (50, 500, 5000)


def instance(n: int, rng: random.Random) -> tuple[list[Item], Decimal]:
    items: list[Item] = []
    for k in range(n):
        deps: tuple[str, ...] = ()
        if k and rng.random() < 0.5:
            count = min(k, rng.choice((1, 1, 2)))
            # mostly recent items, so that chains form
            picks = {rng.randint(max(0, k - 10), k - 1) for _ in range(count)}
            deps = tuple(f"d{p}" for p in sorted(picks))
        items.append(Item(f"d{k}", Decimal(rng.randint(1, 80)) / 2, rng.randint(1, 10), deps))
    capacity = (sum((i.hours for i in items), Decimal(0)) / 4).quantize(Decimal("0.5"))
    return items, capacity


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=3)
    opts = parser.parse_args()
    select([Item("warm-up", Decimal(1), 1)], Decimal(1))  # import HiGHS outside the timing
    print(f"Python {platform.python_version()}, {opts.seeds} random instances per size")
    print(
        "| items | dependency pairs | parting: best s | worst s | proven by | "
        "MIP alone: best s | worst s | greedy / optimum: min | mean |"
    )
    print("|--:|--:|--:|--:|---|--:|--:|--:|--:|")
    for n in SIZES:
        auto: list[float] = []
        mip: list[float] = []
        ratios: list[float] = []
        proofs: list[str] = []
        pairs = 0
        for seed in range(opts.seeds):
            items, capacity = instance(n, random.Random(seed))
            pairs = sum(len(i.depends_on) for i in items)
            start = time.perf_counter()
            best = select(items, capacity)
            auto.append(time.perf_counter() - start)
            proofs.append(best.proof)
            start = time.perf_counter()
            plain = select(items, capacity, method="mip")
            mip.append(time.perf_counter() - start)
            if plain.value != best.value:
                raise SystemExit(f"methods disagree on n={n} seed={seed}")
            ratios.append(greedy(items, capacity).value / best.value if best.value else 1.0)
        proven = ", ".join(f"{proofs.count(p)} {p}" for p in sorted(set(proofs)))
        print(
            f"| {n:,} | {pairs:,} | {min(auto):.3f} | {max(auto):.3f} | {proven} | "
            f"{min(mip):.3f} | {max(mip):.3f} | {min(ratios):.3f} | "
            f"{sum(ratios) / len(ratios):.3f} |"
        )


if __name__ == "__main__":
    main()
