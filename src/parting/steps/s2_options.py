"""Step 2, alternatives: concrete paths forward instead of an abrupt stop.

* Reduced scope: the outstanding deliverables that fit in `options.hours_available` with the
  greatest total value, prerequisites respected: an exact optimum (`parting.optimise`, HiGHS),
  with what is left out and why, the money it implies and the finish date at the provider's
  pace (`options.hours_per_week`).
* Adjusted timeline: all outstanding work at a slower weekly pace, with its finish date.
  Offered together with the reduced scope: the two answer the same question (less work, or
  the same work later).
* Referral: `referrals` ranked by how many of `options.needs` their skills cover, names
  compared after normalising ("E-commerce" = "ecommerce", "payments" = "payment"); a provider
  covering none is never recommended.
* Phase-out: `phase_out_weeks` weeks from the notice, hours tapering from the usual pace, each
  week starting on a business day of the client's country, each with its focus.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from parting import money, optimise
from parting.business_days import Calendar
from parting.model import Case, Deliverable, Referral
from parting.render.env import format_date, format_number, json_number, render

PATHS = ("reduce_scope", "refer", "phase_out")
TITLES = {
    "reduce_scope": "Reduced scope or adjusted timeline",
    "refer": "Referral to another provider",
    "phase_out": "Gradual phase-out",
}
FOCUS = ("finish the work in progress", "document", "train the successor", "hand over")


# --- reduced scope and adjusted timeline -------------------------------------------------


@dataclass(frozen=True)
class ScopeItem:
    deliverable: Deliverable
    hours: Decimal | None  # remaining estimate
    money: Decimal  # what completing it costs the client: remaining fee, or hours x rate
    reason: str | None = None  # why it is left out

    def to_json(self, currency: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.deliverable.id,
            "title": self.deliverable.title,
            "hours": None if self.hours is None else json_number(self.hours),
            "value": self.deliverable.value,
            "money": money.to_json(self.money, currency),
        }
        if self.reason is not None:
            data["reason"] = self.reason
        return data


@dataclass(frozen=True)
class ReducedScope:
    hours_available: Decimal
    hours_per_week: Decimal
    selected: tuple[ScopeItem, ...]
    left_out: tuple[ScopeItem, ...]
    hours: Decimal
    value: int
    value_outstanding: int
    money: Decimal
    start: date
    finish: date

    def to_json(self, currency: str) -> dict[str, Any]:
        return {
            "selected": [i.deliverable.id for i in self.selected],
            "hours": json_number(self.hours),
            "value": self.value,
            "value_outstanding": self.value_outstanding,
            "hours_available": json_number(self.hours_available),
            "money": money.to_json(self.money, currency),
            "start": self.start.isoformat(),
            "finish": self.finish.isoformat(),
            "hours_per_week": json_number(self.hours_per_week),
            "items": [i.to_json(currency) for i in self.selected],
            "left_out": [i.to_json(currency) for i in self.left_out],
        }


@dataclass(frozen=True)
class Timeline:
    hours: Decimal
    hours_per_week: Decimal
    start: date
    finish: date
    money: Decimal

    def to_json(self, currency: str) -> dict[str, Any]:
        return {
            "hours": json_number(self.hours),
            "hours_per_week": json_number(self.hours_per_week),
            "start": self.start.isoformat(),
            "finish": self.finish.isoformat(),
            "money": money.to_json(self.money, currency),
        }


def _completion_money(case: Case, d: Deliverable) -> Decimal:
    if d.fee is not None:
        return case.round(d.fee * (1 - d.completion))
    rate = case.contract.hourly_rate or Decimal(0)
    return case.round((d.estimate_hours or Decimal(0)) * rate)


def finish_date(calendar: Calendar, start: date, hours: Decimal, per_week: Decimal) -> date:
    """The business day on which `hours` of work end at `per_week` hours a week (a fifth of
    it each business day), counting `start` (rolled to a business day) as the first day."""
    first = calendar.on_or_after(start)
    days = math.ceil(hours / (per_week / 5)) if hours > 0 else 1
    return calendar.add_business_days(first, days - 1)


def reduce_scope(case: Case) -> ReducedScope:
    opts = case.options
    capacity = opts.hours_available if opts.hours_available is not None else Decimal(0)
    outstanding = [d for d in case.deliverables if not d.delivered]
    open_ids = {d.id for d in outstanding}
    items = [
        optimise.Item(
            d.id, d.estimate_hours, d.value, tuple(x for x in d.depends_on if x in open_ids)
        )
        for d in outstanding
        if d.estimate_hours is not None
    ]
    chosen = set(optimise.select(items, capacity).selected)
    titles = {d.id: d.title for d in case.deliverables}
    selected: list[ScopeItem] = []
    left_out: list[ScopeItem] = []
    used = sum((d.estimate_hours or Decimal(0) for d in outstanding if d.id in chosen), Decimal(0))
    for d in outstanding:
        cost = _completion_money(case, d)
        if d.id in chosen:
            selected.append(ScopeItem(d, d.estimate_hours, cost))
            continue
        missing = [x for x in d.depends_on if x in open_ids and x not in chosen]
        if d.estimate_hours is None:
            reason = "no estimate_hours: its size is unknown"
        elif missing:
            reason = "dependency: needs " + ", ".join(titles[x] for x in missing) + ", left out"
        elif d.estimate_hours > capacity:
            reason = f"hours: needs {d.estimate_hours} h, more than the {capacity} h available"
        else:
            left = capacity - used
            reason = (
                f"hours: needs {d.estimate_hours} h, {left} h left after higher-value items"
            )
        left_out.append(ScopeItem(d, d.estimate_hours, cost, reason))
    start = case.calendar.on_or_after(case.engagement.notice_given)
    return ReducedScope(
        hours_available=capacity,
        hours_per_week=opts.hours_per_week,
        selected=tuple(selected),
        left_out=tuple(left_out),
        hours=used,
        value=sum(i.deliverable.value for i in selected),
        value_outstanding=sum(d.value for d in outstanding),
        money=sum((i.money for i in selected), Decimal(0)),
        start=start,
        finish=finish_date(case.calendar, start, used, opts.hours_per_week),
    )


def timeline(case: Case) -> Timeline:
    outstanding = [d for d in case.deliverables if not d.delivered]
    hours = sum((d.estimate_hours or Decimal(0) for d in outstanding), Decimal(0))
    pace = case.options.slower_pace
    start = case.calendar.on_or_after(case.engagement.notice_given)
    return Timeline(
        hours=hours,
        hours_per_week=pace,
        start=start,
        finish=finish_date(case.calendar, start, hours, pace),
        money=sum((_completion_money(case, d) for d in outstanding), Decimal(0)),
    )


# --- referrals ---------------------------------------------------------------------------


def _norm_word(word: str) -> str:
    word = re.sub(r"[^0-9a-z]", "", word)
    # A plain plural matches its singular: "payments" = "payment".
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def skill_words(text: str) -> tuple[str, ...]:
    """"E-commerce" -> ("ecommerce",); "Marketing sites" -> ("marketing", "site")."""
    folded = unicodedata.normalize("NFKD", text).casefold()
    return tuple(w for w in (_norm_word(p) for p in re.split(r"[\s/&,+]+", folded)) if w)


def covers(skill: str, need: str) -> bool:
    """A skill covers a need when every word of the need is among the skill's words."""
    need_words = skill_words(need)
    return bool(need_words) and set(need_words) <= set(skill_words(skill))


