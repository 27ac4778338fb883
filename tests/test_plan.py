"""`parting plan`: the package written all at once, byte for byte the same each time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, needs_system_packages, run_cli
from parting.case.load import load_case
from parting.core.errors import OutputError
from parting.render import bundle as package

FILES = [
    "index.html",
    "invoice.md",
    "invoice.pdf",
    "letter.eml",
    "letter.md",
    "options.md",
    "package.json",
    "parting.pdf",
    "settlement.csv",
    "settlement.json",
    "settlement.md",
    "settlement.pdf",
    "status.md",
    "transition.ics",
    "transition.md",
]


def test_plan_writes_the_package_and_summarises(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    result = run_cli("plan", DATA / "harbor-foods.yaml", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == FILES
    assert f"written to {out}/" in result.stdout
    assert "End date:    May 31, 2026" in result.stdout
    # today's balance, and the letter's with the work it plans until the end
    assert "Balance due: $1,782.50 by June 15, 2026" in result.stdout
    assert "With plan:   $2,982.50 due (the letter's, with the work planned to the end)" in (
        result.stdout
    )
    assert "Balance due: $1,782.50 by June 15, 2026" in result.stdout
    assert "Files:       status.md, options.md, letter.md, settlement.md, settlement.json" in (
        result.stdout
    )
    # nothing else beside the package: no temporary folders left over
    assert [p.name for p in tmp_path.iterdir()] == ["pkg"]


def test_package_json_holds_every_section(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    assert run_cli("plan", DATA / "harbor-foods.yaml", "--out", out).exit_code == 0
    data = json.loads((out / "package.json").read_text(encoding="utf-8"))
    settlement = json.loads((out / "settlement.json").read_text(encoding="utf-8"))
    assert data["settlement"] == settlement
    assert data["status"]["percent_complete"] == 54.8
    assert [d["id"] for d in data["status"]["deliverables"]] == [
        "home", "menu", "maintenance", "ordering", "payments", "tracking",
    ]
    assert data["status"]["deliverables"][3] == {
        "id": "ordering", "title": "Online ordering module", "status": "in_progress",
        "percent_complete": 60, "hours_logged": 6, "earned": "1800.00", "fee": "3000.00",
        "estimate_hours": 16, "due": None, "overdue": False,
    }
    assert set(data["options"]) == {
        "reply_by", "reduce_scope", "refer", "unmatched_needs", "phase_out",
    }
    assert data["end_date"] == "2026-05-31"
    assert data["transition"]["steps"][0]["kind"] == "notice"


def test_same_input_same_bytes(tmp_path: Path) -> None:
    needs_system_packages("fonts-noto-cjk", "libharfbuzz-subset0")  # the PDF's bytes
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli("plan", DATA / "harbor-foods.yaml", "--out", a).exit_code == 0
    assert run_cli("plan", DATA / "harbor-foods.yaml", "--out", b).exit_code == 0
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_existing_folder_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    result = run_cli("plan", DATA / "harbor-foods.yaml", "--out", out)
    assert result.exit_code == 2
    assert f"error: {out} already exists; use --force to replace it" in result.stderr
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_force_replaces_an_earlier_package_whole(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    assert run_cli("plan", DATA / "harbor-foods.yaml", "--out", out).exit_code == 0
    (tmp_path / ".pkg.old").mkdir()  # a folder of the user's that looks like ours
    (tmp_path / ".pkg.old" / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli(
        "plan", DATA / "harbor-foods.yaml", "--out", out, "--force", "--no-documents"
    )
    assert result.exit_code == 0, result.stderr
    # the documents of the first run are gone: the folder was replaced, not merged
    assert sorted(p.name for p in out.iterdir()) == [
        n for n in FILES if n.endswith((".md", ".json", ".csv"))
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".pkg.old", "pkg"]
    assert (tmp_path / ".pkg.old" / "keep.txt").read_text(encoding="utf-8") == "mine"


def _danger(tmp_path: Path) -> dict[str, bytes]:
    """A folder as a user has it: the case file, its time CSV and an unrelated contract."""
    folder = tmp_path / "danger"
    folder.mkdir()
    (folder / "thistle.yaml").write_bytes((DATA / "harbor-foods.yaml").read_bytes())
    (folder / "time.csv").write_text("date,hours\n2026-05-12,3.5\n", encoding="utf-8")
    (folder / "contract.pdf").write_bytes(b"%PDF-1.4 the signed contract")
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_force_never_replaces_a_folder_that_is_not_a_package(tmp_path: Path) -> None:
    before = _danger(tmp_path)
    folder = tmp_path / "danger"
    result = run_cli("plan", folder / "thistle.yaml", "--out", folder, "--force")
    assert result.exit_code == 2
    assert "is not an earlier parting package: it holds contract.pdf, thistle.yaml, time.csv" in (
        result.stderr
    )
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["danger"]  # no temporary folders


def test_out_dot_is_the_current_folder_and_is_refused_like_any_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _danger(tmp_path)
    folder = tmp_path / "danger"
    monkeypatch.chdir(folder)
    for args in (["--out", "."], ["--out", ".", "--force"]):
        result = run_cli("plan", "thistle.yaml", *args)
        assert result.exit_code == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["danger"]
    assert "already exists; use --force" in run_cli("plan", "thistle.yaml", "--out", ".").stderr


def test_out_that_is_a_file_says_so_without_suggesting_force(tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("notes", encoding="utf-8")
    for extra in ([], ["--force"]):
        result = run_cli("plan", DATA / "harbor-foods.yaml", "--out", target, *extra)
        assert result.exit_code == 2
        assert "exists and is not a folder; choose another --out" in result.stderr
        assert "use --force" not in result.stderr
        assert target.read_text(encoding="utf-8") == "notes"


def test_force_refuses_a_folder_of_package_names_without_our_package_json(
    tmp_path: Path,
) -> None:
    out = tmp_path / "pkg"
    out.mkdir()
    (out / "letter.md").write_text("my own draft", encoding="utf-8")
    result = run_cli("plan", DATA / "harbor-foods.yaml", "--out", out, "--force")
    assert result.exit_code == 2
    assert "has no parting package.json" in result.stderr
    assert (out / "letter.md").read_text(encoding="utf-8") == "my own draft"


def test_default_out_is_beside_the_case(tmp_path: Path) -> None:
    case = tmp_path / "acme.yaml"
    case.write_text((DATA / "harbor-foods.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run_cli("plan", case).exit_code == 0
    assert (tmp_path / "acme-package" / "letter.md").is_file()


def test_failure_while_writing_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = load_case(DATA / "harbor-foods.yaml")
    pkg = package.build(case)
    files = pkg.files()
    calls = {"n": 0}
    real = Path.write_text

    def flaky(self: Path, *args: object, **kwargs: object) -> int:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", flaky)
    with pytest.raises(OutputError, match="No space left on device"):
        package.write(pkg, tmp_path / "pkg")
    assert list(tmp_path.iterdir()) == []
    assert len(files) == 15  # invoice.pdf with the rest


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        ("Your team missed every deadline and I am tired of it.", "P501"),
        # no phrase rule knows this one: the tone model (P513) reads it
        (
            "The brief has changed four times because the committee never managed to agree on "
            "anything.",
            "P513",
        ),
    ],
)
def test_warns_about_blame_in_the_reason(tmp_path: Path, reason: str, code: str) -> None:
    text = (DATA / "harbor-foods.yaml").read_text(encoding="utf-8").replace(
        "The roadmap has grown into a full e-commerce platform that needs a dedicated back-end "
        "team.",
        reason,
    )
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "pkg")
    assert result.exit_code == 0
    assert f"warning: {case}:22: engagement.reason: {code}" in result.stderr
    assert f'"{reason}"' in result.stderr


def test_warns_about_hedging_in_the_benefit(tmp_path: Path) -> None:
    text = (DATA / "harbor-foods.yaml").read_text(encoding="utf-8").replace(
        "client_benefit: a team with dedicated back-end capacity for the e-commerce platform",
        "client_benefit: maybe a team that could perhaps suit you better",
    )
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "pkg")
    assert result.exit_code == 0
    assert ": engagement.client_benefit: P301" in result.stderr


def test_warns_when_no_path_forward_is_offered(tmp_path: Path) -> None:
    text = (DATA / "harbor-foods.yaml").read_text(encoding="utf-8")
    text = text.replace("  offer: [reduce_scope, refer, phase_out]", "  offer: []")
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "pkg")
    assert result.exit_code == 0
    assert ": options.offer: no path forward offered" in result.stderr


def test_warns_when_no_referral_matches(tmp_path: Path) -> None:
    text = (DATA / "harbor-foods.yaml").read_text(encoding="utf-8")
    text = text.replace("  needs: [e-commerce, payments]", "  needs: [video]")
    case = tmp_path / "case.yaml"
    case.write_text(text, encoding="utf-8")
    result = run_cli("plan", case, "--out", tmp_path / "pkg")
    assert ": options.needs: no referral covers any of the needs" in result.stderr


def test_clean_case_has_no_warnings(tmp_path: Path) -> None:
    result = run_cli("plan", DATA / "harbor-foods.yaml", "--out", tmp_path / "pkg")
    assert "warning" not in result.stderr


def test_usage_error_exits_2(tmp_path: Path) -> None:
    result = run_cli("plan", DATA / "harbor-foods.yaml", "--colour")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_a_pipe_in_a_title_does_not_split_a_markdown_table_row() -> None:
    import re

    from conftest import MINIMAL
    from parting.case.load import parse_case

    text = MINIMAL.replace("title: Build", 'title: "Logo | icon set"') + (
        'referrals:\n  - {name: "A|B Studio", skills: [logo]}\n'
        "options:\n  offer: [refer, reduce_scope]\n  hours_available: 5\n  needs: [logo]\n"
    )
    files = package.build(parse_case(text, Path("case.yaml"))).markdown_files()
    for name in ("status.md", "options.md", "settlement.md", "transition.md"):
        columns = None
        for line in files[name].splitlines():
            if not line.startswith("|"):
                columns = None
                continue
            n = len(re.findall(r"(?<!\\)\|", line))
            columns = columns or n  # the header row of this table
            assert n == columns, (name, line)
    assert "| Logo \\| icon set | in progress |" in files["status.md"]
    assert "| 1 | A\\|B Studio |" in files["options.md"]
