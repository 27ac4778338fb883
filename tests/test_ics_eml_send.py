"""transition.ics, letter.eml and `parting send` (issue 5), parsed back with icalendar and the
standard library; sending against a local aiosmtpd server started on 127.0.0.1."""

from __future__ import annotations

import re
import smtplib
import socket
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from parting.case.load import load_case
from parting.plan.package import Package
from parting.render import bundle as package
from parting.render.eml import AddressError, missing_addresses, render_eml
from parting.render.ics import render_ics
from parting.send import SendError, SmtpSettings, send

EXAMPLES = Path(__file__).parent.parent / "examples"
PDF = b"%PDF-1.7\n% stand-in settlement\n%%EOF\n"
NOW = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)


def build(path: Path) -> Package:
    return package.build(load_case(path))


def variant(tmp_path: Path, example: str, *replacements: tuple[str, str]) -> Package:
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / example
    path.write_text(text, encoding="utf-8")
    return build(path)


@pytest.fixture(scope="module")
def harbor() -> Package:
    return build(EXAMPLES / "harbor-foods.yaml")


@pytest.fixture(scope="module")
def kumo() -> Package:
    return build(EXAMPLES / "kumo-games.yaml")


@pytest.fixture
def japanese(tmp_path: Path) -> Package:
    """kumo-games with the names in Japanese script."""
    return variant(
        tmp_path,
        "kumo-games.yaml",
        ("name: Mika Sato", "name: 佐藤 美香"),
        ("name: Kumo Games K.K.", "name: 雲ゲームズ株式会社"),
        ("contact: Hiroshi Nakamura", "contact: 中村 浩"),
        ("salutation: Nakamura-san", "salutation: 中村様"),
        ("{name: Yuki Mori,", "{name: 森 由紀,"),
    )


def letter_html(pkg: Package) -> str:
    from parting.render.html import render_document_html

    return render_document_html(pkg, "letter")


def eml(pkg: Package, cc: bool = False) -> bytes:
    return render_eml(pkg, PDF, letter_html(pkg), cc_stakeholders=cc)


