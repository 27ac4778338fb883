"""Reading the figures of a draft: amounts and dates in any common form and locale.

- Amounts: "$1,782.50", "1.782,50 €", "EUR 1782.50", "€4,935.10", "¥169,625", "1 782,50 €",
  "CHF 1'782.50", "5,500 euros", and bare figures with the currency's decimals ("1,941.60"
  in a table under a currency heading). The number is read with Babel's
  `parse_decimal` in a locale whose decimal mark is the one the figure uses: the last `.`
  or `,` followed by one or two digits (or as many as the currency has) is the decimal mark,
  any other mark groups thousands.
- Dates: "31 May 2026", "31st of May", "May 31st", "Sunday, May 31, 2026", "31. May 2026",
  "31.05.2026", "2026-05-31", "31/05/2026" (day first unless the locale is American), and
  a date without a year, which takes the year that puts it nearest the case's end date.
  A weekday written with a date is kept, so a wrong weekday can be reported.

Every pattern here is linear in the length of the text: no quantifier is nested inside
another over the same characters, and each number or date may only begin where no digit or
letter precedes it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

# --- amounts ------------------------------------------------------------------------------

#: A number as it is written: digits with group marks (",", ".", "'", "’" or a space before
#: exactly three digits) and an optional decimal part; it may not touch a letter, a digit,
#: or an identifier's "-" or "/" ("2026-031", "31/05").
_GROUPED = r"\d{1,3}(?:(?:[,.'’]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d{3})+(?:[.,]\d{1,3})?"
_PLAIN = r"\d+(?:[.,]\d{1,3})?"
NUMBER = re.compile(
    rf"(?<![\w.,/'’])(?<!\w-)(?:{_GROUPED}|{_PLAIN})(?![\w/]|[.,'’]\d|-\w)",
)

#: Currency marks before a number, longest first, and the currency each means ("" any).
_SYMBOLS: dict[str, str] = {
    "US$": "USD", "USD": "USD", "AU$": "AUD", "A$": "AUD", "AUD": "AUD", "CA$": "CAD",
    "C$": "CAD", "CAD": "CAD", "NZ$": "NZD", "NZD": "NZD", "$": "", "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP", "¥": "", "￥": "", "JPY": "JPY", "CNY": "CNY", "CHF": "CHF",
    "Fr.": "CHF", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "kr": "", "KWD": "KWD",
    "INR": "INR", "₹": "INR", "SGD": "SGD", "S$": "SGD", "HKD": "HKD", "HK$": "HKD",
}  # fmt: skip
#: Words after a number that make it money.
_WORDS_AFTER: dict[str, str] = {
    "euro": "EUR", "euros": "EUR", "dollar": "", "dollars": "", "pound": "GBP",
    "pounds": "GBP", "yen": "JPY", "francs": "CHF", "kronor": "SEK", "kroner": "",
}  # fmt: skip
_MARK = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=lambda s: (-len(s), s)))
#: A currency mark just before the number: "$", "EUR ", "−€", "€ ", "**EUR **" (Markdown).
_BEFORE = re.compile(rf"(?:(?<![A-Za-z])(?P<mark>{_MARK}))[ \u00a0\u202f*]{{0,3}}$")
_AFTER = re.compile(
    rf"^[ \u00a0\u202f*]{{0,3}}(?:(?P<mark>{_MARK})(?![A-Za-z])|(?P<word>"
    + "|".join(sorted(_WORDS_AFTER, key=lambda w: (-len(w), w)))
    + r")\b)"
)
#: What after a bare number makes it something other than money.
_UNIT_AFTER = re.compile(
    r"^\s?(?:%|per\s?cent|percent|h\b|hrs?\b|hours?\b|days?\b|weeks?\b|months?\b|years?\b|"
    r"x\b|×|staff|people|minutes?\b|mins?\b|km\b|pages?\b)",
    re.IGNORECASE,
)
_MINUS = frozenset("-−–")


@dataclass(frozen=True)
class Amount:
    """A figure in the draft: `value` (positive; `negative` when written with a minus),
    `currency` as its mark says ("" for a bare "$" or none), and where it is written.
    `marked` is False for a bare number read as money only because it has the currency's
    decimals."""

    start: int
    end: int
    text: str
    value: Decimal
    currency: str
    marked: bool
    negative: bool = False


def parse_number(written: str, decimals: int = 2) -> Decimal | None:
    """The value of a number as written, in whichever common convention it uses; None when
    it is not a well-formed number. `decimals` (the currency's) decides "1.782" (a thousand
    and more in a currency with 2 decimals) against "1.782" in one with 3."""
    from babel.numbers import NumberFormatError, parse_decimal

    text = re.sub(r"[ \u00a0\u202f\u2009'’]", "", written)
    marks = [(i, c) for i, c in enumerate(text) if c in ".,"]
    decimal_mark = ""
    if marks:
        last_at, last = marks[-1]
        tail = len(text) - last_at - 1
        alone = sum(1 for _i, c in marks if c == last) == 1
        if alone and (tail in (1, 2) or (tail == 3 and decimals == 3)):
            decimal_mark = last
        elif alone and tail == 3 and len(marks) > 1:
            decimal_mark = last  # "1,782.500": the other mark groups
    if decimal_mark:
        group = "," if decimal_mark == "." else "."
        whole, _, fraction = text.rpartition(decimal_mark)
        if decimal_mark in whole:
            return None
        text = whole.replace(group, "") + "." + fraction
    else:
        if len({c for _i, c in marks}) > 1:
            return None
        text = text.replace(",", "").replace(".", "")
    try:
        return Decimal(str(parse_decimal(text, locale="en_US", strict=False)))
    except (NumberFormatError, ValueError, ArithmeticError):
        return None


def amounts(text: str, currency: str) -> list[Amount]:
    """Every amount of money in `text`, in order. A number is money when a currency mark or
    word is written next to it, or, bare, when it has exactly the currency's decimals (or,
    for a currency without decimals, thousands marks) and no unit follows it."""
    from parting.core import money

    decimals = money.digits(currency)
    found: list[Amount] = []
    for match in NUMBER.finditer(text):
        start, end = match.span()
        written = match.group(0)
        before = _BEFORE.search(text, max(0, start - 8), start)
        after = _AFTER.match(text[end : end + 12])
        mark: str | None = None
        if before is not None:
            mark = _SYMBOLS[before.group("mark")]
            start = before.start()
        elif after is not None:
            if after.group("mark"):
                mark = _SYMBOLS[after.group("mark")]
            else:
                mark = _WORDS_AFTER[after.group("word").lower()]
            end = end + after.end()
        if mark is not None and mark not in ("", currency):
            continue  # another currency
        if mark is None:
            fraction = re.search(r"[.,](\d+)$", written)
            if decimals:
                if fraction is None or len(fraction.group(1)) != decimals:
                    continue
            elif not re.search(r"\d[,.'’ \u00a0\u202f]\d{3}", written):
                continue
            if _UNIT_AFTER.match(text[match.end() : match.end() + 12]):
                continue
            if re.match(r"[ \t]*[^\W\d_]", text[match.end() : match.end() + 4]):
                continue  # "Kubernetes 1.31 upgrade": a version, a name, not a sum
        value = parse_number(written, decimals)
        if value is None:
            continue
        sign_at = start - 1
        while sign_at >= 0 and text[sign_at] in " *":
            sign_at -= 1
        negative = sign_at >= 0 and text[sign_at] in _MINUS and (
            sign_at == 0 or not text[sign_at - 1].isalnum()
        )
        found.append(
            Amount(start, end, text[start:end], value, mark or "", mark is not None, negative)
        )
    return found


# --- dates --------------------------------------------------------------------------------

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _month_of(word: str) -> int:
    key = word.rstrip(".").lower()[:3]
    return [m.lower()[:3] for m in _MONTHS].index(key) + 1


def _weekday_of(word: str) -> int:
    key = word.rstrip(".").lower()[:3]
    return [w.lower()[:3] for w in _WEEKDAYS].index(key)


# Month names with a capital (case-sensitive: "may" is a verb), or in capitals; a dot only
# after an abbreviation ("Sept.", never "April.": that one ends a sentence).
_MONTH_WORDS = [*_MONTHS, "Sept", *(m[:3] for m in _MONTHS if len(m) > 3)]
_MONTH = "(?:" + "|".join(
    alternative
    for word in sorted(_MONTH_WORDS, key=lambda w: (-len(w), w))
    for alternative in (
        [word, word.upper()] if word in _MONTHS else [word + r"\.?", word.upper() + r"\.?"]
    )
) + ")"
_WEEKDAY = (
    r"(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|"
    r"Sat(?:urday)?|Sun(?:day)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|\.)?"
_DAY_AFTER_MONTH = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20|21)\d\d"
_LEAD_W = rf"(?:(?P<weekday>{_WEEKDAY}),?[ \u00a0]+(?:the[ \u00a0]+)?)?"
DATE = re.compile(
    r"(?<![\w.\-/])(?:"
    # 31 May 2026 · 31st of May · Friday 30 October 2026 · 31. May 2026
    rf"{_LEAD_W}(?P<d1>{_DAY})(?:[ \u00a0]+of)?[ \u00a0]+(?P<m1>{_MONTH})"
    rf"(?:,?[ \u00a0]+(?P<y1>{_YEAR})(?!\d))?"
    # May 31st · Sunday, May 31, 2026
    rf"|{_LEAD_W.replace('weekday', 'weekday2')}(?P<m2>{_MONTH})[ \u00a0]+(?:the[ \u00a0]+)?"
    rf"(?P<d2>{_DAY_AFTER_MONTH})(?!\d)(?:,?[ \u00a0]+(?P<y2>{_YEAR})(?!\d))?"
    # 2026-05-31
    r"|(?P<y3>(?:19|20|21)\d\d)-(?P<m3>0?[1-9]|1[0-2])-(?P<d3>0?[1-9]|[12]\d|3[01])(?![\d-])"
    # 31.05.2026 · 31/05/2026 · 05/31/2026
    r"|(?:(?P<weekday4>" + _WEEKDAY + r"),?[ \u00a0]+)?"
    r"(?P<a4>\d{1,2})(?P<sep>[./])(?P<b4>\d{1,2})(?P=sep)(?P<y4>(?:19|20|21)?\d\d)(?![\d/])"
    r")(?![\w])"
)


@dataclass(frozen=True)
class Day:
    """A date in the draft: the `date` it means, where it is written, the weekday written
    with it (0 = Monday) if any, and whether the year was written."""

    start: int
    end: int
    text: str
    date: dt.date
    weekday: int | None
    year_given: bool


def _nearest_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    best: dt.date | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((candidate - anchor).days) < abs((best - anchor).days):
            best = candidate
    return best


@cache
def _month_first(locale: str) -> bool:
    """Whether "05/31/2026" is the locale's order (the United States and a few others)."""
    region = locale.split("_")[-1] if "_" in locale else ""
    return region in {"US", "PH", "FM", "MH", "PW", "BZ", "CA"} and not locale.startswith("fr")


