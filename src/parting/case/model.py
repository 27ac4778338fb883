"""The case file as typed data (format version 1, see docs/casefile.md).

Field-level rules live here (types, ranges, enums, unknown keys); rules that span records
(ids, dependencies, date order) live in `case.py`, which reports every problem at once.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, WithJsonSchema

from parting.core import business_days, fmt, money

# --- scalar types ------------------------------------------------------------------------


def _to_decimal(value: Any) -> Decimal:
    # Never through float: the YAML loader already turns 3.5 into Decimal("3.5").
    if isinstance(value, bool):
        raise ValueError("expected a number, got a boolean")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace("_", ""))
        except InvalidOperation:
            raise ValueError(f"expected a number, got {value!r}") from None
    else:
        raise ValueError(f"expected a number, got {type(value).__name__} {value!r}")
    if not result.is_finite():
        raise ValueError(f"expected a finite number, got {value!r}")
    # Beyond any real engagement, and beyond what exact arithmetic on it can promise.
    if result and result.adjusted() >= _LARGEST_DIGITS:
        raise ValueError(f"expected a number below 1,000,000,000,000, got {value!r}")
    if result.as_tuple().exponent < -_MOST_DECIMALS:  # type: ignore[operator]
        raise ValueError(
            f"expected at most {_MOST_DECIMALS} decimal places, got {value!r}"
        )
    return result


_LARGEST_DIGITS = 12
_MOST_DECIMALS = 6


def _to_int(value: Any) -> int:
    # Whole numbers only: `7` or, from a CSV cell, "7"; never 7.5 or true.
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d+\s*", value):
        return int(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    raise ValueError(f"expected a whole number, got {value!r}")


def _to_date(value: Any) -> date:
    if isinstance(value, date) and type(value) is date:
        day = value
    elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"expected a real date YYYY-MM-DD, got {value!r}") from None
    else:
        raise ValueError(f"expected a date YYYY-MM-DD, got {value!r}")
    # Calendars (public holidays, notice periods) are only meaningful in a working lifetime.
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"expected a date between {FIRST_YEAR} and {LAST_YEAR}, got {day}")
    return day


FIRST_YEAR = 1970
LAST_YEAR = 2199


def _to_text(value: Any) -> str:
    # Invoice numbers and ids are often typed unquoted (`number: 44`); keep them as text.
    if isinstance(value, bool) or value is None:
        raise ValueError(f"expected text, got {value!r}")
    if isinstance(value, str | int | Decimal):
        return str(value)
    raise ValueError(f"expected text, got {type(value).__name__}")


def _to_list(value: Any) -> Any:
    # A single item where a list is expected is accepted (`depends_on: menu`).
    if isinstance(value, str):
        return [value] if value.strip() else []
    return value


def _number_schema(minimum: int | None = None, maximum: int | None = None) -> WithJsonSchema:
    # What editors should accept: a YAML number or a decimal string such as "2400.50".
    bounds: dict[str, int] = {}
    if minimum is not None:
        bounds["minimum"] = minimum
    if maximum is not None:
        bounds["maximum"] = maximum
    pattern = r"^-?[0-9][0-9_]*(\.[0-9]+)?$" if minimum is None else r"^[0-9][0-9_]*(\.[0-9]+)?$"
    return WithJsonSchema(
        {"anyOf": [{"type": "number", **bounds}, {"type": "string", "pattern": pattern}]}
    )


ID_PATTERN = r"^[a-z0-9_-]+$"

Number = Annotated[Decimal, BeforeValidator(_to_decimal), _number_schema()]
Amount = Annotated[Decimal, BeforeValidator(_to_decimal), Field(ge=0), _number_schema(0)]
Hours = Annotated[Decimal, BeforeValidator(_to_decimal), Field(ge=0), _number_schema(0)]
Percent = Annotated[
    Decimal, BeforeValidator(_to_decimal), Field(ge=0, le=100), _number_schema(0, 100)
]
Pace = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    Field(gt=0),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "exclusiveMinimum": 0},
                {"type": "string", "pattern": r"^[0-9][0-9_]*(\.[0-9]+)?$"},
            ]
        }
    ),
]
Day = Annotated[
    date, BeforeValidator(_to_date), WithJsonSchema({"type": "string", "format": "date"})
]
Text = Annotated[
    str,
    BeforeValidator(_to_text),
    Field(min_length=1),
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"}]}),
]
Id = Annotated[
    str,
    BeforeValidator(_to_text),
    Field(pattern=ID_PATTERN),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]
TextList = Annotated[list[Text], BeforeValidator(_to_list)]
IdList = Annotated[list[Id], BeforeValidator(_to_list)]
def _int_schema(minimum: int, maximum: int | None = None) -> WithJsonSchema:
    bounds = {"minimum": minimum} | ({"maximum": maximum} if maximum is not None else {})
    return WithJsonSchema({"type": "integer", **bounds})


# At most a century: a longer notice or payment term is a typo, and dates past it overflow.
MOST_DAYS = 36500
Days = Annotated[
    int, BeforeValidator(_to_int), Field(ge=0, le=MOST_DAYS), _int_schema(0, MOST_DAYS)
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- sections ----------------------------------------------------------------------------


def _to_lines(value: Any) -> Any:
    # An address as a list of lines, or as one text with its lines (`address: |`); never
    # split at commas ("12, rue de la Paix" is one line).
    if isinstance(value, str):
        return [part.strip() for part in value.splitlines() if part.strip()]
    return value


Lines = Annotated[list[Text], BeforeValidator(_to_lines)]
# ISO 3166-1 ("GB"), or with the region whose public holidays apply ("GB-SCT", "US-CA").
Country = Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")]

#: The EU member states (ISO 3166-1): VAT ids checked as EU VAT numbers, and services from one
#: to a business in another are reverse-charged (Art. 196 Council Directive 2006/112/EC).
EU_COUNTRIES: frozenset[str] = frozenset({
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
})


class Provider(Record):
    name: Text
    business: Text | None = None
    email: Text | None = None
    legal_name: Text | None = None
    address: Lines = Field(default_factory=list)
    country: Country | None = None
    tax_id: Text | None = None

    @property
    def invoice_name(self) -> str:
        """The name on an invoice: the legal name, else the business, else the person."""
        return self.legal_name or self.business or self.name


class Client(Record):
    name: Text
    contact: Text
    email: Text | None = None
    country: Country | None = None
    locale: Annotated[str, Field(pattern=r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z]{2}|_\d{3})?$")] = (
        "en_US"
    )
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] = "en"
    salutation: Text | None = None
    legal_name: Text | None = None
    address: Lines = Field(default_factory=list)
    tax_id: Text | None = None

    @property
    def invoice_name(self) -> str:
        return self.legal_name or self.name


Tone = Literal["warm", "neutral", "formal"]
Party = Literal["provider", "client", "mutual"]


class Engagement(Record):
    project: Text
    started: Day | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    terminated_by: Party = "provider"
    notice_given: Day
    written_on: Day | None = None
    end_date: Day | None = None
    as_of: Day | None = None
    reason: Text | None = None
    client_benefit: Text | None = None
    provider_benefit: Text | None = None
    tone: Tone = "warm"


#: How the part of a retainer month is pro-rated (settlement rule 11): calendar days of that
#: month, or business days in client.country (weekends and its public holidays left out).
Proration = Literal["days", "business_days"]
#: Statutory interest on late payment (settlement rule 13): the UK's Late Payment of Commercial
#: Debts (Interest) Act 1998, the EU's Late Payment Directive 2011/7/EU, Germany's BGB § 288.
Regime = Literal["uk_late_payment", "eu_late_payment", "de_bgb288"]
# A central bank's reference rate in percent a year; it has been below zero (the ECB's and the
# Basiszinssatz, 2016 to 2022).
ReferenceRate = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    Field(ge=-10, le=100),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": -10, "maximum": 100},
                {"type": "string", "pattern": r"^-?[0-9][0-9_]*(\.[0-9]+)?$"},
            ]
        }
    ),
]


class StatutoryInterest(Record):
    regime: Regime
    reference_rate: ReferenceRate
    fixed_sum: Amount | None = None


class Contract(Record):
    hourly_rate: Amount | None = None
    notice_days: Days | None = None
    notice_in_business_days: bool = False
    payment_terms_days: Days = 30
    deposit: Amount = Decimal(0)
    deposit_refundable: bool = True
    prepaid_balance: Amount = Decimal(0)
    kill_fee_percent: Percent = Decimal(0)
    late_fee_percent_per_month: Percent = Decimal(0)
    charge_late_fees: bool = False
    ip_assignment: bool = False
    retainer: Amount | None = None
    retainer_proration: Proration = "days"
    retainer_invoiced_through: Day | None = None
    notice_pay: bool = False
    notice_pay_per_day: Amount | None = None
    statutory_interest: StatutoryInterest | None = None


Status = Literal["not_started", "in_progress", "done", "accepted"]
DELIVERED: frozenset[str] = frozenset({"done", "accepted"})


class Deliverable(Record):
    id: Id
    title: Text
    status: Status
    percent_complete: Percent | None = None
    fee: Amount | None = None
    invoiced: Amount = Decimal(0)
    estimate_hours: Hours | None = None
    value: Annotated[int, BeforeValidator(_to_int), Field(ge=1, le=10), _int_schema(1, 10)] = 5
    depends_on: IdList = Field(default_factory=list)
    due: Day | None = None

    @property
    def delivered(self) -> bool:
        return self.status in DELIVERED

    @property
    def completion(self) -> Decimal:
        """Share of the work done, 0..1 (settlement rule 3)."""
        if self.delivered:
            return Decimal(1)
        if self.status == "not_started":
            return Decimal(0)
        return (self.percent_complete or Decimal(0)) / 100


class TimeEntry(Record):
    date: Day
    hours: Hours
    deliverable: Id | None = None
    rate: Amount | None = None
    billable: bool = True
    billed: bool = False
    description: Text | None = None


class Invoice(Record):
    number: Text
    issued: Day | None = None
    due: Day
    amount: Amount
    paid: Amount = Decimal(0)

    @property
    def unpaid(self) -> Decimal:
        return self.amount - self.paid


class Expense(Record):
    date: Day
    description: Text
    amount: Amount


AssetKind = Literal[
    "repository", "domain", "hosting", "account", "credential", "file", "dataset", "other"
]
AssetAction = Literal["transfer", "rotate", "return", "delete", "revoke_access"]
#: When a transferred or returned asset goes to the client: with the handover (before the end
#: date), or on payment of the final invoice (final files, the source, a design system).
Release = Literal["on_handover", "on_payment"]
#: The actions that hand an asset to the client, and so can wait for the payment.
RELEASED: frozenset[str] = frozenset({"transfer", "return"})


class Asset(Record):
    name: Text
    kind: AssetKind = "other"
    action: AssetAction
    personal_data: bool = False
    notes: Text | None = None
    release: Release = "on_handover"
    done: Day | None = None

    @property
    def on_payment(self) -> bool:
        """Handed to the client on payment of the final invoice, not with the handover."""
        return self.release == "on_payment" and self.action in RELEASED


class Stakeholder(Record):
    name: Text
    role: Text | None = None
    email: Text | None = None


class Referral(Record):
    name: Text
    contact: Text | None = None
    skills: TextList = Field(default_factory=list)


class Payment(Record):
    iban: Text | None = None
    bic: Text | None = None
    account: Text | None = None
    link: Text | None = None
    reference: Text | None = None

    @property
    def given(self) -> bool:
        """Some way to pay is given: an IBAN, an account or a payment link."""
        return bool(self.iban or self.account or self.link)


#: The e-invoice embedded in invoice.pdf: Factur-X (ZUGFeRD 2) EN 16931, or none.
EInvoice = Literal["factur-x", "none"]


class FinalInvoice(Record):
    number: Text | None = None
    tax_rate: Percent | None = None
    tax_name: Text | None = None
    note: Text | None = None
    credits: TextList = Field(default_factory=list)
    payment: Payment = Field(default_factory=Payment)
    e_invoice: EInvoice | None = None


Path = Literal["reduce_scope", "adjust_timeline", "refer", "phase_out"]


class Options(Record):
    offer: Annotated[list[Path], BeforeValidator(_to_list)] = Field(default_factory=list)
    hours_available: Hours | None = None
    hours_per_week: Pace = Decimal(20)
    timeline_hours_per_week: Pace | None = None
    phase_out_weeks: Annotated[
        int, BeforeValidator(_to_int), Field(ge=1, le=52), _int_schema(1, 52)
    ] = 4
    needs: TextList = Field(default_factory=list)

    @property
    def slower_pace(self) -> Decimal:
        """Weekly hours of the adjusted timeline: given, or half the usual pace."""
        return self.timeline_hours_per_week or self.hours_per_week / 2


class Case(BaseModel):
    """One engagement to end. Derived dates (end date, settlement date, due date) are here so
    that every step agrees on them."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    _locator: Any = PrivateAttr(default=None)  # where each key came from (`case.load.where`)

    version: Literal[1]
    provider: Provider
    client: Client
    engagement: Engagement
    contract: Contract = Field(default_factory=Contract)
    deliverables: list[Deliverable] = Field(default_factory=list)
    time_entries: list[TimeEntry] = Field(default_factory=list)
    invoices: list[Invoice] = Field(default_factory=list)
    expenses: list[Expense] = Field(default_factory=list)
    assets: list[Asset] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    referrals: list[Referral] = Field(default_factory=list)
    options: Options = Field(default_factory=Options)
    invoice: FinalInvoice = Field(default_factory=FinalInvoice)

    @property
    def currency(self) -> str:
        return self.engagement.currency

    @cached_property
    def locale(self) -> str:
        """Where dates, numbers and money are formatted: the letter's language with the
        client's region, as CLDR has it (`en` + `de_DE` -> `en_DE`: "7 April 2027",
        "5.940,60 €"), so every word and figure of a document is in one language."""
        return fmt.display_locale(self.client.language, self.client.locale)

    @property
    def calendar(self) -> business_days.Calendar:
        return business_days.calendar_for(self.client.country)

    @cached_property
    def end_date(self) -> date:
        """Settlement rule 1: the given end date, else notice + notice period."""
        e = self.engagement
        if e.end_date is not None:
            return e.end_date
        return self.contractual_end

    @cached_property
    def contractual_end(self) -> date:
        """Notice + the contract's notice period (rule 1 without a given end date): the end
        the contract gives, which a client who cuts the notice short pays in lieu of."""
        e, c = self.engagement, self.contract
        days = c.notice_days or 0
        if c.notice_in_business_days:
            return self.calendar.add_business_days(e.notice_given, days)
        return business_days.add_days(e.notice_given, days)

    @property
    def as_of(self) -> date:
        return self.engagement.as_of or self.end_date

    @property
    def due_date(self) -> date:
        return business_days.add_days(self.end_date, self.contract.payment_terms_days)

    def round(self, amount: Decimal) -> Decimal:
        return money.quantize(amount, self.currency)

    def format_money(self, amount: Decimal) -> str:
        return money.format_money(amount, self.currency, self.locale)

    def deliverable(self, deliverable_id: str) -> Deliverable:
        return self.deliverables_by_id[deliverable_id]

    @cached_property
    def deliverables_by_id(self) -> dict[str, Deliverable]:
        return {d.id: d for d in self.deliverables}

    def rate_of(self, entry: TimeEntry) -> Decimal:
        rate = entry.rate if entry.rate is not None else self.contract.hourly_rate
        return rate if rate is not None else Decimal(0)
