"""`letter.eml`: the letter as an RFC 5322 message, ready to open as a draft and send.

Structure::

    multipart/mixed
      multipart/alternative
        text/plain; charset=utf-8   the letter (letter.md without its Subject line)
        text/html; charset=utf-8    the letter as HTML (render_document_html(package, "letter"))
      application/pdf               settlement.pdf

Headers: From the provider, To the client contact, Cc the stakeholders that have an e-mail
address (only when asked: `cc_stakeholders=True`), Subject (the letter's subject), Date,
Message-ID, MIME-Version and `X-Unsent: 1`, which makes Outlook and Apple Mail open the file
as a draft to review and send.

Missing addresses. RFC 5322 requires an address in From, and a draft without a recipient is
of little use, so a missing `provider.email` or `client.email` becomes a clearly marked
placeholder in the reserved `.invalid` domain (RFC 2606), such as
`Sam Rivera <set-provider.email@parting.invalid>`: the draft still opens (mail clients put the
account's own address in From anyway) and shows what to fill in, `missing_addresses()` names
the keys so that `parting plan` can warn, and `parting send` refuses to send to or from such an
address. An address that is present but malformed is an error (`AddressError`).

Same input, same bytes:

* Date: the notice date at 09:00 UTC (`parting send` stamps the time of sending instead).
* Message-ID: a digest of everything in the message, at the provider's domain.
* MIME boundaries: digests too, starting with `=_`, which can never occur in a
  quoted-printable or base64 body, so they never collide with the content.

Encoding is the standard library's (`email.policy.SMTP`: CRLF line endings, lines of at most
78 characters): the text parts are UTF-8 in quoted-printable (readable in the raw file, 7-bit
safe), the PDF base64, the attachment's filename RFC 2231 if it needs it. Non-ASCII headers
are RFC 2047 encoded words, made here with `email.header` rather than by the header registry,
whose folder in Python 3.11 adds spaces where it folds next to an encoded word
(`ends on  2026年5月31日`); every header decodes exactly to the text that was set, which the
tests check for Japanese and German names. A non-ASCII display name is one encoded word (a
name split over two decodes with a stray space in Python's own address parser), so its line
may pass 78 characters on a very long name; RFC 5322 allows 998. Internationalised domains
are written in IDNA (`bücher.de` becomes `xn--bcher-kva.de`).
"""

from __future__ import annotations

import hashlib
from email import policy
from email.charset import Charset
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import TYPE_CHECKING

from parting.core.errors import PartingError
from parting.render.ics import stamp
from parting.render.labels import label

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.render.bundle import Bundle as Package

PLACEHOLDER_DOMAIN = "parting.invalid"
ATTACHMENT = "settlement.pdf"


class AddressError(PartingError):
    """An e-mail address in the case file cannot be used in a message header."""


def placeholder(key: str) -> str:
    """The placeholder address that stands for the missing case-file key `key`."""
    return f"set-{key}@{PLACEHOLDER_DOMAIN}"


def is_placeholder(addr_spec: str) -> bool:
    return addr_spec.lower().endswith(".invalid")


def missing_addresses(case: Case) -> list[str]:
    """The case-file keys whose absence puts a placeholder into letter.eml."""
    missing = []
    if not case.provider.email:
        missing.append("provider.email")
    if not case.client.email:
        missing.append("client.email")
    return missing


def _address(name: str, email: str | None, key: str) -> Address:
    if not email:
        return Address(display_name=name, addr_spec=placeholder(key))
    spec = email.strip()
    local, at, domain = spec.rpartition("@")
    problem = None
    if not at or not local or not domain:
        problem = "expected an address such as name@example.com"
    elif not local.isascii():
        problem = "the part before @ must be ASCII"
    else:
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            problem = "the domain is not a valid internationalised domain name"
    if problem is None:
        try:
            return Address(display_name=name, addr_spec=f"{local}@{domain}")
        except Exception:  # the header parser raises several kinds, IndexError included
            problem = "expected an address such as name@example.com"
    raise AddressError(f"{key}: not a usable e-mail address ({problem}), got {email!r}")


