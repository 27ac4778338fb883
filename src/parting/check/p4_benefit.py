"""P4xx: the separation is framed as good for the client too.

A sentence frames mutual benefit when it says what the client gains: being better served
("will serve you better", "you'll be better off", "you deserve a designer who..."), a
comparison with what the writer can give ("faster than I can", "more availability than I
have"), a saving ("save you", "cheaper for you", "pay less"), room to grow ("give you time to
hire"), or good for both sides ("the right moment for both of us", "frees us to").
Sarcastic or backhanded sentences (any P5xx finding in the sentence) do not count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parting.check import classifier
from parting.check.p5_respect import PHRASE_RULES
from parting.check.p5_respect import RULES as RESPECT_RULES
from parting.check.rules import Rule, check_text
from parting.check.text import isearch, sentences, when_missing

_YOU = (
    r"(?:you|u|your\s+\w+(?:\s+\w+)?|him|her|them|the\s+team|the\s+company|the\s+(?:project|"
    r"business|shop|store|brand|site|charity|practice|account|festival|event|school|family))"
)
_BENEFIT = re.compile(
    r"(?<!\w)(?:"
    r"better[\s-]+served|serve\s+" + _YOU + r"\s+(?:\w+\s+)?(?:far\s+|much\s+|even\s+)?better|"
    r"suit\s+(?:\w+\s+){1,2}(?:far\s+|much\s+|even\s+)?better|"
    r"(?:a\s+)?(?:better|stronger|closer|more\s+natural)\s+fit\s+for\s+(?:you|u|your|him|her)|"
    r"(?:you|u|he|she|they|your\s+\w+(?:\s+\w+)?)\s+(?:really\s+|truly\s+)?deserves?\s+"
    r"(?:a|an|someone|somebody|the|more)|"
    r"better\s+off|"
    r"than\s+(?:I|we)\s+(?:can|could|do|am|are|have|currently)(?!\s+(?:say|handle|manage|cope|"
    r"take\s+on|keep\s+up|chew|serve|juggle|fit|cover))|"
    r"than\s+(?:I|we)\s+(?:can|could)\s+(?:\w+\s+)?(?:give|offer|provide|match)|"
    r"(?:I|we)\s+can\s+no\s+longer\s+(?:match|offer|give|provide)|"
    r"than\s+(?:an?|one|our|my)\s+(?:outside|small|solo|single|part-time)|"
    r"(?:save|saves|saving)\s+(?:you|u|your)|pay\s+less|"
    r"(?:faster|cheaper|easier|better|more\s+\w+)\s+for\s+(?:you|u|your|him|her)|"
    r"(?:cheaper|faster|better)\s+(?:for\s+)?(?:you|u)\s+too|"
    r"(?:give|gives|giving)\s+(?:you|u|him|her|your\s+\w+)\s+(?:room|time|space|more|closer|"
    r"the\s+freedom|a\s+\w+er|a\s+more|a\s+chance|better)|"
    r"(?:make|makes|making)\s+your\s+(?:life|work|job|day)\s+(?:\w+\s+)?easier|"
    r"(?:frees?|freeing)\s+(?:us|me|you|up)|"
    r"(?:right|good|best|better|healthiest|fair|smart)\s+(?:\w+\s+){0,3}for\s+(?:both\s+of\s+us|"
    r"both\s+sides|us\s+both|both\s+(?:our|of\s+our)\s+\w+|you\s+and\s+(?:me|us))|"
    r"(?:benefit|benefits|good)\s+(?:for\s+)?(?:both|each)\s+of\s+us|"
    # "in the best interest of both parties", "in both of our best interests"
    r"(?:best\s+)?interests?\s+(?:of|for)\s+(?:both\s+(?:of\s+us|parties|sides)|us\s+both)|"
    r"(?:both\s+of\s+our|our\s+mutual)\s+(?:best\s+)?interests?|"
    # "carry on seamlessly", but not the handover's own smoothness ("as seamless as possible")
    r"no\s+learning\s+curve|(?<!to\s)seamless(?:ly)?(?!\s+(?:transition|handover|as\s+possible))|"
    r"(?:get|gets|getting)\s+(?:more|better|far\s+more|faster|quicker|cheaper)\s+"
    r"(?:and\s+(?:more\s+)?\w+\s+)?(?:\w+\s+)?(?:out\s+of|from|results|support|attention|practice|"
    r"value|help|service|turnaround|care)|"
    r"(?:you|u)['’]?(?:ll|d)?\s+(?:\w+ly\s+)?get\s+(?:better|more|someone|a\s+\w+er|"
    r"faster|quicker|cheaper)|"
    # Sooner or cheaper results: "you'll have the album on the shelf much sooner"
    r"(?:you|u)(?:['’]ll|['’]d|\s+will|\s+would|\s+can|\s+could)\s+(?:[\w'’-]+\s+){1,8}?"
    r"(?:much\s+|far\s+|a\s+lot\s+)?(?:sooner|faster|quicker|earlier|cheaper)(?!\s+than\s+(?:I|we)"
    r"\s+(?:can|could))|"
    # Lower costs: "cut your monthly spend", "reduce your fees", "makes the cost lower for you"
    r"(?:cut|cuts|cutting|reduce|reduces|reducing|lower|lowers|lowering|halve|halves|trim)\s+"
    r"your\s+(?:\w+\s+){0,2}?(?:spend|spending|costs?|fees?|bills?|outgoings|overheads?|budget|"
    r"invoices?)|"
    r"(?:lower|less|smaller|lighter|cheaper)\s+for\s+(?:you|u|your)|"
    # A cost removed: "you'd be paying for studies nobody asked for", "instead of paying"
    r"(?:you|u)(?:['’]d|\s+would)\s+(?:otherwise\s+|just\s+)?be\s+paying\s+for|"
    r"(?:instead\s+of|rather\s+than|without)\s+(?:you\s+)?paying|"
    # What the writer cannot give: "in a way I never could", "which I cannot"
    r"(?:which|that|in\s+a\s+way|something|as)\s+(?:I|we)\s+(?:simply\s+|just\s+)?(?:never\s+could|"
    r"cannot|can['’]t|can\s+no\s+longer|couldn['’]t|could\s+not|am\s+not\s+able\s+to|"
    r"won['’]t\s+be\s+able\s+to)(?=\s*[.,;:!)]|\s*$|\s+(?:offer|give|provide|match|do\s+well|"
    r"promise|manage\s+alone))|"
    r"better\s+(?:placed|positioned|equipped|able)\s+to|"
    r"(?:something|which\s+is\s+something|which)\s+(?:I|we)(?:['’]ve|\s+have)?\s+never\s+been\s+able|"
    r"not\s+something\s+(?:I|we)\s+can\s+(?:offer|give|provide|do\s+well|match|promise|"
    r"manage\s+alone)|"
    # The client's money better spent: "I'd rather you spent the budget on someone who knows"
    r"(?:rather|better\s+that|better\s+if)\s+(?:you|u)\s+(?:spent|spend|put|invest(?:ed)?)|"
    r"(?:someone|somebody|a\s+\w+|an\s+\w+)\s+who\s+(?:already\s+)?(?:knows|understands|lives|works)"
    r"\s+(?:\w+\s+)?(?:your|in\s+your|near\s+you|locally)|"
    r"(?:in|into)\s+(?:stronger|better|safer|more\s+capable|more\s+experienced|good|great|safe|"
    r"capable|expert)\s+hands|"
    r"(?:the\s+)?(?:right|smart|sensible|natural|best|better)\s+(?:call|choice|move|step)"
    r"\s+for\s+(?:you|u|your|the\s+\w+|(?-i:[A-Z])[\w&'’-]*)|"
    r"(?:doesn['’]t|does\s+not|no\s+longer|don['’]t|do\s+not)\s+makes?\s+(?:\w+\s+)?sense\s+for\s+"
    r"(?:you|u|your)|"
    r"(?:do|does|did|will\s+do|would\s+do|['’]ll\s+do)\s+more\s+for\s+(?:you|u|your)|"
    r"than\s+(?:I|we|my\s+[\w-]+(?:\s+[\w-]+){0,2}|our\s+[\w-]+(?:\s+[\w-]+){0,2})\s+"
    r"(?:ever\s+)?(?:could|can|did)(?!\s+(?:say|handle|manage|cope|take\s+on|keep\s+up|chew|serve|juggle|fit|cover|"
    r"anywhere|anything|any\s+\w+))|"
    # What the client is owed: "the level of service that you deserve"
    r"(?:service|care|attention|support|quality)\s+(?:that\s+)?(?:you|your\s+\w+)\s+(?:truly\s+|"
    r"really\s+|rightly\s+)?deserves?|"
    # "another physician who can best care for your needs", "someone who can better serve you"
    r"who\s+(?:can|could|will)\s+(?:best|better)\s+(?:care\s+for|serve|meet|support|look\s+after|"
    r"handle|address|help)|"
    # The client has outgrown the service: "you no longer require our ongoing care"
    r"(?:you|your\s+\w+)\s+(?:[\w'’]+\s+){0,5}?no\s+longer\s+(?:require|need)s?\s+(?:our|my)|"
    r"help\s+(?:you|u|your\s+\w+|the\s+(?:company|business|team|project|shop|charity|brand))\s+"
    r"(?:\w+\s+)?more|"
    r"(?:will|would|['’]ll|['’]d)\s+(?:\w+\s+)?(?:respond|engage|connect|perform|convert|react|"
    r"sell|rank)\s+better|"
    r"(?:you|u)(?:['’]d|['’]ll|\s+would|\s+will)\s+(?:\w+\s+)?have\s+(?:someone|somebody|"
    r"(?:a|an)\s+(?:dedicated|full-time|local|bigger|larger|specialist|proper|senior|in-house|"
    r"experienced)\s+\w+|(?:a|an)\s+[\w-]+\s+(?:on\s+call|on\s+site|on\s+hand|in[\s-]house|nearby)|"
    r"more\s+(?:time|support|capacity|flexibility|control|room|choice))|"
    r"(?:lift|lifts|boost|boosts|improve|improves|grow|grows|increase|increases)\s+your\s+"
    r"(?:\w+\s+)?(?:sales|revenue|reach|following|bookings|traffic|results|rankings|income|"
    r"margins?|conversions?)|"
    r"(?:do|does|would\s+do|will\s+do)\s+(?:you|u|him|her|them|your\s+\w+)\s+(?:\w+\s+)?good|"
    r"(?:be|is|are|being)\s+(?:really\s+|very\s+|genuinely\s+)?good\s+for\s+(?:you|u|him|her|your)|"
    r"(?:most|more|real|best|better)\s+value\s+(?:for|to)\s+(?:you|u|your)|"
    r"than\s+(?:our|my)\s+(?:\w+\s+){1,2}(?:allows?|permits?)|"
    r"so\s+(?:you|u|he|she|they)(?:['’]d|\s+can|\s+could|\s+would|\s+will)\s+(?:\w+\s+){0,2}"
    r"(?:get|have|focus|grow|hire|find|move|keep)|"
    r"(?:which|that)\s+(?:you|u|your\s+\w+)\s+(?:\w+\s+)?(?:need|needs|calls?\s+for)\s+"
    r"(?:more|now|most)|"
    r"(?:which|that)\s+your\s+\w+\s+(?:really\s+)?(?:calls?\s+for|needs)|"
    r"(?:look|work|run)\s+(?:amazing|great|better|brilliant)|"
    r"this\s+change\s+means|better\s+arrangement|fresh\s+(?:energy|eyes|perspective)|"
    # "it is in your interest", "a better deal for you", "frees your budget"
    r"in\s+your\s+(?:best\s+|own\s+)?interests?|better\s+(?:deal|value)\s+for\s+(?:you|u|your)|"
    r"(?:frees?|freeing)\s+(?:up\s+)?your|"
    r"(?:lets?|letting|allows?|allowing|enables?|enabling)\s+(?:you|u|your(?:\s+[\w-]+){1,2}?|"
    r"her|him|them)\s+(?:to\s+)?(?:own|focus|keep|grow|concentrate|spend|put|take|build|hire|run|"
    r"invest|move|choose)|"
    r"(?:more|better)\s+suited\s+to\s+(?:what\s+)?(?:you|u|your)|"
    # A cost or a wait removed: "you won't be paying for hours you don't use", "spare you"
    r"(?:you|u)(?:['’]ll|\s+will|['’]d|\s+would)?\s+(?:no\s+longer|not|won['’]t|wouldn['’]t|"
    r"never)\s+(?:\w+\s+)?(?:be\s+paying|pay(?:ing)?\s+for|be\s+waiting|wait(?:ing)?\s+(?:for|on)|"
    r"be\s+stuck|(?:have|need)\s+to\s+(?:pay|wait|chase|manage|juggle|coordinate|fit\s+around))|"
    r"(?:spare|spares|sparing)\s+(?:you|u|your)|"
    r"(?:you|u)(?:['’]d|['’]ll|\s+would|\s+will|\s+could|\s+can)\s+save|"
    r"(?:know|knows|understand|understands)\s+your\s+(?:[\w-]+\s+){1,2}(?:far\s+|much\s+)?better|"
    r"(?:better|best|smarter|wiser)\s+use\s+of\s+your|"
    r"(?:give|gives|giving)\s+(?:you|u|your\s+\w+)\s+(?:full\s+|more\s+|complete\s+|direct\s+)?"
    r"(?:control|ownership|access|flexibility|freedom)|"
    r"(?:someone|somebody|a\s+\w+|an\s+\w+)\s+who\s+can\s+(?:give|offer|dedicate|devote|commit|"
    r"be\s+there|be\s+on\s+call|focus)"
    r")(?!\w)",
    re.IGNORECASE,
)


#: A sentence that concedes a cost to the client is no gain for them, whatever the model reads
#: in it: "while I realize this decision will cause you some inconvenience, I believe it is the
#: right one based on my personal circumstances".
_CONCEDED_COST = re.compile(
    r"(?<!\w)(?:caus(?:e|es|ed|ing)|put(?:s|ting)?)\s+(?:you|your\s+\w+)\s+(?:to\s+)?(?:some\s+|any\s+|"
    r"great\s+|real\s+|an?\s+)?(?:inconvenience|difficulty|difficulties|trouble|hardship|"
    r"disruption|extra\s+work|stress)"
    r"|inconvenien\w+\s+(?:to|for)\s+(?:you|your)",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def rule_evidence(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences the phrase patterns find saying what the client gains."""
    found: list[tuple[int, int]] = []
    for sentence in sentences(text):
        if isearch(_BENEFIT, sentence.text) and not check_text(sentence.text, PHRASE_RULES):
            found.append((sentence.start, sentence.end))
    return tuple(found)


