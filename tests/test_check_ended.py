"""Who ended the engagement (issue 12, part 4): a reply to a client who ended it owes no path
forward (P201) and no benefit to the client (P401); the draft's own words say so, or
`--ended-by`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES, run_cli
from parting.check.ended import ended_by_client
from parting.check.judge import judge

#: A correct reply to a client who ended the engagement: it confirms their decision and the
#: date, states the status, the money and the handover, and thanks them. It offers nothing
#: to go on with and does not argue that the change is good for them: neither is owed.
REPLY = """Dear Priya,

Thank you for letting me know that you have decided to end our engagement on the mobile app.
I confirm that my last working day on the project will be 30 June.

Where things stand: the onboarding screens and the push notifications are done; the offline
mode is about half finished and the settings page has not been started.

My final invoice of $2,340.00 for the June hours will follow on 30 June, due within 14 days;
your deposit of $1,000.00 is applied to it, so $1,340.00 remains.

On 27 June I will transfer the Git repository to your GitHub organisation and send the
App Store credentials through your password manager, and I am happy to hold a one-hour
handover call with your new developer that week.

Thank you for the past eight months; it has been a pleasure working with your team.

Best regards,
Sam
"""


def test_the_reply_to_a_client_who_ended_it_passes() -> None:
    assert ended_by_client(REPLY)
    judgement = judge(REPLY)
    assert all(r.ok for r in judgement.principles.values()), judgement.principles
    codes = {f.code for f in judgement.findings}
    assert not codes & {"P201", "P401"}
    assert judgement.score == 100


def test_the_same_reply_from_a_provider_who_ended_it_owes_both() -> None:
    """`--ended-by provider` overrides the draft's words: the path forward and the benefit
    are owed again."""
    judgement = judge(REPLY, ended_by="provider")
    assert not judgement.principles["alternatives"].ok
    assert not judgement.principles["mutual_benefit"].ok
    assert {"P201", "P401"} <= {f.code for f in judgement.findings}


def test_ended_by_flag(tmp_path: Path) -> None:
    """A draft that does not say who ended it: `--ended-by client` lifts P201 and P401."""
    draft = tmp_path / "reply.txt"
    draft.write_text(REPLY.replace(
        "Thank you for letting me know that you have decided to end our engagement on the "
        "mobile app.", "This is about our engagement on the mobile app, which ends."
    ), encoding="utf-8")
    plain = json.loads(run_cli("check", draft, "--format", "json").stdout)
    told = run_cli("check", draft, "--format", "json", "--ended-by", "client")
    assert {f["code"] for f in plain["findings"]} >= {"P201", "P401"}
    result = json.loads(told.stdout)
    assert not {f["code"] for f in result["findings"]} & {"P201", "P401"}
    assert result["principles"]["alternatives"]["ok"]
    assert result["principles"]["mutual_benefit"]["ok"]
    assert run_cli("check", draft, "--ended-by", "someone").exit_code == 2


def test_partings_own_letter_for_a_client_who_ended_it(tmp_path: Path) -> None:
    """parting's letter for a case the client ended, with no option offered and no benefit
    given (examples/nordlicht-reisen.yaml without them), passes its own check."""
    case = (EXAMPLES / "nordlicht-reisen.yaml").read_text(encoding="utf-8")
    lines = [
        line for line in case.splitlines()
        if not line.strip().startswith(("client_benefit:", "provider_benefit:"))
    ]
    case = "\n".join(lines).replace("offer: [phase_out]", "offer: []") + "\n"
    path = tmp_path / "case.yaml"
    path.write_text(case, encoding="utf-8")
    out = tmp_path / "out"
    planned = run_cli("plan", path, "--out", out, "--no-documents")
    assert planned.exit_code == 0, planned.stderr
    letter = out / "letter.md"
    assert "Thank you for your notice" in letter.read_text(encoding="utf-8")
    result = run_cli("check", letter, "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["score"] == 100


def test_explain_score() -> None:
    result = run_cli("check", "--explain", "score")
    assert result.exit_code == 0
    assert "round(100 x principles held / 7)" in result.stdout
    assert "P201" in result.stdout


def test_check_with_a_case_knows_who_ended_it_from_the_case(tmp_path: Path) -> None:
    """A plain confirmation with no words that say who decided: `--case` of a client-ended
    case (nordlicht-reisen) owes no benefit (P401) and no path forward (P201)."""
    draft = tmp_path / "reply.md"
    draft.write_text(
        "Dear Ms Keller,\n\nI confirm that our work on the booking site ends on 22 March "
        "2027. The search page is done and the payment page is half done.\n\nMy final invoice "
        "will follow on 22 March, due within 30 days. On 15 March I will transfer the "
        "repository to your organisation.\n\nBest regards,\nMara\n",
        encoding="utf-8",
    )
    plain = json.loads(run_cli("check", "--format", "json", draft).stdout)
    cased = json.loads(
        run_cli(
            "check", "--format", "json", "--case", EXAMPLES / "nordlicht-reisen.yaml", draft
        ).stdout
    )
    assert plain["principles"]["mutual_benefit"]["ok"] is False
    assert cased["principles"]["mutual_benefit"]["ok"] is True
    assert cased["principles"]["alternatives"]["ok"] is True
