"""`parting check` and `parting rules` from the outside: inputs (text, Markdown, .eml, stdin),
exit status, the text report, JSON validated against output.schema.json, --explain for every
rule code."""

from __future__ import annotations

import json
import subprocess
import sys
from email.message import EmailMessage
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, run_cli
from parting.case.load import load_case
from parting.check.cli_io import blank_markdown, html_to_text, read_draft
from parting.check.rules import PRINCIPLES, all_rules, get_rule
from parting.cli import app
from parting.facts.rules import all_fact_rules
from parting.render import bundle as package

KEYS = list(PRINCIPLES)

HEDGED = """\
Hi Dana,

I was wondering if maybe we could wrap things up at some point soon.

Thanks,
Sam
"""


@cache
def letter() -> str:
    """The letter `parting plan` writes for the bundled example: meant to pass all seven."""
    case = load_case(EXAMPLES / "harbor-foods.yaml")
    text = package.build(case).files()["letter.md"]
    assert isinstance(text, str)
    return text


@cache
def schema() -> dict[str, Any]:
    text = files("parting").joinpath("check/output.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate(result: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(schema()).validate(result)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def results(stdout: str) -> list[dict[str, Any]]:
    lines = [line for line in stdout.splitlines() if line.strip()]
    parsed = [json.loads(line) for line in lines]
    for result in parsed:
        validate(result)
    return parsed


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in `text`."""
    return line_column(text, text.index(needle))


def line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def assert_spans_point_into(source: str, result: dict[str, Any]) -> None:
    for key in KEYS:
        for span in result["principles"][key]["evidence"]:
            assert source[span["start"] : span["end"]] == span["text"]
    for finding in result["findings"]:
        assert source[finding["start"] : finding["end"]] == finding["text"]
        assert (finding["line"], finding["column"]) == line_column(source, finding["start"])


# --- exit status ----------------------------------------------------------------------------


def test_good_letter_passes_with_exit_0(tmp_path: Path) -> None:
    draft = write(tmp_path / "letter.txt", letter())
    result = run_cli("check", draft)
    assert result.exit_code == 0, result.stdout
    assert result.stderr == ""
    assert "score:" in result.stdout and "PASS" in result.stdout


def test_good_letter_json_has_every_principle_ok(tmp_path: Path) -> None:
    draft = write(tmp_path / "letter.txt", letter())
    result = run_cli("check", draft, "--format", "json")
    assert result.exit_code == 0
    (out,) = results(result.stdout)
    assert out["file"] == str(draft)
    assert list(out["principles"]) == KEYS
    assert all(out["principles"][k]["ok"] for k in KEYS)
    assert not any(f["severity"] == "error" for f in out["findings"])
    assert 0 <= out["score"] <= 100
    assert_spans_point_into(letter(), out)


def test_hedged_draft_fails_with_exit_1_and_p3xx_at_line_and_column(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.txt", HEDGED)
    result = run_cli("check", draft)
    assert result.exit_code == 1
    line, column = position(HEDGED, "maybe")
    assert f"{draft}:{line}:{column}: P301 " in result.stdout
    suggestion = get_rule("P301").suggestion
    assert suggestion is not None
    assert f'  "maybe" -> {" ".join(suggestion.split())}' in result.stdout
    assert "FAIL" in result.stdout

    out = results(run_cli("check", draft, "--format", "json").stdout)[0]
    hedges = [f for f in out["findings"] if f["code"].startswith("P3")]
    assert hedges, out["findings"]
    maybe = next(f for f in hedges if f["text"] == "maybe")
    assert (maybe["line"], maybe["column"]) == (line, column)
    assert maybe["principle"] == "direct"
    assert_spans_point_into(HEDGED, out)


def test_missing_file_exits_2_with_one_error_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = run_cli("check", missing)
    assert result.exit_code == 2
    assert result.stderr == f"error: {missing}: no such file\n"
    assert result.stdout == ""


def test_not_utf8_exits_2(tmp_path: Path) -> None:
    draft = tmp_path / "latin1.txt"
    draft.write_bytes("Bonjour,\nJe mets fin à notre contrat.\n".encode("latin-1"))
    result = run_cli("check", draft)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {draft}: not UTF-8 text (byte 0xe0 on line 2)")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"])
def test_empty_file_exits_2(tmp_path: Path, content: bytes) -> None:
    draft = tmp_path / "empty.txt"
    draft.write_bytes(content)
    result = run_cli("check", draft)
    assert result.exit_code == 2
    assert result.stderr == f"error: {draft}: is empty; there is no draft to check\n"


def test_directory_exits_2(tmp_path: Path) -> None:
    result = run_cli("check", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path}: is a directory, not a draft\n"


def test_unknown_option_exits_2(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.txt", HEDGED)
    result = run_cli("check", draft, "--colour")
    assert result.exit_code == 2
    assert "No such option: --colour" in result.stderr


def test_unknown_format_exits_2(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.txt", HEDGED)
    result = run_cli("check", draft, "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.stderr


def test_no_file_exits_2() -> None:
    result = run_cli("check")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: give at least one FILE")


def test_unreadable_file_among_good_ones_still_reports_the_others(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", letter())
    missing = tmp_path / "missing.txt"
    result = run_cli("check", good, missing, "--format", "json")
    assert result.exit_code == 2  # an input error outranks the verdicts
    assert [r["file"] for r in results(result.stdout)] == [str(good)]
    assert result.stderr == f"error: {missing}: no such file\n"


# --- several files, JSON Lines --------------------------------------------------------------


def test_several_files_give_json_lines_in_order(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", letter())
    hedged = write(tmp_path / "hedged.txt", HEDGED)
    md = write(tmp_path / "letter.md", letter())
    result = run_cli("check", good, hedged, md, "--format", "json")
    assert result.exit_code == 1  # one of them fails
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    parsed = results(result.stdout)
    assert [r["file"] for r in parsed] == [str(good), str(hedged), str(md)]
    assert parsed[0]["principles"]["direct"]["ok"] is True
    assert any(f["code"].startswith("P3") for f in parsed[1]["findings"])


def test_several_files_in_text_end_with_a_tally(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", letter())
    hedged = write(tmp_path / "hedged.txt", HEDGED)
    result = run_cli("check", good, hedged)
    assert result.exit_code == 1
    assert result.stdout.rstrip().endswith("2 files: 1 pass, 1 fail")
    assert f"{good}: 7 of 7 principles hold" in result.stdout


# --- the text report ------------------------------------------------------------------------


def test_text_report_has_findings_then_the_seven_principles_then_the_score(
    tmp_path: Path,
) -> None:
    draft = write(tmp_path / "draft.txt", HEDGED)
    out = run_cli("check", draft).stdout
    lines = out.splitlines()
    first_table_row = next(i for i, line in enumerate(lines) if line.startswith("  status "))
    assert lines[0].startswith(f"{draft}:")  # a finding comes first
    rows = lines[first_table_row : first_table_row + 7]
    assert [row.split()[0] for row in rows] == KEYS
    for row in rows:
        assert row.split()[1] in ("ok", "missing")
    assert lines[first_table_row + 7].startswith("score: ")
    assert "\x1b[" not in out  # no colour when not a terminal


def test_text_report_quotes_evidence_with_its_line(tmp_path: Path) -> None:
    draft = write(tmp_path / "letter.txt", letter())
    out = run_cli("check", draft).stdout
    status_row = next(line for line in out.splitlines() if line.startswith("  status "))
    assert " line " in status_row and '"' in status_row


# --- stdin, Markdown, e-mail ----------------------------------------------------------------


def test_stdin() -> None:
    result = CliRunner().invoke(app, ["check", "-", "--format", "json"], input=HEDGED)
    assert result.exit_code == 1
    (out,) = results(result.stdout)
    assert out["file"] == "<stdin>"
    assert_spans_point_into(HEDGED, out)


def test_stdin_as_eml() -> None:
    message = eml_message(letter(), subject="Ending our engagement")
    result = CliRunner().invoke(
        app, ["check", "--as", "eml", "-", "--format", "json"], input=message.as_bytes()
    )
    assert result.exit_code == 0, result.stdout
    assert results(result.stdout)[0]["file"] == "<stdin>"


def test_stdin_in_a_real_process() -> None:
    exe = Path(sys.executable).with_name("parting")
    proc = subprocess.run(
        [str(exe), "check", "-"], input=HEDGED.encode(), capture_output=True, check=False
    )
    assert proc.returncode == 1
    assert b"<stdin>:3:20: P301 " in proc.stdout


def test_markdown_offsets_point_into_the_file(tmp_path: Path) -> None:
    text = "Hi Dana,\n\nI was wondering if **maybe** we could _wrap up_ at some point.\n"
    draft = write(tmp_path / "draft.md", text)
    out = results(run_cli("check", draft, "--format", "json").stdout)[0]
    maybe = next(f for f in out["findings"] if f["code"] == "P301")
    assert (maybe["line"], maybe["column"]) == position(text, "maybe")
    assert text[maybe["start"] : maybe["end"]] == "maybe"
    assert_spans_point_into(text, out)


def test_markdown_letter_passes(tmp_path: Path) -> None:
    draft = write(tmp_path / "letter.md", letter())
    result = run_cli("check", draft, "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert_spans_point_into(letter(), results(result.stdout)[0])


def test_blank_markdown_keeps_length_and_lines() -> None:
    source = (
        "# Ending **our** engagement\n\n"
        '> I am _ending_ it on [31 May](https://example.com/cal "cal").\n'
        "<!-- draft -->\n"
        "Run `make handover`, keep <date> as it is.\n\n"
        "```\n**kept** in code\n```\n"
    )
    blanked = blank_markdown(source)
    assert len(blanked) == len(source)
    assert [len(x) for x in blanked.split("\n")] == [len(x) for x in source.split("\n")]
    assert blanked.split("\n")[0] == "  Ending   our   engagement"
    assert "I am  ending  it on  31 May " in blanked
    assert "https" not in blanked and "draft" not in blanked and "`" not in blanked.split("```")[0]
    assert "<date>" in blanked
    assert "**kept** in code" in blanked


def eml_message(body: str, subject: str, html: bool = False) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Sam Rivera <sam@rivera.example>"
    message["To"] = "Dana Whitfield <dana@harbor.example>"
    message["Subject"] = subject
    if html:
        paragraphs = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>\n" for p in body.split("\n\n"))
        message.set_content(
            f"<html><head><style>p {{margin: 0}}</style></head><body>{paragraphs}</body></html>",
            subtype="html",
        )
    else:
        message.set_content(body)
    return message


def test_eml_with_non_ascii_subject_and_body(tmp_path: Path) -> None:
    body = letter().replace("Dana", "Dána") + "\nMerci — à bientôt, 5 € de café.\n"
    subject = "Fin de notre collaboration — Harbor Foods, 31 mai"
    path = tmp_path / "letter.eml"
    path.write_bytes(eml_message(body, subject).as_bytes())
    assert b"=?utf-8?" in path.read_bytes()  # the subject really is RFC 2047-encoded

    draft = read_draft(str(path))
    assert draft.kind == "eml"
    assert draft.text.startswith(f"Subject: {subject}\n\n")
    assert "Merci — à bientôt, 5 € de café." in draft.text
    assert "From:" not in draft.text and "Content-Transfer-Encoding" not in draft.text

    result = run_cli("check", path, "--format", "json")
    assert result.exit_code == 0, result.stdout
    out = results(result.stdout)[0]
    assert out["file"] == str(path)
    assert_spans_point_into(draft.text, out)


def test_eml_subject_counts_as_text(tmp_path: Path) -> None:
    path = tmp_path / "hedge.eml"
    message = eml_message("Hi Dana,\n\nThanks.\n", subject="Maybe we could wrap up?")
    path.write_bytes(message.as_bytes())
    out = results(run_cli("check", path, "--format", "json").stdout)[0]
    maybe = next(f for f in out["findings"] if f["code"] == "P301")
    assert (maybe["line"], maybe["column"]) == (1, len("Subject: ") + 1)


def test_eml_with_only_an_html_part(tmp_path: Path) -> None:
    path = tmp_path / "letter.eml"
    message = eml_message(letter(), "Ending our engagement", html=True)
    assert message.get_body(preferencelist=("plain",)) is None
    path.write_bytes(message.as_bytes())

    draft = read_draft(str(path))
    assert "<p>" not in draft.text and "margin" not in draft.text
    assert "\n\n" in draft.text  # paragraphs survive

    result = run_cli("check", path, "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert_spans_point_into(draft.text, results(result.stdout)[0])


def test_eml_prefers_the_plain_part(tmp_path: Path) -> None:
    message = eml_message("Plain words here.", "Hello")
    message.add_alternative("<p>HTML words here.</p>", subtype="html")
    path = tmp_path / "alt.eml"
    path.write_bytes(message.as_bytes())
    assert read_draft(str(path)).text == "Subject: Hello\n\nPlain words here.\n"


def test_eml_without_a_text_part_exits_2(tmp_path: Path) -> None:
    message = EmailMessage()
    message["Subject"] = "Files"
    message.set_content(b"\x89PNG....", maintype="image", subtype="png")
    path = tmp_path / "image.eml"
    path.write_bytes(message.as_bytes())
    result = run_cli("check", path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}: the message has no text/plain or text/html part\n"


def test_html_to_text() -> None:
    html = (
        "<div>Hi&nbsp;Dana,</div><p>Line one<br>line two</p>"
        "<ul><li>Files</li><li>Keys</li></ul><script>x()</script>"
    )
    assert html_to_text(html) == "Hi Dana,\n\nLine one\nline two\n\n- Files\n- Keys"


# --- schema ---------------------------------------------------------------------------------


def test_output_schema_is_valid_and_strict() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["properties"]["principles"]["required"] == KEYS
    bad = {"file": "x", "principles": {}, "findings": [], "score": 101}
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)


# --- rules and --explain --------------------------------------------------------------------


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_explain_every_code(rule: Any) -> None:
    result = run_cli("check", "--explain", rule.code)
    assert result.exit_code == 0
    out = result.stdout
    assert rule.code in out and rule.principle in out
    assert " ".join(rule.why.split())[:40] in " ".join(out.split())
    assert rule.examples_fail[0] in out
    assert rule.examples_pass[0] in out


def test_explain_is_case_insensitive() -> None:
    assert (
        run_cli("check", "--explain", "p301").stdout == run_cli("check", "--explain", "P301").stdout
    )


def test_explain_unknown_code_exits_2() -> None:
    result = run_cli("check", "--explain", "P999")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: unknown rule code 'P999'; run `parting rules` to list every code\n"
    )


def test_rules_lists_every_code_once() -> None:
    result = run_cli("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    every = [*all_rules(), *all_fact_rules()]  # the facts family (--case) last
    assert [line.split()[0] for line in lines] == [r.code for r in every]
    for line, rule in zip(lines, every, strict=True):
        fields = line.split()
        assert fields[1:4] == [rule.name, rule.principle, rule.severity]
        assert line.endswith(rule.message)


def test_a_whole_draft_finding_gives_the_suggestion_without_quoting(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.txt", HEDGED)
    lines = run_cli("check", draft).stdout.splitlines()
    document_rules = [r for r in all_rules() if getattr(r, "scope", "span") == "document"]
    shown = [r for r in document_rules if any(f": {r.code} " in line for line in lines)]
    assert shown, "the hedged draft lacks status, money and next steps"
    for rule in shown:
        index = next(i for i, line in enumerate(lines) if f": {rule.code} " in line)
        assert rule.suggestion is not None
        assert lines[index + 1] == f"  -> {' '.join(rule.suggestion.split())}"


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from parting.check import report

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert report.use_colour(Terminal())
    assert not report.use_colour(sys.stdout if not sys.stdout.isatty() else object())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not report.use_colour(Terminal())
    assert report.Style(True).red("missing") == "\x1b[31mmissing\x1b[0m"
    assert report.Style(False).red("missing") == "missing"


def test_rules_reference_documents_every_code() -> None:
    text = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text("utf-8")
    for rule in all_rules():
        section = text.split(f"\n## {rule.code} {rule.name}\n", 1)[1].split("\n## ", 1)[0]
        for heading in ("### What it does", "### Why", "### Example", "### Use instead"):
            assert heading in section, (rule.code, heading)
        assert rule.examples_fail[0].strip() in section
        assert rule.examples_pass[0].strip() in section


def test_crlf_markdown_keeps_its_line_breaks_and_columns(tmp_path: Path) -> None:
    text = "Title\r\n-----\r\n\r\n***\r\nI was wondering if **maybe** we could stop.\r\n"
    assert blank_markdown(text).split("\r\n") == [
        "Title", "     ", "", "   ", "I was wondering if   maybe   we could stop.", ""
    ]  # fmt: skip
    draft = tmp_path / "crlf.md"
    draft.write_bytes(text.encode("utf-8"))
    out = results(run_cli("check", draft, "--format", "json").stdout)[0]
    maybe = next(f for f in out["findings"] if f["code"] == "P301")
    assert (maybe["line"], maybe["column"]) == (5, 22)
    assert text[maybe["start"] : maybe["end"]] == "maybe"


ANGRY = (
    "On Tue, 2 May 2026 at 09:14, Dana Whitfield <dana@harborfoods.example> wrote:\n"
    "> your work has been sloppy and your team is incompetent\n"
    "> frankly pathetic\n"
)


@pytest.mark.parametrize("kind", ["text", "eml"])
def test_quoted_mail_in_a_reply_is_not_the_writers_words(tmp_path: Path, kind: str) -> None:
    """A reply quoting the client's angry mail: the quote is context, never blamed on the
    writer (P5xx), and offsets still point into the draft as written."""
    body = letter() + "\n" + ANGRY
    if kind == "eml":
        path = tmp_path / "reply.eml"
        path.write_bytes(eml_message(body, "Re: the website").as_bytes())
    else:
        path = write(tmp_path / "reply.txt", body)
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    found = results(result.stdout)[0]
    assert not [f for f in found["findings"] if f["code"].startswith("P5")], found["findings"]
    assert result.exit_code == 0, result.stdout
    draft = read_draft(str(path))
    assert len(draft.text) == len(draft.source) and "sloppy" not in draft.text
    assert "sloppy" in draft.source


def test_the_writers_own_contempt_is_still_found(tmp_path: Path) -> None:
    body = letter().replace("Hi Dana,", "Hi Dana, your team is incompetent.", 1)
    assert body != letter()
    result = CliRunner().invoke(app, ["check", str(write(tmp_path / "d.txt", body))])
    assert "P502" in result.stdout


SPANISH = (
    "Estimada Sra. García:\n\nLe escribo para comunicarle que he decidido terminar nuestra "
    "colaboración en el proyecto de la tienda en línea. El último día de trabajo será el 31 de "
    "mayo de 2026. La página de inicio y el menú están terminados; el módulo de pedidos está al "
    "60 %. Le propongo dos opciones: reducir el alcance o una recomendación de otro estudio. La "
    "factura final de 1.782,50 € vence el 15 de junio. El 20 de mayo le transferiré el "
    "repositorio y el dominio.\n\nUn cordial saludo,\nSam\n"
)


def test_a_draft_in_another_language_is_not_judged(tmp_path: Path) -> None:
    """A correct Spanish letter got five false errors: now no verdict is made up."""
    path = write(tmp_path / "carta.txt", SPANISH)
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert (
        f"error: {path}: the draft seems to be in Spanish; parting check judges letters in "
        "English only, so nothing was judged"
    ) in result.stderr
    english = CliRunner().invoke(app, ["check", str(write(tmp_path / "l.txt", letter()))])
    assert english.exit_code == 0, english.stdout
