"""P5xx: no personal attack, insult, blame, sarcasm or passive aggression toward the client.

Taking one's own share of blame is fine ("I underestimated the payments work"), and so is
stating money facts ("invoice 44 is 30 days overdue"): these rules look for the second person
(you, your team) paired with fault, for insults, and for the stock phrases of sarcasm.
"""

from __future__ import annotations

import re

from parting.check import classifier
from parting.check.rules import Rule, bounded, check_text, phrases
from parting.check.text import clauses, sentences


def sentence_around(text: str, start: int) -> str:
    """The sentence that holds `start`; with the sentence before it when it is only a word or
    two (a trailing "😉" or "Sure." is read with what it comments on)."""
    found = sentences(text)
    for index, sentence in enumerate(found):
        if sentence.start <= start < sentence.end:
            if index and len(sentence.text.split()) < 3:
                return text[found[index - 1].start : sentence.end]
            return sentence.text
    return text


def _tone_agrees(text: str, start: int, end: int) -> bool:
    """Whether the tone model finds the sentence around `start` likely enough a dig
    (`Model.confirm_at`) for a phrase finding in it to stand. It is the `confirm` of the rules
    whose cues are common in sincere prose too ("I'm sure you'll find someone great", "as
    usual, net 30", "obviously your call", "I can't keep up with the volume"), where the model
    disagrees; "you never/seldom ...", insults, "per my last email", lecturing, ultimatums,
    comparisons and guilt trips are specific enough to stand alone. The level is chosen with
    the threshold by scripts/train_check_models.py, on held-out letter sets
    (docs/check-models.md)."""
    model = classifier.load("respect")
    if model.confirm_at <= 0.0:
        return True
    return model.score(sentence_around(text, start)) >= model.confirm_at


# Who the blame is aimed at: the client, or the client's people.
_YOU = (
    r"(?:you|ur|your\s+(?:own\s+)?(?:team|staff|people|developers?|devs?|designers?|managers?|"
    r"employees|colleagues|department|company|office|organi[sz]ation|side|end|boss|assistant|"
    r"feedback|replies|approvals?|board|committee)"
    r"(?:['’]s)?)"
)
_ADVERBS = (
    r"(?:\s+(?:still|constantly|repeatedly|continually|just|simply|again|also|then|clearly))*"
)
_FAULT_VERBS = (
    r"(?:missed|failed|forgot|ignored|ignore|ignores|refused|refuse|refuses|botched|blew|"
    r"messed\s+up|screwed\s+up|dropped\s+the\s+ball|ruined|wasted|broke)"
)

SECOND_PERSON_BLAME = Rule(
    code="P501",
    principle="respectful",
    name="second-person-blame",
    message="Blame: this points at the client or their team.",
    patterns=(
        # "you failed to", "your team missed", "you've ignored", "your staff constantly ignore"
        bounded(rf"{_YOU}(?:['’]ve|\s+have|\s+has){_ADVERBS}\s+{_FAULT_VERBS}"),
        bounded(rf"{_YOU}{_ADVERBS}\s+{_FAULT_VERBS}"),
        # "you never reply", "your team always changes", "you keep ignoring"
        bounded(
            rf"{_YOU}(?:['’]ve|\s+have|\s+has)?\s+(?:never|always|constantly|rarely|seldom|"
            r"hardly\s+ever|barely)(?:\s+\w+)?"
            rf"|{_YOU}\s+(?:keep|keeps|kept)\s+\w+ing"
        ),
        # "your team still hasn't", "you still don't"
        bounded(
            rf"{_YOU}\s+still\s+(?:haven['’]t|hasn['’]t|have\s+not|has\s+not|don['’]t|"
            r"doesn['’]t|do\s+not|does\s+not|can['’]t|won['’]t)"
        ),
        phrases(
            "because of you",
            "because of your team",
            "your fault",
            "your own fault",
            "your team's fault",
            "you're to blame",
            "you are to blame",
            "you blame me",
            "you blamed me",
            "you blame us",
            "you blamed us",
        ),
        # Negative evaluation of the client's people or inputs: "your feedback was always
        # late", "you have been hard to reach", "your team doesn't understand"
        bounded(
            r"(?:your|ur)\s+(?:\w+\s+)?(?:feedback|replies|responses|approvals?|answers|"
            r"communication|instructions|briefs?|payments|team|staff|people|developers|side|"
            r"decisions|comments|notes)\s+(?:was|were|has\s+been|have\s+been|is|are)\s+"
            r"(?:always\s+|often\s+|consistently\s+|constantly\s+|frequently\s+|usually\s+|"
            r"so\s+|very\s+|pretty\s+|rather\s+|quite\s+)?(?:late|slow|unclear|vague|inconsistent|"
            r"contradictory|confusing|unreliable|poor|patchy|sporadic|erratic|unhelpful|"
            r"unresponsive|hard\s+to\s+(?:reach|follow|pin\s+down))"
            r"|(?<!if\s)(?<!when\s)you(?:['’]ve\s+been|\s+have\s+been|\s+were|\s+are|['’]re)\s+"
            r"(?:always\s+|often\s+|so\s+|very\s+|quite\s+|rather\s+|consistently\s+)?(?:late|slow|"
            r"unresponsive|unreachable|hard\s+to\s+(?:reach|pin\s+down|please)|indecisive|"
            r"inconsistent|disorganised|disorganized|demanding)"
            rf"|{_YOU}\s+(?:clearly\s+|simply\s+|just\s+|still\s+)?(?:don['’]t|doesn['’]t|didn['’]t|"
            r"do\s+not|does\s+not|did\s+not)\s+(?:seem\s+to\s+|really\s+)?(?:understand|grasp|"
            r"get\s+it|care|value|respect|appreciate|know\s+what)"
        ),
        # "your team treated deadlines as suggestions"; passive blame: "I was never given"
        bounded(
            r"treat(?:ed|s)?\s+(?:\w+\s+){0,2}?as\s+(?:suggestions?|optional|a\s+suggestion|"
            r"guidelines|negotiable)"
            r"|(?:I|we)\s+(?:was|were)\s+never\s+(?:once\s+)?(?:given|sent|told|provided|shown|"
            r"paid|consulted|asked)"
            r"|(?:you|for)\s+finally\s+(?:paying|replying|getting\s+back|responding|answering|"
            r"sending|signing|reading)"
            r"|(?:you|your\s+\w+)\s+finally\s+(?:paid|replied|responded|answered|sent|signed|"
            r"approved|read)"
        ),
        # "considering how rarely feedback arrived", "given how late the approvals came"
        bounded(
            r"(?:considering|given|seeing)\s+how\s+(?:rarely|seldom|little|late|slowly|badly|"
            r"poorly|often\s+(?:the|your|you))"
        ),
        # "followed your developers pushing it live without the redirect map I'd sent them"
        bounded(
            r"without\s+(?:the|my|our|any\s+of\s+the)\s+(?:[\w-]+\s+){0,3}?(?:I|we)(?:['’]d|\s+had)?"
            r"\s+(?:sent|provided|given|prepared|shared|written|asked\s+for|recommended|supplied)"
        ),
        # "your habit of changing", "your team's tendency to"
        bounded(rf"{_YOU}\s+(?:habit|tendency)\s+(?:of|to)"),
        # "nobody there listens", "no one on your side reads"
        bounded(
            r"(?:no\s+one|nobody)\s+(?:there|over\s+there|on\s+your\s+(?:end|side|team)|"
            r"(?:in|at)\s+your\s+(?:team|office|company))"
        ),
        # "if you had listened", "if only you'd replied"
        bounded(
            r"if\s+(?:only\s+)?you(?:['’]d|\s+had)\s+(?:just\s+|only\s+|ever\s+)?"
            r"(?:listened|replied|responded|answered|read|approved|paid|followed|sent|done)"
        ),
        # The failing as a noun: "your failure to cooperate", "your breach of our contract",
        # "your repeated refusal to", "your behaviour toward my staff"
        bounded(
            r"(?:your|ur)\s+(?:own\s+|repeated\s+|continued\s+|ongoing\s+|persistent\s+|"
            r"constant\s+|material\s+)?(?:failures?|refusals?|unwillingness|breach(?:es)?|"
            r"negligence|non-?payment|misconduct|disregard)\s+(?:to|of|for)"
            r"|(?:your|ur)\s+(?:behaviou?r|conduct|attitude|tone|rudeness)\s+(?:toward|towards|to|"
            r"with)\s+(?:me|us|my|our)"
        ),
        # Attacks on the writer's standing: "you have chosen to challenge my professionalism"
        bounded(
            r"(?:you|your\s+\w+)(?:['’]ve|\s+have|\s+has)?\s+(?:(?:chosen|decided|continued|"
            r"seen\s+fit)\s+to\s+)?(?:challeng|question|undermin|attack|disparag|insult|impugn)"
            r"(?:e|es|ed|ing|s)?\s+(?:my|our)\s+(?:professionalism|competence|integrity|expertise|"
            r"credibility|character|honesty|reputation)"
        ),
    ),
    exceptions=(
        # Kind or neutral uses of "never"/"always"/"keep".
        bounded(
            rf"{_YOU}(?:['’]ll|\s+will)?\s+(?:never|rarely|seldom)\s+(?:need|have\s+to|had\s+to|know|hesitated|"
            r"failed\s+to\s+(?:impress|surprise|amaze))"
        ),
        bounded(
            rf"{_YOU}(?:['’]ve|\s+have|\s+has)?\s+always\s+(?:been|paid(?!\s+late)|made|treated|welcomed|"
            r"supported|given|gave|brought|respected|trusted|encouraged|listened|answered|"
            r"responded|known|knew|found|shown|showed|had\s+my\s+back|understood|wanted\s+the\s+best)"
        ),
        # Praise by double negative: "your team never missed a payment", "you've never once
        # let me down", "you've never been anything but kind"
        bounded(
            rf"{_YOU}(?:['’]ve|\s+have|\s+has)?\s+never\s+(?:once\s+)?(?:missed|failed\s+to\s+\w+|"
            r"forgot|been\s+(?:anything\s+but|late|unkind|rude|difficult)|let\s+(?:me|us)\s+down|"
            r"complained|disappointed|paid\s+late|questioned)"
        ),
        # "in case you missed it", "if you missed the call"
        bounded(
            rf"(?:in\s+case|if|unless|whether)\s+{_YOU}(?:\s+have)?\s+(?:missed|forgot|failed)"
        ),
    ),
    suggestion=(
        'Describe the situation, not the person, or take your share: "your team missed every '
        'deadline" -> "the timeline no longer works for either of us".'
    ),
    why=(
        "Blame makes the client defend themselves instead of planning the handover. The "
        "respectful principle allows taking one's own share of blame, not assigning theirs."
    ),
    examples_fail=(
        "Your team missed every deadline this quarter.",
        "You failed to send the content on time.",
        "You never reply to my emails.",
        "You always change the brief after sign-off.",
        "You keep asking for one more round of changes.",
        "Your staff have repeatedly ignored our advice.",
        "The launch slipped because of you.",
        "It is your fault that the launch slipped.",
        "Nobody there reads the reports.",
        "Your team's habit of approving work late made planning hard.",
        "Your board rarely read the monthly reports.",
        "Your answers were often late and hard to follow.",
        "The office treated our deadlines as optional.",
        "I was never given the access I asked for.",
        "Thanks for finally sending the logo.",
        "You have been very hard to reach since May.",
        "Your team doesn't seem to understand what a sprint is.",
        "The site was finished on time, considering how rarely approvals came back.",
        "The outage came after your staff changed the servers without the checklist I had sent.",
        "If you had listened, we would be finished by now.",
        "Your team still hasn't provided the design files.",
        "The primary difficulty has been your failure to cooperate with the care plan.",
        "This termination results from your breach of our contract.",
        "Your behaviour toward my staff has made the sessions impossible.",
        "You have chosen to challenge my professionalism in front of your board.",
    ),
    examples_pass=(
        "I missed my estimates on the ordering module, and I am sorry for that.",
        "Invoice 44 for $1,200 is 30 days overdue.",
        "Your team will receive the files on Friday.",
        "You will never need to ask me for a password: everything is in the shared vault.",
        "You have always been generous with your time.",
        "Your team has always been quick to help.",
        "You will rarely need to touch the server settings.",
        "Your team never missed a payment in three years.",
        "You've never been anything but patient with me.",
        "In case you missed it, the files are on the shared drive.",
        "Your team keeps full ownership of the repository.",
        "Your team kept the launch on schedule.",
        "Given how much the shop has grown, a bigger agency makes sense.",
        "Your payments have always been prompt.",
        "I was never once worried about being paid.",
        "The site is finally live, and it looks great.",
        "If you are late for the call, I'll wait ten minutes.",
        "I finished the migration without the extra budget we had discussed.",
        "The roadmap has grown into a full e-commerce platform that needs a dedicated "
        "back-end team.",
        "The failure of the old server cost us both a week.",
        "If you question my estimate, I am glad to walk you through it.",
        "Your attitude to risk is a matter for your board.",
    ),
)

