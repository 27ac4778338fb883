"""The letter: decision first, then reason, benefit, status, options, money, next steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA, EXAMPLES, MINIMAL
from parting.render import bundle as package
from parting.case.load import load_case, parse_case
from parting.check.rules import check_text


def _letter(case_text: str) -> str:
    case = parse_case(case_text, Path("case.yaml"))
    return package.build(case).markdown_files()["letter.md"]


def _paragraphs(letter: str) -> list[str]:
    return [p for p in letter.split("\n\n") if p.strip()]


def test_harbor_foods_letter() -> None:
    letter = package.build(load_case(DATA / "harbor-foods.yaml")).markdown_files()["letter.md"]
    paragraphs = _paragraphs(letter)
    assert paragraphs[0] == "Subject: Harbor Foods website: our engagement ends on May 31, 2026"
    assert paragraphs[1] == "Hi Dana,"
    # the decision and the end date, plainly, in the first paragraph
    assert paragraphs[2] == (
        "I am writing to let you know that I have decided to end our engagement on Harbor "
        "Foods website. My last working day on it will be May 31, 2026."
    )
    assert paragraphs[3].startswith(
        "The roadmap has grown into a full e-commerce platform that needs a dedicated back-end "
        "team. For Harbor Foods Ltd, this change means a team with dedicated back-end capacity"
    )
    assert "for me, it means focus on the small marketing sites I do best" in paragraphs[3]
    assert paragraphs[4].startswith("The project is 54.8% complete")
    assert (
        "My final invoice comes to $1,782.50; together with $1,000.00 still unpaid on earlier "
        "invoices, less your deposit of $1,000.00: the balance due is $1,782.50, payable by "
        "June 15, 2026."
    ) in letter
    assert "I am waiving the late fees of $22.50" in letter
    assert "- May 29, 2026: Final invoice sent to Dana Whitfield." in letter
    assert letter.rstrip().endswith(
        "Warm regards,\nSam Rivera\nRivera Web Studio\nsam@rivera.example"
    )


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_generated_letters_pass_the_rules(example: Path) -> None:
    letter = package.build(load_case(example)).markdown_files()["letter.md"]
    assert check_text(letter) == []


def test_client_ended_and_refund_wording() -> None:
    text = (
        MINIMAL.replace("  currency: USD", "  currency: USD\n  terminated_by: client")
        .replace("  payment_terms_days: 14", "  payment_terms_days: 14\n  prepaid_balance: 5000")
    )
    letter = _letter(text)
    assert "As you have decided, our engagement on Acme site ends on May 29, 2026." in letter
    # final invoice: 1.5 h x 100 = 150 + build 50 % of 2000 = 1000 -> 1150; credits 5000
    assert (
        "My final invoice comes to $1,150.00; less your prepaid balance of $5,000.00: I owe you "
        "a refund of $3,850.00, which I will pay by June 12, 2026."
    ) in letter


def test_mutual_and_formal_tone() -> None:
    text = MINIMAL.replace(
        "  currency: USD", "  currency: USD\n  terminated_by: mutual\n  tone: formal"
    )
    letter = _letter(text)
    assert "Dear Jo Park," in letter
    assert "As we agreed, our engagement on Acme site ends on May 29, 2026." in letter
    assert "Yours sincerely,\nSam Rivera" in letter


def test_neutral_tone_in_german_locale() -> None:
    text = (
        MINIMAL.replace("  currency: USD", "  currency: EUR\n  tone: neutral")
        .replace("locale: en_US", "locale: de_DE")
    )
    letter = _letter(text)
    assert "Hello Jo," in letter
    assert "29. Mai 2026" in letter
    assert "1.150,00\xa0€" in letter  # 150 + 1000
    assert "Best regards," in letter


def test_no_reason_no_options_no_assets() -> None:
    letter = _letter(MINIMAL)
    assert "I can offer" not in letter
    assert "I have decided to end our engagement on Acme site" in letter
