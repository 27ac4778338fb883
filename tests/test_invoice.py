"""The final invoice (issue 13, part 1): parties, number, tax per line, totals, reverse
charge, credit note, the ids checked, and old case files still valid with a warning."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from textwrap import dedent, indent

import pytest

from conftest import DATA, MINIMAL, Run, run_cli
from parting.case.load import parse_case
from parting.plan import invoice as inv
from parting.render import bundle


def _case(
    *,
    currency: str,
    provider: str,
    client: str,
    invoice: str = "",
    body: str,
    locale: str = "en_GB",
) -> str:
    """A case file: the parties' extra keys, the invoice block and the records as given."""

    def under(block: str) -> str:
        return indent(dedent(block).strip("\n"), "  ") + "\n"

    return (
        "version: 1\nprovider:\n  name: Pat Lee\n  business: Lee Studio\n"
        "  email: pat@lee.example\n" + under(provider)
        + "client:\n  name: Client Co\n  contact: Jo Park\n  email: jo@client.example\n"
        f"  locale: {locale}\n" + under(client)
        + f"engagement:\n  project: Site\n  currency: {currency}\n"
        "  notice_given: 2026-05-01\n  end_date: 2026-05-29\n"
        + dedent(body)
        + ("invoice:\n" + under(invoice) if invoice else "")
    )


def _build(text: str) -> bundle.Bundle:
    return bundle.build(parse_case(text, Path("case.yaml")))


GB = _case(
    currency="GBP",
    provider="""\
        address: [14 Mill Lane, Hebden Bridge, HX7 8AD]
        country: GB
        tax_id: GB980780684""",
    client="""\
        country: GB-ENG
        address: [Unit 3, Calder Estate, Halifax, HX1 5QP]""",
    invoice="""\
        tax_rate: 20
        payment:
          account: "Sort code 20-00-00, account 55779911"
        """,
    body="""\
        contract:
          hourly_rate: 60
          payment_terms_days: 14
        time_entries:
          - {date: 2026-05-04, hours: 2.5}
          - {date: 2026-05-05, hours: 1.25, rate: 97.50}
        expenses:
          - {date: 2026-05-06, description: Train, amount: 10.03}
          - {date: 2026-05-07, description: Train, amount: 10.03}
          - {date: 2026-05-08, description: Train, amount: 10.03}
        invoices:
          - {number: INV-0041, issued: 2026-04-01, due: 2026-04-15, amount: 500, paid: 500}
          - {number: INV-0009, issued: 2026-01-01, due: 2026-01-15, amount: 100, paid: 100}
        """,
)


def test_gb_vat_invoice_taxes_each_line_and_sums_the_lines() -> None:
    b = _build(GB)
    i = b.package.invoice
    assert i is not None
    assert i.kind == "invoice"
    assert i.number == "INV-0042" and i.number_derived
    assert i.tax_name == "VAT" and i.tax_rate == Decimal(20)
    # 2.5 h x 60 = 150.00 (VAT 30.00); 1.25 h x 97.50 = 121.88 (VAT 24.38); 3 x 10.03 (VAT
    # 2.01 each, 6.03): rounded per line, so 60.41, not 20% of 301.97 rounded (60.39).
    assert [x.tax for x in i.lines] == [Decimal(v) for v in ("30.00", "24.38", "2.01", "2.01",
                                                             "2.01")]
    assert (i.net, i.tax, i.gross) == (Decimal("301.97"), Decimal("60.41"), Decimal("362.38"))
    assert i.missing == ()
    assert i.issued.isoformat() == "2026-05-29" and i.due.isoformat() == "2026-06-12"
    md = b.files(documents=False)["invoice.md"]
    assert md.startswith("# Invoice INV-0042\n")
    assert "| Total net | £301.97 |" in md
    assert "| VAT at 20% | £60.41 |" in md
    assert "| **Total** | **£362.38** |" in md
    assert "VAT number: GB980780684" in md
    assert "14 Mill Lane  \nHebden Bridge  \nHX7 8AD  \n" in md
    assert "Sort code 20-00-00, account 55779911" in md
    assert "Reference: INV-0042" in md
    data = json.loads(b.files(documents=False)["package.json"])["invoice"]
    assert (data["net"], data["tax"], data["gross"]) == ("301.97", "60.41", "362.38")
    assert data["lines"][1]["gross"] == "146.26"
    # No warning: the letter says what VAT the invoice adds (below), so nothing is left to say
    assert [w.key for w in b.warnings if w.key.startswith("invoice")] == []
    # the letter says what the invoice adds, and sends the invoice for its taxed total
    letter = b.markdown_files()["letter.md"]
    assert "- VAT at 20% on the final invoice: £60.41\n" in letter
    assert "Balance due: £362.38, by 12 June 2026. With VAT, my final invoice comes to £362.38." \
        in letter
    assert "I will send the final invoice for £362.38" in letter or (
        "I'll send the final invoice for £362.38" in letter
    )


