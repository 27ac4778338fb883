"""The final invoice as a Factur-X / ZUGFeRD 2 e-invoice, profile EN 16931: the Cross Industry
Invoice XML (UN/CEFACT CII D16B) written from the `FinalInvoice`, and embedded as
`factur-x.xml` in the invoice's PDF/A-3 by the `factur-x` library, which checks it against
the profile's XSD first.

What goes where (EN 16931 business terms):

* BT-1 number, BT-3 type code 380 (invoice) or 381 (credit note, BG-3 naming the invoices it
  credits), BT-2 issue date, BT-22 the case's note;
* the seller and buyer: legal names (and, without a VAT id, the seller's tax number as its
  identifier, BT-29), postal addresses (the postcode and city read from the
  address line that starts with a postcode, a last line naming the country left out), the
  country, the VAT id (schemeID VA, or FC for a national tax number), e-mail; the buyer's
  contact;
* BT-72 the delivery date: the end of the engagement;
* one line per final-invoice line: quantity 1 (-1 for a charge set against a credit), its
  words as the item name, its net amount and the invoice's VAT category and rate;
* VAT: S at the rate, Z zero-rated, AE reverse charge (with its wording and VATEX-EU-AE), E
  exempt where no tax is shown (a business not registered for VAT, such as a German small
  business under § 19 UStG; the case's note as the reason); the tax per line rounded as on
  the invoice, so the category's tax is the sum of the lines' (EN 16931 allows it within one
  unit, BR-CO-17);
* totals: BT-106 line total = BT-109 tax basis = the net, BT-110 tax, BT-112 gross, BT-113
  paid in advance (the deposit and prepaid balance applied, up to the gross), BT-115 due; the
  earlier unpaid invoices are their own documents and are not in it;
* BT-9 due date and BT-20 payment terms; BG-16 payment: 58 SEPA credit transfer with IBAN and
  BIC, else 30 credit transfer to the account as the case writes it (BT-84), else 68 online
  payment with the link; BT-83 the reference.

Amounts are the FinalInvoice's `Decimal`s written with the currency's minor units; every
date comes from the case. Same invoice, same bytes (the PDF's dates too: see `embed`).
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from parting.case.model import EU_COUNTRIES
from parting.core import money
from parting.render.labels import label

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.plan.invoice import FinalInvoice
    from parting.plan.settlement import Settlement

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
#: The EN 16931 profile of Factur-X 1.0 (and of ZUGFeRD 2.x "COMFORT").
GUIDELINE = "urn:cen.eu:en16931:2017"
FILENAME = "factur-x.xml"

for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _el(parent: ET.Element, name: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, _q(name), attrs)
    if text is not None:
        element.text = text
    return element


def _date(parent: ET.Element, name: str, day: date, qualified: bool = False) -> None:
    holder = _el(parent, name)
    _el(holder, "qdt:DateTimeString" if qualified else "udt:DateTimeString",
        day.strftime("%Y%m%d"), format="102")


def _vat_id(tax_id: str, country: str) -> tuple[str, str]:
    """(schemeID, id): a VAT id (an EU one with its prefix, or another with two letters
    first, such as GB's) is VA; any other tax number (a Steuernummer, an ABN) FC."""
    from parting.plan.invoice import vat_id

    eu = vat_id(tax_id, country)
    if eu is not None:
        return "VA", eu
    compact = re.sub(r"[\s.\-]", "", tax_id).upper()
    if country not in EU_COUNTRIES and re.fullmatch(r"[A-Z]{2}[0-9A-Z]{2,13}", compact) and any(
        c.isdigit() for c in compact
    ):
        return "VA", compact
    return "FC", tax_id


#: A line that starts with a postcode and goes on with the city: "20357 Hamburg", "75002
#: Paris", "1010 Wien", "HX7 8AD" (the city then being the line before it), "2000 Sydney".
_POSTCODE_CITY = re.compile(r"^(?P<code>\d{4,6}|[A-Z]{1,2}-?\d{4,5})\s+(?P<city>\S.*)$")
_UK_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$")


def _country_names(country: str) -> set[str]:
    from babel import Locale

    names = {country.lower()}
    for language in ("en", "de", "fr", "es", "it", "nl"):
        name = Locale(language).territories.get(country)
        if name:
            names.add(str(name).lower())
    return names


def split_address(lines: list[str], country: str) -> dict[str, str]:
    """An address as the case writes it (lines) in CII's parts: PostcodeCode, LineOne..Three,
    CityName. A last line naming the country is left out (CountryID says it)."""
    rest = list(lines)
    if rest and rest[-1].strip().lower() in _country_names(country):
        rest.pop()
    out: dict[str, str] = {}
    for i in range(len(rest) - 1, -1, -1):
        text = rest[i].strip()
        found = _POSTCODE_CITY.match(text)
        if found:
            out["PostcodeCode"], out["CityName"] = found["code"], found["city"]
            del rest[i]
            break
        if _UK_POSTCODE.match(text):
            out["PostcodeCode"] = text
            del rest[i]
            if i > 0 and len(rest) > 1:
                out["CityName"] = rest.pop(i - 1).strip()
            break
    if "CityName" not in out and len(rest) > 1:
        out["CityName"] = rest.pop().strip()
    if rest:
        out["LineOne"] = rest[0]
    if len(rest) > 1:
        out["LineTwo"] = rest[1]
    if len(rest) > 2:
        out["LineThree"] = ", ".join(rest[2:])
    return out


def _party(
    parent: ET.Element,
    name: str,
    legal_name: str,
    address: list[str],
    country: str,
    email: str | None,
    tax_id: str | None,
    contact: str | None = None,
    contact_email: str | None = None,
) -> None:
    party = _el(parent, name)
    scheme, number = _vat_id(tax_id, country) if tax_id else ("", "")
    if scheme == "FC" and name == "ram:SellerTradeParty":
        # Without a VAT id, the tax number identifies the seller (BT-29; BR-CO-26).
        _el(party, "ram:ID", number)
    _el(party, "ram:Name", legal_name)
    if contact:
        person = _el(party, "ram:DefinedTradeContact")
        _el(person, "ram:PersonName", contact)
        if contact_email:
            mail = _el(person, "ram:EmailURIUniversalCommunication")
            _el(mail, "ram:URIID", contact_email)
    postal = _el(party, "ram:PostalTradeAddress")
    parts = split_address(address, country)
    for key in ("PostcodeCode", "LineOne", "LineTwo", "LineThree", "CityName"):
        if key in parts:
            _el(postal, f"ram:{key}", parts[key])
    _el(postal, "ram:CountryID", country)
    if email:
        uri = _el(party, "ram:URIUniversalCommunication")
        _el(uri, "ram:URIID", email, schemeID="EM")
    if tax_id:
        registration = _el(party, "ram:SpecifiedTaxRegistration")
        _el(registration, "ram:ID", number, schemeID=scheme)


def _category(invoice: FinalInvoice, case: Case) -> tuple[str, Decimal, str | None, str | None]:
    """(VAT category code, rate, exemption reason, exemption reason code)."""
    from parting.plan.invoice import REVERSE_CHARGE

    if invoice.reverse_charge:
        return "AE", Decimal(0), REVERSE_CHARGE, "VATEX-EU-AE"
    if invoice.tax_name is not None:
        return ("S" if invoice.tax_rate > 0 else "Z"), invoice.tax_rate, None, None
    # No tax shown: a business not registered for it (the e-invoice needs its tax number).
    return "E", Decimal(0), case.invoice.note or label("invoice.xml.exempt"), None


def _rate(rate: Decimal) -> str:
    text = format(rate.normalize(), "f")
    return text


def cii_xml(invoice: FinalInvoice, settlement: Settlement, case: Case) -> bytes:
    """factur-x.xml: the invoice (or credit note) as EN 16931 CII, UTF-8."""
    from parting.render.settlement import describer

    assert invoice.kind != "none" and invoice.number is not None
    cur = invoice.currency

    def amount(value: Decimal) -> str:
        return money.to_json(value, cur)

    credit = invoice.kind == "credit_note"
    category, rate, reason, reason_code = _category(invoice, case)
    describe = describer(settlement, case.client.language)
    p, c, pay = case.provider, case.client, case.invoice.payment
    assert p.country is not None and c.country is not None

    root = ET.Element(_q("rsm:CrossIndustryInvoice"))
    context = _el(root, "rsm:ExchangedDocumentContext")
    _el(_el(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", GUIDELINE)

    document = _el(root, "rsm:ExchangedDocument")
    _el(document, "ram:ID", invoice.number)
    _el(document, "ram:TypeCode", "381" if credit else "380")
    _date(document, "ram:IssueDateTime", invoice.issued)
    if case.invoice.note:
        _el(_el(document, "ram:IncludedNote"), "ram:Content", case.invoice.note)

    transaction = _el(root, "rsm:SupplyChainTradeTransaction")
    for n, line in enumerate(invoice.lines, start=1):
        item = _el(transaction, "ram:IncludedSupplyChainTradeLineItem")
        _el(_el(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(n))
        _el(_el(item, "ram:SpecifiedTradeProduct"), "ram:Name", describe(line.line))
        agreement = _el(item, "ram:SpecifiedLineTradeAgreement")
        price = _el(agreement, "ram:NetPriceProductTradePrice")
        _el(price, "ram:ChargeAmount", amount(abs(line.net)))
        delivery = _el(item, "ram:SpecifiedLineTradeDelivery")
        _el(delivery, "ram:BilledQuantity", "-1" if line.net < 0 else "1", unitCode="C62")
        line_settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
        tax = _el(line_settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:TypeCode", "VAT")
        _el(tax, "ram:CategoryCode", category)
        _el(tax, "ram:RateApplicablePercent", _rate(rate))
        summation = _el(line_settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
        _el(summation, "ram:LineTotalAmount", amount(line.net))

    agreement = _el(transaction, "ram:ApplicableHeaderTradeAgreement")
    _party(agreement, "ram:SellerTradeParty", p.invoice_name, p.address, p.country[:2],
           p.email, p.tax_id)
    _party(agreement, "ram:BuyerTradeParty", c.invoice_name, c.address, c.country[:2],
           None, c.tax_id, c.contact, c.email)

    delivery = _el(transaction, "ram:ApplicableHeaderTradeDelivery")
    _date(_el(delivery, "ram:ActualDeliverySupplyChainEvent"), "ram:OccurrenceDateTime",
          case.end_date)

    header = _el(transaction, "ram:ApplicableHeaderTradeSettlement")
    reference = pay.reference or invoice.number
    if not credit:
        _el(header, "ram:PaymentReference", reference)
    _el(header, "ram:InvoiceCurrencyCode", cur)
    if not credit and invoice.to_pay and pay.given:
        means = _el(header, "ram:SpecifiedTradeSettlementPaymentMeans")
        if pay.iban:
            _el(means, "ram:TypeCode", "58")
            account = _el(means, "ram:PayeePartyCreditorFinancialAccount")
            _el(account, "ram:IBANID", re.sub(r"\s", "", pay.iban).upper())
            if pay.bic:
                bank = _el(means, "ram:PayeeSpecifiedCreditorFinancialInstitution")
                _el(bank, "ram:BICID", pay.bic)
        elif pay.account:
            _el(means, "ram:TypeCode", "30")
            account = _el(means, "ram:PayeePartyCreditorFinancialAccount")
            _el(account, "ram:ProprietaryID", pay.account)
        else:
            assert pay.link is not None
            _el(means, "ram:TypeCode", "68")
            _el(means, "ram:Information", pay.link)
    tax = _el(header, "ram:ApplicableTradeTax")
    _el(tax, "ram:CalculatedAmount", amount(invoice.tax))
    _el(tax, "ram:TypeCode", "VAT")
    if reason:
        _el(tax, "ram:ExemptionReason", reason)
    _el(tax, "ram:BasisAmount", amount(invoice.net))
    _el(tax, "ram:CategoryCode", category)
    if reason_code:
        _el(tax, "ram:ExemptionReasonCode", reason_code)
    _el(tax, "ram:RateApplicablePercent", _rate(rate))

    paid = Decimal(0) if credit else min(invoice.advances, invoice.gross)
    due = invoice.gross - paid
    terms = _el(header, "ram:SpecifiedTradePaymentTerms")
    if credit:
        text = label("invoice.credit_paid_back", date=invoice.due.isoformat())
    else:
        text = label(
            "invoice.terms",
            days=case.contract.payment_terms_days,
            end=case.end_date.isoformat(),
            date=invoice.due.isoformat(),
        )
    _el(terms, "ram:Description", text)
    _date(terms, "ram:DueDateDateTime", invoice.due)

    totals = _el(header, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(totals, "ram:LineTotalAmount", amount(invoice.net))
    _el(totals, "ram:TaxBasisTotalAmount", amount(invoice.net))
    _el(totals, "ram:TaxTotalAmount", amount(invoice.tax), currencyID=cur)
    _el(totals, "ram:GrandTotalAmount", amount(invoice.gross))
    if paid:
        _el(totals, "ram:TotalPrepaidAmount", amount(paid))
    _el(totals, "ram:DuePayableAmount", amount(due))

    if credit:
        issued = {i.number: i.issued for i in case.invoices}
        for number in invoice.credited:
            referenced = _el(header, "ram:InvoiceReferencedDocument")
            _el(referenced, "ram:IssuerAssignedID", number)
            day = issued.get(number)
            if day is not None:
                _date(referenced, "ram:FormattedIssueDateTime", day, qualified=True)

    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="UTF-8", xml_declaration=True)
    return data + b"\n"


# --- the PDF/A-3 with the XML ----------------------------------------------------------------


_PATCHING = threading.Lock()  # one e-invoice at a time (parting serve renders in threads)


@contextmanager
def _at(moment: datetime) -> Iterator[None]:
    """The factur-x library stamps the PDF's and the XML file's dates with the time of the
    run; while it writes, they are `moment` (the invoice's issue date), so the same invoice
    gives the same bytes. Its functions are swapped for the time, under a lock."""
    with _PATCHING:
        yield from _patched(moment)


def _patched(moment: datetime) -> Iterator[None]:
    from facturx import facturx as fx  # type: ignore[import-untyped]

    saved = fx._get_pdf_timestamp, fx._get_metadata_timestamp, fx._prepare_pdf_metadata_txt

    def pdf_timestamp(day: datetime | None = None) -> str:
        stamp: str = saved[0](day or moment)
        return stamp

    def metadata_timestamp() -> str:
        return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")

    def info(metadata: dict[str, str]) -> dict[str, str]:
        # The XMP it writes names pypdf as the producer; PDF/A wants the document
        # information dictionary to say the same.
        found: dict[str, str] = saved[2](metadata)
        return {**found, "/Producer": "pypdf"}

    fx._get_pdf_timestamp, fx._get_metadata_timestamp = pdf_timestamp, metadata_timestamp
    fx._prepare_pdf_metadata_txt = info
    try:
        yield
    finally:
        fx._get_pdf_timestamp, fx._get_metadata_timestamp, fx._prepare_pdf_metadata_txt = saved


def embed(pdf: bytes, xml: bytes, invoice: FinalInvoice, case: Case) -> bytes:
    """The PDF/A-3 `pdf` with `xml` attached as factur-x.xml (relationship Data) and the
    Factur-X XMP metadata, by the factur-x library, after its XSD check (it raises on an
    invalid XML)."""
    import logging

    import facturx

    title = label("invoice.credit_note" if invoice.kind == "credit_note" else "invoice.title")
    seller = case.provider.invoice_name
    metadata: dict[str, Any] = {
        "author": seller,
        "keywords": f"{title}, Factur-X",
        "title": f"{seller}: {title} {invoice.number}",
        "subject": f"{title} {invoice.number} {invoice.issued.isoformat()}",
    }
    moment = datetime(
        invoice.issued.year, invoice.issued.month, invoice.issued.day, tzinfo=UTC
    )
    quiet = logging.getLogger("factur-x")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with _at(moment):
            data: bytes = facturx.generate_from_binary(
                pdf,
                xml,
                flavor="factur-x",
                level="en16931",
                check_xsd=True,
                pdf_metadata=metadata,
                lang=case.locale.replace("_", "-"),
            )
    finally:
        quiet.setLevel(level)
    return data
