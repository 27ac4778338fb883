"""Load and validate a case file: YAML (plus bulk records in CSV), every problem at once.

Speed and line numbers pull in opposite directions: building YAML nodes with marks is most of
the parse time. So the happy path uses libyaml's C parser with no position bookkeeping, and
only when something is wrong is the file composed again, with marks, to find the line of each
problem. A valid 4 MB case file pays nothing for error reporting.
"""

from __future__ import annotations

import csv
import gc
import io
import re
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from parting.case.model import (
    EU_COUNTRIES,
    Asset,
    Case,
    Client,
    Contract,
    Deliverable,
    Engagement,
    Expense,
    FinalInvoice,
    Invoice,
    Options,
    Payment,
    Provider,
    Referral,
    Stakeholder,
    TimeEntry,
)
from parting.core import business_days, money
from parting.core.errors import CaseError, Problem

Loc = tuple[str | int, ...]

# --- YAML --------------------------------------------------------------------------------

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class DuplicateKeyError(yaml.constructor.ConstructorError):
    pass


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """YAML with the surprises of YAML 1.1 removed: `NO` (Norway) and `on` stay text, `1:30`
    is not a number, and `3.5` becomes `Decimal("3.5")`, never a float."""

    def construct_yaml_float(self, node: yaml.ScalarNode) -> Any:
        text = str(self.construct_scalar(node)).replace("_", "")
        try:
            return Decimal(text)
        except InvalidOperation:  # .inf, .nan: text, so validation says what is wrong
            return str(self.construct_scalar(node))

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        # An impossible date (2026-02-30) stays text, so validation can say what is wrong.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = key_node.value
            if key in seen:
                raise DuplicateKeyError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    _INT, re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")
)
_Loader.add_constructor(_FLOAT, _Loader.construct_yaml_float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def parse_yaml(text: str) -> Any:
    # The parse allocates about a million objects for a 4 MB file and makes no reference
    # cycles; without the cyclic collector walking them again and again it runs ~3x faster
    # (docs/benchmarks.md).
    paused = gc.isenabled()
    gc.disable()
    try:
        return yaml.load(text, Loader=_Loader)  # a safe loader
    finally:
        if paused:
            gc.enable()


# --- where a problem is ------------------------------------------------------------------


@dataclass
class _CsvSource:
    path: Path
    shown: str
    row_lines: list[int]


@dataclass
class _Locator:
    """Maps a key path to the file and line it came from; composes the YAML only when asked."""

    path: Path
    shown: str
    text: str
    csv_sources: dict[str, _CsvSource] = field(default_factory=dict)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (key, warning) from loading
    _root: yaml.Node | None = None
    _composed: bool = False

    def root(self) -> yaml.Node | None:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self.text, Loader=_Loader)
            except yaml.YAMLError:
                self._root = None
        return self._root

    def problem(self, loc: Loc, message: str) -> Problem:
        key = format_key(loc)
        if loc and isinstance(loc[0], str) and loc[0] in self.csv_sources:
            source = self.csv_sources[loc[0]]
            if len(loc) >= 2 and isinstance(loc[1], int) and loc[1] < len(source.row_lines):
                column = str(loc[2]) if len(loc) >= 3 else None
                return Problem(
                    Path(source.shown), source.row_lines[loc[1]], key, message, column
                )
            return Problem(Path(source.shown), None, key, message)
        return Problem(Path(self.shown), self.line_of(loc), key, message)

    def line_of(self, loc: Loc) -> int | None:
        node = self.root()
        if node is None:
            return None
        line = node.start_mark.line + 1
        for part in loc:
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == str(part):
                        line = key_node.start_mark.line + 1
                        child = value_node
                        break
            elif (
                isinstance(node, yaml.SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                child = node.value[part]
                line = child.start_mark.line + 1
            if child is None:
                break
            node = child
            if not isinstance(node, yaml.ScalarNode):
                continue
        return line


def format_key(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# --- bulk records in CSV -----------------------------------------------------------------

_CSV_MODELS: dict[str, type[BaseModel]] = {
    "deliverables": Deliverable,
    "time_entries": TimeEntry,
    "invoices": Invoice,
    "expenses": Expense,
}

#: The keys whose value may name a CSV file instead of a list of records.
CSV_KEYS: tuple[str, ...] = tuple(_CSV_MODELS)
_CSV_LISTS = {"depends_on"}
_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")


def _read_csv(
    name: str, relative: str, base: Path, problems: list[Problem]
) -> tuple[list[dict[str, Any]], _CsvSource] | None:
    path = base / relative
    shown = str(path)
    try:
        # utf-8-sig: Excel's "CSV UTF-8" starts with a byte-order mark.
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        problems.append(
            Problem(Path(shown), None, name, f"cannot read the CSV file: {exc.strerror}")
        )
        return None
    with handle:
        read = _csv_rows(name, handle, shown, problems)
    if read is None:
        return None
    rows, lines = read
    return rows, _CsvSource(path, shown, lines)


def _csv_rows(
    name: str, handle: TextIO, shown: str, problems: list[Problem]
) -> tuple[list[dict[str, Any]], list[int]] | None:
    """The records of a CSV file by the rules of the case file (a header row of the keys,
    empty cells take the defaults, `;` between cells and a decimal comma from a comma-decimal
    region, list items separated by `;`), with the line of each; None with `problems` when
    the file cannot be read as such."""
    model = _CSV_MODELS[name]
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    try:
        first = handle.readline()
        handle.seek(0)
        # A spreadsheet set to a comma-decimal region writes ";" between cells.
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader, None)
        if header is None:
            return [], []
        header = [h.strip().lower() for h in header]
        while header and not header[-1]:  # Excel's empty columns at the end
            header.pop()
        allowed = set(model.model_fields)
        unknown = [h for h in header if h not in allowed]
        for column in unknown:
            problems.append(
                Problem(
                    Path(shown), 1, name, "unknown column; expected some of: "
                    + ", ".join(model.model_fields), column,
                )
            )
        if unknown:
            return None
        width = len(header)
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            while len(values) > width and not values[-1].strip():
                values = values[:-1]  # the empty columns at the end again
            if len(values) != width:
                problems.append(
                    Problem(
                        Path(shown), reader.line_num, f"{name}[{len(rows)}]",
                        f"expected {width} cells as in the header, found {len(values)}",
                    )
                )
                continue
            row: dict[str, Any] = {}
            for key, value in zip(header, values, strict=True):
                value = value.strip()
                if not value:
                    continue  # empty cells take the defaults
                if key in _CSV_LISTS:
                    sep = ";" if delimiter == "," else ","
                    row[key] = [v.strip() for v in value.split(sep) if v.strip()]
                elif delimiter == ";" and _DECIMAL_COMMA.fullmatch(value):
                    row[key] = value.replace(",", ".")  # 3,5 from a comma-decimal region
                else:
                    row[key] = value
            rows.append(row)
            lines.append(reader.line_num)
    except UnicodeDecodeError as exc:
        problems.append(Problem(Path(shown), None, name, f"not UTF-8 text: {exc.reason}"))
        return None
    except csv.Error as exc:
        problems.append(Problem(Path(shown), None, name, f"not valid CSV: {exc}"))
        return None
    return rows, lines


def csv_records(
    name: str, text: str, shown: str = "CSV"
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The records of `text`, a CSV file for the list `name` (one of CSV_KEYS), read as the
    case file reads a CSV file it names, each record checked as the case checks it: (records,
    []) or ([], problems), each problem with its line in the CSV and its column. The records
    hold the cells as written (a decimal comma made a point); `validated` gives their values."""
    problems: list[Problem] = []
    read = _csv_rows(name, io.StringIO(text.removeprefix("\ufeff"), newline=""), shown,
                     problems)
    if read is None:
        return [], problems
    rows, lines = read
    model = _CSV_MODELS[name]
    for i, (row, line) in enumerate(zip(rows, lines, strict=True)):
        try:
            model.model_validate(row)
        except ValidationError as exc:
            for error in exc.errors():
                loc = _clean_loc(error["loc"])
                column = str(loc[0]) if loc else None
                problems.append(Problem(
                    Path(shown), line, format_key((name, i, *loc)),
                    _describe({**error, "loc": (name, i, *loc)}), column,
                ))
    return (rows, []) if not problems else ([], problems)


def validated(name: str, record: Mapping[str, Any]) -> dict[str, Any]:
    """The values of a record of the list `name` as the model reads them (true/false for
    yes/no and the like), the keys given only."""
    model = _CSV_MODELS[name]
    checked = model.model_validate(record)
    return {key: getattr(checked, key) for key in record}


# --- validation messages -----------------------------------------------------------------

_SECTIONS: dict[str, type[BaseModel]] = {
    "provider": Provider,
    "client": Client,
    "engagement": Engagement,
    "contract": Contract,
    "options": Options,
    "deliverables": Deliverable,
    "time_entries": TimeEntry,
    "invoices": Invoice,
    "expenses": Expense,
    "assets": Asset,
    "stakeholders": Stakeholder,
    "referrals": Referral,
    "invoice": FinalInvoice,
}

_PATTERNS = {
    "currency": "an ISO 4217 currency code such as USD or EUR",
    "country": "an ISO 3166 country code such as US or DE, or a region such as GB-SCT",
    "locale": "a locale such as en_US or de_DE",
    "id": "an id of lower-case letters, digits, '_' and '-'",
    "deliverable": "a deliverable id of lower-case letters, digits, '_' and '-'",
    "depends_on": "deliverable ids of lower-case letters, digits, '_' and '-'",
}


def _model_at(loc: Loc) -> type[BaseModel] | None:
    if not loc:
        return Case
    if tuple(loc[:2]) == ("invoice", "payment"):
        return Payment
    return _SECTIONS.get(str(loc[0]))


def _describe(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    loc: Loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    got = error.get("input")
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1] if len(loc) == 1 else loc[:2])
        allowed = ", ".join(model.model_fields) if model else ""
        message = f"unknown key {loc[-1]!r}; expected one of: {allowed}"
        if re.search(r"[ ()]", str(loc[-1])):
            # `description: Font licence (Söhne, 3 weights)` inside { }: the comma ended the
            # value and began a "key" of prose.
            message += (
                "; inside { }, a comma separates keys: put a value that has a comma in quotes, "
                'such as description: "Font licence (Söhne, 3 weights)"'
            )
        return message
    if kind == "greater_than_equal":
        if ctx.get("ge") == 0:
            return f"must not be negative, got {got}"
        return f"expected at least {ctx.get('ge')}, got {got}"
    if kind in ("less_than_equal", "greater_than"):
        bound = ctx.get("le", ctx.get("gt"))
        return f"expected at most {bound}, got {got}" if kind == "less_than_equal" else (
            f"expected more than {bound}, got {got}"
        )
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, got {got!r}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        wanted = _PATTERNS.get(name, f"text matching {ctx.get('pattern')}")
        return f"expected {wanted}, got {got!r}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind in ("string_type",):
        return f"expected text, got {got!r}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {got!r}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {got!r}"
    if kind == "list_type":
        return f"expected a list, got {got!r}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of keys, got {got!r}"
    return str(error["msg"])


def _clean_loc(loc: Sequence[Any]) -> Loc:
    # Pydantic adds validator names to locations inside some annotated types; drop them.
    return tuple(p for p in loc if isinstance(p, int) or "[" not in str(p))


# --- rules across records ----------------------------------------------------------------


def _cross_checks(
    case: Case, languages: Collection[str] | None = None
) -> Iterator[tuple[Loc, str]]:
    e, c = case.engagement, case.contract
    if languages is not None and case.client.language not in languages:
        yield (
            ("client", "language"),
            f"no letter phrases for {case.client.language!r}; expected one of: "
            + ", ".join(sorted(languages)),
        )
    if not money.is_currency(e.currency):
        yield ("engagement", "currency"), f"unknown ISO 4217 currency code {e.currency!r}"
    if case.client.country is not None and not business_days.is_country(case.client.country):
        yield (
            ("client", "country"),
            f"no public-holiday calendar for country {case.client.country!r}; "
            "expected an ISO 3166 code such as US, DE or JP, or a region such as GB-SCT, "
            "US-CA or DE-BY",
        )
    if not _is_locale(case.client.locale):
        yield ("client", "locale"), f"unknown locale {case.client.locale!r}"
    if e.end_date is None and c.notice_days is None:
        yield (
            ("engagement", "end_date"),
            "required key is missing: give engagement.end_date or contract.notice_days",
        )
    if e.end_date is not None and e.end_date < e.notice_given:
        yield (
            ("engagement", "end_date"),
            f"end_date {e.end_date} is before notice_given {e.notice_given}",
        )
    if e.written_on is not None and not (
        e.notice_given <= e.written_on <= (e.end_date or e.written_on)
    ):
        yield (
            ("engagement", "written_on"),
            f"written_on {e.written_on} is outside the notice period: expected a day from "
            f"notice_given {e.notice_given} to the end date",
        )
    if e.started is not None and e.notice_given < e.started:
        yield (
            ("engagement", "notice_given"),
            f"notice_given {e.notice_given} is before started {e.started}",
        )
    yield from _check_deliverables(case)
    yield from _check_time_entries(case)
    if money.is_currency(e.currency):
        yield from _check_money_digits(case)
    for i, inv in enumerate(case.invoices):
        if inv.paid > inv.amount:
            yield ("invoices", i, "paid"), f"paid {inv.paid} is more than amount {inv.amount}"
        if inv.issued is not None and inv.due < inv.issued:
            yield ("invoices", i, "due"), f"due {inv.due} is before issued {inv.issued}"
    for i, asset in enumerate(case.assets):
        if asset.release == "on_payment" and not asset.on_payment:
            yield (
                ("assets", i, "release"),
                f"release on_payment is for an asset handed to the client; expected action "
                f"transfer or return, got {asset.action!r}",
            )
    if "reduce_scope" in case.options.offer and case.options.hours_available is None:
        yield (
            ("options", "hours_available"),
            "required key is missing: options.offer lists reduce_scope",
        )
    yield from _check_invoice(case)
    yield from _check_retainer(case)


def _check_retainer(case: Case) -> Iterator[tuple[Loc, str]]:
    """Settlement rules 11 to 13 need their basis in the case."""
    e, c = case.engagement, case.contract
    if c.retainer is not None and c.retainer_invoiced_through is None and e.started is None:
        yield (
            ("contract", "retainer_invoiced_through"),
            "required key is missing: with contract.retainer, give the last day invoiced "
            "(contract.retainer_invoiced_through) or engagement.started",
        )
    if c.notice_pay and c.retainer is None and c.notice_pay_per_day is None:
        yield (
            ("contract", "notice_pay_per_day"),
            "required key is missing: contract.notice_pay needs contract.notice_pay_per_day "
            "or contract.retainer to pay the notice by",
        )
    if c.notice_pay and c.notice_days is None:
        yield (
            ("contract", "notice_days"),
            "required key is missing: contract.notice_pay needs the contractual notice",
        )
    si = c.statutory_interest
    if si is not None and si.fixed_sum is None:
        own = "GBP" if si.regime == "uk_late_payment" else "EUR"
        if e.currency != own:
            yield (
                ("contract", "statutory_interest", "fixed_sum"),
                f"required key is missing: the {si.regime} fixed sum is in {own}; give it in "
                f"{e.currency}",
            )


def _check_invoice(case: Case) -> Iterator[tuple[Loc, str]]:
    """The final invoice's ids: tax ids by the party's country (python-stdnum), the IBAN and
    BIC (schwifty), a number not used before, credited invoices that exist."""
    parties = (
        ("provider", case.provider.tax_id, case.provider.country),
        ("client", case.client.tax_id, case.client.country),
    )
    for section, tax_id, country in parties:
        if tax_id is not None:
            problem = tax_id_problem(tax_id, country)
            if problem:
                yield (section, "tax_id"), problem
    if case.provider.country is not None and not business_days.is_country(
        case.provider.country
    ):
        yield ("provider", "country"), (
            f"unknown country {case.provider.country!r}; expected an ISO 3166 code such as GB, "
            "DE or AU"
        )
    inv = case.invoice
    numbers = {i.number: n for n, i in enumerate(case.invoices)}
    if inv.number is not None and inv.number in numbers:
        yield ("invoice", "number"), (
            f"invoice number {inv.number!r} is already used by invoices[{numbers[inv.number]}]; "
            "the final invoice needs a new one"
        )
    for n, number in enumerate(inv.credits):
        if number not in numbers:
            yield ("invoice", "credits", n), (
                f"unknown invoice number {number!r}; expected one of the case's invoices"
            )
    pay = inv.payment
    if pay.iban is not None:
        from schwifty import IBAN
        from schwifty.exceptions import SchwiftyException

        try:
            IBAN(pay.iban)
        except SchwiftyException as exc:
            yield ("invoice", "payment", "iban"), f"not a valid IBAN ({exc}): {pay.iban!r}"
    if pay.bic is not None:
        from schwifty import BIC
        from schwifty.exceptions import SchwiftyException

        try:
            BIC(pay.bic, allow_invalid=False)
        except SchwiftyException as exc:
            yield ("invoice", "payment", "bic"), f"not a valid BIC ({exc}): {pay.bic!r}"
    if pay.link is not None and not re.match(r"https?://\S+$", pay.link):
        yield ("invoice", "payment", "link"), (
            f"expected a web address starting with https://, got {pay.link!r}"
        )


def tax_id_problem(tax_id: str, country: str | None) -> str | None:
    """What is wrong with a tax id for its party's country, or None: a UK VAT number, an EU
    VAT id (its country prefix may be left out), a German Steuernummer, an Australian ABN, a
    US EIN. Other countries' ids are taken as given. Without a country, the id's own prefix
    (GB, or an EU member state's) says which rules apply."""
    from stdnum.exceptions import ValidationError as StdnumError

    given = re.sub(r"[\s.\-/]", "", tax_id).upper()
    nation = (country or "")[:2]
    if not nation and re.match(r"[A-Z]{2}", given):
        prefix = "GR" if given[:2] == "EL" else given[:2]
        nation = prefix if prefix == "GB" or prefix in EU_COUNTRIES else ""
    checks: list[tuple[str, Any, str]] = []  # (what it would be, stdnum module, the value)
    if nation == "GB":
        from stdnum.gb import vat as gb_vat

        checks.append(("a UK VAT number", gb_vat, given))
    elif nation in EU_COUNTRIES:
        from stdnum.eu import vat as eu_vat

        vat_prefix = "EL" if nation == "GR" else nation
        if re.match(r"[A-Z]{2}", given) and given[:2] != vat_prefix:
            return (
                f"the VAT id {tax_id!r} is of {given[:2]}, but the country is {nation}: "
                "give the id this country issued"
            )
        prefixed = given if given.startswith(vat_prefix) else vat_prefix + given
        checks.append((f"an EU VAT id of {nation}", eu_vat, prefixed))
        if nation == "DE" and given[:2].isdigit():
            from stdnum.de import stnr

            checks.append(("a German Steuernummer", stnr, tax_id))
    elif nation == "AU":
        from stdnum.au import abn

        checks.append(("an Australian ABN", abn, given))
    elif nation == "US":
        from stdnum.us import ein

        checks.append(("a US EIN", ein, given))
    reasons = []
    for name, module, value in checks:
        try:
            module.validate(value)
            return None
        except StdnumError as exc:
            reasons.append(f"{name}: {str(exc).rstrip('.').lower()}")
    if not reasons:
        return None
    return f"not a valid tax id ({'; nor '.join(reasons)}): {tax_id!r}"


def _check_money_digits(case: Case) -> Iterator[tuple[Loc, str]]:
    """Money with more decimals than the currency has (JPY 10000.5, USD 9.999) would be
    rounded without a word: say so instead."""
    currency = case.engagement.currency
    places = money.digits(currency)
    c = case.contract
    found: list[tuple[Loc, Decimal | None]] = [
        (("contract", "hourly_rate"), c.hourly_rate),
        (("contract", "deposit"), c.deposit),
        (("contract", "prepaid_balance"), c.prepaid_balance),
        (("contract", "retainer"), c.retainer),
        (("contract", "notice_pay_per_day"), c.notice_pay_per_day),
    ]
    if c.statutory_interest is not None:
        found.append((("contract", "statutory_interest", "fixed_sum"),
                      c.statutory_interest.fixed_sum))
    for i, d in enumerate(case.deliverables):
        found.append((("deliverables", i, "fee"), d.fee))
        found.append((("deliverables", i, "invoiced"), d.invoiced))
    for i, t in enumerate(case.time_entries):
        found.append((("time_entries", i, "rate"), t.rate))
    for i, inv in enumerate(case.invoices):
        found += [(("invoices", i, "amount"), inv.amount), (("invoices", i, "paid"), inv.paid)]
    for i, x in enumerate(case.expenses):
        found.append((("expenses", i, "amount"), x.amount))
    for loc, value in found:
        if value is not None and value != money.quantize(value, currency):
            unit = "no decimals" if places == 0 else f"{places} decimal places"
            yield loc, f"{value} has more decimals than {currency} has ({unit}); give it exactly"


def _is_locale(name: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _check_deliverables(case: Case) -> Iterator[tuple[Loc, str]]:
    first: dict[str, int] = {}
    for i, d in enumerate(case.deliverables):
        if d.id in first:
            yield ("deliverables", i, "id"), (
                f"duplicate id {d.id!r} (first used by deliverables[{first[d.id]}])"
            )
        else:
            first[d.id] = i
        pc = d.percent_complete
        if pc is not None and d.status != "in_progress":
            implied = Decimal(0) if d.status == "not_started" else Decimal(100)
            if pc != implied:
                yield ("deliverables", i, "percent_complete"), (
                    f"status {d.status} means {implied}% complete, got {pc}"
                )
        if d.status == "in_progress" and pc is None and d.fee is not None:
            yield ("deliverables", i, "percent_complete"), (
                "required key is missing: an in_progress deliverable with a fee needs "
                "percent_complete (0..100) to settle the earned part"
            )
        if d.fee is None and d.invoiced:
            yield ("deliverables", i, "invoiced"), (
                "invoiced applies only to a deliverable with a fee"
            )
        elif d.fee is not None and d.invoiced > d.fee:
            yield ("deliverables", i, "invoiced"), f"invoiced {d.invoiced} is more than fee {d.fee}"
    for i, d in enumerate(case.deliverables):
        for dep in d.depends_on:
            if dep not in first:
                yield ("deliverables", i, "depends_on"), f"unknown deliverable id {dep!r}"
    cycle = _find_cycle(case.deliverables, first)
    if cycle:
        index = first[cycle[0]]
        yield ("deliverables", index, "depends_on"), "dependency cycle: " + " -> ".join(cycle)


def _find_cycle(deliverables: Sequence[Deliverable], known: Mapping[str, int]) -> list[str]:
    graph = {d.id: [x for x in d.depends_on if x in known] for d in deliverables}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for start in graph:
        if state.get(start):
            continue
        path: list[str] = [start]
        stack = [iter(graph[start])]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(graph[nxt]))
    return []


def _check_time_entries(case: Case) -> Iterator[tuple[Loc, str]]:
    by_id = {d.id: d for d in case.deliverables}
    has_rate = case.contract.hourly_rate is not None
    for i, t in enumerate(case.time_entries):
        d = by_id.get(t.deliverable) if t.deliverable is not None else None
        if t.deliverable is not None and d is None:
            yield ("time_entries", i, "deliverable"), f"unknown deliverable id {t.deliverable!r}"
        billed_hourly = t.billable and not t.billed and (d is None or d.fee is None)
        if billed_hourly and t.rate is None and not has_rate:
            yield ("time_entries", i, "rate"), (
                "required key is missing: no rate here and no contract.hourly_rate"
            )


# --- the entry point ---------------------------------------------------------------------


def load_case(path: str | Path, languages: Collection[str] | None = None) -> Case:
    """Read and validate a case file. Raises `CaseError` listing every problem found.
    `languages`, when given, are those the caller can write a letter in (the faces pass the
    phrase packages there are; this layer knows none of them)."""
    path = Path(path)
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CaseError([Problem(path, None, "", f"cannot read: {exc.strerror}")]) from None
    return parse_case(decode(data, path), path, shown, languages)


def decode(data: bytes, path: Path) -> str:
    """UTF-8 text (a byte-order mark allowed), or a CaseError naming the line and the byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise CaseError([Problem(
            path, line, "",
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at column {column} "
            f"({exc.reason}); save the file as UTF-8",
        )]) from None


def parse_case(
    text: str, path: Path, shown: str | None = None, languages: Collection[str] | None = None
) -> Case:
    shown = shown if shown is not None else str(path)
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        raise CaseError([_yaml_problem(exc, path, text)]) from None
    locator = _Locator(path, shown, text)
    if not isinstance(data, dict):
        raise CaseError(
            [Problem(path, 1, "", "expected a mapping of keys (version, provider, client, ...)")]
        )
    problems: list[Problem] = []
    # CSV files are found beside the case file itself, not beside a link to it.
    base = path.resolve().parent if path.name else Path.cwd()
    for name in _CSV_MODELS:
        relative = data.get(name)
        if isinstance(relative, str):
            if not (base / relative).is_file():
                problems.append(locator.problem(
                    (name,), f"cannot read the CSV file {relative!r}: there is no such file "
                    f"in {base}",
                ))
                continue
            loaded = _read_csv(name, relative, base, problems)
            if loaded is not None:
                data[name], locator.csv_sources[name] = loaded
                if not loaded[0]:
                    locator.notes.append((name, (
                        f"{relative} has no rows: no {name.replace('_', ' ')} are counted, "
                        "which changes the money if the file should have some"
                    )))
    if problems:
        raise CaseError(_capped(problems))
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = _clean_loc(error["loc"])
            problems.append(locator.problem(loc, _describe({**error, "loc": loc})))
        raise CaseError(_capped(problems)) from None
    problems = [locator.problem(loc, msg) for loc, msg in _cross_checks(case, languages)]
    if problems:
        raise CaseError(_capped(problems))
    object.__setattr__(case, "_locator", locator)  # for `where()`: warnings with file:line
    return case


#: Above this size a case file is not composed again just to give a warning its line (a
#: 4 MB file takes seconds); the warning keeps its key path.
_LOCATE_MAX = 512 * 1024


def load_warnings(case: Case) -> list[tuple[str, str]]:
    """(key, message) noticed while reading the files: an empty CSV file, for one."""
    locator: _Locator | None = getattr(case, "_locator", None)
    return list(locator.notes) if locator is not None else []


def where(case: Case, key: str) -> str | None:
    """"file:line" of a key path such as `time_entries[3].date` in the file the case was
    loaded from (a CSV row for bulk records), or None when that is not known."""
    locator: _Locator | None = getattr(case, "_locator", None)
    if locator is None or not key:
        return None
    loc: Loc = tuple(
        int(part) if part.isdigit() else part
        for part in re.split(r"\.|\[|\]\.?", key.rstrip("]"))
        if part != ""
    )
    if not (loc and loc[0] in locator.csv_sources) and len(locator.text) > _LOCATE_MAX:
        return None
    p = locator.problem(loc, "")
    return f"{p.file}:{p.line}" if p.line is not None else str(p.file)


#: The same problem on this many rows is shown this often, then counted.
_SAME_SHOWN = 3


T = TypeVar("T")


def repeated(items: Sequence[T], kind: Callable[[T], Hashable]) -> list[tuple[T, int]]:
    """Each item with 0, except that of a kind repeated on many records only the first three
    are kept, the third followed by (it, how many more): "... and 2,997 more like this"."""
    total = Counter(kind(item) for item in items)
    seen: Counter[Hashable] = Counter()
    out: list[tuple[T, int]] = []
    for item in items:
        k = kind(item)
        seen[k] += 1
        if seen[k] <= _SAME_SHOWN:
            out.append((item, 0))
        if seen[k] == _SAME_SHOWN and total[k] > _SAME_SHOWN:
            out.append((item, total[k] - _SAME_SHOWN))
    return out


def _record_pattern(key: str) -> str:
    """`time_entries[416].date` -> `time_entries[].date`: the same key on every record."""
    return re.sub(r"\[\d+\]", "[]", key)


def _capped(problems: list[Problem]) -> list[Problem]:
    """Every problem, except that one repeated on many rows (a column of 3,000 bad dates) is
    shown three times and then counted: "... and 2,997 more rows like this"."""
    return [
        Problem(p.file, None, "", f"... and {more:,} more rows like this") if more else p
        for p, more in repeated(
            problems,
            lambda p: (str(p.file), _record_pattern(p.key), _shape(p.message), p.column),
        )
    ]


def capped_warnings(found: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """(key, message, 0) for each warning, except that one repeated on many records is given
    three times and then as ("", "", how many more)."""

    def kind(warning: tuple[str, str]) -> tuple[str, str]:
        # The same key on other records is the same check (its words vary with the record).
        key, message = warning
        pattern = _record_pattern(key)
        return (pattern, "") if pattern != key else (key, message)

    return [
        ("", "", more) if more else (key, message, 0)
        for (key, message), more in repeated(found, kind)
    ]


def _shape(message: str) -> str:
    """A message without the value it quotes: the same problem on different rows."""
    return re.sub(r"'[^']*'|\b\d[\d.,:-]*\b", "_", message)


def _yaml_problem(exc: yaml.YAMLError, path: Path, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    what = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    if isinstance(exc, DuplicateKeyError):
        key = _key_path_at_line(text, line) if line else ""
        return Problem(path, line, key, f"{what}: each key may appear once")
    message = f"YAML syntax error: {what}"
    if context:
        message += f" ({context})"
    return Problem(path, line, "", message)


def _key_path_at_line(text: str, line: int) -> str:
    """Key path of the (duplicate) key on `line`, found by composing the file, which does not
    reject duplicate keys."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return ""
    found: list[Loc] = []

    def walk(node: yaml.Node, loc: Loc) -> None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                here = (*loc, k.value)
                if k.start_mark.line + 1 == line:
                    found.append(here)
                walk(v, here)
        elif isinstance(node, yaml.SequenceNode):
            for i, v in enumerate(node.value):
                walk(v, (*loc, i))

    if root is not None:
        walk(root, ())
    return format_key(found[-1]) if found else ""
