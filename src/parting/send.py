"""`parting send`: deliver `letter.eml` through an SMTP server (an optional last step).

Settings come from flags or, for any flag not given, from the environment:

* ``PARTING_SMTP_HOST`` (``--smtp-host``): the SMTP server, such as ``smtp.example.com``;
  required to send (a dry run works without it).
* ``PARTING_SMTP_PORT`` (``--smtp-port``): its port; default 465 with SSL, 587 with STARTTLS,
  25 with neither.
* ``PARTING_SMTP_USER`` (``--smtp-user``): the login name; no login when unset.
* ``PARTING_SMTP_PASSWORD`` (``--smtp-password``): the password for that login; the
  environment variable keeps it out of the shell history and the process list.
* ``PARTING_SMTP_STARTTLS`` (``--starttls/--no-starttls``): upgrade the connection with
  STARTTLS; on unless SSL is on.
* ``PARTING_SMTP_SSL`` (``--ssl``): TLS from the first byte (SMTPS, usually port 465); off.

Switches accept 1/0, true/false, yes/no, on/off. TLS certificates are verified against the
system's trust store (`ssl.create_default_context`).

With both STARTTLS and SSL off the connection is unencrypted; a password is then sent only
to a server on this machine (localhost, 127.0.0.1, ::1), never over the network in clear text.

What is sent is `letter.eml` as rendered, with two changes that belong to sending rather than
to the draft: the `X-Unsent` draft marker is removed (the recipient's mail client must not open
it as a draft) and `Date` becomes the time of sending (the file carries the notice date, which
may lie in the past or the future). A `Bcc` header, if one was added by hand, is removed from
the message and its addresses are added to the envelope. Everything else, Message-ID and the
MIME structure included, is delivered byte for byte.

The envelope sender is the `Sender` address, else the `From` address; the recipients are every
address in To, Cc and Bcc. A placeholder address (`*.invalid`, written by `render/eml.py`
when `provider.email` or `client.email` is missing) is refused before any connection is made.

`send(..., dry_run=True)` connects nowhere: it returns the same report that a real send would,
so `--dry-run` shows exactly what would go where.

Every failure is a `SendError` (a `PartingError`) with one clear message: the server cannot be
found or reached, TLS fails, the server offers no STARTTLS, the login is refused, the sender or
every recipient is refused, the message is refused. Recipients refused while others were
accepted do not raise: the message was delivered, and the report lists them in `refused`.
"""

from __future__ import annotations

import ipaddress
import os
import smtplib
import socket
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from parting.core.errors import PartingError

if TYPE_CHECKING:
    from parting.case.model import Case
    from parting.render.bundle import Bundle

ENV_HOST = "PARTING_SMTP_HOST"
ENV_PORT = "PARTING_SMTP_PORT"
ENV_USER = "PARTING_SMTP_USER"
ENV_PASSWORD = "PARTING_SMTP_PASSWORD"
ENV_STARTTLS = "PARTING_SMTP_STARTTLS"
ENV_SSL = "PARTING_SMTP_SSL"

Security = Literal["ssl", "starttls", "none"]
DEFAULT_PORTS: dict[str, int] = {"ssl": 465, "starttls": 587, "none": 25}
_SECURITY_NAMES = {"ssl": "SSL/TLS", "starttls": "STARTTLS", "none": "unencrypted"}
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})
# CRLF; header lines kept exactly as they are in the file (never refolded).
_POLICY = policy.SMTP.clone(refold_source="none")


class SendError(PartingError):
    """The letter cannot be sent: settings, addresses or the SMTP server."""


