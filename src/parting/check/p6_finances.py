"""P6xx: the draft addresses money concretely.

A sentence is concrete about money when it has an amount (a currency symbol or code with a
number in any common notation: $1,234.50, €1.250, 1.250,00 €, £980, USD 3,400, ¥120,000,
R$ 5.600,00, "3 400 kr", "₦850,000", "150 a month", "owe me 350"), an invoice number
("invoice #0423", "INV-552"), or a money word (invoice, fee, payment, refund, deposit,
balance, retainer...) with something definite: a due date, payment terms ("net 15",
"payable within 30 days", "14-day terms"), a refund, a waiver, or "nothing more is owed".
"We'll sort out payment later" is vague (P602), and such a sentence is not evidence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parting.check.rules import Rule, bounded
from parting.check.text import DATE, isearch, sentences, when_missing

_I = re.IGNORECASE

_NUMBER = r"\d{1,3}(?:[ ,.'’\u00a0\u202f]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_SYMBOL = r"(?:[A-Z]{1,3})?[$€£¥₹₦₩₽₺₴₪฿₫₱￥]|Fr\.|kr\.?|zł|Kč|R\$"
_CODE = (
    r"USD|EUR|GBP|CHF|SEK|NOK|DKK|CZK|PLN|HUF|RON|AED|SAR|QAR|CAD|AUD|NZD|JPY|CNY|RMB|INR|"
    r"MXN|BRL|ZAR|NGN|KES|GHS|EGP|HKD|SGD|MYR|IDR|PHP|THB|VND|KRW|TRY|ILS|KWD|BHD|ARS|CLP|COP"
)
_WORD_CURRENCY = (
    r"dollars?|euros?|pounds?|quid|bucks|francs?|yen|yuan|rupees?|naira|rand|krona|kronor|"
    r"krone[r]?|crowns?|zloty|dirhams?|pesos?|reais|lira|shekels?|baht|ringgit|kr"
)
_AMOUNT = re.compile(
    rf"(?:(?<![\w])(?:{_SYMBOL})\s?(?:{_NUMBER})"
    rf"|(?<![\w])(?:{_CODE})\s?(?:{_NUMBER})(?!\w)"
    rf"|(?<![\w.,])(?:{_NUMBER})\s?(?:{_SYMBOL}|(?:{_CODE})(?!\w)|(?:{_WORD_CURRENCY})\b)"
    r"|(?:owe[sd]?|owing|pay(?:s|ing)?|paid|charge[sd]?)\s+(?:me|us|you|u)?\s*\d)",
)
_INVOICE_NUMBER = re.compile(
    r"(?<!\w)(?:invoice|inv|bill|statement|ref)\.?\s*(?:no\.?|number|nr\.?)?\s*[#-]?\s*"
    r"(?=[\w/-]*\d)[A-Z0-9][\w/-]*|(?<!\w)#\d{2,}|(?<!\w)INV-\d+",
    _I,
)
_MONEY_WORD = re.compile(
    r"(?<!\w)(?:invoice[sd]?|invoicing|fees?|payments?|pay(?:able)?|paid|unpaid|refund\w*|"
    r"deposit|balance|owed?|owing|charge[sd]?|bill(?:ed|ing)?|rates?|costs?|"
    r"statement\s+of\s+account|outstanding\s+amount|settle\w*|waiv\w+|credit|prepaid|"
    r"advance\s+payments?)(?!\w)",
    _I,
)
_DEFINITE = re.compile(
    r"(?<!\w)(?:due|payable|net\s*\d+|\d+[\s-]days?\s+(?:net|terms)|within\s+\d+\s+days|"
    r"refunded|refunding|refund\s+(?:the|your|of)|no\s+refund|waiv\w+|"
    r"nothing\s+(?:more\s+|else\s+|further\s+)?(?:is\s+|will\s+be\s+)?(?:owed|due|to\s+pay)|"
    r"no\s+further\s+(?:charges|invoices|fees|payments)|won['’]t\s+charge|will\s+not\s+charge|"
    r"no\s+(?:deposit|advance\s+payments?)\s+(?:is|are)\s+held|offset|applied\s+against|"
    r"covered|pro[\s-]?rata|stays?\s+at|drops?\s+to|"
    # a lawyer's or accountant's account of the money held: "a full accounting of the funds in
    # your trust account and any fees you owe"
    r"(?:full|final|complete|written|detailed|itemi[sz]ed)\s+(?:accounting|explanation|statement|"
    r"reconciliation|breakdown)\s+of\s+(?:the\s+|your\s+|all\s+|any\s+)?(?:funds|fees|monies|money|"
    r"trust\s+account|charges|costs)|"
    # check.md: a final or outstanding invoice is concrete money
    r"final\s+invoice|outstanding\s+(?:invoices?|balance|fees))(?!\w)",
    _I,
)
_VAGUE_MONEY = re.compile(
    r"(?<!\w)(?:later|whenever|eventually|at\s+some\s+point|another\s+time|"
    r"closer\s+to\s+the\s+date|in\s+due\s+course|whatever\s+we\s+agreed|when\s+you\s+can)(?!\w)",
    _I,
)


#: A bare number per period is a fee ("remote support at 150 a month") unless the sentence
#: counts hours, sessions or other units ("8 a week").
_BARE_RATE = re.compile(r"(?<![\w.,])\d[\d,.]*\s*(?:a|per|/)\s*(?:month|mo|week|wk|year|yr)\b", _I)
_UNITS = re.compile(
    r"(?<!\w)(?:hours?|hrs?|sessions?|lessons?|times|visits?|posts?|designs?|calls?|days?|"
    r"shifts?|shoots?|articles?|episodes?|tickets?)(?!\w)",
    _I,
)


@lru_cache(maxsize=256)
def evidence(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences that state amounts, invoices, refunds or payment terms concretely."""
    found: list[tuple[int, int]] = []
    for sentence in sentences(text):
        body = sentence.text
        bare_rate = isearch(_BARE_RATE, body) and not isearch(_UNITS, body)
        if isearch(_AMOUNT, body) or isearch(_INVOICE_NUMBER, body) or bare_rate:
            found.append((sentence.start, sentence.end))
            continue
        definite = isearch(_DEFINITE, body) or isearch(DATE, body)
        if definite and isearch(_MONEY_WORD, body) and not isearch(_VAGUE_MONEY, body):
            found.append((sentence.start, sentence.end))
    return tuple(found)


