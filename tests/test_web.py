"""Route tests of `parting serve` (parting.web): the access token, CSRF, path confinement,
atomic saves with revisions, the live package, the zip and the letter check."""

from __future__ import annotations

import html as html_lib
import io
import os
import re
import shutil
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx.*")  # Starlette 1.x prefers httpx2
from starlette.testclient import TestClient  # noqa: E402

from parting.web import files  # noqa: E402
from parting.web.app import SECURITY_HEADERS, create_app  # noqa: E402

EXAMPLES = Path(__file__).parent.parent / "examples"
ORIGINAL = EXAMPLES / "harbor-foods.yaml"
TOKEN = "test-token-0123456789"
COOKIE = "parting_token_80"  # TestClient's server is testserver:80


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    served = tmp_path / "cases"
    served.mkdir()
    shutil.copy(EXAMPLES / "harbor-foods.yaml", served)
    (tmp_path / "outside.yaml").write_text("secret: outside\n")
    return served


def _client(folder: Path, **kw: int) -> TestClient:
    app = create_app(folder, TOKEN, **kw)
    client = TestClient(app, follow_redirects=False)
    client.get(f"/?token={TOKEN}")
    return client


@pytest.fixture
def client(folder: Path) -> Iterator[TestClient]:
    with _client(folder) as c:
        yield c


@pytest.fixture
def csrf(folder: Path) -> str:
    return create_app(folder, TOKEN).csrf


def _save(client: TestClient, csrf: str, name: str, text: str) -> object:
    return client.post(f"/case/{name}", data={"csrf_token": csrf, "text": text})


# --- the access token ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/case/harbor-foods.yaml", "/static/app.js",
                                  "/case/harbor-foods.yaml/package.zip", "/nowhere"])
def test_every_request_without_the_token_is_forbidden(folder: Path, path: str) -> None:
    client = TestClient(create_app(folder, TOKEN), follow_redirects=False)
    assert client.get(path).status_code == 403
    client.cookies.set(COOKIE, "wrong")
    assert client.get(path).status_code == 403
    assert client.get(path + "?token=wrong").status_code == 403


def test_post_without_the_token_is_forbidden_and_writes_nothing(folder: Path, csrf: str) -> None:
    client = TestClient(create_app(folder, TOKEN), follow_redirects=False)
    before = (folder / "harbor-foods.yaml").read_bytes()
    r = client.post("/case/harbor-foods.yaml", data={"csrf_token": csrf, "text": "x: 1\n"})
    assert r.status_code == 403
    assert (folder / "harbor-foods.yaml").read_bytes() == before
    assert client.post("/new", data={"csrf_token": csrf, "name": "a.yaml"}).status_code == 403
    assert not (folder / "a.yaml").exists()


def test_the_token_in_the_url_sets_a_strict_cookie_and_redirects(folder: Path) -> None:
    client = TestClient(create_app(folder, TOKEN), follow_redirects=False)
    r = client.get(f"/case/harbor-foods.yaml?token={TOKEN}&x=1")
    assert r.status_code == 303
    assert r.headers["location"] == "/case/harbor-foods.yaml?x=1"  # the token leaves the URL
    cookie = r.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert client.get("/").status_code == 200  # the cookie is enough from now on
    assert client.get("/static/app.css").status_code == 200


def test_a_random_token_by_default(folder: Path) -> None:
    a, b = create_app(folder), create_app(folder)
    assert a.token != b.token and len(a.token) >= 40


@pytest.mark.parametrize("path", ["/", "/case/harbor-foods.yaml", "/nowhere"])
def test_security_headers_on_every_response(client: TestClient, folder: Path, path: str) -> None:
    anonymous = TestClient(create_app(folder, TOKEN))
    for r in (client.get(path), anonymous.get(path)):
        for name, value in SECURITY_HEADERS:
            assert r.headers[name.decode()] == value.decode()
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]


def test_pages_hold_no_inline_script_or_style(client: TestClient) -> None:
    for path in ("/", "/case/harbor-foods.yaml"):
        html = client.get(path).text
        assert "<script>" not in html and "<style" not in html and " style=" not in html
        assert "http://" not in html and "https://" not in html  # no external requests


def test_methods_other_than_get_and_post_are_refused(client: TestClient) -> None:
    assert client.put("/case/harbor-foods.yaml", content=b"x").status_code == 405
    assert client.delete("/case/harbor-foods.yaml").status_code == 405


# --- CSRF ---------------------------------------------------------------------------------


def test_every_post_route_is_csrf_tested(folder: Path) -> None:
    posts = {r.path for r in create_app(folder, TOKEN).routes
             if "POST" in (getattr(r, "methods", None) or ())}
    assert posts == {"/new", "/check", "/case/{name:path}/preview", "/case/{name:path}",
                     "/case/{name:path}/restore", "/case/{name:path}/letter",
                     "/case/{name:path}/send-dry-run", "/case/{name:path}/form",
                     "/case/{name:path}/edit", "/case/{name:path}/import-csv"}
    # the form's routes: tests/test_web_form.py


@pytest.mark.parametrize("given", [None, "", "wrong"])
def test_a_form_post_without_the_csrf_token_is_refused(
    client: TestClient, folder: Path, given: str | None
) -> None:
    before = (folder / "harbor-foods.yaml").read_bytes()
    extra = {} if given is None else {"csrf_token": given}
    r = client.post("/case/harbor-foods.yaml", data={**extra, "text": "x: 1\n"})
    assert r.status_code == 403 and "CSRF" in r.text
    assert (folder / "harbor-foods.yaml").read_bytes() == before
    r = client.post("/new", data={**extra, "name": "b.yaml"})
    assert r.status_code == 403 and not (folder / "b.yaml").exists()
    upload = client.post("/case/harbor-foods.yaml", data=extra,
                         files={"file": ("c.yaml", b"x: 1\n", "application/yaml")})
    assert upload.status_code == 403
    assert (folder / "harbor-foods.yaml").read_bytes() == before


