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
from dataclasses import dataclass
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
    _confined(root, path)
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


def letter_path(root: Path, case_name: str) -> Path:
    """The letter the user edited in the page for the case `case_name`: NAME.letter.md
    beside NAME.yaml, confined like the case (need not exist)."""
    case = case_path(root, case_name)
    path = case.with_name(f"{Path(case_name).stem}.letter.md")
    _confined(root.resolve(), path)
    return path


def _confined(root: Path, path: Path) -> None:
    if path.is_symlink() or path.exists():
        target = path.resolve()
        if not target.is_relative_to(root):
            raise PathRefused(f"{path.name} leads outside the folder")
        if not target.is_file():
            raise PathRefused(f"{path.name} is not a file")
        if any(part.startswith(".") for part in target.relative_to(root).parts):
            raise PathRefused(f"{path.name} leads into a hidden folder")


def save(root: Path, name: str, text: str | bytes) -> Path | None:
    """Write `text` to the case `name`, atomically; the previous text is kept first. Returns
    the revision written (None for a new file or an unchanged text)."""
    return save_file(root, case_path(root, name), text)


def save_letter(root: Path, case_name: str, text: str) -> Path | None:
    """Write the user's letter of the case `case_name` (NAME.letter.md), as `save` does."""
    return save_file(root, letter_path(root, case_name), text)


def discard_letter(root: Path, case_name: str) -> Path | None:
    """Go back to the generated letter: NAME.letter.md is kept as a revision, then removed.
    Returns the revision written (None when there was no letter of the user's)."""
    path = letter_path(root, case_name)
    if not path.is_file():
        return None
    target = path.resolve() if path.is_symlink() else path
    revision = _keep_revision(root, path.name, target.read_bytes())
    target.unlink()
    return revision


def save_file(root: Path, path: Path, text: str | bytes) -> Path | None:
    """Write `text` to `path` (a confined file of the folder `root`) atomically, after keeping
    its previous content in .parting-revisions/NAME/. Returns the revision written."""
    name = path.name
    target = path.resolve() if path.is_symlink() else path
    data = text.encode("utf-8") if isinstance(text, str) else text
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


def _suffix(name: str) -> str:
    return ".md" if name.endswith(".md") else ".yaml"


def _revision_folder(root: Path, name: str) -> Path:
    folder = root.resolve() / REVISIONS / name
    for part in (folder.parent, folder):
        if part.is_symlink():
            raise PathRefused(f"{part.relative_to(root.resolve())} is a symlink; not written")
    return folder


def _keep_revision(root: Path, name: str, data: bytes) -> Path:
    folder = _revision_folder(root, name)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    suffix = _suffix(name)
    for n in range(1000):
        path = folder / (f"{stamp}{suffix}" if n == 0 else f"{stamp}-{n}{suffix}")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        return path
    raise OSError(f"too many revisions of {name} at {stamp}")


def revisions(root: Path, name: str) -> list[str]:
    """The revisions kept of the file `name` of the folder, oldest first."""
    folder = root.resolve() / REVISIONS / name
    if not folder.is_dir() or folder.is_symlink() or folder.parent.is_symlink():
        return []
    return sorted(p.name for p in folder.iterdir()
                  if _REVISION.fullmatch(p.name) and p.suffix == _suffix(name))


#: A revision's name: the UTC time it was replaced, to the microsecond.
_REVISION = re.compile(r"(\d{8}T\d{6}\.\d{6}Z)(?:-\d{1,3})?\.(?:yaml|md)")


@dataclass(frozen=True)
class Revision:
    name: str  # 20261207T184705.123456Z.yaml
    when: str  # 2026-12-07 18:47:05 UTC
    size: int  # bytes


def revision_list(root: Path, name: str) -> list[Revision]:
    """The revisions kept of the file `name`, newest first, with their time and size."""
    folder = root.resolve() / REVISIONS / name
    found = []
    for rev in reversed(revisions(root, name)):
        path = folder / rev
        if path.is_symlink() or not path.is_file():
            continue
        found.append(Revision(rev, when_of(rev), path.stat().st_size))
    return found


def when_of(revision: str) -> str:
    """`2026-12-07 18:47:05 UTC` for a revision's name (the name itself if it is none)."""
    match = _REVISION.fullmatch(revision)
    if match is None:
        return revision
    stamp = dt.datetime.strptime(match.group(1), "%Y%m%dT%H%M%S.%fZ")
    return stamp.strftime("%Y-%m-%d %H:%M:%S UTC")


def revision_path(root: Path, name: str, revision: str) -> Path:
    """The kept revision `revision` of the file `name` (a name from `revisions`), or
    PathRefused / FileNotFoundError. Only that file's own revisions: no other path."""
    if not _REVISION.fullmatch(revision) or Path(revision).suffix != _suffix(name):
        raise PathRefused(f"{revision!r} is not the name of a kept revision")
    folder = _revision_folder(root, name)
    path = folder / revision
    if path.is_symlink() or not path.is_file():
        raise FileNotFoundError(f"no revision {revision} of {name} is kept")
    return path


def restore(root: Path, path: Path, revision: str) -> tuple[bytes, Path | None]:
    """Put the revision `revision` of the file `path` (confined) back, as a save: atomic, and
    the current content kept as a revision first. Returns (content, revision written)."""
    data = revision_path(root, path.name, revision).read_bytes()
    return data, save_file(root, path, data)


def create(root: Path, name: str, text: str) -> Path:
    """A new case file `name` holding `text`; FileExistsError if there is one."""
    path = case_path(root, name)
    if path.is_symlink():
        raise FileExistsError(name)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return path
