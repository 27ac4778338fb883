"""Reading drafts for `parting check`: plain text, Markdown, an RFC 5322 message (`.eml`) or
standard input, each turned into the one text the checker judges.

What the character offsets (`start`/`end`) and `line`/`column` of the results refer to:

- plain text: the file's text (decoded as UTF-8; a leading byte-order mark is dropped).
- Markdown (`.md`, `.markdown`): the file's text too. Markup that is not prose (heading marks,
  emphasis marks, link targets, inline-code backticks, HTML tags and comments) is replaced by
  spaces of the same length before judging, so every offset and line:column still points into
  the file as written.
- `.eml`: the text `Subject: <subject>` + blank line + the body, where the body is the
  `text/plain` part (or, when there is none, the `text/html` part converted to text). Offsets
  point into that text, which is what `--format json` calls the draft; the raw message, with
  its headers and transfer encodings, is not what the reader reads.
- `-` reads standard input as plain text (or as `--as markdown|eml` says).

Every problem is an `InputError` whose message starts with the file name, for the CLI's
`error: FILE: ...` line.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, Literal

from parting.core.errors import PartingError

Kind = Literal["text", "markdown", "eml"]
KINDS: tuple[str, ...] = ("auto", "text", "markdown", "eml")

STDIN = "-"
STDIN_NAME = "<stdin>"
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
EML_SUFFIXES = frozenset({".eml"})


class InputError(PartingError):
    """A draft cannot be read: missing, unreadable, not UTF-8, empty, not a message."""


@dataclass(frozen=True)
class Draft:
    """One draft ready to judge: `name` for the output, `text` for the checker (offsets are
    into it), `source` the text as written (equal to `text` except for Markdown, where `text`
    has the markup blanked out)."""

    name: str
    kind: Kind
    text: str
    source: str


def kind_of(name: str, requested: str = "auto") -> Kind:
    """The input kind: `requested` unless it is "auto", else by file suffix (stdin: text)."""
    if requested != "auto":
        if requested not in KINDS:
            raise ValueError(f"unknown input kind {requested!r}")
        return requested  # type: ignore[return-value]
    suffix = Path(name).suffix.lower() if name != STDIN else ""
    if suffix in EML_SUFFIXES:
        return "eml"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def read_draft(name: str, requested: str = "auto", stdin: BinaryIO | None = None) -> Draft:
    """Read one draft: a path, or `-` for standard input (`stdin`, default `sys.stdin`)."""
    kind = kind_of(name, requested)
    shown = STDIN_NAME if name == STDIN else name
    data = _read_bytes(name, shown, stdin)
    if kind == "eml":
        text = eml_to_text(data, shown)
        draft = Draft(shown, kind, blank_quoted(text), text)
    else:
        source = _decode(data, shown)
        judged = blank_markdown(source) if kind == "markdown" else source
        draft = Draft(shown, kind, blank_quoted(judged), source)
    _require_english(draft.text, shown)
    return draft


# The commonest short words of the languages a draft is likely to be in. The checker's rules
# are English; a verdict on another language would be made up, so it is refused instead.
_STOPWORD_LISTS = """
English: the and to of i you your we a in is that for it will on be with this
Spanish: el la los las de que y en un una por para con su sus es lo le se
German: der die das und ich sie wir ist nicht mit den dem zu ein eine für auf
French: le la les et de des un une que vous nous est pour dans avec votre sur
Italian: il la di che e un una per con non sono del della lo gli vostro
Portuguese: o a os as de que e um uma para com não do da em seu sua
Dutch: de het een en van ik u we is niet met voor op dat uw zijn
"""
_STOPWORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, _, words in (
        line.partition(": ") for line in _STOPWORD_LISTS.strip().splitlines()
    )
}


def _require_english(text: str, shown: str) -> None:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 30:
        return
    share = {
        language: sum(w in stop for w in words) / len(words)
        for language, stop in _STOPWORDS.items()
    }
    other = max((lang for lang in share if lang != "English"), key=lambda lang: share[lang])
    if share["English"] < 0.06 and share[other] > 0.15:
        raise InputError(
            f"{shown}: the draft seems to be in {other}; parting check judges letters in "
            "English only, so nothing was judged"
        )


# A reply quotes the mail it answers: "> ..." lines, the "On ... wrote:" line before them, and
# Outlook's "-----Original Message-----" with everything after it. Those are the other
# person's words, context for the reader, never the writer's: they are not judged.
_QUOTED_LINE = re.compile(r"(?m)^[ \t]*>.*$")
_ATTRIBUTION = re.compile(r"(?m)^[ \t]*On .{1,200}wrote:[ \t]*$")
_ORIGINAL = re.compile(r"(?im)^[ \t]*-{2,}[ \t]*(?:Original Message|Forwarded message)[ \t]*-{2,}")


def blank_quoted(text: str) -> str:
    """`text` with quoted mail replaced by spaces of the same length (line breaks kept), so
    that every offset still points into the draft as written."""
    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    original = _ORIGINAL.search(text)
    if original is not None:
        text = text[: original.start()] + blank_tail(text[original.start():])
    text = _ATTRIBUTION.sub(blank, text)
    return _QUOTED_LINE.sub(blank, text)


def blank_tail(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _read_bytes(name: str, shown: str, stdin: BinaryIO | None) -> bytes:
    if name == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            return stream.read()
        except OSError as exc:
            raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    path = Path(name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory, not a draft") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from None


def _decode(data: bytes, shown: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{shown}: not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "save the draft as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    return _require_text(text, shown)


def _require_text(text: str, shown: str) -> str:
    if "\x00" in text:
        raise InputError(f"{shown}: looks like a binary file, not a draft")
    if not text.strip():
        raise InputError(f"{shown}: is empty; there is no draft to check")
    return text


# --- Markdown -------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
_MD_MASKS: tuple[re.Pattern[str], ...] = (
    re.compile(r"<!--.*?-->", re.DOTALL),  # HTML comments
    # HTML tags (known names only, so a placeholder such as <date> stays)
    re.compile(
        r"</?(?:a|abbr|b|br|code|del|details|div|em|font|h[1-6]|hr|i|img|ins|kbd|li|ol|p|"
        r"pre|s|small|span|strong|sub|summary|sup|table|tbody|td|th|thead|tr|u|ul)"
        r"(?:\s[^<>]*)?/?>",
        re.IGNORECASE,
    ),
    re.compile(r"^ {0,3}#{1,6}(?=[ \t]|$)", re.MULTILINE),  # ATX heading marks
    re.compile(r"^ {0,3}(?:=+|-{2,})[ \t]*\r?$", re.MULTILINE),  # setext underlines
    re.compile(r"^ {0,3}(?:>[ \t]?)+", re.MULTILINE),  # block quote marks
    re.compile(r"^ {0,3}(?:[*_][ \t]*){3,}\r?$", re.MULTILINE),  # thematic breaks
    re.compile(r"(?<![\w*])\*{1,3}(?=\S)|(?<=\S)\*{1,3}(?![\w*])"),  # *emphasis* marks
    re.compile(r"(?<![\w_])_{1,3}(?=\S)|(?<=\S)_{1,3}(?![\w_])"),  # _emphasis_ marks
    re.compile(r"~~"),  # strikethrough marks
    re.compile(r"`+"),  # inline code backticks
)
_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]+\S.*$", re.MULTILINE)


def _spaces(match: re.Match[str]) -> str:
    return re.sub(r"[^\r\n]", " ", match.group(0))


def _link(match: re.Match[str]) -> str:
    label_start = match.start(1) - match.start(0)
    label_end = match.end(1) - match.start(0)
    whole = match.group(0)
    return " " * label_start + whole[label_start:label_end] + " " * (len(whole) - label_end)


def blank_markdown(source: str) -> str:
    """`source` with its Markdown markup replaced by spaces (newlines kept), so the text keeps
    its length and every offset and line:column. Fenced code blocks are left alone."""
    pieces: list[str] = []
    position = 0
    inside = False
    for fence in _FENCE.finditer(source):
        if not inside:
            pieces.append(_blank_prose(source[position : fence.start()]))
            position = fence.start()
        else:
            pieces.append(source[position : fence.start()])
            position = fence.start()
        inside = not inside
    tail = source[position:]
    pieces.append(tail if inside else _blank_prose(tail))
    text = "".join(pieces)
    assert len(text) == len(source)
    return text


def _blank_prose(text: str) -> str:
    text = _REF_DEF.sub(_spaces, text)
    text = _LINK.sub(_link, text)
    for pattern in _MD_MASKS:
        text = pattern.sub(_spaces, text)
    return text


# --- e-mail ---------------------------------------------------------------------------------


def eml_to_text(data: bytes, shown: str) -> str:
    """The judged text of an RFC 5322 message: "Subject: ..." + blank line + the body (the
    text/plain part, else the text/html part as text)."""
    import email
    from email import policy
    from email.message import EmailMessage

    try:
        message = email.message_from_bytes(data, policy=policy.default)
    except Exception as exc:  # the parser is lenient; this is a safety net
        raise InputError(f"{shown}: not an e-mail message: {exc}") from None
    assert isinstance(message, EmailMessage)
    if len(message) == 0:
        raise InputError(f"{shown}: not an e-mail message (no headers)")
    part = message.get_body(preferencelist=("plain",))
    html = False
    if part is None:
        part = message.get_body(preferencelist=("html",))
        html = True
    if part is None:
        raise InputError(f"{shown}: the message has no text/plain or text/html part")
    try:
        body = part.get_content()
    except (LookupError, UnicodeError) as exc:
        raise InputError(f"{shown}: cannot decode the message body: {exc}") from None
    if not isinstance(body, str):
        raise InputError(f"{shown}: the message body is not text")
    body = body.replace("\r\n", "\n")
    if html:
        body = html_to_text(body)
    subject = str(message.get("Subject", "") or "").strip()
    text = f"Subject: {subject}\n\n{body.strip()}\n" if subject else body.strip() + "\n"
    return _require_text(text, shown)


_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "blockquote", "pre", "table",
        "tr", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "address", "main",
    }
)  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "template"})


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Readable text from HTML: paragraphs and block elements become blank-line-separated
    paragraphs, `<br>` a line break, list items "- " lines; scripts and styles are dropped."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
