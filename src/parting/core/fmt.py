"""Dates, numbers and hours as a reader sees them, in one locale (CLDR data through Babel).

Babel is imported on first use: it is slow to import and `parting --help` must start fast.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def format_date(day: date, locale: str, style: str = "long") -> str:
    """`May 31, 2026` (en_US), `31. Mai 2026` (de_DE); style "full" adds the weekday."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(day, format=style, locale=locale))


def format_number(value: Decimal | int, locale: str) -> str:
    """`6.5` (en_US), `6,5` (de_DE): hours and percentages in the client's locale."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=locale))


def json_number(value: Decimal) -> int | float:
    """Hours and percentages in package.json: short decimals, as readable JSON numbers
    (money is never a JSON number; it is an exact string, see `money.to_json`)."""
    return int(value) if value == value.to_integral_value() else float(value)


def display_locale(language: str, locale: str) -> str:
    """The locale a document in `language` is formatted in, for a client whose own locale is
    `locale`: the language with the client's region where CLDR knows the pair (`en`, `de_DE`
    -> `en_DE`), else the language alone. Never a second language's month names or digits
    inside the text."""
    from babel import localedata

    parts = locale.split("_")
    if parts[0] == language:
        return locale
    region = parts[-1] if len(parts) > 1 else ""
    candidate = f"{language}_{region}" if region else language
    return candidate if region and localedata.exists(candidate) else language


def quarter_hours(hours: Decimal) -> Decimal:
    """Hours as prose gives them: to the nearest quarter hour, half up (6.7 -> 6.75)."""
    from decimal import ROUND_HALF_UP

    return ((hours * 4).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 4).normalize() + 0