DE_TO_FR = _case(
    currency="EUR",
    locale="en_FR",
    provider="""\
        legal_name: Lee Studio GmbH
        address: [Schanzenstraße 12, 20357 Hamburg, Germany]
        country: DE
        tax_id: DE136695976""",
    client="""\
        country: FR
        legal_name: Client Co SAS
        address: ["12, rue de la Paix", 75002 Paris, France]
        tax_id: FR40303265045""",
    invoice="""\
        tax_rate: 19
        payment:
          iban: DE89 3704 0044 0532 0130 00
          bic: COBADEFFXXX
        """,
    body="""\
        contract:
          hourly_rate: 90
          payment_terms_days: 14
        deliverables:
          - {id: app, title: App, status: done, fee: 2000, invoiced: 1000}
        time_entries:
          - {date: 2026-05-04, hours: 3}
        invoices:
          - {number: BTW-2026-021, issued: 2026-04-01, due: 2026-04-15, amount: 1000, paid: 1000}
        """,
)


def test_de_to_a_french_business_is_reverse_charged() -> None:
    b = _build(DE_TO_FR)
    i = b.package.invoice
    assert i is not None
    assert i.reverse_charge and i.tax_rate == 0
    assert i.number == "BTW-2026-022"
    assert (i.net, i.tax, i.gross) == (Decimal("1270.00"), Decimal("0.00"), Decimal("1270.00"))
    md = b.files(documents=False)["invoice.md"]
    assert (
        "Reverse charge: VAT to be accounted for by the recipient (Art. 196 Council Directive "
        "2006/112/EC)."
    ) in md
    assert "| VAT at 0% | 0,00\u00a0€ |" in md  # en_FR: French figures, English words
    assert "Lee Studio GmbH  \n" in md and "Client Co SAS  \n" in md
    assert "12, rue de la Paix  \n" in md  # an address line keeps its comma
    assert "VAT number: FR40303265045" in md
    assert "IBAN: DE89 3704 0044 0532 0130 00" in md
    assert [w.key for w in b.warnings if w.key.startswith("invoice")] == []


def test_de_to_a_french_consumer_is_charged_german_vat() -> None:
    text = DE_TO_FR.replace("  tax_id: FR40303265045\n", "")
    i = _build(text).package.invoice
    assert i is not None
    assert not i.reverse_charge
    # 1000.00 x 19% = 190.00; 270.00 x 19% = 51.30
    assert (i.net, i.tax, i.gross) == (Decimal("1270.00"), Decimal("241.30"), Decimal("1511.30"))


AU = _case(
    currency="AUD",
    locale="en_AU",
    provider="""\
        address: [1 George Street, Sydney NSW 2000]
        country: AU
        tax_id: 51 824 753 556""",
    client="""\
        country: AU
        address: [9 Queen Street, Brisbane QLD 4000]""",
    invoice="""\
        number: "107"
        tax_rate: 10
        payment:
          account: "BSB 062-000, account 1234 5678"
        """,
    body="""\
        contract:
          hourly_rate: 120
        time_entries:
          - {date: 2026-05-04, hours: 7.5}
        expenses:
          - {date: 2026-05-06, description: Courier, amount: 33.35}
        """,
)


def test_au_gst_invoice() -> None:
    b = _build(AU)
    i = b.package.invoice
    assert i is not None
    assert i.tax_name == "GST" and i.number == "107" and not i.number_derived
    # 900.00 x 10% = 90.00; 33.35 x 10% = 3.335 -> 3.34 (half-up)
    assert [x.tax for x in i.lines] == [Decimal("90.00"), Decimal("3.34")]
    assert (i.net, i.tax, i.gross) == (Decimal("933.35"), Decimal("93.34"), Decimal("1026.69"))
    md = b.files(documents=False)["invoice.md"]
    assert "| GST at 10% | $93.34 |" in md and "| **Total** | **$1,026.69** |" in md
    assert "ABN: 51 824 753 556" in md


US = _case(
    currency="USD",
    locale="en_US",
    provider="""\
        address: [48 Alder Street, "Portland, OR 97205"]
        country: US""",
    client="""\
        country: US
        address: [1200 Pier Road, "Seattle, WA 98101"]""",
    invoice="""\
        payment:
          link: https://pay.example/lee
        """,
    body="""\
        contract:
          hourly_rate: 95
          deposit: 500
        time_entries:
          - {date: 2026-05-04, hours: 3.5}
          - {date: 2026-05-05, hours: 2}
        expenses:
          - {date: 2026-05-06, description: Stock photos, amount: 60}
        """,
)


