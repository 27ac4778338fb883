"""Matching a draft's figures to the package: which amounts, dates, invoice numbers,
deliverables, people and options in the draft disagree with what the case gives.

False alarms are worse than misses here, so each check speaks only where the draft's own
words say what a figure is:

- An amount is fine when it equals any amount the package knows (a settlement line, a
  total, an invoice, a fee, a rate, hours at the rate, what an option adds, sums of the
  settlement's parts). One that matches none is reported only where the sentence is about
  a settlement figure (balance, total, invoice, fee, refund, owe, due), not approximate
  ("about", "roughly") and not hypothetical ("would", "if": an option's figures).
- The balance: an amount right after "balance due", "total due", "you owe", "refund of"...
  must be the balance or refund (or another total a letter rightly calls so: the final
  invoice, the unpaid invoices); the finding explains the difference by the settlement's
  parts ("of which $522.50 is unbilled time on Site maintenance, which it leaves out").
- Dates: one right after "ends on", "last day", "end date" must be the end date or the last
  working day before it; one after "due by", "payable by", "refund ... by" in a sentence
  about money must be the payment due date (or an invoice's own due date). A weekday written
  with a date must be its weekday.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from parting.check.rules import Severity
from parting.facts import read
from parting.facts.known import Known, Part
from parting.facts.rules import FactFinding, get_fact_rule

_I = re.IGNORECASE

# --- clauses ------------------------------------------------------------------------------

_CLAUSE_END = re.compile(r"\n|(?<=[.!?])[\"'”’)*]*[ \t]+(?=[A-Z*\"(\[])|\|")


def clauses(text: str) -> list[tuple[int, int]]:
    """Sentences, lines and table cells: the unit in which a figure's words are read."""
    spans: list[tuple[int, int]] = []
    position = 0
    for boundary in [*_CLAUSE_END.finditer(text), None]:
        end = len(text) if boundary is None else boundary.start()
        if text[position:end].strip():
            spans.append((position, end))
        if boundary is not None:
            position = boundary.end()
    return spans


def _rows(text: str) -> list[tuple[int, int]]:
    """Lines: a table row's label and its figure are in different cells of one line."""
    spans = []
    position = 0
    for line in text.splitlines(keepends=True):
        spans.append((position, position + len(line)))
        position += len(line)
    return spans


#: A clause is read at most this far either side of a figure: a "clause" longer than that
#: is no sentence, and reading it whole for each figure would make the check quadratic.
REACH = 300


class _Index:
    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _e in spans]

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return (0, 0)
        start, end = self.spans[index]
        return max(start, offset - REACH), min(end, offset + REACH)


_HYPOTHETICAL = re.compile(
    r"(?<!\w)(?:would|could|if|I['’]d|you['’]d|we['’]d|might|should you|were you to|"
    r"option|alternatively|instead of|in case|adds)(?!\w)",
    _I,
)
_APPROXIMATE = re.compile(
    r"(?:about|around|roughly|approximately|approx\.?|some|nearly|almost|up to|over|under|"
    r"~|c\.|circa|estimated?)\W{0,3}$",
    _I,
)
_MONEY_CONTEXT = re.compile(
    r"(?<!\w)(?:balance|total|subtotal|invoice[sd]?|refund\w*|owe[sd]?|owing|due|fees?|"
    r"charge[sd]?|payable|pay|payment|deposit|credit|amount|outstanding|settle\w*)(?!\w)",
    _I,
)
#: An amount right after one of these is the balance or refund.
_BALANCE_CUE = re.compile(
    r"(?<!\w)(?:(?<!prepaid )(?<!retainer )(?<!deposit )(?<!credit )(?<!hours )(?<!remaining )"
    r"(?:total[ \t]+)?balance(?:[ \t]+(?:due|owing|outstanding|payable|to[ \t]+pay|of|is|comes"
    r"[ \t]+to|will[ \t]+be))?"
    r"|total[ \t]+(?:due|owing|outstanding|payable|to[ \t]+pay|amount[ \t]+due|balance)"
    r"|amount[ \t]+(?:due|owing|outstanding)|(?:you|they)[ \t]+(?:still[ \t]+)?owe(?:[ \t]+me)?"
    r"|I[ \t]+owe(?:[ \t]+you)?|refund(?:[ \t]+(?:due|owed|of|is|will[ \t]+be|comes[ \t]+to))?"
    r"|grand[ \t]+total|net[ \t]+(?:total|amount|balance)|to[ \t]+be[ \t]+refunded)(?!\w)",
    _I,
)
_STRICT = re.compile(r"due|owe|owing|refund|payable|to\s+pay|grand|net", _I)

