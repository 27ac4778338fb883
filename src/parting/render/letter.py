"""The letter as text: the letter plan (`parting.plan.letter`) said in the case's language and
tone by its phrase module (`parting.render.phrases`), as paragraphs and lists that the
Markdown, HTML and e-mail writers lay out the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parting.render import phrases

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.plan.letter import Handover, LetterPlan


@dataclass(frozen=True)
class Block:
    """A paragraph (`items` empty) or a list with its lead-in (`text`) and items."""

    text: str
    items: tuple[str, ...] = ()
    after: str = ""  # a line under the list (the balance, the request to choose)
    heading: str = ""  # a short heading over the block
    # a table under the text: its header, then its rows (the handover: when, what, notes)
    table: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class LetterText:
    language: str
    subject: str
    greeting: str
    blocks: tuple[Block, ...]
    closing: str
    signature: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "subject": self.subject,
            "greeting": self.greeting,
            "blocks": [
                {
                    "heading": b.heading, "text": b.text, "items": list(b.items),
                    "table": [list(row) for row in b.table], "after": b.after,
                }
                for b in self.blocks
            ],
            "closing": self.closing,
            "signature": list(self.signature),
        }

    def body(self, markdown: bool = False) -> str:
        """From the greeting to the signature, as plain text (Markdown lists); `markdown`
        marks the headings as Markdown headings (letter.md), plain text keeps them as lines
        (the e-mail's text part)."""
        out = [self.greeting]
        for b in self.blocks:
            if b.heading:
                out.append(f"## {b.heading}" if markdown else b.heading)
            if b.text:
                out.append(b.text)
            if b.items:
                out.append("\n".join(f"- {i}" for i in b.items))
            if b.table:
                out.append(_table(b.table) if markdown else "\n".join(
                    "- " + " ".join(x for x in (f"{row[0]}: {row[1]}", *row[2:]) if x)
                    for row in b.table[1:]
                ))
            if b.after:
                out.append(b.after)
        out.append("\n".join((self.closing, *self.signature)))
        return "\n\n".join(out) + "\n"


def _table(rows: tuple[tuple[str, ...], ...]) -> str:
    """A Markdown (GFM) table; a "|" in a cell is escaped."""
    def line(row: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in row) + " |"

    return "\n".join([line(rows[0]), "|" + "---|" * len(rows[0]), *map(line, rows[1:])])


def render(plan: LetterPlan, case: Case) -> LetterText:
    lang = case.client.language
    ph = phrases.for_case(case, plan.date.year)
    blocks: list[Block] = []

    def add(name: str, block: Block | None) -> None:
        if block is not None and (block.text or block.items or block.table):
            heading = ph.heading(name)
            blocks.append(replace(block, heading=heading) if heading else block)

    by = plan.terminated_by
    add("decision", Block(
        ph.decision(by, plan.project, plan.notice_given, plan.date, plan.end, plan.last_day)
    ))
    why = ph.why(by, plan.reason, plan.client_benefit, plan.provider_benefit)
    add("why", Block(why) if why else None)
    st = plan.status
    work = (
        [
            (x, plan.end, st.ongoing[x]) if x in st.ongoing else (x, None, None)
            for x in st.delivered
        ],
        [
            (
                i.title, i.percent, i.hours_logged, i.remaining, i.due,
                # the log's words with the reader as "you" ("Phone call with Herr Feddersen")
                tuple(ph.own_words(r, plan.client_names, False, *people(plan)) for r in i.recent),
                i.planned,
            )
            for i in st.in_progress
        ],
        [(i.title, i.remaining, i.due) for i in st.not_started],
    )
    text, items, after, rows = ph.status(*work, st.percent, st.basis, st.more, plan.end)
    add("status", Block(text, items, after, table=rows))
    if plan.default_plan:
        for name, block in _plan(plan, ph):
            add(name, block)
    else:
        add("options", _options(plan, ph))
    add("money", _money(plan, ph))
    for i, block in enumerate(_next_steps(plan, ph)):
        add("next_steps" if i == 0 else "", block)
    if plan.stakeholders:
        # Finance hears of the final invoice; with none to send, they are told like the rest.
        invoiced = any(h.kind == "final_invoice" for h in plan.handover)
        # Someone outside the client's organisation is told by me, whatever the role.
        others = [
            i for i in plan.stakeholders
            if i.part == "other"
            or (i.part == "finance" and (not invoiced or i.external))
            or (i.part == "technical" and i.external)
        ]
        if others:
            add("stakeholders", Block(ph.stakeholders(
                [_person(i.person.name, i.person.role) for i in others if not i.external],
                [_person(i.person.name, i.person.role) for i in others if i.external],
                others[0].date,
            )))
    # Colleagues by their first name, as one would in a thank-you.
    from parting.plan.letter import given_name

    team = [given_name(i.person.name) for i in plan.stakeholders if not i.external][:2]
    add("thanks", Block(ph.thanks(
        by, plan.started, plan.status.delivered, plan.project, team, plan.end
    )))
    n = plan.names
    return LetterText(
        language=lang,
        subject=ph.subject(by, plan.project, plan.end),
        greeting=ph.greeting(n.salutation, n.first, n.full, n.titled),
        blocks=tuple(blocks),
        closing=ph.closing(),
        signature=n.signature,
    )


def _person(name: str, role: str | None) -> str:
    if not role:
        return name
    role = role.replace(" (", ", ").replace("(", "").replace(")", "")
    return f"{name} ({role})"


def _plan(plan: LetterPlan, ph: Any) -> list[tuple[str, Block]]:
    """The notice period's work as the default, then the other options as alternatives."""
    o = plan.options
    scope = o.plan_scope
    assert scope is not None
    now = plan.tax.net if plan.tax is not None else plan.account.net
    work = sorted(
        ((i.deliverable.title, i.finish or scope.finish, i.deliverable.due)
         for i in scope.selected),
        key=lambda x: x[1],
    )
    text = ph.plan_scope(
        scope.hours_available, plan.end, work, scope.hours,
        o.hourly_rate if all(i.deliverable.fee is None for i in scope.selected) else None,
        scope.money, now, plan.option_net.get("reduce_scope"),
        [i.deliverable.title for i in scope.left_out if not _ongoing(i.deliverable)],
        plan.planned_hours,
        [i.deliverable.title for i in scope.left_out if _ongoing(i.deliverable)],
        o.hourly_rate, plan.terminated_by,
    )
    others = _options(plan, ph, alternatives=True)
    if others is None:
        return [("plan", Block(text, (), ph.plan_ask(o.window.reply_by, 0, plan.terminated_by)))]
    return [("plan", Block(text)), ("alternatives", others)]


def _ongoing(d: Any) -> bool:
    """Hourly work in progress with no estimate: support that goes on, not a piece to hand
    over unfinished."""
    return d.status == "in_progress" and d.fee is None and d.estimate_hours is None


def _options(plan: LetterPlan, ph: Any, alternatives: bool = False) -> Block | None:
    o = plan.options
    # with VAT or GST, every balance the letter gives includes it (the account's does too)
    now = plan.tax.net if plan.tax is not None else plan.account.net
    items: list[str] = []
    # the reduced scope where no plan is; beside a plan, the reduced scope where it takes
    # other work, as the other way
    scope = None if alternatives else o.reduce_scope
    best = o.reduce_scope if o.deadlines_first is not None else None
    # beside the plan, every other way is said from the balance the account gives, with it
    # (a reader added the timeline's "adds $3,650.00" to $2,982.50, not to today's $1,782.50)
    if alternatives and plan.with_plan is not None:
        now = plan.with_plan.net
    if alternatives and best is not None and best.selected:
        items.append(ph.option_scope(
            [i.deliverable.title for i in best.selected], best.hours, best.finish,
            best.money, [i.deliverable.title for i in best.left_out], now,
            plan.option_net.get("reduce_scope_value"), other=True,
        ))
    if scope is not None and scope.selected:
        chosen = {i.deliverable.title for i in scope.selected}
        items.append(ph.option_scope(
            [i.deliverable.title for i in scope.selected], scope.hours, scope.finish,
            scope.money, [i.deliverable.title for i in scope.left_out], now,
            plan.option_net.get("reduce_scope"),
            # its hours come on top of those the account already plans on the same work
            any(p.planned for p in plan.status.in_progress if p.title in chosen),
            sorted(
                ((i.deliverable.title, i.deliverable.due) for i in scope.left_out
                 if i.deliverable.due is not None and i.deliverable.due <= plan.end),
                key=lambda x: x[1],
            ),
        ))
    t = o.timeline
    if t is not None:
        items.append(ph.option_timeline(
            t.hours, t.hours_per_week, t.hours_before_end, t.hours_after_end, plan.end,
            t.finish, t.money, t.hourly_rate, t.unestimated, t.fixed_fees, now,
            plan.option_net.get("adjust_timeline"), t.within_available,
        ))
    if o.refer is not None and o.refer.ranked:
        # The needs as each referral's own skills spell them ("Shopify", not "shopify").
        from parting.plan.options import covers

        ranked = []
        for m in o.refer.ranked:
            skills = [next((s for s in m.referral.skills if covers(s, n)), n) for n in m.matched]
            ranked.append((m.referral.name, m.referral.contact, list(dict.fromkeys(skills))))
        items.append(ph.option_referral(ranked))
    # work the plan finishes before the end is not what a phase-out would be for
    planned = {
        i.deliverable.title for i in (o.plan_scope.selected if o.plan_scope else ())
    } if alternatives else set()
    # after the plan's work, when the plan is the default: from the balance with it
    with_plan = plan.with_plan if alternatives else None
    if o.phase_out:
        items.append(ph.option_phase_out(
            [(w.start, w.hours, w.after_end) for w in o.phase_out], o.hourly_rate, plan.end,
            now,
            plan.option_net.get("phase_out_with_plan" if with_plan is not None else "phase_out"),
            plan.terminated_by,
            # what the weeks would be for: work in progress still due after they begin
            # (fixed-fee work is finished for its fee, not by the phase-out's hours)
            [
                i.title for i in plan.status.in_progress
                if (i.due is None or i.due >= o.phase_out[0].start) and not i.fixed
                and i.title not in planned
            ],
        ))
    if not items:
        return None
    if alternatives:
        return Block(
            ph.alternatives_intro(best is not None and bool(best.selected)), tuple(items),
            ph.plan_ask(o.window.reply_by, len(items), plan.terminated_by),
        )
    hours = scope.hours_available if scope is not None and scope.selected else None
    suggestion = ""
    if plan.recommended == "reduce_scope" and scope is not None and len(items) > 1:
        top = max(scope.selected, key=lambda i: i.deliverable.value)
        suggestion = ph.recommend_scope(top.deliverable.title)
    elif plan.recommended == "refer" and o.refer is not None and len(items) > 1:
        suggestion = ph.recommend_referral(o.refer.ranked[0].referral.name)
    ask = ph.options_ask(plan.terminated_by, o.window.reply_by, len(items))
    return Block(
        ph.options_intro(plan.terminated_by, hours, plan.end, plan.planned_hours),
        tuple(items),
        f"{suggestion} {ask}" if suggestion else ask,
    )


#: Account items the tax line comes before: earlier invoices and the credits.
_AFTER_TAX = frozenset({"unpaid_invoice", "unpaid_others", "deposit", "prepaid"})


def _money(plan: LetterPlan, ph: Any) -> Block:
    a = plan.account
    named = people(plan)
    items: list[str] = []
    waived = Decimal(0)
    waived_refs: tuple[str, ...] = ()
    waived_now = True
    retained: Decimal | None = None
    # Hours on one deliverable at one rate, some logged and some planned: one line.
    logged_of = {
        (i.refs, i.rate): i for i in a.items if i.kind == "time" and i.refs
    }
    merged: dict[tuple[tuple[str, ...], Decimal | None], Decimal] = {}
    for item in a.items:
        key = (item.refs, item.rate)
        if item.kind == "time_planned" and key in logged_of:
            merged[key] = logged_of[key].hours or Decimal(0)
    tax_at: int | None = None  # where the tax goes: before earlier invoices and credits
    for item in a.items:
        if tax_at is None and item.kind in _AFTER_TAX:
            tax_at = len(items)
        key = (item.refs, item.rate)
        if item.kind == "time" and key in merged:
            continue  # said with its planned hours
        if item.kind == "time_planned" and key in merged:
            logged = merged[key]
            items.append(ph.account_time(
                item.refs[0], logged, item.hours or Decimal(0), item.rate, plan.end,
                item.amount + logged_of[key].amount,
            ) + ph.account_for(logged_of[key].notes + item.notes))
            continue
        if item.kind == "late_fee_waived":
            waived, waived_refs, waived_now = item.amount, item.refs, item.overdue
            continue
        if item.kind == "deposit_retained":
            retained = item.amount
            continue
        if item.kind in ph.ACCOUNT_RULES:  # settlement rules 11 to 13
            items.append(ph.account_rule(item))
            continue
        fee = (item.fee, item.invoiced or Decimal(0)) if item.fee is not None else None
        if item.kind == "late_fee" and item.parts and len(item.parts) <= 4:
            items.append(ph.account_late_fees(item.percent, item.parts, item.amount))
            continue
        text = ph.account_item(
            item.kind, item.amount, item.hours, item.refs, item.percent, plan.end, fee,
            item.due, item.overdue, item.planned, item.rate, item.issued, item.total,
            item.count,
        )
        if text:
            items.append(text + (ph.account_for(item.notes) if item.notes else ""))
    # Each unpaid invoice with its own due date; those not named, as one group (count > 0).
    unpaid = [
        (i.refs[0] if i.refs else "", i.amount, i.due, i.overdue, i.count)
        for i in a.items
        if i.kind in ("unpaid_invoice", "unpaid_others") and i.due is not None
    ]
    t = plan.tax
    w = plan.with_plan
    # With the plan's work, the account includes it, and today's balance is the other way
    # (round 14 readers: a balance that leaves out the work just promised).
    if w is not None:
        items.insert(
            len(items) if tax_at is None else tax_at,
            ph.account_plan_item(w.added, w.hours, plan.end),
        )
        if tax_at is not None:
            tax_at += 1
    today = t.net if t is not None else a.net
    final = a.final_net
    if t is not None:
        # The tax is a line of the account, before what was invoiced earlier and the credits,
        # and the balance includes it (round 12: a balance before tax beside a total to pay
        # with it read as two balances).
        items.insert(
            len(items) if tax_at is None else tax_at,
            ph.account_tax_item(t.name, t.rate, t.amount if w is None else w.tax),
        )
        if t.advances_tax:
            # the tax paid with the deposit or prepaid hours comes back with them
            kinds = {i.kind for i in a.items}
            items.append(ph.account_advance_tax(
                t.name, t.rate, t.advances_tax,
                "prepaid" if "prepaid" in kinds and "deposit" not in kinds
                else "deposit" if "prepaid" not in kinds else "both",
            ))
        final += t.amount - t.advances_tax
    net = w.net if w is not None else today
    total = ph.account_total(
        max(net, Decimal(0)), max(-net, Decimal(0)), a.due, unpaid, final + net - today
    )
    if t is not None:
        total += " " + ph.account_tax(t.name, w.final_invoice if w is not None else t.gross)
    notes = ph.account_notes(
        waived, waived_refs, retained, waived_now, a.as_of, ph.account_free(
            a.covered,
            [(ph.own_words(what, plan.client_names, False, *named), h) for what, h in a.free],
        ),
    )
    after = total + (" " + notes if notes else "")
    if w is not None:
        # today's figure, for a client who would rather I stopped now: last (right after the
        # balance, the tone model read it with a "my own mapping error" as blame)
        after += " " + ph.account_without_plan(today)
    if not items:
        return Block(after)
    later = [i for i in a.items if i.kind == "time_planned" or i.planned]
    if not later:
        return Block(ph.account_intro(a.as_of, plan.date, False), tuple(items), after)
    # The first stage's figures are an estimate: what is planned after the letter is said
    # as such, with the day the final invoice gives the final figures (issue 13, part 4).
    final_on = next((h.date for h in plan.handover if h.kind == "final_invoice"), plan.end)
    intro = ph.account_estimate(
        plan.date, a.as_of,
        sum((i.hours or Decimal(0) for i in later if i.kind == "time_planned"), Decimal(0)),
        any(i.kind == "expense" for i in later),
        sum((i.amount for i in later), Decimal(0)),
        final_on,
    )
    return Block(intro, tuple(items), after)


#: What the reader sends me for a handover step, said once in a list of its own.
_ASKS = ("org", "registrar", "hosting_account", "owner_contact", "destination",
         "secure_destination", "bank_details")


def _asks(plan: LetterPlan, ph: Any) -> Block | None:
    """What I need from the reader, in one list: one date for all when they fall within a
    week (the earliest), else each with its own; the same need for several assets, joined."""
    asks = [
        h for h in plan.handover
        if h.ask in _ASKS and h.ask_by is not None
        and not (h.kind == "transfer" and h.asset and ph.already_done(h.asset.notes))
        and not (
            h.ask in ("destination", "secure_destination") and h.asset
            and ph.says_where(h.asset.notes)
        )
    ]
    if not asks:
        return None
    # Each ask by the earliest date within a week of it: a few dates, not one per asset.
    dated: list[tuple[dt.date, Handover]] = []
    for h in sorted(asks, key=lambda h: (h.ask_by, h.date)):
        assert h.ask_by is not None
        new_group = not dated or (h.ask_by - dated[-1][0]).days > 7
        dated.append((h.ask_by if new_group else dated[-1][0], h))
    named = people(plan)
    groups: dict[tuple[str, dt.date], list[str]] = {}
    for day, h in sorted(dated, key=lambda x: (x[0], x[1].date)):
        names = groups.setdefault((h.ask or "", day), [])
        if h.asset is not None:
            names.append(ph.own_words(h.asset.name, plan.client_names, False, *named))
    one = dated[0][0] if len({day for day, _h in dated}) == 1 else None
    if one is not None:
        items = [ph.ask_item(ask, names, None) for (ask, _day), names in groups.items()]
        return Block(ph.asks_intro(one), tuple(items))
    # Several dates: one line each, its needs joined.
    days: dict[dt.date, list[str]] = {}
    for (ask, day), names in groups.items():
        days.setdefault(day, []).append(ph.ask_item(ask, names, None))
    return Block(ph.asks_intro(None), tuple(ph.asks_by(day, said) for day, said in days.items()))


def people(plan: LetterPlan) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """How the case may name the writer and the reader, for notes said as "I" and "you"."""
    from parting.plan.letter import given_name

    n = plan.names
    writer = n.signature[0] if n.signature else ""
    return (
        (writer, given_name(writer)) if writer else (),
        tuple(x for x in (n.full, n.first, n.salutation) if x),
    )


def _next_steps(plan: LetterPlan, ph: Any) -> list[Block]:
    asks = _asks(plan, ph)
    steps = _steps(plan, ph, asked=asks is not None)
    return [b for b in (asks, steps) if b is not None]


def _steps(plan: LetterPlan, ph: Any, asked: bool) -> Block | None:
    named = people(plan)
    # An outside accountant is not copied on my invoice to the client (round 9).
    finance = [
        _person(i.person.name, i.person.role) for i in plan.stakeholders
        if i.part == "finance" and not i.external
    ]
    technical = [
        _person(i.person.name, i.person.role)
        for i in plan.stakeholders
        if i.part == "technical" and not i.external
    ]
    a = plan.account
    w = plan.with_plan
    items = []
    noted: set[str] = set()
    for h in plan.handover:
        extra: dict[str, Any] = {"asked": asked and h.ask in _ASKS}
        if h.kind == "transfer" and h.asset and ph.already_done(h.asset.notes):
            extra["asked"] = True  # nothing to ask: it is already the reader's
        if (
            h.ask in ("destination", "secure_destination") and h.asset
            and ph.says_where(h.asset.notes)
        ):
            extra["asked"] = True  # the case's note says where it goes (round 12)
        if h.kind == "call" and technical:
            extra["invite"] = ph.join(technical)
        if h.kind == "call" and h.confirm_delete:
            extra["delete"] = h.confirm_delete
        if h.kind == "data_confirmation" and plan.privacy_law:
            extra["law"] = plan.privacy_law
        if h.kind == "final_invoice":
            # the invoice as it will be sent: with its tax, where it has one
            extra["amount"] = plan.tax.gross if plan.tax is not None else a.final_invoice
            if w is not None:  # with the plan's work, as the account has it
                extra["plan_today"] = extra["amount"]
                extra["amount"] = w.final_invoice
            extra["pay"] = plan.pay_to
            extra["credits"] = a.credits + (plan.tax.advances_tax if plan.tax else 0)
            extra["due"] = a.due
            extra["refund"] = plan.tax.to_refund if plan.tax is not None else a.refund_due
            if w is not None:
                extra["refund"] = max(-w.net, Decimal(0))
            if finance:
                extra["cc"] = ph.join(finance)
            if a.credits:
                # Which advance the credits are: the phrases name it.
                kinds = {i.kind for i in a.items}
                extra["covered"] = (
                    "prepaid" if "prepaid" in kinds else "deposit" if "deposit" in kinds
                    else "advance"
                )
        if h.kind == "refund":
            # with VAT or GST, the refund the account gives (round 12: the net one differed)
            extra["refund"] = plan.tax.to_refund if plan.tax is not None else a.refund_due
            if w is not None and w.net < 0:
                extra["plan_today"], extra["refund"] = extra["refund"], -w.net
            elif w is not None:
                extra["plan_none"] = True
        if h.copies_deleted is not None:
            extra["copies"] = h.copies_deleted
        if h.release is not None:
            extra["release"] = h.release
        if h.asset is not None and h.asset.notes and h.asset.name not in noted:
            noted.add(h.asset.name)  # once, on the asset's first step
            extra["note"] = ph.own_words(h.asset.notes, plan.client_names, True, *named)
        extra["notes"] = ""  # the case's note in a column of its own, unless the step says it
        text = ph.handover(
            h.kind, h.date,
            ph.own_words(h.asset.name, plan.client_names, False, *named)
            if h.asset else None,
            h.asset.kind if h.asset else None, h.ask, h.ask_by, extra,
        )
        # A table, as one sets out a handover (round 12 readers liked the assistant's; in a
        # sentence, a note jotted for oneself reads as pasted in).
        when = ph.date(h.date)
        what = text[len(when) + 2:] if text.startswith(when + ": ") else text
        items.append((when, what[:1].upper() + what[1:], extra["notes"]))
    if not items:
        return None
    notes = any(n for _when, _what, n in items)
    return Block(
        ph.handover_intro(asked),
        table=(ph.handover_columns(notes), *(row if notes else row[:2] for row in items)),
    )
