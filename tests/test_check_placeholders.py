"""Template placeholders (check.md, "Templates and placeholders"): a placeholder stands for the
value it names; one that names no value makes nothing concrete."""

from __future__ import annotations

import pytest

from parting.check import judge
from parting.check.text import fill_placeholders


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("due by [date]", "due by 1 May "),
        ("<insert date.>", "1 May         "),
        ("of [amount owed] now", "of $100          now"),
        ("rate of $X from", "rate of $1 from"),
        ("invoice [#] sent", "invoice #12 sent"),
        ("within [Number] days", "within 30       days"),
        ("<list action steps>", "<list action steps>"),
        ("Dear [Client Name],", "Dear [client name],"),
        ("write to <bo@lee.example>", "write to <bo@lee.example>"),
        ("no placeholder here", "no placeholder here"),
    ],
)
def test_fill_placeholders_keeps_offsets(text: str, read: str) -> None:
    assert fill_placeholders(text) == read
    assert len(fill_placeholders(text)) == len(text)


def test_placeholders_for_money_and_dates_are_concrete() -> None:
    verdict = judge(
        "Hi [Client],\n\nYour final invoice of [amount] is due by [date].\n\n[Your Name]"
    )
    assert verdict.principles["finances"].ok
    evidence = verdict.principles["finances"].evidence[0]
    assert evidence.text == "Your final invoice of [amount] is due by [date]."


def test_a_placeholder_date_states_the_decision() -> None:
    verdict = judge("Dear [Client Name],\n\nAs of [DATE] I will no longer work on your project.")
    assert verdict.principles["direct"].ok


def test_a_placeholder_that_names_no_value_makes_nothing_concrete() -> None:
    verdict = judge(
        "Hi <Client>,\n\nI will end our work on <date>.\n\n<list action steps>\n<details>"
    )
    assert not verdict.principles["next_steps"].ok
    assert not verdict.principles["finances"].ok


def test_findings_quote_the_draft_not_the_filled_text() -> None:
    draft = "Hi [Client Name],\n\nmaybe we could stop at some point after [date]."
    for finding in judge(draft).findings:
        assert finding.text == draft[finding.start : finding.end]


def test_announced_steps_and_a_successor_are_next_steps() -> None:
    steps = judge(
        "Hi <client>,\n\nAs of <date> I'll no longer be able to provide my services. To finalize "
        "our work together, here's a list of steps we need to take:\n<list action steps>\n"
    )
    assert steps.principles["next_steps"].ok
    successor = judge(
        "Good morning,\n\nI have resigned my position at ABC Design. I will be available through "
        "Wednesday, February 22nd, but after that date, Jane Doe will be taking over your account."
    )
    assert successor.principles["next_steps"].ok
