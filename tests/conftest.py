from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parting.cli import app

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str) -> Run:
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli


MINIMAL = """\
version: 1
provider:
  name: Sam Rivera
client:
  name: Acme Ltd
  contact: Jo Park
  country: US
  locale: en_US
engagement:
  project: Acme site
  currency: USD
  notice_given: 2026-05-01
  end_date: 2026-05-29
contract:
  hourly_rate: 100
  payment_terms_days: 14
deliverables:
  - id: design
    title: Design
    status: accepted
    fee: 1000
    invoiced: 1000
  - id: build
    title: Build
    status: in_progress
    percent_complete: 50
    fee: 2000
    depends_on: [design]
time_entries:
  - {date: 2026-05-04, hours: 2, deliverable: build}
  - {date: 2026-05-05, hours: 1.5}
invoices:
  - {number: "1", issued: 2026-04-01, due: 2026-04-15, amount: 1000, paid: 1000}
"""


@pytest.fixture
def minimal_case(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


# --- the documents' system packages (README, "System packages") ---------------------------


def missing_system_packages() -> list[str]:
    """The Debian packages the documents need that this machine lacks."""
    import ctypes.util
    import shutil
    import subprocess

    missing = []
    if shutil.which("chromium") is None:
        missing.append("chromium")
    fonts = ""
    if shutil.which("fc-list"):
        fonts = subprocess.run(
            ["fc-list", ":lang=ja", "family"], capture_output=True, text=True, check=False
        ).stdout
    if "Noto Sans CJK" not in fonts and "Noto Serif CJK" not in fonts:
        missing.append("fonts-noto-cjk")
    if ctypes.util.find_library("harfbuzz-subset") is None:
        missing.append("libharfbuzz-subset0")
    if ctypes.util.find_library("atomic") is None:
        missing.append("libatomic1")
    return missing


def needs_system_packages(*packages: str) -> None:
    """Fail with what to install, rather than with an assertion about bytes or glyphs."""
    absent = [p for p in packages if p in missing_system_packages()]
    if absent:
        pytest.fail(
            "the documents need system packages that are missing: " + " ".join(absent)
            + "; run `make system-packages` as root, or: sudo apt-get install " + " ".join(absent),
            pytrace=False,
        )
