"""Small trained sentence classifiers that back up the phrase rules where wording varies most.

Four linear models (logistic regression over word n-grams) score one sentence each:

- `respect`: the sentence blames, mocks or needles the client (sarcasm, passive aggression,
  rhetorical digs) -- P513 reports it;
- `benefit`: the sentence says what the client gains from the change -- evidence for P4;
- `alternatives`: the sentence offers a concrete way forward -- evidence for P2;
- `decision`: the sentence states the decision to end or scale back -- evidence for P3
  (hedged when the sentence holds a hedge, as for the phrase patterns).

Why linear models: on a few thousand labelled sentences they generalise about as well as
anything heavier we could ship, they explain themselves (the words with the largest weights),
start in milliseconds, and need nothing beyond the standard library at run time. The weights
ship in `models/*.json.gz`; `scripts/train_check_models.py` trains them from the sentences in
`data/train/` and the labelled letters the project can reach, and writes the measured
thresholds beside the weights.
"""

from __future__ import annotations

import gzip
import json
import marshal
import math
import os
import re
import sys
import zlib
from contextlib import suppress
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import pairwise, repeat
from pathlib import Path
from typing import Any, Literal

MODELS = Path(__file__).resolve().parent / "models"
ModelName = Literal["respect", "benefit", "alternatives", "decision"]
MODEL_NAMES: tuple[ModelName, ...] = ("respect", "benefit", "alternatives", "decision")

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|0+|[?!\"()]")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def tokens(sentence: str) -> list[str]:
    """Lower-case words, every number as "0", and the punctuation that carries tone."""
    text = _DIGITS.sub("0", sentence.translate(_APOSTROPHES).lower())
    return _TOKEN.findall(text)


@lru_cache(maxsize=4096)
def features(sentence: str) -> frozenset[str]:
    """Word unigrams and bigrams (with sentence start and end marks). Cached: all the
    models read the same sentences."""
    words = tokens(sentence)
    padded = ["<s>", *words, "</s>"]
    return frozenset(words).union(f"{a} {b}" for a, b in pairwise(padded))


@dataclass(frozen=True)
class Model:
    name: str
    bias: float
    weights: dict[str, float]
    threshold: float
    #: `respect` only: how likely a dig a sentence must be before a phrase finding stands.
    confirm_at: float = 0.0

    def logit(self, sentence: str) -> float:
        return self.bias + sum(map(self.weights.get, features(sentence), repeat(0.0)))

    def score(self, sentence: str) -> float:
        """The probability that the sentence belongs to the model's class."""
        z = self.logit(sentence)
        return 0.0 if z < -30 else 1.0 / (1.0 + math.exp(-z))

    @cached_property
    def cut(self) -> float:
        """The threshold on the logit scale: `fires` compares there (no exp per sentence)."""
        return math.log(self.threshold / (1.0 - self.threshold))

    def top_features(self, sentence: str, n: int = 3) -> list[str]:
        """The features that pushed this sentence's score up most (for explanations)."""
        present = [(self.weights.get(f, 0.0), f) for f in features(sentence)]
        return [f for w, f in sorted(present, reverse=True)[:n] if w > 0]


def fires(name: ModelName, sentence: str) -> bool:
    """Whether model `name` scores the sentence at or above its threshold. One pass over the
    sentence's features gives all the models' logits (the detectors ask every model about
    the same sentences)."""
    index = MODEL_NAMES.index(name)
    return _logits(sentence)[index] >= _cuts()[index]


@cache
def _cuts() -> tuple[float, ...]:
    return tuple(load(name).cut for name in MODEL_NAMES)


@cache
def _models() -> tuple[tuple[dict[str, float], ...], tuple[float, ...]]:
    """Every model's weights and bias, in `MODEL_NAMES` order."""
    models = [load(name) for name in MODEL_NAMES]
    return tuple(m.weights for m in models), tuple(m.bias for m in models)


@lru_cache(maxsize=4096)
def _logits(sentence: str) -> tuple[float, ...]:
    """All the models' logits for one sentence: each model looks up the sentence's few
    features in its own weights (merging the four tables first costs more at start-up than
    it saves on a draft)."""
    weights, biases = _models()
    present = features(sentence)
    return tuple(
        bias + sum(map(table.get, present, repeat(0.0)))
        for table, bias in zip(weights, biases, strict=True)
    )


@cache
def load(name: ModelName) -> Model:
    """The shipped model `name` (read once, on first use)."""
    data = _read(name)
    return Model(
        name=name,
        bias=float(data["bias"]),
        weights=data["weights"],
        threshold=float(data["threshold"]),
        confirm_at=float(data.get("confirm_at", 0.0)),
    )


def _read(name: str) -> dict[str, Any]:
    """The shipped model `name` as a dictionary: from the cache folder when a copy of it is
    there (`marshal`, about three times faster to read than the gzipped JSON), else from the
    package (and a copy written for the next run). The copy is keyed by the shipped file's
    checksum and this Python's version, and checked against its own checksum: a stale or
    corrupt copy is never used."""
    # A plain path, not importlib.resources: its first use costs ~80 ms of imports, more
    # than reading all the models.
    shipped = (MODELS / f"{name}.json.gz").read_bytes()
    from parting.core import cache

    folder = cache.folder()
    if folder is None:
        return _parse(shipped)
    key = (
        f"{name} {zlib.crc32(shipped):08x} {len(shipped)} "
        f"{sys.version_info[0]}.{sys.version_info[1]} {marshal.version}"
    ).encode("ascii")
    path = folder / f"check-model-{name}.marshal"
    try:
        head, _, body = path.read_bytes().partition(b"\n")
        stored_key, _, stored_sum = head.rpartition(b" ")
        if stored_key == key and int(stored_sum, 16) == zlib.crc32(body):
            data = marshal.loads(body)
            if _valid(data):
                return data  # type: ignore[no-any-return]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    data = _parse(shipped)
    body = marshal.dumps(data)
    with suppress(OSError):  # a read-only cache costs time, never the run
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(key + b" " + f"{zlib.crc32(body):08x}".encode("ascii") + b"\n" + body)
        os.replace(partial, path)
    return data


def _parse(shipped: bytes) -> dict[str, Any]:
    data = json.loads(gzip.decompress(shipped))
    if not _valid(data):
        raise ValueError("a model file without bias, weights and threshold")
    return data  # type: ignore[no-any-return]


def _valid(data: object) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("weights"), dict)
        and isinstance(data.get("bias"), int | float)
        and isinstance(data.get("threshold"), int | float)
    )