_END_CUE = re.compile(
    r"(?<!\w)(?:(?:last|final)[ \t]+(?:(?:working|business|official|billable)[ \t]+)?day"
    r"|end[ \t]+date|termination[ \t]+date"
    r"|(?:engagement|work|contract|agreement|collaboration|relationship|retainer|notice"
    r"|notice[ \t]+period|services?|arrangement|partnership|time)(?:[ \t]+together)?"
    r"(?:[ \t]+with[ \t]+you)?[ \t]+(?:will[ \t]+)?(?:officially[ \t]+)?"
    r"(?:end|ends|ended|conclude|concludes|terminate|terminates|stop|stops|finish|finishes|"
    r"runs|run)"
    r"|(?:ending|end|conclude|concluding|terminate|terminating|wrap(?:ping)?[ \t]+up)[ \t]+"
    r"(?:our|my|the)[ \t]+(?:[\w\-’']+[ \t]+){0,6}?(?:on|as[ \t]+of|effective)"
    r"|effective)"
    # "last day on the project will be", "last working day with you is"
    r"(?:[ \t]+(?:on|with|for|at)[ \t]+(?:the|this|your|our|it)(?:[ \t]+[\w\-]+){0,2})?"
    r"(?:[ \t]+(?:on|as[ \t]+of|from|is|will[ \t]+be|:))?[ \t*:,]*(?:the[ \t]+)?$",
    _I,
)
_END_AFTER = re.compile(
    r"^[ \t*,]*(?:will[ \t]+be|is|as)[ \t]+(?:my|our|the)[ \t]+(?:last|final|end)", _I
)
#: Words that make a sentence about a payment (with an amount, any sentence is).
_PAYMENT = re.compile(
    r"(?<!\w)(?:invoice[sd]?|payments?|balance|refund\w*|pay|payable|paid|owe[sd]?|owing|"
    r"settlement)(?!\w)",
    _I,
)
_DUE_WORD = re.compile(
    r"(?<!\w)(?:due|payable|pay|paid|payment|refund\w*|transfer|settle\w*)(?!\w)", _I
)
_DUE_TAIL = re.compile(
    r"(?<!\w)(?:by|on|before|no[ \t]+later[ \t]+than|date[ \t]+(?:is|of)|:)"
    r"[ \t*,]*(?:the[ \t]+)?$",
    _I,
)
#: Between "pay" and a date: what I ask for by then, not when the payment is due.
_ASK = re.compile(
    r"(?<!\w)(?:send[ \t]+me|tell[ \t]+me|let[ \t]+me[ \t]+know|details|confirm|reply)(?!\w)", _I
)
_INVOICE = re.compile(
    r"(?<!\w)(?:invoices?|inv\.?|bill)[ \t]*(?:no\.?|number|nr\.?|#)?[ \t]*#?[ \t]*"
    r"(?P<number>(?=[A-Za-z0-9/_#-]{0,30}\d)[A-Za-z0-9][A-Za-z0-9/_-]{0,30})",
    _I,
)
_FINAL = re.compile(r"\b(?:final|closing|credit note)\b[ \t]*(?:invoice)?", _I)
# invoice.md names its own number in its title and its first table: "# Invoice 2026-032",
# "| Invoice number | 2026-032 |"
_TITLE = re.compile(r"[ \t#|]*(?:invoice|credit note)\b", _I)
_DONE = re.compile(
    r"(?<!\w)(?:(?:is|are|was|were|now|already|fully|been)[ \t]+)?"
    r"(?P<word>(?:(?:about|only|roughly)[ \t]+)?"
    r"(?:half|partly|partially|mostly|nearly|almost|largely)[ \t]+(?:done|complete|finished)|"
    r"(?<=is[ \t])complete|(?<=are[ \t])complete|"
    r"(?<=now[ \t])complete|(?<=fully[ \t])complete|(?<=been[ \t])complete|(?<=:[ \t])complete|"
    r"done|completed|delivered|finished|accepted|signed[ \t]+off|live|launched|"
    r"not[ \t]+(?:yet[ \t]+)?started|in[ \t]+progress|under[ \t]?way|"
    r"(?P<percent>\d{1,3})[ \t]?%[ \t]+(?:done|complete|finished))(?!\w)",
    _I,
)
#: What may stand between a deliverable's name and its status: "Home page: done", "The
#: payment integration is not started", "Menu pages (PDF) are now complete".
_LINK = re.compile(
    r"[\s*:,.\-–—)(|]*(?:(?:is|are|was|were|has|have|been|now|already|fully|all|both|still)"
    r"[\s*:,\-–—]+)*",
    _I,
)
#: A share in between ("60% done", "a quarter done", "25% of $2,800 completed") is kept out
#: of the link and read by `_PARTIAL`.
_PARTIAL_LINK = re.compile(
    r"(?:about|roughly|only|around|a|one|two|three)?[ \t]*(?:\d+[ \t]?%|half|quarters?|thirds?|"
    r"partly|partially|mostly|nearly|almost|largely)(?:[ \t]+of[ \t]+[^\s]+)?[ \t]*",
    _I,
)
#: Before "done": only part of it is.
_PARTIAL = re.compile(
    r"(?<!\w)(?:half|quarters?|thirds?|fifths?|partly|partially|mostly|nearly|almost|largely|"
    r"\d+[ \t]?%)\W+(?:[\w$€£¥.,]+[ \t]+){0,3}$",
    _I,
)
_FUTURE = re.compile(
    r"(?:will|would|to|can|could|['’]ll|shall|should|must|needs?[ \t]+to|once|when|until|"
    r"before|after|be|being|get|gets|until[ \t]+it[ \t]+is)[ \t]+(?:be[ \t]+)?$",
    _I,
)
_GREETING = re.compile(
    r"^[ \t]*(?:Dear|Hi|Hello|Hey|Good[ \t]+(?:morning|afternoon))[ \t]+"
    r"(?P<name>[^\n,:!]{1,60})[,:!]?[ \t]*$",
    re.MULTILINE,
)
_CC = re.compile(r"^[ \t*]*cc[ \t]*:[ \t]*(?P<names>[^\n]{1,300})$", re.MULTILINE | _I)
_OPTIONS: dict[str, re.Pattern[str]] = {
    "phase_out": re.compile(r"(?<!\w)(?:phase[\s-]?out|taper\w*|wind[\s-]?down)(?!\w)", _I),
    "refer": re.compile(
        r"(?<!\w)(?:refer(?:ral|ring)?|introduce[ \t]+you[ \t]+to|recommend[ \t]+(?:a|an|my|"
        r"some)[ \t]+(?:colleague|freelancer|developer|designer|agency|studio|firm))(?!\w)",
        _I,
    ),
    "adjust_timeline": re.compile(
        r"(?<!\w)(?:adjusted|extended|longer|slower)[ \t]+(?:timeline|schedule)(?!\w)", _I
    ),
    "reduce_scope": re.compile(r"(?<!\w)(?:reduced|smaller|narrower)[ \t]+scope(?!\w)", _I),
}
_OPTION_NAMES = {
    "phase_out": "a gradual phase-out",
    "refer": "a referral",
    "adjust_timeline": "an adjusted timeline",
    "reduce_scope": "a reduced scope",
}
_NEGATED = re.compile(r"(?:not|no|n['’]t|cannot|can['’]t|unable to)\W+(?:\w+\W+){0,3}$", _I)


