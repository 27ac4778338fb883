"""P2xx: the draft offers at least one concrete path forward.

Three kinds of path count, each judged on one sentence:

- a *referral*: a recommending cue ("I recommend", "introduce you to", "try", "ask for",
  "someone like", "my colleague", "X can pick up", "who specialises in") together with a
  named provider (a capitalised name that does not open the sentence, "Name at Firm",
  "Firm (Contact)") or contact details (e-mail, web address, phone, @handle); an offer to
  introduce counts on its own;
- a *reduced scope or adjusted timeline*: a change of scope ("only", "instead of", "from
  weekly to monthly", "cut back to", "continue ... only", "I can still do", "keep ...") with
  something concrete to hold it (hours a week, a fee per month, a frequency, an end month);
- a *phase-out*: a transition or phase-out period, tapering hours, staying on through a date.

"Good luck finding someone" or "there are many good translators around" is not a path (P202).
"""

from __future__ import annotations

import re
from functools import lru_cache

from parting.check import classifier
from parting.check.rules import Rule, bounded, phrases
from parting.check.text import _MONTHS, isearch, sentences, when_missing

_I = re.IGNORECASE

_REFERRAL_CUE = re.compile(
    r"(?<!\w)(?:recommend\w*|suggest\w*|refer\w*|try\s+(?-i:[A-Z])|check\s+out|"
    r"reach\s+out\s+to|get\s+(?-i:[A-Z])\w+\s+(?:at|from)|ask\s+for|"
    r"contact\s+(?:(?-i:[A-Z])|him\b|her\b|them\b)|contact\s+details|"
    # "ask Priya at Inkwell", "point you to X", "I've spoken to Rita at Y"
    r"ask\s+(?-i:[A-Z])|point\s+(?:you|u)\s+(?:to|towards|in\s+the\s+direction\s+of)|"
    r"talk\s+to\s+(?-i:[A-Z])|get\s+in\s+touch\s+with|(?:spoken|talked|spoke)\s+(?:to|with)|"
    r"(?:happy|glad|able|keen)\s+to\s+take\s+(?:you|it|them|this|that|over)|"
    r"take\s+(?:you|them)\s+on|who\s+can\s+(?:cover|help|handle|take)|"
    r"(?:can|could|will)\s+(?:\w+\s+)?(?:complete|finish|cover|handle)\b|"
    r"(?<!it\s)(?<!i\s)(?<!that\s)(?<!this\s)(?:might|may)\s+(?:have|be|suit)\s+|(?:are|is)\s+(?:fine|good|solid|reliable|very\s+good)\b|"
    r"my\s+(?:colleague|friend|former\s+\w+|partner|peer)|someone\s+like|"
    r"(?<![\w'’])(?:a|an|someone|somebody|specialist|agency|firm|studio|provider|company|team|"
    r"LSP|MSP|people|practice|tutor|coach|consultant|developer|designer|writer|translator|"
    r"accountant|lawyer|photographer|editor)\s+like\s+(?-i:[A-Z])|"
    r"(?:such\s+as|for\s+instance,?|possibly|e\.g\.,?)\s+(?:[\w'’]+\s+){0,5}?(?-i:[A-Z])|"
    r"(?:can|could|would|will)\s+(?:\w+\s+)?(?:pick\s+(?:up|it\s+up|this\s+up)|"
    r"take\s+(?:over|on|it\s+on|that\s+on|this\s+on)|continue|help|see\s+(?:him|her|you|them))|"
    r"has\s+(?:\w+\s+)?(?:slots|capacity|availability)|has\s+agreed\s+to|"
    r"(?:would|could|might|will)\s+be\s+a\s+(?:good|great|strong|natural|safe|solid)\s+"
    r"(?:next\s+step|fit|choice|option|place\s+to\s+start|starting\s+point|match)|"
    # "takes on retained clients and I'm happy to brief her", "put you in touch with"
    r"takes\s+on|brief\s+(?:him|her|them)|put\s+(?:you|u)\s+in\s+touch|"
    r"(?:who\s+|(?-i:[A-Z])[\w'’-]+\s+)(?:teaches|tutors|coaches|designs|builds|edits|translates|"
    r"photographs|works\s+with|has\s+(?:done|built|run|worked))\b|"
    r"who\s+speciali[sz]es?|speciali[sz]es\s+in|knows\s+your|runs\s+a|"
    r"(?:does|do)\s+(?:excellent|great|this\s+kind\s+of|similar)\s+work|"
    r"(?:hand|handing|pass|passing)\s+(?:\w+\s+)?(?:over\s+)?to|referral\s*:|will\s+run|"
    r"(?:is|are)\s+(?:brilliant|excellent|great|fantastic)\s+(?:with|at)|covers\s+\w+)",
    _I,
)
_INTRODUCE = re.compile(
    r"(?<!\w)(?:introduc(?:e|ing)\s+(?:you|u|him|her|them)\b|put\s+(?:you|u)\s+in\s+touch\s+with"
    # An offer to name providers: "we can recommend two agencies that work with fintechs"
    r"|(?:can|could|will|happy\s+to|glad\s+to|I['’]d)\s+(?:happily\s+|gladly\s+)?"
    r"(?:recommend|suggest|name)\s+(?:two|three|a\s+few|several|some|a\s+couple\s+of|\d)\s+\w+"
    # A successor the writer arranged: "he will assume some of my responsibilities", "I have
    # made arrangements for [the successor CPA] to assume my practice"
    r"|(?:will|to|shall|has\s+agreed\s+to)\s+(?:assume|take\s+over|inherit)\s+(?:some\s+of\s+|all\s+of\s+"
    r"|many\s+of\s+)?my\s+(?:practice|responsibilities|clients|caseload|client\s+base|accounts|"
    r"files|work|book\s+of\s+business))",
    _I,
)
_STOP_CAPS = frozenset(
    [
        "I",
        "I'm",
        "I'll",
        "I'd",
        "I've",
        "A",
        "An",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "If",
        "And",
        "But",
        "Or",
        "So",
        "As",
        "At",
        "In",
        "On",
        "For",
        "To",
        "From",
        "With",
        "By",
        "Of",
        "My",
        "Our",
        "Your",
        "Their",
        "His",
        "Her",
        "We",
        "You",
        "He",
        "She",
        "They",
        "It",
        "Its",
        "Thanks",
        "Thank",
        "Hi",
        "Hey",
        "Hello",
        "Dear",
        "Best",
        "Kind",
        "Regards",
        "Please",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Re",
        "Subject",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "OK",
    ]
)
_CAP = re.compile(r"(?<![\w'’@./-])(?-i:[A-Z][\w'’&.-]*|[A-Z]{2,})")
# Each branch starts only where its leading run starts ("(?<![\w.+-])" before "[\w.+-]+"):
# without that, a search tried every position of one long word, each time to its end, and a
# 200,000-letter word took minutes.
_CONTACT = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w@])@\w{3,}|(?<![\w-])[\w-]+\.(?:com|io|dev|co|net|org|ie|de|"
    r"fr|nl|no|it|uk|es|pl|se|dk|ch|at|be|cz|jp|in|ng|au|ca|app|studio|design|photo|"
    r"example)\b",
    _I,
)
_PHONE = re.compile(r"(?<![\w/.-])\+?\(?\d[\d ()-]{7,}\d(?![\w/.-])")


