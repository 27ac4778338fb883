"""How good is `parting check`, next to the tools people already use? A script, not a test.

On labelled client letters (default `../shared/data/letters/dev.jsonl`; `--data PATH` for
another file of `{"id","text","labels":{key: bool}}` lines) it reports, per principle,
precision/recall/F1 of both classes and their macro average, and the time per draft, of:

  - `parting check` (all seven principles), through the CLI: one `parting check --format json`
    call over all drafts (JSON Lines); also in process via `parting.check.judge` when it exists
  - a naive keyword baseline per principle (a handful of obvious keywords each, written
    before looking at the data and never tuned), for context
  - proselint's hedging/weasel checks as a predictor of `direct` (any finding -> not direct)
  - VADER's compound score as a predictor of `respectful` (compound <= -0.05, VADER's own
    "negative" cut-off -> not respectful; threshold 0 shown too)
  - alt-profanity-check as a predictor of `respectful` (predict_prob > 0.5 on any sentence ->
    not respectful)

and on the public corpora (`../shared/data/public/`):

  - hedge detection on `wiki_weasel/test.csv`: a sentence with any hedge/weasel finding
    (parting's P3xx hedge codes, listed in the output; proselint's hedging/weasel checks) =
    positive; precision/recall/F1 of the positive class. PTB escapes are undone first.
  - the Stanford Politeness Corpus top-vs-bottom-quartile task (within each domain): for a
    politeness score from parting if it builds one, else VADER as context only. A score is
    turned into a classifier by a threshold learnt on the training folds (10-fold CV in
    domain; train on one domain, test on the other), as the standard task asks.

The anchors live in their own environment (`bash bench/setup_anchors.sh` creates
`bench/_anchors/venv`); this script, run with the project's venv, calls that venv's python in
a subprocess and feeds it the texts as JSON on standard input.

Everything is printed as Markdown and written to `bench/_data/anchors.md` (git-ignored).

Usage:
    bash bench/setup_anchors.sh
    .venv/bin/python bench/check_anchors.py
    .venv/bin/python bench/check_anchors.py --data tests/data/letters_holdout.jsonl
    .venv/bin/python bench/check_anchors.py --no-public          # letters only
    .venv/bin/python bench/check_anchors.py --hedge-codes P301,P302
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parting.check import metrics

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_DATA = SHARED / "letters" / "dev.jsonl"
PUBLIC = SHARED / "public"
ANCHORS_PY = ROOT / "bench" / "_anchors" / "venv" / "bin" / "python"
OUT = ROOT / "bench" / "_data" / "anchors.md"
DATE = "2026-11-25"

PRINCIPLES = (
    "status",
    "alternatives",
    "direct",
    "mutual_benefit",
    "respectful",
    "finances",
    "next_steps",
)

# proselint check paths (prefixes) counted as hedging/weasel findings. The installed version's
# matching checks are listed in the output (0.16.0 has `hedging` and `weasel_words.very`).
PROSELINT_HEDGE_PREFIXES = ("hedging", "weasel_words")
VADER_THRESHOLDS = (-0.05, 0.0)  # compound <= t -> not respectful; the first is the headline
PROFANITY_THRESHOLD = 0.5

# Words in a P3xx rule's one-line description that mark it as a hedge/weasel rule (and not,
# say, "no decision stated", which fires on any sentence that is not a decision).
HEDGE_RULE_WORDS = re.compile(
    r"hedg|weasel|vague|tentativ|uncertain|\bsoften|qualif|filler|noncommit|wishy", re.I
)

# ---------------------------------------------------------------------------------------------
# The naive keyword baseline: a handful of obvious keywords per principle, written a priori.

_KW = {
    "status": r"\b(completed?|finished|delivered|done|outstanding|remaining|in progress|"
    r"live|shipped)\b|\d+\s?%",
    "alternatives": r"\b(recommend|refer|referral|introduce you|reduced? (the )?scope|"
    r"phase[- ]?out|part[- ]time|hours a week|alternative|instead)\b",
    "mutual_benefit": r"\b(better served|better fit|best for (both|you|everyone)|both of us|"
    r"both sides|benefit|good for you|for both)\b",
    "finances": r"invoice|payment|refund|deposit|[$€£]|\bfees?\b|\bpaid\b",
    "next_steps": r"\b(handover|hand over|hand-?off|transfer|credentials|access|repository|"
    r"repo|call|documentation|next steps?)\b",
}
_KW_DECISION = re.compile(
    r"\b(end(ing)? (our|the|my)|terminat\w*|decided|decision|no longer|will not renew|"
    r"won't renew|stepping (away|back)|wind(ing)? down|last day)\b",
    re.I,
)
_KW_HEDGE_WORDS = (
    "maybe",
    "perhaps",
    "wondering",
    "kind of",
    "sort of",
    "at some point",
    "might",
    "possibly",
)
_KW_HEDGE = re.compile(r"\b(" + "|".join(_KW_HEDGE_WORDS) + r")\b", re.I)
_KW_DISRESPECT = re.compile(
    r"\b(idiot\w*|stupid|incompetent|ridiculous|nonsense|useless|your fault|pathetic|"
    r"waste of|clueless|obviously|frankly)\b",
    re.I,
)
_KW_RE = {k: re.compile(v, re.I) for k, v in _KW.items()}


def keyword_baseline(text: str) -> dict[str, bool]:
    out = {k: bool(r.search(text)) for k, r in _KW_RE.items()}
    out["direct"] = bool(_KW_DECISION.search(text)) and not _KW_HEDGE.search(text)
    out["respectful"] = not _KW_DISRESPECT.search(text)
    return {k: out[k] for k in PRINCIPLES}


# ---------------------------------------------------------------------------------------------
# The anchors, run in their own venv. Input: {"texts": [...], "full_proselint": bool}.

ANCHOR_HELPER = r"""
import json, re, sys, time
import importlib.metadata as md
req = json.load(sys.stdin)
texts = req["texts"]
prefixes = tuple(req["prefixes"])
out = {"versions": {}, "load": {}, "times": {}}
for name in ("proselint", "vaderSentiment", "alt-profanity-check", "scikit-learn"):
    out["versions"][name] = md.version(name)

