"""Imports only go downward: core <- case <- plan <- render <- send <- the faces (cli, web).

`check` owns its rule engine and stands beside `core`: it imports nothing of the domain, so
that `parting check` starts fast; `plan` may use it (the warnings on the user's own
sentences). Every `import` and `from ... import` of every module is read from its source,
including imports inside functions and under TYPE_CHECKING, so a shortcut cannot hide.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "parting"

#: Each layer and the layers it may import from (besides itself).
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "check": {"core"},
    "case": {"core"},
    "plan": {"core", "case", "check"},
    "render": {"core", "case", "plan"},
    "facts": {"core", "case", "plan", "check"},
    # sending (send.py): the message `parting send` sends and SMTP; no face is in it
    "send": {"core", "case", "plan", "render"},
    # the web app (parting serve) is a face like cli.py, and no other face is in it (it
    # shows `parting send`'s dry run through send.py, as cli.py does)
    "web": {"core", "case", "plan", "render", "check", "facts", "send"},
    "face": {"core", "case", "plan", "render", "check", "facts", "web", "send"},
}


def layer_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] != "parting":
        return "external"
    if len(parts) == 1:
        return "face"  # parting/__init__.py: the version only
    return parts[1] if parts[1] in ALLOWED else "face"


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py"))


def _name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                name = _name(path)
                package = name if path.name == "__init__.py" else name.rpartition(".")[0]
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            if module == "parting":  # from parting import x: x is the module meant
                found.extend(
                    (node.lineno, "parting" if a.name.startswith("__") else f"parting.{a.name}")
                    for a in node.names
                )
            else:
                found.append((node.lineno, module))
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_only_go_downward(path: Path) -> None:
    own = layer_of(_name(path))
    wrong = [
        f"{path.relative_to(SRC)}:{line}: {own} imports {module} ({layer_of(module)})"
        for line, module in imports(path)
        if ((target := layer_of(module)) not in ("external", "face", own)
        and target not in ALLOWED[own])
        or (target == "face" and own != "face" and module != "parting")
    ]
    assert not wrong, "\n".join(wrong)


def test_the_checker_does_not_load_the_domain() -> None:
    for path in (SRC / "check").rglob("*.py"):
        for _line, module in imports(path):
            assert not module.startswith(("parting.case", "parting.plan", "parting.render"))


def test_the_layer_test_catches_an_upward_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from parting.render.env import render\nimport parting.cli\n")
    found = [m for _l, m in imports(bad)]
    assert [layer_of(m) for m in found] == ["render", "face"]
    assert "render" not in ALLOWED["plan"] and "face" not in ALLOWED["render"]


def test_adding_a_language_is_one_phrase_module() -> None:
    """Nothing outside render/phrases names a language's module: the letter asks for the
    case's language by name."""
    offenders = [
        str(p.relative_to(SRC))
        for p in _modules()
        if "phrases" not in p.parts
        and any(m.startswith("parting.render.phrases.") for _l, m in imports(p))
    ]
    assert offenders == []


def test_each_language_has_its_phrases_and_its_templates() -> None:
    from parting.render import phrases

    for language in phrases.available():
        package = SRC / "render" / "phrases" / language
        assert {p.name for p in package.glob("*.py")} >= {
            "__init__.py", "transition.py", "settlement.py"
        }
        templates = SRC / "render" / "templates" / language
        assert {p.name for p in templates.glob("*.md.j2")} == {
            "status.md.j2", "options.md.j2", "letter.md.j2", "settlement.md.j2",
            "invoice.md.j2", "transition.md.j2",
        }
