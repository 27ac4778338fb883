"""`parting.check.judge`: the seven principles, evidence offsets, findings, score, and the
letters `parting plan` writes (which must pass every principle)."""

from __future__ import annotations

from pathlib import Path

import pytest

from parting.case.load import load_case
from parting.check import Evidence, Judgement, PrincipleResult, judge
from parting.check.rules import PRINCIPLES
from parting.check.text import anchor, clauses, sentences
from parting.render import bundle as package

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))

GOOD = """Subject: Ending our SEO retainer

Hi Gemma,

I have decided to end the SEO retainer for Bloom Florists on 31 August 2024.

Status: the technical audit and 24 product pages are done; the backlink outreach is not started.
A local agency with a content team will serve you better than I can: I recommend Rankwise \
(hello@rankwise.example), and I am glad to introduce you.
The August retainer of €950 was invoiced on 1 August and is due on 15 August.
I will transfer Search Console and GA4 access to you on 30 August.

Thanks,
Rui
"""

BAD = (
    "hey Tom! just wondering if maybe at some point we could kind of think about whether this "
    "arrangement is still working? we'll sort out payment later, no rush. Your team never "
    "replies anyway lol"
)


def test_good_draft_passes_every_principle() -> None:
    result = judge(GOOD)
    assert isinstance(result, Judgement)
    assert list(result.principles) == list(PRINCIPLES)
    assert all(r.ok for r in result.principles.values()), {
        k: r.ok for k, r in result.principles.items()
    }
    assert result.findings == ()
    assert result.score == 100
    for key, res in result.principles.items():
        assert isinstance(res, PrincipleResult)
        if key != "respectful":
            assert res.evidence, key
        for ev in res.evidence:
            assert isinstance(ev, Evidence)
            assert GOOD[ev.start : ev.end] == ev.text


def test_bad_draft_fails_and_explains() -> None:
    result = judge(BAD)
    assert not any(r.ok for r in result.principles.values())
    found = {f.code for f in result.findings}
    assert {"P101", "P201", "P306", "P401", "P601", "P701", "P602", "P501", "P506"} <= found
    assert [f.start for f in result.findings] == sorted(f.start for f in result.findings)
    assert all(r.evidence == () for r in result.principles.values())
    assert 0 <= result.score < 20


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_blank_draft(text: str) -> None:
    result = judge(text)
    assert list(result.principles) == list(PRINCIPLES)
    assert not any(r.ok for k, r in result.principles.items() if k != "respectful")
    assert result.principles["respectful"].ok
    assert result.findings == ()
    assert result.score == 14


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_planned_letters_pass_every_principle(path: Path) -> None:
    letter = package.build(load_case(path)).files()["letter.md"]
    result = judge(letter)
    failing = [k for k, r in result.principles.items() if not r.ok]
    assert failing == [], failing
    assert result.findings == (), [(f.code, f.text) for f in result.findings]
    assert result.score == 100


# --- decisions: plain, hedged, buried ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm ending our coaching on 30 June.",
        "Maybe this isn't the news you hoped for, but we've decided to end the retainer.",
        "As discussed, Rankwise will end the SEO retainer on 31.08.2024.",
        "From September I'll only be able to do one lesson a week with Leo.",
        "I won't be continuing lessons with Emma after this term.",
        "im not gonna do the brand shoots anymore after june",
        "Our engagement on the booking portal ends on 14 April 2026.",
        "Aiden's last lesson with me will be 3/15.",
        "Not doing this anymore.",
        # varied forms of ending or scaling back
        "I'm winding down the bookkeeping work for your firm in March.",
        "We're handing back the app maintenance after the summer release.",
        "I'm going to call it a day on the video editing after episode 12.",
        "I've decided to close out my work on the shop at the end of June.",
        "I've decided not to take on next year's conference.",
        "From May I'll do only the payroll, not the quarterly accounts.",
        "I'm giving up the Sunday classes from next month.",
        "I'm cutting the coaching back to two sessions a month.",
        "Friday 14 June is my last day on the project.",
        "The spring gala will be our final event together.",
        "Please take this as my formal notice.",
        "I'll hand over the site on Friday and not continue with the redesign.",
        "I'm not going to be able to finish the book cover after all.",
        "I'll be handing the project back to you on Friday.",
        "I'm bringing our work together to a close at the end of May.",
        "I'm moving on from the project at the end of the month.",
        "I'm letting the contract lapse at the end of June.",
        "I'm discontinuing the monthly reports from June.",
        "I'm resigning as your virtual assistant, effective 15 May.",
        "The spring catalogue will be my last one for the shop.",
        # a business that closes, a decision with an adjective, a refusal, a passive ending
        "Harbour Print Services is closing down on 30 June.",
        "After much thought, we have made the difficult decision to cease all residential "
        "cleaning on 1 May.",
        "Your office booked me again for Friday. I won't work for you.",
        "Effective 1 May, the bookkeeping services for your shop will be terminated.",
        "The purpose of this letter is to assist with your transition from our firm to your new "
        "IT provider.",
    ],
)
def test_plain_decision(text: str) -> None:
    assert judge(text).principles["direct"].ok


