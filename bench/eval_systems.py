"""Systems the harness evaluates, and the on-disk cache of their features.

A *system* is any object with (see ``System``)::

    name: str                      # short, used in tables and cache file names
    version: str                   # changes whenever features() would compute other numbers
    features(pairs) -> X           # np.ndarray (len(pairs), n_columns) of floats; pure per pair
    fit(X, y3, y_fine, weights) -> model
    predict(model, X) -> (score, verdict, needs_review)
    fits: bool                     # optional, default True; False: scored once, nothing fitted

``y3`` indexes ``LABELS3`` (0 supported, 1 partially, 2 not supported); ``y_fine``
indexes ``LABELS_FINE`` (3 = contradicted). ``weights`` are per-pair sample
weights: in leave-one-set-out every training set gets the same total weight
(mean 1 over the training pairs); in in-set CV they are all 1. ``predict``
returns float scores (the probability of ``supported``), verdict strings (one of
``LABELS_FINE``; by the contract ``supported`` exactly when score >= 0.5) and a
bool ``needs_review`` array. ``fit`` may ignore labels or weights; a system with
nothing to fit sets the class attribute ``fits = False`` and is scored once, on
every pair, instead of under the two protocols. Features are computed once per
pair and cached (``cached_features``), keyed by name, version, set, id and a hash
of the pair's texts, so ``features`` must depend only on the pair (``Pair`` in
``eval_data``; ``pair.as_batch_record()`` is a ``factcheck match`` input line).

A minimal system, run with ``--system mymodule:Mine``::

    class Mine:
        name, version = "mine", "1"
        def features(self, pairs):
            return np.array([[word_overlap(p.claim, p.source_text)] for p in pairs])
        def fit(self, X, y3, y_fine, weights):
            return 0.5
        def predict(self, model, X):
            score = X[:, 0]
            verdict = np.where(score >= model, "supported", "not_supported").astype(object)
            return score, verdict, abs(score - 0.5) < 0.1

Systems here:

- ``baseline``: the default matcher as ``bench/fit_matcher.py`` fits it (its
  features, its logistic scorer with class-balanced weights, its verdict rules;
  ``fit_matcher.MatcherSystem``). The matcher before issue 11 (caps, thresholds
  other than 0.5) can no longer be rebuilt from this code: its numbers are in
  the README's "Matching" section.
- ``shipped``: ``factcheck match`` as installed (the default matcher with its
  shipped weights; nothing fitted here, so in-sample on the sets those weights saw).
- ``lexical``: the project's ``--matcher lexical``, nothing fitted.
- ``overlap``: a plain word-overlap score (share of the claim's content tokens
  found anywhere in the source; Chinese and Japanese by character bigrams) with its
  thresholds fitted on the training side.

``get_system("name")`` returns one of these; ``get_system("module:attr")``
imports ``attr`` from a module (on ``sys.path``, ``bench/`` included) and
instantiates it if it is a class (or calls it if it is a factory without
``features``): that is how a new matcher plugs in without editing this file,
e.g. ``--system fit_matcher:NewSystem``.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import numpy as np

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for _p in (str(ROOT), str(BENCH)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

from eval_data import LABELS3, LABELS_FINE, Pair  # noqa: E402

CACHE_DIR = BENCH / ".cache" / "features"
Prediction = tuple[np.ndarray, np.ndarray, np.ndarray]


class System(Protocol):
    name: str
    version: str

    def features(self, pairs: list[Pair]) -> np.ndarray: ...

    def fit(self, X: np.ndarray, y3: np.ndarray, y_fine: np.ndarray, weights: np.ndarray) -> Any: ...

    def predict(self, model: Any, X: np.ndarray) -> Prediction: ...


# ---------------------------------------------------------------- cache
def source_version(*paths: Path, extra: str = "") -> str:
    """A version string from the bytes of source files (directories: their *.py and *.json files)."""
    h = hashlib.sha256(extra.encode())
    for path in paths:
        files = sorted(path.rglob("*.py")) + sorted(path.rglob("*.json")) if path.is_dir() else [path]
        for f in files:
            h.update(str(f.relative_to(ROOT)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:12]


def cache_key(pair: Pair) -> str:
    return f"{pair.set}/{pair.id}/{pair.text_hash}"


def cached_features(system: System, pairs: list[Pair], cache_dir: Path = CACHE_DIR,
                    progress: Callable[[int, int], None] | None = None, chunk: int = 8) -> np.ndarray:
    """``system.features(pairs)``, computing only pairs not in the cache; new rows are appended as they come."""
    path = cache_dir / f"{system.name}-{system.version}.jsonl"
    known: dict[str, list[float]] = {}
    if path.exists():
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                try:
                    row = json.loads(line)
                except json.JSONDecodeError:  # a line cut short by an interrupted run
                    continue
                known[row["key"]] = row["x"]
    todo = [p for p in pairs if cache_key(p) not in known]
    if todo:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            for start in range(0, len(todo), chunk):
                part = todo[start:start + chunk]
                X = np.asarray(system.features(part), dtype=np.float64)
                for pair, x in zip(part, X):
                    known[cache_key(pair)] = [float(v) for v in x]
                    handle.write(json.dumps({"key": cache_key(pair), "x": known[cache_key(pair)]}) + "\n")
                handle.flush()
                if progress is not None:
                    progress(start + len(part), len(todo))
    return np.array([known[cache_key(p)] for p in pairs], dtype=np.float64).reshape(len(pairs), -1)


def no_review(n: int) -> np.ndarray:
    return np.zeros(n, dtype=bool)


# ---------------------------------------------------------------- baseline: today's default matcher
def matcher_system() -> System:
    """The default matcher as ``bench/fit_matcher.py`` fits it (features, scorer and verdict rules)."""
    import fit_matcher

    return fit_matcher.system()


class ShippedSystem:
    """``factcheck match`` as shipped: the default matcher's own verdicts, nothing fitted here.

    Its weights were fitted on dev data, so on the sets they saw this is an
    in-sample number; it checks that the package reproduces what a fitted system
    promised, and it reads ``Verdict.needs_review`` once the matcher has it."""

    name = "shipped"
    fits = False

    def __init__(self) -> None:
        self.version = source_version(ROOT / "factcheck" / "match", ROOT / "factcheck" / "data",
                                      ROOT / "factcheck" / "extract", ROOT / "factcheck" / "segment.py", ROOT / "factcheck" / "models.py",
                                      extra="shipped/1")

    def features(self, pairs: list[Pair]) -> np.ndarray:
        from factcheck.match import load_matcher
        from factcheck.match.batch import pair_to_inputs

        matcher = load_matcher("default")
        rows = []
        for pair in pairs:
            v = matcher.match(*pair_to_inputs(pair.as_batch_record()))
            rows.append([v.score, LABELS_FINE.index(v.verdict), float(getattr(v, "needs_review", False))])
        return np.array(rows, dtype=np.float64)

    def fit(self, X: np.ndarray, y3: np.ndarray, y_fine: np.ndarray, weights: np.ndarray) -> None:
        return None

    def predict(self, model: None, X: np.ndarray) -> Prediction:
        verdicts = np.array([LABELS_FINE[int(k)] for k in X[:, 1]], dtype=object)
        return X[:, 0].copy(), verdicts, X[:, 2] > 0


# ---------------------------------------------------------------- floors
class LexicalSystem:
    """The project's ``--matcher lexical``: its own score and verdict, nothing fitted."""

    name = "lexical"
    fits = False

    def __init__(self) -> None:
        self.version = source_version(ROOT / "factcheck" / "match" / "lexical.py", ROOT / "factcheck" / "extract", ROOT / "factcheck" / "segment.py",
                                      extra="lexical/1")

    def features(self, pairs: list[Pair]) -> np.ndarray:
        from factcheck.match.batch import pair_to_inputs
        from factcheck.match.lexical import LexicalMatcher

        matcher = LexicalMatcher()
        rows = []
        for pair in pairs:
            v = matcher.match(*pair_to_inputs(pair.as_batch_record()))
            rows.append([v.score, LABELS3.index(v.verdict)])
        return np.array(rows, dtype=np.float64)

    def fit(self, X: np.ndarray, y3: np.ndarray, y_fine: np.ndarray, weights: np.ndarray) -> None:
        return None

    def predict(self, model: None, X: np.ndarray) -> Prediction:
        verdicts = np.array([LABELS3[int(k)] for k in X[:, 1]], dtype=object)
        return X[:, 0].copy(), verdicts, no_review(len(X))


