"""The transition plan in words: each step of `parting.plan.transition` with its title and
detail, and the closure checklist, from the phrase module of the case's language. The
Markdown, HTML, PDF and calendar writers and package.json all read this one text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from parting.render import phrases

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.plan.transition import TransitionPlan


@dataclass(frozen=True)
class SaidStep:
    date: date
    kind: str
    title: str
    detail: str
    owner: str  # "provider" | "client" | "both"
    asset: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "title": self.title,
            "detail": self.detail,
            "owner": self.owner,
            "asset": self.asset,
        }


@dataclass(frozen=True)
class SaidPlan:
    steps: tuple[SaidStep, ...]
    checklist: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "steps": [step.to_json() for step in self.steps],
            "checklist": list(self.checklist),
        }

    def of_kind(self, *kinds: str) -> tuple[SaidStep, ...]:
        return tuple(step for step in self.steps if step.kind in kinds)


def say(plan: TransitionPlan, case: Case) -> SaidPlan:
    words = phrases.part(case.client.language, "transition").Words(case, plan.dates)
    return SaidPlan(
        steps=tuple(
            SaidStep(s.date, s.kind, words.title(s), words.detail(s), s.owner, s.asset)
            for s in plan.steps
        ),
        checklist=tuple(words.check(c) for c in plan.checklist),
    )


def holidays_skipped(plan: SaidPlan, case: Case) -> tuple[tuple[date, str], ...]:
    """Public holidays on weekdays between the first and the last step of the plan: the
    days the plan's dates step over, named for the reader."""
    from datetime import timedelta

    if not plan.steps:
        return ()
    cal = case.calendar
    skipped: list[tuple[date, str]] = []
    day, last = plan.steps[0].date, plan.steps[-1].date
    while day <= last:
        if day.weekday() < 5 and not cal.is_business_day(day):
            skipped.append((day, cal.holiday_name(day) or "public holiday"))
        day += timedelta(days=1)
    return tuple(skipped)