@pytest.mark.parametrize(
    "text",
    [
        "I'll probably need to roll off the checkout project at some point.",
        "I'm thinking I may have to step back from the project this summer.",
        "I was wondering if maybe we could scale things back?",
        "I believe she would bring a fresh energy that I can no longer match.",
        "Sentences stop halfway and the table contradicts the diagram.",
        "We will continue to prepare your annual accounts.",
        # conditional threats and mentions are not decisions
        "Either you confirm the dates by Monday or I'm out.",
        "If the late payments continue, I will stop the work.",
        "The final invoice is attached.",
        "I'm not able to join the call on Tuesday.",
        "If we do stop in May, I'd send the files that week.",
        "I will work with you and the new host to keep the move smooth.",
        "I will close down the staging server on 3 June.",
    ],
)
def test_no_plain_decision(text: str) -> None:
    assert not judge(text).principles["direct"].ok


def test_hedged_decision_is_reported_where_it_is() -> None:
    text = "Hi Tom,\n\nI think I might have to stop after June, maybe.\n\nAna"
    (finding,) = [f for f in judge(text).findings if f.code == "P305"]
    assert finding.text == "I think I might have to stop after June, maybe."
    assert finding.severity == "error"


# --- respect: own blame and money facts are fine --------------------------------------------


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Your team missed three deadlines.", False),
        ("I missed my estimates, and that is on me.", True),
        ("Invoice 44 is 30 days overdue.", True),
        ("Not that you'll notice, since you never read my updates 🙃", False),
        ("You want a discount AGAIN?", False),
        ("I understand that clear feedback can be hard when you're not sure what you want.", False),
        ("I fully understand your frustration about the delays.", True),
        # client as the agent of failure, comparisons, threats, guilt, condescension
        ("Your replies were usually late and hard to follow.", False),
        ("You seldom opened the weekly report.", False),
        ("Most of my clients sign off a draft in one round.", False),
        ("Pay the balance by Monday or I'll hand it to a debt collector.", False),
        ("If the late changes continue, I will stop the project.", False),
        ("After everything I've given this account, a call would have been fair.", False),
        ("I gave up my Easter holiday to finish the migration.", False),
        ("It'll make more sense once you've hired a few more people.", False),
        ("Writing isn't really your area, and that's fine.", False),
        ("Clearly it didn't matter.", False),
        # own share of blame, shared causes and money facts stay respectful
        ("I was late with the March report, and that is my mistake.", True),
        ("Priorities shifted on both sides and the scope grew.", True),
        ("The deposit of $500 covers the first two weeks.", True),
        ("The final invoice is due in 30 days, as usual.", True),
        ("Most of my clients are now in the public sector.", True),
        # the failing as a noun, an attack on one's standing; quoted terms of art
        ("The primary difficulty has been your failure to cooperate with the care plan.", False),
        ("This termination results from your breach of our contract.", False),
        ("You have chosen to challenge my professionalism at every meeting.", False),
        ('The unfinished work is turned over to your new accountants "as is."', True),
        ("You may collect your file or have it delivered to your new lawyer.", True),
    ],
)
def test_respect(text: str, ok: bool) -> None:
    assert judge(text).principles["respectful"].ok is ok


