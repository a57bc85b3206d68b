"""Stage 4 of the default matcher: features -> the probability of support -> a verdict.

The scorer's parameters live in ``factcheck/data/matcher_weights.json``
(written by ``bench/fit_matcher.py``, which says in the file how they were
made). ``predict(weights, features)`` gives the probability; ``decide`` turns
it into a verdict.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

import numpy as np

from ..errors import MatcherError

__all__ = ["WEIGHTS_FILE", "load_weights", "weights_text", "predict", "decide", "verdict_cap", "check_weights"]

WEIGHTS_FILE = "matcher_weights.json"
COVER_SUPPORTED = 0.5  # weighted share of the claim's parts the evidence must state to support it
WORDS_SUPPORTED = 0.3  # ... and of its words other than names, numbers and dates
COVER_PARTIAL = 0.2  # ... to support it even in part
KEY_MIN = 0.5  # share of the claim's key parts (names, numbers, dates, quotes) a page must state


def decide(p: float, feats: dict[str, float], weights: dict, contradiction: str = "") -> tuple[str, float, str]:
    """Score -> (verdict, score, reason). Thresholds from CV, then two rules on the claim's key parts.

    Key parts are its names, quotes, numbers and dates. A claim fewer than half
    of whose key parts the page states anywhere is not supported (a gardening
    page does not partly support "Musk planted a garden at OpenAI in 2016", nor
    does a page that lost the cited sentence but still names OpenAI); a claim
    one of whose key parts the page never states is at most partially
    supported. On WiCE dev (nested CV) the rules raise 3-way balanced accuracy
    0.56 -> 0.60 and 3-way accuracy 0.62 -> 0.63 for 0.006 of binary balanced
    accuracy. The score is capped to stay consistent with the verdict.
    """
    t_sup, t_part = weights["t_supported"], weights["t_partial"]
    if contradiction:
        return "contradicted", min(p, 0.2), contradiction
    cap, why = verdict_cap(feats)
    if cap == 2:
        return "not_supported", min(p, t_part * 0.99), why
    verdict = "supported" if p >= t_sup else "partially_supported" if p >= t_part else "not_supported"
    if verdict == "supported" and cap == 1:
        return "partially_supported", min(p, t_sup * 0.99), why
    return verdict, p, ""


def verdict_cap(feats: dict[str, float]) -> tuple[int, str]:
    """The strongest verdict the claim's coverage allows: 0 supported, 1 partially, 2 not supported."""
    if feats["key_doc"] < KEY_MIN:
        return 2, "the source states too few of the claim's names, numbers and dates"
    if feats["cov_set"] < COVER_PARTIAL:
        return 2, "the evidence states too little of what the claim says"
    if feats["key_doc"] < 1:
        return 1, "the source does not state all of the claim's names, numbers and dates"
    if feats["cov_set"] < COVER_SUPPORTED or feats["cov_words"] < WORDS_SUPPORTED:
        return 1, "the evidence states only part of what the claim says"
    return 0, ""


def predict(weights: dict, feats: dict[str, float]) -> float:
    x = np.array([feats[f] for f in weights["features"]], dtype=np.float64)
    z = (x - np.array(weights["mean"])) / np.array(weights["std"])
    logit = float(z @ np.array(weights["coef"]) + weights["intercept"])
    return 1.0 / (1.0 + math.exp(-max(min(logit, 40.0), -40.0)))


@lru_cache(maxsize=1)
def weights_text() -> str:
    try:
        return resources.files("factcheck").joinpath("data", WEIGHTS_FILE).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise MatcherError(f"the default matcher's weights ({WEIGHTS_FILE}) are missing from the "
                           "installed package; reinstall factcheck") from exc


def load_weights() -> dict:
    return json.loads(weights_text())


def check_weights(weights: dict, known: tuple[str, ...]) -> None:
    unknown = set(weights["features"]) - set(known)
    if unknown:
        raise MatcherError(f"the matcher weights name features this code does not compute "
                           f"({', '.join(sorted(unknown))}); refit with bench/fit_matcher.py --write")
