"""`parting serve` in a real browser (Playwright driving Debian's Chromium, as the document
tests do): the page's script, not only its routes. The server is the real command, started
in a subprocess on a free port with --no-browser (parting.web.running, as the bench and the
screenshots start it); its first line is the URL with the token.

Skipped where Chromium or Playwright is missing (README, "System packages")."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from parting.web.running import Served

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CASE = "harbor-foods.yaml"
MONEY = "$1,782.50"  # the example's balance due at 95/h
TIMEOUT = 20_000  # ms: the machine is small and shared

if not CHROMIUM.exists():
    pytest.skip("Chromium is not installed (sudo apt-get install chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
expect.set_options(timeout=TIMEOUT)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    folder = tmp_path_factory.mktemp("served")
    for path in EXAMPLES.iterdir():
        shutil.copy(path, folder)
    with Served(folder) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any, server: Served) -> Iterator[Any]:
    """The bundled example opened from the index, as a user does after `parting serve`;
    no script error, no request outside the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 800},
                                  accept_downloads=True)
    opened = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("request", lambda r: outside.append(r.url)
              if not r.url.startswith(server.base + "/") else None)
    opened.set_default_timeout(TIMEOUT)
    opened.goto(server.url)
    opened.get_by_role("link", name=CASE).click()
    expect(opened).to_have_url(f"{server.base}/case/{CASE}")
    opened.wait_for_load_state("load")  # the script too
    expect(opened.locator("#money")).to_have_text(MONEY)
    # a new user sees the form first; the tests below start from the YAML view
    expect(opened.locator("#form-view")).to_be_visible()
    opened.get_by_role("tab", name="YAML").click()
    expect(opened.locator("#text")).to_be_visible()
    try:
        yield opened
    finally:
        context.close()
    assert errors == [] and outside == []


def _edit(page: Any, old: str, new: str) -> str:
    """Replace `old` by `new` in the editor as typing would (an input event)."""
    text = page.locator("#text").input_value()
    assert old in text
    page.locator("#text").fill(text.replace(old, new))
    return str(text.replace(old, new))


def test_changing_the_hourly_rate_changes_the_balance(page: Any, server: Served) -> None:
    on_disk = (server.folder / CASE).read_bytes()
    _edit(page, "hourly_rate: 95", "hourly_rate: 105")
    money = page.locator("#money")
    expect(money).not_to_have_text(MONEY)
    higher = money.inner_text()
    assert higher.startswith("$") and higher != MONEY
    expect(page.locator('#files details[data-file="letter.md"] pre')).to_contain_text(higher)
    assert higher in page.locator("#letter").input_value()  # the draft to check follows
    expect(page.locator("#problems li")).to_have_count(0)
    assert (server.folder / CASE).read_bytes() == on_disk  # a preview writes nothing
    _edit(page, "hourly_rate: 105", "hourly_rate: 95")
    expect(money).to_have_text(MONEY)


