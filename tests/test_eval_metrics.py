"""The evaluation harness's metrics (bench/eval_metrics.py) on small cases computed by hand."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from eval_metrics import (  # noqa: E402
    accuracy_3way,
    auroc,
    balanced_accuracy,
    bootstrap_sd,
    contradicted_precision_recall,
    expected_calibration_error,
    review_stats,
    set_metrics,
)

T, F = True, False


def test_balanced_accuracy_averages_the_recall_of_each_class():
    # positives: 2 of 3 found; negatives: 1 of 1 rejected -> (2/3 + 1) / 2
    assert balanced_accuracy(np.array([T, T, T, F]), np.array([T, F, T, F])) == pytest.approx(5 / 6)
    # always "supported": recall 1 on positives, 0 on negatives
    assert balanced_accuracy(np.array([T, F, F, F]), np.array([T, T, T, T])) == pytest.approx(0.5)


def test_balanced_accuracy_is_undefined_without_both_classes():
    assert math.isnan(balanced_accuracy(np.array([T, T]), np.array([T, F])))


def test_auroc_counts_correctly_ordered_pairs():
    # positive/negative pairs: (.9,.5) ok, (.9,.1) ok, (.4,.5) wrong, (.4,.1) ok -> 3/4
    assert auroc(np.array([1, 1, 0, 0]), np.array([0.9, 0.4, 0.5, 0.1])) == pytest.approx(0.75)


def test_auroc_counts_a_tie_as_half():
    assert auroc(np.array([1, 0]), np.array([0.5, 0.5])) == pytest.approx(0.5)
    # (.3 vs .3) tie = 0.5, (.7 vs .3) = 1 -> 0.75
    assert auroc(np.array([1, 1, 0]), np.array([0.3, 0.7, 0.3])) == pytest.approx(0.75)
    assert auroc(np.array([0, 1, 0, 1]), np.array([0.2, 0.2, 0.2, 0.9])) == pytest.approx((2 * 0.5 + 2) / 4)


def test_auroc_is_undefined_with_one_class():
    assert math.isnan(auroc(np.array([0, 0]), np.array([0.1, 0.2])))


def test_three_way_accuracy_counts_contradicted_as_not_supported():
    labels = ["not_supported", "supported", "partially_supported", "not_supported"]
    verdicts = ["contradicted", "partially_supported", "partially_supported", "supported"]
    assert accuracy_3way(labels, verdicts) == pytest.approx(0.5)


def test_contradicted_precision_and_recall_against_fine_labels():
    fine = ["contradicted", "contradicted", "not_supported", "supported"]
    verdicts = ["contradicted", "not_supported", "contradicted", "contradicted"]
    precision, recall = contradicted_precision_recall(fine, verdicts)
    assert precision == pytest.approx(1 / 3)
    assert recall == pytest.approx(1 / 2)


def test_contradicted_precision_is_undefined_when_it_never_fires():
    precision, recall = contradicted_precision_recall(["contradicted", "supported"], ["not_supported", "supported"])
    assert math.isnan(precision)
    assert recall == 0.0


def test_calibration_error_weights_each_bin_by_its_size():
    # bin 9: scores .95,.95 vs 1 of 2 positive -> .45 x 2; bin 1: .15 vs 1 -> .85; bin 0: .05 vs 1 -> .95
    y = np.array([1, 0, 1, 1])
    score = np.array([0.95, 0.95, 0.15, 0.05])
    assert expected_calibration_error(y, score) == pytest.approx((0.9 + 0.85 + 0.95) / 4)


def test_calibration_error_is_zero_when_scores_match_frequencies():
    assert expected_calibration_error(np.array([1, 0, 0, 0]), np.full(4, 0.25)) == pytest.approx(0.0)
    assert expected_calibration_error(np.array([1]), np.array([1.0])) == pytest.approx(0.0)  # 1.0: last bin


def test_review_share_and_accuracy_of_the_verdicts_not_flagged():
    y = np.array([T, T, F, F])
    pred = np.array([T, F, F, T])  # the two wrong verdicts are the two flagged
    share, accuracy = review_stats(y, pred, np.array([F, T, F, T]))
    assert share == pytest.approx(0.5)
    assert accuracy == pytest.approx(1.0)
    share, accuracy = review_stats(y, pred, np.array([F, F, F, F]))
    assert (share, accuracy) == (0.0, pytest.approx(0.5))


def test_set_metrics_bounds_contradicted_precision_on_a_set_without_contradiction_labels():
    # WiCE-like: no label_fine is contradicted; a fire on not_supported may be right, on supported is wrong
    labels = ["not_supported", "supported", "supported"]
    m = set_metrics(labels, labels, np.array([0.1, 0.1, 0.9]), ["contradicted", "contradicted", "supported"],
                    np.zeros(3, bool))
    assert m["contradicted_precision"] == pytest.approx(0.5)
    assert m["contradicted_precision_is_upper_bound"] is True
    assert math.isnan(m["contradicted_recall"])
    assert m["contradicted_fired"] == 2


def test_set_metrics_counts_verdicts_that_break_the_score_contract():
    labels = ["supported", "not_supported"]
    m = set_metrics(labels, labels, np.array([0.6, 0.4]), ["partially_supported", "not_supported"],
                    np.zeros(2, bool))
    assert m["score_verdict_mismatches"] == 1
    assert m["balanced_accuracy"] == pytest.approx(0.5)  # judged by the verdict


def test_bootstrap_sd_is_zero_for_perfect_verdicts_and_positive_otherwise():
    y = np.array([T, F] * 20)
    assert bootstrap_sd(y, y, rounds=50) == pytest.approx(0.0)
    assert bootstrap_sd(y, np.array([T, T, F, F] * 10), rounds=50) > 0.01
