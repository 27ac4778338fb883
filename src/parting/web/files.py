"""The case files of the served folder: names confined to it, atomic saves that keep every
earlier revision, new cases that never overwrite one.

Every name a request gives goes through `case_path` before the disk is touched: a plain file
name ending in .yaml or .yml, nothing hidden, no folder part, no `..`, and (after following
symlinks) inside the folder. Saving writes a temporary file beside the case and renames it
over the case (`os.replace`), after copying the previous text to
`.parting-revisions/NAME/TIMESTAMP.yaml`, so an interrupted save or a bad edit loses nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

#: The folder of earlier revisions, inside the served folder.
REVISIONS = ".parting-revisions"

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,120}\.ya?ml")


class PathRefused(ValueError):
    """A name that is not a case file of the folder."""


def case_path(root: Path, name: str) -> Path:
    """The case file `name` of the folder `root` (resolved), or PathRefused.

    The file need not exist (a new case); if it exists, or is a symlink, it must resolve to a
    regular file inside `root`."""
    if not _NAME.fullmatch(name) or ".." in name:
        raise PathRefused(
            f"{name!r} is not a case file name of this folder: a plain name ending in .yaml "
            "(letters, digits, space, '.', '-', '_'; no folders)"
        )
    root = root.resolve()
    path = root / name
    if path.is_symlink() or path.exists():
        target = path.resolve()
        if not target.is_relative_to(root):
            raise PathRefused(f"{name} leads outside the folder")
        if not target.is_file():
            raise PathRefused(f"{name} is not a file")
        if any(part.startswith(".") for part in target.relative_to(root).parts):
            raise PathRefused(f"{name} leads into a hidden folder")
    return path


def list_cases(root: Path) -> list[str]:
    """The case files of the folder, by name: *.yaml and *.yml, not hidden, not leading out."""
    found = []
    for entry in sorted(root.iterdir(), key=lambda p: p.name.lower()):
        try:
            path = case_path(root, entry.name)
        except PathRefused:
            continue
        if path.is_file():
            found.append(entry.name)
    return found


def newline_of(text: str) -> str:
    return "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"


def with_newlines(text: str, newline: str) -> str:
    """A browser sends a textarea's lines ended by CRLF: give them the file's own endings."""
    text = text.replace("\r\n", "\n")
    return text.replace("\n", newline) if newline != "\n" else text


def save(root: Path, name: str, text: str) -> Path | None:
    """Write `text` to the case `name`, atomically; the previous text is kept first. Returns
    the revision written (None for a new file or an unchanged text)."""
    path = case_path(root, name)
    target = path.resolve() if path.is_symlink() else path
    data = text.encode("utf-8")
    revision = None
    if target.exists():
        old = target.read_bytes()
        if old == data:
            return None
        revision = _keep_revision(root, name, old)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return revision


def _keep_revision(root: Path, name: str, data: bytes) -> Path:
    folder = root.resolve() / REVISIONS / name
    for part in (folder.parent, folder):
        if part.is_symlink():
            raise PathRefused(f"{part.relative_to(root.resolve())} is a symlink; not written")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    for n in range(1000):
        path = folder / (f"{stamp}.yaml" if n == 0 else f"{stamp}-{n}.yaml")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return path
    raise OSError(f"too many revisions of {name} at {stamp}")


def revisions(root: Path, name: str) -> list[str]:
    folder = root.resolve() / REVISIONS / name
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted(p.name for p in folder.iterdir() if p.suffix == ".yaml")


def create(root: Path, name: str, text: str) -> Path:
    """A new case file `name` holding `text`; FileExistsError if there is one."""
    path = case_path(root, name)
    if path.is_symlink():
        raise FileExistsError(name)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return path
