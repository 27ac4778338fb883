"""Step 2: the optimal reduced scope, the adjusted timeline, referrals and the phase-out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, MINIMAL
from parting.case.load import load_case, parse_case
from parting.core.business_days import calendar_for
from parting.plan import options as s2_options
from parting.plan.optimise import Item, greedy, select
from parting.plan.options import covers, finish_date, skill_words
from parting.plan.options import window as options_window
from parting.render import markdown

# --- the optimiser -----------------------------------------------------------------------


def _brute_force(
    items: list[Item], capacity: Decimal,
    limits: list[tuple[Decimal, list[str]]] | None = None,
) -> int:
    best = 0
    ids = [i.id for i in items]
    for mask in range(1 << len(items)):
        chosen = {ids[k] for k in range(len(items)) if mask >> k & 1}
        picked = [i for i in items if i.id in chosen]
        if sum((i.hours for i in picked), Decimal(0)) > capacity:
            continue
        if any(
            sum((i.hours for i in picked if i.id in row), Decimal(0)) > cap
            for cap, row in limits or []
        ):
            continue
        if any(d not in chosen for i in picked for d in i.depends_on):
            continue
        best = max(best, sum(i.value for i in picked))
    return best


@st.composite
def instances(draw: Any) -> tuple[list[Item], Decimal]:
    n = draw(st.integers(min_value=0, max_value=14))
    items = []
    for k in range(n):
        # prerequisites only among earlier items: no cycles, as the case file guarantees
        deps = draw(st.lists(st.integers(0, k - 1), max_size=2, unique=True)) if k else []
        hours = Decimal(draw(st.integers(0, 80))) / 2
        items.append(Item(f"i{k}", hours, draw(st.integers(1, 10)), tuple(f"i{d}" for d in deps)))
    capacity = Decimal(draw(st.integers(0, 200))) / 4
    return items, capacity


@settings(max_examples=150, deadline=None)
@given(instances())
def test_selection_is_feasible_and_optimal(instance: tuple[list[Item], Decimal]) -> None:
    items, capacity = instance
    optimum = _brute_force(items, capacity)
    by_id = {i.id: i for i in items}
    for method in ("auto", "mip"):
        result = select(items, capacity, method)
        chosen = set(result.selected)
        assert result.hours == sum((by_id[x].hours for x in chosen), Decimal(0))
        assert result.hours <= capacity
        assert all(d in chosen for x in chosen for d in by_id[x].depends_on)
        assert result.value == optimum
    assert greedy(items, capacity).value <= optimum


@settings(max_examples=80, deadline=None)
@given(instances(), st.data())
def test_with_due_date_rows_the_selection_is_feasible_and_optimal(
    instance: tuple[list[Item], Decimal], data: Any
) -> None:
    """The notice-period plan's rows: the work due by each date fits in the hours before it."""
    items, capacity = instance
    ids = [i.id for i in items]
    limits = [
        (Decimal(data.draw(st.integers(0, 120))) / 4,
         data.draw(st.lists(st.sampled_from(ids), unique=True)) if ids else [])
        for _ in range(data.draw(st.integers(0, 3)))
    ]
    optimum = _brute_force(items, capacity, limits)
    result = select(items, capacity, limits=limits)
    chosen = set(result.selected)
    by_id = {i.id: i for i in items}
    assert result.value == optimum
    for cap, row in limits:
        assert sum((by_id[x].hours for x in chosen if x in row), Decimal(0)) <= cap
    assert all(d in chosen for x in chosen for d in by_id[x].depends_on)


def test_greedy_value_per_hour_is_wrong_and_the_optimiser_is_right() -> None:
    items = [
        Item("rebrand", Decimal(10), 10),  # 1.0 per hour
        Item("newsletter", Decimal(6), 7),  # 1.17 per hour: greedy takes it first
        Item("faq", Decimal(5), 4),  # 0.8 per hour: then no longer fits
    ]
    assert greedy(items, Decimal(10)).selected == ("newsletter",)
    assert greedy(items, Decimal(10)).value == 7
    best = select(items, Decimal(10))
    assert best.selected == ("rebrand",)
    assert best.value == 10