t = time.perf_counter()
from proselint.checks import __register__
from proselint.config import DEFAULT
from proselint.registry import CheckRegistry
from proselint.tools import LintFile
reg = CheckRegistry()
reg.register_many(__register__)
cfg = {"max_errors": 100000, "checks": {p: True for p in prefixes}}
out["proselint_checks"] = sorted({c.path for c in reg.get_all_enabled(cfg["checks"])})
out["load"]["proselint"] = time.perf_counter() - t

t = time.perf_counter()
res = []
for text in texts:
    res.append([r.check_result.check_path for r in LintFile("<x>", text).lint(cfg)]
               if text.strip() else [])
out["times"]["proselint"] = time.perf_counter() - t
out["proselint"] = res

if req.get("full_proselint"):
    t = time.perf_counter()
    n = 0
    for text in texts:
        if text.strip():
            n += len(LintFile("<x>", text).lint(DEFAULT))
    out["times"]["proselint_all"] = time.perf_counter() - t
    out["proselint_all_findings"] = n

if req.get("vader"):
    t = time.perf_counter()
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    sia = SentimentIntensityAnalyzer()
    out["load"]["vader"] = time.perf_counter() - t
    t = time.perf_counter()
    out["vader"] = [sia.polarity_scores(text)["compound"] for text in texts]
    out["times"]["vader"] = time.perf_counter() - t

if req.get("profanity"):
    t = time.perf_counter()
    from profanity_check import predict_prob
    predict_prob(["warm up"])
    out["load"]["profanity"] = time.perf_counter() - t
    split = re.compile(r"(?<=[.!?])\s+|\n+")
    t = time.perf_counter()
    sents = [[s for s in split.split(text) if s.strip()] or [text] for text in texts]
    flat = [s for ss in sents for s in ss]
    probs = [float(p) for p in predict_prob(flat)] if flat else []
    maxes, i = [], 0
    for ss in sents:
        maxes.append(max(probs[i:i + len(ss)]))
        i += len(ss)
    out["profanity"] = maxes
    out["times"]["profanity"] = time.perf_counter() - t