@pytest.mark.parametrize("path", ["/check", "/case/harbor-foods.yaml/preview",
                                  "/case/harbor-foods.yaml/letter",
                                  "/case/harbor-foods.yaml/send-dry-run"])
def test_a_json_post_without_the_csrf_header_is_refused(
    client: TestClient, csrf: str, path: str
) -> None:
    assert client.post(path, json={"text": "Hi"}).status_code == 403
    assert client.post(path, json={"text": "Hi"},
                       headers={"X-CSRF-Token": "nope"}).status_code == 403
    assert client.post(path, json={"text": "Hi"},
                       headers={"X-CSRF-Token": csrf}).status_code == 200


def test_a_cross_origin_post_is_refused_even_with_the_csrf_token(
    client: TestClient, folder: Path, csrf: str
) -> None:
    before = (folder / "harbor-foods.yaml").read_bytes()
    for origin in ("http://evil.example", "null"):
        r = client.post("/case/harbor-foods.yaml", data={"csrf_token": csrf, "text": "x: 1\n"},
                        headers={"Origin": origin})
        assert r.status_code == 403
    assert (folder / "harbor-foods.yaml").read_bytes() == before
    same = client.post("/case/harbor-foods.yaml", data={"csrf_token": csrf, "text": "x: 1\n"},
                       headers={"Origin": "http://testserver"})
    assert same.status_code == 200


def test_forms_carry_the_csrf_token(client: TestClient, csrf: str) -> None:
    for path in ("/", "/case/harbor-foods.yaml"):
        html = client.get(path).text
        forms = html.count("<form")
        assert forms and html.count(f'name="csrf_token" value="{csrf}"') == forms


# --- paths confined to the folder -----------------------------------------------------------


@pytest.mark.parametrize("name", [
    "%2e%2e%2foutside.yaml", "..%2Foutside.yaml", "%2e%2e/outside.yaml", "%2Fetc%2Fpasswd",
    "%2F" + "tmp%2Foutside.yaml", "sub%2F..%2F..%2Foutside.yaml", ".hidden.yaml",
    ".parting-revisions%2Fharbor-foods.yaml%2Fx.yaml", "notes.txt", "harbor-foods.yaml%00.txt",
    "a%5C..%5Coutside.yaml",
])
def test_names_outside_the_folder_or_not_yaml_are_refused(
    client: TestClient, folder: Path, csrf: str, name: str
) -> None:
    outside = folder.parent / "outside.yaml"
    r = client.get(f"/case/{name}")
    assert r.status_code in (400, 404), r.text
    assert "secret" not in r.text
    r = client.post(f"/case/{name}", data={"csrf_token": csrf, "text": "pwned: 1\n"})
    assert r.status_code in (400, 404)
    assert outside.read_text() == "secret: outside\n"
    assert sorted(p.name for p in folder.iterdir()) == ["harbor-foods.yaml"]


def test_an_absolute_path_is_refused(client: TestClient, folder: Path, csrf: str) -> None:
    outside = folder.parent / "outside.yaml"
    r = client.get(f"/case/{outside}")  # /case//tmp/.../outside.yaml
    assert r.status_code == 400 and "secret" not in r.text
    r = client.post(f"/case/{outside}", data={"csrf_token": csrf, "text": "pwned: 1\n"})
    assert r.status_code == 400
    assert outside.read_text() == "secret: outside\n"


def test_a_symlink_leading_out_is_refused(client: TestClient, folder: Path, csrf: str) -> None:
    outside = folder.parent / "outside.yaml"
    (folder / "link.yaml").symlink_to(outside)
    r = client.get("/case/link.yaml")
    assert r.status_code == 400 and "outside the folder" in r.text and "secret" not in r.text
    r = client.post("/case/link.yaml", data={"csrf_token": csrf, "text": "pwned: 1\n"})
    assert r.status_code == 400
    assert outside.read_text() == "secret: outside\n"
    assert "link.yaml" not in client.get("/").text  # not listed either
    r = client.post("/new", data={"csrf_token": csrf, "name": "copy.yaml", "source": "link.yaml"})
    assert r.status_code == 400 and not (folder / "copy.yaml").exists()


def test_a_symlinked_revisions_folder_is_not_written_through(
    client: TestClient, folder: Path, csrf: str, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / files.REVISIONS).symlink_to(elsewhere)
    r = _save(client, csrf, "harbor-foods.yaml", "version: 1\n")
    assert r.status_code == 400  # type: ignore[attr-defined]
    assert list(elsewhere.iterdir()) == []
    assert (folder / "harbor-foods.yaml").read_bytes() == ORIGINAL.read_bytes()


