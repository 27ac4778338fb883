"""The form view of a case file: its seven steps as sections of fields and tables, and the
edits a form makes to the YAML text.

One source of truth: the YAML text. A form edit is a round-trip edit of that text
(`ruamel.yaml`), which keeps the user's comments, key order and formatting elsewhere; the
result is checked against the text before it, read by the case file's own loader: the one
value changed (or removed, or the rows added), everything else the same, or the edit is
refused. Values get their YAML types by the key's type in the case file reference
(`parting.case.schema.fields_of`): numbers as numbers written as typed (never through a
float), dates as dates, true/false, lists; what does not read as its type is written as
text, for the case file's validation to say what is wrong beside the field. A cleared
optional field removes the key. CSV imports read the CSV by the case loader's own rules
(`parting.case.load.csv_records`)."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import functools
import io
import re
from decimal import Decimal
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
)

from parting.case import load, schema


class EditError(ValueError):
    """An edit that cannot be made (the message says why); the text is left as it was."""


class _Unsafe(EditError):
    """The edited text would not read as the edit meant."""


# --- the steps -------------------------------------------------------------------------------

#: Text keys written in a box of several lines.
LONG = {"engagement.reason", "engagement.client_benefit", "engagement.provider_benefit",
        "invoice.note"}
#: List keys written one item a line (the others: items separated by commas).
LINES = {"provider.address", "client.address"}
#: Tables that take a CSV import (the lists a case file may read from a CSV file).
CSV_TABLES = set(load.CSV_KEYS)

# (title, parts): a part is ("fields", section, title) or ("table", key, title)
_STEPS: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("1. The engagement and the reason", [
        ("fields", "engagement", "The engagement"),
        ("fields", "provider", "You"),
        ("fields", "client", "The client"),
    ]),
    ("2. Status of the deliverables", [("table", "deliverables", "Deliverables")]),
    ("3. Options", [("fields", "options", "The paths to offer")]),
    ("4. Money", [
        ("fields", "contract", "The contract"),
        ("fields", "contract.statutory_interest", "Statutory interest (opt-in)"),
        ("table", "time_entries", "Time entries"),
        ("table", "invoices", "Invoices issued"),
        ("table", "expenses", "Expenses"),
        ("fields", "invoice", "The final invoice"),
        ("fields", "invoice.payment", "How to pay"),
    ]),
    ("5. Handover", [("table", "assets", "Assets")]),
    ("6. People", [
        ("table", "stakeholders", "Stakeholders"),
        ("table", "referrals", "Referrals"),
    ]),
]


def _kind(path: str, field: dict[str, Any]) -> str:
    kind = str(field["type"])
    if kind.startswith("decimal"):
        return "number"
    if kind.startswith("integer"):
        return "integer"
    if kind == "date":
        return "date"
    if kind == "true | false":
        return "bool"
    if kind.startswith("list of"):
        return "lines" if path in LINES else "list"
    if kind == "mapping":
        return "mapping"
    if field["choices"]:
        return "choice"
    return "long" if path in LONG else "text"


def _fields(section: str) -> list[dict[str, Any]]:
    out = []
    for f in schema.fields_of(section):
        path = f"{section}.{f['key']}"
        kind = _kind(path, f)
        if kind != "mapping":
            out.append({**f, "path": path, "kind": kind})
    return out


@functools.cache
def steps() -> list[dict[str, Any]]:
    """The form's sections, for the page's script: each step's field groups and tables, each
    field with its key path, kind (text, long, number, integer, date, bool, choice, list,
    lines), choices, default, meaning and whether it is required."""
    out: list[dict[str, Any]] = []
    for title, parts in _STEPS:
        shown: list[dict[str, Any]] = []
        for part, key, label in parts:
            if part == "fields":
                shown.append({"part": "fields", "section": key, "title": label,
                              "fields": _fields(key)})
            else:
                shown.append({"part": "table", "key": key, "title": label,
                              "columns": _fields(key), "csv": key in CSV_TABLES})
        out.append({"title": title, "parts": shown})
    return out


def _kinds() -> dict[str, str]:
    """Key path with the row indexes left out (time_entries.hours) -> kind."""
    out = {}
    for step in steps():
        for part in step["parts"]:
            for f in part.get("fields") or part.get("columns"):
                out[f["path"]] = f["kind"]
    return out


KINDS = _kinds()
_ORDER = {f["path"]: i for i, f in enumerate(
    f for step in steps() for part in step["parts"]
    for f in (part.get("fields") or part.get("columns")))}
_TABLES = {part["key"] for step in steps() for part in step["parts"] if part["part"] == "table"}
_TOP_ORDER = list(schema.case_schema()["properties"])
_SECTION_ORDER = {s: [f["key"] for f in schema.fields_of(s)] for s in (
    *_TOP_ORDER[1:], "contract.statutory_interest", "invoice.payment")}


# --- reading ----------------------------------------------------------------------------------


def _json(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)  # Decimal as written (95.50), int


def values(text: str) -> dict[str, Any]:
    """The case's values for the form (numbers as written, dates YYYY-MM-DD), read by the case
    file's own loader; EditError (with the line) when the text is not a YAML mapping."""
    data = _plain(text)
    return _json(data)  # type: ignore[no-any-return]