json.dump(out, sys.stdout)
"""


def run_anchors(
    texts: Sequence[str],
    anchors_py: Path,
    *,
    vader: bool = False,
    profanity: bool = False,
    full_proselint: bool = False,
) -> dict[str, Any]:
    req = {
        "texts": list(texts),
        "prefixes": list(PROSELINT_HEDGE_PREFIXES),
        "vader": vader,
        "profanity": profanity,
        "full_proselint": full_proselint,
    }
    proc = subprocess.run(
        [str(anchors_py), "-c", ANCHOR_HELPER],
        input=json.dumps(req),
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"anchors failed ({anchors_py}):\n{proc.stderr}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


# ---------------------------------------------------------------------------------------------
# parting check, through the CLI (one call, JSON Lines) and in process (parting.check.judge).


@dataclass
class Verdict:
    principles: dict[str, bool]
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, principle)


PARTING_EXE: Path | None = None  # --parting


def _parting_bin() -> Path:
    if PARTING_EXE is not None:
        return PARTING_EXE
    exe = Path(sys.executable).parent / "parting"
    if exe.exists():
        return exe
    found = shutil.which("parting")
    if not found:
        sys.exit("parting is not installed in this environment")
    return Path(found)


def _verdict_from_json(obj: dict[str, Any]) -> Verdict:
    principles = {k: bool(obj["principles"][k]["ok"]) for k in PRINCIPLES}
    codes = [(f["code"], f.get("principle", "")) for f in obj.get("findings", [])]
    return Verdict(principles, codes)


def parting_cli(texts: Sequence[str], chunk: int = 2000) -> tuple[list[Verdict], float]:
    """All texts through `parting check --format json`, `chunk` files per call. Returns the
    verdicts and the total wall time of the calls (start-up included)."""
    exe = _parting_bin()
    verdicts: list[Verdict | None] = [None] * len(texts)
    elapsed = 0.0
    with tempfile.TemporaryDirectory(prefix="parting-bench-") as tmp:
        names = []
        for i, text in enumerate(texts):
            name = f"{i:06d}.txt"
            (Path(tmp) / name).write_text(text, encoding="utf-8")
            names.append(name)
        for lo in range(0, len(names), chunk):
            batch = names[lo : lo + chunk]
            t = time.perf_counter()
            proc = subprocess.run(
                [str(exe), "check", "--format", "json", *batch],
                cwd=tmp,
                capture_output=True,
                text=True,
                check=False,
            )
            elapsed += time.perf_counter() - t
            if proc.returncode not in (0, 1) or not proc.stdout.strip():
                sys.exit(f"parting check failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
            for line in proc.stdout.splitlines():
                if not line.strip():
                    continue
                obj = json.loads(line)
                idx = int(Path(obj["file"]).stem)
                verdicts[idx] = _verdict_from_json(obj)
    missing = [i for i, v in enumerate(verdicts) if v is None]
    if missing:
        sys.exit(f"parting check returned no result for {len(missing)} files, e.g. #{missing[0]}")
    return [v for v in verdicts if v is not None], elapsed


def proselint_cli_time(texts: Sequence[str], anchors_py: Path) -> float:
    """Wall time of one `proselint check` call (all default checks) over the same files."""
    exe = anchors_py.parent / "proselint"
    with tempfile.TemporaryDirectory(prefix="proselint-bench-") as tmp:
        names = []
        for i, text in enumerate(texts):
            (Path(tmp) / f"{i:06d}.txt").write_text(text, encoding="utf-8")
            names.append(f"{i:06d}.txt")
        t = time.perf_counter()
        subprocess.run(
            [str(exe), "check", "-o", "compact", *names],
            cwd=tmp,
            capture_output=True,
            check=False,
        )
        return time.perf_counter() - t


USE_API = True  # --no-api


def load_judge() -> Callable[[str], Any] | None:
    if not USE_API:
        return None
    try:
        from parting.check import judge  # type: ignore[attr-defined]
    except ImportError:
        return None
    return judge  # type: ignore[no-any-return]


def _verdict_from_judgement(j: Any) -> Verdict:
    principles = {k: bool(j.principles[k].ok) for k in PRINCIPLES}
    codes = [(f.code, getattr(f, "principle", "")) for f in j.findings]
    return Verdict(principles, codes)


def parting_api(judge: Callable[[str], Any], texts: Sequence[str]) -> tuple[list[Verdict], float]:
    judge("Warm-up: I am ending our engagement on 1 May.")
    t = time.perf_counter()
    judgements = [judge(text) for text in texts]
    elapsed = time.perf_counter() - t
    return [_verdict_from_judgement(j) for j in judgements], elapsed


CONTROL_SENTENCES = ["The report is attached.", "We met on Tuesday.", "The river is long."]


def parting_rules() -> list[tuple[str, str]]:
    """(code, one-line description) from `parting rules`, or [] if it does not exist yet."""
    proc = subprocess.run(
        [str(_parting_bin()), "rules"], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        return []
    rules = []
    for line in proc.stdout.splitlines():
        # "P301  hedge-word  direct  warning  Hedge: say it plainly."
        m = re.match(r"\s*(P\d{3})\s+(\S+)\s+\S+\s+(?:error|warning|info)\s+(.*)", line)
        if m:
            rules.append((m.group(1), f"{m.group(2)} ({m.group(3).strip()})"))
            continue
        m = re.match(r"\s*(P\d{3})\b[\s:|-]*(.*)", line)
        if m:
            rules.append((m.group(1), m.group(2).strip()))
    return rules


def parting_politeness_score() -> str | None:
    """The name of a politeness score parting exposes, if any (none was planned)."""
    judge = load_judge()
    if judge is None:
        return None
    j = judge("Could you please send the files? Thanks so much!")
    for name in ("politeness", "politeness_score", "polite"):
        if isinstance(getattr(j, name, None), int | float):
            return name
    return None


# ---------------------------------------------------------------------------------------------
# Metrics


@dataclass
class PRF:
    precision: float
    recall: float
    f1: float
    support: int


def prf(gold: Sequence[bool], pred: Sequence[bool], cls: bool) -> PRF:
    """One class's scores, as `parting.check.metrics` computes them for bench/check_accuracy.py,
    with the class's size."""
    result = metrics.scores(gold, pred)
    precision, recall, f1 = result.holds if cls else result.fails
    return PRF(precision, recall, f1, sum(1 for g in gold if g == cls))