def test_an_error_shows_beside_its_field_with_its_line(page: Any) -> None:
    text = _edit(page, "  hourly_rate: 95\n", "  hourly_rate: -5\n")
    line = text.splitlines().index("  hourly_rate: -5") + 1
    problem = page.locator(".editor #problems li").filter(has_text="contract.hourly_rate")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text(f"{CASE}:{line}")
    expect(page.locator("#text")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#live-status")).to_contain_text("problems")
    expect(page.locator("#headline")).to_have_class("headline stale")
    # beside the editor: right under the text box, in the same column, on screen
    box = page.locator("#text").bounding_box()
    shown = page.locator("#problems").bounding_box()
    assert abs(shown["x"] - box["x"]) < 40
    assert 0 <= shown["y"] - (box["y"] + box["height"]) < 40
    assert shown["y"] + 20 < page.viewport_size["height"]
    problem.get_by_role("button", name=f"go to line {line}").click()
    selected = page.locator("#text").evaluate(
        "t => t.value.substring(t.selectionStart, t.selectionEnd)")
    assert selected == "  hourly_rate: -5"
    _edit(page, "  hourly_rate: -5\n", "  hourly_rate: 95\n")
    expect(page.locator("#problems li")).to_have_count(0)
    expect(page.locator("#text")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#money")).to_have_text(MONEY)


def test_a_yaml_syntax_error_shows_its_line(page: Any) -> None:
    text = _edit(page, "  hourly_rate: 95\n", "  hourly_rate: [95\n")
    assert text  # the error is reported at the next line, where YAML notices it
    expect(page.locator("#problems li").first).to_contain_text("YAML syntax error")
    expect(page.locator("#problems li").first).to_contain_text(f"{CASE}:")


def test_a_hedge_added_to_the_letter_is_found(page: Any) -> None:
    page.locator("#check").click()
    verdict = page.locator("#verdict")
    expect(verdict).to_contain_text("Passes")  # the package's own letter
    letter = page.locator("#letter")
    draft = letter.input_value()
    assert "I've decided to end our work together" in draft
    letter.fill(draft.replace("I've decided to end our work together",
                              "I was wondering if maybe we could end our work together"))
    page.locator("#check").click()
    expect(verdict).not_to_contain_text("100/100")
    findings = page.locator("#findings li")
    hedge = findings.filter(has_text="P301")
    expect(hedge).to_have_count(1)
    expect(hedge).to_contain_text('"maybe"')
    expect(hedge).to_contain_text("line ")


def test_the_downloaded_zip_holds_the_bytes_parting_plan_writes(
    page: Any, server: Served, tmp_path: Path
) -> None:
    with page.expect_download() as info:
        page.locator("#download").click()
    download = info.value
    assert download.suggested_filename == "harbor-foods-package.zip"
    archive = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes()))
    out = tmp_path / "planned"
    result = run_cli("plan", str(server.folder / CASE), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    written = sorted(p.name for p in out.iterdir())
    assert sorted(n.removeprefix("harbor-foods-package/") for n in archive.namelist()) == written
    for name in written:
        assert archive.read(f"harbor-foods-package/{name}") == (out / name).read_bytes(), name


def test_saving_in_the_page_writes_the_file(page: Any, server: Served) -> None:
    text = _edit(page, "hourly_rate: 95", "hourly_rate: 95  # saved from the browser")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("p.saved")).to_contain_text("Saved")
    assert (server.folder / CASE).read_text(encoding="utf-8") == text
    expect(page.locator("#money")).to_have_text(MONEY)
    _edit(page, "hourly_rate: 95  # saved from the browser", "hourly_rate: 95")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("p.saved")).to_contain_text("previous version is kept")


def test_an_error_is_marked_beside_its_line_as_you_type(page: Any) -> None:
    """hourly_rate: "abc": a marker in the gutter on that line and the message at its end,
    on the line's own height; fixed, both go."""
    text = _edit(page, "  hourly_rate: 95\n", '  hourly_rate: "abc"\n')
    line = text.splitlines().index('  hourly_rate: "abc"') + 1
    page.locator("#text").evaluate("t => { t.scrollTop = 0; t.setSelectionRange(0, 0); }")
    note = page.locator(f'#notes .line-note[data-line="{line}"]')
    expect(note).to_have_count(1)
    expect(note).to_contain_text("contract.hourly_rate")
    expect(page.locator("#notes .line-note")).to_have_count(1)
    expect(page.locator(f'#gutter div[data-line="{line}"]')).to_have_class("bad")
    assert page.locator("#gutter .bad").count() == 1
    # on the line: the note's box is level with line `line` of the editor, right of its text
    top, height = page.locator("#text").evaluate(
        """(t, n) => { const cs = getComputedStyle(t); const r = t.getBoundingClientRect();
           const lh = parseFloat(cs.lineHeight);
           return [r.top + t.clientTop + parseFloat(cs.paddingTop) + (n - 1) * lh - t.scrollTop,
                   lh]; }""", line)
    box = note.bounding_box()
    assert abs(box["y"] - top) < 2 and abs(box["height"] - height) < 2
    text_box = page.locator("#text").bounding_box()
    assert text_box["x"] + 100 < box["x"] < text_box["x"] + text_box["width"]
    gutter_row = page.locator(f'#gutter div[data-line="{line}"]').bounding_box()
    assert abs(gutter_row["y"] - top) < 2
    _edit(page, '  hourly_rate: "abc"\n', "  hourly_rate: 95\n")
    expect(page.locator("#notes .line-note")).to_have_count(0)
    expect(page.locator("#gutter .bad")).to_have_count(0)
    expect(page.locator("#money")).to_have_text(MONEY)


