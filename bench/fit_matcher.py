"""Fit the default matcher's scorer on WiCE dev and write factcheck/data/matcher_weights.json.

    PYTHONPATH=. python bench/fit_matcher.py [--data bench/data/wice/dev.jsonl] [--write]

Steps: compute the matcher's features for every dev pair (same code path as
``factcheck match``), then fit an L2 logistic regression (numpy, Newton) for
"supported vs the rest". The L2 strength and both thresholds (supported /
partially_supported / not_supported) are chosen by cross-validation on the
training data only. The script prints nested cross-validated metrics (the
honest estimate), then fits on all of dev and, with ``--write``, writes the
weights file the package ships.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.match.batch import pair_to_inputs  # noqa: E402
from factcheck.match.default import FEATURES, DefaultMatcher, verdict_cap  # noqa: E402

DEFAULT_DATA = ROOT / "bench" / "data" / "wice" / "dev.jsonl"
WEIGHTS_PATH = ROOT / "factcheck" / "data" / "matcher_weights.json"
LAMBDAS = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0)
LABELS3 = ("supported", "partially_supported", "not_supported")


# ------------------------------------------------------------------ data
def load_wice(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def wice_pair(row: dict) -> dict:
    """A WiCE row as a batch input line; context = article title, then the text before the claim."""
    context = "\n".join(x for x in (row.get("claim_title") or "", row.get("claim_context") or "") if x)
    return {"id": row["id"], "claim": row["claim"], "source_text": row["source_text"], "context": context}


def featurize(rows: list[dict], matcher: DefaultMatcher | None = None) -> np.ndarray:
    matcher = matcher or DefaultMatcher(weights=placeholder_weights())
    out = []
    for row in rows:
        claim, doc = pair_to_inputs(wice_pair(row))
        a = matcher.analyse(claim, doc)
        out.append([a.features[f] for f in FEATURES])
    return np.array(out, dtype=np.float64)


def placeholder_weights() -> dict:
    n = len(FEATURES)
    return {"features": list(FEATURES), "mean": [0.0] * n, "std": [1.0] * n, "coef": [0.0] * n,
            "intercept": 0.0, "t_supported": 0.5, "t_partial": 0.25}


# ------------------------------------------------------------------ model
def fit_lr(X: np.ndarray, y: np.ndarray, lam: float) -> dict:
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    std[std < 1e-9] = 1.0
    Z = np.hstack([(X - mean) / std, np.ones((len(X), 1))])
    w = np.zeros(Z.shape[1])
    reg = np.full(Z.shape[1], lam)
    reg[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(Z @ w, -40, 40)))
        g = Z.T @ (p - y) + reg * w
        H = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(reg + 1e-9)
        step = np.linalg.solve(H, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"mean": mean, "std": std, "coef": w[:-1], "intercept": w[-1]}


def predict_lr(model: dict, X: np.ndarray) -> np.ndarray:
    z = ((X - model["mean"]) / model["std"]) @ model["coef"] + model["intercept"]
    return 1 / (1 + np.exp(-np.clip(z, -40, 40)))


# ------------------------------------------------------------------ metrics
def auroc(y: np.ndarray, s: np.ndarray) -> float:
    pos, neg = s[y == 1], s[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    allv = np.concatenate([pos, neg])[order]
    # average ranks for ties
    i = 0
    r = np.empty(len(allv))
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1] == allv[i]:
            j += 1
        r[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    ranks[order] = r
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def balanced_accuracy(y: np.ndarray, pred: np.ndarray) -> float:
    tpr = (pred[y == 1] == 1).mean() if (y == 1).any() else 0.0
    tnr = (pred[y == 0] == 0).mean() if (y == 0).any() else 0.0
    return float((tpr + tnr) / 2)


def f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float(((pred == 1) & (y == 1)).sum())
    fp = float(((pred == 1) & (y == 0)).sum())
    fn = float(((pred == 0) & (y == 1)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def three_way(scores: np.ndarray, t_sup, t_part, key_doc: np.ndarray | None = None,
              contradicted: np.ndarray | None = None) -> np.ndarray:
    """0 supported, 1 partially, 2 not (or contradicted): thresholds, then the rules of default.decide()."""
    pred = np.where(scores >= t_sup, 0, np.where(scores >= t_part, 1, 2))
    if key_doc is not None:  # the caps of default.verdict_cap()
        pred = np.maximum(pred, key_doc)
    if contradicted is not None:
        pred = np.where(contradicted, 2, pred)
    return pred


def best_thresholds(y3: np.ndarray, s: np.ndarray, key_doc: np.ndarray | None = None) -> tuple[float, float]:
    """t_supported maximises balanced accuracy (supported vs rest); t_partial then 3-way accuracy."""
    y = (y3 == 0).astype(int)
    cands = np.unique(s)
    best_t, best_ba = 0.5, -1.0
    for t in cands:
        ba = balanced_accuracy(y, (three_way(s, t, 0.0, key_doc) == 0).astype(int))
        if ba > best_ba + 1e-12:
            best_ba, best_t = ba, float(t)
    best_p, best_acc = 0.0, -1.0
    for t in np.concatenate([[0.0], cands[cands < best_t]]):
        acc = float((three_way(s, best_t, t, key_doc) == y3).mean())
        if acc > best_acc + 1e-12:
            best_acc, best_p = acc, float(t)
    return best_t, best_p


def folds(y3: np.ndarray, k: int, seed: int) -> list[np.ndarray]:
    """Stratified k folds (by 3-way label)."""
    rng = np.random.default_rng(seed)
    buckets: list[list[int]] = [[] for _ in range(k)]
    for label in np.unique(y3):
        ids = np.flatnonzero(y3 == label)
        rng.shuffle(ids)
        for n, i in enumerate(ids):
            buckets[n % k].append(int(i))
    return [np.array(sorted(b), dtype=int) for b in buckets]


def select_and_fit(X: np.ndarray, y3: np.ndarray, seed: int = 0, k: int = 5) -> dict:
    """Choose lambda and thresholds by inner CV on (X, y3); then fit on all of it."""
    y = (y3 == 0).astype(float)
    inner = folds(y3, k, seed + 1000)
    best = None
    for lam in LAMBDAS:
        oof = np.zeros(len(y))
        for f in inner:
            train = np.setdiff1d(np.arange(len(y)), f)
            oof[f] = predict_lr(fit_lr(X[train], y[train], lam), X[f])
        a = auroc(y, oof)
        if best is None or a > best[0]:
            best = (a, lam, oof)
    assert best is not None
    _, lam, oof = best
    t_sup, t_part = best_thresholds(y3, oof, key_doc_of(X))
    model = fit_lr(X, y, lam)
    model.update(lam=lam, t_supported=t_sup, t_partial=t_part)
    return model


def key_doc_of(X: np.ndarray) -> np.ndarray:
    """Per pair, the strongest verdict default.verdict_cap() allows (0, 1 or 2)."""
    return np.array([verdict_cap(dict(zip(FEATURES, row)))[0] for row in X])


def metrics(y3: np.ndarray, scores: np.ndarray, t_sup: float | np.ndarray, t_part: float | np.ndarray,
            contradicted: np.ndarray | None = None, key_doc: np.ndarray | None = None) -> dict:
    y = (y3 == 0).astype(int)
    pred3 = three_way(scores, t_sup, t_part, key_doc, contradicted)
    pred = (pred3 == 0).astype(int)
    # the scores the matcher outputs: capped where a rule overrode the thresholds (default.decide)
    scores = scores.copy()
    if key_doc is not None:
        scores = np.where(key_doc == 2, np.minimum(scores, np.asarray(t_part) * 0.99), scores)
        scores = np.where((key_doc == 1) & (scores >= t_sup), np.minimum(scores, np.asarray(t_sup) * 0.99), scores)
    if contradicted is not None:
        scores = np.where(contradicted, np.minimum(scores, 0.2), scores)
    return {"auroc": auroc(y, scores), "balanced_accuracy": balanced_accuracy(y, pred), "f1": f1(y, pred),
            "accuracy_3way": float((pred3 == y3).mean()),
            "balanced_accuracy_3way": float(np.mean([(pred3[y3 == c] == c).mean() for c in range(3)]))}


def cross_validate(X: np.ndarray, y3: np.ndarray, repeats: int = 3, k: int = 5,
                   contradicted: np.ndarray | None = None) -> dict:
    """Nested CV: for each outer fold, lambda and thresholds chosen on the other folds only."""
    runs = []
    for r in range(repeats):
        scores = np.zeros(len(y3))
        t_sup = np.zeros(len(y3))
        t_part = np.zeros(len(y3))
        for f in folds(y3, k, r):
            train = np.setdiff1d(np.arange(len(y3)), f)
            model = select_and_fit(X[train], y3[train], seed=r)
            scores[f] = predict_lr(model, X[f])
            t_sup[f] = model["t_supported"]
            t_part[f] = model["t_partial"]
        runs.append(metrics(y3, scores, t_sup, t_part, contradicted, key_doc_of(X)))
    keys = runs[0].keys()
    return {key: (float(np.mean([m[key] for m in runs])), float(np.std([m[key] for m in runs]))) for key in keys}


def labels3(rows: list[dict]) -> np.ndarray:
    return np.array([LABELS3.index(r["label"]) for r in rows])


def to_weights(model: dict, cv: dict | None = None, n: int = 0) -> dict:
    return {
        "model": "logistic regression, supported vs rest, fitted on WiCE dev by bench/fit_matcher.py",
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in model["mean"]],
        "std": [round(float(v), 6) for v in model["std"]],
        "coef": [round(float(v), 6) for v in model["coef"]],
        "intercept": round(float(model["intercept"]), 6),
        "lambda": model["lam"],
        "t_supported": round(float(model["t_supported"]), 6),
        "t_partial": round(float(model["t_partial"]), 6),
        "trained_on": f"WiCE dev, {n} claim-source pairs",
        "cv": {k: [round(v[0], 4), round(v[1], 4)] for k, v in (cv or {}).items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--write", action="store_true", help=f"write {WEIGHTS_PATH.relative_to(ROOT)}")
    ap.add_argument("--features-cache", type=Path, default=None, help="npy file to reuse features")
    args = ap.parse_args()
    rows = load_wice(args.data)
    y3 = labels3(rows)
    if args.features_cache and args.features_cache.exists():
        X = np.load(args.features_cache)
    else:
        t0 = time.perf_counter()
        X = featurize(rows)
        print(f"features: {len(rows)} pairs in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        if args.features_cache:
            np.save(args.features_cache, X)
    cv = cross_validate(X, y3)
    print("nested 5-fold CV x3 (mean, sd):")
    for key, (m, s) in cv.items():
        print(f"  {key:18s} {m:.3f} ± {s:.3f}")
    model = select_and_fit(X, y3)
    ins = metrics(y3, predict_lr(model, X), model["t_supported"], model["t_partial"], key_doc=key_doc_of(X))
    print(f"shipped model (lambda={model['lam']}), IN-SAMPLE on dev: "
          + ", ".join(f"{k}={v:.3f}" for k, v in ins.items()))
    for name, c in sorted(zip(FEATURES, model["coef"]), key=lambda x: -abs(x[1])):
        print(f"  {name:16s} {c:+.3f}")
    if args.write:
        WEIGHTS_PATH.parent.mkdir(parents=True, exist_ok=True)
        WEIGHTS_PATH.write_text(json.dumps(to_weights(model, cv, len(rows)), indent=1) + "\n")
        print(f"wrote {WEIGHTS_PATH}")


if __name__ == "__main__":
    main()