INSULT = Rule(
    code="P502",
    principle="respectful",
    name="insult",
    message="Insult or contempt: leave it out.",
    severity="error",
    patterns=(
        phrases(
            "incompetent",
            "incompetence",
            "disorganised",
            "disorganized",
            "disorganisation",
            "disorganization",
            "chaotic",
            "sloppy",
            "careless",
            "inept",
            "amateur hour",
            "half-baked",
            "unprofessional",
            "amateurish",
            "clueless",
            "useless",
            "lazy",
            "idiot",
            "idiots",
            "idiotic",
            "stupid",
            "stupidity",
            "moron",
            "moronic",
            "pathetic",
            "ridiculous",
            "absurd",
            "nonsense",
            "sucker",
            "rude",
            "disrespectful",
            "abusive",
            "toxic",
            "a joke",
            "bullshit",
            "crap",
            "crappy",
            "shit",
            "shitty",
            "wtf",
            "I don't care",
            "your manners",
            "complete mess",
            "total mess",
            "absolute mess",
            "utter mess",
            "nightmare client",
            "driving me nuts",
            "driving me crazy",
            "driving me mad",
            "driving me up the wall",
            "drove me nuts",
            "drove me crazy",
            "drove me mad",
        ),
        # "impossible to work with", "difficult to deal with"
        bounded(r"(?:impossible|difficult|hard|painful|a\s+nightmare)\s+to\s+(?:work|deal)\s+with"),
        # "waste of my time", "waste of our time"
        bounded(r"(?:a\s+)?(?:complete\s+|total\s+)?waste\s+of\s+(?:my|our)\s+time"),
        # "you lack the skills", "beyond your abilities", "within your grasp"
        bounded(
            r"lack(?:s|ed)?\s+the\s+(?:skills?|competence|ability|abilities|intelligence|sense)"
            r"|(?:beyond|within)\s+your\s+(?:grasp|abilities|capabilities|competence)"
        ),
        bounded(r"f+u+c+k+\w*"),
        # "is apparently beyond your accounts department", "clearly beyond you"
        bounded(
            r"(?:is|was|are|were|seems?|seemed)\s+(?:\w+\s+)?beyond\s+(?:you|your|ur|them|their)\b"
        ),
        # Mocking the client's taste or judgement: "someone who thinks ...".
        bounded(
            r"(?:someone|somebody|anyone|people|a\s+client|clients)\s+who\s+(?:thinks?|believes?)"
        ),
    ),
    exceptions=(
        # Own failings: "I was disorganised", "my careless mistake".
        bounded(
            r"(?:I\s+(?:was|am|have\s+been|got)|I['’](?:m|ve\s+been)|my(?:\s+own)?)\s+(?:\w+\s+){0,2}?"
            r"(?:disorgani[sz]ed|chaotic|sloppy|careless|inept)"
        ),
        # Own failings listed after a first-person subject, with no "your"/"they are" in between:
        # "I've been letting you down lately, with slow replies and sloppy work".
        bounded(
            r"(?:I\s+(?:was|am|have\s+been|got)|I['’](?:m|ve\s+been)|I['’]ve|I\s+have)"
            r"(?:\s+(?!(?:your|ur|you['’]re|they|their|he|she|is|are|were)\b)[\w,]+){0,10}?\s+"
            r"(?:disorgani[sz]ed|chaotic|sloppy|careless)"
        ),
        # Technical terms: "lazy loading", "lazy-loaded images".
        bounded(r"lazy[\s-]+load\w*"),
    ),
    suggestion=(
        "Remove the insult; if a problem matters for the handover, state it as a neutral fact "
        '("the spec changed five times") without judging the person.'
    ),
    why=(
        "An insult ends the relationship badly, can be forwarded, and will be remembered long "
        "after the handover. The respectful principle rules out personal attacks."
    ),
    examples_fail=(
        "Your developers are incompetent.",
        "The sign-off process on your side was chaotic from start to finish.",
        "Answering emails within a week is apparently beyond your office.",
        "I can't keep building pages for someone who thinks a logo is a strategy.",
        "Frankly, the way you run meetings is unprofessional.",
        "You are impossible to work with.",
        "Three months of this nonsense is enough.",
        "The constant changes were driving me crazy.",
        "These meetings have been a waste of my time.",
        "You lack the skills to run this project yourself.",
    ),
    examples_pass=(
        "I underestimated how long the payments work would take.",
        "The spec changed five times in March, so the estimate no longer holds.",
        "Invoice 44 is 30 days overdue; please pay it by 15 June.",
        "The handover call will take about an hour of your time.",
        "The gallery now uses lazy-loaded images.",
        "I was disorganised in March, and the report slipped by a week.",
        "I've been letting you down lately, with late drafts and sloppy proofreading.",
    ),
)