NO_MONEY = Rule(
    code="P601",
    principle="finances",
    name="no-concrete-money",
    message="No concrete money: state the final amount, the invoice, any refund and the due date.",
    severity="error",
    scope="document",
    finder=when_missing(evidence),
    patterns=(),
    suggestion=(
        'Add the numbers: "My final invoice of $1,200 goes out on 31 May, payable within 14 '
        'days; your $500 deposit is offset against it."'
    ),
    why=(
        "Money left open is the most common source of a bitter ending. The finances principle "
        "asks for amounts, invoices, refunds or deposits and payment terms."
    ),
    examples_fail=(
        "Hi Jess, I've decided to stop doing the monthly product shoots. We'll sort out "
        "payment later. Thanks for everything!",
        "Dear Ms. Quinn,\n\nI will stop acting for you from 1 September.\n\nAlan",
    ),
    examples_pass=(
        "Hi Leah,\n\nI'm ending our copy retainer on 30 June. The 8 product pages are done; the "
        "FAQ page is not started. You'll be better served by a writer with more time for your "
        "launch: I recommend Nina Okafor (nina@okafor.example). The final invoice of $1,200 is "
        "due 15 July. I'll send the Docs folder and the style notes on 28 June.\n\nMeg",
    ),
)

VAGUE_MONEY = Rule(
    code="P602",
    principle="finances",
    name="vague-money",
    message="Vague money: give the amount and the date now.",
    patterns=(
        bounded(
            r"(?:sort|figure|square|settle|work|deal|sorting|figuring|squaring|settling)\w*"
            r"\s+(?:out\s+|up\s+|with\s+)?(?:the\s+|our\s+|your\s+|any\s+)?(?:last\s+|final\s+)?"
            r"(?:payment|money|invoices?|billing|bills?|fees?|finances|costs?|numbers|deposit|"
            r"refund|balance|retainer)"
            r"(?:\s+[\w'’]+){0,6}?\s+(?:later|whenever|eventually|at\s+some\s+point|"
            r"another\s+time|closer\s+to\s+the\s+date|in\s+due\s+course|down\s+the\s+line)"
        ),
        bounded(
            r"(?:payment|money|invoices?|billing(?:\s+stuff)?|fees?|bills?)\s+(?:[\w'’]+\s+){0,4}?"
            r"(?:figure|sort|square|settle|work)\w*\s+(?:out|up)\s+(?:later|whenever|eventually)"
            r"|(?:invoice|payment|fee|bill)\s+is\s+whatever\s+we\s+agreed"
        ),
        # "my final invoice will follow in due course": no amount, no date
        bounded(
            r"(?:invoice|payment|bill|refund|statement)\s+(?:will|shall|is\s+going\s+to)\s+"
            r"(?:follow|come|go\s+out|be\s+sent|arrive|be\s+issued)\s+"
            r"(?:in\s+due\s+course|later|eventually|at\s+some\s+point|down\s+the\s+line)"
        ),
    ),
    suggestion=(
        '"We\'ll sort out payment later" -> "My final invoice of $1,200 goes out on 31 May, '
        'payable within 14 days."'
    ),
    why=(
        "'Later' about money invites a dispute after the relationship has ended. The finances "
        "principle asks for the amount, the invoice and the date in the letter itself."
    ),
    examples_fail=(
        "We'll sort out payment later.",
        "We'll sort out the last invoice later, no rush.",
        "There's also the billing stuff we can figure out later.",
        "We can square up the money whenever.",
        "My final invoice will follow in due course, and we can sort out the deposit later.",
    ),
    examples_pass=(
        "My final invoice of $1,200 goes out on 31 May, payable within 14 days.",
        "Your €500 deposit will be refunded by 15 October.",
    ),
)

RULES: tuple[Rule, ...] = (NO_MONEY, VAGUE_MONEY)