@dataclass(frozen=True)
class Match:
    referral: Referral
    matched: tuple[str, ...]  # the needs it covers, as the case spells them

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.referral.name,
            "contact": self.referral.contact,
            "matched": list(self.matched),
            "skills": list(self.referral.skills),
        }


@dataclass(frozen=True)
class Referrals:
    ranked: tuple[Match, ...]  # best first; only those covering at least one need
    uncovered: tuple[str, ...]  # needs nobody covers
    not_recommended: tuple[str, ...]  # referral names covering no need


def refer(case: Case) -> Referrals:
    needs = case.options.needs
    matches: list[Match] = []
    for r in case.referrals:
        matched = tuple(n for n in needs if any(covers(s, n) for s in r.skills))
        matches.append(Match(r, matched))
    ranked = sorted(
        (m for m in matches if m.matched), key=lambda m: -len(m.matched)
    )  # stable: ties keep the case file's order
    covered = {n for m in ranked for n in m.matched}
    return Referrals(
        ranked=tuple(ranked),
        uncovered=tuple(n for n in needs if n not in covered),
        not_recommended=tuple(m.referral.name for m in matches if not m.matched),
    )


# --- phase-out ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    week: int
    start: date
    hours: Decimal
    focus: str

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "start": self.start.isoformat(),
            "hours": json_number(self.hours),
            "focus": self.focus,
        }


