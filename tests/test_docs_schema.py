"""Generated docs are current; `parting schema` and `parting new` work together."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from conftest import DATA, run_cli

ROOT = Path(__file__).resolve().parent.parent


def _gen_docs() -> object:
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_docs_are_current() -> None:
    module = _gen_docs()
    for path, text in module.documents().items():  # type: ignore[attr-defined]
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date: run python scripts/gen_docs.py"
        )


def test_schema_is_json_schema_of_the_case_file() -> None:
    result = run_cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["version", "provider", "client", "engagement"]
    assert schema["additionalProperties"] is False
    engagement = schema["$defs"]["Engagement"]
    assert engagement["properties"]["terminated_by"]["enum"] == ["provider", "client", "mutual"]
    assert engagement["properties"]["notice_given"]["format"] == "date"
    fee = schema["$defs"]["Deliverable"]["properties"]["fee"]
    assert {"type": "number", "minimum": 0} in fee["anyOf"]
    csv_or_list = schema["properties"]["time_entries"]["anyOf"]
    assert csv_or_list[1]["type"] == "string"


def test_new_writes_a_starter_that_plans(tmp_path: Path) -> None:
    case = tmp_path / "acme.yaml"
    result = run_cli("new", case)
    assert result.exit_code == 0
    assert "# A parting case file" in case.read_text(encoding="utf-8")
    planned = run_cli("plan", case, "--out", tmp_path / "pkg")
    assert planned.exit_code == 0, planned.stderr
    assert "warning" not in planned.stderr
    assert (tmp_path / "pkg" / "letter.md").is_file()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    case = tmp_path / "acme.yaml"
    case.write_text("mine", encoding="utf-8")
    result = run_cli("new", case)
    assert result.exit_code == 2
    assert f"error: {case} already exists; use --force to overwrite it" in result.stderr
    assert case.read_text(encoding="utf-8") == "mine"


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("parting 0.")


def test_example_validates_against_the_schema_shape() -> None:
    # every top-level key of the bundled example is a property of the schema
    import yaml

    schema = json.loads(run_cli("schema").stdout)
    data = yaml.safe_load((DATA / "harbor-foods.yaml").read_text(encoding="utf-8"))
    assert set(data) <= set(schema["properties"])