def parse(data: bytes) -> EmailMessage:
    msg = message_from_bytes(data, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def text_of(msg: EmailMessage, subtype: str) -> str:
    part = msg.get_body((subtype,))
    assert part is not None, subtype
    content = part.get_content()
    assert isinstance(content, str)
    return content


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


# --- transition.ics -------------------------------------------------------------------------


def test_ics_has_one_event_per_dated_step_with_end_and_payment_due(harbor: Package) -> None:
    found = events(render_ics(harbor))
    steps = harbor.transition.steps
    assert len(found) == len(steps)
    contract = [s for s in steps if s.kind in ("end", "payment_due")]
    assert len(found) == len([s for s in steps if s not in contract]) + 2
    starts = {str(e["summary"]): e.decoded("dtstart") for e in found}
    assert starts["Engagement ends (Harbor Foods website)"] == date(2026, 5, 31)
    assert starts["Final invoice payment due (Harbor Foods website)"] == date(2026, 6, 15)
    for event, step in zip(found, steps, strict=True):
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is date and type(end) is date  # all-day: VALUE=DATE
        assert start == step.date and end == step.date + timedelta(days=1)
        assert event.decoded("dtstamp") == datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
        assert str(event["summary"]).startswith(step.title)
        assert step.detail in str(event["description"])
        assert str(event["transp"]) == "TRANSPARENT"


def test_ics_calendar_properties_and_wire_format(harbor: Package) -> None:
    data = render_ics(harbor)
    cal = Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0"
    assert str(cal["prodid"]).startswith("-//parting//")
    assert str(cal["x-wr-calname"]) == "Transition plan: Harbor Foods website"
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75  # folded by icalendar
    assert b"May 31\\, 2026" in data  # commas escaped, dates as the plan writes them


def test_ics_uids_unique_stable_and_bytes_identical(harbor: Package) -> None:
    first, second = render_ics(harbor), render_ics(harbor)
    assert first == second
    uids = [str(e["uid"]) for e in events(first)]
    assert len(set(uids)) == len(uids)
    assert uids == [str(e["uid"]) for e in events(second)]
    again = build(EXAMPLES / "harbor-foods.yaml")  # a fresh build, same bytes
    assert render_ics(again) == first


def test_ics_uids_survive_a_moved_end_date(harbor: Package, tmp_path: Path) -> None:
    moved = variant(tmp_path, "harbor-foods.yaml", ("end_date: 2026-05-31", "end_date: 2026-06-12"))
    before = {str(e["summary"]): str(e["uid"]) for e in events(render_ics(harbor))}
    after = {
        str(e["summary"]): (str(e["uid"]), e.decoded("dtstart")) for e in events(render_ics(moved))
    }
    uid, start = after["Engagement ends (Harbor Foods website)"]
    assert uid == before["Engagement ends (Harbor Foods website)"]  # updated, not duplicated
    assert start == date(2026, 6, 12)


def test_ics_japanese_text_survives(japanese: Package) -> None:
    found = events(render_ics(japanese))
    text = " ".join(f"{e['summary']} {e['description']}" for e in found)
    assert "中村 浩" in text and "佐藤 美香" in text and "雲ゲームズ株式会社" in text
    assert "May 31, 2026" in text
    ends = [e for e in found if str(e["summary"]).startswith("Engagement ends")]
    assert [e.decoded("dtstart") for e in ends] == [date(2026, 5, 31)]


# --- letter.eml -----------------------------------------------------------------------------


def test_eml_headers(harbor: Package) -> None:
    msg = parse(eml(harbor))
    assert str(msg["From"]) == "Sam Rivera <sam@rivera.example>"
    assert str(msg["To"]) == "Dana Whitfield <dana@harborfoods.example>"
    assert str(msg["Subject"]) == harbor.letter.subject
    assert str(msg["Subject"]) == "Harbor Foods website: ending our work together on May 31"
    assert str(msg["X-Unsent"]) == "1"
    assert str(msg["Date"]) == "Fri, 01 May 2026 09:00:00 +0000"
    assert re.fullmatch(r"<[0-9a-f]{32}\.letter@rivera\.example>", str(msg["Message-ID"]))
    assert "Cc" not in msg


def test_eml_cc_every_stakeholder_with_an_email_when_asked(kumo: Package, tmp_path: Path) -> None:
    msg = parse(eml(kumo, cc=True))
    cc = [a.addr_spec for a in msg["Cc"].addresses]
    assert cc == [s.email for s in kumo.case.stakeholders]
    assert cc == ["mori@kumogames.example", "okafor@kumogames.example"]
    no_email = variant(
        tmp_path,
        "kumo-games.yaml",
        (", email: mori@kumogames.example}", "}"),
    )
    cc = [a.addr_spec for a in parse(eml(no_email, cc=True))["Cc"].addresses]
    assert cc == ["okafor@kumogames.example"]


def test_eml_structure_alternatives_and_attachment(harbor: Package) -> None:
    msg = parse(eml(harbor))
    assert msg.get_content_type() == "multipart/mixed"
    alternative, _attachment = msg.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in alternative.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    plain, html = text_of(msg, "plain"), text_of(msg, "html")
    assert "$1,782.50" in plain and "$1,782.50" in html
    assert plain.startswith("Hi Dana,")  # the Subject is a header, not a body line
    assert "<html" in html.lower()
    attachments = list(msg.iter_attachments())
    assert len(attachments) == 1
    (pdf,) = attachments
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == "settlement.pdf"
    assert pdf.get_content() == PDF


def test_eml_wire_format_deterministic(harbor: Package) -> None:
    data = eml(harbor, cc=True)
    assert data == eml(harbor, cc=True)
    assert data != eml(harbor)  # Cc changes the message, so its Message-ID
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF throughout
    assert data.isascii()  # 7-bit: quoted-printable text, base64 PDF
    assert max(len(line) for line in data.split(b"\r\n")) <= 78
    assert b"MIME-Version" not in data.split(b"\r\n\r\n", 1)[1]  # once, at the top


def test_eml_with_the_real_settlement_pdf(harbor: Package) -> None:
    from parting.render.pdf import render_settlement_pdf

    pdf = render_settlement_pdf(harbor)
    msg = parse(render_eml(harbor, pdf, letter_html(harbor)))
    (attachment,) = msg.iter_attachments()
    assert attachment.get_content() == pdf
    assert pdf.startswith(b"%PDF")


def test_eml_japanese_names_survive(japanese: Package) -> None:
    data = eml(japanese, cc=True)
    assert data.isascii()  # RFC 2047 in headers, quoted-printable bodies
    msg = parse(data)
    assert msg["From"].addresses[0].display_name == "佐藤 美香"
    assert msg["To"].addresses[0].display_name == "中村 浩"
    assert [a.display_name for a in msg["Cc"].addresses] == ["森 由紀", "Daniel Okafor"]
    assert str(msg["Subject"]) == japanese.letter.subject
    assert "May 31" in str(msg["Subject"])
    plain, html = text_of(msg, "plain"), text_of(msg, "html")
    assert plain.startswith("Hi 中村様,")
    for body in (plain, html):
        assert "中村様" in body and "佐藤 美香" in body
        assert "¥166,117" in body  # the refund, in ja_JP


def test_eml_kumo_subject_decodes_exactly(kumo: Package) -> None:
    # A long subject that ends in a Japanese date: folding must add no space.
    msg = parse(eml(kumo))
    assert str(msg["Subject"]) == kumo.letter.subject
    assert str(msg["Subject"]).endswith("our agreed end on May 31")


def test_eml_german_and_long_names_survive(tmp_path: Path) -> None:
    long_name = "Jürgen Müller-Lüdenscheidt, Leitung Vertrieb und Kundenservice Süd"
    pkg = variant(
        tmp_path,
        "harbor-foods.yaml",
        ("contact: Dana Whitfield", f'contact: "{long_name}"'),
        ("name: Sam Rivera", "name: Zoë Rivera-Brønsted"),
    )
    msg = parse(eml(pkg))
    assert msg["To"].addresses[0].display_name == long_name
    assert msg["To"].addresses[0].addr_spec == "dana@harborfoods.example"
    assert msg["From"].addresses[0].display_name == "Zoë Rivera-Brønsted"


def test_eml_missing_addresses_become_marked_placeholders(tmp_path: Path) -> None:
    pkg = variant(
        tmp_path,
        "harbor-foods.yaml",
        ("  email: sam@rivera.example\n", ""),
        ("  email: dana@harborfoods.example\n", ""),
    )
    assert missing_addresses(pkg.case) == ["provider.email", "client.email"]
    msg = parse(eml(pkg))
    assert str(msg["From"]) == "Sam Rivera <set-provider.email@parting.invalid>"
    assert str(msg["To"]) == "Dana Whitfield <set-client.email@parting.invalid>"
    with pytest.raises(SendError, match="placeholder"):
        send(eml(pkg), SmtpSettings.resolve(environ={}), dry_run=True)


def test_eml_malformed_address_is_an_error(tmp_path: Path) -> None:
    pkg = variant(
        tmp_path, "harbor-foods.yaml", ("email: dana@harborfoods.example", "email: dana at harbor")
    )
    with pytest.raises(AddressError, match=r"client\.email: not a usable e-mail address"):
        eml(pkg)


# --- SMTP settings --------------------------------------------------------------------------


def test_settings_from_environment_and_flags() -> None:
    env = {
        "PARTING_SMTP_HOST": "smtp.example.com",
        "PARTING_SMTP_USER": "sam",
        "PARTING_SMTP_PASSWORD": "secret",
    }
    s = SmtpSettings.resolve(environ=env)
    assert (s.host, s.port, s.security, s.user, s.password) == (
        "smtp.example.com",
        587,
        "starttls",
        "sam",
        "secret",
    )
    assert "secret" not in repr(s)
    assert SmtpSettings.resolve(environ=env | {"PARTING_SMTP_SSL": "1"}).port == 465
    s = SmtpSettings.resolve(host="mail.local", port=2525, environ=env)
    assert (s.host, s.port) == ("mail.local", 2525)
    s = SmtpSettings.resolve(environ={"PARTING_SMTP_HOST": "::1", "PARTING_SMTP_STARTTLS": "no"})
    assert (s.security, s.port, s.server) == ("none", 25, "[::1]:25 (unencrypted)")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PARTING_SMTP_SSL": "1", "PARTING_SMTP_STARTTLS": "1"}, "not both"),
        ({"PARTING_SMTP_PORT": "smtp"}, "expected a port number"),
        ({"PARTING_SMTP_PORT": "70000"}, "1 to 65535"),
        ({"PARTING_SMTP_SSL": "maybe"}, "PARTING_SMTP_SSL: expected 1 or 0"),
        ({"PARTING_SMTP_USER": "sam"}, "without a password"),
        ({"PARTING_SMTP_PASSWORD": "x"}, "without a user"),
        (
            {"PARTING_SMTP_USER": "s", "PARTING_SMTP_PASSWORD": "x", "PARTING_SMTP_STARTTLS": "0"},
            "refusing to send the SMTP password",
        ),
    ],
)
def test_settings_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(SendError, match=message):
        SmtpSettings.resolve(environ={"PARTING_SMTP_HOST": "smtp.example.com"} | env)


