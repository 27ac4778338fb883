"""How fast is `parting plan` on a long engagement? A script, not a test: it prints numbers.

Generates one large case (2,000 deliverables with dependencies, 50,000 time entries, 5,000
invoices, 500 expenses) in two shapes:

  (a) csv   the bulk records in CSV files referenced from a small case file
  (b) yaml  everything in one YAML file (about 4 MB)

and measures, wall clock:

  - `parting plan CASE --out DIR --force` end to end in a subprocess, best of 3, per shape
    (target for (a): under 3 s)
  - for (b), the share of that spent parsing the YAML (`parting.case.parse_yaml` on the text)
    and loading the case (`parting.case.load_case`: parse, CSV, validation), in process
  - `parting --help` start-up, best of 10 (target: under 0.3 s)
  - for reference, other ways to read the YAML shape: PyYAML's CSafeLoader full load, its
    composer (`yaml.compose`, CSafeLoader) and the pure-Python SafeLoader (one run each)

Usage:
    .venv/bin/python bench/plan_scale.py                 # everything
    .venv/bin/python bench/plan_scale.py --no-pure       # skip the slow pure-Python loader
    .venv/bin/python bench/plan_scale.py --profile csv   # cProfile one in-process plan
    .venv/bin/python bench/plan_scale.py --data /tmp/x   # where the cases go

The data goes to bench/_data/ (git-ignored) unless --data says otherwise. The generator is
seeded, so every run plans the same case.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import gc
import io
import os
import platform
import pstats
import random
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PARTING = Path(sys.executable).with_name("parting")

N_DELIVERABLES = 2_000
N_TIME_ENTRIES = 50_000
N_INVOICES = 5_000
N_EXPENSES = 500
SEED = 20261125

START = date(2022, 1, 3)
NOTICE = date(2026, 5, 1)
END = date(2026, 5, 29)

TARGET_CSV = 3.0
TARGET_HELP = 0.3
TARGET_DOCUMENTS = 5.0  # issue 10: the big case with every document

# --- the generated case ------------------------------------------------------------------

HEADER = f"""\
version: 1
provider:
  name: Sam Rivera
  business: Rivera Web Studio
  email: sam@rivera.example
client:
  name: Northwind Logistics GmbH
  contact: Dana Whitfield
  email: dana@northwind.example
  country: DE
  locale: de_DE
engagement:
  project: Northwind fleet portal
  started: {START}
  currency: EUR
  terminated_by: client
  notice_given: {NOTICE}
  end_date: {END}
  reason: >-
    Northwind is moving the fleet portal onto the platform of its parent company.
  client_benefit: one platform shared with the rest of the group
  provider_benefit: a clear handover before the next project starts
  tone: neutral
contract:
  hourly_rate: 95
  notice_days: 28
  payment_terms_days: 14
  deposit: 5000
  deposit_refundable: false
  kill_fee_percent: 20
  late_fee_percent_per_month: 1
  charge_late_fees: false
"""

FOOTER = """\
assets:
  - {name: Git repository fleet-portal, kind: repository, action: transfer}
  - {name: fleet.northwind.example domain, kind: domain, action: transfer}
  - {name: Hosting account, kind: hosting, action: transfer}
  - {name: Deployment keys, kind: credential, action: rotate}
  - {name: Driver records export, kind: dataset, action: return, personal_data: true}
stakeholders:
  - {name: Priya Shah, role: Head of Operations, email: priya@northwind.example}
  - {name: Lars Becker, role: IT lead, email: lars@northwind.example}
referrals:
  - {name: Brightline Studio, contact: hello@brightline.example, skills: [logistics, maps]}
  - {name: Pixel & Pine, contact: hi@pixelpine.example, skills: [design, marketing sites]}
options:
  offer: [reduce_scope, refer, phase_out]
  hours_available: 40
  phase_out_weeks: 4
  needs: [logistics, maps]
