"""The web app of `parting serve` (Starlette): one more face over `plan` and `render`.

Safe by default, because a local server is reachable by every page the browser opens:

- Access token: a random token (`secrets.token_urlsafe`) is required on every request. The
  URL printed by `parting serve` carries it (`?token=`); that first visit sets it as an
  HttpOnly, SameSite=Strict cookie and redirects to the same URL without it. Any request
  without the valid token gets 403.
- CSRF: every POST carries the session's CSRF token (a hidden form field `csrf_token`, or
  the header `X-CSRF-Token` from the page's script), checked in constant time, and a
  cross-origin `Origin` is refused; the cookie is SameSite=Strict besides.
- Headers on every response: a Content-Security-Policy (`default-src 'self'`: no inline
  script or style, no external requests; `frame-ancestors 'none'`), `nosniff`,
  `Referrer-Policy: same-origin` (not `no-referrer`: under it a browser sends `Origin: null`
  with a form's POST, which the origin check must refuse), `Cache-Control: no-store`.
- Templates are autoescaped; the page's script sets text only (`textContent`).
- Request bodies are limited (413 above `max_bytes`, nothing written); forms are parsed
  strictly (UTF-8, a few fields); an upload that is not UTF-8 text is refused (400).
- Paths are confined to the folder (`parting.web.files.case_path`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from starlette.responses import Response as StarletteResponse
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from parting.web import files

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The largest request body accepted (a case file of a long engagement is a few MB).
MAX_BYTES = 8 * 1024 * 1024

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
_ALLOWED_METHODS = {"GET", "HEAD", "POST"}


def cookie_name(scope: Scope) -> str:
    """One cookie per port: two servers on 127.0.0.1 do not overwrite each other's token."""
    server = scope.get("server") or ("", 0)
    return f"parting_token_{server[1] or 0}"


class Guard:
    """ASGI middleware: the access token on every request, the security headers on every
    response, the body size limit by Content-Length."""

    def __init__(self, app: ASGIApp, token: str, max_bytes: int) -> None:
        self.app = app
        self.token = token
        self.max_bytes = max_bytes
        self.csrf = ""  # set by create_app
        self.routes: list[BaseRoute] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return  # no websockets

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        request = Request(scope)
        given = request.query_params.get("token")
        name = cookie_name(scope)
        if given is not None:
            if not self._valid(given):
                await _deny(scope, receive, send_with_headers)
                return
            rest = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode(
                "latin-1"), keep_blank_values=True) if k != "token"]
            target = quote(scope["path"]) + (f"?{urlencode(rest)}" if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(
                name, self.token, httponly=True, samesite="strict", path="/",
                secure=scope.get("scheme") == "https",
            )
            await response(scope, receive, send_with_headers)
            return
        if not self._valid(request.cookies.get(name, "")):
            await _deny(scope, receive, send_with_headers)
            return
        if scope["method"] not in _ALLOWED_METHODS:
            refused = PlainTextResponse("method not allowed", status_code=405)
            await refused(scope, receive, send_with_headers)
            return
        length = request.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > self.max_bytes:
            await _too_large(self.max_bytes)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _valid(self, given: str) -> bool:
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode())


async def _deny(scope: Scope, receive: Receive, send: Send) -> None:
    response = PlainTextResponse(
        "403 Forbidden: this parting server needs its access token. Open the URL that "
        "`parting serve` printed (it ends in ?token=...).\n", status_code=403,
    )
    await response(scope, receive, send)


def _too_large(limit: int) -> StarletteResponse:
    return PlainTextResponse(
        f"413: the request is larger than {limit:,} bytes; nothing was written.\n",
        status_code=413,
    )


