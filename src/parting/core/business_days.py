"""Business days: weekends and the public holidays of the client's country (`holidays`)."""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta
from functools import cache


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


class _NoHolidays:
    def __contains__(self, day: object) -> bool:
        return False


class Calendar:
    """Working days of one country; with no country, weekends only."""

    def __init__(self, country: str | None) -> None:
        self.country = country  # "GB", or with its region (ISO 3166-2): "GB-SCT", "US-CA"
        self._holidays: Container[date] | None = None

    @property
    def holidays(self) -> Container[date]:
        if self._holidays is None:
            if self.country is None:
                self._holidays = _NoHolidays()
            else:
                import holidays

                # years=None: the holiday table fills itself for whatever year is asked.
                # English names, like the rest of the package: without `language` the names
                # depend on whether gettext finds the library's catalogues, which differs
                # between Python versions ("Karfreitag" on 3.13, "Good Friday" on 3.11).
                code, _, region = self.country.partition("-")
                self._holidays = holidays.country_holidays(
                    code, subdiv=region or None, language="en_US"
                )
        return self._holidays

    def holiday_name(self, day: date) -> str | None:
        names = self.holidays
        get = getattr(names, "get", None)
        return get(day) if get is not None else None

    def is_business_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def on_or_after(self, day: date) -> date:
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day

    def on_or_before(self, day: date) -> date:
        while not self.is_business_day(day):
            day -= timedelta(days=1)
        return day

    def add_business_days(self, day: date, count: int) -> date:
        """`count` business days after `day` (before it when negative); `day` itself is not
        counted, so a notice given on Friday with 1 business day ends on Monday."""
        step = 1 if count >= 0 else -1
        remaining = abs(count)
        while remaining:
            day += timedelta(days=step)
            if self.is_business_day(day):
                remaining -= 1
        return day

    def business_days_between(self, start: date, end: date) -> int:
        """Business days in (start, end]."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_business_day(day):
                count += 1
        return count


def is_country(code: str) -> bool:
    """A country the `holidays` package knows ("DE"), or one of its regions ("DE-BY")."""
    import holidays

    country, _, region = code.partition("-")
    regions = holidays.list_supported_countries().get(country)
    if regions is None:
        return False
    return not region or region in regions


def country_of(code: str | None) -> str | None:
    """"GB-SCT" -> "GB": the country of a code that may name a region."""
    return code.partition("-")[0] if code else None


def regions_of(code: str) -> list[str]:
    """The regions of a country whose public holidays differ from the national ones."""
    import holidays

    return list(holidays.list_supported_countries().get(code, []))


@cache
def calendar_for(country: str | None) -> Calendar:
    return Calendar(country)