def test_when_rounding_the_lp_falls_short_the_mip_finds_the_optimum() -> None:
    items = [
        Item("a", Decimal(6), 7),  # the LP takes a and 4/5 of b: bound 11
        Item("b", Decimal(5), 5),
        Item("c", Decimal(5), 5),
    ]
    best = select(items, Decimal(10))
    assert best.proof == "mip"  # rounding gives {a} = 7 < 11: branching was needed
    assert best.selected == ("b", "c")
    assert best.value == 10


def test_a_tight_lp_proves_the_optimum_without_branching() -> None:
    items = [Item("a", Decimal(4), 8), Item("b", Decimal(4), 6), Item("c", Decimal(4), 1)]
    best = select(items, Decimal(8))
    assert (best.selected, best.value, best.proof) == (("a", "b"), 14, "lp_bound")


def test_prerequisite_is_taken_with_its_dependent() -> None:
    items = [
        Item("api", Decimal(8), 1),
        Item("checkout", Decimal(8), 10, ("api",)),
        Item("blog", Decimal(8), 6),
    ]
    assert select(items, Decimal(16)).selected == ("api", "checkout")
    # without room for both, the dependent cannot be taken at all
    assert select(items, Decimal(15)).selected == ("blog",)


def test_decimal_hours_are_exact() -> None:
    items = [Item("a", Decimal("0.1"), 5), Item("b", Decimal("0.2"), 5)]
    assert select(items, Decimal("0.3")).selected == ("a", "b")  # 0.1 + 0.2 in floats > 0.3
    assert select(items, Decimal("0.29")).value == 5


def test_empty_and_zero_capacity() -> None:
    assert select([], Decimal(10)).selected == ()
    assert select([Item("a", Decimal(1), 3)], Decimal(0)).selected == ()
    assert select([Item("a", Decimal(0), 3)], Decimal(0)).selected == ("a",)


# --- the reduced scope in a case -----------------------------------------------------------


def test_harbor_foods_reduced_scope() -> None:
    case = load_case(DATA / "harbor-foods.yaml")
    scope = s2_options.reduce_scope(case)
    assert [i.deliverable.id for i in scope.selected] == ["ordering"]
    assert scope.hours == Decimal(16)
    assert scope.value == 9
    assert scope.money == Decimal("1200.00")  # 40 % of the 3000 fee still to earn
    # the letter goes out on Friday 1 May, the client chooses by Friday 8 May (a week: 5
    # business days); the 12.5 h the case already plans from 11 May share the pace of 20 h a
    # week, so 28.5 h at 4 h a day from Monday 11 May end on the eighth business day, 20 May
    assert scope.start == date(2026, 5, 11)
    assert options_window(case).planned == Decimal("12.5")
    assert scope.finish == date(2026, 5, 20)
    reasons = {i.deliverable.id: i.reason for i in scope.left_out}
    assert reasons == {"payments": "no_room", "tracking": "no_room"}


def test_no_option_books_more_hours_before_the_end_than_available() -> None:
    # 40 h available, but at 20 h a week only 7 business days remain after the reply date
    text = MINIMAL.replace("end_date: 2026-05-29", "end_date: 2026-05-19") + (
        "options:\n  offer: [reduce_scope, adjust_timeline, phase_out]\n"
        "  hours_available: 40\n  timeline_hours_per_week: 10\n"
    )
    text = text.replace("    depends_on: [design]\n", "    depends_on: [design]\n"
                        "    estimate_hours: 60\n")
    case = parse_case(text, Path("case.yaml"))
    options = s2_options.build(case)
    w = options.window
    assert (w.letter, w.reply_by, w.start, w.last_day) == (
        date(2026, 5, 1), date(2026, 5, 8), date(2026, 5, 11), date(2026, 5, 19)
    )
    assert w.business_days == 7
    scope = options.reduce_scope
    assert scope is not None and scope.capped and scope.hours_available == Decimal(28)
    t = options.timeline
    assert t is not None
    # before the end date within the hours left at the usual pace, the rest at 10 h a week
    assert (t.hours, t.hours_before_end, t.hours_after_end) == (60, 28, 32)
    # 32 h at 2 h a day from Wednesday 20 May: 16 business days, Memorial Day skipped
    assert t.finish == date(2026, 6, 11)
    # the phase-out books nothing before the end date: it is what follows it
    weeks = options.phase_out or ()
    assert [(w.start, w.hours, w.after_end) for w in weeks] == [
        (date(2026, 5, 20), Decimal(16), True), (date(2026, 5, 27), Decimal(12), True),
        (date(2026, 6, 3), Decimal(8), True), (date(2026, 6, 10), Decimal(4), True),
    ]  # tapering from 16 h, so that the four weeks ask no more than the 40 h available


