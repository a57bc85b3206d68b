"""Stage 4 of the default matcher: features -> the probability of support -> a verdict.

The scorer's parameters live in ``factcheck/data/matcher_weights.json``,
written by ``bench/fit_matcher.py`` (the file says what it was trained on and
how it scored when left out). Two forms are read, both in plain numpy:

- ``"kind": "logistic"``: standardised features, coefficients, intercept;
- ``"kind": "trees"``: gradient-boosted regression trees on the log-odds
  (``base`` + ``rate`` x the sum of the trees' leaves), each tree as flat
  arrays (``feature``, ``threshold``, ``left``, ``right``, ``value``; a leaf
  has ``feature`` -1), exported from scikit-learn so the runtime needs none.

``score`` is the probability that the source supports the claim, fitted with
class-balanced weights so that 0.5 is the cut that best balances the two kinds
of error. It decides (``decide``): ``supported`` exactly when it is at least
0.5; below, ``contradicted`` when a contradiction cue fired and the score is
under ``contradiction_max`` (chosen so that the verdict is right at least 80%
of the time on the training sets), ``not_supported`` when the page states too
little of the claim, ``partially_supported`` from ``t_partial``, else
``not_supported``. ``needs_review`` marks scores in ``review`` = [lo, hi),
the band where verdicts are too often wrong (chosen so that at least 90% of the
verdicts outside it are right, out of sample; a claim on a page in another
language has its own band, ``review_cross``), and ``supported`` verdicts whose
evidence is pieced together from ``review_pieces`` sentences. No rule clamps the score.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

import numpy as np

from ..errors import MatcherError

__all__ = ["WEIGHTS_FILE", "load_weights", "weights_text", "predict", "decide", "needs_review", "review_reason", "check_weights",
           "SUPPORTED"]

WEIGHTS_FILE = "matcher_weights.json"
SUPPORTED = 0.5  # the score from which a verdict is `supported`, by the contract of Verdict.score


def _logit_logistic(weights: dict, x: np.ndarray) -> float:
    z = (x - np.asarray(weights["mean"])) / np.asarray(weights["std"])
    return float(z @ np.asarray(weights["coef"]) + weights["intercept"])


def _logit_trees(weights: dict, x: np.ndarray) -> float:
    total = 0.0
    for tree in weights["trees"]:
        feature, threshold, left, right, value = (tree["feature"], tree["threshold"], tree["left"],
                                                  tree["right"], tree["value"])
        node = 0
        while feature[node] >= 0:
            node = left[node] if x[feature[node]] <= threshold[node] else right[node]
        total += value[node]
    return float(weights["base"] + weights["rate"] * total)


def predict(weights: dict, feats: dict[str, float]) -> float:
    """The probability that the source supports the claim."""
    x = np.array([feats[f] for f in weights["features"]], dtype=np.float64)
    logit = _logit_trees(weights, x) if weights.get("kind") == "trees" else _logit_logistic(weights, x)
    return 1.0 / (1.0 + math.exp(-max(min(logit, 40.0), -40.0)))


KEY_MIN = 0.5  # share of the claim's names, numbers and dates a page must state to support it even in part
COVER_PARTIAL = 0.2  # share of the claim the evidence must state to support it even in part


def decide(p: float, weights: dict, contradiction: str = "", feats: dict[str, float] | None = None) -> tuple[str, str]:
    """(verdict, reason) for the score ``p``; ``supported`` exactly when ``p >= 0.5``.

    Below 0.5 the score has said "not supported"; what remains is which kind:
    ``contradicted`` on a contradiction cue; ``not_supported`` when the page
    states fewer than half of the claim's names, numbers and dates or the
    evidence under a fifth of the claim (a gardening page does not partly
    support "Musk planted a garden at OpenAI in 2016", nor does a page that lost
    the cited sentence but still names OpenAI); else ``partially_supported``
    from ``t_partial``. These rules never change the score."""
    if p >= SUPPORTED:
        return "supported", ""
    if contradiction and p < weights.get("contradiction_max", 0.0):
        return "contradicted", contradiction
    if feats is not None and feats.get("key_doc", 1.0) < KEY_MIN:
        return "not_supported", "the source states too few of the claim's names, numbers and dates"
    if feats is not None and feats.get("cov_set", 1.0) < COVER_PARTIAL:
        return "not_supported", "the evidence states too little of what the claim says"
    if p >= weights.get("t_partial", 0.25):
        return "partially_supported", ""
    return "not_supported", ""


def review_reason(p: float, weights: dict, feats: dict[str, float] | None = None) -> str:
    """Why a person should check the verdict for the score ``p`` ("" when there is no need): the score is in
    the ``review`` band (``review_cross`` for a claim on a page in another language), or the claim is called
    supported on evidence pieced together from ``review_pieces`` sentences or more, or on a sentence that may
    say it of someone else (``said_of_another``). A short claim whose words each come from a different sentence
    is the supported verdict most often wrong ("Arsenal won the league title in 1998" from a sentence naming
    Arsenal and a table dated December 1998): 12 of 29 right at scores above the band, leave-one-set-out on
    FactCheck-GPT."""
    cross = weights.get("review_cross") if feats is not None and feats.get("cross_lingual") else None
    lo, hi = cross or weights.get("review", (SUPPORTED, SUPPORTED))
    if lo <= p < hi:
        return "uncertain"
    pieces = weights.get("review_pieces")
    if pieces and feats is not None and p >= SUPPORTED and feats.get("n_evidence", 0.0) >= pieces:
        return f"the evidence is pieced together from {int(feats['n_evidence'])} sentences"
    if weights.get("review_roles") and feats is not None and p >= SUPPORTED and said_of_another(feats):
        return "the evidence may say this of someone else"
    return ""


def said_of_another(feats: dict[str, float]) -> bool:
    """The sentence that states most of the claim opens with another name (``other_subject``), or gives its
    doer and undergoer the other way round (``roles_swapped``), or has another name in place of one of its names
    (``name_swapped``): a supported verdict a person should check."""
    return (feats.get("other_subject", 0.0) >= 0.5 or feats.get("roles_swapped", 0.0) > 0
            or feats.get("name_swapped", 0.0) > 0)


def needs_review(p: float, weights: dict, feats: dict[str, float] | None = None) -> bool:
    return bool(review_reason(p, weights, feats))


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
