"""P7xx: the draft gives concrete next steps for the handover.

A clause is a concrete next step when it moves something the client needs: a transfer verb
(send, transfer, hand over, share, move, grant, give, return, release, upload, deliver,
e-mail, attach, "Handover:" ...) together with a handover asset (files, repository, code,
accounts, logins, passwords, credentials, access, data, backups, documentation, notes,
archives, templates ...); or a handover call or meeting; or telling someone else ("we will
notify the court", "I will brief your new accountant"). A step put off to "whenever works"
or "closer to the date" is vague (P702) and does not count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parting.check.rules import Rule, bounded
from parting.check.text import DATE, clauses, isearch, when_missing

_I = re.IGNORECASE

_TRANSFER = re.compile(
    r"(?<!\w)(?:send(?:ing)?|sent|transfer\w*|hand(?:ing|ed|s)?\s+(?:\w+\s+){0,6}?(?:over|back|off)|"
    r"hand-?offs?|"
    r"handover|hand-over|share[ds]?|sharing|mov(?:e|ing|ed)|give|giving|gave|grant\w*|"
    r"return(?:ing|ed|s)?\s+(?:the|your|all|any|it|them|my|our|every|her|his|to)|"
    r"(?:be|been|are|is|was|were)\s+(?:released|returned)|"
    r"releas(?:e|es|ing|ed)\s+(?:the|your|all|any|it|them|my|our|to)|upload\w*|"
    r"will\s+be\s+(?:in|on)\s+your|remov\w+\s+my\s+access|deliver(?:ing)?|e-?mail(?:ed|ing)|"
    r"put(?!\s+you\b)|drop|attach(?:ed)?|"
    r"e-?mail\s+(?:you|u|it|them|the|your|him|her|my|our|all|a|\w+['’]s)|"
    r"(?<!going\s)(?<!moving\s)(?<!look\s)(?<!looking\s)forward(?:s|ed|ing)?|export\w*|push\w*|add(?:ing)?\s+(?:you|your\s+\w+)\s+as|"
    r"make\s+(?:you|your\s+\w+)\s+(?:the\s+)?(?:owner|admin)|remov\w+\s+(?:myself|ourselves)|"
    r"revok\w+|rotat\w+|delet\w+|migrat(?:e|es|ed|ing)|write\s+up|record|prepare|walk\s+(?:you|\w+)\s+"
    r"through|brief\w*|train\w*(?!\s+(?:materials?|manuals?|data|videos?|guides?|courses?))|"
    r"enclos(?:e|es|ed|ing)|"
    r"(?:are|is)\s+in\s+the\s+\w+\s+(?:share|vault|folder|drive))(?!\w)",
    _I,
)
_ASSET = re.compile(
    r"(?<!\w)(?:files?|repo(?:sitory|sitories|s)?|code(?:base)?|source|branch|access|accounts?|"
    r"logins?|log-ins?|passwords?|credentials|keys?|tokens?|vault|admin|data(?:base)?|backups?|"
    r"archives?|documentation|docs?|documents?|notes|folders?|drive|dropbox|assets|templates?|"
    r"glossary|termbase|TMX?|translation\s+memory|memory|style\s+guide|guides?|runbook|readme|"
    r"reports?|summar(?:y|ies)|logs?|sheets?|spreadsheets?|workbooks?|drawings?|drawing\s+set|"
    r"CAD|specifications|specs|licen[cs]es?|books|projects?|mailbox|inbox|board|domains?|DNS|"
    r"cPanel|diagrams?|map|materials|raw|footage|photos|exports?|zip|SOP|deck|ownership|"
    r"owner|servers?|workspace|hosting|ledgers|receipts\s+folder|PDF|presets?|walkthrough|"
    r"Loom|handover\s+(?:doc|document|notes|pack)|list|progress\s+notes|plan\s+as|history|"
    r"records|contacts|list|pixel|manuals?|originals|master\s+\w+|project\s+files|stems|"
    r"images|renders|models|artwork|masters|fonts|recordings|videos|edits|deliverables)(?!\w)",
    _I,
)
_CALL = re.compile(
    r"(?<!\w)(?:(?:handover|hand-over|transition|walkthrough|onboarding|training)\s+"
    r"(?:call|meeting|workshop|session|sessions)|(?:call|meeting)\s+with\s+(?:your|the|\w+['’]s)"
    r"\s+(?:new|next)|join\s+(?:a|their|the|your)\s+(?:[\w-]+\s+){0,3}(?:call|meeting)|"
    r"(?:brief|notify|inform|tell|let)\s+(?:the\s+court|your\s+new|the\s+new|your\s+team|"
    r"your\s+(?:accountant|bookkeeper|successor|staff|clients?)|(?-i:[A-Z])\w+\s+know)|"
    r"hop\s+on\s+a\s+call|let\s+(?:the|your)\s+(?:[\w-]+\s+){0,2}?\w+\s+know|"
    r"show\s+(?:you|your\s+(?:[\w-]+\s+){0,2}?\w+)\s+how|"
    r"(?:a|an)\s+(?:short|quick|final|brief|\d+-\w+)\s+(?:call|meeting)\s+(?:to|with|on|at)|(?:a|an)\s+[\w-]+\s+(?:call|meeting)\s+with)(?!\w)",
    _I,
)
_LABEL = re.compile(r"^(?:handover|hand-over|next\s+steps|transition|transfer)\s*:\s*\S", _I)
#: Steps announced as a list or checklist ("To finalize our work together, here is a list of
#: steps we need to take:", "Handoff checklist:"), or a named successor who takes over the
#: account ("after that date, Jane Doe will be taking over your account"), or the remaining
#: work, named as such, finished by a date ("I'll be finishing all outstanding work, including
#: [UNFINISHED PROJECTS], by [DATE]"; not a deliverable's status: "2 will be finished by 18 April").
_STEP_LIST = re.compile(
    r"(?<!\w)(?:here\s+(?:is|are)|here['’]s|below\s+(?:is|are)|the\s+following\s+(?:is|are))\s+"
    r"(?:a\s+|the\s+|our\s+|my\s+)?(?:list\s+of\s+|few\s+|\w+\s+)?(?:next\s+|handover\s+|"
    r"hand-?off\s+|transition\s+)?(?:steps|action\s+items|tasks)\b"
    r"|(?:handover|hand-?off|transition|offboarding)\s+(?:checklist|plan)\s*:"
    r"|(?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+))?\s+(?:will\s+(?:be\s+)?|is\s+)"
    r"tak(?:e|es|ing)\s+over\s+(?:your|the)\s+(?:account|project|work|files?|matters?)",
    _I,
)
_FINISH_BY = re.compile(
    r"(?:(?<!\w)(?:will|shall|committed\s+to)|['’]ll)\s+(?:be\s+)?(?:\w+\s+)?"
    r"(?:finish\w*|complet\w+|wrap\w*\s+up|deliver\w*)\s+(?:all\s+|any\s+|the\s+)?"
    r"(?:(?:outstanding|remaining|pending|unfinished|open)\s+\w+|[\[<][^\]>]*[\]>])"
    r"[^.;]{0,60}?\s(?:by|before|until)\s+",
    _I,
)
#: An offer, not a plan: "if you want, I can still finish the menu by Friday".
_OFFER = re.compile(r"(?<!\w)(?:if|could|can|perhaps|maybe|separate|only)(?!\w)", _I)
_VAGUE = re.compile(
    r"(?<!\w)(?:(?:when|if)\s+I\s+(?:feel\s+like\s+it|get\s+a?round\s+to\s+it)|"
    r"whenever\s+works|whenever|at\s+some\s+point|closer\s+to\s+the\s+date|"
    r"(?-i:later)|in\s+due\s+course|down\s+the\s+line|sometime|some\s+time|"
    # an offer to talk about a handover is not one: "happy to discuss the best way to transfer"
    r"discuss\s+(?:the\s+(?:best\s+)?(?:way|ways|process)|how)|"
    r"available\s+to\s+(?:help|assist)\s+with|available\s+to\s+provide\s+any)(?!\w)",
    _I,
)
_NOT_OURS = re.compile(
    r"(?<!\w)(?:you|your\s+\w+)\s+(?:still\s+)?(?:haven['’]t|hasn['’]t|never|promised)", _I
)


#: Handing over a named system, said as a plan ("I will hand over Xero", "we are handing over
#: the Shopify store"): the name is the asset. ("me handing over the Etsy photography?" is
#: not a plan.)
_HAND_OVER_NAMED = re.compile(
    r"(?<!\w)(?:will|['’]ll|shall|going\s+to|I\s+am|I['’]m|we\s+are|we['’]re)\s+"
    r"(?:then\s+|also\s+)?hand(?:ing)?\s+over\s+(?:the\s+|my\s+|our\s+|your\s+)?"
    r"(?-i:[A-Z][\w.-]+)",
    _I,
)

_PARTS = re.compile(r",\s+and\s+(?=you\b|I\b|we\b|the\b)", _I)


def _finish_by(body: str) -> bool:
    """The remaining work finished, completed or delivered by a date."""
    match = isearch(_FINISH_BY, body)
    if match is None or isearch(_OFFER, body):
        return False
    return isearch(DATE, body[match.end() :]) is not None


@lru_cache(maxsize=256)
def evidence(text: str) -> tuple[tuple[int, int], ...]:
    """The clauses that name a concrete handover step."""
    found: list[tuple[int, int]] = []
    for clause in clauses(text):
        # "I'll send the images by Friday, and you can drop my listing whenever suits": each
        # coordinated part is judged on its own, so a vague second part does not void the first.
        for body in _PARTS.split(clause.text):
            if isearch(_VAGUE, body) or isearch(_NOT_OURS, body):
                continue
            step = (
                isearch(_CALL, body)
                or ((isearch(_TRANSFER, body) or isearch(_LABEL, body)) and isearch(_ASSET, body))
                or isearch(_HAND_OVER_NAMED, body)
                or isearch(_STEP_LIST, body)
                or (_finish_by(body))
            )
            if step:
                found.append((clause.start, clause.end))
                break
    return tuple(found)


NO_NEXT_STEPS = Rule(
    code="P701",
    principle="next_steps",
    name="no-next-steps",
    message="No next steps: say what you will hand over, how and when.",
    severity="error",
    scope="document",
    finder=when_missing(evidence),
    patterns=(),
    suggestion=(
        'Add the handover: "On 28 May I will transfer the repository and the hosting account '
        'to you, and I have booked a handover call for 20 May."'
    ),
    why=(
        "The client cannot carry on without their files, accounts and credentials. The next "
        "steps principle asks for the transfer, its dates, and who else will be told."
    ),
    examples_fail=(
        "Hi Tess, I'm ending our work on 31 May. Thanks for everything!",
        "Dear Ms. Quinn,\n\nI will stop acting for you from 1 September.\n\nAlan",
        "Hi Tom,\n\nI can't keep up with the API docs going forward, so I'm ending our work on "
        "1 June.\n\nAna",
    ),
    examples_pass=(
        "Hi Leah,\n\nI'm ending our copy retainer on 30 June. The 8 product pages are done; the "
        "FAQ page is not started. You'll be better served by a writer with more time for your "
        "launch: I recommend Nina Okafor (nina@okafor.example). The final invoice of $1,200 is "
        "due 15 July. I'll send the Docs folder and the style notes on 28 June.\n\nMeg",
        "Hi Ravi,\n\nI'm ending our bookkeeping retainer on 31 March. The January and February "
        "accounts are done; the March close is not started. A payroll-capable bookkeeper will "
        "suit your two branches better: I recommend Nina Okafor "
        "(nina@okafor.example). The final invoice of £1,200 is due 15 April. On 4 March I will "
        "hand over Xero.\n\nMeg",
    ),
)

VAGUE_HANDOVER = Rule(
    code="P702",
    principle="next_steps",
    name="vague-handover",
    message="Vague handover: give the date and what will be handed over.",
    patterns=(
        bounded(
            r"(?:handover|hand-over|transition|files|access|logins?|handover\s+doc\w*|"
            r"everything|it\s+all|the\s+rest|documents?|materials?|passwords?|credentials?)"
            r"(?:\s+[\w'’]+){0,4}?\s+(?:whenever\s+works|closer\s+to\s+the\s+date|later|"
            r"at\s+some\s+point|in\s+due\s+course|when\s+the\s+time\s+comes|"
            r"(?:by|before|around|towards?)\s+the\s+end\s+of\s+(?:the|this|next)\s+"
            r"(?:month|week|year|quarter))"
        ),
    ),
    suggestion=(
        '"We\'ll sort out the handover details closer to the date" -> "On 28 May I will '
        'transfer the repository and share the admin logins with you."'
    ),
    why=(
        "A handover without a date tends not to happen. The next steps principle asks for "
        "what moves, to whom, and when."
    ),
    examples_fail=(
        "We'll sort out the handover details closer to the date.",
        "I'd put together a handover doc whenever works.",
        "I will send the files by the end of the month.",
        "I will send everything by the end of the month.",
    ),
    examples_pass=(
        "I will transfer the repository to your organisation on 28 May.",
        "The handover call is on 20 May at 10:00.",
    ),
)

RULES: tuple[Rule, ...] = (NO_NEXT_STEPS, VAGUE_HANDOVER)