def macro(gold: Sequence[bool], pred: Sequence[bool]) -> tuple[PRF, PRF, float]:
    pos, neg = prf(gold, pred, True), prf(gold, pred, False)
    return pos, neg, (pos.f1 + neg.f1) / 2


# ---------------------------------------------------------------------------------------------
# Markdown


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]], align: str = "") -> str:
    align = align or "l" + "r" * (len(header) - 1)
    seps = [":---" if a == "l" else "---:" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(seps) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def f2(x: float) -> str:
    return f"{x:.2f}"


def class_cells(pos: PRF, neg: PRF, m: float) -> list[str]:
    """P, R, F1 of "ok", of "not ok", and the macro-F1, as table cells."""
    values = (pos.precision, pos.recall, pos.f1, neg.precision, neg.recall, neg.f1, m)
    return [f2(v) for v in values]


def ms(seconds: float, n: int) -> str:
    per = seconds / n * 1000 if n else 0.0
    return f"{per:.3f}" if per < 1 else f"{per:.2f}" if per < 100 else f"{per:.0f}"


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs (nproc), {cpu}, Linux {platform.release()}, "
        f"Python {platform.python_version()}"
    )


# ---------------------------------------------------------------------------------------------
# 1. Letters


def _shown(path: Path) -> str:
    path = path.resolve()
    if path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    if path.is_relative_to(ROOT.parent):
        return f"../{path.relative_to(ROOT.parent)}"
    return str(path)


