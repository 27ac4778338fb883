"""The form view of `parting serve` (parting.web.form and its routes /form, /edit and
/import-csv): round-trip edits that keep the user's comments, key order and formatting, the
right YAML types, rows added and removed, CSV imports by the case loader's rules, and the
routes' CSRF, token and path confinement."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
import warnings
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

warnings.filterwarnings("ignore", message=".*httpx.*")
from starlette.testclient import TestClient  # noqa: E402

from parting.case import load  # noqa: E402
from parting.web import form  # noqa: E402
from parting.web.app import create_app  # noqa: E402

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
STARTER = ROOT / "src" / "parting" / "case" / "starter.yaml"
CASE = "harbor-foods.yaml"
TOKEN = "test-token-0123456789"
HARBOR = (EXAMPLES / CASE).read_text(encoding="utf-8")
COMMENTED = (
    "# Harbor Foods: the case, with the user's own notes\n"
    "version: 1   # always 1\n"
) + HARBOR.split("version: 1\n", 1)[1].replace(
    "  hourly_rate: 95\n", "  # agreed in the 2024 contract\n  hourly_rate: 95   # USD\n"
).replace("  deposit: 1000\n", "  deposit: 1000      # held since March\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    served = tmp_path / "cases"
    served.mkdir()
    for path in EXAMPLES.iterdir():
        shutil.copy(path, served)
    (tmp_path / "outside.yaml").write_text("secret: outside\n")
    return served


@pytest.fixture
def client(folder: Path) -> Iterator[TestClient]:
    with TestClient(create_app(folder, TOKEN), follow_redirects=False) as c:
        c.get(f"/?token={TOKEN}")
        yield c


@pytest.fixture
def csrf(folder: Path) -> str:
    return create_app(folder, TOKEN).csrf


def _post(client: TestClient, csrf: str, route: str, name: str = CASE, **body: Any) -> Any:
    return client.post(f"/case/{name}/{route}", json=body, headers={"X-CSRF-Token": csrf})


def _changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


# --- the edits (parting.web.form) -----------------------------------------------------------


def test_a_number_is_written_as_typed_and_nothing_else_changes() -> None:
    new = form.set_value(COMMENTED, "contract.hourly_rate", "95.50")
    assert _changed_lines(COMMENTED, new) == [  # the comment in its column, as ruamel keeps it
        "-  hourly_rate: 95   # USD", "+  hourly_rate: 95.50 # USD"]
    assert load.parse_yaml(new)["contract"]["hourly_rate"] == Decimal("95.50")
    assert "95.50" in new  # never through a float: the trailing zero kept


@pytest.mark.parametrize("path", sorted([*EXAMPLES.glob("*.yaml"), STARTER]))
def test_every_bundled_case_keeps_its_comments_and_order_under_form_edits(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    new = form.set_value(text, "contract.hourly_rate", "120")
    new = form.set_value(new, "engagement.end_date", "2026-06-30")
    new = form.set_value(new, "client.contact", "Jo: the new contact")
    changed = _changed_lines(text, new)
    assert len([c for c in changed if c.startswith("-")]) <= 3, changed
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in new.splitlines() if line.lstrip().startswith("#")]
    data = load.parse_yaml(new)
    assert data["contract"]["hourly_rate"] == 120
    assert data["engagement"]["end_date"] == dt.date(2026, 6, 30)
    assert data["client"]["contact"] == "Jo: the new contact"
    assert list(data) == list(load.parse_yaml(text))  # the key order as written


def test_values_get_their_yaml_types() -> None:
    new = form.set_value(HARBOR, "engagement.end_date", "2026-06-30")
    new = form.set_value(new, "contract.notice_days", "45")
    new = form.set_value(new, "contract.charge_late_fees", "true")
    new = form.set_value(new, "invoices[0].number", "2026-040")
    new = form.set_value(new, "engagement.project", "123")
    new = form.set_value(new, "options.offer", ["refer", "phase_out"])
    new = form.set_value(new, "provider.address", "1 Main St\nPortland, OR 97205")
    data = load.parse_yaml(new)
    assert data["engagement"]["end_date"] == dt.date(2026, 6, 30)
    assert data["contract"]["notice_days"] == 45
    assert data["contract"]["charge_late_fees"] is True
    assert data["invoices"][0]["number"] == "2026-040"
    assert data["engagement"]["project"] == "123"  # a text field stays text
    assert data["options"]["offer"] == ["refer", "phase_out"]
    assert data["provider"]["address"] == ["1 Main St", "Portland, OR 97205"]
    load.parse_case(new, EXAMPLES / CASE)  # still a valid case


def test_what_does_not_read_as_its_type_is_written_as_text_for_validation_to_say() -> None:
    new = form.set_value(HARBOR, "contract.hourly_rate", "abc")
    assert load.parse_yaml(new)["contract"]["hourly_rate"] == "abc"
    with pytest.raises(Exception) as exc:
        load.parse_case(new, EXAMPLES / CASE)
    assert "contract.hourly_rate" in str(getattr(exc.value, "problems", exc.value))
    bad_date = form.set_value(HARBOR, "engagement.end_date", "2026-02-30")
    assert load.parse_yaml(bad_date)["engagement"]["end_date"] == "2026-02-30"


def test_a_cleared_field_removes_its_key_and_a_new_key_goes_in_the_reference_s_order() -> None:
    new = form.set_value(HARBOR, "contract.deposit", "")
    assert "deposit" not in load.parse_yaml(new)["contract"]
    assert _changed_lines(HARBOR, new) == ["-  deposit: 1000"]
    added = form.set_value(HARBOR, "engagement.as_of", "2026-06-01")
    lines = added.splitlines()
    assert lines.index("  as_of: 2026-06-01") == lines.index("  end_date: 2026-05-31") + 1
    paid = form.set_value(HARBOR, "invoice.payment.iban", "GB82WEST12345698765432")
    assert load.parse_yaml(paid)["invoice"]["payment"]["iban"] == "GB82WEST12345698765432"
    gone = form.set_value(HARBOR, "invoice.payment.account", "")
    assert "invoice" not in load.parse_yaml(gone)  # nothing left in it: the mapping goes too


def test_rows_are_added_and_removed_in_the_table_s_style() -> None:
    added = form.add_row(HARBOR, "time_entries")
    assert load.parse_yaml(added)["time_entries"][-1] == {}
    filled = form.set_value(added, "time_entries[5].date", "2026-05-20")
    filled = form.set_value(filled, "time_entries[5].hours", "1.25")
    assert "  - {date: 2026-05-20, hours: 1.25}\n" in filled
    removed = form.remove_row(HARBOR, "time_entries[1]")
    assert _changed_lines(HARBOR, removed) == [
        "-  - {date: 2026-05-14, hours: 2, deliverable: maintenance}"]
    with pytest.raises(form.EditError, match="no row 10"):
        form.remove_row(HARBOR, "time_entries[9]")


@pytest.mark.parametrize("path", ["version", "contract.nope", "contract", "time_entries[0]",
                                  "x[0", "__class__", "contract..hourly_rate"])
def test_only_the_form_s_fields_are_edited(path: str) -> None:
    with pytest.raises(form.EditError):
        form.set_value(HARBOR, path, "1")


def test_a_list_read_from_a_csv_file_is_not_edited_as_rows() -> None:
    text = (EXAMPLES / "pennine-outdoor.yaml").read_text()
    with pytest.raises(form.EditError, match="CSV file"):
        form.set_value(text, "time_entries[0].hours", "2")
    with pytest.raises(form.EditError, match="CSV file"):
        form.add_row(text, "time_entries")


def test_csv_records_are_read_by_the_case_loader_s_rules() -> None:
    rows, problems = load.csv_records("time_entries", "date;hours;billed\n2026-05-20;3,5;yes\n")
    assert problems == [] and rows == [{"date": "2026-05-20", "hours": "3.5", "billed": "yes"}]
    rows, problems = load.csv_records(
        "time_entries", "date,hours\n2026-05-20,2\n2026-05-21,abc\n2026-13-01,1\n")
    assert rows == []
    assert [(p.line, p.column) for p in problems] == [(3, "hours"), (4, "date")]
    assert "expected a number" in problems[0].message


def test_a_csv_import_appends_or_replaces_rows_with_their_types() -> None:
    csv_text = "date,hours,deliverable,billed\n2026-05-20,2.50,ordering,TRUE\n2026-05-21,1,,\n"
    new, count, problems = form.import_csv(HARBOR, "time_entries", csv_text, replace=False)
    assert count == 2 and problems == []
    rows = load.parse_yaml(new)["time_entries"]
    assert len(rows) == 7 and rows[-2] == {"date": dt.date(2026, 5, 20), "hours": Decimal("2.50"),
                                           "deliverable": "ordering", "billed": True}
    assert "  - {date: 2026-05-20, hours: 2.50, deliverable: ordering, billed: true}\n" in new
    replaced, count, _ = form.import_csv(HARBOR, "time_entries", csv_text, replace=True)
    assert len(load.parse_yaml(replaced)["time_entries"]) == 2
    load.parse_case(replaced, EXAMPLES / CASE)


# --- the routes -----------------------------------------------------------------------------


def test_the_form_route_gives_the_steps_and_the_values(client: TestClient, csrf: str) -> None:
    r = _post(client, csrf, "form", text=HARBOR)
    assert r.status_code == 200
    body = r.json()
    titles = [s["title"] for s in body["steps"]]
    assert len(titles) == 6 and titles[0].startswith("1. The engagement")
    assert body["values"]["contract"]["hourly_rate"] == "95"
    assert body["values"]["engagement"]["end_date"] == "2026-05-31"
    money = next(s for s in body["steps"] if s["title"] == "4. Money")
    tables = {p["key"]: p for p in money["parts"] if p["part"] == "table"}
    assert set(tables) == {"time_entries", "invoices", "expenses"}
    assert all(p["csv"] for p in tables.values())
    hours = next(c for c in tables["time_entries"]["columns"] if c["key"] == "hours")
    assert hours["kind"] == "number" and hours["path"] == "time_entries.hours"


def test_a_case_whose_yaml_does_not_parse_has_no_form(client: TestClient, csrf: str) -> None:
    r = _post(client, csrf, "form", text="version: 1\nprovider: [\n")
    assert r.status_code == 200 and "does not parse (line 3)" in r.json()["error"]
    r = _post(client, csrf, "edit", text="version: 1\nprovider: [\n",
              path="contract.hourly_rate", value="1")
    assert r.status_code == 422


def test_an_edit_keeps_the_comments_and_writes_nothing(
    client: TestClient, folder: Path, csrf: str
) -> None:
    before = (folder / CASE).read_bytes()
    r = _post(client, csrf, "edit", text=COMMENTED, op="set", path="contract.hourly_rate",
              value="105")
    assert r.status_code == 200
    new = r.json()["text"]
    assert _changed_lines(COMMENTED, new) == [
        "-  hourly_rate: 95   # USD", "+  hourly_rate: 105  # USD"]
    assert "# agreed in the 2024 contract" in new and "# held since March" in new
    assert new.startswith("# Harbor Foods: the case, with the user's own notes\n")
    assert (folder / CASE).read_bytes() == before  # the page saves; an edit writes nothing
    live = client.post(f"/case/{CASE}/preview", json={"text": new},
                       headers={"X-CSRF-Token": csrf}).json()
    assert live["ok"] and live["money"] != "$1,782.50"
    saved = client.post(f"/case/{CASE}", data={"csrf_token": csrf, "text": new})
    assert saved.status_code == 200
    assert (folder / CASE).read_text() == new  # the save keeps the comments too
    assert list((folder / ".parting-revisions" / CASE).iterdir())  # and the previous text


def test_edit_routes_add_and_remove_rows(client: TestClient, csrf: str) -> None:
    added = _post(client, csrf, "edit", text=HARBOR, op="add", path="expenses").json()["text"]
    assert len(load.parse_yaml(added)["expenses"]) == 2
    removed = _post(client, csrf, "edit", text=added, op="remove", path="expenses[1]")
    assert removed.json()["text"] == HARBOR
    bad = _post(client, csrf, "edit", text=HARBOR, op="set", path="nope.key", value="1")
    assert bad.status_code == 422 and "not a field" in bad.json()["error"]
    for body in ({"text": HARBOR, "op": "drop", "path": "expenses"},
                 {"text": HARBOR, "path": "contract.hourly_rate", "value": {"a": 1}},
                 {"op": "set", "path": "contract.hourly_rate", "value": "1"}):
        assert _post(client, csrf, "edit", **body).status_code == 400


def test_the_csv_import_route(client: TestClient, folder: Path, csrf: str) -> None:
    before = (folder / CASE).read_bytes()
    csv_text = "date,hours,deliverable\n2026-05-25,10,ordering\n"
    r = _post(client, csrf, "import-csv", text=COMMENTED, key="time_entries", csv=csv_text,
              mode="append")
    assert r.status_code == 200 and r.json()["rows"] == 1 and r.json()["mode"] == "append"
    new = r.json()["text"]
    assert "# agreed in the 2024 contract" in new
    assert len(load.parse_yaml(new)["time_entries"]) == 6
    assert (folder / CASE).read_bytes() == before


def test_a_malformed_csv_is_a_clear_error_and_changes_nothing(
    client: TestClient, folder: Path, csrf: str
) -> None:
    before = (folder / CASE).read_bytes()
    bad = "date,hours\n2026-05-25,10\n2026-05-26,ten\n2026-05-27\n"
    r = _post(client, csrf, "import-csv", text=HARBOR, key="time_entries", csv=bad,
              mode="replace")
    assert r.status_code == 200
    body = r.json()
    assert "nothing was imported" in body["error"] and "text" not in body
    said = {(p["line"], p["row"], p["column"]) for p in body["problems"]}
    assert (3, 2, "hours") in said and (4, 3, None) in said  # a word, a row with too few cells
    unknown = _post(client, csrf, "import-csv", text=HARBOR, key="time_entries",
                    csv="day,hours\n2026-05-25,1\n", mode="append").json()
    assert unknown["problems"][0]["column"] == "day"
    assert "expected some of: date, hours" in unknown["problems"][0]["message"]
    typed = _post(client, csrf, "import-csv", text=HARBOR, key="time_entries",
                  csv="date,hours\n2026-05-26,ten\n", mode="append").json()
    assert typed["problems"] == [{"line": 2, "row": 1, "column": "hours",
                                  "key": "time_entries[0].hours",
                                  "message": "expected a number, got 'ten'"}]
    assert _post(client, csrf, "import-csv", text=HARBOR, key="assets", csv="name\nx\n",
                 mode="append").status_code == 422  # not a table that takes a CSV
    empty = _post(client, csrf, "import-csv", text=HARBOR, key="time_entries", csv="",
                  mode="append").json()
    assert "text" not in empty and "no rows" in empty["problems"][0]["message"]
    assert _post(client, csrf, "import-csv", text=HARBOR, key="time_entries", csv="x",
                 mode="merge").status_code == 400
    assert (folder / CASE).read_bytes() == before


@pytest.mark.parametrize("route", ["form", "edit", "import-csv"])
def test_the_form_routes_need_the_csrf_header_and_the_token(
    client: TestClient, folder: Path, csrf: str, route: str
) -> None:
    body = {"text": HARBOR, "path": "contract.hourly_rate", "value": "1",
            "key": "time_entries", "csv": "date,hours\n2026-05-01,1\n", "mode": "append"}
    url = f"/case/{CASE}/{route}"
    assert client.post(url, json=body).status_code == 403
    assert client.post(url, json=body, headers={"X-CSRF-Token": "nope"}).status_code == 403
    assert client.post(url, json=body, headers={"X-CSRF-Token": csrf,
                                                "Origin": "http://evil.example"}).status_code == 403
    stranger = TestClient(create_app(folder, TOKEN), follow_redirects=False)
    assert stranger.post(url, json=body, headers={"X-CSRF-Token": csrf}).status_code == 403
    assert client.post(url, json=body, headers={"X-CSRF-Token": csrf}).status_code == 200


@pytest.mark.parametrize("name", ["%2e%2e%2foutside.yaml", "..%2Foutside.yaml", "nowhere.yaml",
                                  ".hidden.yaml", "notes.txt"])
@pytest.mark.parametrize("route", ["form", "edit", "import-csv"])
def test_the_form_routes_are_confined_to_the_folder(
    client: TestClient, csrf: str, name: str, route: str
) -> None:
    r = client.post(f"/case/{name}/{route}", json={"text": HARBOR, "path": "contract.deposit",
                                                   "value": "1"},
                    headers={"X-CSRF-Token": csrf})
    assert r.status_code in (400, 404) and "secret" not in r.text


def test_the_page_has_the_form_view_and_its_script(client: TestClient) -> None:
    html = client.get(f"/case/{CASE}").text
    assert 'id="form-view"' in html and 'id="tab-form"' in html
    assert '<script src="/static/form.js"></script>' in html
    assert client.get("/static/form.js").status_code == 200


def test_a_document_start_and_anchors_are_kept() -> None:
    text = "# notes\n---\n" + HARBOR.replace("  deposit: 1000\n", "  deposit: &deposit 1000\n") \
        .replace("    fee: 1200\n    invoiced: 1200\n", "    fee: 1200\n    invoiced: *deposit\n")
    new = form.set_value(text, "deliverables[0].value", "7")
    assert new.startswith("# notes\n---\n") and "invoiced: *deposit" in new
    assert _changed_lines(text, new) == ["-    value: 6", "+    value: 7"]
    new = form.set_value(text, "contract.hourly_rate", "100")
    assert new.startswith("# notes\n---\n") and "&deposit 1000" in new


def test_a_long_table_is_edited_in_its_row_s_lines() -> None:
    rows = "".join(f"  - {{date: 2026-05-{1 + i % 28:02d}, hours: 1.5, deliverable: "
                   f"maintenance, billed: true}}\n" for i in range(3000))
    big = HARBOR.replace("time_entries:\n", "time_entries:\n" + rows)
    new = form.set_value(big, "time_entries[2999].hours", "2")
    lines = big.splitlines()
    row = lines[lines.index("time_entries:") + 3000]
    assert _changed_lines(big, new) == ["-" + row, "+" + row.replace("hours: 1.5", "hours: 2")]
    added = form.add_row(big, "time_entries")
    assert _changed_lines(big, added) == ["+  - {}"]
    assert form.remove_row(added, "time_entries[3005]") == big
    filled = form.set_value(added, "time_entries[3005].date", "2026-05-30")
    assert "  - {date: 2026-05-30}\n" in filled