@dataclass
class _Found:
    code: str
    start: int
    end: int
    message: str
    expected: str
    found: str


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def _finding(text: str, f: _Found) -> FactFinding:
    rule = get_fact_rule(f.code)
    line, column = _line_col(text, f.start)
    severity: Severity = rule.severity
    return FactFinding(
        code=f.code,
        principle=rule.principle,
        severity=severity,
        message=f.message,
        start=f.start,
        end=f.end,
        text=text[f.start : f.end],
        line=line,
        column=column,
        suggestion=rule.suggestion,
        expected=f.expected,
        found=f.found,
    )


def _explain(known: Known, difference: Decimal) -> str:
    """Which parts of the settlement make `difference` (expected net - the draft's net):
    parts it leaves out, credits it does not deduct, extras it counts."""
    if not difference:
        return ""
    parts = list(known.parts)
    best: tuple[Part, ...] | None = None
    for size in (1, 2, 3):
        if len(parts) > 24 and size == 3:
            break
        for combo in itertools.combinations(parts, size):
            total = sum((-p.amount if p.extra else p.amount for p in combo), Decimal(0))
            if total == difference:
                best = combo
                break
        if best is not None:
            break
    if best is None:
        return ""
    said: list[str] = []
    for p in best:
        amount = known.money(abs(p.amount))
        if p.said:  # amounts in braces are written in the case's money
            said.append(re.sub(r"\{(-?[\d.]+)\}", lambda m: known.money(Decimal(m[1])), p.said))
        elif p.extra:
            said.append(f"it counts {p.label} ({amount}), which is not owed")
        elif p.amount > 0:
            said.append(f"{amount} is {p.label}, which it leaves out")
        else:
            said.append(f"it does not deduct {p.label} ({amount})")
    return ", of which " + "; ".join(said) if best[0].amount > 0 and not best[0].extra else (
        "; " + "; ".join(said)
    )


