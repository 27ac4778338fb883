"""The Markdown documents of the package (status, options, settlement, transition plan, the
letter), rendered from the plan's data with the templates in `templates/`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parting.plan import settlement as s6
from parting.render.env import render, table_cell

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.plan.options import Options
    from parting.plan.settlement import Line, Settlement
    from parting.plan.status import Status
    from parting.render.letter import LetterText
    from parting.render.transition import SaidPlan, SaidStep


def status_md(status: Status, case: Case) -> str:
    return render("status.md.j2", case, status=status)


def options_md(options: Options, case: Case) -> str:
    return render("options.md.j2", case, options=options, ph=phrases_for(case))


def phrases_for(case: Case) -> Any:
    """The phrases of the case's language and tone, for the provider's documents."""
    from parting.render import phrases

    return phrases.for_case(case, case.engagement.notice_given.year)


def letter_md(letter: LetterText, case: Case) -> str:
    return render("letter.md.j2", case, letter=letter)


# --- settlement.md -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    item: str  # the description, escaped for a Markdown table cell
    amount: str  # formatted in the client's locale


@dataclass(frozen=True)
class _Group:
    heading: str
    rows: tuple[_Row, ...]
    total: Decimal


# The parts of the final invoice in settlement.md: heading, line kinds, Settlement total.
_FINAL_INVOICE_GROUPS = (
    ("Unbilled time", (s6.TIME,), "unbilled_time"),
    ("Retainer", (s6.RETAINER, s6.RETAINER_ADVANCE), "retainer"),
    ("Fixed fees", (s6.FIXED_FEE, s6.FIXED_FEE_ADVANCE), "fixed_fees"),
    ("Expenses", (s6.EXPENSE,), "expenses"),
    ("Kill fee", (s6.KILL_FEE,), "kill_fee"),
    ("Pay in lieu of notice", (s6.NOTICE_PAY,), "notice_pay"),
    ("Late fees", (s6.LATE_FEE,), "late_fees_charged"),
    ("Statutory interest", (s6.STATUTORY_INTEREST,), "statutory_interest"),
    ("Fixed compensation for late payment", (s6.STATUTORY_COMPENSATION,),
     "statutory_compensation"),
)


def settlement_md(
    settlement: Settlement, case: Case, estimate_on: dt.date | None = None
) -> str:
    """settlement.md for the client's bookkeeper, in the letter's locale. With `estimate_on`
    (the notice letter's date) it is the estimate of the first stage: time and expenses dated
    after the letter are marked planned, and the final invoice gives the final figures."""

    from parting.render.settlement import describer

    describe = describer(settlement, case.client.language)

    def is_planned(line: Line) -> bool:
        return estimate_on is not None and s6.planned_after(line, estimate_on)

    def rows(*kinds: str) -> tuple[_Row, ...]:
        # Line amounts are formatted here, memoised in money.format_money (thousands of time
        # lines share a few amounts); the template formats the totals itself with `money`.
        return tuple(
            _Row(
                table_cell(describe(line) + (" (planned)" if is_planned(line) else "")),
                case.format_money(line.amount),
            )
            for line in settlement.lines_of(*kinds)
        )

    planned = sum((x.amount for x in settlement.lines if is_planned(x)), Decimal(0))

    groups = [
        _Group(heading, group_rows, getattr(settlement, total))
        for heading, kinds, total in _FINAL_INVOICE_GROUPS
        if (group_rows := rows(*kinds))
    ]
    return render(
        "settlement.md.j2",
        case,
        s=settlement,
        final_invoice_groups=groups,
        unpaid=rows(s6.UNPAID_INVOICE),
        credits=rows(s6.DEPOSIT_CREDIT, s6.PREPAID_CREDIT),
        waived=settlement.lines_of(s6.LATE_FEE_WAIVED),
        retained=settlement.deposit_retained,
        estimate_on=estimate_on,
        planned=planned,
    )


# --- transition.md -----------------------------------------------------------------------


def transition_md(plan: SaidPlan, case: Case) -> str:
    from parting.plan.transition import article
    from parting.render.transition import holidays_skipped

    owners = {
        "provider": case.provider.business or case.provider.name,
        "client": case.client.name,
        "both": "Both",
    }
    skipped = holidays_skipped(plan, case)
    personal = [a for a in case.assets if a.personal_data]
    by_asset: dict[str, list[SaidStep]] = {}
    for step in plan.steps:
        if step.asset is not None:
            by_asset.setdefault(step.asset, []).append(step)
    return render(
        "transition.md.j2",
        case,
        plan=plan,
        owners=owners,
        skipped=skipped,
        personal=personal,
        by_asset=by_asset,
        gdpr=article(case.client.country),
        end_step=next((s for s in plan.steps if s.kind == "end"), None),
        due_step=next((s for s in plan.steps if s.kind == "payment_due"), None),
        notice_step=next((s for s in plan.steps if s.kind == "notice"), None),
    )