@lru_cache(maxsize=256)
def evidence(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences that say what the client gains from the change: the phrase patterns'
    and those the trained `benefit` model scores above its threshold (never one with a
    P5xx finding: a backhanded "you'll be better off" is no benefit)."""
    found = set(rule_evidence(text))
    for sentence in sentences(text):
        span = (sentence.start, sentence.end)
        if span in found or not classifier.fires("benefit", sentence.text):
            continue
        if isearch(_CONCEDED_COST, sentence.text):
            continue
        if not check_text(sentence.text, RESPECT_RULES):
            found.add(span)
    return tuple(sorted(found))


NO_BENEFIT = Rule(
    code="P401",
    principle="mutual_benefit",
    name="no-client-benefit",
    message="No benefit to the client: say why the change is good for them too.",
    severity="error",
    scope="document",
    finder=when_missing(evidence),
    patterns=(),
    suggestion=(
        'Add what the client gains: "A team with a 24/7 service desk will serve you better '
        'than we can, and it frees us to focus on smaller practices."'
    ),
    why=(
        "A parting framed only around the writer's needs reads as abandonment. The "
        "mutual-benefit principle asks what the client gains, ideally both sides."
    ),
    examples_fail=(
        "Hi Kasia,\n\nI'm ending our retainer on 30 June because I'm moving to Berlin.\n\nLou",
    ),
    examples_pass=(
        "Hi Leah,\n\nI'm ending our copy retainer on 30 June. The 8 product pages are done; the "
        "FAQ page is not started. You'll be better served by a writer with more time for your "
        "launch: I recommend Nina Okafor (nina@okafor.example). The final invoice of $1,200 is "
        "due 15 July. I'll send the Docs folder and the style notes on 28 June.\n\nMeg",
        "Dear Mr Hale,\n\nI am ending our engagement as your accountants on 30 June; it is in "
        "the best interest of both parties. The 2025 accounts are filed; the Q2 VAT return is "
        "not started. I recommend Fenwick & Co (hello@fenwick.example). Our final invoice of "
        "£800 is due 14 July. On 28 June I will send you the ledgers and hand over the Xero "
        "login.\n\nMarta Ruiz",
    ),
)

RULES: tuple[Rule, ...] = (NO_BENEFIT,)