"""

WORDS = (
    "Route planning",
    "Driver app",
    "Depot dashboard",
    "Invoice export",
    "Fuel report",
    "Tracking map",
    "Shift rota",
    "Customs forms",
    "Parcel labels",
    "Fleet alerts",
)
STATUSES = ("accepted", "done", "in_progress", "not_started")
STATUS_WEIGHTS = (30, 20, 20, 30)
TASKS = ("Code review", "Bug fix", "Client call", "Deployment", "Data migration")


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def generate(rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    """The records, as dicts of text values (what a CSV cell or a YAML scalar holds)."""
    deliverables: list[dict[str, Any]] = []
    for i in range(1, N_DELIVERABLES + 1):
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        d: dict[str, Any] = {
            "id": f"d{i:04d}",
            "title": f"{rng.choice(WORDS)} part {i}",
            "status": status,
            "value": rng.randint(1, 10),
        }
        if status == "in_progress":
            d["percent_complete"] = rng.randrange(5, 96, 5)
        if rng.random() < 0.6:  # a fixed fee; the rest is billed hourly
            fee = rng.randrange(500, 20_001, 50)
            d["fee"] = fee
            if status in ("accepted", "done"):
                d["invoiced"] = rng.choice((fee, fee, fee // 2))
            elif status == "in_progress":
                d["invoiced"] = rng.choice((0, fee // 2, fee // 4))  # some beyond earned
        if status in ("in_progress", "not_started"):
            d["estimate_hours"] = rng.randrange(2, 41)
        if i > 1:
            k = rng.choice((0, 0, 1, 1, 2, 3))
            if k:
                d["depends_on"] = sorted({f"d{rng.randrange(1, i):04d}" for _ in range(k)})
        d["due"] = _day(rng, date(2025, 1, 1), date(2026, 12, 31))
        deliverables.append(d)

    time_entries: list[dict[str, Any]] = []
    for _ in range(N_TIME_ENTRIES):
        day = _day(rng, START, END)
        t: dict[str, Any] = {"date": day, "hours": f"{rng.randrange(1, 33) / 4:g}"}
        if rng.random() < 0.9:
            t["deliverable"] = f"d{rng.randrange(1, N_DELIVERABLES + 1):04d}"
        if rng.random() < 0.05:
            t["rate"] = rng.choice((75, 110, 142.5))
        if rng.random() < 0.05:
            t["billable"] = False
        if day < date(2026, 4, 1) or rng.random() < 0.3:
            t["billed"] = True
        if rng.random() < 0.25:
            t["description"] = rng.choice(TASKS)
        time_entries.append(t)
    time_entries.sort(key=lambda t: t["date"])

    invoices: list[dict[str, Any]] = []
    for i in range(1, N_INVOICES + 1):
        issued = _day(rng, START, date(2026, 5, 15))
        amount = rng.randrange(20_000, 900_000) / 100
        paid = rng.choices((amount, 0, round(amount / 2, 2)), (90, 5, 5))[0]
        invoices.append(
            {
                "number": f"NW-{i:05d}",
                "issued": issued,
                "due": issued + timedelta(days=14),
                "amount": f"{amount:.2f}",
                "paid": f"{paid:.2f}",
            }
        )

    expenses = [
        {
            "date": _day(rng, START, END),
            "description": rng.choice(("Train ticket", "Font licence", "Test devices", "Maps API")),
            "amount": f"{rng.randrange(500, 50_000) / 100:.2f}",
        }
        for _ in range(N_EXPENSES)
    ]
    return {
        "deliverables": deliverables,
        "time_entries": time_entries,
        "invoices": invoices,
        "expenses": expenses,
    }


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return str(value)


def write_yaml(path: Path, records: dict[str, list[dict[str, Any]]]) -> None:
    """Shape (b): one YAML file, one flow mapping per record (as in examples/)."""
    out = io.StringIO()
    out.write(HEADER)
    for section, rows in records.items():
        out.write(f"{section}:\n")
        for row in rows:
            out.write("  - {" + ", ".join(f"{k}: {_scalar(v)}" for k, v in row.items()) + "}\n")
    out.write(FOOTER)
    path.write_text(out.getvalue(), encoding="utf-8")


CSV_COLUMNS = {
    "deliverables": (
        "id",
        "title",
        "status",
        "percent_complete",
        "fee",
        "invoiced",
        "estimate_hours",
        "value",
        "depends_on",
        "due",
    ),
    "time_entries": ("date", "hours", "deliverable", "rate", "billable", "billed", "description"),
    "invoices": ("number", "issued", "due", "amount", "paid"),
    "expenses": ("date", "description", "amount"),
}


def write_csv(path: Path, records: dict[str, list[dict[str, Any]]]) -> None:
    """Shape (a): a small case file naming one CSV file per bulk section."""
    stem = path.stem
    lines = [HEADER]
    for section, rows in records.items():
        name = f"{stem}-{section.replace('_', '-')}.csv"
        columns = CSV_COLUMNS[section]
        with (path.parent / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in rows:
                cells = []
                for column in columns:
                    value = row.get(column)
                    if value is None:
                        cells.append("")
                    elif isinstance(value, list):
                        cells.append(";".join(value))
                    else:
                        cells.append(_scalar(value))
                writer.writerow(cells)
        lines.append(f"{section}: {name}\n")
    lines.append(FOOTER)
    path.write_text("".join(lines), encoding="utf-8")


# --- measuring ---------------------------------------------------------------------------


def best_of(n: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run(args: list[str]) -> None:
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({result.returncode}):\n{result.stderr}")


def plan_command(case: Path, out: Path, documents: bool = False) -> list[str]:
    # The targets are for the Markdown and JSON package (issue 2); the PDF/HTML/e-mail
    # documents are timed separately ("with documents").
    flag = "--documents" if documents else "--no-documents"
    return [str(PARTING), "plan", str(case), "--out", str(out), "--force", flag]


def plan_command_nogc(case: Path, out: Path) -> list[str]:
    code = (
        "import gc, sys; gc.disable(); from parting.cli import main; "
        f"sys.argv = ['parting', 'plan', {str(case)!r}, '--out', {str(out)!r}, '--force', "
        "'--no-documents']; "
        "main()"
    )
    return [sys.executable, "-c", code]


def in_process_phases(case_path: Path, out: Path) -> dict[str, float]:
    """One in-process plan, split into phases (best of 3 each). `package.write` renders the
    files itself before writing them, so "render + write" includes "render"."""
    from parting.case.load import load_case
    from parting.render import bundle as package

    case = load_case(case_path)  # warm the imports and caches once
    pkg = package.build(case)
    return {
        "load_case": best_of(3, lambda: load_case(case_path)),
        "build": best_of(3, lambda: package.build(case)),
        "render": best_of(3, pkg.markdown_files),
        "render + write": best_of(
            3, lambda: package.write(pkg, out, force=True, documents=False)
        ),
    }


def profile(case_path: Path, out: Path, top: int = 25) -> None:
    from parting.case.load import load_case
    from parting.render import bundle as package

    profiler = cProfile.Profile()
    profiler.enable()
    pkg = package.build(load_case(case_path))
    package.write(pkg, out, force=True)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print(f"\n== cProfile: load + build + write, {case_path.name}, by cumulative time ==")
    stats.sort_stats("cumulative").print_stats(top)
    print(f"\n== cProfile: {case_path.name}, by own time ==")
    stats.sort_stats("tottime").print_stats(top)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=HERE / "_data", help="where the cases go")
    parser.add_argument("--no-pure", action="store_true", help="skip the pure-Python loader")
    parser.add_argument(
        "--profile", choices=("csv", "yaml"), help="also cProfile one in-process plan"
    )
    opts = parser.parse_args()

    import yaml

    from parting.case.load import load_case, parse_yaml

    data: Path = opts.data
    data.mkdir(parents=True, exist_ok=True)
    records = generate(random.Random(SEED))
    csv_case = data / "scale-csv.yaml"
    yaml_case = data / "scale-yaml.yaml"
    write_csv(csv_case, records)
    notes: list[str] = []
    write_yaml(yaml_case, records)
    yaml_text = yaml_case.read_text(encoding="utf-8")
    csv_bytes = sum(p.stat().st_size for p in data.glob("scale-csv*"))

    print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}")
    print(
        f"case: {N_DELIVERABLES:,} deliverables, {N_TIME_ENTRIES:,} time entries, "
        f"{N_INVOICES:,} invoices, {N_EXPENSES:,} expenses"
    )
    print(f"  (a) {csv_case.name} + 4 CSV files: {csv_bytes / 1e6:.2f} MB")
    print(f"  (b) {yaml_case.name}: {len(yaml_text.encode()) / 1e6:.2f} MB")
    for note in notes:
        print(note)

    # Sanity: both shapes load to the same records.
    a, b = load_case(csv_case), load_case(yaml_case)
    assert a.model_dump() == b.model_dump(), "the two shapes must describe the same case"
    # In-process timings must not pay for this script's own objects: the garbage collector's
    # full passes walk every live container, and the generated records and the two loaded
    # cases are a few million of them. Drop them and freeze what is left (imports), so the
    # measurements see a heap like that of a fresh `parting` process.
    del a, b, records
    gc.collect()
    gc.freeze()

    rows: list[tuple[str, float, str]] = []

    def row(label: str, seconds: float, note: str = "") -> None:
        rows.append((label, seconds, note))
        print(f"  {label:<52} {seconds:8.3f} s  {note}", flush=True)

    print("\nmeasuring (wall clock):")
    help_s = best_of(10, lambda: run([str(PARTING), "--help"]))
    row("parting --help (best of 10)", help_s, _verdict(help_s, TARGET_HELP))

    out_dir = data / "out"
    plan_csv = best_of(3, lambda: run(plan_command(csv_case, out_dir / "csv")))
    row("(a) csv:  parting plan, end to end (best of 3)", plan_csv, _verdict(plan_csv, TARGET_CSV))
    plan_yaml = best_of(3, lambda: run(plan_command(yaml_case, out_dir / "yaml")))
    row("(b) yaml: parting plan, end to end (best of 3)", plan_yaml)
    plan_docs = best_of(3, lambda: run(plan_command(csv_case, out_dir / "docs", documents=True)))
    row(
        "(a) csv:  plan, every document (best of 3)", plan_docs,
        _verdict(plan_docs, TARGET_DOCUMENTS),
    )

    # Reference: the same command with Python's cyclic garbage collector switched off. Parsing
    # builds about a million objects, and the collector's passes over them cost more than the
    # parse itself; this row shows what a gc.disable()/gc.freeze() around loading would save.
    plan_yaml_nogc = best_of(3, lambda: run(plan_command_nogc(yaml_case, out_dir / "yaml")))
    row("(b) ref: parting plan, gc disabled (best of 3)", plan_yaml_nogc)

    parse_s = best_of(3, lambda: parse_yaml(yaml_text))
    row("(b) yaml: parse_yaml on the text (best of 3)", parse_s, _share(parse_s, plan_yaml))
    load_s = best_of(3, lambda: load_case(yaml_case))
    row("(b) yaml: load_case (best of 3)", load_s, _share(load_s, plan_yaml))
    load_csv_s = best_of(3, lambda: load_case(csv_case))
    row("(a) csv:  load_case (best of 3)", load_csv_s, _share(load_csv_s, plan_csv))

    for label, case_path in (("(a) csv", csv_case), ("(b) yaml", yaml_case)):
        phases = in_process_phases(case_path, out_dir / "phases")
        for phase, seconds in phases.items():
            row(f"{label}: in process, {phase}", seconds)

    c_loader = getattr(yaml, "CSafeLoader", None)
    if c_loader is not None:
        seconds = best_of(1, lambda: yaml.load(yaml_text, Loader=c_loader))
        row("(b) ref: yaml.load, CSafeLoader (1 run)", seconds)
        seconds = best_of(1, lambda: yaml.compose(yaml_text, Loader=c_loader))
        row("(b) ref: yaml.compose, CSafeLoader (1 run)", seconds)
    if not opts.no_pure:
        seconds = best_of(1, lambda: yaml.load(yaml_text, Loader=yaml.SafeLoader))
        row("(b) ref: yaml.load, SafeLoader, pure Python (1 run)", seconds)

    print("\n| measurement | seconds | note |\n|---|---:|---|")
    for label, seconds, note in rows:
        print(f"| {label} | {seconds:.3f} | {note} |")

    if opts.profile:
        profile(csv_case if opts.profile == "csv" else yaml_case, out_dir / "profile")


def _verdict(seconds: float, target: float) -> str:
    return f"target < {target} s: {'met' if seconds < target else 'MISSED'}"


def _share(part: float, total: float) -> str:
    return f"{100 * part / total:.0f} % of the end-to-end plan"


if __name__ == "__main__":
    main()