def _plain(text: str) -> dict[str, Any]:
    try:
        data = load.parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise EditError(f"the YAML does not parse{where}: fix it in the YAML view; the form "
                        "needs a YAML text it can read") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise EditError("the YAML is not a mapping of keys (version, provider, client, ...): "
                        "fix it in the YAML view")
    return data


# --- key paths --------------------------------------------------------------------------------

_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d{1,7})\]")


def parse_path(path: str) -> list[str | int]:
    """`time_entries[3].hours` -> ["time_entries", 3, "hours"]."""
    out: list[str | int] = []
    at = 0
    while at < len(path):
        if out and path[at] == ".":
            at += 1
        m = _PART.match(path, at)
        if m is None or (m.group(1) is not None and out and path[at - 1] != "."):
            raise EditError(f"not a key path: {path!r}")
        out.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        at = m.end()
    if not out or not isinstance(out[0], str):
        raise EditError(f"not a key path: {path!r}")
    return out


def _kind_of(parts: list[str | int]) -> str | None:
    return KINDS.get(".".join(str(p) for p in parts if isinstance(p, str)))


# --- writing ----------------------------------------------------------------------------------


class _Raw(str):
    """A number or a date as the user typed it: written plain, read as that type."""

    tag = "tag:yaml.org,2002:str"


class _Number(_Raw):
    pass


class _Date(_Raw):
    pass


def _represent(representer: RoundTripRepresenter, data: _Raw) -> Any:
    if isinstance(data, _Date):
        tag = "tag:yaml.org,2002:timestamp"
    else:
        tag = "tag:yaml.org,2002:" + ("float" if "." in data else "int")
    return representer.represent_scalar(tag, str(data))


_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DELETE = object()


def typed(kind: str | None, value: Any, old: Any = None) -> Any:
    """The YAML value of what was typed in a field of this kind (a cleared one: _DELETE)."""
    if isinstance(value, list):
        items = [str(v).strip() for v in value if str(v).strip()]
        if not items:
            return _DELETE
        seq = CommentedSeq(items)
        if not isinstance(old, CommentedSeq) or old.fa.flow_style():
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, bool):
        return value
    if not isinstance(value, str):
        raise EditError("a value is text, true/false or a list of text")
    said = value.strip() if kind not in ("long", "text") else value.strip("\r\n")
    if not said.strip():
        return _DELETE
    if kind in ("number", "integer") and _NUMBER.fullmatch(said):
        return _Number(said)
    if kind == "date" and _DATE.fullmatch(said):
        try:
            dt.date.fromisoformat(said)
            return _Date(said)
        except ValueError:
            pass  # 2026-02-30: text, for validation to say what is wrong
    if kind == "bool" and said.lower() in ("true", "false"):
        return said.lower() == "true"
    if kind in ("list", "lines"):
        sep = "\n" if kind == "lines" else ","
        return typed(kind, said.split(sep), old)
    said = said.replace("\r\n", "\n")
    if "\n" in said or isinstance(old, LiteralScalarString):
        return LiteralScalarString(said) if "\n" in said else said
    if isinstance(old, FoldedScalarString):
        return FoldedScalarString(said)
    return said