def test_a_revision_is_restored_from_the_page(page: Any, server: Served) -> None:
    before = (server.folder / CASE).read_text(encoding="utf-8")
    _edit(page, "hourly_rate: 95", "hourly_rate: 120")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("p.saved")).to_contain_text("Saved")
    assert "hourly_rate: 120" in (server.folder / CASE).read_text(encoding="utf-8")
    page.locator("#revisions summary").click()
    newest = page.locator("#revisions li").first
    expect(newest.locator("time")).to_contain_text("UTC")
    newest.get_by_role("button", name="Restore").click()
    expect(page.locator("p.saved")).to_contain_text("Restored the revision of")
    assert (server.folder / CASE).read_text(encoding="utf-8") == before
    assert "hourly_rate: 95" in page.locator("#text").input_value()
    expect(page.locator("#money")).to_have_text(MONEY)
    # the edit it replaced is a revision now: nothing is lost
    kept = sorted((server.folder / ".parting-revisions" / CASE).iterdir())
    assert "hourly_rate: 120" in kept[-1].read_text(encoding="utf-8")


def test_the_edited_letter_is_kept_with_the_case_and_checked_as_you_type(
    page: Any, server: Served
) -> None:
    letter = page.locator("#letter")
    generated = letter.input_value()
    mine = generated.replace("I've decided to end our work together",
                             "I was wondering if maybe we could end our work together")
    letter.fill(mine)  # no click on "Check": the check follows the typing
    findings = page.locator("#findings li")
    expect(findings.filter(has_text="P301")).to_have_count(1)
    mark = page.locator("#letter-marks mark", has_text="maybe")
    expect(mark).to_have_count(1)
    # the highlight lies under the word in the text box, and scrolls with it
    letter.evaluate("t => { t.scrollTop = 0; t.dispatchEvent(new Event('scroll')); }")
    box, area = mark.bounding_box(), letter.bounding_box()
    assert area["x"] <= box["x"] < area["x"] + area["width"]
    assert area["y"] <= box["y"] < area["y"] + area["height"]
    page.get_by_role("button", name="Save the letter").click()
    expect(page.locator("#letter-status")).to_contain_text("Saved as harbor-foods.letter.md")
    kept = server.folder / "harbor-foods.letter.md"
    assert kept.read_text(encoding="utf-8") == mine
    page.reload()
    expect(letter).to_have_value(mine)
    expect(page.locator("#letter-source")).to_contain_text("Your own letter")
    expect(findings.filter(has_text="P301")).to_have_count(1)  # its findings, on opening
    expect(page.locator("#letter-marks mark", has_text="maybe")).to_have_count(1)
    findings.filter(has_text="P301").get_by_role("button", name="show").click()
    selected = letter.evaluate("t => t.value.substring(t.selectionStart, t.selectionEnd)")
    assert selected == "maybe"
    page.get_by_role("button", name="Back to the generated letter").click()
    expect(letter).to_have_value(generated)
    expect(page.locator("#letter-status")).to_contain_text("yours is kept")
    assert not kept.exists()
    expect(page.locator("#verdict")).to_contain_text("Passes")