def _flag(name: str, value: str) -> bool:
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise SendError(f"{name}: expected 1 or 0 (true/false, yes/no, on/off), got {value!r}")


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class SmtpSettings:
    host: str | None  # None: not configured (fine for a dry run)
    port: int
    security: Security = "starttls"
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0

    @property
    def server(self) -> str:
        """`smtp.example.com:587 (STARTTLS)`, for messages and the report."""
        if self.host is None:
            return f"not configured (set {ENV_HOST} or --smtp-host)"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port} ({_SECURITY_NAMES[self.security]})"

    @classmethod
    def resolve(
        cls,
        host: str | None = None,
        port: int | None = None,
        user: str | None = None,
        password: str | None = None,
        starttls: bool | None = None,
        use_ssl: bool | None = None,
        timeout: float = 30.0,
        environ: Mapping[str, str] | None = None,
    ) -> SmtpSettings:
        """Settings from flags (any argument that is not None) and, for the rest, from the
        PARTING_SMTP_* environment variables. Raises SendError for a value that cannot work."""
        env = os.environ if environ is None else environ
        host = host if host is not None else (env.get(ENV_HOST) or None)
        if host is not None:
            host = host.strip() or None
        if use_ssl is None:
            use_ssl = _flag(ENV_SSL, env.get(ENV_SSL, ""))
        if starttls is None:
            raw = env.get(ENV_STARTTLS)
            starttls = (not use_ssl) if raw is None else _flag(ENV_STARTTLS, raw)
        if use_ssl and starttls:
            raise SendError(
                "choose SSL or STARTTLS, not both: SSL (usually port 465) encrypts from the "
                "start, STARTTLS (usually port 587) upgrades a plain connection"
            )
        security: Security = "ssl" if use_ssl else "starttls" if starttls else "none"
        if port is None:
            raw_port = env.get(ENV_PORT, "").strip()
            if raw_port:
                if not raw_port.isdigit():
                    raise SendError(f"{ENV_PORT}: expected a port number, got {raw_port!r}")
                port = int(raw_port)
            else:
                port = DEFAULT_PORTS[security]
        if not 1 <= port <= 65535:
            raise SendError(f"SMTP port: expected 1 to 65535, got {port}")
        user = user if user is not None else (env.get(ENV_USER) or None)
        password = password if password is not None else env.get(ENV_PASSWORD)
        if user is not None and not password:
            raise SendError(
                f"SMTP user {user!r} given without a password: set {ENV_PASSWORD} "
                "(or --smtp-password)"
            )
        if user is None and password:
            raise SendError(f"SMTP password given without a user: set {ENV_USER} (or --smtp-user)")
        if user is not None and security == "none" and host and not _is_loopback(host):
            raise SendError(
                f"refusing to send the SMTP password for {user!r} unencrypted to {host}: "
                f"turn on STARTTLS ({ENV_STARTTLS}=1) or SSL ({ENV_SSL}=1)"
            )
        return cls(host, port, security, user, password, timeout)


@dataclass(frozen=True)
class SendReport:
    sent: bool  # False for a dry run
    server: str
    envelope_from: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    bcc: tuple[str, ...]
    subject: str
    date: str
    message_id: str
    size: int  # bytes of the message as sent
    attachments: tuple[str, ...]
    refused: dict[str, str] = field(default_factory=dict)  # recipient -> server's answer

    @property
    def recipients(self) -> tuple[str, ...]:
        """Every envelope recipient: To, Cc and Bcc, each once."""
        return tuple(dict.fromkeys((*self.to, *self.cc, *self.bcc)))

    def lines(self) -> list[str]:
        """The report for the terminal, one fact a line."""
        head = "Sent" if self.sent else "Dry run: nothing sent. Would send"
        rows = [
            f"{head} through {self.server}",
            f"  From:        {self.envelope_from}",
            f"  To:          {', '.join(self.to)}",
        ]
        if self.cc:
            rows.append(f"  Cc:          {', '.join(self.cc)}")
        if self.bcc:
            rows.append(f"  Bcc:         {', '.join(self.bcc)}")
        rows += [
            f"  Subject:     {self.subject}",
            f"  Date:        {self.date}",
            f"  Message-ID:  {self.message_id}",
            f"  Attachments: {', '.join(self.attachments) or 'none'}",
            f"  Size:        {self.size:,} bytes",
        ]
        rows += [f"  refused: {rcpt}: {answer}" for rcpt, answer in self.refused.items()]
        return rows


# --- the message ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Outgoing:
    wire: bytes
    envelope_from: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    bcc: tuple[str, ...]
    subject: str
    date: str
    message_id: str
    attachments: tuple[str, ...]


def _addresses(msg: EmailMessage, name: str) -> tuple[str, ...]:
    found: list[str] = []
    for header in msg.get_all(name) or []:
        addresses: tuple[Address, ...] = getattr(header, "addresses", ())
        found.extend(a.addr_spec for a in addresses if a.addr_spec)
    return tuple(found)