def _plain_of(value: Any) -> Any:
    """What the case file's loader reads from a value written by `typed`."""
    if isinstance(value, _Date):
        return dt.date.fromisoformat(value)
    if isinstance(value, _Number):
        return int(value) if "." not in value else Decimal(value)
    if isinstance(value, dict):
        return {k: _plain_of(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_of(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _yaml(text: str) -> YAML:
    y = YAML(typ="rt")
    y.width = 4096  # never wrap a line the user wrote long
    y.preserve_quotes = True
    y.representer.add_representer(_Number, _represent)
    y.representer.add_representer(_Date, _represent)
    mapping, sequence, offset = _indents(text)
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    y.explicit_start = bool(re.match(r"(?:\s*#[^\n]*\n|\s*\n)*---", text))
    return y


def _indents(text: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) the text is written with."""
    mapping = 2
    m = re.search(r"^[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n(?:[ \t]*(?:#[^\n]*)?\n)*( +)[^\s#-]",
                  text, re.M)
    if m:
        mapping = len(m.group(1))
    offset = 0
    m = re.search(r"^([^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n)(?:[ \t]*(?:#[^\n]*)?\n)*( *)- ",
                  text, re.M)
    if m:
        offset = len(m.group(2))
    return mapping, offset + 2, offset


def _load_rt(text: str, whole: str | None = None) -> tuple[YAML, Any]:
    y = _yaml(whole if whole is not None else text)
    if whole is not None and whole is not text:
        y.explicit_start = False  # the lines of one key
    try:
        doc = y.load(text)
    except RuamelError as exc:
        raise EditError(f"the form cannot edit this YAML ({exc}); edit it in the YAML view"
                        ) from None
    if doc is None:
        doc = CommentedMap()
    if not isinstance(doc, CommentedMap):
        raise EditError("the YAML is not a mapping of keys: fix it in the YAML view")
    return y, doc


def _dump(y: YAML, doc: Any) -> str:
    out = io.StringIO()
    y.dump(doc, out)
    return out.getvalue()


def _insert_at(mapping: dict[str, Any], prefix: str, key: str) -> int | None:
    """Where a new key goes in a mapping: before the first key that follows it in the
    reference's order (None: at the end)."""
    order = _TOP_ORDER if not prefix else _SECTION_ORDER.get(prefix)
    if not order or key not in order:
        return None
    later = set(order[order.index(key) + 1:])
    for i, existing in enumerate(mapping):
        if existing in later:
            return i
    return None


def _set(doc: Any, parts: list[str | int], value: Any, rt: bool) -> None:
    """Set (or with _DELETE remove) the value at `parts` in `doc` (the round-trip document, or
    the loader's plain one), making the mappings on the way."""
    node = doc
    for depth, part in enumerate(parts[:-1]):
        child = node[part] if _has(node, part) else None
        if child is None:
            if value is _DELETE:
                return
            if isinstance(part, int):
                raise EditError(f"there is no row {part + 1} in {_key(parts[:depth])}")
            child = CommentedMap() if rt else {}
            _put(node, parts[:depth], part, child, rt)
        if not isinstance(child, (dict, list)):
            raise EditError(f"{_key(parts[:depth + 1])} is not a mapping or a list here")
        node = child
    last = parts[-1]
    if value is _DELETE:
        if _has(node, last):
            del node[last]
        _prune(doc, parts[:-1])
        return
    if isinstance(last, int):
        if not isinstance(node, list) or not 0 <= last < len(node):
            raise EditError(f"there is no row {last + 1} in {_key(parts[:-1])}")
        node[last] = value
    elif isinstance(node, dict):
        if (rt and not node and isinstance(node, CommentedMap) and len(parts) == 3
                and isinstance(parts[1], int)):
            _row_style(doc[parts[0]], node, str(parts[0]))
        _put(node, parts[:-1], last, value, rt)
    else:
        raise EditError(f"{_key(parts[:-1])} is not a mapping here")


def _row_style(rows: Any, row: CommentedMap, key: str) -> None:
    """An empty row being filled in is written as the table's other rows are (on one line
    when there are none, but for deliverables)."""
    others = [r for r in rows if r is not row and isinstance(r, CommentedMap)]
    if others[-1].fa.flow_style() if others else key != "deliverables":
        row.fa.set_flow_style()
    else:
        row.fa.set_block_style()


def _put(node: Any, at: list[str | int], key: str | int, value: Any, rt: bool) -> None:
    if isinstance(key, str) and rt and key not in node and isinstance(node, CommentedMap):
        where = _insert_at(node, ".".join(str(p) for p in at if isinstance(p, str)), key)
        if where is not None:
            node.insert(where, key, value)
            return
    node[key] = value


def _prune(doc: Any, parts: list[str | int]) -> None:
    """A mapping a removal left empty goes too (invoice.payment with nothing in it), not a row
    of a table."""
    while parts and not isinstance(parts[-1], int):
        node = doc
        for part in parts:
            node = node[part]
        if node or not isinstance(node, dict):
            return
        parent = doc
        for part in parts[:-1]:
            parent = parent[part]
        if isinstance(parent, list):
            return
        del parent[parts[-1]]
        parts = parts[:-1]


def _has(node: Any, part: str | int) -> bool:
    if isinstance(part, int):
        return isinstance(node, list) and 0 <= part < len(node)
    return isinstance(node, dict) and part in node


def _key(parts: list[str | int]) -> str:
    return load.format_key(tuple(parts)) or "the case file"


def _change(text: str, key: str, change: Any, row: int | None = None,
            in_row: Any = None, before: dict[str, Any] | None = None) -> str:
    """`change(doc, rt)` applied to the round-trip document of `text` (rt: True) and then to
    the loader's plain reading of it; the new text, when the loader reads it as the plain
    reading changed (else EditError: nothing is written that the form did not mean).

    Only the lines of the top-level key `key` are read and written again by ruamel.yaml when
    they can be told apart (a key at the start of a line, up to the next one): ruamel is
    pure Python, and a case with thousands of time entries need not be read again to change
    the hourly rate. Likewise a cell of row `row` of a table: `in_row` is the change made in
    that row's lines alone, read as the table's only row. The whole text is checked all the
    same."""
    before = _plain(text) if before is None else before
    expected = copy.deepcopy(before)
    lines = text.splitlines(True)
    block_of = _block(lines, key)
    if block_of is not None:
        first, last = block_of
        if row is not None and in_row is not None:
            span = _row_lines(lines, first, last, row)
            if span is not None:
                start, stop = span
                try:
                    new_row = _change_text(lines[first] + "".join(lines[start:stop]), text,
                                           in_row)
                except (EditError, RuamelError):
                    pass
                else:
                    change(expected, False)
                    new_lines = new_row.splitlines(True)
                    if new_lines and new_lines[0] == lines[first]:
                        new = "".join(lines[:start]) + "".join(new_lines[1:]) + "".join(
                            lines[stop:])
                        if _reads_as(new, expected):
                            return new
                    expected = copy.deepcopy(before)
        head, block, tail = "".join(lines[:first]), "".join(lines[first:last]), "".join(
            lines[last:])
        try:
            new_block = _change_text(block, text, change)
        except (EditError, RuamelError):
            pass  # an alias to an anchor elsewhere, say: the whole text
        else:
            change(expected, False)
            new = head + new_block + tail
            if _reads_as(new, expected):
                return new
            expected = copy.deepcopy(before)
    new = _change_text(text, text, change)
    change(expected, False)
    if not _reads_as(new, expected):
        raise _Unsafe("this edit cannot be written safely by the form; make it in the "
                      "YAML view")
    return new


def _block(lines: list[str], key: str) -> tuple[int, int] | None:
    """(first, last) lines of the top-level `key` and its value, when every line at the
    start of a line is a key (or a comment): up to the next key."""
    starts = [i for i, line in enumerate(lines) if re.match(r"[^\s#]", line)]
    mine = [i for i in starts if re.match(rf"{re.escape(key)}\s*:", lines[i])]
    if len(mine) != 1 or not all(re.match(r"[A-Za-z_][\w-]*\s*:", lines[i]) for i in starts):
        return None
    return mine[0], next((i for i in starts if i > mine[0]), len(lines))


def _last_row_style(text: str, key: str, count: int) -> bool | None:
    """Whether the last of the `count` rows of the table `key` is written in flow style
    ({date: ..., hours: ...}), read from its lines alone; None when not known."""
    lines = text.splitlines(True)
    block = _block(lines, key)
    span = _row_lines(lines, *block, count - 1) if block and count else None
    if block is None or span is None:
        return None
    try:
        _, doc = _load_rt(lines[block[0]] + "".join(lines[span[0]:span[1]]), text)
        last = doc[key][0]
    except (EditError, RuamelError, KeyError, IndexError, TypeError):
        return None
    return bool(last.fa.flow_style()) if isinstance(last, CommentedMap) else None


def _row_lines(lines: list[str], first: int, last: int, row: int) -> tuple[int, int] | None:
    """(start, stop) of the lines of item `row` of the block sequence that is the value of
    the key on line `first` (up to line `last`), or None when they cannot be told apart."""
    if not re.fullmatch(r"[A-Za-z_][\w-]*\s*:\s*(?:#[^\n]*)?\n?", lines[first]):
        return None
    items = [i for i in range(first + 1, last) if re.match(r" *- |- | *-$", lines[i])]
    if not items:
        return None
    indent = len(lines[items[0]]) - len(lines[items[0]].lstrip(" "))
    items = [i for i in items if len(lines[i]) - len(lines[i].lstrip(" ")) == indent]
    if row >= len(items):
        return None
    # every line from the first item on belongs to an item: deeper, blank or a comment
    for i in range(items[0], last):
        line = lines[i]
        if i not in items and line.strip() and not line.lstrip().startswith("#") and (
                len(line) - len(line.lstrip(" ")) <= indent):
            return None
    return items[row], items[row + 1] if row + 1 < len(items) else last


def _change_text(text: str, whole: str, change: Any) -> str:
    """`change` made by ruamel.yaml in `text` (the whole case text, or the lines of one of
    its keys, `whole` giving the indentation): the user's formatting kept where ruamel would
    change it, and comment lines of a removed key kept."""
    y, doc = _load_rt(text, whole)
    unchanged = _dump(y, doc)
    change(doc, True)
    new = _dump(y, doc) if doc else ""  # a key removed with all it held
    new = _keep_comments(text if unchanged == text else unchanged, new)
    if unchanged != text:
        # ruamel would reformat some of the text (an indentation of its own, say): the edit's
        # lines only, put into the text as the user wrote it
        patched = _patch(text, unchanged, new)
        if patched is not None:
            return patched
    return new


def _reads_as(text: str, expected: Any) -> bool:
    try:
        return bool(load.parse_yaml(text) == expected)
    except yaml.YAMLError:
        return False


_COMMENT = re.compile(r"[ \t]*#[^\n]*\n?")


def _keep_comments(old: str, new: str) -> str:
    """`new`, with the comment lines of `old` that the edit removed (with the key they
    followed) put back where they were."""
    a, b = old.splitlines(True), new.splitlines(True)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        out.extend(b[j1:j2])
        if tag in ("delete", "replace"):
            out.extend(line if line.endswith("\n") else line + "\n" for line in a[i1:i2]
                       if _COMMENT.fullmatch(line) and line not in b[j1:j2])
    return "".join(out)


def _patch(original: str, unchanged: str, new: str) -> str | None:
    """The line hunks that turn `unchanged` into `new`, applied to `original` (which
    `unchanged` is a reformatting of) where they fall on lines the two share; None when one
    does not."""
    a, b, o = unchanged.splitlines(True), new.splitlines(True), original.splitlines(True)
    to_original: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, a, o, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            to_original[block.a + k] = block.b + k
    to_original[len(a)] = len(o)
    out: list[str] = []
    at = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 not in to_original or any(i not in to_original for i in range(i1, i2)):
            return None
        start = to_original[i1]
        end = to_original[i2 - 1] + 1 if i2 > i1 else start
        if start < at or end - start != i2 - i1:
            return None
        out.extend(o[at:start])
        out.extend(b[j1:j2])
        at = end
    out.extend(o[at:])
    return "".join(out)


# --- the edits --------------------------------------------------------------------------------


def _retyped(parts: list[str | int], value: Any, doc: Any) -> Any:
    old: Any = doc
    for part in parts:
        old = old[part] if _has(old, part) else None
    return typed(_kind_of(parts), value, old)


def set_value(text: str, path: str, value: Any) -> str:
    """The text with the field at `path` (`contract.hourly_rate`, `time_entries[3].hours`)
    set to what was typed, or removed when it was cleared."""
    parts = parse_path(path)
    if _kind_of(parts) is None or isinstance(parts[-1], int):
        raise EditError(f"{path} is not a field of the form")
    data = _table_is_csv(text, parts)
    row = parts[1] if len(parts) > 2 and isinstance(parts[1], int) else None
    for quoted in (False, True):
        written: list[Any] = []

        def change(d: Any, rt: bool, quoted: bool = quoted, written: list[Any] = written,
                   parts_rt: list[str | int] = parts) -> None:
            if rt:  # first: the value typed as the field's kind, in the style it had
                v = _retyped(parts_rt, value, d)
                if quoted:
                    if not isinstance(v, str) or isinstance(v, _Raw):
                        raise _Unsafe("not text")
                    v = DoubleQuotedScalarString(v)
                written[:] = [v]
                _set(d, parts_rt, v, True)
            else:
                v = written[0]
                _set(d, parts, _DELETE if v is _DELETE else _plain_of(v), False)

        in_row = functools.partial(change, quoted=quoted, written=written,
                                   parts_rt=[parts[0], 0, *parts[2:]])
        try:
            return _change(text, str(parts[0]), change, row, in_row, data)
        except _Unsafe:
            continue
    raise EditError(f"{path}: this value cannot be written safely by the form; write it in "
                    "the YAML view")


def _table_is_csv(text: str, parts: list[str | int]) -> dict[str, Any]:
    """The loader's reading of `text`; EditError when `parts` lead into a list the case reads
    from a CSV file."""
    data = _plain(text)
    key = str(parts[0])
    if key in _TABLES and isinstance(data.get(key), str):
        raise EditError(f"{key} is read from the CSV file {data[key]!r}: edit that file (or "
                        "import it here to have the rows in the case file)")
    return data


def add_row(text: str, key: str, row: dict[str, Any] | None = None) -> str:
    """The text with a row added at the end of the table `key` (empty, for the user to fill
    in)."""
    return add_rows(text, key, [row or {}], replace=False)


def add_rows(text: str, key: str, rows: list[dict[str, Any]], replace: bool) -> str:
    """The text with `rows` (key -> value as typed, or already typed values) added to the
    table `key`, or in place of its rows."""
    if key not in _TABLES:
        raise EditError(f"{key} is not a table of the form")
    data = _plain(text)
    if isinstance(data.get(key), str) and not replace:
        raise EditError(f"{key} is read from the CSV file {data[key]!r}: edit that file, or "
                        "import rows here to replace it with rows in the case file")
    current = data.get(key)
    count = len(current) if isinstance(current, list) else 0
    flow: bool | None = key != "deliverables"
    if count:
        flow = _last_row_style(text, key, count)
        if flow is None:  # from the whole text, then
            _, doc = _load_rt(text)
            old = doc.get(key)
            flow = bool(isinstance(old, CommentedSeq) and isinstance(old[-1], CommentedMap)
                        and old[-1].fa.flow_style())
    made = []
    for row in rows:
        item = CommentedMap()
        for column, value in row.items():
            cell = typed(KINDS.get(f"{key}.{column}"), value) if isinstance(value, (
                str, list)) else value
            if cell is not _DELETE:
                item[column] = cell
        if flow:
            item.fa.set_flow_style()
        made.append(item)

    def change(d: Any, rt: bool) -> None:
        items = made if rt else [_plain_of(m) for m in made]
        current = d.get(key)
        if replace or not isinstance(current, list):
            seq: Any = CommentedSeq(items) if rt else list(items)
            if rt and isinstance(current, CommentedSeq) and current.fa.flow_style():
                seq.fa.set_flow_style()
            _put(d, [], key, seq, rt)
        else:
            current.extend(items)

    def after_last(d: Any, rt: bool) -> None:  # in the lines of the last row alone
        d[key].extend(made)

    if replace or not count:
        return _change(text, key, change, before=data)
    return _change(text, key, change, count - 1, after_last, data)


def remove_row(text: str, path: str) -> str:
    """The text without the row at `path` (`time_entries[3]`)."""
    parts = parse_path(path)
    if len(parts) != 2 or parts[0] not in _TABLES or not isinstance(parts[1], int):
        raise EditError(f"{path} is not a row of a table of the form")
    _table_is_csv(text, parts)
    data = _plain(text)
    if not _has(data.get(str(parts[0])), parts[1]):
        raise EditError(f"there is no row {parts[1] + 1} in {parts[0]}")

    def change(d: Any, rt: bool) -> None:
        del d[parts[0]][parts[1]]

    # the row's lines taken out (its comment lines kept), when that reads as meant
    lines = text.splitlines(True)
    block = _block(lines, str(parts[0]))
    span = _row_lines(lines, *block, parts[1]) if block else None
    if span is not None and len(data[str(parts[0])]) > 1:
        expected = copy.deepcopy(data)
        change(expected, False)
        kept = [line for line in lines[span[0]:span[1]] if _COMMENT.fullmatch(line)]
        new = "".join(lines[:span[0]] + kept + lines[span[1]:])
        if _reads_as(new, expected):
            return new
    return _change(text, str(parts[0]), change, before=data)


def import_csv(text: str, key: str, csv_text: str, replace: bool) -> tuple[str, int, list[
        dict[str, Any]]]:
    """(new text, rows imported, problems): the rows of a CSV file put in the table `key`
    (after its rows, or in their place), read by the case loader's rules for CSV files; with
    problems (each with its line in the CSV, its row under the header, its column and what
    was expected) the text is unchanged."""
    if key not in CSV_TABLES:
        raise EditError(f"{key} does not take a CSV import; these do: "
                        + ", ".join(load.CSV_KEYS))
    rows, problems = load.csv_records(key, csv_text, "the CSV")
    if problems:
        return text, 0, [{"line": p.line, "row": _row_of(p.key), "column": p.column,
                          "key": p.key, "message": p.message} for p in problems]
    if not rows:
        return text, 0, [{"line": None, "row": None, "column": None, "key": key,
                          "message": "the CSV has no rows under its header"}]
    cells = []
    for row in rows:
        checked = load.validated(key, row)
        cells.append({k: (checked[k] if isinstance(checked[k], bool) else v)
                      for k, v in row.items()})
    return add_rows(text, key, cells, replace=replace), len(rows), []


def _row_of(key: str) -> int | None:
    """The row (1 = the first under the header) of a problem's key path `time_entries[0]...`."""
    m = re.search(r"\[(\d+)\]", key)
    return int(m.group(1)) + 1 if m else None