# A sentence with an address in it is no referral when it reports work or gives the client an
# instruction: "rough cut delivered on Frame.io", "please send the files to design@...".
_NOT_A_REFERRAL = re.compile(
    r"(?<!\w)(?:delivered|built|approved|uploaded|published|launched|staging|invoice|"
    r"please\s+(?:send|add|forward|pay|transfer|remove)|stored|backups?|authcode|"
    r"download|will\s+stay|stays\s+live)(?!\w)",
    _I,
)


def _contact(sentence: str) -> bool:
    """An e-mail address, web address, @handle or phone number (9+ digits, so not a date)."""
    if isearch(_CONTACT, sentence):
        return True
    return any(sum(c.isdigit() for c in m.group(0)) >= 9 for m in _PHONE.finditer(sentence))


_NAME_PAREN = re.compile(r"(?-i:[A-Z][\w&'’-]+(?:\s+[A-Z][\w&'’-]+)*)\s*\((?-i:[A-Z])")
_NAME_AT = re.compile(
    r"(?-i:[A-Z][\w'’-]+)(?:\s+(?-i:[A-Z][\w'’-]+))?\s+(?:at|from)\s+(?:the\s+)?"
    r"(?-i:[A-Z])|(?:Mr|Mrs|Ms|Dr|Frau|Herr)\.?\s+(?-i:[A-Z])"
)