def test_us_invoice_has_no_tax() -> None:
    b = _build(US)
    i = b.package.invoice
    assert i is not None
    assert i.tax_name is None and i.number is None
    assert (i.net, i.tax, i.gross) == (Decimal("582.50"), Decimal("0.00"), Decimal("582.50"))
    assert (i.advances, i.to_pay) == (Decimal("500.00"), Decimal("82.50"))
    md = b.files(documents=False)["invoice.md"]
    assert "VAT" not in md and "tax" not in md.lower().replace("tax_", "")
    assert "| **Total** | **$582.50** |" in md
    assert "| Deposit applied | -$500.00 |" in md
    assert "| **Total to pay** | **$82.50** |" in md
    assert "Pay online: https://pay.example/lee" in md
    # No invoice before, no number given: the one thing missing.
    assert i.missing == ("invoice.number",)
    assert md.startswith("# Invoice (number to be assigned)\n")


CREDIT = GB.replace(
    """        time_entries:
          - {date: 2026-05-04, hours: 2.5}
          - {date: 2026-05-05, hours: 1.25, rate: 97.50}
        expenses:
          - {date: 2026-05-06, description: Train, amount: 10.03}
          - {date: 2026-05-07, description: Train, amount: 10.03}
          - {date: 2026-05-08, description: Train, amount: 10.03}
""".replace("        ", ""),
    """deliverables:
  - {id: shop, title: Shop, status: in_progress, percent_complete: 20, fee: 5000, invoiced: 3000}
time_entries:
  - {date: 2026-05-04, hours: 1.5}
""",
)


def test_a_negative_final_invoice_is_a_credit_note() -> None:
    assert "shop" in CREDIT
    b = _build(CREDIT)
    i = b.package.invoice
    assert i is not None
    assert i.kind == "credit_note"
    # 20% of 5000 earned = 1000, 3000 invoiced: 2000 credited (VAT 400); 1.5 h x 60 = 90.00
    # charged against it (VAT 18.00). Positive totals: 1910.00 + 382.00 = 2292.00.
    assert [x.net for x in i.lines] == [Decimal("-90.00"), Decimal("2000.00")]
    assert (i.net, i.tax, i.gross) == (Decimal("1910.00"), Decimal("382.00"), Decimal("2292.00"))
    assert i.credited == ("INV-0041", "INV-0009")
    assert i.to_refund == Decimal("2292.00")
    md = b.files(documents=False)["invoice.md"]
    assert md.startswith("# Credit note INV-0042\n")
    assert "This credit note credits invoices INV-0041, INV-0009" in md
    assert "| **Total credit** | **£2,292.00** |" in md
    assert "| Credit note number | INV-0042 |" in md
    assert "-£2,292" not in md and "-£1,910" not in md
    assert "## Credited items" in md
    data = json.loads(b.files(documents=False)["package.json"])["invoice"]
    assert data["kind"] == "credit_note" and data["gross"] == "2292.00"
    assert data["credits"] == ["INV-0041", "INV-0009"]


def test_a_credit_note_credits_the_invoices_named() -> None:
    text = CREDIT.replace("  tax_rate: 20\n", "  tax_rate: 20\n  credits: [INV-0041]\n")
    i = _build(text).package.invoice
    assert i is not None and i.credited == ("INV-0041",)


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (["2026-031", "2026-027"], "2026-032"),
        (["BTW-2026-021", "BTW-2026-009"], "BTW-2026-022"),
        (["INV-099"], "INV-100"),
        (["9", "10", "8"], "11"),
        (["2025-120", "2026-003"], "2026-004"),
        (["SL-2026-04", "SL-2026-04X", "SL-2026-05"], "SL-2026-06"),
        (["draft"], None),
        ([], None),
    ],
)
def test_next_invoice_number(numbers: list[str], expected: str | None) -> None:
    assert inv.next_number(numbers) == expected


def test_an_old_case_file_still_plans_and_warns_what_an_invoice_lacks(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL, encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "out", "--no-documents")
    assert result.exit_code == 0, result.stderr
    assert (
        f"{case}:1: invoice: invoice incomplete: provider.address, provider.country, "
        "client.address, invoice.payment; invoice.md is not a valid invoice without them"
    ) in result.stderr
    md = (tmp_path / "out" / "invoice.md").read_text(encoding="utf-8")
    assert md.startswith("# Invoice 2\n\n> Not yet a valid invoice: the case file lacks ")