SARCASM = Rule(
    code="P503",
    principle="respectful",
    confirm=_tone_agrees,
    name="sarcasm",
    message="Sarcasm: it reads as a jab.",
    patterns=(
        phrases(
            "obviously",
            "per my last email",
            "per my previous email",
            "thanks for nothing",
            "good luck with that",
            "surprise, surprise",
            "what a surprise",
            "shocking, I know",
            "in your world",
            "lol",
            "lmao",
            "🙄",
            "🙃",
        ),
        # "clearly you don't", "you clearly think"
        bounded(r"clearly\s+(?:you|your)|you\s+clearly"),
        # "since apparently nobody reads", "apparently you think"
        bounded(
            r"(?:(?:since|because|as)\s+)apparently"
            r"|apparently\s+(?:you|your|nobody|no\s+one|(?:the\s+)?\w+\s+(?:is|are|was|were)"
            r"\s+(?:optional|a\s+suggestion|not\s+a\s+priority))"
            r"|apparently\s+(?:isn['’]t|aren['’]t|wasn['’]t|weren['’]t|doesn['’]t|don['’]t|"
            r"didn['’]t|never|not)"
        ),
        # A curt verdict on a hope: "Clearly it didn't.", "Evidently not."
        bounded(
            r"(?:clearly|evidently|apparently|obviously)\s+(?:it|that|this|they|he|she|nobody|"
            r"no\s+one|not)(?:\s+(?:didn['’]t|doesn['’]t|wasn['’]t|isn['’]t|won['’]t|hasn['’]t|"
            r"haven['’]t|did\s+not|does\s+not|was\s+not|is\s+not|(?:did|does|was|is)\s+not)"
            r"(?:\s+\w+)?)?(?=\s*[.!])"
        ),
        # "It's obvious the committee has a lot on its plate", "to say the least"
        bounded(
            r"it['’]s\s+obvious|it\s+is\s+obvious|to\s+say\s+the\s+least|to\s+put\s+it\s+mildly"
        ),
        # "per my last three emails", "as per my earlier message"
        bounded(
            r"(?:as\s+)?per\s+my\s+(?:last|previous|earlier|prior)(?:\s+\w+)?\s+"
            r"(?:e-?mails?|messages?|notes?|mails?|letters?)"
        ),
        # "as I've said before", "as I have explained several times", "as I mentioned"
        bounded(
            r"as\s+I(?:['’]ve|\s+have)?\s+(?:already\s+)?"
            r"(?:said|mentioned|explained|pointed\s+out|told\s+you|stated|noted|stressed)"
            r"(?:\s+(?:before|previously|repeatedly|several\s+times|many\s+times|a\s+few\s+times|"
            r"more\s+than\s+once|at\s+least\s+\w+\s+times|(?:in\s+)?(?:\w+\s+)?"
            r"(?:previous|earlier)\s+(?:e-?mails|messages)))?"
        ),
        # Scare quotes around a lowercase word: your 'senior' developer, the 'final' version.
        bounded(r"""['‘"“](?-i:[a-z]+(?:-[a-z]+)?)['’"”]"""),
    ),
    exceptions=(
        # Reporting what one said on a call is neutral: "as I mentioned on our call".
        bounded(
            r"as\s+I(?:['’]ve|\s+have)?\s+(?:already\s+)?(?:said|mentioned|explained|told\s+you)"
            r"\s+(?:on|during|in|at)\s+(?:our|the|my)\s+(?:call|meeting|chat|conversation)"
        ),
    ),
    suggestion=(
        'Say it straight or leave it out: "as I\'ve said before, the deadline was Friday" -> '
        '"the deadline was Friday".'
    ),
    why=(
        "Sarcasm and reminders of what was 'already said' signal contempt even when every word "
        "is polite; the respectful principle rules them out."
    ),
    examples_fail=(
        "Obviously the brief was not read.",
        "Clearly you didn't read my last update.",
        "Per my last email, the files are on the drive.",
        "As I've said before, the deadline was Friday.",
        "Apparently the deadline was optional.",
        "Since apparently nobody reads the brief, I'll keep this short.",
        "Testing apparently isn't part of the process.",
        "Your 'senior' developer broke the build again.",
        "I hoped the extra hours would be noticed. Clearly not.",
        "The new process was a change, to put it mildly.",
    ),
    examples_pass=(
        "The brief changed twice in March, which moved the deadline.",
        "As I mentioned on our call, the files are on the drive.",
        "The 'Summer Sale' campaign is live.",
        "The final version is in the shared folder.",
        "Clearly labelled folders make the handover easier.",
    ),
)

PASSIVE_AGGRESSION = Rule(
    code="P504",
    principle="respectful",
    name="passive-aggression",
    message="Passive aggression: the politeness carries a jab.",
    patterns=(
        # "I'm sure it was just an oversight"
        bounded(
            r"I['’]m\s+sure\s+(?:it|that|this)(?:['’]s|\s+is|\s+was)\s+(?:just\s+|only\s+|simply\s+)?"
            r"(?:an?\s+)?(?:oversight|honest\s+mistake|mistake|accident|not\s+intentional|"
            r"unintentional|coincidence)"
        ),
        # "I'm sure you did what you could", "your team did their best"
        bounded(
            r"(?:you|your\s+team|they)\s+(?:did|tried)\s+(?:your|their)\s+best"
            r"|(?:did|doing)\s+what\s+(?:you|they)\s+could"
        ),
        phrases(
            "no offense",
            "no offence",
            "with all due respect",
            "not to be rude",
            "I don't mean to be rude",
            "just saying",
            "for once",
            "which is more than I can say",
            "more than I can say for you",
            "when you feel like it",
            "when I feel like it",
            "if I feel like it",
            "when I get around to it",
            "when I get round to it",
            "for future reference",
            "if you can be bothered",
            "must be nice",
            "I'll spell it out",
            "let me spell it out",
            "I would remind you",
            "I would gently remind you",
            "I'd remind you",
            "I'd gently remind you",
            "I know it's hard for you",
        ),
        # "not everyone is cut out for", "isn't everyone's strong suit", "some people just"
        bounded(
            r"not\s+everyone\s+is\s+(?:cut\s+out|comfortable|good|suited|able)"
            r"|(?:is\s+not|isn['’]t)\s+everyone['’]s\s+(?:strong\s+suit|forte|area|cup\s+of\s+tea)"
            r"|(?:I\s+know\s+)?(?:some|certain)\s+(?:people|clients)\s+(?:just|simply|seem\s+to|"
            r"aren['’]t|are\s+not|don['’]t|do\s+not|can['’]t)"
        ),
        # "try to pay on time", "try to pay this one on time"
        bounded(r"try\s+to\s+pay(?:\s+\w+){0,2}\s+on\s+time"),
    ),
    suggestion=(
        "Drop the backhanded part and keep the fact: \"I'm sure it was just an oversight, as "
        'always" -> "invoice 44 is 30 days overdue; please pay it by <date>".'
    ),
    why=(
        "Backhanded politeness is read as contempt. State the fact the jab is hiding, or "
        "leave it out; the respectful principle rules out passive aggression."
    ),
    examples_fail=(
        "I'm sure it was just an oversight.",
        "No offense, but the brief was unclear.",
        "Not everyone is cut out for running a shop.",
        "I know your team did their best.",
        "Try to pay this one on time.",
        "Pay it when you feel like it.",
        "I'll send the logins when I feel like it.",
        "For future reference, the brief is the brief.",
    ),
    examples_pass=(
        "Invoice 2026-031 has $1,000 outstanding, due since 16 April.",
        "I did my best to keep the timeline, and I missed it twice.",
        "Thank you for trusting me with the website for two years.",
    ),
)