_MY_PERSON = re.compile(
    r"(?<!\w)my\s+(?:colleague|friend|former\s+\w+|partner|peer|contact)\s+\w+", _I
)


def _named(sentence: str) -> bool:
    if isearch(_MY_PERSON, sentence):
        return True
    if _contact(sentence) or isearch(_NAME_PAREN, sentence) or isearch(_NAME_AT, sentence):
        return True
    for match in _CAP.finditer(sentence):
        word = match.group(0).rstrip(".,'’")
        if match.start() == 0 or word in _STOP_CAPS or len(word) < 2:
            continue
        before = sentence[: match.start()].rstrip()
        if before.endswith((".", "!", "?", ":", "-", "•", "*")) or not before:
            continue
        return True
    return False


_SCOPE_CHANGE = re.compile(
    r"(?<!\w)(?:(?<!the\s)only|just\s+(?:the|do|a(?!\s+(?:pity|shame|thought|note|quick|heads|reminder|bit|"
    r"little|few|matter|question))|one|two|\d)|instead\s+of|"
    r"from\s+\w+(?:[\s-]\w+)?\s+to\s+\w+|cut(?:ting)?\s+(?:back|down|my|our)|reduc\w+|"
    r"scal(?:e|ing)\s+(?:back|down)|limit\w*|part-time|part\s+time|"
    r"scal(?:e|ing)\s+(?:[\w'’]+\s+){1,3}?(?:back|down)\s+to|"
    r"(?<!than\s)(?:I|we|i)\s*(?:['’]ll|['’]d|['’]m|['’]re)?\s*(?:can|could|will|would|be|am|are|"
    r"happy\s+to|glad\s+to|able\s+to|still|also|\s)*\s*(?:continue|keep|stay\s+on|do|offer|"
    r"move\s+you|act|support|be\s+available|remain)|"
    r"(?<!you\s)(?<!they\s)(?:continue|keep|keeping|stay(?:ing)?\s+on|remain\s+available)|"
    r"what\s+(?:I|we)\s+can\s+(?:still\s+)?do|and\s+that['’]s\s+it|reduced\s+scope|"
    r"adjusted\s+timeline|slower\s+timeline|move\s+(?:you|u)\s+(?:from|to)|"
    r"(?:I|we)\s+(?:can|could)\s+(?:also\s+)?(?:still\s+)?(?:complete|finish|do))(?!\w)",
    _I,
)
_SCOPE_QUANTITY = re.compile(
    r"/\s*(?:week|wk|month|mo|session|issue|lesson)\b|"
    r"(?<!\w)(?:\d+(?:[.,]\d+)?\s*(?:-\s*\d+\s*)?(?:h|hrs?|hours?)\b|"
    r"(?:a|per)\s+(?:week|wk|month|mo|session|issue|lesson)\b|"
    r"weekly|monthly|fortnightly|quarterly|annual|yearly|every\s+other\s+(?:week|month)|"
    r"twice\s+a|once\s+a|(?:one|two|three|\d)\s+\w+\s+a\s+(?:week|month)|part-time|"
    r"through\s+\w+|until\s+\w+|by\s+\w+\s+\d|by\s+\d{1,2}(?:st|nd|rd|th)?\s+\w+|one-off|"
    r"if\s+you(?:['’]d|\s+would)?\s+(?:like|want|prefer|need)|on\s+a\s+(?:slower|lighter|reduced)|"
    r"if\s+(?:that['’]s|that\s+is|it['’]s|it\s+is|that\s+would\s+be)\s+(?:useful|helpful)|"
    r"\w+-only|\w+\s+only\b|instead\s+of|"
    r"from\s+\w+(?:[\s-]\w+)?\s+to\s+\w+|that['’]s\s+it|nothing\s+else)",
    _I,
)
_PHASE_OUT = re.compile(
    r"(?<!\w)(?:phase[\s-]?out|transition(?:al)?\s+period|\w+[\s-](?:week|month)\s+transition|"
    r"taper\w*|gradual(?:ly)?|phased\s+(?:handover|transition|exit|wind[\s-]down|approach)|stay\s+on\s+(?:for|through|until|at)|"
    r"remain\s+available\s+(?:to|for|until)|hand\s+over\s+gradually|wind\s+down\s+over|"
    # A later timeline: "push the last two videos to September", "move it into Q3"
    r"(?:push|pushing|move|moving|postpone|postponing|delay|delaying|shift|shifting)\s+"
    r"(?:\w+\s+){0,6}?(?:to|until|into|till)\s+(?:"
    + _MONTHS
    + r"|next\s+\w+|later|q[1-4]|the\s+autumn|the\s+spring|the\s+new\s+year))(?!\w)",
    _I,
)
# A lower frequency is concrete on its own: "could we look at fortnightly lessons?"
_FREQUENCY_CHANGE = re.compile(
    r"(?<!\w)(?:look\s+at|switch(?:ing)?\s+to|mov(?:e|ing)\s+to|go(?:ing)?\s+to|drop(?:ping)?\s+to|"
    r"chang(?:e|ing)\s+to|try|trying)\s+(?:\w+\s+)?(?:fortnightly|monthly|bi-?weekly|quarterly|"
    r"every\s+other\s+(?:week|month)|once\s+a\s+(?:week|month)|twice\s+a\s+month|"
    r"one\s+\w+\s+a\s+(?:week|month)|\d+\s+hours?\s+a\s+(?:week|month))(?!\w)",
    _I,
)
_NOT_A_PATH = re.compile(
    r"(?<!\w)(?:no\s+longer|won['’]t|will\s+not|not\s+(?:be\s+)?(?:continu|renew)|"
    r"don['’]t|do\s+not|stop|ending|end\s+our)",
    _I,
)
# Weighing whether to go on at all is not an offer: "consider whether to continue".
_WHETHER = re.compile(r"(?<!\w)(?:whether|if)\s+(?:to|I|we)\s+(?:\w+\s+){0,2}?continu", _I)


