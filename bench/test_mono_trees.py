"""Run with `python -m pytest bench/test_mono_trees.py` where scikit-learn is installed (a fitting-only
dependency, so the suite in tests/ does not carry it).

The boosted-tree scorer as the package reads it: bench/fit_matcher.py's ``mono`` learner exported to JSON
trees, evaluated by ``factcheck.match.score`` in numpy, must score as scikit-learn does and keep its constraints."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn")  # a bench dependency (fitting only), not needed at run time

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import fit_matcher  # noqa: E402

from factcheck.match.score import predict  # noqa: E402


def synthetic(n: int = 600, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Rows of the SCORED features with a label that rises with similarity and coverage (quantised, so that
    many values sit exactly on the trees' bin edges, as the matcher's shares do)."""
    rng = np.random.default_rng(seed)
    X = np.round(rng.random((n, len(fit_matcher.SCORED))), 2)
    col = {f: i for i, f in enumerate(fit_matcher.SCORED)}
    logit = 4 * X[:, col["cos_max"]] + 3 * X[:, col["win_cov"]] - 3 * X[:, col["conflict_cov"]] - 3.5
    y = rng.random(n) < 1 / (1 + np.exp(-logit))
    return X, y


def test_exported_trees_score_as_scikit_learn_does():
    from sklearn.ensemble import HistGradientBoostingClassifier

    X, y = synthetic()
    w = np.ones(len(y))
    model = {**fit_matcher.fit_mono(X, y, w), "features": list(fit_matcher.SCORED)}
    model = json.loads(json.dumps(model))  # what the package reads is JSON
    reference = HistGradientBoostingClassifier(
        random_state=0, monotonic_cst=[fit_matcher.MONOTONE[f] for f in fit_matcher.SCORED], early_stopping=False,
        **fit_matcher.MONO).fit(X, y.astype(int), sample_weight=w)
    ours = np.array([predict(model, dict(zip(fit_matcher.SCORED, row))) for row in X])
    assert np.abs(ours - reference.predict_proba(X)[:, 1]).max() < 1e-6
    assert ours[y].mean() > ours[~y].mean() + 0.1  # the trees learnt the label, not a constant


def test_more_similarity_never_lowers_the_score_and_more_conflict_never_raises_it():
    X, y = synthetic()
    model = {**fit_matcher.fit_mono(X, y, np.ones(len(y))), "features": list(fit_matcher.SCORED)}
    base = dict(zip(fit_matcher.SCORED, X[0]))
    for feature, direction in (("cos_max", 1), ("win_cov", 1), ("conflict_cov", -1)):
        scores = [predict(model, {**base, feature: v}) for v in np.linspace(0, 1, 21)]
        steps = np.diff(scores) * direction
        assert (steps >= -1e-12).all(), feature
        assert scores[-1] != scores[0], feature  # the feature is used, so the check could fail