# --- sending --------------------------------------------------------------------------------


def test_dry_run_connects_nowhere(harbor: Package, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a dry run must not connect")

    monkeypatch.setattr(smtplib, "SMTP", refuse)
    monkeypatch.setattr(smtplib, "SMTP_SSL", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    settings = SmtpSettings.resolve(environ={"PARTING_SMTP_HOST": "smtp.example.com"})
    report = send(eml(harbor, cc=True), settings, dry_run=True, now=NOW)
    assert not report.sent
    assert report.recipients == ("dana@harborfoods.example", "priya@harborfoods.example")
    assert report.envelope_from == "sam@rivera.example"
    assert report.subject == harbor.letter.subject
    assert report.attachments == ("settlement.pdf",)
    assert report.server == "smtp.example.com:587 (STARTTLS)"
    assert report.date == "Mon, 04 May 2026 08:30:00 +0000"
    assert report.size > len(PDF)
    text = "\n".join(report.lines())
    assert "Dry run: nothing sent" in text and "priya@harborfoods.example" in text


def test_dry_run_without_a_server(harbor: Package) -> None:
    report = send(eml(harbor), SmtpSettings.resolve(environ={}), dry_run=True)
    assert report.recipients == ("dana@harborfoods.example",)
    assert "not configured" in report.server
    with pytest.raises(SendError, match="no SMTP server"):
        send(eml(harbor), SmtpSettings.resolve(environ={}), dry_run=False)


class Recorder:
    """An aiosmtpd handler that keeps every envelope; refuses recipients in `refuse`."""

    def __init__(self, refuse: tuple[str, ...] = ()) -> None:
        self.envelopes: list[Any] = []
        self.refuse = refuse

    async def handle_RCPT(  # aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def smtp_server() -> Iterator[tuple[Any, Recorder]]:
    from aiosmtpd.controller import Controller

    handler = Recorder(refuse=("okafor@kumogames.example",))
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


def local(controller: Any, **kwargs: Any) -> SmtpSettings:
    return SmtpSettings.resolve(
        host="127.0.0.1", port=controller.port, starttls=False, timeout=5, environ={}, **kwargs
    )


def test_send_delivers_what_was_rendered(
    harbor: Package, smtp_server: tuple[Any, Recorder]
) -> None:
    controller, handler = smtp_server
    rendered = eml(harbor, cc=True)
    report = send(rendered, local(controller), dry_run=False, now=NOW)
    assert report.sent and report.refused == {}
    assert report.server == f"127.0.0.1:{controller.port} (unencrypted)"
    (envelope,) = handler.envelopes
    assert envelope.mail_from == "sam@rivera.example"
    assert envelope.rcpt_tos == ["dana@harborfoods.example", "priya@harborfoods.example"]
    received, original = parse(envelope.content), parse(rendered)
    for header in ("From", "To", "Cc", "Subject", "Message-ID"):
        assert str(received[header]) == str(original[header])
    assert str(received["Subject"]) == harbor.letter.subject
    assert "X-Unsent" not in received  # a draft marker, not for the recipient
    assert str(received["Date"]) == "Mon, 04 May 2026 08:30:00 +0000"
    # Everything else arrives byte for byte.
    expected = rendered.replace(b"X-Unsent: 1\r\n", b"").replace(
        b"Date: Fri, 01 May 2026 09:00:00 +0000", b"Date: Mon, 04 May 2026 08:30:00 +0000"
    )
    assert envelope.content.rstrip(b"\r\n") == expected.rstrip(b"\r\n")
    assert report.size == len(expected)


def test_send_japanese_message(japanese: Package, smtp_server: tuple[Any, Recorder]) -> None:
    controller, handler = smtp_server
    report = send(eml(japanese, cc=True), local(controller), dry_run=False, now=NOW)
    # The server refuses one Cc; the message went to the others.
    assert set(report.refused) == {"okafor@kumogames.example"}
    assert "550" in report.refused["okafor@kumogames.example"]
    (envelope,) = handler.envelopes
    assert envelope.rcpt_tos == ["nakamura@kumogames.example", "mori@kumogames.example"]
    received = parse(envelope.content)
    assert received["To"].addresses[0].display_name == "中村 浩"
    assert str(received["Subject"]) == japanese.letter.subject
    assert "中村様" in text_of(received, "plain")


def test_send_every_recipient_refused(tmp_path: Path, smtp_server: tuple[Any, Recorder]) -> None:
    controller, handler = smtp_server
    pkg = variant(
        tmp_path,
        "kumo-games.yaml",
        ("email: nakamura@kumogames.example", "email: okafor@kumogames.example"),
    )
    with pytest.raises(SendError, match=r"refused every recipient: okafor@kumogames\.example: 550"):
        send(eml(pkg), local(controller), dry_run=False)
    assert handler.envelopes == []


def test_send_starttls_not_offered(harbor: Package, smtp_server: tuple[Any, Recorder]) -> None:
    controller, handler = smtp_server
    settings = SmtpSettings.resolve(host="127.0.0.1", port=controller.port, timeout=5, environ={})
    assert settings.security == "starttls"
    with pytest.raises(SendError, match="does not offer STARTTLS"):
        send(eml(harbor), settings, dry_run=False)
    assert handler.envelopes == []


def test_send_with_login_on_loopback(harbor: Package) -> None:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    logins: list[tuple[bytes, bytes]] = []

    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        assert isinstance(data, LoginPassword)
        logins.append((data.login, data.password))
        return AuthResult(success=data.password == b"right", handled=False)

    handler = Recorder()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=authenticator,
        auth_require_tls=False,
        auth_exclude_mechanism=["LOGIN"],  # PLAIN only: one attempt per login
    )
    controller.start()
    try:
        good = local(controller, user="sam", password="right")
        send(eml(harbor), good, dry_run=False)
        assert len(handler.envelopes) == 1
        bad = local(controller, user="sam", password="wrong")
        with pytest.raises(SendError, match="refused the login as 'sam'"):
            send(eml(harbor), bad, dry_run=False)
    finally:
        controller.stop()
    assert logins == [(b"sam", b"right"), (b"sam", b"wrong")]
    assert len(handler.envelopes) == 1


def test_send_nothing_listening(harbor: Package) -> None:
    settings = SmtpSettings.resolve(
        host="127.0.0.1", port=free_port(), starttls=False, timeout=5, environ={}
    )
    with pytest.raises(SendError, match=r"cannot connect to 127\.0\.0\.1"):
        send(eml(harbor), settings, dry_run=False)


# --- the commands ------------------------------------------------------------------------


def test_parting_send_command_delivers_to_a_local_server(
    smtp_server: tuple[Any, Recorder], monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import DATA, run_cli

    controller, handler = smtp_server
    monkeypatch.setenv("PARTING_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PARTING_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("PARTING_SMTP_STARTTLS", "false")
    result = run_cli("send", DATA / "harbor-foods.yaml", "--cc-stakeholders")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Sent")
    (envelope,) = handler.envelopes
    assert sorted(envelope.rcpt_tos) == ["dana@harborfoods.example", "priya@harborfoods.example"]
    assert envelope.mail_from == "sam@rivera.example"


def test_parting_send_dry_run_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import DATA, run_cli

    monkeypatch.delenv("PARTING_SMTP_HOST", raising=False)
    result = run_cli("send", DATA / "harbor-foods.yaml", "--dry-run")
    assert result.exit_code == 0
    assert "Dry run: nothing sent" in result.stdout
    assert "To:          dana@harborfoods.example" in result.stdout
    result = run_cli("send", DATA / "harbor-foods.yaml")
    assert result.exit_code == 2
    assert "error: no SMTP server: set PARTING_SMTP_HOST or --smtp-host" in result.stderr


def test_plan_cc_and_no_documents(tmp_path: Path) -> None:
    from conftest import DATA, run_cli

    out = tmp_path / "pkg"
    result = run_cli("plan", DATA / "harbor-foods.yaml", "--out", out, "--cc-stakeholders")
    assert result.exit_code == 0
    message = message_from_bytes((out / "letter.eml").read_bytes(), policy=policy.default)
    assert message["Cc"] == "Priya Shah <priya@harborfoods.example>"
    lean = tmp_path / "lean"
    result = run_cli("plan", DATA / "harbor-foods.yaml", "--out", lean, "--no-documents")
    assert result.exit_code == 0
    assert sorted(p.suffix for p in lean.iterdir()) == [".csv", ".json", ".json"] + [".md"] * 6


def test_send_sends_the_edited_letter_eml_of_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import DATA, run_cli

    monkeypatch.delenv("PARTING_SMTP_HOST", raising=False)
    case = tmp_path / "harbor.yaml"
    case.write_bytes((DATA / "harbor-foods.yaml").read_bytes())
    assert run_cli("plan", case).exit_code == 0  # writes harbor-package beside the case
    eml = tmp_path / "harbor-package" / "letter.eml"
    data = eml.read_bytes()
    eml.write_bytes(data.replace(b"Subject: Harbor Foods website", b"Subject: Our Harbor site", 1))
    result = run_cli("send", case, "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert "Subject:     Our Harbor site" in result.stdout
    assert f"sending {eml} as edited" in result.stderr
    # the letter's dates lie before today (the bundled case is of May 2026)
    assert "the letter's end date (May 31, 2026) is in the past" in result.stderr


def test_send_refuses_a_letter_md_edited_when_letter_eml_was_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import DATA, run_cli

    monkeypatch.delenv("PARTING_SMTP_HOST", raising=False)
    case = tmp_path / "harbor.yaml"
    case.write_bytes((DATA / "harbor-foods.yaml").read_bytes())
    out = tmp_path / "pkg"
    assert run_cli("plan", case, "--out", out, "--no-documents").exit_code == 0
    md = out / "letter.md"
    lines = md.read_text(encoding="utf-8").splitlines()
    lines[2] = "Hi Dana, a word first."
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # --no-documents wrote no letter.eml: nothing edited there to send
    assert "no package at" in run_cli("send", case, "--package", out, "--dry-run").stderr
    assert run_cli("plan", case, "--out", out, "--force").exit_code == 0
    md.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("send", case, "--package", out, "--dry-run")
    assert result.exit_code == 2
    assert f"error: {md} was edited (line 3 differs from what parting wrote) but letter.eml" in (
        result.stderr
    )