CONDESCENSION = Rule(
    code="P505",
    principle="respectful",
    name="condescension",
    message="Condescension: this talks down to the client.",
    patterns=(
        # "I completely understand that clear feedback can be hard when you're not sure..."
        bounded(
            r"(?:I|we)\s+(?:\w+\s+)?(?:understand|appreciate|realise|realize|know|get)\s+"
            r"(?:that\s+|how\s+)?[^.!?;]{0,80}?(?:(?:can\s+be|must\s+be|may\s+not\s+be|"
            r"isn['’]t|aren['’]t)\s+(?:\w+\s+)?(?:hard|difficult|tricky|confusing|overwhelming|"
            r"not\s+(?:the\s+|a\s+)?(?:top\s+)?priority|everyone['’]s|for\s+everyone)"
            # "is hard" is empathy ("I know the timing is hard") unless it is about them
            r"|(?:is|are)\s+(?:\w+\s+)?(?:hard|difficult|tricky|confusing|overwhelming)\s+"
            r"(?:for\s+(?:you|some|people|non-)|when\s+you)|(?:is|are)\s+not\s+(?:the\s+|a\s+)?"
            r"(?:top\s+)?priority|(?:is|are)\s+(?:not\s+)?(?:everyone['’]s|for\s+everyone))"
        ),
        bounded(
            r"(?:just|simply)\s+how\s+(?:your|you)\s+\w+|that['’]s\s+(?:just\s+)?how\s+you"
            r"|when\s+(?:you['’]re|you\s+are)\s+not\s+sure\s+what\s+you\s+want"
            r"|(?:not\s+)?the\s+top\s+priority\s+in\s+every\s+\w+"
            r"|even\s+(?:for\s+)?you\b|don['’]t\s+take\s+it\s+personally"
            r"|(?:if|whether)\s+you\s+(?:really|even|actually)\s+need\s+(?:a|an|me|us)\b"
            r"|need\s+(?:a|an)\s+\w+\s+at\s+all"
            r"|(?:clients?|people)\s+who\s+(?:actually\s+)?(?:respect|pay|read|listen|reply|"
            r"value)"
            r"|(?:not|isn['’]t|aren['’]t)\s+(?:\w+\s+)?(?:your|ur)\s+(?:personal\s+|24/7\s+)?"
            r"(?:\w+\s+)?(?:assistant|servant|vending\s+machine|babysitter|mind\s+reader|"
            r"therapist|slave|secretary)"
            r"|not\s+a\s+mind\s+reader|treated\s+like\s+(?:your|a)\s+"
            r"|with\s+the\s+best\s+will\s+in\s+the\s+world"
            r"|(?:doesn['’]t|don['’]t)\s+mind\s+\w+ing\s+(?:\w+\s+){0,2}?(?:the\s+same|everything|"
            r"\w+\s+times|again)"
            # Experience as a put-down: "once you've run a business a bit longer"
            r"|once\s+you(?:['’]ve|\s+have)\s+[^.;!?]{0,50}?(?:longer|more\s+experience|"
            r"a\s+few\s+more\s+\w+)"
            r"|(?:it['’]ll|it\s+will)\s+(?:all\s+)?make\s+(?:more\s+)?sense\s+(?:once|when|"
            r"after)\s+you"
            # Explaining the trade to them: "because that's how freelancing works"
            r"|(?:because|since|as)\s+that['’]s\s+(?:just\s+|simply\s+)?how\s+(?:\w+\s+){1,2}"
            r"(?:works|functions|is\s+done)|that['’]s\s+(?:just\s+|simply\s+)how\s+(?:\w+\s+){1,2}"
            r"(?:works|functions|is\s+done)"
            # "isn't your area", "not really your strength", "isn't everyone's strength"
            r"|(?:is\s+not|isn['’]t|wasn['’]t|was\s+not|not|was\s+never|is\s+never|never\s+been)\s+"
            r"(?:really\s+|exactly\s+)?"
            r"(?:your(?:\s+\w+['’]s)?|everyone['’]s|every\w+['’]s)\s+(?:area|strength|strong\s+(?:suit|point)|forte|"
            r"thing|department|speciality|specialty|skill\s*set|cup\s+of\s+tea)"
        ),
    ),
    suggestion=(
        'State the fact without judging them: "I understand that clear feedback can be hard '
        'when you\'re not sure what you want" -> "The brief changed four times after sign-off."'
    ),
    why=(
        "Explaining the client's shortcomings to them, however kindly worded, is contempt in "
        "disguise; the respectful principle rules it out."
    ),
    examples_fail=(
        "I completely understand that clear feedback can be hard when you're not sure what "
        "you want.",
        "I understand that education may not be the top priority in every household.",
        "We understand that's just how your business works.",
        "I am a translator, not a mind reader.",
        "I need clients who respect the hours we agree on.",
        "I sometimes wonder if you really need a designer at all.",
        "I don't mind going through it again: a deposit protects us both.",
        "Once you've managed a few more launches, this will feel obvious.",
        "I ask for a deposit because that's how studio work functions.",
        "Budgeting isn't really your strength, and that's fine.",
        "Planning clearly isn't your strong point.",
        "Follow-up was never your office's forte.",
    ),
    examples_pass=(
        "I fully understand your frustration about the delays.",
        "I know how much the annual gala means to your team.",
        "Your custody matter deserves a lawyer who can see it through to trial.",
        "Once you have signed the form, the domain moves to your account.",
        "Here is how the transfer works: you get an email from the registrar.",
        "I know the timing is hard, with the launch so close.",
    ),
)

EXASPERATION = Rule(
    code="P506",
    principle="respectful",
    confirm=_tone_agrees,
    name="exasperation",
    message="Exasperation or mockery: leave your frustration out of the letter.",
    patterns=(
        phrases(
            "I've had enough",
            "I have had enough",
            "had it with",
            "fed up",
            "sick of",
            "sick and tired",
            "tired of",
            "at my wits' end",
            "don't come crying",
            "don't come running",
            "sort out your own",
            "figure it out yourself",
            "do it yourself",
            "you can do yourself",
            "not my problem",
            "your problem now",
            "good riddance",
            "lol",
            "lmao",
            "smh",
            "ffs",
            "ugh",
            "as usual",
            "it usually does",
            "assuming you reply",
            "if you ever reply",
            "not that you'll notice",
            "not that you read",
            "for the last time",
            "better luck",
            "who enjoys",
            "more of a suggestion",
            "seem to be optional",
            "last straw",
            "I can't keep",
            "I cannot keep",
            "round in circles",
            "around in circles",
            "don't bother",
            "do not bother",
            "need I say more",
        ),
        # "going round like this is exhausting", "the back-and-forth has been draining"
        bounded(
            r"(?:is|was|has\s+been|have\s+been|are|were|gets?|getting)\s+(?:\w+\s+)?"
            r"(?:exhausting|draining|infuriating|maddening|tiresome|exasperating)"
        ),
        # "it's frustrating when nobody replies", "it has been demoralising"
        bounded(
            r"(?:it['’]s|it\s+is|it\s+was|it\s+has\s+been|it['’]s\s+been)\s+(?:\w+\s+)?(?:frustrating|"
            r"annoying|infuriating|tiring|demoralising|demoralizing|disheartening)"
            r"(?!\s+(?:for\s+(?:me|both\s+of\s+us|us\s+both|everyone|all\s+of\s+us)|that\s+I\b|"
            r"to\s+(?:leave|stop|step|end|go|say)))"
        ),
        # Rhetorical questions: "How many times can we rebuild...", "is it really that hard to"
        bounded(
            r"how\s+many\s+(?:more\s+)?times\s+(?:can|do|must|should|will|are|have|did)\s+"
            r"(?:we|I|you|(?:the|your)\s+\w+)"
            r"|is\s+it\s+(?:really\s+)?(?:that|so)\s+(?:difficult|hard|much\s+to\s+ask|complicated)"
            r"|(?:there['’]s|there\s+is)\s+no\s+point\s+(?:in\s+)?(?:me|my|us|our|I)\b"
        ),
        # Shouted words: "you want a discount AGAIN?"
        bounded(
            r"(?-i:AGAIN|NEVER|ALWAYS|STILL|EVERY|ONCE|REALLY|SERIOUSLY|ACTUALLY|NOT|ANY|WHY|"
            r"HOW|EVEN|ALREADY|LATE|ONLY|YOUR|YOU|NOBODY|NOTHING|AGAINST)"
        ),
        # Eye-roll and wink emoji after a complaint.
        bounded(r"[🙃🙄😒😤😉😏]"),
        # "rankings would have moved a lot sooner if content approvals hadn't taken six weeks"
        bounded(
            r"would\s+have\s+\w+(?:\s+\w+){0,4}?\s+(?:much\s+|a\s+lot\s+|far\s+)?"
            r"(?:sooner|faster|better|earlier|quicker|ago)\s+(?:if|with|had)"
        ),
        # "your repeated decision to", "against our express advice", "your network is a mess"
        bounded(
            r"your\s+(?:repeated|constant|endless|continual|never-ending|incessant|last-minute)\s+"
            r"\w+|against\s+(?:my|our)\s+(?:express\s+|explicit\s+|clear\s+)?"
            r"(?:advice|instructions|recommendation)"
            r"|(?:your|ur)\s+(?:\w+\s+){0,2}(?:is|are|was|were)\s+(?:a\s+|an\s+)?(?:absolute\s+|"
            r"total\s+|complete\s+)?(?:mess|disaster|joke|nightmare|chaos|shambles|circus)"
            r"|(?:you|u)\s+(?:don['’]t|do\s+not|didn['’]t)\s+(?:even\s+)?(?:do|read|reply|answer|"
            r"listen|pay|respond|open|check)\b"
            r"|(?:you|u)\s+(?:cancel(?:led)?|changed|ignored|called)\s+(?:\w+\s+){0,3}?(?:the|my|"
            r"half|every|again|for\s+the)"
            r"|(?:can['’]t|cannot|couldn['’]t)\s+be\s+bothered"
        ),
    ),
    exceptions=(
        bounded(r"as\s+usual,?\s+(?:thank|thanks|I['’]m\s+grateful)"),
        # One's own tiredness is a reason, not a jab: "this year has been draining for me".
        bounded(
            r"(?:is|was|has\s+been|have\s+been|are|were)\s+(?:\w+\s+)?(?:exhausting|draining)"
            r"\s+for\s+(?:me|us|both\s+of\s+us|everyone)"
        ),
        # Routine billing: "invoiced on 1 August as usual", "due on the 15th as usual".
        bounded(
            r"(?:invoiced|billed|due|paid|payable|sent|charged|scheduled|monthly|weekly|invoices?|"
            r"bills?|fees?|rates?|terms|days|payments?|prices?)"
            r"(?:\s+[^\s.;!?]+){0,5}?\s+as\s+usual"
        ),
    ),
    suggestion=(
        'Cut the jab and keep the fact: "Pay the €600 you owe first, lol" -> "Invoice 14 '
        '(€600) from March is still open; please pay it by <date>."'
    ),
    why=(
        "Frustration, mockery and shouting get forwarded and remembered, and they bury the "
        "facts the client needs. The respectful principle rules them out."
    ),
    examples_fail=(
        "I've had enough of being treated like a helpdesk.",
        "Good luck running your own calendar lol.",
        "You want a discount AGAIN?",
        "Thanks for the 52 sets of notes at 2am. 😉",
        "Rankings would have moved a lot sooner if approvals hadn't taken six weeks.",
        "Your network is a mess.",
        "You don't do the homework and you cancel half the sessions.",
        "Hopefully his next tutor has better luck.",
        "Is it really that hard to approve a single layout?",
        "How many times do we have to redo the same chart?",
        "There's no point in me writing reports nobody opens.",
        "The endless revisions have been exhausting.",
        "Please don't bother asking for another discount.",
        "It's been disheartening to rewrite the same page every week.",
        "Your endless tweaks have made the plan meaningless.",
        "The app would have shipped months ago with a clear spec.",
    ),
    examples_pass=(
        "The rankings moved once the content was approved in May.",
        "Thank you for the trust you placed in me. 😊",
        "The API and the GDPR notice are done.",
        "You have always paid on time.",
        "April's invoice is the last one, 30 days as usual.",
        "The autumn has been draining for me, and I need a lighter schedule.",
        "The outage was frustrating for both of us.",
        "It's frustrating that I can't see the launch through.",
        "How many hours a week would suit you for the handover?",
        "The project was hard work and I'm proud of it.",
    ),
)