class App:
    """The routes over one folder of case files."""

    def __init__(self, folder: Path, token: str, max_bytes: int) -> None:
        self.root = folder.resolve()
        self.token = token
        self.max_bytes = max_bytes
        self.csrf = hmac.new(token.encode(), b"parting csrf", hashlib.sha256).hexdigest()
        # One request at a time plans or typesets (WeasyPrint is not made for threads).
        self.lock = threading.Lock()
        self.save_lock = threading.Lock()  # saves apart from previews, but one at a time
        self.templates = Environment(
            loader=PackageLoader("parting.web", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    # --- helpers ---------------------------------------------------------------------------

    def page(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        html = self.templates.get_template(template).render(csrf=self.csrf, **values)
        return HTMLResponse(html, status_code=status)

    def case_path(self, name: str) -> Path:
        try:
            return files.case_path(self.root, name)
        except files.PathRefused as exc:
            raise HTTPException(400, str(exc)) from None

    def existing(self, name: str) -> Path:
        path = self.case_path(name)
        if not path.is_file():
            raise HTTPException(404, f"there is no case file {name} in the folder")
        return path

    def read_text(self, path: Path) -> tuple[str, str | None]:
        """(text, problem): the case file as text, or its bytes as best read and why not."""
        data = path.read_bytes()
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError as exc:
            return data.decode("utf-8", "replace"), (
                f"{path.name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                f"{exc.start}); saving here writes it as UTF-8"
            )

    async def body(self, request: Request) -> bytes:
        """The request body, at most `max_bytes` (413), however it is sent."""
        chunks = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_bytes:
                raise HTTPException(413, f"the request is larger than {self.max_bytes:,} "
                                         "bytes; nothing was written")
            chunks.append(chunk)
        return b"".join(chunks)

    def check_origin(self, request: Request) -> None:
        origin = request.headers.get("origin")
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin is not None and origin != own:  # "null" too: a sandboxed or file page
            raise HTTPException(403, "cross-origin request refused")

    def check_csrf(self, given: str | None) -> None:
        if not given or not hmac.compare_digest(given.encode("utf-8", "replace"),
                                                self.csrf.encode()):
            raise HTTPException(403, "missing or wrong CSRF token; reload the page")

    async def posted_form(self, request: Request) -> dict[str, str | bytes]:
        """The fields of a POSTed form (urlencoded or multipart), the CSRF token checked.
        Text is strict UTF-8; an uploaded file comes as its bytes."""
        self.check_origin(request)
        data = await self.body(request)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        fields: dict[str, str | bytes] = {}
        if kind == "application/x-www-form-urlencoded":
            try:
                pairs = parse_qsl(data.decode("ascii"), keep_blank_values=True,
                                  strict_parsing=False, encoding="utf-8", errors="strict",
                                  max_num_fields=20)
            except (UnicodeDecodeError, ValueError) as exc:
                raise HTTPException(400, f"malformed form: {exc}") from None
            fields.update(pairs)
        elif kind == "multipart/form-data":

            async def replay() -> Message:
                return {"type": "http.request", "body": data, "more_body": False}

            form = await Request(request.scope, replay).form(
                max_files=1, max_fields=20, max_part_size=self.max_bytes
            )
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    fields[key] = await value.read()
                else:
                    fields[key] = value
        else:
            raise HTTPException(415, "send a form (urlencoded or multipart)")
        token = fields.get("csrf_token")
        self.check_csrf(token if isinstance(token, str) else None)
        return fields

    async def run(self, work: Callable[..., Any], *args: Any) -> Any:
        def locked() -> Any:
            with self.lock:
                return work(*args)

        return await run_in_threadpool(locked)

    # --- routes ----------------------------------------------------------------------------

    async def index(self, request: Request) -> HTMLResponse:
        cases = files.list_cases(self.root)
        return self.page("index.html", folder=str(self.root), cases=cases, error=None)

    async def show(self, request: Request) -> HTMLResponse:
        name = request.path_params["name"]
        path = self.existing(name)
        text, problem = self.read_text(path)
        return await self._case_page(name, path, text, saved=None, problem=problem)

    async def _case_page(self, name: str, path: Path, text: str, saved: str | None,
                         problem: str | None, status: int = 200) -> HTMLResponse:
        from parting.web.preview import DOWNLOADS, preview

        view = await self.run(preview, self.root, path, text)
        letter_file = f"{Path(name).stem}.letter.md"
        letter = None
        try:
            letter_path = files.letter_path(self.root, name)
            if letter_path.is_file():
                letter = self.read_text(letter_path)[0]
        except files.PathRefused as exc:
            problem = " ".join(filter(None, [problem, f"{exc}; your letter is not read."]))
        return self.page(
            "case.html", status=status, name=name, text=text, view=view, saved=saved,
            problem=problem, revisions=files.revision_list(self.root, name),
            letter=letter, letter_file=letter_file, downloads=list(DOWNLOADS),
        )

    async def letter(self, request: Request) -> JSONResponse:
        """The letter the user edited in the page, kept beside the case as NAME.letter.md
        (atomically, earlier versions kept); {"generated": true} goes back to the letter the
        case gives (the user's is kept as a revision)."""
        name = request.path_params["name"]
        self.existing(name)
        payload = await self.posted_json(request)
        text = payload.get("text")
        generated = payload.get("generated") is True
        if not generated and not isinstance(text, str):
            raise HTTPException(400, "send {\"text\": \"...\"} or {\"generated\": true}")
        if isinstance(text, str) and "\x00" in text:
            raise HTTPException(400, "the text holds a NUL character; nothing was written")

        def write() -> Path | None:
            with self.save_lock:
                if generated:
                    return files.discard_letter(self.root, name)
                assert isinstance(text, str)
                return files.save_letter(self.root, name, files.with_newlines(text, "\n"))

        try:
            revision = await run_in_threadpool(write)
        except files.PathRefused as exc:
            raise HTTPException(400, str(exc)) from None
        letter_file = files.letter_path(self.root, name).name
        return JSONResponse({
            "file": letter_file, "own": not generated,
            "revision": f"{files.REVISIONS}/{letter_file}/{revision.name}" if revision else None,
        })

    async def revision(self, request: Request) -> StarletteResponse:
        """A kept revision of the case, as text, to look at before restoring it."""
        name = request.path_params["name"]
        self.existing(name)
        try:
            path = files.revision_path(self.root, name, request.path_params["revision"])
        except files.PathRefused as exc:
            raise HTTPException(400, str(exc)) from None
        except FileNotFoundError as exc:
            raise HTTPException(404, str(exc)) from None
        return StarletteResponse(path.read_bytes(), media_type="text/plain; charset=utf-8")

    async def restore(self, request: Request) -> HTMLResponse:
        """Put a kept revision back: a save like any other (atomic; the current text is kept
        as a revision first, so a restore can be undone too)."""
        name = request.path_params["name"]
        path = self.existing(name)
        fields = await self.posted_form(request)
        revision = fields.get("revision")
        if not isinstance(revision, str) or not revision:
            raise HTTPException(400, "say which revision to restore")

        def put_back() -> tuple[bytes, Path | None]:
            with self.save_lock:
                return files.restore(self.root, path, revision)

        try:
            _, kept = await run_in_threadpool(put_back)
        except files.PathRefused as exc:
            raise HTTPException(400, str(exc)) from None
        except FileNotFoundError as exc:
            raise HTTPException(404, str(exc)) from None
        text, problem = self.read_text(path)
        saved = f"Restored the revision of {files.when_of(revision)}" + (
            f"; the version it replaced is kept as {files.REVISIONS}/{name}/{kept.name}"
            if kept else " (the same text as now)")
        return await self._case_page(name, path, text, saved=saved, problem=problem)

    async def save(self, request: Request) -> HTMLResponse:
        name = request.path_params["name"]
        path = self.case_path(name)
        fields = await self.posted_form(request)
        content = fields.get("file") or fields.get("text")
        if content is None:
            raise HTTPException(400, "nothing to save: the form has no text or file field")
        if isinstance(content, bytes):
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise HTTPException(
                    400, f"the upload is not UTF-8 text (byte 0x{content[exc.start]:02x} at "
                    f"offset {exc.start}); nothing was written. Save it as UTF-8 and upload "
                    "it again",
                ) from None
        else:
            text = content
        if "\x00" in text:
            raise HTTPException(400, "the text holds a NUL character; nothing was written")
        try:
            text, revision = await run_in_threadpool(self._save, name, path, text)
        except files.PathRefused as exc:
            raise HTTPException(400, str(exc)) from None
        saved = "Saved" + (f"; the previous version is kept as {files.REVISIONS}/{name}/"
                           f"{revision.name}" if revision else "")
        return await self._case_page(name, path, text, saved=saved, problem=None)

    def _save(self, name: str, path: Path, text: str) -> tuple[str, Path | None]:
        """Write a save off the event loop (its fsync would stall every other request), one
        save at a time: the previous text read, kept and replaced by the same save."""
        with self.save_lock:
            if path.is_file():
                old, _ = self.read_text(path)
                text = files.with_newlines(text, files.newline_of(old))
            else:
                text = files.with_newlines(text, "\n")
            return text, files.save(self.root, name, text)

    async def live(self, request: Request) -> JSONResponse:
        """The preview of an unsaved text (the page's script, after each change)."""
        from parting.web.preview import preview

        name = request.path_params["name"]
        path = self.case_path(name)
        payload = await self.posted_json(request)
        text = payload.get("text")
        if not isinstance(text, str):
            raise HTTPException(400, "send {\"text\": \"...\"}")
        view = await self.run(preview, self.root, path, text)
        return JSONResponse(view.to_json())

    # --- the form view: round-trip edits of the YAML text (parting.web.form) ------------------

    async def form_view(self, request: Request) -> JSONResponse:
        """The form's steps and the values of an (unsaved) text, or why the form cannot show
        it (the YAML does not parse): {"error"}, a state of the text as the preview's problems
        are, not a failed request."""
        from parting.web import form

        self.existing(request.path_params["name"])
        text = _text_of(await self.posted_json(request))
        try:
            values = await run_in_threadpool(form.values, text)
        except form.EditError as exc:
            return JSONResponse({"error": str(exc)})
        return JSONResponse({"steps": form.steps(), "values": values})

    async def form_edit(self, request: Request) -> JSONResponse:
        """One edit of the form: {"text", "op": "set", "path", "value"} (a cleared value
        removes the key), {"op": "add", "path": TABLE} or {"op": "remove", "path":
        "TABLE[i]"} -> {"text": the new YAML text}. Nothing is written: the page saves."""
        from parting.web import form

        self.existing(request.path_params["name"])
        payload = await self.posted_json(request)
        text = _text_of(payload)
        op, path, value = payload.get("op", "set"), payload.get("path"), payload.get("value")
        if not isinstance(path, str) or op not in ("set", "add", "remove"):
            raise HTTPException(400, 'send {"text", "op": "set" | "add" | "remove", "path", '
                                     '"value"}')
        if op == "set" and not (isinstance(value, (str, bool)) or value is None or (
                isinstance(value, list) and all(isinstance(v, str) for v in value))):
            raise HTTPException(400, "value: text, true/false, a list of text or null")

        def work() -> str:
            if op == "add":
                return form.add_row(text, path)
            if op == "remove":
                return form.remove_row(text, path)
            return form.set_value(text, path, "" if value is None else value)

        try:
            new = await run_in_threadpool(work)
        except form.EditError as exc:
            return JSONResponse({"error": str(exc), "path": path}, status_code=422)
        return JSONResponse({"text": new})

    async def import_csv(self, request: Request) -> JSONResponse:
        """{"text", "key": TABLE, "csv": CSV text, "mode": "append" | "replace"} -> {"text",
        "rows", "mode"}; a CSV with problems changes nothing: {"error", "problems"} without
        a text, each problem with its row (its line in the CSV), column and what was expected
        (200, as the preview answers a case with problems; a request it cannot do is 422)."""
        from parting.web import form

        self.existing(request.path_params["name"])
        payload = await self.posted_json(request)
        text = _text_of(payload)
        key, csv_text, mode = payload.get("key"), payload.get("csv"), payload.get("mode")
        if not isinstance(key, str) or not isinstance(csv_text, str) or mode not in (
                "append", "replace"):
            raise HTTPException(400, 'send {"text", "key", "csv", "mode": "append" | '
                                     '"replace"}')
        try:
            new, rows, problems = await run_in_threadpool(
                form.import_csv, text, key, csv_text, mode == "replace")
        except form.EditError as exc:
            return JSONResponse({"error": str(exc), "problems": []}, status_code=422)
        if problems:
            return JSONResponse({"error": "the CSV has problems; nothing was imported",
                                 "problems": problems})
        return JSONResponse({"text": new, "rows": rows, "mode": mode})

    async def posted_json(self, request: Request) -> dict[str, Any]:
        self.check_origin(request)
        self.check_csrf(request.headers.get("x-csrf-token"))
        data = await self.body(request)
        try:
            payload = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise HTTPException(400, f"malformed JSON: {exc}") from None
        if not isinstance(payload, dict):
            raise HTTPException(400, "send a JSON object")
        return payload

    async def new(self, request: Request) -> StarletteResponse:
        from importlib.resources import files as resources

        fields = await self.posted_form(request)
        name = str(fields.get("name", "")).strip()
        source = str(fields.get("source", "") or "starter")
        if name and not name.lower().endswith((".yaml", ".yml")):
            name += ".yaml"
        self.case_path(name)
        if source == "starter":
            text = resources("parting.case").joinpath("starter.yaml").read_text("utf-8")
        else:
            text, _ = self.read_text(self.existing(source))
        try:
            files.create(self.root, name, text)
        except FileExistsError:
            cases = files.list_cases(self.root)
            return self.page("index.html", status=409, folder=str(self.root), cases=cases,
                             error=f"{name} already exists; choose another name")
        return RedirectResponse(f"/case/{quote(name)}", status_code=303)

    async def package_zip(self, request: Request) -> StarletteResponse:
        from parting.core.errors import CaseError
        from parting.web.preview import package_zip

        name = request.path_params["name"]
        path = self.existing(name)
        text, _ = self.read_text(path)
        try:
            folder, data = await self.run(package_zip, self.root, path, text)
        except CaseError as exc:
            return _has_problems(exc, "download the package")
        return StarletteResponse(data, media_type="application/zip", headers={
            "content-disposition": f'attachment; filename="{folder}.zip"',
        })

    async def download(self, request: Request) -> StarletteResponse:
        """One document of the package: parting.pdf, settlement.pdf, letter.eml,
        transition.ics or invoice.pdf, as `parting plan` writes it."""
        from parting.core.errors import CaseError
        from parting.web.preview import DOWNLOADS, package_file

        name = request.path_params["name"]
        file = request.path_params["file"]
        path = self.existing(name)
        if file not in DOWNLOADS:
            raise HTTPException(404, f"no document {file!r} to download; there are "
                                     + ", ".join(DOWNLOADS))
        text, _ = self.read_text(path)
        try:
            data = await self.run(package_file, self.root, path, text, file)
        except CaseError as exc:
            return _has_problems(exc, f"download {file}")
        except LookupError:
            raise HTTPException(
                404, f"this case has no {file}: nothing is left to invoice"
            ) from None
        return StarletteResponse(data, media_type=DOWNLOADS[file], headers={
            "content-disposition": f'attachment; filename="{path.stem}-{file}"',
        })

    async def dry_run(self, request: Request) -> JSONResponse:
        """`parting send CASE --dry-run`: what would be sent; nothing is sent from the page."""
        from parting.core.errors import CaseError, PartingError
        from parting.web.preview import send_dry_run

        name = request.path_params["name"]
        path = self.existing(name)
        payload = await self.posted_json(request)
        cc = payload.get("cc_stakeholders", False)
        if not isinstance(cc, bool):
            raise HTTPException(400, "cc_stakeholders: true or false")
        text, _ = self.read_text(path)
        try:
            result = await self.run(send_dry_run, self.root, path, text, cc)
        except CaseError as exc:
            return JSONResponse({"error": "the case file has problems", "problems": [
                str(p) for p in exc.problems]}, status_code=422)
        except PartingError as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)
        return JSONResponse(result)

    async def check(self, request: Request) -> JSONResponse:
        """A letter's text -> the findings of `parting check` (with the facts check when a
        case is named), as `parting check --format json` gives them."""
        payload = await self.posted_json(request)
        text = payload.get("text")
        if not isinstance(text, str):
            raise HTTPException(400, "send {\"text\": \"...\", \"case\": \"NAME.yaml\"}")
        case_name = payload.get("case")
        path = self.existing(case_name) if isinstance(case_name, str) and case_name else None
        case_text = self.read_text(path)[0] if path is not None else None
        try:
            result = await self.run(_check, self.root, path, case_text, text)
        except Exception as exc:
            from parting.core.errors import CaseError

            if isinstance(exc, CaseError):
                return JSONResponse({"error": "the case file has problems", "problems": [
                    str(p) for p in exc.problems]}, status_code=422)
            raise
        return JSONResponse(result)


def _text_of(payload: dict[str, Any]) -> str:
    text = payload.get("text")
    if not isinstance(text, str):
        raise HTTPException(400, 'send {"text": "..."} with the YAML text')
    if "\x00" in text:
        raise HTTPException(400, "the text holds a NUL character")
    return text


def _has_problems(exc: Exception, what: str) -> StarletteResponse:
    lines = "\n".join(str(p) for p in getattr(exc, "problems", [exc]))
    return PlainTextResponse(f"The case file has problems; fix them to {what}:\n{lines}\n",
                             status_code=422)


def _check(root: Path, path: Path | None, case_text: str | None, text: str) -> dict[str, Any]:
    from parting.check import report
    from parting.check.judge import judge

    ended = None
    known = None
    if path is not None and case_text is not None:
        from parting.facts.judge import known_of
        from parting.web.preview import load_text

        case = load_text(root, path, case_text)
        known = known_of(case)
        ended = case.engagement.terminated_by
    judgement = judge(text, ended_by=ended)
    if known is not None:
        from parting.facts.judge import with_facts

        judgement = with_facts(judgement, text, known)
    result = report.result_dict("letter", judgement, text)
    result["passes"] = report.passes(judgement)
    return result


async def _http_error(request: Request, exc: Exception) -> StarletteResponse:
    assert isinstance(exc, HTTPException)
    wants_json = any("application/json" in request.headers.get(h, "")
                     for h in ("accept", "content-type"))
    if wants_json or request.url.path == "/check" or request.url.path.endswith(
            ("/preview", "/letter", "/send-dry-run", "/form", "/edit",
                                  "/import-csv")):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return PlainTextResponse(f"{exc.status_code}: {exc.detail}\n", status_code=exc.status_code)


def create_app(folder: Path, token: str | None = None, max_bytes: int = MAX_BYTES) -> Guard:
    """The ASGI app serving the case files of `folder`, guarded by `token` (random when
    None): `.token` and `.csrf` of the app returned."""
    token = token or secrets.token_urlsafe(32)
    web = App(folder, token, max_bytes)
    static = Path(__file__).parent / "static"
    routes: list[BaseRoute] = [
        Route("/", web.index, methods=["GET"]),
        Route("/new", web.new, methods=["POST"]),
        Route("/check", web.check, methods=["POST"]),
        Route("/case/{name:path}/package.zip", web.package_zip, methods=["GET"]),
        Route("/case/{name:path}/download/{file}", web.download, methods=["GET"]),
        Route("/case/{name:path}/preview", web.live, methods=["POST"]),
        Route("/case/{name:path}/restore", web.restore, methods=["POST"]),
        Route("/case/{name:path}/form", web.form_view, methods=["POST"]),
        Route("/case/{name:path}/edit", web.form_edit, methods=["POST"]),
        Route("/case/{name:path}/import-csv", web.import_csv, methods=["POST"]),
        Route("/case/{name:path}/letter", web.letter, methods=["POST"]),
        Route("/case/{name:path}/send-dry-run", web.dry_run, methods=["POST"]),
        Route("/case/{name:path}/revisions/{revision}", web.revision, methods=["GET"]),
        Route("/case/{name:path}", web.show, methods=["GET"]),
        Route("/case/{name:path}", web.save, methods=["POST"]),
        Mount("/static", StaticFiles(directory=static), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error})
    guard = Guard(app, token, max_bytes)
    guard.csrf = web.csrf
    guard.routes = routes
    return guard

