"""P3xx: the decision is stated plainly, not buried under hedges.

These rules flag the words that soften a decision into a suggestion. One hedge in a warm
sentence is harmless; a decision wrapped in two or three ("I was wondering if maybe at some
point...") reads as an open question, and the client answers it as one.
"""

from __future__ import annotations

from parting.rules import Rule, bounded, phrases

_DECISION = 'State the decision as a fact: "I am ending our engagement on <date>."'

HEDGE_WORD = Rule(
    code="P301",
    principle="direct",
    name="hedge-word",
    message="Hedge: say it plainly.",
    patterns=(
        phrases("maybe", "perhaps", "possibly", "kind of", "sort of", "kinda", "sorta", "I guess"),
        # "next week-ish", "5pm-ish"
        bounded(r"\w+-ish"),
    ),
    exceptions=(
        # "kind of"/"sort of" as a noun: "this kind of work", "what sort of help".
        bounded(
            r"(?:this|that|these|those|the|a|an|what|which|any|some|every|each|one|same|other|"
            r"right|new|his|her|our|your|their|its|my|no|only|first|last|similar)"
            r"\s+(?:kind|sort)\s+of"
        ),
        # Emphatic, not tentative: "I cannot possibly take on more work."
        bounded(r"(?:cannot|can['’]t|could\s+not|couldn['’]t)\s+possibly"),
    ),
    suggestion=(
        'Delete the hedge and keep the plain statement: "Maybe we could wrap up" -> '
        '"I am ending our engagement on <date>."'
    ),
    why=(
        "Hedges turn a decision into a suggestion the client can decline or postpone. "
        "The direct principle asks for the decision in plain words."
    ),
    examples_fail=(
        "Maybe it is time for us to part ways.",
        "Perhaps another studio would suit you better.",
        "I could kind of scale things back.",
        "I'll roll off the project end of next week-ish.",
        "I will possibly stop after June.",
    ),
    examples_pass=(
        "I am ending our engagement on 31 May.",
        "This kind of work needs a dedicated back-end team.",
        "What sort of handover would help your team most?",
        "I cannot possibly take on the payments module as well.",
        "Perhapsy is not a word, and neither is maybes.",
        "Our Swedish partner is stylish.",
    ),
)

TENTATIVE_DECISION = Rule(
    code="P302",
    principle="direct",
    name="tentative-decision",
    message="Tentative: the decision is phrased as a wish or a question.",
    patterns=(
        # "I was wondering if", "we've been wondering whether", "just wondering"
        bounded(
            r"(?:(?:I|we)(?:\s+was|\s+were|['’]ve\s+been|\s+have\s+been|['’]m|\s+am|['’]re|"
            r"\s+are)?\s+(?:just\s+|kind\s+of\s+|sort\s+of\s+)?|just\s+)wondering"
            r"|(?:I|we)\s+wonder\s+(?:if|whether)"
        ),
        # "I think we might", "I was thinking maybe I could", "I'm thinking I may"
        bounded(
            r"(?:I|we)(?:\s+was|\s+were|['’]ve\s+been|\s+have\s+been|['’]m|\s+am|['’]re|\s+are)?"
            r"\s+think(?:ing)?\s+(?:that\s+)?(?:maybe\s+|perhaps\s+)?"
            r"(?:I|we|it)(?:['’]d|\s+may|\s+might|\s+could|\s+should)"
        ),
        # "it might be best if", "it may be that", "it might make sense", "might be worth"
        bounded(
            r"it\s+(?:might|may|could|would)\s+(?:perhaps\s+|maybe\s+)?"
            r"(?:be\s+(?:best|better|time|worth|good|wise|that)|make\s+sense)"
            r"|(?:might|may)\s+(?:perhaps\s+|maybe\s+)?be\s+worth"
        ),
        # "I'm not sure, but", "I'm not sure I'll be able to", "not sure if we can"
        bounded(
            r"(?:(?:I['’]m|I\s+am|we['’]re|we\s+are)\s+)?not\s+(?:entirely\s+|totally\s+|really\s+)?"
            r"sure(?:\s*,?\s*but|\s+(?:if|whether)\s+(?:I|we)|\s+(?:I|we)(?:['’]ll|\s+will|"
            r"\s+can|\s+could|['’]d|\s+would))"
        ),
        # "we should probably", "I'll probably need to", "I might have to", "I may need to"
        bounded(
            r"(?:I|we)(?:['’]ll|\s+will|\s+should|\s+would|['’]d)\s+probably"
            r"|(?:I|we)\s+(?:may|might)\s+(?:have|need)\s+to"
        ),
        # "would you be open to", "could we maybe", "we could think about", "consider whether"
        bounded(
            r"would\s+you\s+(?:maybe\s+|perhaps\s+)?be\s+open\s+to"
            r"|(?:could|can|should)\s+we\s+(?:maybe|perhaps|possibly)"
            r"|we\s+(?:could|might)\s+(?:maybe\s+|perhaps\s+)?think\s+about"
            r"|(?:consider(?:ing)?|think(?:ing)?\s+about|reflect(?:ing)?\s+on)\s+whether"
        ),
    ),
    suggestion=(
        'Replace the question with the decision: "I was wondering if maybe we could wrap up" -> '
        '"I am ending our engagement on <date>."'
    ),
    why=(
        "A decision asked as a question invites a 'no' or 'not yet'. The direct principle asks "
        "for the decision itself, in plain words."
    ),
    examples_fail=(
        "I was wondering if we could wrap up the project.",
        "We've been wondering whether another agency would suit you.",
        "I think we might need to part ways.",
        "It might be best if someone else took over.",
        "I'm not sure, but this may be my last month.",
        "I'm not sure I'll be able to continue past April.",
        "We should probably end the retainer.",
        "I might have to step back from the project.",
        "Would you be open to a smaller retainer?",
        "We could think about moving to monthly sessions.",
        "I've been reflecting on whether our work has run its course.",
    ),
    examples_pass=(
        "I have decided to end our engagement on 31 May.",
        "I think Brightline Studio is a strong fit for the payments work.",
        "I think you'd be better served by a team with back-end capacity.",
        "I'm sure your team will do well with the new agency.",
        "Your team will receive the files on Friday.",
        "Please consider Brightline Studio for the e-commerce platform.",
    ),
)

