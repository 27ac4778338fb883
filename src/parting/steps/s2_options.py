"""Step 2, alternatives: the paths forward offered instead of an abrupt stop.

This first version lists the paths the case offers with the facts the case file gives
(hours available, phase-out length, referral names). The exact reduced-scope optimum, the
matched referrals and the phase-out calendar are computed once the alternatives capability
lands; until then `options.md` says so plainly rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parting.model import Case
from parting.render.env import render

TITLES = {
    "reduce_scope": "Reduced scope",
    "refer": "Referral to another provider",
    "phase_out": "Gradual phase-out",
}


@dataclass(frozen=True)
class Offer:
    path: str
    title: str
    sentence: str  # how the letter offers it


@dataclass(frozen=True)
class Options:
    offers: tuple[Offer, ...]

    def to_json(self) -> dict[str, Any]:
        return {o.path: {"available": False, "offered": o.sentence} for o in self.offers}


def build(case: Case) -> Options:
    opts = case.options
    offers: list[Offer] = []
    for path in opts.offer:
        if path == "reduce_scope":
            hours = opts.hours_available
            sentence = (
                f"I can finish a reduced scope in the {hours} hours I still have, "
                "chosen with you for the most value to you"
            )
        elif path == "refer":
            names = [r.name for r in case.referrals]
            sentence = (
                "I can introduce you to " + _join(names) + ", who can take the work on"
                if names
                else "I can recommend another provider to take the work on"
            )
        else:
            sentence = (
                f"I can phase out gradually over {opts.phase_out_weeks} weeks, with "
                "tapering hours, while your next team takes over"
            )
        offers.append(Offer(path, TITLES[path], sentence))
    return Options(tuple(offers))


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def render_markdown(options: Options, case: Case) -> str:
    return render("options.md.j2", case, options=options)