def _one_digit(a: Decimal, b: Decimal) -> bool:
    x, y = f"{a:.2f}", f"{b:.2f}"
    return len(x) == len(y) and sum(1 for p, q in zip(x, y, strict=True) if p != q) == 1


def _balance_word(known: Known) -> str:
    return "a refund" if known.net < 0 else "a balance"


def check(text: str, known: Known) -> tuple[list[FactFinding], list[tuple[int, int]]]:
    """The fact findings of a draft, and the spans that state the package's key figures
    correctly (the evidence of the `facts` principle)."""
    found: list[_Found] = []
    evidence: list[tuple[int, int]] = []
    index = _Index(clauses(text))
    rows = _Index(_rows(text))
    money_found = read.amounts(text, known.currency)
    days = read.dates(text, known.end, known.locale)
    found += _money(text, known, money_found, index, rows, evidence)
    found += _dates(text, known, days, money_found, index, evidence)
    found += _invoices(text, known, days)
    found += _deliverables(text, known, index)
    found += _people(text, known)
    found += _options(text, known, index)
    anchor = _anchor(text)
    expected_balance = abs(known.net)
    if (
        known.net
        and not any(a.value in (expected_balance, known.taxed_balance) for a in money_found)
        and not any(f.code == "F101" for f in found)
    ):
        found.append(
            _Found(
                "F102", anchor, anchor,
                f"The draft never states {_balance_word(known)}; the settlement gives "
                f"{_balance_word(known)} of {known.money(expected_balance)}.",
                known.money(expected_balance), "",
            )
        )
    said = {d.date for d in days}
    if (
        known.end not in said
        and known.last_day not in said
        and not any(f.code == "F201" for f in found)
    ):
        found.append(
            _Found(
                "F202", anchor, anchor,
                f"The draft never states the end date; the case gives {_day(known.end)}.",
                known.end.isoformat(), "",
            )
        )
    if known.net and known.due not in said and not any(f.code == "F203" for f in found):
        found.append(
            _Found(
                "F204", anchor, anchor,
                f"The draft never says when {_balance_word(known)[2:]} is due; the settlement "
                f"gives {_day(known.due)}.",
                known.due.isoformat(), "",
            )
        )
    findings = sorted((_finding(text, f) for f in found), key=lambda f: (f.start, f.code))
    return findings, sorted(set(evidence))