VAGUE_TIMING = Rule(
    code="P303",
    principle="direct",
    name="vague-timing",
    message="Vague timing: give the date.",
    patterns=(
        phrases(
            "at some point",
            "for the time being",
            "sometime",
            "some time soon",
            "one of these days",
            "down the road",
            "down the line",
            "in the near future",
            "sooner or later",
            "whenever works",
            "at a later date",
            "at a later stage",
        ),
    ),
    suggestion='Name the day: "at some point this summer" -> "on 31 July".',
    why=(
        "A decision without a date is not yet a decision: the client cannot plan around "
        "'at some point'. A date makes the end explicit."
    ),
    examples_fail=(
        "We should part ways at some point.",
        "I'll keep the hosting for the time being.",
        "Let's catch up sometime about the handover.",
        "We may need to revisit this in the near future.",
    ),
    examples_pass=(
        "Our engagement ends on 31 May.",
        "I will transfer the repository on 28 May, at 10:00.",
        "Sometimes the scope grows faster than a small studio can.",
        "It has been a good time working together.",
    ),
)

NONCOMMITTAL = Rule(
    code="P304",
    principle="direct",
    name="noncommittal",
    message="Noncommittal: this takes the decision back.",
    patterns=(
        phrases(
            "just a thought",
            "food for thought",
            "no pressure",
            "no rush",
            "we'll see",
            "we will see",
            "thinking out loud",
            "something to consider",
            "something to think about",
            "no need to decide",
            "nothing is settled",
            "nothing's settled",
        ),
        bounded(r"let['’]s\s+see\s+how"),
    ),
    suggestion=(
        'End on the decision and the next step: "Just a thought!" -> '
        '"I will send the handover notes on <date>."'
    ),
    why=(
        "Closing with 'no pressure' or 'just a thought' tells the client the decision is "
        "optional; a direct letter leaves no doubt that it has been made."
    ),
    examples_fail=(
        "Another agency might suit you better. Just a thought!",
        "No pressure at all, let me know.",
        "Let's see how you feel next month.",
        "We'll see how the summer goes.",
    ),
    examples_pass=(
        "My decision is final, and I want the handover to go smoothly for you.",
        "I will see you at the handover call on 20 May.",
        "If you would prefer a smaller scope, we could agree 8 hours a week until June.",
    ),
)

RULES: tuple[Rule, ...] = (HEDGE_WORD, TENTATIVE_DECISION, VAGUE_TIMING, NONCOMMITTAL)
