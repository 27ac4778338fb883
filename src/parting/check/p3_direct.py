"""P3xx: the decision is stated plainly, not buried under hedges.

These rules flag the words that soften a decision into a suggestion. One hedge in a warm
sentence is harmless; a decision wrapped in two or three ("I was wondering if maybe at some
point...") reads as an open question, and the client answers it as one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parting.check import classifier
from parting.check.rules import Rule, bounded, phrases
from parting.check.text import Segment, clauses_of, is_greeting, isearch, sentences, when_missing

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

# --- the decision statement -----------------------------------------------------------------
#
# A decision is a clause in which the writer (I, we, our firm, a business name) commits to
# ending or scaling back the work: a subject, then only auxiliaries and commitment words
# ("will", "'m going to", "have decided to", "will therefore"), then a verb of ending ("end",
# "stop", "terminate", "step back", "no longer", "will not renew", "only do"). Other clause
# shapes that state it: "our engagement ends on 31 May", "my last lesson will be 3/15",
# "I'm done", "Not doing this anymore". The decision is *hedged* when its clause carries a
# hedge ("maybe", "probably", "I'm thinking I may", "at some point") or it is a question.

_PROPER = r"(?-i:[A-Z][\w&'’.-]*(?:\s+(?:&\s+)?[A-Z][\w&'’.-]*){0,3})"
_SUBJECT = (
    r"(?:I|we|im|ima|"
    r"(?:our|my|the|this)\s+(?:firm|studio|agency|practice|company|team|office|business|"
    r"partnership|chambers)|" + _PROPER + r")"
)
_AUX_WORD = (
    r"(?:will|shall|would|could|should|might|may|must|can|am|are|is|r|be|been|being|have|has|"
    r"had|do|does|did|not|never|no\s+longer|going\s+to|gonna|got\s+to|need\s+to|needs\s+to|"
    r"have\s+to|has\s+to|had\s+to|decided|decided\s+to|decided\s+that\s+(?:I|we)(?:\s+will)?|"
    r"(?:made|taken|reached)\s+the\s+(?:[\w-]+\s+){0,2}?decision\s+to|regret(?:fully)?|hereby|"
    r"therefore|"
    r"thus|also|now|then|officially|formally|unfortunately|sadly|reluctantly|respectfully|"
    r"just|actually|really|definitely|probably|possibly|perhaps|maybe|kind\s+of|sort\s+of|"
    r"kinda|sorta|wondering\s+if\s+(?:I|we)|thinking\s+(?:that\s+)?(?:I|we)|plan(?:ning)?\s+to|"
    r"intend(?:ing)?\s+to|want\s+to|wanted\s+to|would\s+like\s+to|like\s+to|able\s+to|"
    r"to|won['’]t|wont|can['’]t|cannot|shan['’]t|['’]ll|['’]m|['’]re|['’]ve|['’]d|['’]s|"
    r"n['’]t)"
)
_GAP = rf"(?:\s*{_AUX_WORD}(?!\w)){{0,7}}"
_END_VERB = (
    r"(?:end(?:ing)?(?!\s+(?:of|up|date)\b)|stop(?:ping)?(?!\s+(?:by|in|being)\b)|"
    r"terminat(?:e|ing)|conclud(?:e|ing)|withdraw(?:ing)?|quit(?:ting)?|ceas(?:e|ing)|"
    r"discontinu(?:e|ing)|cancel(?:l?ing)?|wrap(?:ping)?\s+(?:up|things\s+up)|"
    r"finish(?:ing)?\s+up|step(?:ping)?\s+(?:back|away|down)|roll(?:ing)?\s+off|"
    r"wind(?:ing)?\s+(?:down|up)|hand(?:ing)?\s+back|phas(?:e|ing)\s+out|pull(?:ing)?\s+out|"
    r"bow(?:ing)?\s+out|call(?:ing)?\s+it\s+(?:a\s+day|quits|on)|clos(?:e|ing)\s+out|"
    r"finish(?:ing)?\s+(?:my|our)\s+(?:part|work|time|role|involvement|engagement)|"
    r"(?:do(?:ing)?|offer(?:ing)?|provid(?:e|ing)|keep(?:ing)?)\s+only|"
    r"hand(?:ing)?\s+(?:the|this|our|my)\s+(?:\w+\s+)?(?:project|work|account|retainer|"
    r"engagement|contract|role|reins)\s+back|"
    r"bring(?:ing)?\s+(?:\w+\s+){1,4}?to\s+(?:a\s+close|an\s+end)|mov(?:e|ing)\s+on\s+from|"
    r"let(?:ting)?\s+(?:the|our|my|this)\s+(?:\w+\s+)?(?:contract|retainer|agreement|"
    r"subscription|engagement)\s+(?:lapse|expire|run\s+out)|"
    r"resign(?:ing)?(?:\s+(?:as|from))?|decided\s+not\s+to|giv(?:e|ing)\s+up\s+(?:the|my|our|your)\b|"
    r"cut(?:ting)?\s+(?:[\w'’]+\s+){1,3}?(?:back|down)\s+to|"
    r"drop(?:ping)?\s+(?:the|your|my|our)\s+(?:[\w'’-]+\s+){0,4}?(?:from\s+(?:my|our)\s+\w+|"
    r"as\s+of|after|at\s+the\s+end)|"
    r"part(?:ing)?\s+ways|retir(?:e|ing)\s+from|reduc(?:e|ing)|"
    # a business that closes: "EX23 Technical Services is closing down", "we will close our doors"
    r"(?:clos(?:e|ing)|shut(?:ting)?)\s+down(?!\s+(?:the|your|my|our|all|any|access|this|that)\b)|"
    r"(?:clos(?:e|ing)|shut(?:ting)?)\s+(?:our|its|my|the)\s+doors|"
    r"cut(?:ting)?\s+(?:back|down|my|our)|scal(?:e|ing)\s+(?:back|down)|limit(?:ing)?|"
    r"leav(?:e|ing)\s+(?:the|this|our|your)\s+(?:\w+\s+){0,3}?(?:project|team|account|"
    r"engagement|role|position|company|agency|contract|retainer|business)|"
    r"clos(?:e|ing)\s+(?:our|the|my|this)\s+(?:\w+\s+){0,3}?(?:engagement|account|practice|"
    r"project|business|contract|studio|file|relationship)|"
    r"drop(?:ping)?\s+(?:your\s+|the\s+|my\s+|our\s+)?(?:\w+\s+){0,3}?(?:social|support|"
    r"scheduling|services?|work|retainer|tasks?|hours|lessons?|sessions?|contract|management|"
    r"account|ads|bookkeeping|posts?)|"
    r"no\s+longer\s+(?:be\s+)?(?:provid|accept|tak|work|do|offer|continu|able|availab|act|"
    r"represent|support|handl|manag|writ|design|shoot|tutor|teach|coach|edit|translat|in\s+a\s+"
    r"position|your|servic|renew)\w*|"
    r"(?:not|n['’]t|never)\s+(?:be\s+)?(?:renew(?:ing)?|continu(?:e|ing)|"
    r"accept(?:ing)?|tak(?:e|ing)\s+(?:on\s+)?(?:any\s+)?(?:new|further|more|future)|"
    r"do(?:ing)?\s+(?:this|that|it|any)\w*\s+any\s?more|\w+ing\s+(?:\w+\s+){0,4}any\s?more)|"
    r"(?:continu(?:e|ing)|renew(?:ing)?|accept(?:ing)?)(?=\s)|work(?:ing)?\s+(?:for|with)\s+you(?!\w)|"
    r"only\s+(?:be\s+able\s+to\s+)?(?:do(?:ing)?|offer(?:ing)?|provid(?:e|ing)|keep(?:ing)?|"
    r"act(?:ing)?|work(?:ing)?|be\s+doing))"
)
_DECISION_RE = re.compile(rf"(?<![\w'’])({_SUBJECT}){_GAP}\s*{_END_VERB}(?!\w)", re.IGNORECASE)
_DECISION_OTHER = re.compile(
    r"(?<![\w'’])(?:"
    # "our engagement on X ends on 31 May", "the retainer will end on"
    r"(?:our|the|this|my|your)\s+(?:\w+\s+){0,2}(?:engagement|contract|retainer|agreement|"
    r"collaboration|relationship|work|services?|sessions?|lessons?|coaching|support|plan|"
    r"arrangement|partnership)\b[^,;.!?]{0,70}?\b(?:ends|will\s+end|terminates|will\s+terminate|"
    r"concludes|will\s+conclude|will\s+stop|stops|will\s+cease|ceases|comes\s+to\s+an\s+end|"
    r"will\s+be\s+(?:terminated|discontinued|ended|cancell?ed))\b"
    # "my last working day will be", "Aiden's last lesson with me will be 3/15"
    r"|(?:last|final)\s+(?:working\s+day|day|lesson|session|class|shoot|episode|issue)\b"
    r"[^,;.!?]{0,40}?\b(?:will\s+be|is)\b"
    r"|(?:i['’]?m|i\s+am|we['’]?re|we\s+are|i|we)\s+(?:really\s+|just\s+)?(?:not|never)\s+"
    r"(?:going\s+to\s+|gonna\s+)?(?:be\s+)?\w+\s+(?:[\w'’]+\s+){0,5}?any\s?more"
    r"|(?:won['’]t|don['’]t)\s+(?:be\s+)?\w+\s+(?:[\w'’]+\s+){0,5}?any\s?more"
    r"|i['’]?m\s+(?:so\s+)?(?:done|out)(?!\s+(?:with\s+(?:the|this)\s+\w+\s+(?:and|for)|of\s+))"
    r"|not\s+(?:doing|gonna\s+do|going\s+to\s+do)\s+(?:this|that|it)\s+any\s?more"
    r"|^(?:ending|wrapping\s+up|stepping\s+back|finishing\s+up|signing\s+off)\b"
    # "that will be our last event together", "this is my final month on the account"
    r"|(?:will\s+be|is|['’]ll\s+be|['’]s)\s+(?:our|my)\s+(?:very\s+)?(?:last|final)\s+"
    r"(?:working\s+)?(?:day|week|month|term|year|season|lesson|session|class|shoot|event|issue|"
    r"episode|edition|project|job|sprint|quarter|show|gig|one)\b"
    # "this is my notice", "please take this as our formal notice"
    r"|(?:this\s+is|consider\s+this|take\s+this\s+as)\s+(?:my|our)\s+(?:formal\s+|official\s+|"
    r"written\s+)?notice"
    # "... and not continue into the next phase", "and not renew for Q4"
    r"|\band\s+not\s+(?:continu|renew|tak)\w*"
    # "I'm not going to be able to design the album after all"
    r"|not\s+(?:going\s+to\s+be\s+)?able\s+to\s+[^.;,]{1,40}?\bafter\s+all"
    r"|(?:i['’]?m|i\s+am|we['’]re|we\s+are)\s+not\s+(?:\w+ing|putting\s+in)\s+(?:another|"
    r"one\s+more)\b"
    # how lawyers and accountants say it: "this letter concludes our engagement", "our
    # representation of you is now concluded", "the purpose of this letter is to end ..."
    r"|(?:this\s+(?:letter\s+|e-?mail\s+)?|which\s+)(?:concludes|ends|terminates)\s+"
    r"(?:our|my)\s+(?:engagement|representation|work|services?|relationship|contract|"
    r"agreement|retainer)"
    r"|(?:our|my)\s+(?:engagement|representation|relationship|contract|agreement|retainer)"
    r"(?:\s+[\w'’]+){0,4}?\s+(?:is|has\s+been|will\s+be)\s+(?:now\s+)?(?:concluded|"
    r"terminated|ended|at\s+an\s+end)"
    r"|(?:purpose|point)\s+of\s+this\s+(?:letter|e-?mail|note|message)\s+is\s+to\s+"
    r"(?:end|terminate|conclude|withdraw)\b"
    # an offboarding letter: "the purpose of this letter is to assist with your transition
    # from us to your new IT provider"
    r"|(?:purpose|point)\s+of\s+this\s+(?:letter|e-?mail|note|message)\s+is\s+to\s+"
    r"(?:\w+\s+){0,3}?(?:your|the)\s+transition\s+(?:from|away\s+from|to\s+(?:a|your)\s+new)\b"
    r"|^decision\s*:)",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"(?<!\w)(?:maybe|perhaps|possibly|probably|(?-i:might|may)|wonder(?:ing)?|"
    r"not\s+(?:entirely\s+|totally\s+|really\s+)?sure|at\s+some\s+point|kind\s+of|sort\s+of|"
    r"kinda|sorta|\w+-ish|i\s+guess|thinking|considering|no\s+rush|no\s+pressure|"
    r"if\s+(?:that['’]s|that\s+is)\s+ok(?:ay)?|nothing\s+is\s+settled)(?!\w)",
    re.IGNORECASE,
)
_PRONOUNS = frozenset({"i", "we", "im", "ima"})
_COMMIT = re.compile(r"(?<!\w)(?:will|shall|decided|going\s+to|is|are|has|have)(?!\w)", re.I)
_CONTINUE = re.compile(
    r"(?<!dis)(?:continu(?:e|ing)|renew(?:ing)?|accept(?:ing)?)$|work(?:ing)?\s+(?:for|with)\s+you$",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"(?<!\w)(?:not|never|no\s+longer)(?!\w)|n['’]t(?!\w)", re.IGNORECASE)
_GAP_HEDGE = re.compile(r"(?<!\w)(?:could|would|should|['’]d)(?!\w)", re.IGNORECASE)


_CONDITION = re.compile(
    r"(?<!\w)(?:if|unless)\s[^,;]*,\s*(?:then\s+)?$|(?<!\w)either(?!\w)|(?<!\w)or\s*$"
    r"|(?<!\w)(?:if|unless|once|whether)\s+$",
    re.IGNORECASE,
)


def _conditional(clause: str, start: int) -> bool:
    """True when the decision at `start` is only the consequence of a condition on the
    client ("if the cancellations carry on, I'll stop", "either you sign or I'm out"), or is
    itself the condition ("if we do wrap up, ...")."""
    return isearch(_CONDITION, clause[:start]) is not None


@lru_cache(maxsize=256)
def decisions(text: str) -> tuple[tuple[Segment, bool], ...]:
    """Every clause of `text` that states the decision, with True when it is hedged: the
    phrase patterns' clauses, and the sentences the trained `decision` model scores above its
    threshold where the patterns found none (hedged when they hold a hedge or ask)."""
    found = list(rule_decisions(text))
    for sentence in sentences(text):
        if is_greeting(sentence) or any(
            sentence.start <= clause.start < sentence.end for clause, _ in found
        ):
            continue
        if classifier.fires("decision", sentence.text):
            found.append((sentence, hedged_sentence(sentence.text)))
    return tuple(sorted(found, key=lambda item: item[0].start))


def hedged_sentence(sentence: str) -> bool:
    """A sentence that holds a hedge or asks a question."""
    return bool(isearch(_HEDGE, sentence) or sentence.rstrip(" 🙂😊)").endswith("?"))


def rule_evidence(text: str) -> tuple[tuple[int, int], ...]:
    """The plain decision clauses the phrase patterns find."""
    return tuple((c.start, c.end) for c, hedged in rule_decisions(text) if not hedged)


@lru_cache(maxsize=256)
def rule_decisions(text: str) -> tuple[tuple[Segment, bool], ...]:
    """Every clause the phrase patterns find stating the decision, with True when hedged."""
    found: list[tuple[Segment, bool]] = []
    for sentence in sentences(text):
        if is_greeting(sentence):
            continue
        question = sentence.text.rstrip(" 🙂😊)").endswith("?")
        for clause in clauses_of(sentence):
            hedged: bool | None = None
            position = 0
            while match := isearch(_DECISION_RE, clause.text, position):
                position = match.start() + 1
                if _conditional(clause.text, match.start()):
                    continue  # "Either you sign by Monday or I'm out": a threat, not a decision
                gap = clause.text[match.end(1) : match.end()]
                subject = match.group(1)
                if (
                    subject[:1].isupper()
                    and subject.lower() not in _PRONOUNS
                    and (not isearch(_COMMIT, gap))
                ):
                    continue  # "Sentences stop halfway": a noun, not a business, as subject
                if isearch(_CONTINUE, gap) and not isearch(_NEGATION, gap):
                    continue  # "I will continue", "we will accept": not an ending
                this = bool(isearch(_HEDGE, clause.text) or isearch(_GAP_HEDGE, gap) or question)
                hedged = this if hedged is None else hedged and this
            if hedged is None:
                other = isearch(_DECISION_OTHER, clause.text)
                if other is not None and not _conditional(clause.text, other.start()):
                    hedged = bool(isearch(_HEDGE, clause.text) or question)
            if hedged is not None:
                found.append((clause, hedged))
    return tuple(found)


def evidence(text: str) -> tuple[tuple[int, int], ...]:
    """The plain (unhedged) decision clauses: the evidence that the draft is direct."""
    return tuple((c.start, c.end) for c, hedged in decisions(text) if not hedged)


def _hedged_decision(text: str) -> list[tuple[int, int]]:
    found = decisions(text)
    if any(not hedged for _, hedged in found):
        return []
    return [(c.start, c.end) for c, _ in found]


def _buried_decision(text: str) -> list[tuple[int, int]]:
    plain = evidence(text)
    if not plain:
        return []
    body = [s for s in sentences(text) if not is_greeting(s)]
    first = plain[0][0]
    before = sum(1 for s in body if s.end <= first)
    if before >= 4 and before >= len(body) / 2:
        return [plain[0]]
    return []


HEDGED_DECISION = Rule(
    code="P305",
    principle="direct",
    name="hedged-decision",
    message="The decision is only ever stated with a hedge or as a question.",
    severity="error",
    scope="document",
    finder=_hedged_decision,
    patterns=(),
    suggestion=(
        'Say it once without the hedge: "I think I may have to step back at some point" -> '
        '"I am stepping back from the project on <date>."'
    ),
    why=(
        "A hedged decision reads as an open question, and the client answers it as one. The "
        "direct principle needs the decision stated plainly at least once."
    ),
    examples_fail=(
        "Hi Tom,\n\nI was wondering if maybe we could wrap things up at some point?\n\nBest,\nAna",
        "I'm thinking I may have to step back from the project this summer.",
        "I'll probably need to roll off the checkout project end of next week-ish.",
    ),
    examples_pass=(
        "Hi Priya,\n\nI am ending our design retainer on 28 June. The brand guidelines and the "
        "12 social templates are finished and in our shared Figma; the packaging redesign is "
        "not started. A studio with packaging specialists will serve you better than I can: "
        "I recommend Studio Nordlys (hello@nordlys.no). My final invoice of $1,200 is due on "
        "12 July. I will transfer the Figma files to your account on 28 June.\n\nKasia",
    ),
)

NO_DECISION = Rule(
    code="P306",
    principle="direct",
    name="no-decision",
    message="No decision: the draft never says that the work ends or is scaled back.",
    severity="error",
    scope="document",
    finder=when_missing(decisions),
    patterns=(),
    suggestion='Add the decision as its own sentence: "I am ending our engagement on <date>."',
    why=(
        "A message that only hints ('I have been reflecting on our work') leaves the client to "
        "guess. The direct principle asks for the decision in plain words."
    ),
    examples_fail=(
        "Hi Laura! Things are a bit crazy on my side, so I might not be around as much. Hope "
        "you're well.",
        "Dear Sophie,\n\nI've been reflecting a lot on our sessions lately. Let's catch up over "
        "coffee.\n\nAnna",
    ),
    examples_pass=(
        "Hi Leah,\n\nI'm ending our copy retainer on 30 June. The 8 product pages are done; the "
        "FAQ page is not started. You'll be better served by a writer with more time for your "
        "launch: I recommend Nina Okafor (nina@okafor.example). The final invoice of $1,200 is "
        "due 15 July. I'll send the Docs folder and the style notes on 28 June.\n\nMeg",
        "Dear Mr Hale,\n\nThis letter concludes our engagement as your accountants on 30 "
        "June. The 2025 accounts are filed; the Q2 VAT return is not started. A firm with a "
        "payroll team will serve your two shops better, and it lets us focus on sole traders. "
        "I recommend Fenwick & Co (hello@fenwick.example). Our final invoice of £800 is due "
        "14 July. On 28 June we will send you the ledgers and hand over the Xero login."
        "\n\nMarta Ruiz",
    ),
)

BURIED_DECISION = Rule(
    code="P307",
    principle="direct",
    name="buried-decision",
    message="Buried decision: it comes only after half the letter.",
    scope="document",
    finder=_buried_decision,
    patterns=(),
    suggestion="Move the decision and its date to the first paragraph, then explain.",
    why=(
        "A client who reads three paragraphs of preamble braces for bad news without knowing "
        "what it is. Lead with the decision; the reasons read better after it."
    ),
    examples_fail=(
        "Dear Ms. Hartmann,\n\nIt has been a pleasure to assist Hartmann Bakeries since 2016. "
        "Your business has changed a great deal. Our own firm has also changed. Two of our "
        "senior staff retired last year. We have decided that we will not continue as your "
        "accountants after 31 March 2025.\n\nGerhard",
    ),
    examples_pass=(
        "Hi Leah,\n\nI'm ending our copy retainer on 30 June. The 8 product pages are done; the "
        "FAQ page is not started. You'll be better served by a writer with more time for your "
        "launch: I recommend Nina Okafor (nina@okafor.example). The final invoice of $1,200 is "
        "due 15 July. I'll send the Docs folder and the style notes on 28 June.\n\nMeg",
    ),
)

RULES: tuple[Rule, ...] = (
    HEDGE_WORD,
    TENTATIVE_DECISION,
    VAGUE_TIMING,
    NONCOMMITTAL,
    HEDGED_DECISION,
    NO_DECISION,
    BURIED_DECISION,
)