STOP = frozenset("""a an the and or but if of to in on at by for with from as is are was were be been being it its
this that these those he she they them his her their we you i not no than then so such into over about after
before also has have had do does did which who whom what when where while will would can could there""".split())
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def overlap_tokens(text: str) -> set[str]:
    """Lower-cased words and numbers (English stop words dropped) + character bigrams of CJK runs."""
    tokens = {w for w in (m.group().lower() for m in WORD.finditer(CJK.sub(" ", text)))
              if w not in STOP and (len(w) > 1 or w.isdigit())}
    for run in CJK.findall(text):
        tokens |= {run[i:i + 2] for i in range(len(run) - 1)} if len(run) > 1 else {run}
    return tokens


def word_overlap(claim: str, source: str) -> float:
    """Share of the claim's content tokens that occur anywhere in the source (0 when it has none)."""
    wanted = overlap_tokens(claim)
    return len(wanted & overlap_tokens(source)) / len(wanted) if wanted else 0.0


def weighted_balanced_accuracy(y: np.ndarray, pred: np.ndarray, w: np.ndarray) -> float:
    pos, neg = y, ~y
    if not pos.any() or not neg.any():
        return 0.0
    return float((w[pos & pred].sum() / w[pos].sum() + w[neg & ~pred].sum() / w[neg].sum()) / 2)