def _anchor(text: str) -> int:
    """Where a finding about something missing points: the first line after the subject
    and the greeting."""
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0).strip()
        if not line or line.lower().startswith("subject:") or _GREETING.match(line):
            continue
        return match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
    return 0


def _day(day: object) -> str:
    import datetime as dt

    assert isinstance(day, dt.date)
    return f"{day:%A} {day.day} {day:%B %Y}"


# --- money --------------------------------------------------------------------------------


def _money(
    text: str,
    known: Known,
    found_amounts: Sequence[read.Amount],
    index: _Index,
    rows: _Index,
    evidence: list[tuple[int, int]],
) -> list[_Found]:
    out: list[_Found] = []
    claimed: set[int] = set()
    expected = abs(known.net)
    # the balance: the first amount after a cue, in the same clause (or the same table row)
    for cue in _BALANCE_CUE.finditer(text):
        start, end = index.at(cue.start())
        row_start, row_end = rows.at(cue.start())
        if "|" in text[row_start:row_end]:
            end = row_end
        clause = text[start:end]
        if _HYPOTHETICAL.search(clause) or not known.net:
            continue
        after = [a for a in found_amounts if cue.end() <= a.start < end]
        if not after or after[0].start - cue.end() > 50:
            continue
        amount = after[0]
        between = text[cue.end() : amount.start]
        if re.search(r"\d", between) or _APPROXIMATE.search(text[start : amount.start]):
            continue
        strict = bool(_STRICT.search(cue.group(0)))
        value = amount.value
        claimed.add(amount.start)
        if value == expected:
            evidence.append((amount.start, amount.end))
            continue
        if value in known.balance_like or (not strict and value in known.amounts):
            continue
        net_found = -value if known.net < 0 else value
        why = _explain(known, known.net - net_found)
        if not why:
            more = "more" if value > expected else "less"
            why = f"; it is {known.money(abs(value - expected))} {more}"
            if _one_digit(value, expected):
                why += " (one digit differs)"
        out.append(
            _Found(
                "F101", amount.start, amount.end,
                f"The draft says {_balance_word(known)} of {amount.text.strip('* ')}; the "
                f"settlement gives {known.money(expected)}{why}.",
                known.money(expected), amount.text.strip("* "),
            )
        )
    # any other amount that matches nothing, where the words say it is a settlement figure
    for amount in found_amounts:
        if amount.start in claimed or amount.value in known.amounts or not amount.value:
            continue  # nothing ("0,00 € invoiced") is never a wrong figure
        start, end = index.at(amount.start)
        clause = text[start:end]
        row_start, row_end = rows.at(amount.start)
        row = text[row_start:row_end]
        context = clause if "|" not in row else row
        if _HYPOTHETICAL.search(context) or not _MONEY_CONTEXT.search(context):
            continue
        if _APPROXIMATE.search(text[max(start, amount.start - 20) : amount.start]):
            continue
        nearest = min(known.figures, key=lambda x: (abs(x - amount.value), x), default=None)
        hint = ""
        if nearest is not None:
            hint = f" (the nearest is {known.money(nearest)}, {known.figures[nearest]})"
        out.append(
            _Found(
                "F103", amount.start, amount.end,
                f"The draft says {amount.text.strip('* ')}, which is no figure of the "
                f"settlement{hint}.",
                known.money(nearest) if nearest is not None else "",
                amount.text.strip("* "),
            )
        )
    return out


# --- dates --------------------------------------------------------------------------------