# Who stands for the client in a jab: you, your people, someone on your side.
_CLIENT = (
    rf"(?:{_YOU}|(?:someone|somebody|anyone|anybody|nobody|no\s+one)"
    r"\s+(?:on|in|at|from)\s+your\s+\w+|(?:some|any)one\s+there)"
)

SARCASTIC_ASIDE = Rule(
    code="P507",
    principle="respectful",
    confirm=_tone_agrees,
    name="sarcastic-aside",
    message="Sarcastic aside: the irony reads as a jab.",
    patterns=(
        # "I'm sure you'll want to change it all again", "I'm sure the next editor will cope"
        bounded(
            r"I(?:['’]m|\s+am)\s+(?:quite\s+|absolutely\s+)?sure\s+(?:that\s+)?(?:you|your\s+\w+|the\s+next\s+\w+|"
            r"whoever|someone|something|they|it['’]s|that['’]s|it\s+was|that\s+was)"
        ),
        # "as I'm sure you'll remember", "as you'll no doubt recall", "as you well know"
        bounded(
            r"as\s+(?:I(?:['’]m|\s+am)\s+sure\s+)?you(?:['’]ll|\s+will|['’]re|\s+are|['’]ve|\s+have)?\s+"
            r"(?:no\s+doubt\s+|well\s+|surely\s+|probably\s+|already\s+)?"
            r"(?:remember|recall|be\s+aware|aware|noticed|seen|realised|realized|gathered)"
            r"|as\s+you\s+(?:well|no\s+doubt|surely)\s+know"
        ),
        phrases(
            "who's counting",
            "not that anyone noticed",
            "not that anyone cared",
            "not that anyone asked",
            "not that you noticed",
            "not that you cared",
            "let's face it",
            "let's be honest",
            "but here we are",
            "and yet here we are",
            "go figure",
            "imagine that",
            "fancy that",
            "big surprise",
            "what a shock",
            "shocker",
            "color me surprised",
            "colour me surprised",
            "is it too much to ask",
            "how hard can it be",
            "how hard is it",
            "what part of",
            "did anyone even",
            "did you even",
            "does anyone even",
            "do you even",
        ),
        # Grudging praise: "your team is certainly enthusiastic", "a pity so few of them work"
        bounded(
            r"(?:certainly|definitely|undeniably|admittedly|at\s+least)\s+(?:\w+\s+)?"
            r"(?:enthusiastic|keen|passionate|energetic|ambitious|creative|persistent|"
            r"full\s+of\s+ideas|busy|confident)"
            r"|(?:a|such\s+a)\s+(?:pity|shame)\s+(?:that\s+)?(?:so\s+few|so\s+little|none|"
            r"nobody|no\s+one|you|your|they|it\s+never)"
        ),
        # "a pity the brief kept changing", "I'm not surprised", "needless to say", "Really."
        bounded(
            r"(?:a|such\s+a)\s+(?:pity|shame)\s+(?:that\s+)?(?:the\s+\w+|your\s+\w+|it|things)\s+"
            r"(?:kept|never|changed|didn['’]t|wasn['’]t|weren['’]t|couldn['’]t|always)"
            r"|(?:I['’]m|I\s+am|I\s+wasn['’]t|I\s+was)\s+not\s+(?:at\s+all\s+|remotely\s+|exactly\s+)?"
            r"surprised|(?:I['’]m|I\s+am)\s+(?:hardly|not\s+exactly)\s+surprised|unsurprisingly"
            r"|needless\s+to\s+say"
            r"|(?<=[.!?]\s)really[.!]"
            r"|thanks?\s+(?:you\s+)?(?:so\s+much\s+|very\s+much\s+)?for\s+(?:all\s+)?(?:the|your)\s+"
            r"(?:last-minute|last\s+minute|constant|endless|countless|late-night|midnight|repeated)"
            r"\s+\w+"
            r"|(?:thicker|thick)\s+skin|patience\s+of\s+a\s+saint"
        ),
        # Resentful asides: "my time isn't worth much to you", "a contract means nothing to
        # you", "more your style", "we both know why", "let's just say", "I won't miss the
        # midnight calls", "you've made your priorities clear"
        bounded(
            r"(?:isn['’]t|is\s+not|wasn['’]t|aren['’]t)\s+worth\s+(?:much|anything|a\s+lot)\s+to\s+"
            r"(?:you|your)|(?:means?|meant)\s+nothing\s+to\s+(?:you|your)"
            r"|more\s+your\s+(?:style|speed|level|type|kind|pace)"
            r"|(?:we\s+both|both\s+of\s+us)\s+know\s+(?:why|what|how)|let['’]s\s+just\s+say"
            r"|(?:I|we)\s+(?:won['’]t|will\s+not|shan['’]t)\s+miss\s+(?:the|your|those|all\s+the)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:calls|emails|messages|meetings|changes|revisions|requests|texts|"
            r"complaints)"
            r"|made\s+your\s+(?:priorities|feelings)\s+(?:very\s+|quite\s+|abundantly\s+|perfectly\s+)?"
            r"clear"
            r"|(?:more|a\s+lot\s+more|far\s+more)\s+patien(?:t|ce)\s+than\s+(?:me|I)\b"
            r"|(?:need|needs|will\s+need)\s+(?:a\s+lot\s+of|plenty\s+of|endless|infinite)\s+patience"
        ),
        # Ironic good news about the parting: "Great news: you won't have to wait for me
        # anymore", "you won't have to put up with me any longer"
        bounded(
            r"(?:great|good|happy)\s+news\s*[:!,—–-]\s*(?:you|your)\s+(?:\w+\s+)?(?:won['’]t|will\s+"
            r"no\s+longer|no\s+longer|don['’]t|never|can\s+finally)"
            r"|(?:put\s+up|deal|cope)\s+with\s+me\s+(?:any\s?more|any\s+longer)"
        ),
        # Assumed bad faith: "I'll take your silence as a yes", "silence means"
        bounded(
            r"silence\s+(?:means|suggests|tells|says|speaks)"
            r"|take\s+(?:your\s+|their\s+)?silence\s+as"
        ),
        # "I'll believe it when I see it"; doubt from the client's record: "judging by last year"
        bounded(
            r"I['’]ll\s+believe\s+(?:it\s+|that\s+)?when\s+I\s+see\s+it"
            r"|judging\s+by\s+(?:last|past|previous|the\s+last|the\s+past|your|their)\s+"
            r"(?:year|month|time|term|season|quarter|record|history|experience|form)"
            r"|what\s+with\s+[^.;!?]{0,60}?(?:late|slow|slowly|missing|weeks|months|again|"
            r"never|unanswered)"
        ),
        # "in case that had slipped your mind", "it may have slipped anyone's mind"
        bounded(r"slipped\s+(?:your|anyone['’]s|someone['’]s|everyone['’]s|their)\s+minds?"),
        # Mind-reading tropes: "better at mind-reading", "read your mind".
        bounded(r"mind[\s-]?read\w*|read\s+(?:your|their|people['’]s|anyone['’]s)\s+minds?"),
        # "more patience for last-minute changes than I do", "she's got the patience for it"
        bounded(r"(?:more|the|enough)\s+patience\s+(?:for|with)"),
        # A trailing "..., I suppose." after a remark.
        bounded(r"(?<=,)\s*I\s+suppose(?=\s*[.!])"),
        # Scare quotes around a lowercase phrase: the "quick tweaks", your 'final' final draft.
        bounded(r"""["“](?-i:[a-z][a-z'’-]*(?:\s+[a-z][a-z'’-]*){1,7})[,.!?]?["”]"""),
        bounded(r"""(?<![\w'’])['‘](?-i:[a-z][a-z-]*(?:\s+[a-z][a-z-]*){1,5})['’](?![\w'’])"""),
    ),
    exceptions=(
        bounded(
            r"I['’]m\s+sure\s+(?:that\s+)?(?:you|your\s+\w+|the\s+next\s+\w+|they)(?:['’]ll|\s+will)\s+"
            r"(?:be\s+in\s+(?:good|great|safe|capable)\s+hands|do\s+(?:great|well|brilliantly)|thrive|"
            r"flourish|succeed|go\s+far|be\s+(?:fine|great|a\s+success))"
        ),
        # Terms of art quoted as such, not irony: files turned over "as is"
        bounded(
            r"""["“'‘](?:as[\s-]is|where[\s-]is|as[\s-]available|with\s+all\s+faults)[,.]?["”'’]"""
        ),
    ),
    suggestion=(
        "Say the fact plainly or leave it out: \"I'm sure you'll want to change it all again "
        'anyway" -> "the logo is the last piece I will deliver".'
    ),
    why=(
        "Irony in a parting letter is read as contempt, and it gets forwarded. The respectful "
        "principle rules out sarcasm, however politely it is phrased."
    ),
    examples_fail=(
        "I'm sure your new agency will love the midnight emails as much as I did.",
        "As you'll no doubt recall, the budget was agreed in writing.",
        "As I am sure you have noticed, the work is late.",
        "The report took nine drafts, but who's counting.",
        "I covered the weekend shifts for months, not that anyone noticed.",
        "The reviewers needed a mind-reader, not a copywriter.",
        "Another studio may have more patience for weekly rebrands.",
        "Someone had to sit through those meetings, I suppose.",
        'Thanks for the "small changes" that took three weeks.',
        "Is it too much to ask for one set of comments?",
        "You'll send the logo files by Friday, which I'll believe when I see it.",
        "Judging by last quarter, the receipts will arrive late again.",
        "Your marketing team is certainly full of ideas.",
        "It's a pity so few of the drafts ever got read.",
        "If I hear nothing by Friday, I'll take your silence as agreement.",
        "It's a shame the plan never held for more than a week.",
        "I'm not surprised the launch slipped.",
        "Needless to say, the budget did not hold.",
        "Thank you for all the midnight emails. Really.",
        "Your next editor will need a thick skin.",
        "Good news: you won't need to chase me for drafts any more.",
        "At least you won't have to put up with me any longer.",
        "A signed quote apparently means nothing to your office.",
        "A template shop might be more your style.",
        "We both know why the launch slipped.",
        "I won't miss the Sunday night emails.",
        "Your next accountant will need plenty of patience.",
        "The design took a month, what with the comments coming back two weeks late.",
        "The fee is still unpaid, in case it had slipped your mind.",
    ),
    examples_pass=(
        "I'm sure you'll be in good hands with the new team.",
        "As agreed on our call, the files are in the shared folder.",
        "Thank you for your patience while I finished the audit.",
        'The "Spring Sale" banner went live on 3 March.',
        "I know this is not the news you hoped for.",
        "Judging by the traffic figures, the new pages are working well.",
        "It's a shame I can't see the launch through myself.",
        "I really enjoyed the workshop in May.",
        "Good news: the new site passed its accessibility audit.",
        "I won't miss the handover call on Friday.",
        'The unfinished work is turned over to your new accountants "as is."',
    ),
)