def _focus(week: int, weeks: int) -> str:
    """Spread the four focuses over the weeks: each week gets one, or several when the
    phase-out is shorter than four weeks."""
    first = week * len(FOCUS) // weeks
    last = max(first, (week + 1) * len(FOCUS) // weeks - 1)
    parts = list(FOCUS[first : last + 1])
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def phase_out(case: Case) -> tuple[Week, ...]:
    weeks = case.options.phase_out_weeks
    pace = case.options.hours_per_week
    notice = case.engagement.notice_given
    out: list[Week] = []
    for w in range(weeks):
        start = case.calendar.on_or_after(notice + timedelta(weeks=w))
        hours = (pace * (weeks - w) / weeks).quantize(Decimal("0.5"), rounding=ROUND_HALF_UP)
        out.append(Week(w + 1, start, hours, _focus(w, weeks)))
    return tuple(out)


# --- the section -------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    offered: tuple[str, ...]
    reduce_scope: ReducedScope | None
    timeline: Timeline | None
    refer: Referrals | None
    phase_out: tuple[Week, ...] | None
    currency: str
    sentences: tuple[str, ...]  # how the letter offers each path

    @property
    def refer_matches(self) -> bool:
        return self.refer is not None and bool(self.refer.ranked)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.reduce_scope is not None:
            data["reduce_scope"] = self.reduce_scope.to_json(self.currency)
        if self.timeline is not None:
            data["adjusted_timeline"] = self.timeline.to_json(self.currency)
        if self.refer is not None:
            data["refer"] = [m.to_json() for m in self.refer.ranked]
            data["unmatched_needs"] = list(self.refer.uncovered)
        if self.phase_out is not None:
            data["phase_out"] = {"weeks": [w.to_json() for w in self.phase_out]}
        return data


def build(case: Case) -> Options:
    offered = tuple(p for p in PATHS if p in case.options.offer)
    scope = reduce_scope(case) if "reduce_scope" in offered else None
    slower = timeline(case) if scope is not None and scope.left_out else None
    referrals = refer(case) if "refer" in offered else None
    weeks = phase_out(case) if "phase_out" in offered else None
    sentences = _sentences(case, scope, slower, referrals, weeks)
    return Options(offered, scope, slower, referrals, weeks, case.currency, sentences)


def _sentences(
    case: Case,
    scope: ReducedScope | None,
    slower: Timeline | None,
    referrals: Referrals | None,
    weeks: tuple[Week, ...] | None,
) -> tuple[str, ...]:
    def d(day: date) -> str:
        return format_date(day, case.locale)

    def n(value: Decimal) -> str:
        return format_number(value.normalize(), case.locale)

    out: list[str] = []
    if scope is not None and scope.selected:
        names = _join([i.deliverable.title for i in scope.selected], "and")
        out.append(
            f"A reduced scope: with the {n(scope.hours_available)} hours I still have, I can "
            f"complete {names} ({n(scope.hours)} h, {case.format_money(scope.money)}) by "
            f"{d(scope.finish)}."
        )
    if slower is not None:
        out.append(
            f"An adjusted timeline: I can complete all {n(slower.hours)} remaining hours at "
            f"{n(slower.hours_per_week)} hours a week, finishing on {d(slower.finish)}."
        )
    if referrals is not None and referrals.ranked:
        best = referrals.ranked[0]
        contact = f" ({best.referral.contact})" if best.referral.contact else ""
        text = (
            f"A referral: {best.referral.name}{contact} covers "
            f"{_join(list(best.matched), 'and')}, and I am glad to introduce you"
        )
        others = [m.referral.name for m in referrals.ranked[1:]]
        if others:
            text += f"; {_join(others, 'and')} would also be a good fit for part of the work"
        out.append(text + ".")
    if weeks:
        first, last = weeks[0], weeks[-1]
        out.append(
            f"A gradual phase-out over {len(weeks)} weeks: {n(first.hours)} hours in the week "
            f"of {d(first.start)}, tapering to {n(last.hours)} hours in the week of "
            f"{d(last.start)}, to finish the work in progress, document, train your next team "
            "and hand over."
        )
    return tuple(out)


def _join(names: list[str], word: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {word} " + names[-1]



def render_markdown(options: Options, case: Case) -> str:
    return render("options.md.j2", case, options=options)