def fit_slope(x: np.ndarray, y: np.ndarray, w: np.ndarray, t: float) -> float:
    """Maximum-likelihood a >= 0 of P(supported) = sigmoid(a (x - t)): calibration with the cut kept at t."""
    a = 1.0
    d = x - t
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(a * d, -40, 40)))
        g = float((w * (p - y) * d).sum()) + 1e-3 * a
        h = float((w * p * (1 - p) * d * d).sum()) + 1e-3
        step = g / h
        a = max(a - step, 0.0)
        if abs(step) < 1e-8:
            break
    return a


class OverlapSystem:
    """Plain word overlap; the cut for supported, the one for partially and a slope fitted on training data."""

    name = "overlap"
    version = "1"

    def features(self, pairs: list[Pair]) -> np.ndarray:
        return np.array([[word_overlap(p.claim, p.source_text)] for p in pairs], dtype=np.float64)

    def fit(self, X: np.ndarray, y3: np.ndarray, y_fine: np.ndarray, weights: np.ndarray) -> dict:
        x, y, w = X[:, 0], y3 == 0, np.asarray(weights, np.float64)
        cands = np.unique(x)
        t = max(cands, key=lambda c: (weighted_balanced_accuracy(y, x >= c, w), -c)) if len(cands) else 0.5
        below = np.append(cands[cands < t], t)  # t itself: no partially-supported band
        t_part = max(below, key=lambda c: (float(w[self.three(x, t, c) == y3].sum()), -c))
        return {"t": float(t), "t_part": float(t_part), "slope": fit_slope(x, y.astype(float), w, float(t))}

    @staticmethod
    def three(x: np.ndarray, t: float, t_part: float) -> np.ndarray:
        return np.where(x >= t, 0, np.where(x >= t_part, 1, 2))

    def predict(self, model: dict, X: np.ndarray) -> Prediction:
        x = X[:, 0]
        score = 1 / (1 + np.exp(-np.clip(model["slope"] * (x - model["t"]), -40, 40)))
        score = np.where(x >= model["t"], np.maximum(score, 0.5), np.minimum(score, math.nextafter(0.5, 0)))
        verdicts = np.array([LABELS3[k] for k in self.three(x, model["t"], model["t_part"])], dtype=object)
        return score, verdicts, no_review(len(X))


# ---------------------------------------------------------------- registry
SYSTEMS: dict[str, Callable[[], System]] = {
    "baseline": matcher_system, "shipped": ShippedSystem, "lexical": LexicalSystem, "overlap": OverlapSystem,
}


def get_system(spec: str) -> System:
    """A system by registered name, or ``module:attr`` (called if callable)."""
    if spec in SYSTEMS:
        return SYSTEMS[spec]()
    if ":" not in spec:
        raise SystemExit(f"unknown system {spec!r}: use one of {', '.join(SYSTEMS)} or module:attr")
    module_name, attr = spec.split(":", 1)
    try:
        obj = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise SystemExit(f"cannot load system {spec!r}: {exc}") from exc
    return obj() if isinstance(obj, type) or not hasattr(obj, "features") else obj
