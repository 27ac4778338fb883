"""Step 2, alternatives: concrete paths forward instead of an abrupt stop, only those the case
lists in `options.offer`, and never more of the provider's hours before the end date than
`options.hours_available`.

The client is asked to choose by `reply_by` (a week: five business days after the letter, at
the latest the last working day; readers of rounds 9 and 10 found three days too short);
every option starts on the business day after that.

* Reduced scope: the outstanding deliverables that fit in the hours still available before the
  end date with the greatest total value, prerequisites respected: an exact optimum
  (`parting.plan.optimise`, HiGHS), with what is left out and why, the money it adds and the
  finish date at the provider's pace (`options.hours_per_week`).
* Adjusted timeline: all outstanding work at a slower weekly pace
  (`options.timeline_hours_per_week`), running past the end date: the hours before the end
  date within `hours_available`, the rest after it, billed as the contract bills the work.
  Not offered when everything fits before the end date (then it is no adjustment).
* Referral: `referrals` ranked by how many of `options.needs` their skills cover, names
  compared after normalising ("E-commerce" = "ecommerce", "payments" = "payment"); a provider
  covering none is never recommended.
* Phase-out: `phase_out_weeks` weeks after the end date, hours tapering from the usual pace,
  billed on top of the settlement: support instead of a clean stop.
* Hours the case already plans between the reply date and the end date (time entries dated
  then) share the provider's pace: the options get what is left of it.

Data only: the sentences that offer each path are in `parting.render.phrases`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from parting.case.model import Case, Deliverable, Referral
from parting.core import money
from parting.core.business_days import Calendar
from parting.core.fmt import json_number
from parting.plan import optimise
from parting.plan.transition import notice_and_last_day

PATHS = ("reduce_scope", "adjust_timeline", "refer", "phase_out")
#: What each phase-out week is for, as codes (the phrases name them).
FOCUS = ("finish", "document", "train", "hand_over")
#: Business days the client has to choose an option, counted from the letter.
REPLY_DAYS = 5


def _quarter_floor(hours: Decimal) -> Decimal:
    return (hours * 4).to_integral_value(rounding=ROUND_FLOOR) / 4


# --- the window ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    """The days the options share: the letter, the reply, the work before the end."""

    letter: date  # the notice, rolled to a business day (as the transition plan does)
    reply_by: date
    start: date  # first business day of any option
    last_day: date  # last business day on or before the end date
    end: date
    business_days: int  # in [start, last_day]
    planned: Decimal  # hours the case already has in [start, last_day]: the pace is shared


def window(case: Case) -> Window:
    cal = case.calendar
    letter, last_day = notice_and_last_day(case, cal)  # as the transition plan has them
    reply_by = max(letter, min(cal.add_business_days(letter, REPLY_DAYS), last_day))
    start = cal.add_business_days(reply_by, 1)
    days = cal.business_days_between(start - timedelta(days=1), last_day)  # [start, W]
    planned = sum(
        (t.hours for t in case.time_entries if start <= t.date <= last_day), Decimal(0)
    )
    return Window(letter, reply_by, start, last_day, case.end_date, days, planned)


def _capacity(case: Case, w: Window, per_week: Decimal) -> Decimal:
    """Hours the provider can give before the end date at `per_week`, besides the hours the
    case already plans there, within `hours_available` when it is given."""
    at_pace = max(Decimal(0), _quarter_floor(per_week * w.business_days / 5 - w.planned))
    given = case.options.hours_available
    return at_pace if given is None else min(given, at_pace)


# --- reduced scope ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScopeItem:
    deliverable: Deliverable
    hours: Decimal | None  # remaining estimate
    money: Decimal  # what completing it adds: remaining fee, or hours x rate
    reason: str | None = None  # why it is left out: no_estimate | dependency | too_big | no_room
    needs: tuple[str, ...] = ()  # dependency: the titles of the missing prerequisites
    finish: date | None = None  # selected: the day it is done, the earliest due done first

    def to_json(self, currency: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.deliverable.id,
            "title": self.deliverable.title,
            "hours": None if self.hours is None else json_number(self.hours),
            "value": self.deliverable.value,
            "money": money.to_json(self.money, currency),
        }
        if self.finish is not None:
            data["finish"] = self.finish.isoformat()
        if self.reason is not None:
            data["reason"] = self.reason
        if self.needs:
            data["needs"] = list(self.needs)
        return data


@dataclass(frozen=True)
class ReducedScope:
    hours_available: Decimal  # before the end date, at the provider's pace
    hours_per_week: Decimal
    selected: tuple[ScopeItem, ...]
    left_out: tuple[ScopeItem, ...]
    hours: Decimal
    value: int
    value_outstanding: int
    money: Decimal
    start: date
    finish: date
    capped: bool  # hours_available did not fit before the end date at this pace

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


def reduce_scope(
    case: Case, w: Window | None = None, deadlines: bool = False, start: date | None = None
) -> ReducedScope:
    """The optimum of package.md: the outstanding work with the greatest total `value` that
    fits in the hours. With `deadlines`, work due on or before the end date comes first: the
    exact optimum of (value of that work, then total value), the plan the letter proposes
    for the notice period (readers of rounds 7-12 rejected a plan that left a clinic's
    opening or a catalogue due before the end "for whoever takes over")."""
    w = w or window(case)
    # the work starts after the reply date, unless it is the default (`start`): then at once
    first_day = start or w.start
    opts = case.options
    capacity = _capacity(case, w, opts.hours_per_week)
    given = opts.hours_available if opts.hours_available is not None else Decimal(0)
    capacity = min(capacity, given)
    outstanding = [d for d in case.deliverables if not d.delivered]
    open_ids = {d.id for d in outstanding}
    # Lexicographic by weight: a bonus above every total value possible for work due by the
    # end date keeps the objective in integers, so the optimum stays exact.
    bonus = sum(d.value for d in outstanding) + 1 if deadlines else 0
    items = [
        optimise.Item(
            d.id,
            d.estimate_hours,
            d.value + (bonus if d.due is not None and d.due <= case.end_date else 0),
            tuple(x for x in d.depends_on if x in open_ids),
        )
        for d in outstanding
        if d.estimate_hours is not None
    ]
    limits: list[tuple[Decimal, list[str]]] = []
    if deadlines:
        # each piece of work due by the end date finished by its due date: the work due by a
        # date fits in the hours before it at this pace (round 14: a live event planned two
        # days after it happened, as three items due in turn could not all be met)
        days = sorted({
            d.due for d in outstanding
            if d.due is not None and d.estimate_hours is not None
            and first_day <= d.due <= case.end_date
        })
        for day in days:
            before = case.calendar.business_days_between(first_day - timedelta(days=1), day)
            booked = sum(
                (t.hours for t in case.time_entries if first_day <= t.date <= day), Decimal(0)
            )
            room = max(Decimal(0), _quarter_floor(opts.hours_per_week * before / 5 - booked))
            limits.append((room, [
                d.id for d in outstanding
                if d.due is not None and d.due <= day and d.estimate_hours is not None
            ]))
    chosen = set(optimise.select(items, capacity, limits=limits).selected)
    titles = {d.id: d.title for d in case.deliverables}
    selected: list[ScopeItem] = []
    left_out: list[ScopeItem] = []
    used = sum((d.estimate_hours or Decimal(0) for d in outstanding if d.id in chosen), Decimal(0))
    for d in outstanding:
        cost = _completion_money(case, d)
        if d.id in chosen:
            selected.append(ScopeItem(d, d.estimate_hours, cost))
            continue
        missing = tuple(titles[x] for x in d.depends_on if x in open_ids and x not in chosen)
        if d.estimate_hours is None:
            reason = "no_estimate"
        elif missing:
            reason = "dependency"
        elif d.estimate_hours > capacity:
            reason = "too_big"
        else:
            reason = "no_room"
        left_out.append(ScopeItem(d, d.estimate_hours, cost, reason, missing))
    # Work in the order it is due (undated last, prerequisites kept before their dependents):
    # each item's own finish date, which the letter gives beside its due date.
    waiting = sorted(selected, key=lambda i: i.deliverable.due or date.max)
    ids = {i.deliverable.id for i in selected}
    order: list[ScopeItem] = []
    ordered: set[str] = set()
    while waiting:  # the earliest due whose prerequisites are done
        ready = next(
            i for i in waiting
            if all(x not in ids or x in ordered for x in i.deliverable.depends_on)
        )
        order.append(ready)
        ordered.add(ready.deliverable.id)
        waiting.remove(ready)
    done = w.planned
    finished: dict[str, date] = {}
    for i in order:
        done += i.hours or Decimal(0)
        finished[i.deliverable.id] = finish_date(
            case.calendar, first_day, done, opts.hours_per_week
        )
    selected = [replace(i, finish=finished[i.deliverable.id]) for i in selected]
    return ReducedScope(
        hours_available=capacity,
        hours_per_week=opts.hours_per_week,
        selected=tuple(selected),
        left_out=tuple(left_out),
        hours=used,
        value=sum(i.deliverable.value for i in selected),
        value_outstanding=sum(d.value for d in outstanding),
        money=sum((i.money for i in selected), Decimal(0)),
        start=first_day,
        finish=finish_date(case.calendar, first_day, used + w.planned, opts.hours_per_week)
        if used
        else first_day,
        capped=opts.hours_available is not None and capacity < opts.hours_available,
    )


# --- adjusted timeline -------------------------------------------------------------------


@dataclass(frozen=True)
class Timeline:
    hours: Decimal  # all the estimated outstanding work
    hours_before_end: Decimal
    hours_after_end: Decimal
    hours_per_week: Decimal
    start: date
    resume: date  # first business day after the end date, where the extra time starts
    finish: date
    money: Decimal  # what completing everything adds to the settlement
    hourly_rate: Decimal | None
    unestimated: tuple[str, ...]  # titles of outstanding work without an estimate
    fixed_fees: bool  # some of the work is on a fixed fee
    within_available: bool  # the hours before the end date are those of hours_available

    def to_json(self, currency: str) -> dict[str, Any]:
        return {
            "hours": json_number(self.hours),
            "hours_before_end": json_number(self.hours_before_end),
            "hours_after_end": json_number(self.hours_after_end),
            "hours_per_week": json_number(self.hours_per_week),
            "start": self.start.isoformat(),
            "finish": self.finish.isoformat(),
            "money": money.to_json(self.money, currency),
            "unestimated": list(self.unestimated),
        }


def timeline(case: Case, w: Window | None = None) -> Timeline | None:
    """All outstanding work at the slower pace, past the end date; None when it all fits
    before the end date (that would be no adjustment at all)."""
    w = w or window(case)
    outstanding = [d for d in case.deliverables if not d.delivered]
    hours = sum((d.estimate_hours or Decimal(0) for d in outstanding), Decimal(0))
    pace = case.options.slower_pace
    # With hours_available, the work before the end date uses the hours left (at the usual
    # pace); without, it runs at the slower pace from the start.
    given = case.options.hours_available is not None
    before = min(_capacity(case, w, case.options.hours_per_week if given else pace), hours)
    after = hours - before
    if after <= 0:
        return None
    resume = case.calendar.on_or_after(case.end_date + timedelta(days=1))
    return Timeline(
        hours=hours,
        hours_before_end=before,
        hours_after_end=after,
        hours_per_week=pace,
        start=w.start,
        resume=resume,
        finish=finish_date(case.calendar, resume, after, pace),
        money=sum((_completion_money(case, d) for d in outstanding), Decimal(0)),
        hourly_rate=case.contract.hourly_rate,
        unestimated=tuple(d.title for d in outstanding if d.estimate_hours is None),
        fixed_fees=any(d.fee is not None for d in outstanding),
        within_available=given,
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
    focus: tuple[str, ...]  # codes from FOCUS
    after_end: bool  # starts after the end date: billed on top of the settlement

    def to_json(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "start": self.start.isoformat(),
            "hours": json_number(self.hours),
            "focus": ", ".join(self.focus),
            "after_end": self.after_end,
        }


def _focus(week: int, weeks: int) -> tuple[str, ...]:
    """Spread the four focuses over the weeks: each week gets one, or several when the
    phase-out is shorter than four weeks."""
    first = week * len(FOCUS) // weeks
    last = max(first, (week + 1) * len(FOCUS) // weeks - 1)
    return FOCUS[first : last + 1]


def phase_out(case: Case, w: Window | None = None) -> tuple[Week, ...]:
    """Weeks of tapering hours after the end date, instead of a clean stop: from the first
    business day past the end date, starting at the usual pace (`hours_per_week`) and
    tapering to a quarter of it, each week billed as the contract bills hours. It books none
    of the hours before the end date (those are the other options')."""
    w = w or window(case)
    weeks = case.options.phase_out_weeks
    pace = case.options.hours_per_week
    given = case.options.hours_available
    if given is not None:
        # Never more hours in all than I say I have: a tapering pace p sums to p(n+1)/2
        # (readers of rounds 9 and 10: "offers 27.5 hours where 14 are available").
        pace = min(pace, _quarter_floor(given * 2 / (weeks + 1)))
    first = case.calendar.on_or_after(case.end_date + timedelta(days=1))
    starts = [case.calendar.on_or_after(first + timedelta(weeks=i)) for i in range(weeks)]
    hours = [_quarter_floor(pace * (weeks - i) / weeks) for i in range(weeks)]
    return tuple(
        Week(i + 1, starts[i], hours[i], _focus(i, weeks), True)
        for i in range(weeks)
        if hours[i] > 0
    )


# --- the section -------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    offered: tuple[str, ...]
    window: Window
    reduce_scope: ReducedScope | None
    timeline: Timeline | None
    refer: Referrals | None
    phase_out: tuple[Week, ...] | None
    currency: str
    hourly_rate: Decimal | None
    # the reduced scope with the work due by the end date first, each by its due date, dated
    # from the day after the letter: the notice period's plan
    plan: ReducedScope | None = None

    @property
    def plan_scope(self) -> ReducedScope | None:
        """The scope the letter proposes for the notice period, when it takes any work."""
        return self.plan if self.plan is not None and self.plan.selected else None

    @property
    def deadlines_first(self) -> ReducedScope | None:
        """The plan, where it takes other work than the reduced scope of package.md."""
        if self.plan is None or self.reduce_scope is None:
            return None
        ids = {i.deliverable.id for i in self.plan.selected}
        return None if ids == {i.deliverable.id for i in self.reduce_scope.selected} else self.plan

    @property
    def refer_matches(self) -> bool:
        return self.refer is not None and bool(self.refer.ranked)

    @property
    def any(self) -> bool:
        """Is any option actually offered in the letter?"""
        return bool(
            (self.reduce_scope is not None and self.reduce_scope.selected)
            or self.timeline is not None
            or self.refer_matches
            or self.phase_out
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"reply_by": self.window.reply_by.isoformat()}
        if self.reduce_scope is not None:
            data["reduce_scope"] = self.reduce_scope.to_json(self.currency)
        if self.deadlines_first is not None:
            data["reduce_scope_deadlines_first"] = self.deadlines_first.to_json(self.currency)
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
    w = window(case)
    scope = reduce_scope(case, w) if "reduce_scope" in offered else None
    plan = None
    if scope is not None:
        # The plan is the default: the work starts at once.
        early = case.calendar.add_business_days(w.letter, 1)
        plan = reduce_scope(case, w, deadlines=True, start=early)
    slower = timeline(case, w) if "adjust_timeline" in offered else None
    referrals = refer(case) if "refer" in offered else None
    weeks = phase_out(case, w) if "phase_out" in offered else None
    return Options(
        offered, w, scope, slower, referrals, weeks, case.currency, case.contract.hourly_rate,
        plan,
    )