def test_a_csv_outside_the_folder_is_not_read(client: TestClient, folder: Path, csrf: str) -> None:
    (folder.parent / "time.csv").write_text("date,hours,deliverable\n2026-05-01,1,home\n")
    text = (folder / "harbor-foods.yaml").read_text().replace(
        "time_entries:\n", "time_entries: ../time.csv\nx_time_entries:\n", 1)
    r = client.post("/case/harbor-foods.yaml/preview", json={"text": text},
                    headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200
    problems = r.json()["problems"]
    assert any("outside the served folder" in p["message"] for p in problems)


def test_case_path_unit(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n")
    (tmp_path / "sub").mkdir()
    assert files.case_path(tmp_path, "a.yaml") == tmp_path.resolve() / "a.yaml"
    assert files.case_path(tmp_path, "new case.yml").name == "new case.yml"
    for bad in ("../a.yaml", "/etc/x.yaml", "sub/a.yaml", ".a.yaml", "a.yaml.txt", "a",
                "a..yaml", "", "sub\\a.yaml", "a.yaml\n"):
        with pytest.raises(files.PathRefused):
            files.case_path(tmp_path, bad)
    (tmp_path / "inside.yaml").symlink_to(tmp_path / "a.yaml")  # a link within: fine
    assert files.case_path(tmp_path, "inside.yaml")
    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(files.PathRefused):
        files.case_path(tmp_path, "dir.yaml")


# --- the pages ----------------------------------------------------------------------------


def test_the_index_lists_the_case_files(client: TestClient, folder: Path) -> None:
    (folder / "notes.txt").write_text("x")
    (folder / ".hidden.yaml").write_text("x: 1\n")
    (folder / "b.yml").write_text("x: 1\n")
    html = client.get("/").text
    assert re.findall(r'href="/case/([^"]+)"', html) == ["b.yml", "harbor-foods.yaml"]


def test_the_case_page_shows_the_yaml_and_the_package(client: TestClient, folder: Path) -> None:
    r = client.get("/case/harbor-foods.yaml")
    assert r.status_code == 200
    html = r.text
    assert '<strong id="money">$1,782.50</strong>' in html
    assert '<strong id="end-date">May 31, 2026</strong>' in html
    assert "June 15, 2026" in html
    assert "project: Harbor Foods website" in html  # the raw YAML in the editor
    for name in ("letter.md", "status.md", "options.md", "settlement.md", "transition.md"):
        assert f"<summary>{name}</summary>" in html
    assert "Dana" in html  # the letter


def test_a_leading_blank_line_survives_the_textarea(
    client: TestClient, folder: Path, csrf: str
) -> None:
    # HTML drops the first newline after <textarea>: the page writes one of its own
    _save(client, csrf, "harbor-foods.yaml", "\n# note\nversion: 1\n")
    html = client.get("/case/harbor-foods.yaml").text
    assert 'data-case="harbor-foods.yaml">\n\n# note\nversion: 1\n</textarea>' in html


def test_a_missing_case_is_404(client: TestClient) -> None:
    assert client.get("/case/nope.yaml").status_code == 404


def test_templates_escape_the_case_text(client: TestClient, folder: Path, csrf: str) -> None:
    evil = "version: 1\n# </textarea><script>alert(1)</script>\nprovider: {name: '<b>x</b>'}\n"
    r = _save(client, csrf, "harbor-foods.yaml", evil)
    html = r.text  # type: ignore[attr-defined]
    assert "<script>alert(1)</script>" not in html and "<b>x</b>" not in html
    assert "&lt;/textarea&gt;&lt;script&gt;" in html


# --- saving ---------------------------------------------------------------------------------


def test_a_save_writes_the_text_as_typed_and_keeps_the_previous_version(
    client: TestClient, folder: Path, csrf: str
) -> None:
    path = folder / "harbor-foods.yaml"
    original = path.read_text()
    edited = "# my own comment, kept\n" + original.replace(
        "hourly_rate: 95", "hourly_rate: 95  # agreed 2024")
    r = _save(client, csrf, "harbor-foods.yaml", edited)
    assert r.status_code == 200  # type: ignore[attr-defined]
    assert path.read_text() == edited  # comments, key order, spacing: exactly as typed
    kept = list((folder / files.REVISIONS / "harbor-foods.yaml").iterdir())
    assert [p.read_text() for p in kept] == [original]
    assert re.fullmatch(r"\d{8}T\d{6}\.\d{6}Z\.yaml", kept[0].name)
    assert "previous version is kept" in r.text  # type: ignore[attr-defined]
    # a second save keeps the first edit too; nothing is ever lost
    _save(client, csrf, "harbor-foods.yaml", edited + "\n")
    kept = sorted((folder / files.REVISIONS / "harbor-foods.yaml").iterdir())
    assert sorted(p.read_text() for p in kept) == sorted([original, edited])
    # no temporary file is left beside the case
    assert sorted(p.name for p in folder.iterdir()) == [files.REVISIONS, "harbor-foods.yaml"]


def test_a_browser_s_crlf_is_saved_with_the_file_s_own_line_endings(
    client: TestClient, folder: Path, csrf: str
) -> None:
    path = folder / "harbor-foods.yaml"
    text = path.read_text()
    _save(client, csrf, "harbor-foods.yaml", text.replace("\n", "\r\n") + "# end\r\n")
    assert path.read_bytes() == (text + "# end\n").encode()


def test_saving_the_same_text_keeps_no_revision(
    client: TestClient, folder: Path, csrf: str
) -> None:
    _save(client, csrf, "harbor-foods.yaml", (folder / "harbor-foods.yaml").read_text())
    assert not (folder / files.REVISIONS).exists()


def test_invalid_yaml_is_saved_and_its_errors_shown_with_their_line(
    client: TestClient, folder: Path, csrf: str
) -> None:
    text = (folder / "harbor-foods.yaml").read_text().replace("hourly_rate: 95", "hourly_rate: -5")
    bad = text.replace("  project: Harbor Foods website\n",
                       "  project: Harbor Foods website\n  colour: blue\n")
    r = _save(client, csrf, "harbor-foods.yaml", bad)
    assert r.status_code == 200  # type: ignore[attr-defined]
    assert (folder / "harbor-foods.yaml").read_text() == bad  # the user's text is never lost
    html = r.text  # type: ignore[attr-defined]
    line = bad.splitlines().index("  colour: blue") + 1
    assert f"harbor-foods.yaml:{line}</code> <code>engagement.colour</code>" in html
    assert "contract.hourly_rate" in html
    broken = "version: 1\nprovider: [unclosed\n"
    r = _save(client, csrf, "harbor-foods.yaml", broken)
    assert "harbor-foods.yaml:3" in r.text and "YAML syntax error" in r.text  # type: ignore[attr-defined]
    assert (folder / "harbor-foods.yaml").read_text() == broken
    assert client.get("/case/harbor-foods.yaml").status_code == 200  # still opens


def test_each_problem_is_given_to_the_page_with_its_line_for_the_editor(
    client: TestClient, folder: Path, csrf: str
) -> None:
    """The editor marks each problem beside its line (gutter + note): the page carries the
    line and the note of every problem in the case file itself, the live preview the same."""
    text = (folder / "harbor-foods.yaml").read_text()
    bad = text.replace("hourly_rate: 95", 'hourly_rate: "abc"')
    line = bad.splitlines().index('  hourly_rate: "abc"') + 1
    html = _save(client, csrf, "harbor-foods.yaml", bad).text  # type: ignore[attr-defined]
    assert 'id="gutter"' in html and 'id="notes"' in html and 'wrap="off"' in html
    notes = re.findall(r'data-line="(\d+)" data-note="([^"]*)"', html)
    assert [(int(n), note.split(":")[0]) for n, note in notes] == [
        (line, "contract.hourly_rate")]
    live = client.post("/case/harbor-foods.yaml/preview", json={"text": bad},
                       headers={"X-CSRF-Token": csrf}).json()
    assert [(p["file"], p["line"], p["key"]) for p in live["problems"]] == [
        ("harbor-foods.yaml", line, "contract.hourly_rate")]
    message = live["problems"][0]["message"]
    assert html_lib.unescape(notes[0][1]) == f"contract.hourly_rate: {message}"


def _revisions(folder: Path, name: str = "harbor-foods.yaml") -> list[Path]:
    return sorted((folder / files.REVISIONS / name).iterdir())


def test_the_page_lists_the_revisions_and_one_is_restored_as_a_save(
    client: TestClient, folder: Path, csrf: str
) -> None:
    path = folder / "harbor-foods.yaml"
    original = path.read_bytes()
    _save(client, csrf, "harbor-foods.yaml", "# first edit\n" + original.decode())
    _save(client, csrf, "harbor-foods.yaml", "# second edit\n" + original.decode())
    kept = _revisions(folder)
    assert [p.read_bytes() for p in kept] == [original, b"# first edit\n" + original]
    html = client.get("/case/harbor-foods.yaml").text
    listed = re.findall(r'name="revision" value="([^"]+)"', html)
    assert listed == [kept[1].name, kept[0].name]  # newest first
    assert "2 earlier revision(s)" in html
    assert f"{len(original):,} bytes" in html
    assert re.search(r"<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC</time>", html)
    view = client.get(f"/case/harbor-foods.yaml/revisions/{kept[0].name}")
    assert view.status_code == 200 and view.content == original
    assert view.headers["content-type"].startswith("text/plain")
    r = client.post("/case/harbor-foods.yaml/restore",
                    data={"csrf_token": csrf, "revision": kept[0].name})
    assert r.status_code == 200 and "Restored the revision of" in r.text
    assert path.read_bytes() == original
    after = _revisions(folder)  # the text it replaced is a revision now: nothing lost
    assert len(after) == 3 and after[-1].read_bytes() == b"# second edit\n" + original
    assert "project: Harbor Foods website" in r.text and "3 earlier revision(s)" in r.text
    # restoring the current text again writes no revision
    r = client.post("/case/harbor-foods.yaml/restore",
                    data={"csrf_token": csrf, "revision": kept[0].name})
    assert r.status_code == 200 and len(_revisions(folder)) == 3


def test_a_restore_needs_the_csrf_token_and_a_revision_of_that_case(
    client: TestClient, folder: Path, csrf: str, tmp_path: Path
) -> None:
    path = folder / "harbor-foods.yaml"
    shutil.copy(path, folder / "other.yaml")
    _save(client, csrf, "other.yaml", "version: 1\n# other\n")
    other_rev = _revisions(folder, "other.yaml")[0].name
    _save(client, csrf, "harbor-foods.yaml", "version: 1\n# mine\n")
    own = _revisions(folder)[0].name
    now = path.read_bytes()

    def refused(data: dict[str, str], name: str = "harbor-foods.yaml") -> int:
        return int(client.post(f"/case/{name}/restore", data=data).status_code)

    assert refused({"revision": own}) == 403  # no CSRF token
    assert refused({"revision": own, "csrf_token": "wrong"}) == 403
    assert refused({"csrf_token": csrf}) == 400  # no revision named
    assert refused({"csrf_token": csrf, "revision": other_rev}) == 404  # another case's
    for bad in ("../other.yaml/" + other_rev, "../../outside.yaml", "/etc/passwd",
                f"{own}/..", "..", own.replace(".yaml", ".txt")):
        assert refused({"csrf_token": csrf, "revision": bad}) == 400, bad
    for name in ("..%2Foutside.yaml", "%2Ftmp%2Fx.yaml", ".parting-revisions", "nope.yaml"):
        assert refused({"csrf_token": csrf, "revision": own}, name) in (400, 404), name
    # a revision that is a symlink (to a file outside) is not read
    secret = tmp_path / "secret.yaml"
    secret.write_text("secret: 1\n")
    link = folder / files.REVISIONS / "harbor-foods.yaml" / "20990101T000000.000000Z.yaml"
    link.symlink_to(secret)
    assert refused({"csrf_token": csrf, "revision": link.name}) == 404
    assert client.get(f"/case/harbor-foods.yaml/revisions/{link.name}").status_code == 404
    assert path.read_bytes() == now
    assert (folder.parent / "outside.yaml").read_text() == "secret: outside\n"
    for rev in (other_rev, "..%2F..%2Foutside.yaml", "x.yaml"):
        r = client.get(f"/case/harbor-foods.yaml/revisions/{rev}")
        assert r.status_code in (400, 404) and "secret" not in r.text
    anonymous = TestClient(create_app(folder, TOKEN))
    assert anonymous.get(f"/case/harbor-foods.yaml/revisions/{own}").status_code == 403


def test_an_oversized_post_is_413_and_writes_nothing(folder: Path, csrf: str) -> None:
    before = (folder / "harbor-foods.yaml").read_bytes()
    with _client(folder, max_bytes=1000) as client:
        r = _save(client, csrf, "harbor-foods.yaml", "x: 1\n" + "#" * 2000)
        assert r.status_code == 413  # type: ignore[attr-defined]
        r = client.post("/case/harbor-foods.yaml", data={"csrf_token": csrf},
                        files={"file": ("big.yaml", b"x: 1\n" * 500, "application/yaml")})
        assert r.status_code == 413

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield f"csrf_token={csrf}&text=".encode()
            for _ in range(20):
                yield b"a" * 100

        r = client.post("/case/harbor-foods.yaml", content=chunks(),
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert r.status_code == 413
        r = client.post("/check", content=b"{" + b" " * 2000 + b"}",
                        headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"})
        assert r.status_code == 413
    assert (folder / "harbor-foods.yaml").read_bytes() == before
    assert not (folder / files.REVISIONS).exists()


def test_an_upload_replaces_the_case(client: TestClient, folder: Path, csrf: str) -> None:
    data = ORIGINAL.read_bytes().replace(b"hourly_rate: 95", b"hourly_rate: 100")
    r = client.post("/case/harbor-foods.yaml", data={"csrf_token": csrf},
                    files={"file": ("h.yaml", data, "application/yaml")})
    assert r.status_code == 200
    assert (folder / "harbor-foods.yaml").read_bytes() == data


@pytest.mark.parametrize(("body", "kind"), [
    (b"--X\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nTOKEN\r\n"
     b"--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.yaml\"\r\n\r\n"
     b"version: 1\r\nname: \xff\xfe bad\r\n--X--\r\n", "multipart/form-data; boundary=X"),
    (b"--X\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nTOKEN\r\n"
     b"--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.yaml\"\r\n\r\n"
     b"version: 1\r\n", "multipart/form-data; boundary=X"),  # cut off: no closing boundary
    (b"garbage without any boundary", "multipart/form-data; boundary=X"),
    (b"csrf_token=TOKEN&text=%FF%FE", "application/x-www-form-urlencoded"),
    (b"csrf_token=TOKEN&text=version%3A%201%00", "application/x-www-form-urlencoded"),
    (b"csrf_token=TOKEN&text=x", "text/plain"),
])
def test_a_malformed_upload_is_a_clear_error_and_writes_nothing(
    client: TestClient, folder: Path, csrf: str, body: bytes, kind: str
) -> None:
    before = (folder / "harbor-foods.yaml").read_bytes()
    r = client.post("/case/harbor-foods.yaml", content=body.replace(b"TOKEN", csrf.encode()),
                    headers={"Content-Type": kind})
    assert r.status_code in (400, 403, 415), r.text
    assert r.text.strip() and "Traceback" not in r.text
    assert (folder / "harbor-foods.yaml").read_bytes() == before
    assert not (folder / files.REVISIONS).exists()


def test_a_non_utf8_upload_says_so(client: TestClient, folder: Path, csrf: str) -> None:
    r = client.post("/case/harbor-foods.yaml", data={"csrf_token": csrf},
                    files={"file": ("a.yaml", b"version: 1\nname: \xff\n", "application/yaml")})
    assert r.status_code == 400
    assert "not UTF-8" in r.text and "nothing was written" in r.text


# --- the package, live ------------------------------------------------------------------------


def test_changing_the_hourly_rate_changes_the_balance(
    client: TestClient, folder: Path, csrf: str
) -> None:
    text = (folder / "harbor-foods.yaml").read_text()
    higher = text.replace("hourly_rate: 95", "hourly_rate: 105")
    live = client.post("/case/harbor-foods.yaml/preview", json={"text": higher},
                       headers={"X-CSRF-Token": csrf}).json()
    assert live["ok"] and live["money"] != "$1,782.50"
    assert live["money"] in live["files"]["letter.md"]
    assert (folder / "harbor-foods.yaml").read_text() == text  # a preview writes nothing
    saved = _save(client, csrf, "harbor-foods.yaml", higher).text  # type: ignore[attr-defined]
    assert f'<strong id="money">{live["money"]}</strong>' in saved


def test_the_live_preview_reports_problems(client: TestClient, csrf: str) -> None:
    r = client.post("/case/harbor-foods.yaml/preview", json={"text": "version: 1\nfoo: [\n"},
                    headers={"X-CSRF-Token": csrf})
    view = r.json()
    assert not view["ok"] and view["problems"][0]["line"] == 3
    for bad in (b"[1]", b"not json", b"\xff"):
        r = client.post("/case/harbor-foods.yaml/preview", content=bad,
                        headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"})
        assert r.status_code == 400 and "error" in r.json()


# --- new cases ------------------------------------------------------------------------------


def test_a_new_case_from_the_starter(client: TestClient, folder: Path, csrf: str) -> None:
    from importlib.resources import files as resources

    r = client.post("/new", data={"csrf_token": csrf, "name": "acme", "source": "starter"})
    assert r.status_code == 303 and r.headers["location"] == "/case/acme.yaml"
    starter = resources("parting.case").joinpath("starter.yaml").read_text("utf-8")
    assert (folder / "acme.yaml").read_text() == starter
    assert client.get("/case/acme.yaml").status_code == 200


def test_a_new_case_copying_one(client: TestClient, folder: Path, csrf: str) -> None:
    r = client.post("/new", data={"csrf_token": csrf, "name": "copy.yaml",
                                  "source": "harbor-foods.yaml"})
    assert r.status_code == 303
    assert (folder / "copy.yaml").read_bytes() == (folder / "harbor-foods.yaml").read_bytes()


def test_a_new_case_never_overwrites_nor_leaves_the_folder(
    client: TestClient, folder: Path, csrf: str
) -> None:
    before = (folder / "harbor-foods.yaml").read_bytes()
    r = client.post("/new", data={"csrf_token": csrf, "name": "harbor-foods.yaml"})
    assert r.status_code == 409 and "already exists" in r.text
    assert (folder / "harbor-foods.yaml").read_bytes() == before
    for name in ("../evil.yaml", "/tmp/evil.yaml", ".evil.yaml", "sub/evil"):
        r = client.post("/new", data={"csrf_token": csrf, "name": name})
        assert r.status_code == 400, name
    assert not (folder.parent / "evil.yaml").exists()
    r = client.post("/new", data={"csrf_token": csrf, "name": "x.yaml",
                                  "source": "../outside.yaml"})
    assert r.status_code == 400 and not (folder / "x.yaml").exists()


# --- the package as a zip -------------------------------------------------------------------


def test_the_zip_holds_the_bytes_parting_plan_writes(
    client: TestClient, folder: Path, tmp_path: Path
) -> None:
    from parting.case.load import load_case
    from parting.render import bundle, phrases

    r = client.get("/case/harbor-foods.yaml/package.zip")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/zip"
    assert 'filename="harbor-foods-package.zip"' in r.headers["content-disposition"]
    case = load_case(EXAMPLES / "harbor-foods.yaml", phrases.available())
    out = tmp_path / "written"
    written = bundle.write(bundle.build(case), out)
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    names = archive.namelist()
    assert names == [f"harbor-foods-package/{p.name}" for p in written]
    for path in written:
        assert archive.read(f"harbor-foods-package/{path.name}") == path.read_bytes(), path.name
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert client.get("/case/harbor-foods.yaml/package.zip").content == r.content  # same bytes


def test_each_document_downloads_with_the_bytes_parting_plan_writes(
    client: TestClient, tmp_path: Path
) -> None:
    from parting.case.load import load_case
    from parting.render import bundle, phrases

    case = load_case(EXAMPLES / "harbor-foods.yaml", phrases.available())
    out = tmp_path / "written"
    bundle.write(bundle.build(case), out)
    html = client.get("/case/harbor-foods.yaml").text
    kinds = {"parting.pdf": "application/pdf", "settlement.pdf": "application/pdf",
             "letter.eml": "message/rfc822", "transition.ics": "text/calendar; charset=utf-8",
             "invoice.pdf": "application/pdf"}
    for file, kind in kinds.items():
        assert f'href="/case/harbor-foods.yaml/download/{file}" download' in html
        r = client.get(f"/case/harbor-foods.yaml/download/{file}")
        assert r.status_code == 200, file
        assert r.headers["content-type"] == kind
        assert r.headers["content-disposition"] == (
            f'attachment; filename="harbor-foods-{file}"')
        assert r.content == (out / file).read_bytes(), file
    anonymous = TestClient(create_app(tmp_path, TOKEN))
    assert anonymous.get("/case/harbor-foods.yaml/download/letter.eml").status_code == 403


@pytest.mark.parametrize("path", [
    "/case/harbor-foods.yaml/download/package.json", "/case/harbor-foods.yaml/download/x.pdf",
    "/case/harbor-foods.yaml/download/..%2F..%2Foutside.yaml",
    "/case/nope.yaml/download/letter.eml",
    "/case/..%2Foutside.yaml/download/letter.eml",
])
def test_no_other_download(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404) and "secret" not in r.text


def test_no_document_of_a_case_with_problems(
    client: TestClient, folder: Path, csrf: str
) -> None:
    _save(client, csrf, "harbor-foods.yaml", "version: 1\n")
    r = client.get("/case/harbor-foods.yaml/download/letter.eml")
    assert r.status_code == 422 and "download letter.eml" in r.text
    assert "harbor-foods.yaml" in r.text


def test_no_zip_of_a_case_with_problems(client: TestClient, folder: Path, csrf: str) -> None:
    _save(client, csrf, "harbor-foods.yaml", "version: 1\n")
    r = client.get("/case/harbor-foods.yaml/package.zip")
    assert r.status_code == 422 and "harbor-foods.yaml" in r.text


# --- the letter, checked -----------------------------------------------------------------------


def test_check_returns_the_findings_of_parting_check(client: TestClient, csrf: str) -> None:
    draft = ("Hi Dana,\n\nI was wondering if maybe we could wrap up? "
             "Your team missed every deadline.\n")
    r = client.post("/check", json={"text": draft}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200
    result = r.json()
    codes = {f["code"] for f in result["findings"]}
    assert {"P302", "P501"} <= codes and result["passes"] is False
    assert set(result["principles"]) >= {"status", "respectful", "finances"}


def test_check_with_the_case_checks_the_facts(client: TestClient, folder: Path, csrf: str) -> None:
    letter = client.post("/case/harbor-foods.yaml/preview",
                         json={"text": (folder / "harbor-foods.yaml").read_text()},
                         headers={"X-CSRF-Token": csrf}).json()["files"]["letter.md"]
    good = client.post("/check", json={"text": letter, "case": "harbor-foods.yaml"},
                       headers={"X-CSRF-Token": csrf}).json()
    assert good["principles"]["facts"]["ok"] and good["passes"]
    wrong = letter.replace("$1,782.50", "$1,900.00")
    bad = client.post("/check", json={"text": wrong, "case": "harbor-foods.yaml"},
                      headers={"X-CSRF-Token": csrf}).json()
    assert not bad["principles"]["facts"]["ok"]
    assert any(f["code"].startswith("F") for f in bad["findings"])
    r = client.post("/check", json={"text": letter, "case": "../outside.yaml"},
                    headers={"X-CSRF-Token": csrf})
    assert r.status_code == 400


# --- the letter, kept with the case --------------------------------------------------------


def _letter(client: TestClient, csrf: str, body: object, name: str = "harbor-foods.yaml") -> object:
    return client.post(f"/case/{name}/letter", json=body, headers={"X-CSRF-Token": csrf})


def test_the_user_s_letter_is_kept_beside_the_case_and_shown_when_it_is_opened(
    client: TestClient, folder: Path, csrf: str
) -> None:
    page = client.get("/case/harbor-foods.yaml").text
    assert 'data-own=""' in page and 'id="generated" hidden' in page
    generated = re.search(r'data-file="harbor-foods.letter.md">\n(.*?)</textarea>', page,
                          re.S)
    assert generated and "Dana" in generated.group(1)
    mine = "Hi Dana,\r\n\r\nI was wondering if maybe we could wrap up.\r\n"
    r = _letter(client, csrf, {"text": mine})
    assert r.status_code == 200  # type: ignore[attr-defined]
    assert r.json() == {"file": "harbor-foods.letter.md", "own": True, "revision": None}  # type: ignore[attr-defined]
    kept = folder / "harbor-foods.letter.md"
    assert kept.read_text() == mine.replace("\r\n", "\n")
    page = client.get("/case/harbor-foods.yaml").text
    assert 'data-own="1"' in page and 'id="generated" hidden' not in page
    assert ('data-file="harbor-foods.letter.md">\nHi Dana,\n\nI was wondering if maybe we '
            "could wrap up.\n</textarea>") in page
    assert "Your own letter, kept as <code>harbor-foods.letter.md</code>" in page
    # a second save keeps the first (atomically, with revisions like the case)
    r = _letter(client, csrf, {"text": "Hi Dana,\n\nSecond.\n"})
    revision = r.json()["revision"]  # type: ignore[attr-defined]
    assert revision.startswith(f"{files.REVISIONS}/harbor-foods.letter.md/")
    assert revision.endswith(".md")
    assert (folder / revision).read_text() == mine.replace("\r\n", "\n")
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
    # back to the generated letter: the user's is kept as a revision, nothing lost
    r = _letter(client, csrf, {"generated": True})
    assert r.json()["own"] is False and not kept.exists()  # type: ignore[attr-defined]
    back = r.json()["revision"]  # type: ignore[attr-defined]
    assert (folder / back).read_text() == "Hi Dana,\n\nSecond.\n"
    assert 'data-own=""' in client.get("/case/harbor-foods.yaml").text
    assert (folder / "harbor-foods.yaml").read_bytes() == ORIGINAL.read_bytes()


def test_the_saved_letter_is_checked_with_the_facts_of_the_case(
    client: TestClient, folder: Path, csrf: str
) -> None:
    letter = client.post("/case/harbor-foods.yaml/preview",
                         json={"text": (folder / "harbor-foods.yaml").read_text()},
                         headers={"X-CSRF-Token": csrf}).json()["files"]["letter.md"]
    _letter(client, csrf, {"text": letter.replace("$2,982.50", "$1,900.00")})
    saved = (folder / "harbor-foods.letter.md").read_text()
    result = client.post("/check", json={"text": saved, "case": "harbor-foods.yaml"},
                         headers={"X-CSRF-Token": csrf}).json()
    wrong = [f for f in result["findings"] if f["code"].startswith("F")]
    assert wrong and saved[wrong[0]["start"]:wrong[0]["end"]] == wrong[0]["text"]
    assert "1,900.00" in " ".join(f["text"] for f in wrong)


def test_the_letter_route_is_confined_and_refuses_bad_bodies(
    client: TestClient, folder: Path, csrf: str
) -> None:
    outside = folder.parent / "outside.letter.md"
    outside.write_text("secret\n")
    (folder / "link.yaml").write_text("version: 1\n")
    (folder / "link.letter.md").symlink_to(outside)
    r = _letter(client, csrf, {"text": "pwned"}, "link.yaml")
    assert r.status_code == 400  # type: ignore[attr-defined]
    page = client.get("/case/link.yaml")  # the case opens; the letter is not read
    assert page.status_code == 200 and "secret" not in page.text
    assert "link.letter.md leads outside the folder" in page.text
    r = _letter(client, csrf, {"generated": True}, "link.yaml")
    assert r.status_code == 400 and outside.read_text() == "secret\n"  # type: ignore[attr-defined]
    for name in ("..%2Foutside.yaml", "nope.yaml", "harbor-foods.letter.md"):
        r = _letter(client, csrf, {"text": "pwned"}, name)
        assert r.status_code in (400, 404), name  # type: ignore[attr-defined]
    for body in ({}, {"text": 3}, {"generated": "yes"}, {"text": "a\x00b"}, [1]):
        r = _letter(client, csrf, body)
        assert r.status_code == 400 and "error" in r.json(), body  # type: ignore[attr-defined]
    assert not (folder / "harbor-foods.letter.md").exists()
    assert outside.read_text() == "secret\n"
    assert not (folder.parent / "outside.letter.md.tmp").exists()


# --- parting send --dry-run ---------------------------------------------------------------


def _dry_run(client: TestClient, csrf: str, **body: object) -> object:
    return client.post("/case/harbor-foods.yaml/send-dry-run", json=body,
                       headers={"X-CSRF-Token": csrf})


def _no_date(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.strip().startswith("Date:")]


@pytest.fixture
def no_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("PARTING_SMTP_"):
            monkeypatch.delenv(key)


@pytest.mark.usefixtures("no_smtp")
def test_the_dry_run_says_what_parting_send_would_send(
    client: TestClient, folder: Path, csrf: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import run_cli

    r = _dry_run(client, csrf)
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    got = r.json()  # type: ignore[attr-defined]
    assert got["sent"] is False and got["package"] is None
    assert got["lines"][0].startswith("Dry run: nothing sent. Would send through not configured")
    assert got["to"] == ["dana@harborfoods.example"] and got["from"] == "sam@rivera.example"
    assert got["attachments"] == ["settlement.pdf"] and got["subject"].startswith("Harbor Foods")
    cli = run_cli("send", str(folder / "harbor-foods.yaml"), "--dry-run")
    assert cli.exit_code == 0, cli.stderr
    assert _no_date(got["lines"]) == _no_date(cli.stdout.splitlines())  # parting send's own
    assert any("in the past" in w for w in got["warnings"]) == ("in the past" in cli.stderr)
    # the server's SMTP settings; still nothing sent, no connection made
    monkeypatch.setenv("PARTING_SMTP_HOST", "smtp.invalid")
    got = _dry_run(client, csrf, cc_stakeholders=True).json()  # type: ignore[attr-defined]
    assert got["lines"][0] == ("Dry run: nothing sent. Would send through "
                               "smtp.invalid:587 (STARTTLS)")
    assert got["server"] == "smtp.invalid:587 (STARTTLS)"
    monkeypatch.setenv("PARTING_SMTP_SSL", "maybe")
    r = _dry_run(client, csrf)
    assert r.status_code == 422 and "PARTING_SMTP_SSL" in r.json()["error"]  # type: ignore[attr-defined]


@pytest.mark.usefixtures("no_smtp")
def test_the_dry_run_reads_the_package_parting_plan_wrote_and_says_so(
    client: TestClient, folder: Path, csrf: str, tmp_path: Path
) -> None:
    from conftest import run_cli

    assert run_cli("plan", str(folder / "harbor-foods.yaml")).exit_code == 0
    package = folder / "harbor-foods-package"
    eml = package / "letter.eml"
    eml.write_bytes(eml.read_bytes().replace(b"Subject: Harbor Foods", b"Subject: Edited: Harbor"))
    _letter(client, csrf, {"text": "Hi Dana,\n\nmine\n"})
    got = _dry_run(client, csrf).json()  # type: ignore[attr-defined]
    assert got["package"] == "harbor-foods-package"
    assert got["subject"].startswith("Edited: Harbor")
    assert any("as edited" in w for w in got["warnings"])
    assert any("harbor-foods.letter.md) is not what is sent" in w for w in got["warnings"])
    # a package folder leading outside the served folder is not read
    shutil.rmtree(package)
    (tmp_path / "elsewhere").mkdir()
    package.symlink_to(tmp_path / "elsewhere")
    r = _dry_run(client, csrf)
    assert r.status_code == 422 and "outside the served folder" in r.json()["error"]  # type: ignore[attr-defined]


def test_the_dry_run_of_a_case_with_problems_or_a_bad_body(
    client: TestClient, csrf: str
) -> None:
    r = _dry_run(client, csrf, cc_stakeholders="yes")
    assert r.status_code == 400  # type: ignore[attr-defined]
    _save(client, csrf, "harbor-foods.yaml", "version: 1\n")
    r = _dry_run(client, csrf)
    assert r.status_code == 422 and r.json()["problems"]  # type: ignore[attr-defined]
    r = client.post("/case/..%2Foutside.yaml/send-dry-run", json={},
                    headers={"X-CSRF-Token": csrf})
    assert r.status_code in (400, 404)


# --- the command ------------------------------------------------------------------------------


def test_serve_prints_the_url_with_its_token_first(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from parting.cli import app
    from parting.web import serve

    ran: list[tuple[Path, str, int]] = []
    opened: list[str] = []
    monkeypatch.setattr(serve, "run", lambda f, t, s: ran.append((f, t, s.getsockname()[1])))
    monkeypatch.setattr("webbrowser.open", opened.append)
    result = CliRunner().invoke(app, ["serve", str(folder), "--no-browser"])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    (folder_run, token, port), = ran
    assert first == f"http://127.0.0.1:{port}/?token={token}" and len(token) >= 40
    assert folder_run == folder and opened == []
    result = CliRunner().invoke(app, ["serve", str(folder), "--port", "0"])
    assert opened == [result.stdout.splitlines()[0]]


def test_serve_refuses_a_missing_folder(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from parting.cli import app

    result = CliRunner().invoke(app, ["serve", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "not a folder" in result.stderr


def test_url_of() -> None:
    from parting.web.serve import url_of

    assert url_of("0.0.0.0", 8000, "t") == "http://127.0.0.1:8000/?token=t"
    assert url_of("::1", 8000, "t") == "http://[::1]:8000/?token=t"
    assert url_of("myhost", 1, "t") == "http://myhost:1/?token=t"


def test_no_file_is_left_behind_by_a_failed_write(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        files.save(folder, "harbor-foods.yaml", "version: 1\n")
    assert (folder / "harbor-foods.yaml").read_bytes() == ORIGINAL.read_bytes()
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
