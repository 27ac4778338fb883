"""The settlement in words: one describer per settlement, from the phrase package of the
letter's language, for settlement.json, settlement.md, the HTML and the PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parting.render import phrases

if TYPE_CHECKING:
    from parting.plan.settlement import Settlement


def describer(settlement: Settlement, language: str = "en") -> Any:
    return phrases.part(language, "settlement").Describe(settlement.currency, settlement.locale)


def settlement_json(settlement: Settlement, language: str = "en") -> dict[str, Any]:
    return settlement.to_json(describer(settlement, language))