# --- money, status, alternatives, next steps -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("The final invoice is $1,234.50.", True),
        ("The balance of 1.250,00 € is due on 15 May.", True),
        ("Invoice INV-552 goes out on Friday.", True),
        ("Fees are USD 3,400 for May.", True),
        ("The last instalment is ¥120,000.", True),
        ("That comes to 3 400 kr.", True),
        ("Remote support only, at 150 a month instead of 400.", True),
        ("Payment terms are net 14.", True),
        ("No deposit is held, so nothing needs to be refunded.", True),
        ("We'll sort out payment later.", False),
        (
            "I will send you a full accounting of the funds in your trust account and any fees "
            "you owe me.",
            True,
        ),
        ("I will send you a full accounting of the work we did together.", False),
        ("I'll cut my hours to 8 a week.", False),
        ("I'm ending our design retainer at the end of this month.", False),
    ],
)
def test_finances(text: str, ok: bool) -> None:
    assert judge(text).principles["finances"].ok is ok


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("The customer login and the admin dashboard are live.", True),
        ("Auth + dashboards done, reports not started.", True),
        ("The reporting module is about 70% done.", True),
        ("Things are mostly done for the spring line.", False),
        ("Mate I'm done.", False),
        ("Honestly I'm just kind of done with it.", False),
        ("The domain transfer will be done on 14 June.", False),
        ("The domain transfer was done on 14 June.", True),
        ("The invoice for €800 is still outstanding.", False),
        ("Your file will be released upon receipt of your signed authority.", False),
        # plans, verbs and instructions, not where the work stands
        ("The contract will expire on 30 June and will not be renewed.", False),
        ("I want to be near the friends who live in that area.", False),
        ("The summary lists your medications and any outstanding appointments.", False),
        ("Complete the attached form and return it to my office.", False),
        ("Our last day open is scheduled for 30 June.", False),
        ("The booking page is live and the gallery is not started.", True),
    ],
)
def test_status(text: str, ok: bool) -> None:
    assert judge(text).principles["status"].ok is ok


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("I'd recommend Brightline Studio (marco@brightline.dev).", True),
        ("If you want, I can still do just the newsletter, 2 hours a week.", True),
        ("I can stay on for a two-week transition through 31 August.", True),
        ("My friend sarah jones does phonics tutoring too.", True),
        ("I'd suggest reaching out to another translator.", False),
        ("Wishing you the best of luck finding the right fit!", False),
        ("The return was filed on 2024-12-18.", False),
        # referrals, offers to introduce, reduced frequency, scaled-back scope
        ("I can put you in touch with Dana Wells at Ledgerline.", True),
        ("Tomas Berg at Northlight takes on small retainers, and I'm happy to brief him.", True),
        ("We can recommend three studios that work with charities.", True),
        ("Could we look at fortnightly sessions instead?", True),
        ("Oriel Web could be a good place to start.", True),
        ("Mira Holt teaches Saturday mornings at the community hall.", True),
        ("From 1 May I'm scaling the retainer back to the newsletter only.", True),
        ("I can do a phased handover over the next six weeks.", True),
        # a successor the writer arranged
        ("I have made arrangements for a colleague to assume my practice.", True),
        ("From July, Mr. Okafor will take over my clients at the same rates.", True),
        # not an offer
        ("I won't be taking on the extra campaigns.", False),
        ("You will need to take over my reports yourselves.", False),
        ("The only thing that got me through the day was coffee.", False),
        ("I may have to consider whether to continue the lessons after June.", False),
        ("It might be time to end the support contract, around the end of April.", False),
        ("The March photo edits are delivered.", False),
        ("Your team knows the code better than I do, so you keep the savings instead.", False),
    ],
)
def test_alternatives(text: str, ok: bool) -> None:
    assert judge(text).principles["alternatives"].ok is ok


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("I'll move the repo to your org on Thursday.", True),
        ("Canva + Later logins handed back to you on 28 Feb.", True),
        ("Handover call with your new team on 17 March.", True),
        ("I'd put together a handover doc whenever works.", False),
        (
            "I'll send the edited images by Friday, and you can update the site whenever suits.",
            True,
        ),
        ("The layered artwork will be in your Drive by noon on Monday.", True),
        ("On 2 June I'll show your front-desk staff how to reset the booking screen.", True),
        ("I'll let the regular suppliers know about the change.", True),
        ("Your tax return for 2024 was filed in March.", False),
        ("Nothing goes out the night before release.", False),
        ("Your team still hasn't provided the design files.", False),
        ("As per my last email, the drafts are in your inbox.", False),
        ("We have enclosed a copy of your records for your new provider.", True),
        ("We will be available to provide any documentation the handover needs.", False),
        ("The report and the training materials were submitted in May.", False),
    ],
)
def test_next_steps(text: str, ok: bool) -> None:
    assert judge(text).principles["next_steps"].ok is ok


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("You'll be better served by a team that can commit full-time.", True),
        ("They can move through your backlog faster than I can alone.", True),
        ("It would save you the double-handling fee.", True),
        ("I think this is the right moment for both of us.", True),
        ("Is this arrangement still working for both of us?", False),
        ("They're patient, which is more than I can say for you.", False),
        # gains and removed costs, in varied forms
        ("A local studio would cut your monthly spend by a third.", True),
        ("Fewer sessions also make the term cheaper for you.", True),
        ("You'd have someone in the office every day.", True),
        ("With a full-time bookkeeper you'll have month-end closed much sooner.", True),
        ("She can attend the site meetings in person, which I cannot.", True),
        ("You're better placed to run the weekly posts yourselves now.", True),
        ("An in-house editor is the right call for the magazine at this size.", True),
        ("Paying me a retainer no longer makes sense for you.", True),
        ("A printer's own studio would give your packaging a sharper finish.", True),
        ("It lets your office manager take over the supplier calls.", True),
        ("I'd rather you spent the budget on someone who knows your stack.", True),
        ("Your new team will get quicker and more consistent help from the vendor.", True),
        ("This will put the accounts in more experienced hands.", True),
        # no gain for the client
        ("I took on more work than I could manage this spring.", False),
        ("I have decided that this is the right decision.", False),
        ("You will get the files on Friday.", False),
        ("Rowan's studio is more suited to what you need now.", True),
        ("You won't be paying for hours you don't use.", True),
        ("It would spare you the monthly retainer.", True),
        ("An in-house team will know your product better than any contractor.", True),
        ("That's a better use of your budget.", True),
        ("This gives your team full control of the content.", True),
        ("You'd save around £300 a month.", True),
        ("Good news: you won't have to chase me any more.", False),
        ("You'll have access to the repository until 30 June.", False),
        ("You won't need to do anything until the registrar emails you.", False),
        ("I'm sorry for the short notice, which I cannot change now.", False),
        ("I took on more clients than I could serve well.", False),
        ("You'd have a developer on call every weekend.", True),
        # what the client is owed, a better carer, a need outgrown, both parties' interest
        ("It has become too hard for me to provide the level of service that you deserve.", True),
        ("Please find another physician who can best care for your needs.", True),
        ("You are now stable and no longer require our ongoing care.", True),
        ("It is in the best interest for both parties to end our association.", True),
        # the handover's own smoothness, and the writer's own past, are no gain
        ("We will work with your new provider to make the process as seamless as possible.", False),
        ("I spent more time in the gym than I did anywhere else.", False),
        ("The new team can carry on seamlessly from the March release.", True),
        # a cost conceded to the client is no gain, whatever else the sentence says
        (
            "While this will cause you some inconvenience, I am sure it is the right call "
            "for my practice.",
            False,
        ),
        (
            "I realise the move will cause your team some disruption, but I believe it is "
            "the right one for my family.",
            False,
        ),
    ],
)
def test_mutual_benefit(text: str, ok: bool) -> None:
    assert judge(text).principles["mutual_benefit"].ok is ok


# --- segmentation ---------------------------------------------------------------------------


def test_sentences_and_clauses_keep_offsets() -> None:
    text = (
        "Dear Mr. Petrov,\n\nI will end on 15.09.2024. I'd suggest another firm.\n"
        "- Done: login; open: reports\nafter june, got busy. tbh it's fine"
    )
    segs = sentences(text)
    assert [s.text for s in segs] == [
        "Dear Mr. Petrov,",
        "I will end on 15.09.2024.",
        "I'd suggest another firm.",
        "- Done: login; open: reports",
        "after june, got busy.",
        "tbh it's fine",
    ]
    for seg in [*segs, *clauses(text)]:
        assert text[seg.start : seg.end] == seg.text
    assert "open: reports" in [c.text for c in clauses(text)]
    assert anchor(text) == (segs[1].start, segs[1].end)
    assert anchor("") is None


def test_hard_wrapped_lines_are_one_sentence() -> None:
    text = (
        "I have decided to end our engagement on the booking portal at the end of\n"
        "the month, as we discussed."
    )
    assert len(sentences(text)) == 1