def bench_letters(path: Path, anchors_py: Path, out: list[str]) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    texts = [r["text"] for r in rows]
    gold = {k: [bool(r["labels"][k]) for r in rows] for k in PRINCIPLES}
    n = len(rows)
    print(f"letters: {n} drafts from {path}", file=sys.stderr)

    cli, cli_time = parting_cli(texts)
    judge = load_judge()
    api: list[Verdict] | None = None
    api_time = 0.0
    if judge is not None:
        api, api_time = parting_api(judge, texts)

    t = time.perf_counter()
    kw = [keyword_baseline(text) for text in texts]
    kw_time = time.perf_counter() - t

    anchors = run_anchors(texts, anchors_py, vader=True, profanity=True, full_proselint=True)
    pl_cli_time = proselint_cli_time(texts, anchors_py)
    pl_direct = [not codes for codes in anchors["proselint"]]
    vader = {th: [c > th for c in anchors["vader"]] for th in VADER_THRESHOLDS}  # True = respectful
    prof = [p <= PROFANITY_THRESHOLD for p in anchors["profanity"]]

    shown = _shown(path)
    out.append(f"## `parting check` and the anchors on `{shown}` ({n} drafts)\n")

    # Side by side
    side_rows = []
    part_m, kw_m = [], []
    for k in PRINCIPLES:
        pm = macro(gold[k], [v.principles[k] for v in cli])[2]
        km = macro(gold[k], [d[k] for d in kw])[2]
        part_m.append(pm)
        kw_m.append(km)
        pl = f2(macro(gold[k], pl_direct)[2]) if k == "direct" else "—"
        vd = f2(macro(gold[k], vader[VADER_THRESHOLDS[0]])[2]) if k == "respectful" else "—"
        pc = f2(macro(gold[k], prof)[2]) if k == "respectful" else "—"
        side_rows.append([f"`{k}`", f"**{f2(pm)}**", f2(km), pl, vd, pc])
    side_rows.append(
        ["**mean**", f"**{f2(statistics.mean(part_m))}**", f2(statistics.mean(kw_m)), "—", "—", "—"]
    )
    side_rows.append(["min", f2(min(part_m)), f2(min(kw_m)), "—", "—", "—"])
    out.append("Macro-F1 (mean of the F1 of both classes) per principle:\n")
    out.append(
        md_table(
            [
                "principle",
                "parting check",
                "keyword baseline",
                "proselint hedging/weasel",
                f"VADER (compound ≤ {VADER_THRESHOLDS[0]})",
                "alt-profanity-check",
            ],
            side_rows,
        )
    )
    out.append("")

    # Detail: parting and keywords
    for title, preds in (
        ("`parting check` (CLI, `--format json`)", [v.principles for v in cli]),
        ("Keyword baseline", kw),
    ):
        det = []
        for k in PRINCIPLES:
            pos, neg, m = macro(gold[k], [p[k] for p in preds])
            det.append([f"`{k}`", *class_cells(pos, neg, m), f"{pos.support}/{neg.support}"])
        out.append(f"{title}, per class (ok = principle holds; not ok = it does not):\n")
        out.append(
            md_table(
                [
                    "principle",
                    "P ok",
                    "R ok",
                    "F1 ok",
                    "P not",
                    "R not",
                    "F1 not",
                    "macro-F1",
                    "n ok/not",
                ],
                det,
            )
        )
        out.append("")

    # Detail: anchors
    det = []
    anchor_rows: list[tuple[str, str, list[bool]]] = [
        ("proselint hedging/weasel (any finding → not direct)", "direct", pl_direct),
    ]
    for th in VADER_THRESHOLDS:
        anchor_rows.append((f"VADER compound ≤ {th} → not respectful", "respectful", vader[th]))
    anchor_rows.append(
        (
            f"alt-profanity-check, any sentence > {PROFANITY_THRESHOLD} → not respectful",
            "respectful",
            prof,
        )
    )
    for name, k, pred in anchor_rows:
        pos, neg, m = macro(gold[k], pred)
        det.append([name, f"`{k}`", *class_cells(pos, neg, m)])
    out.append("The anchors, per class:\n")
    out.append(
        md_table(
            [
                "predictor",
                "principle",
                "P ok",
                "R ok",
                "F1 ok",
                "P not",
                "R not",
                "F1 not",
                "macro-F1",
            ],
            det,
            "ll" + "r" * 7,
        )
    )
    out.append("")
    flagged = sum(1 for codes in anchors["proselint"] if codes)
    out.append(
        f"proselint {anchors['versions']['proselint']}: the checks counted are "
        + ", ".join(f"`{c}`" for c in anchors["proselint_checks"])
        + " (every check whose path starts with "
        + " or ".join(f"`{p}`" for p in PROSELINT_HEDGE_PREFIXES)
        + f"); they flag {flagged} of {n} drafts. VADER "
        f"{anchors['versions']['vaderSentiment']}; alt-profanity-check "
        f"{anchors['versions']['alt-profanity-check']} (scikit-learn "
        f"{anchors['versions']['scikit-learn']}); sentences for alt-profanity-check are split "
        "at `.`/`!`/`?` + space and at line breaks.\n"
    )

    # Agreement CLI vs API
    if api is not None:
        diff = sum(1 for a, b in zip(api, cli, strict=True) if a.principles != b.principles)
        if diff:
            out.append(f"Note: the CLI and `judge` disagree on {diff} of {n} drafts.\n")

    # Time
    t_rows = [
        [
            "`parting check --format json` (one call over all drafts, wall, start-up included)",
            ms(cli_time, n),
        ],
    ]
    t_rows.append(
        [
            "`proselint check` (one call over the same files, all default checks, wall)",
            ms(pl_cli_time, n),
        ]
    )
    if api is not None:
        t_rows.append(["`parting.check.judge` in process", ms(api_time, n)])
    t_rows += [
        ["keyword baseline (in process)", ms(kw_time, n)],
        ["proselint hedging/weasel checks only (in process)", ms(anchors["times"]["proselint"], n)],
        [
            f"proselint, all default checks (in process; {anchors['proselint_all_findings']} "
            "findings)",
            ms(anchors["times"]["proselint_all"], n),
        ],
        [
            f"VADER (in process; load {anchors['load']['vader'] * 1000:.0f} ms once)",
            ms(anchors["times"]["vader"], n),
        ],
        [
            f"alt-profanity-check, per sentence, batched (in process; load "
            f"{anchors['load']['profanity'] * 1000:.0f} ms once)",
            ms(anchors["times"]["profanity"], n),
        ],
    ]
    out.append(
        f"Time per draft ({n} drafts, mean {statistics.mean(map(len, texts)):.0f} characters):\n"
    )
    out.append(md_table(["", "ms per draft"], t_rows))
    out.append("")


