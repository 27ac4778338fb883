"""Train the sentence classifiers of `parting check` (src/parting/check/models/*.json.gz).

Data, all reachable from the project (no corpus is copied into it):

- `data/train/{respect,benefit,alternatives,decision}.jsonl`: sentences written for the
  project, each labelled 1 (blames or needles the client / says what the client gains /
  offers a concrete way forward / states the decision to end or scale back) or 0, with many
  hard negatives.
- The phrase rules' own failing and passing examples (for `respect`).
- The labelled letters: `../shared/data/letters/dev.jsonl` when it is there, and
  `tests/data/letters_holdout{,2,3,4,5,6,7}.jsonl`. A letter judged respectful (or lacking mutual
  benefit, alternatives, or a plain decision) gives every sentence as a negative; a letter
  with the quality gives the sentences the phrase rules already find as positives (the other
  sentences are left out: which of them carry the quality is not labelled). For `decision`,
  greetings, hedged sentences and questions are left out (a decision there is a hedged one).

Model: logistic regression over word unigrams and bigrams seen at least twice, class-balanced,
L2-regularised, fitted by full-batch gradient descent (Adam) with numpy. The threshold is
chosen on whole letters, leave-one-letter-set-out: for each set, train without it, judge its
letters with "phrase rules OR model" (respect: rules AND NOT model), and keep the threshold
with the best macro-F1, averaged over the held-out sets in two halves: the sets the phrase
rules were tuned on (where only the model's false alarms show) and the others. The script
prints those numbers; the shipped model is then trained on everything.

Usage:
    .venv/bin/python scripts/train_check_models.py            # train, report, write models
    .venv/bin/python scripts/train_check_models.py --dry-run  # report only
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from parting.check import classifier, p2_alternatives, p3_direct, p4_benefit, p5_respect
from parting.check.metrics import macro_f1
from parting.check.rules import all_rules, check_text, get_rule, patterns_only
from parting.check.text import is_greeting, sentences

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT / "data" / "train"
OUT = ROOT / "src" / "parting" / "check" / "models"
LETTER_SETS = {
    "dev": ROOT.parent / "shared" / "data" / "letters" / "dev.jsonl",
    "holdout": ROOT / "tests" / "data" / "letters_holdout.jsonl",
    "holdout2": ROOT / "tests" / "data" / "letters_holdout2.jsonl",
    "holdout3": ROOT / "tests" / "data" / "letters_holdout3.jsonl",
    "holdout4": ROOT / "tests" / "data" / "letters_holdout4.jsonl",
    "holdout5": ROOT / "tests" / "data" / "letters_holdout5.jsonl",
    "holdout6": ROOT / "tests" / "data" / "letters_holdout6.jsonl",
    "holdout7": ROOT / "tests" / "data" / "letters_holdout7.jsonl",
}
#: The letter sets the phrase rules were tuned on: there the rules are right by construction, so
#: they only show what the model's false alarms cost; the other sets also show what it catches.
#: The threshold maximises the mean of the two groups' mean macro-F1, each group weighing half.
RULES_TUNED_ON = frozenset({"dev", "holdout", "holdout2"})
#: Which label each model serves, and whether the model finds its absence (respect).
TASKS: dict[str, tuple[str, bool]] = {
    "respect": ("respectful", True),
    "benefit": ("mutual_benefit", False),
    "alternatives": ("alternatives", False),
    "decision": ("direct", False),
}
L2_GRID = (1e-4, 3e-4, 1e-3)
#: For `respect`: how likely a dig the model must find a sentence before a phrase-rule finding
#: in it stands (0: the phrase rules alone); see `parting.check.p5_respect`.
CONFIRM_GRID = (0.0, 0.3, 0.5, 0.7)
THRESHOLDS = [round(0.50 + 0.01 * i, 3) for i in range(50)]


@dataclass
class Letter:
    set_name: str
    text: str
    gold: bool
    rule_ok: bool
    sentences: list[str]
    positives: list[str]  # sentences the phrase rules find (for a letter with the quality)
    firm: bool = False  # respect: a phrase rule that needs no confirmation found something
    confirmable: list[str] = field(default_factory=list)  # respect: what the model must confirm


def rule_view(task: str, text: str) -> tuple[bool, list[tuple[int, int]]]:
    """The phrase patterns' verdict on the letter (benefit, alternatives, decision) and the
    spans they found."""
    finders: dict[str, Callable[[str], Sequence[tuple[int, int]]]] = {
        "benefit": p4_benefit.rule_evidence,
        "alternatives": p2_alternatives.rule_evidence,
        "decision": p3_direct.rule_evidence,
    }
    finder = finders[task]
    spans = list(finder(text))
    return bool(spans), spans


def blamed(text: str) -> set[int]:
    """Start offsets of the sentences that contain a P5 phrase-rule finding."""
    found = check_text(text, p5_respect.PHRASE_RULES)
    return {s.start for s in sentences(text) for f in found if s.start <= f.start < s.end}


def undecidable(text: str) -> set[int]:
    """Start offsets of the sentences the `decision` model is not asked about: greetings,
    hedged sentences and questions (a decision there is a hedged one), and sentences where
    the phrase patterns already found a decision."""
    found = p3_direct.rule_decisions(text)
    return {
        s.start
        for s in sentences(text)
        if is_greeting(s)
        or p3_direct.hedged_sentence(s.text)
        or any(s.start <= clause.start < s.end for clause, _ in found)
    }


def load_letters(task: str) -> list[Letter]:
    key, _ = TASKS[task]
    letters: list[Letter] = []
    for set_name, path in LETTER_SETS.items():
        if not path.exists():
            print(f"  (skipping {path}: not there)")
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            text = record["text"]
            gold = bool(record["labels"][key])
            findings = check_text(text, p5_respect.PHRASE_RULES) if task == "respect" else []
            if task == "respect":
                ok, spans = not findings, [(f.start, f.end) for f in findings]
            else:
                ok, spans = rule_view(task, text)
            segs = sentences(text)
            if task in ("benefit", "alternatives"):
                skip = blamed(text)
            elif task == "decision":
                skip = undecidable(text)
            else:
                skip = set()
            texts = [s.text for s in segs if s.start not in skip]
            positives = [
                s.text
                for s in segs
                if any(s.start <= a < s.end for a, _ in spans) and s.start not in skip
            ]
            letter = Letter(set_name, text, gold, ok, texts, positives)
            for finding in findings:
                if get_rule(finding.code).confirm is None:
                    letter.firm = True
                else:
                    around = p5_respect.sentence_around(text, finding.start)
                    letter.confirmable.append(around)
            letters.append(letter)
    return letters


def letter_examples(task: str, letters: Sequence[Letter]) -> list[tuple[str, int]]:
    _, inverted = TASKS[task]
    examples: list[tuple[str, int]] = []
    for letter in letters:
        has_quality = letter.gold if not inverted else not letter.gold
        if not has_quality:
            examples += [(s, 0) for s in letter.sentences]
        else:
            examples += [(s, 1) for s in letter.positives]
    return examples


def _rows(path: Path) -> list[dict[str, str | int]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def rule_examples() -> list[tuple[str, int]]:
    """The phrase rules' own examples, for `respect`: every sentence of every passing example
    is clean by definition (a negative), every failing example of a P5xx phrase rule is a
    positive. They are few and chosen with care, so each counts `RULE_EXAMPLE_WEIGHT` times.
    P513's examples are left out: they test the model."""
    examples: list[tuple[str, int]] = []
    for rule in all_rules():
        if rule.model is not None:
            continue
        for passing in rule.examples_pass:
            examples += [(s.text, 0) for s in sentences(passing)]
        if rule.principle == "respectful" and rule.scope == "span":
            examples += [(failing, 1) for failing in rule.examples_fail]
    return examples * RULE_EXAMPLE_WEIGHT