def _prepare(eml: bytes, now: datetime) -> _Outgoing:
    try:
        parsed = BytesParser(policy=_POLICY).parsebytes(eml)
    except Exception as exc:  # the parser is lenient; this is a file that is not a message
        raise SendError(f"not an e-mail message: {exc}") from None
    assert isinstance(parsed, EmailMessage)
    msg = parsed
    senders = _addresses(msg, "Sender") or _addresses(msg, "From")
    if not senders:
        raise SendError("the message has no From address")
    to, cc, bcc = (_addresses(msg, h) for h in ("To", "Cc", "Bcc"))
    if not (to or cc or bcc):
        raise SendError("the message has no recipient (To, Cc or Bcc)")
    placeholders = [a for a in (senders[0], *to, *cc, *bcc) if a.lower().endswith(".invalid")]
    if placeholders:
        raise SendError(
            "the message still has placeholder addresses: "
            + ", ".join(placeholders)
            + " (set provider.email and client.email in the case file)"
        )
    del msg["X-Unsent"]
    del msg["Bcc"]
    date = format_datetime(now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC))
    if "Date" in msg:
        msg.replace_header("Date", date)
    else:
        msg["Date"] = date
    attachments = tuple(
        part.get_filename() or part.get_content_type() for part in msg.iter_attachments()
    )
    return _Outgoing(
        wire=msg.as_bytes(policy=_POLICY),
        envelope_from=senders[0],
        to=to,
        cc=cc,
        bcc=bcc,
        subject=str(msg.get("Subject", "")),
        date=date,
        message_id=str(msg.get("Message-ID", "")),
        attachments=attachments,
    )


# --- sending --------------------------------------------------------------------------------


def _answer(code: int, text: bytes | str) -> str:
    message = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return f"{code} {' '.join(message.split())}"