def test_the_new_keys_change_no_other_file() -> None:
    old = _build(MINIMAL).files(documents=False)
    new = _build(
        MINIMAL.replace(
            "  name: Sam Rivera\n",
            "  name: Sam Rivera\n  address: [1 Main St]\n  country: US\n  tax_id: 12-3456789\n",
        ).replace("  locale: en_US\n", "  locale: en_US\n  address: [2 Side St]\n")
        + "invoice:\n  number: A-7\n  tax_rate: 0\n  payment: {link: https://pay.example}\n"
    ).files(documents=False)  # (a tax rate above 0 changes the letter too: it says the tax)
    assert old.keys() == new.keys()
    changed = [name for name in old if old[name] != new[name]]
    # the letter says how to pay the final invoice: the one change besides the invoice
    assert changed == ["letter.md", "invoice.md", "package.json"]
    assert "You can pay it online at https://pay.example (reference A-7)." in (
        new["letter.md"].decode() if isinstance(new["letter.md"], bytes) else new["letter.md"]
    )
    old_json, new_json = json.loads(old["package.json"]), json.loads(new["package.json"])
    for key in old_json:
        if key not in ("invoice", "warnings", "letter"):
            assert old_json[key] == new_json[key], key


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (
            "  name: Sam Rivera\n",
            "  name: Sam Rivera\n  country: GB\n  tax_id: GB980780685\n",
            "case.yaml:5: provider.tax_id: not a valid tax id (a UK VAT number: the number's "
            "checksum or check digit is invalid): 'GB980780685'",
        ),
        (
            "  country: US\n",
            "  country: FR\n  tax_id: DE136695976\n",
            "case.yaml:8: client.tax_id: the VAT id 'DE136695976' is of DE, but the country is "
            "FR",
        ),
        (
            "",
            "invoice:\n  payment:\n    iban: DE89 3704 0044 0532 0130 01\n",
            "case.yaml:36: invoice.payment.iban: not a valid IBAN (Invalid checksum digits): "
            "'DE89 3704 0044 0532 0130 01'",
        ),
        (
            "",
            'invoice:\n  number: "1"\n',
            "case.yaml:35: invoice.number: invoice number '1' is already used by invoices[0]",
        ),
        (
            "",
            "invoice:\n  credits: [\"1\", \"7\"]\n",
            "case.yaml:35: invoice.credits[1]: unknown invoice number '7'",
        ),
        (
            "",
            "invoice:\n  payment: {link: pay.example/me}\n",
            "case.yaml:35: invoice.payment.link: expected a web address starting with https://",
        ),
        (
            "",
            "invoice:\n  payment: {iban: x, sort_code: 1}\n",
            "case.yaml:35: invoice.payment.sort_code: unknown key 'sort_code'; expected one of: "
            "iban, bic, account, link, reference",
        ),
    ],
)
def test_a_bad_id_is_an_error_with_its_line_and_key(
    tmp_path: Path, old: str, new: str, error: str
) -> None:
    text = MINIMAL.replace(old, new, 1) if old else MINIMAL + new
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "out", "--no-documents")
    assert result.exit_code == 2
    assert error in result.stderr.replace(str(case), "case.yaml"), result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("tax_id", "shown", "label"),
    [
        ("DE136695976", "VAT", "VAT number: DE136695976"),  # a VAT id: zero-rated at 0%
        ("22/815/08154", None, "Tax number: 22/815/08154"),  # a Steuernummer: no VAT at all
    ],
)
def test_rate_0_is_zero_rated_only_with_a_vat_id(
    tax_id: str, shown: str | None, label: str
) -> None:
    text = DE_TO_FR.replace("tax_id: DE136695976", f"tax_id: {tax_id}").replace(
        "  tax_rate: 19\n", "  tax_rate: 0\n"
    ).replace("  tax_id: FR40303265045\n", "")
    b = _build(text)
    i = b.package.invoice
    assert i is not None and i.tax_name == shown and i.tax == Decimal("0.00")
    md = b.files(documents=False)["invoice.md"]
    assert label in md
    assert ("| VAT at 0% |" in md) is (shown is not None)


def test_the_command_line_gives_the_balance_the_letter_gives(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    """With VAT or GST the letter's balance includes it; `parting plan` says the same figure
    (it said the settlement's, before tax: ¥176,480 beside the letter's ¥200,168)."""
    r = cli("plan", "--no-documents", DATA / "panel7" / "v3.yaml", "--out", tmp_path / "v3")
    assert "Balance due: ¥200,168 by March 28, 2027" in r.stdout
    # the letter's headline is with the notice period's plan; today's is the "stopped now" one
    v3 = (tmp_path / "v3" / "letter.md").read_text()
    assert "If you would rather I stopped now, the balance would be ¥200,168." in v3
    r = cli("plan", "--no-documents", DATA / "panel7" / "v1.yaml", "--out", tmp_path / "v1")
    assert "Refund due:  €\xa0896,45 to the client by 14 August 2026" in r.stdout