# ---------------------------------------------------------------------------------------------
# 2. wiki_weasel

_PTB = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "``": '"',
    "''": '"',
}


def undo_ptb(text: str) -> str:
    for tok, ch in _PTB.items():
        text = text.replace(tok, ch)
    text = re.sub(r"([(\[{])\s+", r"\1", text)
    text = re.sub(r"\s+([)\]}])", r"\1", text)
    text = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r"`\s*", "'", text)
    return text.strip()


def hedge_codes(forced: list[str] | None) -> tuple[list[str], dict[str, str], str]:
    """The P3xx codes counted as hedge/weasel findings, their descriptions and how they were
    chosen: given on the command line; else from `parting rules` (P3xx rules whose one-line
    description speaks of hedges, vagueness, softening...); else, before `parting rules`
    exists, every P3xx code minus those that fire on plain hedge-free sentences (a "no
    decision stated" rule would)."""
    rules = parting_rules()
    described = dict(rules)
    if forced:
        return forced, described, "given with `--hedge-codes`"
    if rules:
        codes = [c for c, d in rules if c.startswith("P3") and HEDGE_RULE_WORDS.search(d)]
        return codes, described, "chosen by their `parting rules` descriptions"
    return [], described, ""


def bench_weasel(anchors_py: Path, out: list[str], forced: list[str] | None) -> None:
    path = PUBLIC / "wiki_weasel" / "test.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    texts = [undo_ptb(r["text"]) for r in rows]
    gold = [r["label"].strip() == "1" for r in rows]
    n = len(rows)
    print(f"wiki_weasel: {n} sentences", file=sys.stderr)

    codes, described, how = hedge_codes(forced)
    verdicts, cli_time = parting_cli(texts)
    if not how:
        seen = {c for v in verdicts for c, _ in v.codes if c.startswith("P3")}
        control, _ = parting_cli(CONTROL_SENTENCES)
        fire = {c for v in control for c, _ in v.codes}
        codes = sorted(seen - fire)
        how = "no `parting rules` yet: every P3xx code seen minus those on hedge-free sentences"
    code_set = set(codes)
    part_pred = [any(c in code_set for c, _ in v.codes) for v in verdicts]

    anchors = run_anchors(texts, anchors_py)
    pl_pred = [bool(c) for c in anchors["proselint"]]
    kw_pred = [bool(_KW_HEDGE.search(t)) for t in texts]

    res = []
    for name, pred in (
        (
            "`parting check`, any hedge/weasel finding (" + ", ".join(codes or ["none"]) + ")",
            part_pred,
        ),
        (
            "proselint "
            + anchors["versions"]["proselint"]
            + " "
            + ", ".join(f"`{c}`" for c in anchors["proselint_checks"]),
            pl_pred,
        ),
        ("keyword baseline's hedge list (" + ", ".join(_KW_HEDGE_WORDS) + ")", kw_pred),
    ):
        p = prf(gold, pred, True)
        res.append([name, f2(p.precision), f2(p.recall), f2(p.f1), sum(pred)])
    out.append(
        f"## Hedge detection on `wiki_weasel/test.csv` ({n} sentences, {sum(gold)} positive)\n"
    )
    out.append(
        "A sentence with any hedge/weasel finding = positive; PTB escapes undone "
        "(`-LRB-` → `(` …). Positive class:\n"
    )
    out.append(md_table(["predictor", "P", "R", "F1", "flagged"], res, "lrrrr"))
    out.append("")
    desc = "; ".join(f"`{c}` {described.get(c, '')}".strip() for c in codes)
    out.append(
        f"parting's hedge/weasel codes, {how}: {desc or 'none'}. "
        f"Reference: the best CoNLL-2010 Task 1 Wikipedia F1 was about 0.60 "
        f"(different split). `parting check` took {ms(cli_time, n)} ms per sentence "
        "through the CLI.\n"
    )