RULE_EXAMPLE_WEIGHT = 4
#: Kinds of sentence in respect.jsonl that may offer a path or state a benefit themselves.
_MAY_OFFER = frozenset({"alternatives", "benefit", "referral"})


def written_examples(task: str, folder: Path = TRAIN) -> list[tuple[str, int]]:
    """The task's own sentences, plus the other files' sentences that are negatives for it:

    - for `respect`, the benefit and alternatives sentences (except complaints): benefit
      framing and offers say "you" and "your" as much as blame does;
    - for `benefit` and `alternatives`, the disrespectful sentences and the neutral ones
      (status, money, reasons, ...) from respect.jsonl: a complaint is never an offer, and a
      model that has seen none fires on them."""
    examples = [(str(r["text"]), int(r["label"])) for r in _rows(folder / f"{task}.jsonl")]
    if task == "respect":
        examples += rule_examples()
        for other in ("benefit", "alternatives"):
            examples += [
                (str(r["text"]), 0)
                for r in _rows(folder / f"{other}.jsonl")
                if r.get("kind") != "complaint"
            ]
    elif task in ("benefit", "alternatives"):
        examples += [
            (str(r["text"]), 0)
            for r in _rows(folder / "respect.jsonl")
            if r["label"] == 1 or r.get("kind") not in _MAY_OFFER
        ]
    return examples