LECTURING = Rule(
    code="P508",
    principle="respectful",
    name="lecturing",
    message="Lecturing or score-keeping: this tells the client what they did wrong.",
    patterns=(
        # Unsolicited advice about the client's conduct: "going forward, please try to ...",
        # "I'd gently suggest that ...", "I trust that, in future, your next architect ..."
        bounded(
            r"(?:going\s+forward|in\s+future|in\s+the\s+future|next\s+time),?\s+(?:please\s+)?"
            r"(?:try|make\s+sure|remember|do\s+(?:try|make)|consider|learn)"
            r"|(?:I|we)(?:['’]d|\s+would)\s+(?:also\s+)?(?:gently\s+|kindly\s+|respectfully\s+)?"
            r"(?:ask|suggest|advise|recommend|urge)\s+that,?\s+(?:going\s+forward|in\s+future|"
            r"next\s+time|whoever|your\s+next)"
            r"|(?:gently|kindly|respectfully)\s+(?:suggest|remind|point\s+out|note|ask)"
            r"|I\s+trust\s+that,?\s+(?:going\s+forward|in\s+future|next\s+time|your\s+next)"
            r"|please\s+try\s+to\s+(?:read|give|reply|respond|answer|send|be|check|pay|make|keep|"
            r"remember|decide|stick|consolidate|approve|look)"
        ),
        # "it would have saved us both a lot of rework", "it'll save everyone a lot of grief"
        bounded(
            r"(?:would|could)(?:['’]ve|\s+have)\s+saved\s+(?:us|you|everyone|everybody|both\s+of\s+us)"
            r"|save\s+(?:us\s+both|everyone|everybody|all\s+of\s+us|both\s+of\s+us)\s+(?:a\s+lot\s+of\s+)?"
            r"(?:grief|trouble|headaches?|hassle|rework|pain)"
        ),
        # Counterfactual blame: "I'd have finished it by now if the script hadn't changed".
        bounded(
            r"(?:would|could|might)(?:['’]ve|\s+have)\s+(?:\w+\s+){1,6}?if\s+(?:the|your|you|ur|"
            r"someone|anyone|they|their|he|she)\b[^.;!?]{0,60}?(?:hadn['’]t|had\s+not|had|didn['’]t|"
            r"weren['’]t|wasn['’]t|would\s+have|['’]d)"
        ),
        # Score-keeping on one's own requests: "which I've now asked for four times".
        bounded(
            r"(?:I|we)(?:['’]ve|\s+have|\s+did)?\s+(?:now\s+|already\s+|also\s+)?"
            r"(?:asked|reminded|chased|warned|told|requested|flagged|raised|explained|pointed\s+out|"
            r"followed\s+up|nudged|pinged|emailed|written|sent|resent|re-sent|shared|forwarded|"
            r"attached|mentioned|repeated)\s+(?:(?:you|your\s+\w+|them|for(?:\s+it)?|"
            r"about\s+(?:it|this|that)|it|this|that)\s+)?(?:now\s+|already\s+)?"
            r"(?:twice|three\s+times|four\s+times|five\s+times|six\s+times|several\s+times|"
            r"many\s+times|multiple\s+times|countless\s+times|\d+\s+times|repeatedly|again\s+and\s+again)"
            r"(?!\s+(?:a|per|each|every)\s+(?:day|week|month|year|quarter))"
        ),
        # Counting one's own deliveries: "I've sent the brand guide four times now"
        bounded(
            r"(?:I|we)(?:['’]ve|\s+have)\s+(?:now\s+|already\s+)?(?:sent|resent|re-sent|shared|"
            r"forwarded|attached)\s+(?:you\s+)?(?:the|my|our)(?:\s+[\w-]+){1,2}?\s+(?:now\s+)?"
            r"(?:twice|three\s+times|four\s+times|five\s+times|six\s+times|several\s+times|"
            r"many\s+times|multiple\s+times|\d+\s+times)"
            r"(?!\s+(?:a|per|each|every)\s+(?:day|week|month|year|quarter))"
        ),
        # Assumed bad faith: "in case it keeps getting lost", "since it never seems to arrive"
        bounded(
            r"(?:keeps?|kept)\s+(?:getting\s+)?(?:lost|missed|ignored|forgotten|overlooked|buried|"
            r"disappearing|vanishing|going\s+missing|getting\s+lost)"
            r"|next\s+time,?\s+(?:you|your\s+\w+)(?:['’]ll|\s+will|\s+might|\s+could|\s+should|"
            r"\s+may)\s+(?:\w+\s+)?(?:read|check|listen|reply|answer|pay|think|plan|ask|remember)"
            r"|(?:nice|refreshing)\s+if\s+(?:someone|anyone|somebody|for\s+once)"
            r"|lost\s+count\s+of"
            r"|despite\s+(?:my|our)\s+(?:many|repeated|numerous|several|countless|multiple|constant)"
            r"\s+(?:reminders|requests|emails|messages|calls|attempts)"
            r"|never\s+seems?\s+to\s+(?:arrive|reach|get\s+read|get\s+through)"
            r"|(?:I['’]m\s+)?not\s+chasing\s+(?:you|your\s+\w+|anyone)"
        ),
        # Disappointed hopes about the client: "I'd hoped you'd start reading the links".
        bounded(
            r"(?:I['’]d|I\s+had|we['’]d|we\s+had)\s+hoped\s+(?:that\s+)?[^.;!?]{0,60}?"
            r"(?:you|your\s+\w+)(?:['’]d|\s+would)"
        ),
        # Rhetorical conditions on the client: "if your people could actually reply",
        # "if someone on your team ever bothered", "assuming someone answers this time".
        bounded(
            rf"{_CLIENT}\s+(?:\w+\s+){{0,2}}?(?:actually|ever\s+bother\w*|even\s+bother\w*|"
            r"bother(?:ed|s)?\s+to|for\s+once)"
            r"|assuming\s+[^.;!?]{0,80}?\s+this\s+time"
        ),
        # Unpaid extra work as a reproach: "doing it for free for a year now".
        bounded(r"for\s+free\s+for\s+(?:a|an|\w+)\s+(?:year|month|week)s?"),
        # "(and) their habit of changing priorities", "his tendency to approve late"
        bounded(r"(?:their|his|her)(?:\s+\w+){0,2}?\s+(?:habit|tendency)\s+(?:of|to)"),
    ),
    exceptions=(
        bounded(r"please\s+try\s+to\s+(?:make|be)\s+(?:it|there|available|on\s+the\s+call)"),
    ),
    suggestion=(
        'Leave out the lesson and keep the arrangement: "going forward, please try to read the '
        'brief" -> (omit), or "your next designer will need the brief by Monday".'
    ),
    why=(
        "Advice on how the client should behave, reminders of how often you asked, and 'it "
        "would have gone better if you had' are blame in a polite form; the respectful "
        "principle rules them out."
    ),
    examples_fail=(
        "Going forward, please try to answer your suppliers within a week.",
        "I'd gently suggest that your next agency gets the assets on time.",
        "Consolidated feedback would have saved us both a lot of rework.",
        "The site would have launched in May if your team had approved the copy.",
        "The tax file is still missing, which I have now requested five times.",
        "I'd hoped that by the third month you would start reading the reports.",
        "I could carry on if anyone on your side actually tested the builds.",
        "I've been answering weekend calls for free for a year now.",
        "I've sent the style guide three times, so here it is again.",
        "The login details are attached again, in case they keep getting lost.",
        "I've copied your director, in case my messages keep going missing.",
        "Maybe next time you'll check the proofs before printing.",
        "It would be refreshing if anyone there opened the reports.",
        "I've lost count of the revisions on the logo.",
        "The photos never came, despite my repeated requests.",
    ),
    examples_pass=(
        "Going forward, Anna will be your contact for invoices.",
        "I would have liked to finish the app myself, and I am sorry I cannot.",
        "I asked the registrar twice about the transfer and it is now confirmed.",
        "If I had planned the sprint better, we would have shipped in May.",
        "I'd hoped to see the launch, and I wish you every success with it.",
        "I've sent the newsletter twice a month since March.",
        "Next time you're in Leeds, coffee is on me.",
    ),
)

