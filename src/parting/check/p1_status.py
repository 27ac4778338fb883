"""P1xx: the draft says concretely where the work stands.

Status is judged clause by clause. A clause states status when it has a *state predicate*
(done, finished, delivered, live, filed, signed, in progress, outstanding, not started, 60%
translated, "Done:" / "Open:" labels, ...) and a *concrete subject*: a named deliverable
("the customer login", "episodes 1-6", "the Q1 VAT return"), not "things", "everything" or
"the work". Clauses about money ("the invoice is still outstanding") are the finances
principle's, not status; "I'm done" is a decision, not a deliverable.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parting.check.rules import Rule, bounded
from parting.check.text import clauses, isearch, when_missing

_STATE = re.compile(
    r"(?<![\w-])(?:"
    r"done|complete[d]?|finished|finali[sz]ed|delivered|"
    # "the site is live", not "friends who live nearby"
    r"(?<!who\s)(?<!they\s)(?<!we\s)(?<!you\s)(?<!i\s)live(?!\s+with)|published|shipped|launched|"
    r"filed|submitted|approved|signed|installed|patched|migrated|translated|subtitled|"
    r"edited|retouched|booked|renewed|updated|fixed|replaced|executed|received|tested|"
    r"set\s+up|in\s+place|cleaned\s+up|rolled\s+out|imaged|uploaded|scheduled(?!\s+for)|drafted|"
    r"covered|built|half-built|halfway|in\s+(?:code\s+)?review|in\s+progress|underway|"
    r"in\s+editing|in\s+draft|pending|outstanding|untouched|to-do|(?-i:TODO)|todo|"
    r"(?:still|left)\s+to\s+do|"
    r"(?:still|remains?|is|are)\s+open|open\s+(?:item|issue|task|ticket|point)s?|"
    r"remain(?:s|ing)?\s+(?:outstanding|open|to\s+be\s+\w+|pending|unfinished|incomplete|"
    r"undone|in\s+progress)|still\s+to\s+be\s+\w+|still\s+(?:waiting|needing|needs)|"
    r"waiting\s+(?:on|for)|blocked|rough\s+cuts?|"
    r"not\s+(?:yet\s+)?(?:been\s+)?(?:started|done|finished|translated|touched|built|set|"
    r"delivered|begun|retouched|processed)|"
    r"(?:hasn['’]t|haven['’]t|has\s+not|have\s+not)\s+(?:yet\s+)?(?:been\s+)?(?:started|"
    r"touched|begun|done|finished)|"
    r"(?:won['’]t|will\s+not)\s+be\s+(?:started|finished|completed|produced|processed|done|"
    r"delivered)|"
    r"\d{1,3}\s?%\s+(?:done|complete[d]?|finished|translated|built|through)|"
    r"\d+\s+(?:of|out\s+of)\s+\d+\s+\w+|only\s+thing\s+left|left\s+to\s+do"
    r")(?![\w-])"
    r"|^(?:done|completed?|finished|delivered|open|outstanding|not\s+done|remaining|pending|"
    r"in\s+progress|to\s*do|still\s+open|status|where\s+(?:things|it|we)\s+stands?|"
    r"attached|work\s+status|matter\s+status)\s*:\s*\S"
    r"|(?:please\s+)?find\s+attached",
    re.IGNORECASE,
)
# A state promised for later is a plan, not where the work stands.
_FUTURE = re.compile(
    r"(?<!\w)(?:(?:will|['’]ll|shall|going\s+to)\s+(?:not\s+|never\s+)?|won['’]t\s+)(?:all\s+)?"
    r"(?:be|have\s+been)\s+(?:\w+ly\s+)?$",
    re.IGNORECASE,
)
_NOT_STATUS = re.compile(
    r"i['’]?m\s+(?:\w+\s+){0,3}?done|we['’]re\s+(?:\w+\s+){0,2}?done|i\s+am\s+(?:\w+\s+){0,2}?done"
    r"|(?:^|\s)done\s+with\s+(?:you|this)"
    # looking back, not reporting: "I appreciate the work we've done together"
    r"|done\s+together|(?:work|everything)\s+(?:that\s+)?(?:we|i)\s*(?:['’]ve|\s+have)\s+"
    r"(?:\w+\s+)?done"
    # a reply or a payment received is correspondence or money, not a deliverable
    r"|(?:received|heard)\s+(?:a\s+|any\s+|your\s+|no\s+)?(?:response|reply|answer|word)"
    r"|learn\s+to\s+live\s+with"
    # an instruction: "Complete the attached form and return it"
    r"|^\s*complete\s+(?:the|this|and|your|a|all)\b",
    re.IGNORECASE,
)
#: A state word before a generic noun names no deliverable: "completing any outstanding work",
#: "the transfer of your records and work in progress", "all pending matters", "ongoing
#: projects"; nor does a state after "to" (a plan: "to complete our work together").
_GENERIC_STATE = re.compile(
    r"(?:outstanding|pending|open|remaining|unfinished|completed|finished|ongoing)\s+"
    r"(?:work|matters?|items?|tasks?|projects?|obligations?|issues?|accounts?|deliverables?|"
    r"business|balance|amounts?|deadlines?|appointments?|questions?|requests?|concerns?)\b"
    r"|work\s+in\s+progress",
    re.IGNORECASE,
)
#: A template's placeholder that stands for the deliverables in a state ("including [UNFINISHED
#: PROJECTS]", "completing [List any pending deliverables] by [Date]") names them.
_STATE_PLACEHOLDER = re.compile(
    r"[\[<{][^\]>}]*(?:unfinished|pending|outstanding|remaining|completed|finished|delivered|"
    r"open)\s+(?:\w+\s+)?(?:projects?|deliverables?|work|tasks?|items?)[^\]>}]*[\]>}]",
    re.IGNORECASE,
)
_INFINITIVE = re.compile(r"(?<!\w)to\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: Money as the subject of the state ("the invoice is outstanding") is finances, not status.
_MONEY = re.compile(
    r"(?<!\w)(?:invoices?|fees?|balance|payments?(?!\s+(?:api|integration|module|page|gateway|"
    r"provider|system|flow|screen|form|feature|processing|step))|paid|unpaid|owed|owing|amount|"
    r"deposit|retainer\s+of|refund\w*|charges?|bill(?:ed|ing)?|sum|amounts|costs?)(?!\w)|[$€£¥₹₦]|"
    r"\d\s?(?:kr|usd|eur|gbp)",
    re.IGNORECASE,
)
#: Participles that are also adjectives ("your signed authority"): they state status only
#: after a form of be/have, a colon or a list separator.
_WEAK = re.compile(
    r"signed|received|covered|booked|scheduled|updated|edited|built|tested|fixed|drafted|"
    r"replaced|executed|renewed|approved|uploaded|imaged|migrated|installed|set\s+up|in\s+place",
    re.IGNORECASE,
)
_BE_HAVE = re.compile(
    r"(?:\b(?:is|are|was|were|been|be|have|has|had|now|all|both|already|just|fully|also)|"
    r"['’](?:s|re|ve)|[:,+&]|\band)\s*(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# A participle followed directly by a noun is an adjective ("all edited images", "RAW files and
# edited selects"): no state; unless it is a perfect with an object ("we have covered the
# full specification").
_ATTRIBUTIVE = re.compile(
    r"\s+(?!(?:and|or|but|by|on|in|at|for|to|with|as|from|since|last|yesterday|today|this|"
    r"that|these|those|now|already|so|which|while|until|before|after|over|via|through|"
    r"under|into|onto|up|out|off|back|down|early|late|ahead|earlier|too|also|just|"
    r"only|all|both|each|per)\b)[a-z][a-z-]+\b"
)
_PERFECT = re.compile(r"(?:\b(?:have|has|had)|['’]ve)\s+(?:\w+ly\s+|all\s+|now\s+)?$", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+", re.UNICODE)
#: Words that do not make a subject concrete.
_VAGUE = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "it's",
        "everything",
        "things",
        "thing",
        "stuff",
        "work",
        "all",
        "most",
        "much",
        "of",
        "some",
        "lot",
        "lots",
        "bit",
        "i",
        "i'm",
        "im",
        "we",
        "we're",
        "you",
        "your",
        "our",
        "my",
        "me",
        "us",
        "he",
        "she",
        "they",
        "them",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "'s",
        "'re",
        "'ve",
        "mostly",
        "largely",
        "pretty",
        "basically",
        "nearly",
        "almost",
        "kind",
        "sort",
        "more",
        "or",
        "less",
        "so",
        "just",
        "now",
        "already",
        "still",
        "also",
        "both",
        "well",
        "and",
        "quite",
        "fairly",
        "really",
        "very",
        "over",
        "there",
        "here",
        "mate",
        "hey",
        "hi",
        "ok",
        "okay",
        "yes",
        "no",
        "anyway",
        "honestly",
        "frankly",
        "currently",
        "at",
        "this",
        "point",
        "moment",
        "today",
        "yet",
        "fully",
        "all",
    ]
)
_PREPOSITION = re.compile(
    r"^\s*(?:for|by|in|at|on|with|from|to|since|until|till|through|thru|after|before|"
    r"around|about|of|as|and|but|so|or|since)\b",
    re.IGNORECASE,
)


def _concrete(before: str, after: str) -> bool:
    words = [w.lower() for w in _WORD.findall(before)]
    if any(w not in _VAGUE and (len(w) > 2 or w.isdigit()) for w in words):
        return True
    if _PREPOSITION.match(after):
        return False
    tail = [w.lower() for w in _WORD.findall(after)[:6]]
    return any(w not in _VAGUE and (len(w) > 2 or w.isdigit()) for w in tail)


@lru_cache(maxsize=256)
def evidence(text: str) -> tuple[tuple[int, int], ...]:
    """The clauses that state concretely what is done or outstanding."""
    found: list[tuple[int, int]] = []
    for clause in clauses(text):
        if isearch(_NOT_STATUS, clause.text):
            continue
        if any(isearch(p, clause.text) for p in VAGUE_STATUS.patterns):
            continue  # "it's mostly done, just a few loose ends" is not concrete
        if isearch(_STATE_PLACEHOLDER, clause.text):
            found.append((clause.start, clause.end))
            continue
        for match in _STATE.finditer(clause.text):
            before = clause.text[: match.start()]
            after = clause.text[match.end() :]
            if ":" in match.group(0):
                found.append((clause.start, clause.end))
                break
            if isearch(_MONEY, before[-45:]) or _MONEY.match(after.strip()):
                continue
            if _GENERIC_STATE.match(clause.text, match.start()) or (
                match.group(0).lower() == "in progress" and before.lower().endswith("work ")
            ):
                continue  # "any outstanding work", "work in progress": no named deliverable
            if isearch(_INFINITIVE, before):
                continue  # "to complete our work together" is a plan, not a state
            if _WEAK.fullmatch(match.group(0)) and (
                not isearch(_BE_HAVE, before)
                or (_ATTRIBUTIVE.match(after) and not _PERFECT.search(before))
            ):
                continue  # "all edited images": an adjective, no state of the work
            if isearch(_FUTURE, before):
                continue  # "the repo transfer will be done on 14 June" is a next step
            if _concrete(before, after):
                found.append((clause.start, clause.end))
                break
    return tuple(found)


NO_STATUS = Rule(
    code="P101",
    principle="status",
    name="no-status",
    message="No status: the draft never says which deliverables are done or outstanding.",
    severity="error",
    scope="document",
    finder=when_missing(evidence),
    patterns=(),
    suggestion=(
        'Name what is finished and what is not: "The login and the dashboard are live; the '
        'reporting module is 70% done."'
    ),
    why=(
        "The client has to plan the rest of the work. The status principle asks for where the "
        "work stands, deliverable by deliverable, not a general impression."
    ),
    examples_fail=(
        "Hi Jess, I've decided to stop doing the monthly product shoots after this month. "
        "Thanks for everything!",
        "Dear Ms. Quinn,\n\nI will stop acting for you from 1 September.\n\nAlan",
        "Hi Jo,\n\nI'm ending our retainer on 30 June. I'll upload all edited images to your "
        "Dropbox by 28 June.\n\nSam",
    ),
    examples_pass=(
        "Hi Leah,\n\nI'm ending our copy retainer on 30 June. The 8 product pages are done; the "
        "FAQ page is not started. You'll be better served by a writer with more time for your "
        "launch: I recommend Nina Okafor (nina@okafor.example). The final invoice of $1,200 is "
        "due 15 July. I'll send the Docs folder and the style notes on 28 June.\n\nMeg",
    ),
)

VAGUE_STATUS = Rule(
    code="P102",
    principle="status",
    name="vague-status",
    message="Vague status: say which deliverables are done and which are not.",
    patterns=(
        bounded(
            r"(?:things|everything|the\s+work|work|it|most\s+of\s+(?:it|them|the\s+(?:\w+\s+){0,2}\w+)|"
            r"most\s+things|the\s+bulk\s+of\s+(?:it|the\s+\w+)|stuff|"
            r"the\s+project|all)(?:\s+(?:is|are)|\s*['’]s|\s*['’]re)\s+"
            r"(?:mostly|largely|pretty\s+much|more\s+or\s+less|basically|nearly|almost|kind\s+of|sort\s+of|sorta|kinda|"
            r"generally|roughly)\s+(?:done|finished|complete|wrapped\s+up|there|sorted|on\s+track)"
        ),
        bounded(
            r"(?:pretty\s+much|basically|more\s+or\s+less)\s+(?:done|finished|complete|in\s+place|"
            r"in\s+order|sorted|there|wrapped\s+up)"
            r"|(?:progressing|going|coming\s+along)\s+(?:well|fine|nicely)(?:\s+overall)?"
            r"|(?:mostly|largely)\s+in\s+(?:place|order|hand)"
            # whatever the subject: "the site is mostly done", "largely complete"
            r"|(?:is|are|['’]s|['’]re|been)\s+(?:mostly|largely|roughly|more\s+or\s+less)\s+"
            r"(?:done|finished|complete|completed|on\s+track|taken\s+care\s+of)"
            r"|most\s+of\s+(?:it|them|the\s+(?:\w+\s+){0,2}\w+)\s+(?:is|are|has\s+been|have\s+been)\s+"
            r"(?:already\s+)?(?:done|finished|complete|delivered)"
            r"|(?:mostly|largely|pretty\s+much|basically|nearly|almost)\s+(?:wrapped\s+up|there)"
            r"|(?:everything|things)(?:\s+(?:is|are)|\s*['’]s|\s*['’]re)\s+"
            r"(?:on\s+track|in\s+good\s+shape|going\s+well|fine)"
        ),
    ),
    suggestion=(
        '"Things are mostly done" -> "The homepage and the About page are live; the pricing '
        'page is still in draft."'
    ),
    why=(
        "'Mostly done' tells the client nothing they can hand to the next provider. The status "
        "principle asks for named deliverables and their state."
    ),
    examples_fail=(
        "Things are mostly done for the spring line.",
        "The work is mostly wrapped up at this point.",
        "Everything is pretty much finished.",
        "It's mostly done, just a few loose ends.",
        "Most of the pieces are basically done.",
        "The project has been progressing well overall.",
        "The site is mostly done, with a few bits and pieces left here and there.",
    ),
    examples_pass=(
        "The homepage and the About page are live; the pricing page is still in draft.",
        "The reporting module is almost done: the charts are the last part.",
    ),
)

RULES: tuple[Rule, ...] = (NO_STATUS, VAGUE_STATUS)