def _dates(
    text: str,
    known: Known,
    days: Sequence[read.Day],
    money: Sequence[read.Amount],
    index: _Index,
    evidence: list[tuple[int, int]],
) -> list[_Found]:
    out: list[_Found] = []
    ends = {known.end, known.last_day}
    previous_end = 0
    for day in days:
        written = day.text.strip()
        if day.weekday is not None and day.weekday != day.date.weekday():
            out.append(
                _Found(
                    "F205", day.start, day.end,
                    f"The draft says {written}, but {_iso_words(day)} is a "
                    f"{day.date:%A}.",
                    f"{day.date:%A}", written,
                )
            )
        start, end = index.at(day.start)
        window_start = max(start, previous_end, day.start - 90)
        previous_end = day.end
        before = text[window_start : day.start]
        clause = text[start:end]
        hypothetical = bool(_HYPOTHETICAL.search(clause))
        after = text[day.end : day.end + 40]
        is_end = bool(_END_CUE.search(before)) or bool(_END_AFTER.match(after))
        if is_end and not hypothetical:
            if day.date in ends:
                evidence.append((day.start, day.end))
            else:
                out.append(
                    _Found(
                        "F201", day.start, day.end,
                        f"The draft gives {written} as the end; the case ends on "
                        f"{_day(known.end)}"
                        + (f" (last working day {_day(known.last_day)})"
                           if known.last_day != known.end else "")
                        + ".",
                        known.end.isoformat(), day.date.isoformat(),
                    )
                )
            continue
        tail = _DUE_TAIL.search(before)
        cue = [m.end() for m in _DUE_WORD.finditer(before[: tail.start()])] if tail else []
        if (
            tail is not None and known.net and not hypothetical and cue
            and not _ASK.search(before)
            and (_PAYMENT.search(clause) or any(start <= a.start < end for a in money))
        ):
            if day.date == known.due:
                evidence.append((day.start, day.end))
            elif day.date not in known.invoice_dues:
                out.append(
                    _Found(
                        "F203", day.start, day.end,
                        f"The draft says the payment is due {written}; the settlement "
                        f"gives {_day(known.due)}.",
                        known.due.isoformat(), day.date.isoformat(),
                    )
                )
    return out


def _iso_words(day: read.Day) -> str:
    return f"{day.date.day} {day.date:%B %Y}"


# --- records ------------------------------------------------------------------------------


def _invoices(text: str, known: Known, days: Sequence[read.Day]) -> list[_Found]:
    if not known.invoices:
        numbers: set[str] = set()
    else:
        numbers = {n.lower().lstrip("#") for n in known.invoices}
    date_starts = {d.start for d in days}
    out: list[_Found] = []
    for match in _INVOICE.finditer(text):
        number = match.group("number").rstrip("-/_")
        if match.start("number") in date_starts or not re.search(r"\d", number):
            continue
        if re.fullmatch(r"\d{1,2}", number) and not any(n.isdigit() for n in numbers):
            continue
        if re.fullmatch(r"\d{1,3}(?:,\d{3})*(?:\.\d+)?", number) and "," in number:
            continue  # an amount without its currency
        if number.lower() in numbers:
            continue
        if (
            known.final_invoice and number.lower() == known.final_invoice.lower()
            and (
                _FINAL.search(text, max(0, match.start() - 24), match.start() + 1)
                or _TITLE.match(text, text.rfind("\n", 0, match.start()) + 1)
            )
        ):
            continue  # "my final invoice 2026-032": the one the package makes
        listed = ", ".join(known.invoices) if known.invoices else "none"
        close = difflib.get_close_matches(number, known.invoices, n=1, cutoff=0.0)
        out.append(
            _Found(
                "F301", match.start("number"), match.start("number") + len(number),
                f"The draft names invoice {number}; the case's invoices are: {listed}.",
                close[0] if close else "", number,
            )
        )
    return out


def _first_cells(text: str) -> list[tuple[int, int]]:
    """The first two cells of each table row ("| Payment integration | Done |"): a status
    table gives the work in one cell and where it stands in the next."""
    spans = []
    for row in re.finditer(r"(?m)^\|([^|\n]*\|[^|\n]*)\|", text):
        spans.append((row.start(1), row.end(1)))
    return spans