ULTIMATUM = Rule(
    code="P509",
    principle="respectful",
    name="ultimatum",
    message="Threat or ultimatum: state the terms, not the punishment.",
    patterns=(
        # "Either you sign off by Monday or I'm out"
        bounded(r"either\s+you\b[^.;!?]{0,80}?\bor\s+(?:else|I|we|it|this)\b"),
        # "Pay it by Friday or it goes to collections", "...or I'll take legal action"
        bounded(
            r"(?:or|otherwise|or\s+else)\s*,?\s+(?:[\w'’]+\s+){0,5}?(?:collections?|debt\s+collect\w*|"
            r"legal\s+action|(?:my|our|a)\s+(?:lawyers?|solicitors?|attorneys?)|small\s+claims|"
            r"court|bailiffs?)"
            r"|(?:or|otherwise)\s*,?\s+(?:I['’]m|I\s+am)\s+(?:out|done|gone|walking)"
            r"|(?:otherwise|or\s+else)\s*,?\s+(?:I|we)(?:['’]ll|\s+will|\s+shall)\s+(?:have\s+to\s+)?"
            r"(?:take|pass|involve|refer|escalate|stop|withhold|charge|cancel|pull)"
            r"|take\s+(?:further|formal|legal)\s+(?:action|steps|measures)|legal\s+action"
            r"|or\s+else\b"
        ),
        # A condition on the client's conduct followed by a sanction:
        # "if the late cancellations carry on, I'll stop altogether"
        bounded(
            r"if\s+[^.;!?]{0,80}?(?:carr(?:y|ies)\s+on|continues?|keeps?\s+(?:happening|up)|"
            r"happens?\s+again|(?:don['’]t|doesn['’]t|do\s+not|does\s+not)\s+(?:improve|change|"
            r"stop)|(?:isn['’]t|is\s+not|aren['’]t|are\s+not)\s+paid)[^.;!?,]{0,30},?\s+(?:then\s+)?"
            r"(?:I|we)(?:['’]ll|\s+will|\s+shall)\s+(?:have\s+to\s+)?(?:stop|end|terminate|"
            r"withdraw|walk|charge|cancel|pull|take|pass|involve|refer)"
        ),
    ),
    suggestion=(
        'Say what happens and when, without the threat: "Pay by Friday or it goes to '
        'collections" -> "Invoice 12 (€900) is due on Friday; after that, the late fee in our '
        'contract applies."'
    ),
    why=(
        "A threat turns a parting into a fight, and the client answers the threat instead of "
        "the terms. The respectful principle rules out pressure of this kind; a factual due "
        "date and the contract's terms are enough."
    ),
    examples_fail=(
        "Either you approve the designs this week or I stop working on them.",
        "Settle the balance by the 10th, or it goes to a debt collector.",
        "If the no-shows carry on, I'll end the sessions altogether.",
        "Send the files by Monday or else.",
        "If the balance isn't paid by the 3rd, I'll pass it to my solicitor.",
        "Please settle by Friday, otherwise I will withhold the source files.",
    ),
    examples_pass=(
        "If you prefer, I can carry on with the monthly report until June.",
        "Invoice 31 is due on 10 May; the late fee in clause 7 applies after that.",
        "Either Tuesday or Wednesday works for the handover call.",
        "You may collect your file yourself or have it delivered to your new lawyer.",
    ),
)

COMPARISON = Rule(
    code="P510",
    principle="respectful",
    name="unfavourable-comparison",
    message="Comparison with other clients: it reads as a reproach.",
    patterns=(
        # "most of my clients send one brief", "my other families manage to", "other clients
        # seem able to"
        bounded(
            r"(?:most|all|many|the\s+rest|nearly\s+all|almost\s+all)\s+(?:of\s+my\s+)?(?:other\s+)?"
            r"(?:clients|customers|families|students|parents|patients|accounts|authors)"
            r"\s+(?:\w+\s+)?(?:manage|send|pay|get|give|reply|respond|stick|seem|are\s+able|can|"
            r"have|do|don['’]t|never|always|just|approve|sign|decide|read|finish|book|cancel|"
            r"need|understand|know)\b"
            r"|(?:my|our)\s+other\s+(?:clients|customers|families|students|parents|patients|"
            r"accounts|authors)\s+(?:all\s+|somehow\s+)?(?:manage|seem|are\s+able|can|send|pay|"
            r"get|give|reply|respond|stick|have\s+no|don['’]t|never)"
            r"|(?:other|every\s+other|any\s+other)\s+(?:clients?|customers?|famil(?:y|ies)|"
            r"students?|parents?)\s+(?:all\s+|somehow\s+)?(?:manage|manages|seem|seems|is\s+able|"
            r"are\s+able|can|sends?|pays?|replies|reply|have\s+no|has\s+no|don['’]t|doesn['’]t)"
            r"|unlike\s+(?:you|your\s+\w+|some\s+people|certain\s+people)"
            r"|some\s+of\s+us\s+(?:have|actually|need|work|can['’]t|do)"
            r"|(?:can['’]t|cannot|won['’]t|don['’]t|do\s+not)\s+(?:\w+\s+)?(?:work(?:ing)?|"
            r"deal(?:ing)?)\s+with\s+"
            r"(?:people|clients|someone|anyone|a\s+client)\s+who"
        ),
    ),
    suggestion=(
        'Leave other clients out and state the fact: "most of my clients send one brief" -> '
        '"the brief changed nine times".'
    ),
    why=(
        "Holding other clients up as the standard tells this one they fall short. The "
        "respectful principle rules out blame, however indirect."
    ),
    examples_fail=(
        "Most of my clients approve a draft within a week.",
        "My other students manage to practise between lessons.",
        "Other clients seem able to send their receipts on time.",
        "Many clients don't need a third round of edits.",
        "Unlike your office, I answer my email.",
        "Some of us have other deadlines to meet.",
        "I can't keep working with clients who rewrite every brief.",
    ),
    examples_pass=(
        "Most of my clients are now in healthcare, so my calendar has changed.",
        "My other clients' deadlines mean I can no longer give you Fridays.",
        "Other agencies can take this on at short notice.",
        "Most clients are small shops, so my rates are set for them.",
    ),
)