@lru_cache(maxsize=256)
def evidence(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences that offer a concrete path forward: the phrase patterns' and those the
    trained `alternatives` model scores above its threshold."""
    found = set(rule_evidence(text))
    for sentence in sentences(text):
        if classifier.fires("alternatives", sentence.text):
            found.add((sentence.start, sentence.end))
    return tuple(sorted(found))


#: An offer to refer the client on, in the writer's own voice, even without a name: "I'd be happy
#: to connect you with other professionals who might be better suited", "I can recommend a
#: colleague who can meet your needs", "here are two other agencies I trust", "happy to help
#: transition things to another provider". (Telling the client to find someone is not one:
#: "you will need to find new legal representation".)
_OFFERED_REFERRAL = re.compile(
    r"(?<!\w)(?:I|we)(?:['’]d|['’]ll|['’]m|['’]re|\s+would|\s+will|\s+can|\s+could|\s+am|\s+are)?"
    r"\s+(?:be\s+)?(?:(?:more\s+than\s+)?(?:happy|glad|pleased)\s+to\s+)?(?:also\s+)?"
    r"(?:recommend|refer|connect|introduce|put\s+you\s+in\s+touch|"
    r"provide\s+(?:\w+\s+)?(?:recommendations|referrals|names)|suggest|"
    r"help\s+(?:\w+\s+){0,3}?transition\s+(?:\w+\s+){0,3}?to)\s+"
    r"(?:you\s+)?(?:with\s+|to\s+|for\s+)?(?:a\s+|an\s+|some\s+|two\s+|three\s+|a\s+few\s+|"
    r"other\s+|another\s+|alternative\s+|trusted\s+)+(?:[\w-]+\s+)?"
    r"(?:providers?|professionals?|colleagues?|agenc(?:y|ies)|freelancers?|firms?|designers?|"
    r"writers?|developers?|consultants?|specialists?|suppliers?|accountants?|bookkeepers?|"
    r"attorneys?|lawyers?|counsel|therapists?)(?!\w)"
    r"|(?<!\w)here\s+are\s+(?:two|three|a\s+few|some)\s+(?:other\s+)?[\w/]+\s+(?:who|that|I)",
    _I,
)


@lru_cache(maxsize=256)
def rule_evidence(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences the phrase patterns find offering a concrete path forward."""
    found: list[tuple[int, int]] = []
    for sentence in sentences(text):
        body = sentence.text
        referral = (
            (isearch(_REFERRAL_CUE, body) and _named(body))
            or isearch(_INTRODUCE, body)
            or (
                _contact(body)
                and _named(body)
                and len(body.split()) >= 6
                and not isearch(_NOT_A_REFERRAL, body)
            )
        )
        scope = False
        change = isearch(_SCOPE_CHANGE, body)
        rest = body[: change.start()] + " | " + body[change.end() :] if change else ""
        if change and isearch(_SCOPE_QUANTITY, rest) and not isearch(_WHETHER, body):
            # "I will no longer do the weekly sessions" is the decision, not an offer; a
            # scope change alongside it ("only", "instead of", "keep") still counts.
            scope = not isearch(_NOT_A_PATH, body) or bool(
                re.search(r"(?<!\w)(?:only|instead\s+of|keep\w*|continue)(?!\w)", body, _I)
            )
        referral = referral or bool(isearch(_OFFERED_REFERRAL, body))
        if referral or scope or isearch(_PHASE_OUT, body) or isearch(_FREQUENCY_CHANGE, body):
            found.append((sentence.start, sentence.end))
    return tuple(found)


NO_PATH = Rule(
    code="P201",
    principle="alternatives",
    name="no-path-forward",
    message="No path forward: offer a reduced scope, a new timeline, a referral or a phase-out.",
    severity="error",
    scope="document",
    finder=when_missing(evidence),
    patterns=(),
    suggestion=(
        'Offer one concrete option: "If it helps, I can stay on at 8 hours a week through '
        'June", or "I recommend Brightline Studio (hello@brightline.example)".'
    ),
    why=(
        "An abrupt stop leaves the client stranded. The alternatives principle asks for at "
        "least one concrete way forward."
    ),
    examples_fail=(
        "Dear Ms. Keller,\n\nI will no longer accept translation assignments after 15.09.2024. "
        "I'd suggest reaching out to another translator.\n\nTomasz",
        "Hi Sam,\n\nI'm ending our work on 30 June. The rough cut of Episode 44 was delivered "
        "on Frame.io on 3 June.\n\nAna",
    ),
    examples_pass=(
        "Hi Leah,\n\nI'm ending our copy retainer on 30 June. The 8 product pages are done; the "
        "FAQ page is not started. You'll be better served by a writer with more time for your "
        "launch: I recommend Nina Okafor (nina@okafor.example). The final invoice of $1,200 is "
        "due 15 July. I'll send the Docs folder and the style notes on 28 June.\n\nMeg",
    ),
)

EMPTY_FAREWELL = Rule(
    code="P202",
    principle="alternatives",
    name="empty-farewell",
    message="Not a path forward: name a provider or offer an option instead.",
    patterns=(
        bounded(
            r"(?:good|best\s+of|the\s+best\s+of)\s+luck\s+(?:finding|with\s+(?:finding|the\s+"
            r"search|your\s+search)|running|getting|doing)"
            r"|there\s+are\s+(?:many|plenty\s+of|lots\s+of|loads\s+of)\s+(?:good|great|other)?"
            r"\s*(?:\w+\s+)?(?:ones|\w+s)\s+(?:around|out\s+there)"
            r"|(?:find|finding|hire|hiring)\s+(?:someone|somebody)\s+else"
            r"|(?:reach|reaching)\s+out\s+to\s+(?:another|a\s+different|other)\s+\w+"
            r"|(?:any|another)\s+competent\s+\w+"
        ),
        phrases(
            "plenty of fish",
            "I'm sure you'll find someone",
            "I am sure you will find someone",
            "you'll find someone",
        ),
    ),
    suggestion=(
        '"Good luck finding someone" -> "I recommend Studio Nordlys (hello@nordlys.no), who '
        'specialise in packaging; I am glad to introduce you."'
    ),
    why=(
        "Wishing the client luck hands the whole search back to them. The alternatives "
        "principle asks for a concrete path: a named referral, a smaller scope, more time, or "
        "a phase-out."
    ),
    examples_fail=(
        "Wishing you the best of luck finding the right fit!",
        "I'd suggest reaching out to another translator - there are many good ones around.",
        "You can ask any competent architect to finish.",
    ),
    examples_pass=(
        "I recommend Studio Nordlys (hello@nordlys.no); I am glad to introduce you.",
        "Good luck with the launch in June!",
    ),
)

RULES: tuple[Rule, ...] = (NO_PATH, EMPTY_FAREWELL)