def test_each_document_downloads_from_the_page(page: Any, server: Served, tmp_path: Path) -> None:
    out = tmp_path / "planned"
    result = run_cli("plan", str(server.folder / CASE), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    for file in ("parting.pdf", "letter.eml", "transition.ics", "settlement.pdf"):
        with page.expect_download() as info:
            page.locator(f'.downloads a[data-file="{file}"]').click()
        download = info.value
        assert download.suggested_filename == f"harbor-foods-{file}"
        assert Path(download.path()).read_bytes() == (out / file).read_bytes(), file


def test_the_send_dry_run_shows_what_would_be_sent(page: Any, server: Served) -> None:
    page.get_by_role("button", name="Show what would be sent (dry run)").click()
    report = page.locator("#dry-run-report")
    expect(report).to_contain_text("Dry run: nothing sent. Would send through")
    expect(report).to_contain_text("To:          dana@harborfoods.example")
    expect(report).to_contain_text("Subject:     Harbor Foods website")
    expect(report).to_contain_text("Attachments: settlement.pdf")
    assert not (server.folder / "harbor-foods-package").exists()  # nothing written


def test_at_a_phone_s_width_the_note_goes_under_its_line(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    text = _edit(page, "  hourly_rate: 95\n", '  hourly_rate: "abc"\n')
    line = text.splitlines().index('  hourly_rate: "abc"') + 1
    page.locator("#problems button.goto").click()
    note = page.locator(f'#notes .line-note[data-line="{line}"]')
    expect(note).to_have_class("line-note under")
    row = page.locator(f'#gutter div[data-line="{line}"]').bounding_box()
    box, area = note.bounding_box(), page.locator("#text").bounding_box()
    assert abs(box["y"] - (row["y"] + row["height"])) < 2  # right under the line
    assert area["x"] <= box["x"] and box["x"] + box["width"] <= area["x"] + area["width"] + 1
    expect(note).to_contain_text("contract.hourly_rate")
    _edit(page, '  hourly_rate: "abc"\n', "  hourly_rate: 95\n")
    expect(page.locator("#notes .line-note")).to_have_count(0)


# --- the form view ----------------------------------------------------------------------------

COMMENTED = "commented.yaml"


def _form(page: Any) -> Any:
    page.get_by_role("tab", name="Form").click()
    view = page.locator("#form-view")
    expect(view).to_be_visible()
    expect(view.locator('[data-path="contract.hourly_rate"]')).to_have_value("95")
    return view


def test_the_form_changes_the_hourly_rate_and_the_balance(page: Any, server: Served) -> None:
    on_disk = (server.folder / CASE).read_bytes()
    view = _form(page)
    expect(page.locator("#text")).to_be_hidden()
    rate = view.locator('[data-path="contract.hourly_rate"]')
    rate.fill("105")
    money = page.locator("#money")
    expect(money).not_to_have_text(MONEY)
    assert "  hourly_rate: 105\n" in page.locator("#text").input_value()  # the YAML follows
    assert (server.folder / CASE).read_bytes() == on_disk  # Save writes, an edit does not
    rate.fill("95")
    expect(money).to_have_text(MONEY)
    page.get_by_role("tab", name="YAML").click()
    expect(page.locator("#text")).to_be_visible()
    assert page.locator("#text").input_value() == on_disk.decode()


def test_a_word_in_a_number_field_is_marked_beside_it(page: Any) -> None:
    view = _form(page)
    rate = view.locator('[data-path="contract.hourly_rate"]')
    rate.fill("abc")
    error = view.locator("#f-contract-hourly_rate-error")
    expect(error).to_contain_text("expected a number")
    expect(rate).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#headline")).to_have_class("headline stale")
    box, said = rate.bounding_box(), error.bounding_box()
    assert abs(said["x"] - box["x"]) < 40 and 0 <= said["y"] - (box["y"] + box["height"]) < 40
    # a table cell too: its message in the cell
    hours = view.locator('[data-path="time_entries[3].hours"]')
    hours.fill("-2")
    expect(view.locator("#f-time_entries-3--hours-error")).to_contain_text("negative")
    hours.fill("6")
    # an item of a list: beside the cell that holds the list
    depends = view.locator('[data-path="deliverables[3].depends_on"]')
    depends.fill("menu, Nope")
    expect(view.locator("#f-deliverables-3--depends_on-error")).to_contain_text(
        "deliverables[3].depends_on[1]: expected deliverable ids")
    depends.fill("menu")
    rate.fill("95")
    expect(error).to_be_empty()
    expect(page.locator("#money")).to_have_text(MONEY)


def test_a_csv_of_time_entries_is_imported_into_the_table(page: Any) -> None:
    view = _form(page)
    table = view.locator('fieldset[data-path="time_entries"]')
    expect(table.locator("tbody tr")).to_have_count(5)
    table.locator("summary").click()
    table.locator("textarea.csv-text").fill(
        "date,hours,deliverable,description\n2026-05-25,10,maintenance,Checkout flow\n")
    table.get_by_role("button", name="Import").click()
    table = view.locator('fieldset[data-path="time_entries"]')
    expect(table.locator("tbody tr")).to_have_count(6)
    expect(table.locator('[data-path="time_entries[5].description"]')).to_have_value(
        "Checkout flow")
    expect(page.locator("#money")).not_to_have_text(MONEY)
    expect(table.locator(".csv-result")).to_contain_text("Imported 1 row(s) after the rows")
    assert ("  - {date: 2026-05-25, hours: 10, deliverable: maintenance, description: Checkout "
            "flow}\n") in page.locator("#text").input_value()
    table.locator('button[data-row="time_entries[5]"]').click()
    expect(view.locator('fieldset[data-path="time_entries"] tbody tr')).to_have_count(5)
    expect(page.locator("#money")).to_have_text(MONEY)


def test_form_edits_keep_the_comments_and_save(page: Any, server: Served) -> None:
    text = (server.folder / CASE).read_text().replace(
        "version: 1\n", "# my own notes\nversion: 1\n").replace(
        "  deposit: 1000\n", "  deposit: 1000   # held since March\n")
    (server.folder / COMMENTED).write_text(text)
    page.goto(f"{server.base}/case/{COMMENTED}")
    view = _form(page)
    view.locator('[data-path="engagement.project"]').fill("Harbor Foods web shop")
    view.locator('[data-path="contract.deposit"]').fill("1200")
    yaml_text = page.locator("#text")
    expect(yaml_text).to_have_value(
        text.replace("project: Harbor Foods website", "project: Harbor Foods web shop")
        .replace("deposit: 1000   #", "deposit: 1200   #"))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".saved")).to_contain_text("Saved")
    saved = (server.folder / COMMENTED).read_text()
    assert "# my own notes\n" in saved and "  deposit: 1200   # held since March\n" in saved
    expect(page.locator("#form-view")).to_be_visible()  # the view chosen stays after the save
    # a change typed just before Save is saved with it
    page.locator('#form-view [data-path="contract.deposit"]').fill("1300")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".saved")).to_contain_text("previous version is kept")
    assert "  deposit: 1300   # held since March\n" in (server.folder / COMMENTED).read_text()