GUILT_TRIP = Rule(
    code="P511",
    principle="respectful",
    name="guilt-trip",
    message="Guilt trip: the letter keeps score of your sacrifices or disappointment.",
    patterns=(
        # "After everything I've put into this account", "after all we've done for you"
        bounded(
            r"after\s+(?:all|everything)\s+(?:that\s+)?(?:I|we)(?:['’]ve|\s+have)?\s+"
            r"(?:done|put|given|invested|sacrificed|been\s+through)"
        ),
        # Sacrifices: "I gave up two weekends with my kids", "I sacrificed my holiday"
        bounded(
            r"(?:I|we)(?:['’]ve|\s+have)?\s+(?:gave|given|give)\s+up\s+(?:\w+\s+){0,3}?"
            r"(?:weekends?|evenings?|nights?|holidays?|vacations?|family|birthdays?|sundays|saturdays)"
            r"|(?:I|we)(?:['’]ve|\s+have)?\s+sacrificed"
            r"|(?:worked|spent|gave|given|put\s+in)\s+(?:\w+\s+){0,3}?(?:evenings|weekends|nights|"
            r"holidays|sundays|saturdays)\s+(?:and\s+\w+\s+)?(?:for\s+(?:you|your)|on\s+(?:this|your))"
            r"|subsidi[sz]\w*\s+(?:you|your)|b[ea]nt?\s+over\s+backwards|nothing\s+(?:back|in\s+return)|not\s+(?:even\s+)?a\s+"
            r"(?:word\s+of\s+)?thanks|not\s+even\s+a\s+thank"
        ),
        # Disappointed expectations: "I'd have expected a conversation first", "I expected
        # better", "would count for something"
        bounded(
            r"(?:I|we)(?:['’]d|\s+would)\s+have\s+expected|(?:I|we)\s+(?:had\s+)?expected\s+"
            r"(?:better|more\s+(?:professionalism|respect|courtesy|from))"
            r"|(?:I|we)\s+(?:shouldn['’]t|should\s+not)\s+have\s+(?:had\s+)?to\s+(?:chase|remind|"
            r"ask|beg|explain|repeat|keep)"
            r"|(?:would|should|might)\s+(?:have\s+)?count(?:ed)?\s+for\s+(?:something|more)"
            r"|counts?\s+for\s+(?:nothing|so\s+little)|it\s+stings|(?:was|is)\s+(?:deeply\s+)?"
            r"(?:hurtful|disappointing|insulting)"
        ),
    ),
    suggestion=(
        "Leave the sacrifices and the disappointment out; state the decision and the handover: "
        '"after everything I\'ve put into this account" -> (omit).'
    ),
    why=(
        "Reminding the client what you gave up, or how they disappointed you, asks them to "
        "feel guilty; it reads as reproach, and the respectful principle rules it out."
    ),
    examples_fail=(
        "After everything we've invested in your launch, this news was hard to take.",
        "I gave up three weekends to fix the booking system.",
        "I'd have expected a phone call before the decision.",
        "I hoped the late nights would count for something.",
        "Hearing about the new supplier second-hand was disappointing.",
        "I spent my weekends on your booking system for months.",
        "I've bent over backwards on every request.",
        "I can't keep subsidising your marketing budget.",
        "I expected more courtesy after three years.",
        "I shouldn't have to remind anyone twice about a signed quote.",
    ),
    examples_pass=(
        "I've given the handover notes to Priya.",
        "After everything is transferred, I will close my access.",
        "I spent two evenings on the data export so it is complete.",
        "I expected the migration to take two weeks, and it took four: that was my estimate.",
    ),
)

# --- fault-finding: the client and a negative evaluation in one clause ------------------------

_CLIENT_WORD = re.compile(r"(?<!\w)(?:you|your|yours|you['’](?:re|ve|d|ll)|ur)(?!\w)", re.I)
_FAULT_WORD = re.compile(
    r"(?<!\w)(?:late(?:ness)?|delays?|delayed|bottleneck|fail(?:ed|ure|s)?|never|mess(?:y)?|"
    r"lack(?:ed|s|ing)?|baffl\w+|confus(?:ing|ed)|impossible|unreasonable|unrealistic|chao\w+|"
    r"problem(?:s|atic)?|slow(?:ly|er)?|ignor\w+|missed|blame|fault|excuses?|disappoint\w*|"
    r"frustrat\w+|annoy\w*|wast(?:e|ed|ing)|pointless|poor(?:ly)?|terrible|awful|bad(?:ly)?|"
    r"no\s+idea|shouldn['’]t\s+have\s+to|couldn['’]t|can['’]t\s+seem|refus\w+|forg[eo]t\w*|"
    r"wrong|hard|difficult|struggl\w+|not\s+once|every\s+single|yet\s+again|unlike|"
    r"professionalism|competen\w+)(?!\w)",
    re.I,
)
# A clause that also speaks of oneself, apologises, thanks, praises or sets a condition is
# not fault-finding: "I was late", "sorry for the delays", "if you have any problems".
_NOT_FAULT = re.compile(
    r"(?<!\w)(?:I|I['’]m|I['’]ve|I['’]d|I['’]ll|my|me|mine|we|our|us|sorry|apolog\w+|"
    r"thank\w*|grateful|apprecia\w+|enjoy\w*|lov(?:e|ed|ely)|pleasure|great|wonderful|"
    r"brilliant|if|in\s+case|should\s+you|unless|whenever|any|no\s+(?:problem|hard)|"
    r"never\s+(?:need|have\s+to|hesitate)|hard\s+work|hesitate|sure|understand|know|"
    r"not\s+(?:by|from|on|your|you|anyone|because)|calm\w*|well|kind\w*|patien\w+|gracious\w*|"
    r"generous\w*|helpful|supportive|quick\w*|prompt\w*|smooth\w*|good|nice|excellent|"
    r"fantastic|amazing|proud|handled)(?!\w)",
    re.I,
)


# Clauses that a more specific rule already reports are not reported twice.
_ALREADY = SECOND_PERSON_BLAME.patterns + INSULT.patterns


def _fault_finding(text: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for clause in clauses(text):
        body = clause.text
        if (
            _CLIENT_WORD.search(body)
            and _FAULT_WORD.search(body)
            and not _NOT_FAULT.search(body)
            and not body.rstrip().endswith("?")
            and not any(p.search(body) for p in _ALREADY)
        ):
            found.append((clause.start, clause.end))
    return found


FAULT_FINDING = Rule(
    code="P512",
    principle="respectful",
    confirm=_tone_agrees,
    name="fault-finding",
    message="Fault-finding: this clause pins a failing on the client.",
    scope="span",
    finder=_fault_finding,
    patterns=(),
    suggestion=(
        'Describe the situation, not their failing, or leave it out: "your side was always the '
        'bottleneck" -> "the approvals took longer than either of us planned".'
    ),
    why=(
        "A clause that puts the client (you, your team, your feedback) next to a failing "
        "(late, a mess, the bottleneck, no idea) is blame, whatever the verb. The respectful "
        "principle rules it out; one's own share, thanks and plain conditions are fine."
    ),
    examples_fail=(
        "Your side was always the bottleneck.",
        "The delays were entirely down to your team.",
        "Your approvals came back late every single time.",
        "You have no idea how long the audit took.",
        "Your lack of structure made the plan impossible.",
        "The way your office handles invoices is baffling.",
    ),
    examples_pass=(
        "I was late with the March figures, and I'm sorry.",
        "If you have any problems with the files, call me.",
        "Thank you for your hard work on the launch.",
        "You'll never need to reset the router yourselves.",
        "Your repository now holds the latest theme.",
        "Was the delay on your side or the courier's?",
        "The launch slipped because of the courier, not because of anyone on your side.",
        "The delays came from the printer, and you handled them calmly.",
    ),
)


def _tone(text: str) -> list[tuple[int, int]]:
    """Sentences the trained `respect` model reads as a dig, that no phrase rule reports."""
    found: list[tuple[int, int]] = []
    for sentence in sentences(text):
        if classifier.fires("respect", sentence.text) and not check_text(
            sentence.text, PHRASE_RULES
        ):
            found.append((sentence.start, sentence.end))
    return found


TONE = Rule(
    code="P513",
    principle="respectful",
    name="tone",
    message="Tone: this sentence reads as blame, sarcasm or a dig at the client.",
    scope="span",
    finder=_tone,
    patterns=(),
    model="respect",
    suggestion=(
        'Give your own reason and leave out theirs: "the committee never agreed on anything" '
        '-> "the brief has changed more than my schedule can absorb".'
    ),
    why=(
        "Blame and needling come in more shapes than any phrase list holds: a rhetorical "
        "question, an ironic compliment, a remark about their habits. A classifier trained on "
        "labelled sentences (scripts/train_check_models.py) reads the whole sentence; the "
        "respectful principle rules out what it finds."
    ),
    examples_fail=(
        "How is anyone supposed to hit a date when the brief changes every week?",
        "Hopefully whoever picks it up next gets more than three days' warning before a go-live.",
        "The brief has changed four times because the committee never managed to agree on "
        "anything.",
    ),
    examples_pass=(
        "The brief changed four times since February, which pushed the timeline out.",
        "I underestimated the migration, and that one is on me.",
        "Invoice 44 for $1,200 is now 30 days overdue.",
    ),
)


RULES: tuple[Rule, ...] = (
    SECOND_PERSON_BLAME,
    INSULT,
    SARCASM,
    PASSIVE_AGGRESSION,
    CONDESCENSION,
    EXASPERATION,
    SARCASTIC_ASIDE,
    LECTURING,
    ULTIMATUM,
    COMPARISON,
    GUILT_TRIP,
    FAULT_FINDING,
    TONE,
)

#: The rules that judge by phrases, without the tone model of their own (P513 is the model).
PHRASE_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.model is None)
