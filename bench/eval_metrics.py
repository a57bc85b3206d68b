"""Metrics of one system on one set: labels and predictions in, numbers out (numpy only).

Binary metrics take ``supported`` as positive and every other label as
negative (the WiCE / LLM-AggreFact framing). ``contradicted`` counts as
``not_supported`` in 3-way accuracy, and is scored on its own against
``label_fine``. A metric that is undefined on the data (no positives, a
verdict that never fires) is NaN, never a made-up 0 or 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

NAN = float("nan")
LABELS3 = ("supported", "partially_supported", "not_supported")
Labels = Sequence[str] | np.ndarray  # label or verdict strings


def balanced_accuracy(y: np.ndarray, pred: np.ndarray) -> float:
    """Mean of the recall of positives and of negatives (both bool arrays); NaN if a class is absent."""
    y, pred = np.asarray(y, bool), np.asarray(pred, bool)
    if y.all() or not y.any():
        return NAN
    return float((pred[y].mean() + (~pred[~y]).mean()) / 2)


def auroc(y: np.ndarray, score: np.ndarray) -> float:
    """Probability that a random positive scores above a random negative (ties count half)."""
    y, score = np.asarray(y, bool), np.asarray(score, np.float64)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if not n_pos or not n_neg:
        return NAN
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    sorted_scores = score[order]
    # average rank (1-based) over each run of tied scores
    starts = np.flatnonzero(np.r_[True, sorted_scores[1:] != sorted_scores[:-1]])
    ends = np.r_[starts[1:], len(score)]
    for s, e in zip(starts, ends):
        ranks[order[s:e]] = (s + 1 + e) / 2
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def to_label3(verdicts: Labels) -> np.ndarray:
    """Verdicts or fine labels as 3-way labels: contradicted becomes not_supported."""
    return np.array(["not_supported" if v == "contradicted" else v for v in verdicts], dtype=object)


def accuracy_3way(labels: Labels, verdicts: Labels) -> float:
    """Share of pairs whose verdict is the label, with supported / partially / not supported."""
    if not len(labels):
        return NAN
    return float((to_label3(labels) == to_label3(verdicts)).mean())


def contradicted_precision_recall(label_fine: Labels, verdicts: Labels) -> tuple[float, float]:
    """(precision, recall) of the ``contradicted`` verdict against ``label_fine``."""
    gold = np.array([v == "contradicted" for v in label_fine], bool)
    fired = np.array([v == "contradicted" for v in verdicts], bool)
    precision = float(gold[fired].mean()) if fired.any() else NAN
    recall = float(fired[gold].mean()) if gold.any() else NAN
    return precision, recall


def expected_calibration_error(y: np.ndarray, score: np.ndarray, bins: int = 10) -> float:
    """Sum over equal-width score bins of |mean score - share positive|, weighted by the bin's size.

    Bin i holds scores in [i/bins, (i+1)/bins); a score of 1.0 falls in the last bin."""
    y, score = np.asarray(y, np.float64), np.asarray(score, np.float64)
    if not len(y):
        return NAN
    index = np.clip((score * bins).astype(int), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        members = index == b
        if members.any():
            total += members.sum() * abs(score[members].mean() - y[members].mean())
    return float(total / len(y))


def review_stats(y: np.ndarray, pred: np.ndarray, needs_review: np.ndarray) -> tuple[float, float]:
    """(share of pairs flagged, accuracy of supported-vs-rest among the pairs NOT flagged)."""
    y, pred, flag = np.asarray(y, bool), np.asarray(pred, bool), np.asarray(needs_review, bool)
    if not len(y):
        return NAN, NAN
    kept = ~flag
    accuracy = float((y[kept] == pred[kept]).mean()) if kept.any() else NAN
    return float(flag.mean()), accuracy


def set_metrics(labels: Labels, label_fine: Labels, score: np.ndarray,
                verdicts: Labels, needs_review: np.ndarray) -> dict[str, float]:
    """Every metric of the harness for one set (keys are the JSON keys)."""
    y = np.array([lab == "supported" for lab in labels], bool)
    pred = np.array([v == "supported" for v in verdicts], bool)
    score = np.asarray(score, np.float64)
    flag = np.asarray(needs_review, bool)
    # a set that never labels contradicted (WiCE) can only bound the precision: a fire on a
    # not_supported pair may be right, one on a (partially) supported pair is wrong
    annotated = any(lab == "contradicted" for lab in label_fine)
    gold = label_fine if annotated else ["contradicted" if lab == "not_supported" else lab for lab in labels]
    contra_p, contra_r = contradicted_precision_recall(gold, verdicts)
    outside = ~flag
    contra_p_out, _ = contradicted_precision_recall(np.asarray(gold, object)[outside],
                                                    np.asarray(verdicts, object)[outside])
    share, acc_out = review_stats(y, pred, flag)
    return {
        "n": int(len(y)),
        "balanced_accuracy": balanced_accuracy(y, pred),
        "auroc": auroc(y, score),
        "accuracy_3way": accuracy_3way(labels, verdicts),
        "contradicted_precision": contra_p,
        "contradicted_recall": contra_r if annotated else NAN,
        "contradicted_precision_is_upper_bound": not annotated,
        "contradicted_fired": int(sum(v == "contradicted" for v in verdicts)),
        "ece": expected_calibration_error(y, score),
        "needs_review_share": share,
        "accuracy_outside_review": acc_out,
        "contradicted_precision_outside_review": contra_p_out,
        # the contract: verdict == "supported" exactly when score >= 0.5
        "score_verdict_mismatches": int(((score >= 0.5) != pred).sum()),
    }


def bootstrap_sd(y: np.ndarray, pred: np.ndarray, rounds: int = 1000, seed: int = 0) -> float:
    """Standard deviation of balanced accuracy over bootstrap resamples of the pairs (its noise)."""
    y, pred = np.asarray(y, bool), np.asarray(pred, bool)
    if y.all() or not y.any():
        return NAN
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(rounds):
        idx = rng.integers(0, len(y), len(y))
        value = balanced_accuracy(y[idx], pred[idx])
        if value == value:
            values.append(value)
    return float(np.std(values))