# --- logistic regression ------------------------------------------------------------------


@dataclass
class Fitted:
    bias: float
    weights: dict[str, float]

    def score(self, sentence: str) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in classifier.features(sentence))
        return float(1.0 / (1.0 + np.exp(-z)))


def fit(examples: Sequence[tuple[str, int]], l2: float = 1e-3, steps: int = 400) -> Fitted:
    feats = [classifier.features(text) for text, _ in examples]
    counts = Counter(f for fs in feats for f in fs)
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 2))}
    bias_index = len(vocab)
    rows = [sorted({vocab[f] for f in fs if f in vocab} | {bias_index}) for fs in feats]
    lengths = np.array([len(r) for r in rows])
    indices = np.concatenate([np.array(r, dtype=np.int64) for r in rows])
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    y = np.array([label for _, label in examples], dtype=np.float64)
    positive = max(1.0, y.sum())
    negative = max(1.0, len(y) - y.sum())
    sample_weight = np.where(y == 1, len(y) / (2 * positive), len(y) / (2 * negative))
    w = np.zeros(len(vocab) + 1)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    decay = np.ones_like(w) * l2
    decay[bias_index] = 0.0
    for step in range(1, steps + 1):
        z = np.add.reduceat(w[indices], offsets)
        p = 1.0 / (1.0 + np.exp(-z))
        err = (p - y) * sample_weight / len(y)
        grad = np.bincount(indices, weights=np.repeat(err, lengths), minlength=len(w)).astype(
            np.float64
        )
        grad = grad + decay * w
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    weights = {f: float(w[i]) for f, i in vocab.items() if abs(w[i]) >= 1e-3}
    return Fitted(bias=float(w[bias_index]), weights=weights)


# --- letter-level evaluation --------------------------------------------------------------


def judged(
    task: str, letter: Letter, best: float, threshold: float, confirmed: bool = True
) -> bool:
    """The letter's verdict with rules and model together (True = the label holds). For
    `respect`, `confirmed` says whether the model agrees with any phrase-rule finding that
    needs its agreement, as `parting check` asks it to."""
    fires = best >= threshold
    if TASKS[task][1]:
        return not (letter.firm or confirmed) and not fires
    return letter.rule_ok or fires


def agrees(task: str, letter: Letter, model: Fitted, confirm_at: float) -> bool:
    """For `respect`: whether the model confirms any sentence flagged by a phrase rule that
    needs confirmation (a rule with a `confirm`); at `confirm_at` = 0 it confirms every one,
    as if the phrase rules stood alone."""
    if task != "respect":
        return True
    return any(model.score(s) >= confirm_at for s in letter.confirmable)