def recipients(package: Package, cc_stakeholders: bool = False) -> tuple[Address, list[Address]]:
    """To (the client contact) and Cc (stakeholders with an address, when asked)."""
    case = package.case
    to = _address(case.client.contact, case.client.email, "client.email")
    cc: list[Address] = []
    if cc_stakeholders:
        for i, person in enumerate(case.stakeholders):
            if person.email:
                cc.append(_address(person.name, person.email, f"stakeholders[{i}].email"))
    return to, cc


_LINE = 78  # RFC 5322's recommended line length, policy.SMTP's too
_UTF8 = Charset("utf-8")  # encoded words in B or Q, whichever is shorter
# CRLF, 78 characters; headers set raw (already encoded and folded here) are kept as they are.
POLICY = policy.SMTP.clone(refold_source="none")


def _encoded_words(text: str, header: str) -> str:
    """`text` as RFC 2047 encoded words, folded (CRLF + space) to lines of at most 78
    characters, `header` being the name that starts the first line."""
    return Header(text, "utf-8", maxlinelen=_LINE - 2, header_name=header).encode(linesep="\r\n")


def _set_text(msg: EmailMessage, name: str, text: str) -> None:
    # Non-ASCII text is encoded here, with the email package's legacy `Header`, rather than
    # by the header registry: Python 3.11's folder adds a space where it folds before an
    # encoded word ("ends on  2026年5月31日"), so the header would not decode to what was set.
    if text.isascii():
        msg[name] = text
    else:
        msg.set_raw(name, _encoded_words(text, name))


def _set_addresses(msg: EmailMessage, name: str, addresses: list[Address]) -> None:
    if all(a.display_name.isascii() for a in addresses):
        msg[name] = addresses
        return
    # One mailbox a line; a non-ASCII display name as one encoded word, never split: Python's
    # address parser keeps the space between two encoded words of a name (RFC 2047 drops it),
    # so a split name would not decode the same everywhere. Such a line may pass 78
    # characters (RFC 5322 allows 998); POLICY does not refold it.
    mailboxes: list[str] = []
    for address in addresses:
        if address.display_name.isascii():
            mailboxes.append(str(address))
            continue
        word = _UTF8.header_encode(address.display_name)
        angle = f"<{address.addr_spec}>"
        lead = len(f"{name}: ") if not mailboxes else 1
        fits = lead + len(word) + len(" ,") + len(angle) <= _LINE
        mailboxes.append(word + (" " if fits else "\r\n ") + angle)
    msg.set_raw(name, ",\r\n ".join(mailboxes))


def letter_text(package: Package) -> str:
    """The letter as plain text: letter.md without its Subject line (it is the header)."""
    return package.letter.body()


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def render_eml(
    package: Package, settlement_pdf: bytes, letter_html: str, cc_stakeholders: bool = False
) -> bytes:
    """The letter as an e-mail draft with the settlement attached (CRLF line endings)."""
    case = package.case
    sender = _address(case.provider.name, case.provider.email, "provider.email")
    to, cc = recipients(package, cc_stakeholders)
    text = letter_text(package)

    msg = EmailMessage(policy=POLICY)
    _set_addresses(msg, "From", [sender])
    _set_addresses(msg, "To", [to])
    if cc:
        _set_addresses(msg, "Cc", cc)
    _set_text(msg, "Subject", package.letter.subject)
    msg["Date"] = format_datetime(stamp(package))
    key = _digest(str(msg), text, letter_html, settlement_pdf)
    msg["Message-ID"] = f"<{key[:32]}.letter@{sender.domain}>"
    msg["X-Unsent"] = "1"

    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(letter_html, subtype="html", charset="utf-8", cte="quoted-printable")
    msg.add_attachment(settlement_pdf, maintype="application", subtype="pdf", filename=ATTACHMENT)
    parts = msg.get_payload()
    assert isinstance(parts, list)
    alternative, attachment = parts
    assert isinstance(alternative, EmailMessage) and isinstance(attachment, EmailMessage)
    for part in (alternative, *alternative.iter_parts(), attachment):
        del part["MIME-Version"]  # the email package repeats it on sub-parts; once is enough
    attachment["Content-Description"] = label("eml.attachment")
    msg.set_boundary(f"=_mixed_{key[:24]}")
    alternative.set_boundary(f"=_alternative_{key[:24]}")
    return msg.as_bytes()