def _deliver(out: _Outgoing, settings: SmtpSettings, recipients: list[str]) -> dict[str, str]:
    host = settings.host
    assert host is not None
    server = settings.server
    context = ssl.create_default_context()
    smtp: smtplib.SMTP | None = None
    try:
        if settings.security == "ssl":
            smtp = smtplib.SMTP_SSL(host, settings.port, timeout=settings.timeout, context=context)
        else:
            smtp = smtplib.SMTP(host, settings.port, timeout=settings.timeout)
        smtp.ehlo()
        if settings.security == "starttls":
            if not smtp.has_extn("starttls"):
                raise SendError(
                    f"{server} does not offer STARTTLS: use SSL ({ENV_SSL}=1, usually port "
                    f"465), or turn STARTTLS off ({ENV_STARTTLS}=0) for a local test server"
                )
            smtp.starttls(context=context)
            smtp.ehlo()
        if settings.user is not None:
            smtp.login(settings.user, settings.password or "")
        refused = smtp.sendmail(out.envelope_from, recipients, out.wire)
        return {rcpt: _answer(code, text) for rcpt, (code, text) in refused.items()}
    except SendError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(
            f"{server} refused the login as {settings.user!r}: "
            f"{_answer(exc.smtp_code, exc.smtp_error)}"
        ) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise SendError(f"{server} does not support what was asked: {exc}") from None
    except smtplib.SMTPSenderRefused as exc:
        raise SendError(
            f"{server} refused the sender {out.envelope_from}: "
            f"{_answer(exc.smtp_code, exc.smtp_error)}"
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        answers = "; ".join(
            f"{rcpt}: {_answer(code, text)}" for rcpt, (code, text) in exc.recipients.items()
        )
        raise SendError(f"{server} refused every recipient: {answers}") from None
    except smtplib.SMTPDataError as exc:
        raise SendError(
            f"{server} refused the message: {_answer(exc.smtp_code, exc.smtp_error)}"
        ) from None
    except smtplib.SMTPServerDisconnected as exc:
        raise SendError(f"{server} closed the connection: {exc or 'no reason given'}") from None
    except smtplib.SMTPResponseException as exc:
        raise SendError(f"{server} answered {_answer(exc.smtp_code, exc.smtp_error)}") from None
    except smtplib.SMTPException as exc:
        raise SendError(f"{server}: {exc}") from None
    except ssl.SSLError as exc:
        hint = (
            " (port 465 usually wants SSL, port 587 STARTTLS)"
            if settings.port in (465, 587)
            else ""
        )
        raise SendError(f"TLS with {server} failed: {exc.reason or exc}{hint}") from None
    except socket.gaierror:
        raise SendError(f"cannot find the SMTP server {host!r} (check {ENV_HOST})") from None
    except TimeoutError:
        raise SendError(f"no answer from {server} within {settings.timeout:g} s") from None
    except OSError as exc:
        raise SendError(f"cannot connect to {server}: {exc.strerror or exc}") from None
    except UnicodeEncodeError:
        raise SendError(
            "an address is not ASCII and the server does not accept such addresses"
        ) from None
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


def send(
    eml_bytes: bytes, settings: SmtpSettings, dry_run: bool, now: datetime | None = None
) -> SendReport:
    """Send the message (or, with `dry_run`, only say what would be sent: no connection).

    `now` stamps the Date header (the current time when None)."""
    out = _prepare(eml_bytes, now or datetime.now(UTC))
    recipients = list(dict.fromkeys((*out.to, *out.cc, *out.bcc)))
    refused: dict[str, str] = {}
    if not dry_run:
        if settings.host is None:
            raise SendError(f"no SMTP server: set {ENV_HOST} or --smtp-host")
        refused = _deliver(out, settings, recipients)
    return SendReport(
        sent=not dry_run,
        server=settings.server,
        envelope_from=out.envelope_from,
        to=out.to,
        cc=out.cc,
        bcc=out.bcc,
        subject=out.subject,
        date=out.date,
        message_id=out.message_id,
        size=len(out.wire),
        attachments=out.attachments,
        refused=refused,
    )


def what_to_send(folder: Path, fresh: bytes, fresh_letter_md: str) -> tuple[bytes, list[str]]:
    """The message to send and what to tell the user about it.

    With a package in `folder`, its letter.eml as the user left it (edited or not): that is
    what they reviewed. A letter.md edited while letter.eml is still as parting wrote it is
    refused, since the edits would not be sent. Without a package, `fresh` (the letter as the
    case gives it now)."""
    eml_path, md_path = folder / "letter.eml", folder / "letter.md"
    if not eml_path.is_file():
        return fresh, [f"no package at {folder}: sending the letter as the case file gives it"]
    try:
        saved = eml_path.read_bytes()
        saved_md = md_path.read_text(encoding="utf-8") if md_path.is_file() else None
    except (OSError, UnicodeDecodeError) as exc:
        raise SendError(f"cannot read the package at {folder}: {exc}") from None
    if saved_md is not None and saved_md != fresh_letter_md and saved == fresh:
        line = next(
            (
                n
                for n, (a, b) in enumerate(
                    zip(saved_md.splitlines(), fresh_letter_md.splitlines(), strict=False), 1
                )
                if a != b
            ),
            min(len(saved_md.splitlines()), len(fresh_letter_md.splitlines())) + 1,
        )
        raise SendError(
            f"{md_path} was edited (line {line} differs from what parting wrote) but "
            f"{eml_path.name} was not, and {eml_path.name} is what is sent: make the same "
            f"edit in {eml_path.name} (or run `parting plan` again to undo it)"
        )
    notes = []
    if saved != fresh:
        notes.append(f"sending {eml_path} as edited (it differs from what the case gives now)")
    return saved, notes


def letter_to_send(
    case: Case, folder: Path, cc_stakeholders: bool = False
) -> tuple[Bundle, bytes, list[str]]:
    """What `parting send` sends for `case`: (the package, the message, notes and warnings).

    The message is the package's letter.eml in `folder` as the user left it, else the letter
    as the case gives it (`what_to_send`); the warnings are the plan's and a date in the past."""
    from parting.render import bundle, eml, html, pdf

    pkg = bundle.build(case, cc_stakeholders=cc_stakeholders)
    fresh = eml.render_eml(
        pkg, pdf.render_settlement_pdf(pkg), html.render_letter_email_html(pkg), cc_stakeholders,
    )
    message, notes = what_to_send(folder, fresh, pkg.markdown_files()["letter.md"])
    return pkg, message, [*notes, *(str(w) for w in pkg.warnings), *dated_in_the_past(pkg)]


def dated_in_the_past(pkg: Bundle) -> list[str]:
    """A letter whose end or payment date has passed reads oddly: say so before sending."""
    import datetime as dt

    from parting.core.fmt import format_date

    today = dt.date.today()
    s = pkg.settlement
    out = []
    for what, day in (("end date", pkg.case.end_date), ("payment due date", s.due_date)):
        if day < today:
            out.append(
                f"the letter's {what} ({format_date(day, 'en')}) is in the past; "
                "check the case file's dates before sending"
            )
    return out