def test_adjusted_timeline_only_when_offered_and_only_past_the_end() -> None:
    base = MINIMAL.replace("    depends_on: [design]\n",
                           "    depends_on: [design]\n    estimate_hours: 6\n")
    case = parse_case(base + "options:\n  offer: [reduce_scope]\n  hours_available: 8\n",
                      Path("case.yaml"))
    assert s2_options.build(case).timeline is None  # not offered
    case = parse_case(base + "options:\n  offer: [adjust_timeline]\n", Path("case.yaml"))
    assert s2_options.build(case).timeline is None  # all 6 h fit before the end date
    from parting.render import bundle

    warnings = [w.message for w in bundle.build(case).warnings]
    assert any("adjust_timeline: all the estimated work fits" in m for m in warnings)


def test_delivered_prerequisites_count_as_present_and_reasons_name_the_missing_one() -> None:
    text = MINIMAL + (
        "options:\n  offer: [reduce_scope]\n  hours_available: 12\n"
    )
    text = text.replace(
        "    depends_on: [design]\n",
        "    depends_on: [design]\n    estimate_hours: 20\n    value: 9\n"
        "  - id: shop\n    title: Shop\n    status: not_started\n    estimate_hours: 4\n"
        "    value: 10\n    depends_on: [build]\n"
        "  - id: blog\n    title: Blog\n    status: not_started\n    estimate_hours: 6\n"
        "    value: 2\n    depends_on: [design]\n",
    )
    case = parse_case(text, Path("case.yaml"))
    scope = s2_options.reduce_scope(case)
    assert [i.deliverable.id for i in scope.selected] == ["blog"]  # design is delivered
    reasons = {i.deliverable.id: (i.reason, i.needs) for i in scope.left_out}
    assert reasons["build"] == ("too_big", ())
    assert reasons["shop"] == ("dependency", ("Build",))
    md = markdown.options_md(s2_options.build(case), case)
    assert "| Build | 20 | 9 | needs 20 h, more than the 12 h available |" in md
    assert "| Shop | 4 | 10 | needs Build, which is left out |" in md


# --- business days: Easter in Germany, New Year in Japan ---------------------------------


def test_finish_date_crosses_easter_in_germany() -> None:
    de = calendar_for("DE")
    # 4 h a day from Thursday 2 April 2026; Good Friday (3 Apr) and Easter Monday (6 Apr) off
    assert finish_date(de, date(2026, 4, 2), Decimal(12), Decimal(20)) == date(2026, 4, 8)
    assert finish_date(calendar_for(None), date(2026, 4, 2), Decimal(12), Decimal(20)) == (
        date(2026, 4, 6)
    )


def test_finish_date_crosses_new_year_in_japan() -> None:
    jp = calendar_for("JP")
    # 4 h a day from Tuesday 30 Dec 2025: 30 Dec, 31 Dec, (1 Jan New Year's Day off), 2 Jan
    assert finish_date(jp, date(2025, 12, 30), Decimal(12), Decimal(20)) == date(2026, 1, 2)
    # 9 days: 30, 31 Dec, 2, 5-9 Jan, then Coming of Age Day (Monday 12 Jan) is skipped too
    assert finish_date(jp, date(2025, 12, 30), Decimal(36), Decimal(20)) == date(2026, 1, 13)
    assert finish_date(calendar_for(None), date(2025, 12, 30), Decimal(12), Decimal(20)) == (
        date(2026, 1, 1)
    )


def test_phase_out_weeks_start_on_business_days_across_easter() -> None:
    # the engagement ends on Maundy Thursday 2 April; the phase-out follows it
    text = (
        MINIMAL.replace("country: US", "country: DE")
        .replace("notice_given: 2026-05-01", "notice_given: 2026-03-20")
        .replace("end_date: 2026-05-29", "end_date: 2026-04-02")
        .replace("{date: 2026-05-04, hours: 2, deliverable: build}",
                 "{date: 2026-03-24, hours: 2, deliverable: build}")
        .replace("{date: 2026-05-05, hours: 1.5}", "{date: 2026-03-25, hours: 1.5}")
        + "options:\n  offer: [phase_out]\n  phase_out_weeks: 3\n  hours_per_week: 18\n"
    )
    case = parse_case(text, Path("case.yaml"))
    weeks = s2_options.phase_out(case)
    assert [(w.week, w.start, w.hours, w.focus, w.after_end) for w in weeks] == [
        # Good Friday (3 April) and Easter Monday (6 April) are skipped
        (1, date(2026, 4, 7), Decimal(18), ("finish",), True),
        (2, date(2026, 4, 14), Decimal(12), ("document",), True),
        (3, date(2026, 4, 21), Decimal(6), ("train", "hand_over"), True),
    ]


