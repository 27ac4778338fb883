"""`make demo` and `make test` set up the documents' system packages: installed where the user
may, else named with the command that installs them, and never a failed build."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent.parent / "scripts" / "system-packages.sh"


def _run(tmp_path: Path, uid: str, installed: bool) -> subprocess.CompletedProcess[str]:
    # Stand-ins for `id` and `dpkg`, so that both branches run without touching the system.
    (tmp_path / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (tmp_path / "dpkg").write_text(f"#!/bin/sh\nexit {0 if installed else 1}\n")
    for tool in ("id", "dpkg"):
        (tmp_path / tool).chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{tmp_path}:{os.environ['PATH']}",
        "PARTING_SYSTEM_PACKAGES": "fonts-example libexample0",
    }
    return subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30, check=False
    )


def test_a_user_who_may_not_install_is_told_what_and_how(tmp_path: Path) -> None:
    run = _run(tmp_path, "1000", installed=False)
    assert run.returncode == 0
    assert "missing: fonts-example libexample0" in run.stderr
    assert "install them with: sudo apt-get install fonts-example libexample0" in run.stderr


def test_nothing_is_said_when_everything_is_there(tmp_path: Path) -> None:
    run = _run(tmp_path, "1000", installed=True)
    assert (run.returncode, run.stderr) == (0, "")


def test_the_makefile_runs_it_before_demo_and_test() -> None:
    makefile = (SCRIPT.parent.parent / "Makefile").read_text()
    assert "demo: $(STAMP) system-packages" in makefile
    assert "test: $(STAMP) system-packages" in makefile
    ci = (SCRIPT.parent.parent / ".ci" / "run").read_text()
    commands = [
        line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == ["make test"]


def test_a_document_test_without_its_packages_fails_with_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import conftest

    monkeypatch.setattr(conftest, "missing_system_packages", lambda: ["libharfbuzz-subset0"])
    with pytest.raises(pytest.fail.Exception) as failure:
        conftest.needs_system_packages("fonts-noto-cjk", "libharfbuzz-subset0")
    assert str(failure.value) == (
        "the documents need system packages that are missing: libharfbuzz-subset0; run "
        "`make system-packages` as root, or: sudo apt-get install libharfbuzz-subset0"
    )
    conftest.needs_system_packages("fonts-noto-cjk")  # present: no failure
