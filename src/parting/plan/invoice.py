"""The final invoice as data (issue 13, part 1): the settlement's final-invoice lines with
the parties, a number, dates, tax per line and totals, or a credit note when they come to less
than nothing.

Money is `Decimal` end to end. Each line's net amount is the settlement's (already rounded
half-up to the currency's minor unit); its tax is net x rate / 100 rounded half-up to the
minor unit (ISO 4217 digits, `core.money`), on each line; the totals are the sums of the lines:
net = sum of nets, tax = sum of line taxes, gross = net + tax. So every figure on the invoice
can be checked by adding up the figures above it.

A credit note (the final-invoice lines sum below zero, e.g. fees invoiced in advance and not
earned) shows every amount with its sign turned: the credit positive, a charge set against it
negative, and the totals positive. It names the invoices it credits (`invoice.credits`, or
every invoice of the case).

The tax: `invoice.tax_rate` at the provider's country's name for it (VAT in the UK and the EU,
GST in Australia, New Zealand and Canada, sales tax in the US), unless the reverse charge
applies: provider and client in two different EU member states and the client with a VAT id.
Then no tax is charged and the invoice says the recipient accounts for it. Without a tax rate,
or with rate 0 and no tax id (a business not registered for it), no tax is shown; rate 0 with
a tax id is zero-rated, shown at 0%.

What a valid invoice needs and the case lacks is listed in `missing` (key paths), for a
warning; the invoice is still made, with what there is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from parting.case.model import EU_COUNTRIES
from parting.core import money
from parting.plan import settlement as s6

if TYPE_CHECKING:
    from parting.case.model import Case, EInvoice
    from parting.plan.settlement import Line, Settlement
    from parting.plan.transition import TransitionPlan

Kind = Literal["invoice", "credit_note", "none"]

#: The tax's name where `invoice.tax_name` is not given, by the provider's country.
TAX_NAMES: dict[str, str] = {
    "GB": "VAT", "AU": "GST", "NZ": "GST", "CA": "GST", "SG": "GST", "IN": "GST",
    "US": "sales tax", "CH": "VAT", "NO": "VAT",
}
#: Countries whose businesses charge VAT or GST once registered: an invoice from one should
#: say its rate, even 0 (not registered), so `invoice.tax_rate` is asked for.
_TAX_COUNTRIES = EU_COUNTRIES | {"GB", "AU", "NZ"}


@dataclass(frozen=True)
class InvoiceLine:
    line: Line  # the settlement line (its words are the phrase package's)
    net: Decimal  # as on the document: on a credit note the sign is turned
    tax: Decimal  # net x rate / 100, rounded half-up to the minor unit


@dataclass(frozen=True)
class FinalInvoice:
    kind: Kind
    number: str | None  # given, the next after the highest of the case's, or None
    number_derived: bool  # True: the next after the case's invoices, not given
    issued: date  # the transition plan's final invoice step
    due: date  # the settlement's due date (end date + payment terms)
    currency: str
    lines: tuple[InvoiceLine, ...]
    net: Decimal
    tax: Decimal
    gross: Decimal
    tax_name: str | None  # None: no tax shown
    tax_rate: Decimal  # percent; 0 under the reverse charge
    reverse_charge: bool
    credited: tuple[str, ...]  # credit note: the invoice numbers it credits
    unpaid_invoices: Decimal  # earlier invoices still unpaid (the settlement's U)
    # deposit and prepaid balance applied, as paid: the settlement's C, with the tax they were
    # invoiced with at the same rate where an advance is taxed when paid (ADVANCE_TAXED;
    # crediting C alone charged that tax twice: panel round 13, EUR 285 on a EUR 1,500
    # deposit invoiced at 19%)
    advances: Decimal
    to_pay: Decimal  # this document (signed) + unpaid - advances, when positive
    to_refund: Decimal  # the same, when negative, sign turned
    missing: tuple[str, ...]  # key paths a valid invoice needs and the case lacks
    # The e-invoice invoice.pdf carries (`invoice.e_invoice`, else Factur-X for EU clients),
    # once the invoice is complete (`missing` empty); not in package.json.
    e_invoice: EInvoice = "none"
    advances_tax: Decimal = Decimal(0)  # the tax in `advances`, paid with them

    @property
    def factur_x(self) -> bool:
        """invoice.pdf is a Factur-X e-invoice: asked for, and nothing missing."""
        return self.e_invoice == "factur-x" and self.kind != "none" and not self.missing

    def to_json(self, describe: Any) -> dict[str, Any]:
        def m(amount: Decimal) -> str:
            return money.to_json(amount, self.currency)

        return {
            "kind": self.kind,
            "number": self.number,
            "number_derived": self.number_derived,
            "issued": self.issued.isoformat(),
            "due": self.due.isoformat(),
            "currency": self.currency,
            "tax_name": self.tax_name,
            "tax_rate": str(self.tax_rate) if self.tax_name else None,
            "reverse_charge": self.reverse_charge,
            "credits": list(self.credited),
            "lines": [
                {
                    "kind": x.line.kind,
                    "description": describe(x.line),
                    "net": m(x.net),
                    "tax": m(x.tax),
                    "gross": m(x.net + x.tax),
                }
                for x in self.lines
            ],
            "net": m(self.net),
            "tax": m(self.tax),
            "gross": m(self.gross),
            "unpaid_invoices": m(self.unpaid_invoices),
            "advances": m(self.advances),
            "to_pay": m(self.to_pay),
            "to_refund": m(self.to_refund),
            "missing": list(self.missing),
        }


REVERSE_CHARGE = (
    "Reverse charge: VAT to be accounted for by the recipient "
    "(Art. 196 Council Directive 2006/112/EC)"
)


def next_number(numbers: Iterable[str]) -> str | None:
    """The number after the highest that ends in digits, keeping its prefix and its zero
    padding: "2026-031" -> "2026-032", "BTW-2026-021" -> "BTW-2026-022", "INV-099" ->
    "INV-100", "9" -> "10". Highest by every group of digits in turn ("2026-003" is above
    "2025-120"). None when no number ends in digits."""
    best: tuple[tuple[int, ...], str] | None = None
    for number in numbers:
        if not re.search(r"\d$", number):
            continue
        key = tuple(int(g) for g in re.findall(r"\d+", number))
        if best is None or key > best[0]:
            best = (key, number)
    if best is None:
        return None
    number = best[1]
    found = re.search(r"(\d+)$", number)
    assert found is not None
    digits = found.group(1)
    return number[: found.start()] + str(int(digits) + 1).zfill(len(digits))


#: Where an advance payment is taxed when it is paid (the EU's VAT Directive Art. 65, the UK,
#: Switzerland, Norway, Australia's and New Zealand's GST): a deposit or prepaid balance was
#: invoiced with the tax, and the final invoice credits it with that tax. Elsewhere (Japan's
#: consumption tax, US sales tax) the tax falls on the supply, and the advance is credited as
#: paid.
ADVANCE_TAXED: frozenset[str] = EU_COUNTRIES | {"GB", "CH", "NO", "AU", "NZ"}


def _taxed_advances(case: Case, settlement: Settlement, rate: Decimal) -> Decimal:
    """The part of the credits (rule 9) that was invoiced with the tax: where an advance is
    taxed when paid (ADVANCE_TAXED), and the case's invoices show it. A deposit, when an
    invoice comes to the deposit with the tax (EUR 1,785 for a EUR 1,500 deposit at 19%); the
    prepaid balance, when an invoice is a whole number of quarter hours at the hourly rate
    with the tax, and not without it (60 h x EUR 62 x 1.23 = EUR 4,575.60). Without such an
    invoice the advance is credited as the case gives it (round 15: a EUR 1,500 deposit with
    no invoice, credited with VAT, was EUR 285 too little)."""
    if rate <= 0 or _nation(case.provider.country) not in ADVANCE_TAXED:
        return Decimal(0)
    cur = case.currency
    amounts = [i.amount for i in case.invoices]
    part = Decimal(0)
    deposit = sum((x.amount for x in settlement.lines_of(s6.DEPOSIT_CREDIT)), Decimal(0))
    if deposit and any(
        a == money.quantize(-deposit * (100 + rate) / 100, cur) for a in amounts
    ):
        part -= deposit
    prepaid = sum((x.amount for x in settlement.lines_of(s6.PREPAID_CREDIT)), Decimal(0))
    hourly = case.contract.hourly_rate

    def quarters(amount: Decimal) -> bool:
        return hourly is not None and hourly > 0 and (amount * 4 / hourly) % 1 == 0

    if prepaid and any(
        quarters(net) and not quarters(a) and money.quantize(net * (100 + rate) / 100, cur) == a
        for a in amounts
        for net in [money.quantize(a * 100 / (100 + rate), cur)]
    ):
        part -= prepaid
    return part


def _nation(country: str | None) -> str | None:
    return country[:2] if country else None


def vat_id(tax_id: str | None, country: str | None) -> str | None:
    """A party's EU VAT id with its country prefix ("DE136695976"), or None where its tax id
    is none (a German Steuernummer, another country's id, no id). The loader has checked
    the id; this says which kind it is."""
    nation = _nation(country)
    if tax_id is None or nation not in EU_COUNTRIES:
        return None
    from stdnum.eu import vat as eu_vat

    given = re.sub(r"[\s.\-/]", "", tax_id).upper()
    prefix = "EL" if nation == "GR" else nation
    prefixed = given if given.startswith(prefix) else prefix + given
    return prefixed if eu_vat.is_valid(prefixed) else None


def registered_for_tax(case: Case) -> bool:
    """The provider charges tax when it has a rate: a tax id, which in the EU is a VAT id (a
    German small business under § 19 UStG has a Steuernummer and charges no VAT)."""
    p = case.provider
    if p.tax_id is None:
        return False
    return _nation(p.country) not in EU_COUNTRIES or vat_id(p.tax_id, p.country) is not None


def reverse_charged(case: Case) -> bool:
    """Services between businesses in two EU member states: the client, with a VAT id,
    accounts for the VAT (Art. 196 Council Directive 2006/112/EC)."""
    mine, theirs = _nation(case.provider.country), _nation(case.client.country)
    return (
        mine in EU_COUNTRIES
        and theirs in EU_COUNTRIES
        and mine != theirs
        and case.client.tax_id is not None
    )


def tax_name(case: Case) -> str:
    given = case.invoice.tax_name
    if given:
        return given
    nation = _nation(case.provider.country) or ""
    return "VAT" if nation in EU_COUNTRIES else TAX_NAMES.get(nation, "tax")


def e_invoice(case: Case) -> EInvoice:
    """The e-invoice the case asks for: `invoice.e_invoice`, else Factur-X for a client in
    the EU (German and French businesses increasingly require one), else none."""
    given = case.invoice.e_invoice
    if given is not None:
        return given
    return "factur-x" if _nation(case.client.country) in EU_COUNTRIES else "none"


def build(case: Case, settlement: Settlement, transition: TransitionPlan) -> FinalInvoice:
    cur = case.currency
    given = case.invoice
    final = settlement.lines_of(*s6.FINAL_INVOICE_KINDS)
    total = settlement.final_invoice
    kind: Kind = "credit_note" if total < 0 else "invoice" if final else "none"
    sign = -1 if kind == "credit_note" else 1

    reverse = reverse_charged(case)
    rate = Decimal(0) if reverse or given.tax_rate is None else given.tax_rate
    # A tax is shown when one is charged, reverse-charged, or zero-rated by a registered
    # business (rate 0 with a tax id, in the EU a VAT id); rate 0 without one is a business
    # not registered.
    registered = given.tax_rate is not None and registered_for_tax(case)
    taxed = reverse or rate > 0 or registered
    # Statutory interest and compensation (rule 13) are outside the scope of the tax: no tax.
    lines = tuple(
        InvoiceLine(
            line, sign * line.amount,
            money.quantize(
                Decimal(0) if line.kind in s6.OUTSIDE_TAX_KINDS
                else sign * line.amount * rate / 100,
                cur,
            ),
        )
        for line in final
    )
    zero = money.quantize(Decimal(0), cur)
    net = sum((x.net for x in lines), zero)
    tax = sum((x.tax for x in lines), zero)
    gross = net + tax

    number, derived = given.number, False
    if number is None:
        number = next_number(i.number for i in case.invoices)
        derived = number is not None
    credited: tuple[str, ...] = ()
    if kind == "credit_note":
        credited = tuple(given.credits) or tuple(i.number for i in case.invoices)

    # The day the transition plan sends it: the last business day on or before the end date.
    issued = transition.dates.last_day

    advances = settlement.credits + money.quantize(
        _taxed_advances(case, settlement, rate) * rate / 100, cur
    )
    balance = sign * gross + settlement.unpaid_invoices - advances
    wanted = e_invoice(case)
    return FinalInvoice(
        kind=kind,
        number=number,
        number_derived=derived,
        issued=issued,
        due=settlement.due_date,
        currency=cur,
        lines=lines,
        net=net,
        tax=tax,
        gross=gross,
        tax_name=tax_name(case) if taxed else None,
        tax_rate=rate,
        reverse_charge=reverse,
        credited=credited,
        unpaid_invoices=settlement.unpaid_invoices,
        advances=advances,
        advances_tax=advances - settlement.credits,
        to_pay=balance if balance > 0 else zero,
        to_refund=-balance if balance < 0 else zero,
        missing=_missing(case, kind, number, reverse or rate > 0, credited, wanted)
        if kind != "none"
        else (),
        e_invoice=wanted,
    )


def _missing(
    case: Case,
    kind: Kind,
    number: str | None,
    charged: bool,
    credited: tuple[str, ...],
    wanted: EInvoice,
) -> tuple[str, ...]:
    """Key paths a valid invoice needs (the UK's, the EU's and Australia's rules agree on
    these) that the case leaves empty."""
    p, c, i = case.provider, case.client, case.invoice
    found: list[str] = []
    if not p.address:
        found.append("provider.address")
    if p.country is None:
        found.append("provider.country")
    if (charged or wanted == "factur-x") and p.tax_id is None:
        # (the e-invoice identifies its seller by it: EN 16931 BR-CO-26)
        found.append("provider.tax_id")
    if not c.address:
        found.append("client.address")
    if wanted == "factur-x" and c.country is None:
        found.append("client.country")  # the e-invoice names the buyer's country
    if number is None:
        found.append("invoice.number")
    nation = _nation(p.country)
    if i.tax_rate is None and not charged and nation in _TAX_COUNTRIES:
        found.append("invoice.tax_rate")
    if kind == "credit_note" and not credited:
        found.append("invoice.credits")
    if not i.payment.given:
        found.append("invoice.payment")
    return tuple(found)