def test_phase_out_focus_spreads_over_the_weeks() -> None:
    from parting.plan.options import _focus

    assert [_focus(w, 1) for w in range(1)] == [("finish", "document", "train", "hand_over")]
    assert [_focus(w, 2) for w in range(2)] == [("finish", "document"), ("train", "hand_over")]
    assert [_focus(w, 6) for w in range(6)] == [
        ("finish",), ("finish",), ("document",), ("train",), ("train",), ("hand_over",),
    ]


# --- referrals ---------------------------------------------------------------------------


def test_skill_names_are_normalised() -> None:
    assert skill_words("E-commerce") == ("ecommerce",)
    assert covers("ecommerce", "E-Commerce")
    assert covers("Payments", "payment")
    assert covers("E-commerce platforms", "e-commerce")
    assert not covers("marketing", "marketing sites")
    assert not covers("business", "bus")


def test_referrals_ranked_by_needs_covered_and_none_without_a_match() -> None:
    text = MINIMAL + (
        "referrals:\n"
        "  - {name: Logo Lab, skills: [branding]}\n"
        "  - {name: Shopwright, contact: hi@shop.example, skills: [Ecommerce]}\n"
        "  - {name: Full Stack Co, skills: [E-commerce, Payments, hosting]}\n"
        "options:\n  offer: [refer]\n  needs: [e-commerce, payments, accessibility]\n"
    )
    case = parse_case(text, Path("case.yaml"))
    result = s2_options.refer(case)
    assert [(m.referral.name, m.matched) for m in result.ranked] == [
        ("Full Stack Co", ("e-commerce", "payments")),
        ("Shopwright", ("e-commerce",)),
    ]
    assert result.uncovered == ("accessibility",)
    assert result.not_recommended == ("Logo Lab",)
    options = s2_options.build(case)
    assert options.to_json()["refer"][0] == {
        "name": "Full Stack Co", "contact": None, "matched": ["e-commerce", "payments"],
        "skills": ["E-commerce", "Payments", "hosting"],
    }
    assert options.to_json()["unmatched_needs"] == ["accessibility"]


# --- the section in the package ----------------------------------------------------------


def test_only_offered_paths_appear() -> None:
    text = MINIMAL + "options:\n  offer: [phase_out]\n"
    case = parse_case(text, Path("case.yaml"))
    options = s2_options.build(case)
    assert set(options.to_json()) == {"reply_by", "phase_out"}
    md = markdown.options_md(options, case)
    assert "## Gradual phase-out" in md
    assert "Reduced scope" not in md and "Referral" not in md and "timeline" not in md


def test_package_json_shape_of_package_md() -> None:
    case = load_case(DATA / "harbor-foods.yaml")
    data = s2_options.build(case).to_json()
    assert {k: data["reduce_scope"][k] for k in ("selected", "hours", "value")} == {
        "selected": ["ordering"], "hours": 16, "value": 9,
    }
    assert [(r["name"], r["contact"], r["matched"]) for r in data["refer"]] == [
        ("Brightline Studio", "hello@brightline.example", ["e-commerce", "payments"]),
    ]
    assert data["phase_out"]["weeks"][0] == {
        "week": 1, "start": "2026-06-01", "hours": 6.25, "focus": "finish", "after_end": True,
    }
    # no more in all than the 16 h available: 6.25 + 4.5 + 3 + 1.5 = 15.25
    assert [w["hours"] for w in data["phase_out"]["weeks"]] == [6.25, 4.5, 3, 1.5]
    assert data["reply_by"] == "2026-05-08"
    assert "adjusted_timeline" not in data  # not in options.offer


def test_brute_force_helper_agrees_on_a_known_case() -> None:
    items = [Item(f"i{k}", Decimal(k + 1), k + 1) for k in range(4)]
    assert _brute_force(items, Decimal(5)) == 5