def _deliverables(text: str, known: Known, index: _Index) -> list[_Found]:
    out: list[_Found] = []
    if not known.deliverables:
        return out
    for start, end in [*index.spans, *_first_cells(text)]:
        clause = text[start:end]
        words = set(re.findall(r"[a-z0-9]+", clause.lower()))
        scored = [
            (len(d.words & words) / len(d.words), d)
            for d in known.deliverables
            if d.words and len(d.words & words) >= min(2, len(d.words))
        ]
        matched = [d for share, d in scored if share >= 0.6]
        if len(matched) != 1 or _HYPOTHETICAL.search(clause):
            continue
        deliverable = matched[0]
        last = max(
            (m.end() for m in re.finditer(r"[a-z0-9]+", clause.lower())
             if m.group(0) in deliverable.words),
            default=0,
        )
        for status in _DONE.finditer(clause):
            head = clause[: status.start()]
            if status.start() < last or not _LINK.fullmatch(
                _PARTIAL_LINK.sub("", clause[last : status.start()])
            ):
                continue
            if _FUTURE.search(head) or _NEGATED.search(head[-30:]):
                continue
            word = status.group("word").lower()
            partial = _PARTIAL.search(head[-30:]) is not None
            says_done = not partial and not (
                word.startswith(("not", "in", "under", "about", "only", "roughly", "half",
                                 "partly", "partially", "mostly", "nearly", "almost", "largely"))
                or status.group("percent")
            )
            if says_done == deliverable.done:
                break
            if status.group("percent") and deliverable.done:
                break  # "60% complete" of hourly work that is done: no claim either way
            case_says = deliverable.status.replace("_", " ")
            out.append(
                _Found(
                    "F302", start + status.start("word"), start + status.end("word"),
                    f"The draft says '{deliverable.title}' is {status.group('word')}; the case "
                    f"has it {case_says}.",
                    case_says, status.group("word"),
                )
            )
            break
    return out


#: Words of a role or a team, not of a name ("Priya Varma, Honorary Treasurer").
_ROLE = re.compile(
    r"(?<!\w)(?:manager|treasurer|director|head|officer|coordinator|lead|accounts?|finance|"
    r"controller|team|department|practice|office|product|owner|chair|secretary|board|admin\w*|"
    r"assistant|payable|receivable|operations|marketing|sales|support|it|hr|ceo|cfo|cto|coo|"
    r"founder|partner|editor|engineer|developer|designer|bookkeeper|accountant)(?!\w)",
    _I,
)


def _people(text: str, known: Known) -> list[_Found]:
    out: list[_Found] = []
    greeting = _GREETING.search(text[:600])
    candidates: list[tuple[int, str]] = []
    if greeting is not None:
        candidates.append((greeting.start("name"), greeting.group("name")))
    for cc in _CC.finditer(text):
        position = cc.start("names")
        names = re.sub(r"\([^()\n]*\)|<[^<>\n]*>|\S+@\S+", "", cc.group("names"))
        for piece in re.split(r"[,;]| and ", names):
            name = piece.strip(" *")
            if not name or _ROLE.search(name):
                continue
            offset = text.find(name, position)
            candidates.append((offset if offset >= 0 else position, name))
    for offset, name in candidates:
        words = [
            w.strip(".,")
            for w in name.split()
            if w[:1].isupper() and not re.fullmatch(r"(?:Dr|Mr|Mrs|Ms|Mx|Prof|Miss)\.?", w)
        ]
        if not words or name.lower().strip() in ("all", "team", "everyone", "there"):
            continue
        unknown = [w for w in words if w.lower() not in known.people]
        if unknown and len(unknown) == len(words):
            out.append(
                _Found(
                    "F303", offset, offset + len(name),
                    f"The draft names {name.strip()}, who is not in the case.",
                    "", name.strip(),
                )
            )
    return out


def _options(text: str, known: Known, index: _Index) -> list[_Found]:
    out: list[_Found] = []
    for option, pattern in _OPTIONS.items():
        if option in known.offered:
            continue
        for match in pattern.finditer(text):
            start, _end = index.at(match.start())
            if _NEGATED.search(text[start : match.start()][-40:]):
                continue
            offered = ", ".join(sorted(known.offered)) or "none"
            out.append(
                _Found(
                    "F304", match.start(), match.end(),
                    f"The draft offers {_OPTION_NAMES[option]}, which the case does not "
                    f"offer (options.offer: {offered}).",
                    offered, option,
                )
            )
            break
    return out