def dates(text: str, anchor: dt.date, locale: str = "en_US") -> list[Day]:
    """Every date in `text`, in order; a date without a year takes the year that puts it
    nearest `anchor` (the case's end date)."""
    found: list[Day] = []
    for match in DATE.finditer(text):
        g = match.groupdict()
        weekday_word = g["weekday"] or g["weekday2"] or g["weekday4"]
        year_text: str | None
        try:
            if g["m1"] or g["m2"]:
                month = _month_of(g["m1"] or g["m2"])
                day = int(re.sub(r"\D", "", g["d1"] or g["d2"]))
                year_text = g["y1"] or g["y2"]
            elif g["y3"]:
                month, day, year_text = int(g["m3"]), int(g["d3"]), g["y3"]
            else:
                a, b = int(g["a4"]), int(g["b4"])
                if g["sep"] == "/" and _month_first(locale):
                    a, b = b, a
                day, month, year_text = a, b, g["y4"]
                if len(year_text) == 2:
                    year_text = str(anchor.year // 100) + year_text
            if year_text:
                day_date = dt.date(int(year_text), month, day)
            else:
                nearest = _nearest_year(month, day, anchor)
                if nearest is None:
                    continue
                day_date = nearest
        except ValueError:
            continue
        weekday = _weekday_of(weekday_word) if weekday_word else None
        found.append(
            Day(match.start(), match.end(), match.group(0), day_date, weekday, bool(year_text))
        )
    return found


def spans_of(items: list[Amount] | list[Day]) -> Iterator[tuple[int, int]]:
    for item in items:
        yield item.start, item.end