@dataclass(frozen=True)
class Choice:
    l2: float
    confirm_at: float
    threshold: float


def evaluate(task: str, letters: list[Letter], written: list[tuple[str, int]]) -> Choice:
    """The L2 strength, confirmation level (`respect` only) and threshold with the best
    letter-level merit when each letter set in turn is held out of training."""
    sets = sorted({letter.set_name for letter in letters})
    confirm_grid = CONFIRM_GRID if task == "respect" else (0.0,)
    table: dict[Choice, list[float]] = {}
    print(f"{task}: leave-one-letter-set-out macro-F1 (rules only | rules + model at thresholds)")
    for l2 in L2_GRID:
        for held in sets:
            train = written + letter_examples(task, [x for x in letters if x.set_name != held])
            model = fit(train, l2=l2)
            test = [x for x in letters if x.set_name == held]
            best = [max((model.score(s) for s in x.sentences), default=0.0) for x in test]
            gold = [x.gold for x in test]
            for confirm_at in confirm_grid:
                confirmed = [agrees(task, x, model, confirm_at) for x in test]
                for t in THRESHOLDS:
                    verdicts = [
                        judged(task, x, b, t, c)
                        for x, b, c in zip(test, best, confirmed, strict=True)
                    ]
                    key = Choice(l2, confirm_at, t)
                    table.setdefault(key, []).append(macro_f1(gold, verdicts))
            rules = macro_f1(gold, [x.rule_ok for x in test])
            shown = [Choice(l2, confirm_grid[-1], t) for t in THRESHOLDS[::7]]
            row = "  ".join(f"{k.threshold:.2f}:{table[k][-1]:.3f}" for k in shown)
            print(f"  l2={l2:g} {held:9s} n={len(test):3d} rules {rules:.3f} | {row}")
    tuned = [i for i, name in enumerate(sets) if name in RULES_TUNED_ON]
    fresh = [i for i, name in enumerate(sets) if name not in RULES_TUNED_ON]

    def merit(key: Choice) -> tuple[float, float, float]:
        groups = [[table[key][i] for i in group] for group in (tuned, fresh) if group]
        return round(float(np.mean([np.mean(g) for g in groups])), 4), key.threshold, -key.l2

    chosen = max(table, key=merit)
    confirm = f", confirm at {chosen.confirm_at:.2f}" if task == "respect" else ""
    print(
        f"  chosen l2={chosen.l2:g}{confirm}, threshold {chosen.threshold:.2f}: merit "
        f"{merit(chosen)[0]:.3f} ("
        + ", ".join(f"{n} {v:.3f}" for n, v in zip(sets, table[chosen], strict=True))
        + ")"
    )
    return chosen


def write(task: str, model: Fitted, choice: Choice) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    payload = {
        "name": task,
        "threshold": choice.threshold,
        "confirm_at": choice.confirm_at,
        "bias": round(model.bias, 4),
        "weights": {f: round(w, 4) for f, w in sorted(model.weights.items())},
    }
    data = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    path = OUT / f"{task}.json.gz"
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    parser.add_argument("--only", choices=sorted(TASKS), action="append")
    parser.add_argument("--data", type=Path, default=TRAIN, help="folder of written sentences")
    args = parser.parse_args()
    for task in args.only or list(TASKS):
        with patterns_only():  # what the phrase patterns find, whatever the shipped models say
            letters = load_letters(task)
        written = written_examples(task, args.data)
        labels = Counter(label for _, label in written)
        print(
            f"{task}: {len(written)} written sentences ({labels[1]} positive), "
            f"{len(letters)} letters"
        )
        choice = evaluate(task, letters, written)
        model = fit(written + letter_examples(task, letters), l2=choice.l2)
        if not args.dry_run:
            path = write(task, model, choice)
            print(
                f"  wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes, "
                f"{len(model.weights):,} weights)"
            )


if __name__ == "__main__":
    main()