# ---------------------------------------------------------------------------------------------
# 3. Politeness


def _best_threshold(scores: Sequence[float], gold: Sequence[bool]) -> float:
    cands = sorted(set(scores))
    best, best_acc = 0.0, -1.0
    mids = [(a + b) / 2 for a, b in itertools.pairwise(cands)] or cands
    for th in mids:
        acc = sum((s > th) == g for s, g in zip(scores, gold, strict=True))
        if acc > best_acc:
            best, best_acc = th, acc
    return best


def _acc(scores: Sequence[float], gold: Sequence[bool], th: float) -> float:
    return sum((s > th) == g for s, g in zip(scores, gold, strict=True)) / len(gold)


def _quartiles(path: Path) -> tuple[list[str], list[bool]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    scores = sorted(float(r["Normalized Score"]) for r in rows)
    q1, q3 = statistics.quantiles(scores, n=4)[0], statistics.quantiles(scores, n=4)[2]
    texts, gold = [], []
    for r in rows:
        s = float(r["Normalized Score"])
        if s >= q3 or s <= q1:
            texts.append(r["Request"])
            gold.append(s >= q3)
    return texts, gold


def bench_politeness(anchors_py: Path, out: list[str]) -> None:
    domains = {
        "Wikipedia": PUBLIC / "politeness" / "wikipedia.annotated.csv",
        "Stack Exchange": PUBLIC / "politeness" / "stack-exchange.annotated.csv",
    }
    data = {name: _quartiles(p) for name, p in domains.items()}
    score_name = parting_politeness_score()
    scorers: list[tuple[str, dict[str, list[float]]]] = []
    if score_name:
        judge = load_judge()
        assert judge is not None
        scorers.append(
            (
                f"parting `{score_name}`",
                {
                    d: [float(getattr(judge(t), score_name)) for t in texts]
                    for d, (texts, _) in data.items()
                },
            )
        )
    vader = {
        d: run_anchors(texts, anchors_py, vader=True)["vader"] for d, (texts, _) in data.items()
    }
    scorers.append(("VADER compound (context only)", vader))

    rows = []
    rng = random.Random(13)
    for name, scores in scorers:
        row: list[object] = [name]
        for d, (_, gold) in data.items():
            idx = list(range(len(gold)))
            rng.shuffle(idx)
            folds = [idx[i::10] for i in range(10)]
            correct = 0
            for f in folds:
                held = set(f)
                tr = [i for i in idx if i not in held]
                th = _best_threshold([scores[d][i] for i in tr], [gold[i] for i in tr])
                correct += sum((scores[d][i] > th) == gold[i] for i in f)
            row.append(f"{correct / len(gold):.1%}")
        (d1, (_, g1)), (d2, (_, g2)) = data.items()
        row.append(f"{_acc(scores[d2], g2, _best_threshold(scores[d1], g1)):.1%}")
        row.append(f"{_acc(scores[d1], g1, _best_threshold(scores[d2], g2)):.1%}")
        row.append(f"{_acc(scores[d1], g1, 0.0):.1%} / {_acc(scores[d2], g2, 0.0):.1%}")
        rows.append(row)
    rows.append(
        [
            "Danescu-Niculescu-Mizil et al. 2013, linguistically informed SVM",
            "83.8%",
            "78.2%",
            "—",
            "—",
            "—",
        ]
    )
    rows.append(["human agreement (paper)", "86.7%", "80.9%", "—", "—", "—"])
    sizes = ", ".join(f"{d} {len(g)} ({sum(g)} polite)" for d, (_, g) in data.items())
    out.append("## Stanford Politeness Corpus, top vs bottom quartile\n")
    if not score_name:
        out.append(
            "`parting check` builds no politeness score (it judges `respectful` as "
            "absence of attack, blame, sarcasm and passive aggression, a different "
            "question), so it is not scored on this task; VADER is shown only as "
            "context.\n"
        )
    out.append(
        f"Requests in the top/bottom quartile of `Normalized Score` within each domain "
        f"({sizes}). A score becomes a classifier through a threshold learnt on the "
        "training part (10-fold CV in domain; the other domain across).\n"
    )
    out.append(
        md_table(
            [
                "predictor",
                "Wikipedia (10-fold)",
                "Stack Exchange (10-fold)",
                "Wiki → SE",
                "SE → Wiki",
                "fixed threshold 0 (Wiki / SE)",
            ],
            rows,
        )
    )
    out.append("")


# ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="labelled letters (JSONL)")
    ap.add_argument("--anchors-python", type=Path, default=ANCHORS_PY)
    ap.add_argument("--no-public", action="store_true", help="skip the public corpora")
    ap.add_argument("--hedge-codes", help="comma-separated P3xx codes counted as hedges")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--parting", type=Path, help="the parting executable [this venv's]")
    ap.add_argument("--no-api", action="store_true", help="CLI only, never import judge")
    args = ap.parse_args(argv)
    global PARTING_EXE, USE_API
    PARTING_EXE = args.parting
    USE_API = not args.no_api
    if not args.anchors_python.exists():
        sys.exit(f"{args.anchors_python} is missing: run `bash bench/setup_anchors.sh` first")

    cmd = ".venv/bin/python bench/check_anchors.py"
    if args.data != DEFAULT_DATA:
        cmd += f" --data {_shown(args.data)}"
    out = [f"Measured on {DATE}, {machine()}, with `{cmd}`.\n"]
    bench_letters(args.data, args.anchors_python, out)
    if not args.no_public:
        forced = args.hedge_codes.split(",") if args.hedge_codes else None
        bench_weasel(args.anchors_python, out, forced)
        bench_politeness(args.anchors_python, out)
    text = "\n".join(out).rstrip() + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
