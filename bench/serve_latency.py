"""How does `parting serve` hold up under many editors at once? A script, not a test.

Starts the real server (`parting serve FOLDER --no-browser`, a subprocess on a free loopback
port) over a copy of the bundled examples and runs N concurrent clients (asyncio + httpx,
one process) for S seconds. Each client works on one of the examples (clients share them:
with 20 clients and 4 examples, 5 editors per file) and loops like a person typing in the
page: it changes the hourly rate and a comment line, posts the text to
`/case/NAME/preview` (as the page does after each pause in typing), checks the answer (200,
`ok`, a balance), then thinks for a random 0.4-1.0 s (the page waits 0.4 s after the last
keystroke before it asks). Every 5th edit it saves instead (the Save form, with its CSRF
token).

Prints the preview latency (from sending the request to having parsed the JSON answer:
p50, p95, max), the errors (any non-200, a preview not `ok`, a save without its "Saved",
a connection error) and the saves accepted vs found on disk afterwards: every accepted save's
exact text must be the case file or one of its kept revisions in .parting-revisions/.

Targets (issue 14): p95 preview under 300 ms, no errors, nothing lost. `--think 0` drops the
pause to see where the server saturates (one preview at a time holds the lock).

Usage:
    .venv/bin/python bench/serve_latency.py                      # 20 clients, 30 s
    .venv/bin/python bench/serve_latency.py --clients 40 --seconds 10 --think 0
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
RATE = re.compile(r"^(  hourly_rate: )\d+$", re.MULTILINE)


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, previews
    save_latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    saved: dict[str, list[str]] = field(default_factory=dict)  # case -> accepted texts


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def client(n: int, url: str, base: str, case: str, text: str, until: float,
                 think: tuple[float, float], tally: Tally) -> None:
    rng = random.Random(n)
    limits = httpx.Limits(max_connections=1)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits,
                                 headers={"Origin": base}) as http:
        first = await http.get(url.removeprefix(base), follow_redirects=True)
        page = await http.get(f"/case/{case}")
        found = re.search(r'<meta name="csrf-token" content="([0-9a-f]+)">', page.text)
        if first.status_code != 200 or page.status_code != 200 or found is None:
            tally.errors.append(f"client {n}: cannot open the case ({page.status_code})")
            return
        csrf = found.group(1)
        edit = 0
        while time.monotonic() < until:
            edit += 1
            rate = rng.randint(40, 160)
            body = RATE.sub(rf"\g<1>{rate}", text, count=1)
            body = body.replace("version: 1\n", f"version: 1\n# bench client {n} edit {edit}\n",
                                1)
            try:
                if edit % 5 == 0:
                    start = time.perf_counter()
                    r = await http.post(f"/case/{case}",
                                        data={"csrf_token": csrf, "text": body})
                    tally.save_latencies.append(time.perf_counter() - start)
                    if r.status_code == 200 and 'class="saved"' in r.text:
                        tally.saved.setdefault(case, []).append(body)
                    else:
                        tally.errors.append(f"client {n}: save {r.status_code}")
                else:
                    start = time.perf_counter()
                    r = await http.post(f"/case/{case}/preview", json={"text": body},
                                        headers={"X-CSRF-Token": csrf})
                    view = r.json() if r.status_code == 200 else {}
                    tally.latencies.append(time.perf_counter() - start)
                    if r.status_code != 200 or not view.get("ok") or not view.get("money"):
                        tally.errors.append(f"client {n}: preview {r.status_code} "
                                            f"{view.get('problems')}")
            except httpx.HTTPError as exc:
                tally.errors.append(f"client {n}: {type(exc).__name__}: {exc}")
            if think[1] > 0:
                await asyncio.sleep(rng.uniform(*think))


def on_disk(folder: Path, case: str) -> set[str]:
    texts = {(folder / case).read_text(encoding="utf-8")}
    kept = folder / ".parting-revisions" / case
    if kept.is_dir():
        texts |= {p.read_text(encoding="utf-8") for p in kept.iterdir()}
    return texts


async def run(args: argparse.Namespace, folder: Path, url: str) -> Tally:
    base = url.split("/?token=")[0]
    cases = sorted(p.name for p in folder.glob("*.yaml"))
    texts = {c: (folder / c).read_text(encoding="utf-8") for c in cases}
    tally = Tally()
    until = time.monotonic() + args.seconds
    think = (0.0, 0.0) if args.think == 0 else (args.think, args.think + 0.6)
    await asyncio.gather(*(
        client(n, url, base, cases[n % len(cases)], texts[cases[n % len(cases)]], until,
               think, tally)
        for n in range(args.clients)
    ))
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--think", type=float, default=0.4,
                        help="least pause between edits, s (the pause is this to +0.6 s; 0: none)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))  # this tree's parting, as the server runs it
    from parting.web.running import Served

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cases"
        shutil.copytree(EXAMPLES, folder)
        with Served(folder) as server:
            url = server.url
            began = time.perf_counter()
            cpu = time.process_time()
            server_cpu = cpu_seconds(server.proc.pid)
            tally = asyncio.run(run(args, folder, url))
            took = time.perf_counter() - began
            cpu = time.process_time() - cpu
            server_cpu = cpu_seconds(server.proc.pid) - server_cpu
        accepted = sum(len(v) for v in tally.saved.values())
        found = sum(sum(1 for t in v if t in on_disk(folder, c)) for c, v in tally.saved.items())
    ms = [x * 1000 for x in tally.latencies]
    saves = [x * 1000 for x in tally.save_latencies]
    print(f"{args.clients} clients, {took:.1f} s, think {think_text(args.think)}, "
          f"{os.cpu_count()} CPUs, load average at the end {os.getloadavg()[0]:.2f}")
    if ms:
        print(f"previews: {len(ms)} ({len(ms) / took:.1f}/s)  p50 {statistics.median(ms):.0f} ms"
              f"  p95 {quantile(ms, 0.95):.0f} ms  max {max(ms):.0f} ms")
    if saves:
        print(f"saves:    {len(saves)}  p50 {statistics.median(saves):.0f} ms"
              f"  p95 {quantile(saves, 0.95):.0f} ms  max {max(saves):.0f} ms")
    print(f"CPU: server {server_cpu:.1f} s ({server_cpu / took:.0%} of a core), "
          f"clients {cpu:.1f} s ({cpu / took:.0%})")
    print(f"errors: {len(tally.errors)}")
    for error in tally.errors[:10]:
        print(f"  {error}")
    print(f"saves accepted {accepted}, found on disk {found}")
    ok = bool(ms) and quantile(ms, 0.95) < 300 and not tally.errors and found == accepted
    print("PASS" if ok else "FAIL", "(p95 preview < 300 ms, no errors, nothing lost)")
    raise SystemExit(0 if ok else 1)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux), 0 where /proc is not there."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def think_text(think: float) -> str:
    return "none" if think == 0 else f"{think:.1f}-{think + 0.6:.1f} s"


if __name__ == "__main__":
    main()