def test_a_yaml_that_does_not_parse_has_no_form(page: Any) -> None:
    _edit(page, "provider:\n", "provider: [\n")
    page.get_by_role("tab", name="Form").click()
    expect(page.locator("#view-note")).to_contain_text("does not parse")
    expect(page.locator("#text")).to_be_visible()
    expect(page.locator("#form-view")).to_be_hidden()


def test_the_form_is_one_column_at_a_phone_s_width(browser: Any, server: Served) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(server.url.replace("/?token=", f"/case/{CASE}?token="))
        view = _form(page)
        first = view.locator('[data-path="engagement.project"]').bounding_box()
        second = view.locator('[data-path="engagement.started"]').bounding_box()
        assert abs(first["x"] - second["x"]) < 2 and second["y"] > first["y"]
        assert first["x"] + first["width"] <= 390
        cell = view.locator('[data-path="time_entries[0].hours"]')
        cell.scroll_into_view_if_needed()
        hours = cell.bounding_box()
        assert hours["x"] >= 0 and hours["x"] + hours["width"] <= 390  # rows as cards
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_a_csv_file_replaces_the_invoices_and_a_bad_one_says_where(page: Any) -> None:
    view = _form(page)
    table = view.locator('fieldset[data-path="invoices"]')
    table.locator("summary").click()
    table.locator("input.csv-file").set_input_files(files=[{
        "name": "invoices.csv", "mimeType": "text/csv",
        "buffer": b"number,issued,due,amount,paid\n2026-031,2026-04-01,2026-04-16,2400,x\n"}])
    table.get_by_role("button", name="Import").click()
    result = table.locator(".csv-result")
    expect(result).to_contain_text("nothing was imported")
    expect(result).to_contain_text("row 1 (line 2 of the CSV), column paid: expected a number")
    expect(table.locator("tbody tr")).to_have_count(2)  # nothing changed
    table.locator("input.csv-file").set_input_files(files=[{
        "name": "invoices.csv", "mimeType": "text/csv",
        "buffer": b"number,issued,due,amount,paid\n2026-031,2026-04-01,2026-04-16,2400,2400\n"}])
    table.get_by_label("replace the rows").check()
    table.get_by_role("button", name="Import").click()
    table = view.locator('fieldset[data-path="invoices"]')
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator(".csv-result")).to_contain_text("in place of the rows there were")
    expect(page.locator("#money")).not_to_have_text(MONEY)
