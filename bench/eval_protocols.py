"""Protocols: which pairs a system is fitted on before it scores which.

- ``in_set_cv``: per set, k folds that keep pairs sharing a source (``Pair.group``)
  together and balance the 3-way labels; each fold is scored by a model fitted on
  the other folds of the same set.
- ``leave_one_set_out``: for each LOSO group (``eval_data.LOSO_GROUPS``), a model
  fitted on every other group scores the group's sets; every training set gets
  the same total sample weight, so a big set does not drown a small one. Sets in
  ``eval_data.EVAL_ONLY`` are scored, never trained on (``eval_only`` overrides).
- ``no_fit``: one ``fit`` on nothing, then score everything (for systems with
  nothing to fit, such as the lexical matcher).

Each returns, per set, the out-of-sample ``(score, verdict, needs_review)``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_data import EVAL_ONLY, LABELS3, LABELS_FINE, LOSO_GROUPS, Pair  # noqa: E402
from eval_systems import Prediction, System  # noqa: E402


@dataclass(frozen=True)
class Block:
    """One set's pairs and their feature rows."""

    pairs: list[Pair]
    X: np.ndarray

    @property
    def y3(self) -> np.ndarray:
        return np.array([LABELS3.index(p.label) for p in self.pairs], dtype=int)

    @property
    def y_fine(self) -> np.ndarray:
        return np.array([LABELS_FINE.index(p.label_fine) for p in self.pairs], dtype=int)


def group_folds(groups: list[str], y3: np.ndarray, k: int, seed: int = 0) -> list[np.ndarray]:
    """Indices of k folds; a group goes whole to one fold, chosen to keep the label counts even.

    Groups are placed largest first (random order among equals), each into the
    fold where it brings the label counts closest to an even split. Empty folds
    (fewer groups than k) are dropped."""
    rng = np.random.default_rng(seed)
    names = sorted(set(groups))
    members: dict[str, list[int]] = {g: [] for g in names}
    for i, g in enumerate(groups):
        members[g].append(i)
    counts = {g: np.bincount(y3[members[g]], minlength=3) for g in names}
    order = [names[i] for i in rng.permutation(len(names))]
    order.sort(key=lambda g: -len(members[g]))  # stable: ties keep the random order
    target = np.bincount(y3, minlength=3) / k
    fold_counts = np.zeros((k, 3))
    buckets: list[list[int]] = [[] for _ in range(k)]
    for g in order:
        cost = [float(((fold_counts[f] + counts[g] - target) ** 2).sum() - ((fold_counts[f] - target) ** 2).sum())
                for f in range(k)]
        best = min(range(k), key=lambda f: (cost[f], fold_counts[f].sum()))
        fold_counts[best] += counts[g]
        buckets[best] += members[g]
    return [np.array(sorted(b), dtype=int) for b in buckets if b]


def empty_prediction(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return np.zeros(n), np.empty(n, dtype=object), np.zeros(n, dtype=bool)


def check_prediction(system: System, pred: Prediction, n: int) -> Prediction:
    score, verdict, review = (np.asarray(pred[0], np.float64), np.asarray(pred[1], object),
                              np.asarray(pred[2], bool))
    if not (score.shape == verdict.shape == review.shape == (n,)):
        raise ValueError(f"system {system.name}: predict must return three arrays of length {n}")
    bad = set(verdict) - set(LABELS_FINE)
    if bad:
        raise ValueError(f"system {system.name}: unknown verdicts {sorted(bad)}")
    return score, verdict, review


def in_set_cv(system: System, blocks: dict[str, Block], k: int = 5, seed: int = 0,
              progress: Callable[[str], None] | None = None) -> dict[str, Prediction]:
    out = {}
    for name, block in blocks.items():
        y3, y_fine = block.y3, block.y_fine
        score, verdict, review = empty_prediction(len(y3))
        for f, test in enumerate(group_folds([p.group for p in block.pairs], y3, k, seed)):
            if progress is not None:
                progress(f"{system.name} in-set {name} fold {f + 1}")
            train = np.setdiff1d(np.arange(len(y3)), test)
            model = system.fit(block.X[train], y3[train], y_fine[train], np.ones(len(train)))
            s, v, r = check_prediction(system, system.predict(model, block.X[test]), len(test))
            score[test], verdict[test], review[test] = s, v, r
        out[name] = (score, verdict, review)
    return out


def set_weights(sizes: list[int], shares: list[float] | None = None) -> np.ndarray:
    """Per-pair weights giving each set the same total (or its ``shares`` of the total), with mean 1."""
    if not sizes:
        return np.zeros(0)
    shares = [1.0] * len(sizes) if shares is None else shares
    total = sum(sizes)
    return np.concatenate([np.full(n, share * total / (sum(shares) * n)) for n, share in zip(sizes, shares)])


def leave_one_set_out(system: System, blocks: dict[str, Block],
                      progress: Callable[[str], None] | None = None,
                      note: Callable[[str], None] | None = None,
                      eval_only: frozenset[str] = EVAL_ONLY) -> dict[str, Prediction]:
    out = {}
    for group in dict.fromkeys(LOSO_GROUPS[name] for name in blocks):
        held = [name for name in blocks if LOSO_GROUPS[name] == group]
        train = [blocks[name] for name in blocks if LOSO_GROUPS[name] != group and name not in eval_only]
        if not train:
            if note is not None:
                note(f"leave-one-set-out: nothing to train on without {group}; skipped")
            continue
        if progress is not None:
            progress(f"{system.name} leave out {group}")
        X = np.vstack([b.X for b in train])
        y3 = np.concatenate([b.y3 for b in train])
        y_fine = np.concatenate([b.y_fine for b in train])
        weights = set_weights([len(b.pairs) for b in train])
        fit_on_sets = getattr(system, "fit_on_sets", None)  # a system that adds pairs derived from its training sets
        if fit_on_sets is not None:
            pairs = {name: blocks[name].pairs for name in blocks if LOSO_GROUPS[name] != group and name not in eval_only}
            model = fit_on_sets(pairs, X, y3, y_fine, weights)
        else:
            model = system.fit(X, y3, y_fine, weights)
        for name in held:
            out[name] = check_prediction(system, system.predict(model, blocks[name].X), len(blocks[name].pairs))
    return out


def no_fit(system: System, blocks: dict[str, Block]) -> dict[str, Prediction]:
    any_block = next(iter(blocks.values()))
    width = any_block.X.shape[1]
    model = system.fit(np.zeros((0, width)), np.zeros(0, int), np.zeros(0, int), np.zeros(0))
    return {name: check_prediction(system, system.predict(model, b.X), len(b.pairs)) for name, b in blocks.items()}
