"""Who ended the engagement, as the draft tells it.

A reply to a client who ended the engagement acknowledges their decision ("as you have
decided", "following your decision to move the work in-house", "thank you for letting me
know that you are ending the contract"); it owes them no path forward and no argument that
the change is good for them (`parting.check.judge`). `parting check --ended-by` says it
outright (and `--case` will, from the case file); without either, the draft's own words
decide here.
"""

from __future__ import annotations

import re

_APOS = "['’]"
_END_VERB = (
    r"(?:end|stop|terminate|cancel|close|wind\s+(?:up|down)|wrap\s+up|part\s+ways|move\s+on|"
    r"discontinue|not\s+(?:renew|continue|extend)|bring\s+\S+\s+(?:work\s+)?in-?house|"
    r"take\s+\S+\s+(?:work\s+)?in-?house|move\s+\S+\s+(?:work\s+)?in-?house|"
    r"go\s+(?:with|in)\s+(?:a|another|the)\b|switch|hire|work\s+with\s+(?:a|another)\b)"
)
#: The client's decision, in the reply's words. Every branch starts at a word (no leading
#: repetition), so a search is linear in the draft.
CLIENT_ENDED = re.compile(
    r"(?<!\w)(?:"
    r"as\s+you\s+(?:have\s+|'ve\s+|’ve\s+)?(?:decided|requested|asked)"
    r"|(?:following|after|given|respecting|accept(?:ing)?|understand(?:ing)?|respect|received|"
    r"acknowledge|regarding|about|re:?)\s+(?:of\s+)?your\s+(?:recent\s+)?"
    r"(?:decision|notice|request|choice)\s+(?:to|of)\s+(?:\w+\s+){0,2}?" + _END_VERB
    + r"|(?:i|we)\s+(?:fully\s+)?(?:understand|respect|accept)\s+(?:that\s+)?you\s*"
    r"(?:have|" + _APOS + r"ve|are|" + _APOS + r"re)?\s*(?:decided|chosen|ending|"
    r"terminating|moving|bringing|taking|going)"
    r"|(?:letting|telling)\s+me\s+know\s+(?:that\s+)?(?:you|the\s+\w+)\s*"
    r"(?:have|" + _APOS + r"ve|are|" + _APOS + r"re|will|" + _APOS + r"ll)?\s*"
    r"(?:decided|chosen|ending|terminating|moving|bringing|taking|going|not\s+renewing|"
    r"cancell?ing|stopping|winding|wrapping|end|stop|move|bring|take|cancel)"
    r"|(?:thank\s+you|thanks)\s+(?:very\s+much\s+)?for\s+your\s+(?:\w+\s+)?notice"
    r"|(?:i|we)\s+(?:have\s+)?(?:received|acknowledge|confirm\s+receipt\s+of)\s+your\s+"
    r"(?:\w+\s+)?notice"
    r"|your\s+(?:decision|notice)\s+to\s+" + _END_VERB
    + r"|sorry\s+to\s+(?:hear|see|learn)\s+(?:that\s+)?you\s*(?:have|" + _APOS
    + r"ve|are|" + _APOS + r"re)?\s*(?:decided|chosen|ending|moving|going|leaving)"
    r")(?!\w)",
    re.IGNORECASE,
)


def ended_by_client(text: str) -> bool:
    """Whether the draft answers the client's own decision to end the engagement."""
    return CLIENT_ENDED.search(text) is not None
