"""The default matcher: retrieval, claim-part coverage, contradiction cues and a fitted scorer. CPU only.

For one claim and one source, four stages, each its own module with a frozen
record between them:

1. **Retrieve** (``retrieve``): every sentence ranked by BM25; the best
   embedded with multilingual USE (``embed``; cached per source through the
   ``VectorStore``) and ranked again by cosine plus BM25.
2. **Cover** (``cover``): the claim's parts (quotes, numbers and dates, names,
   content words) looked for in the candidate sentences; evidence chosen
   greedily, up to three sentences. Parts not covered become ``Verdict.missing``.
   A Chinese claim on a page in another language is also glossed into English
   (``gloss``, CC-CEDICT): its window share, its key parts and a cosine of its
   word-by-word rendering are measured in English terms.
3. **Contradict** (``contradict``): a conflicting number or date in a sentence
   about the same thing, a negation or antonym in the best sentence,
   refutation wording.
4. **Score** (``features`` then ``score``): the features of 1-3 go through the
   fitted scorer (``factcheck/data/matcher_weights.json``) to the probability
   that the source supports the claim, which decides the verdict.

A leading pronoun ("He founded ...") is resolved from the claim's ``context``
(its first name, usually the article's subject) before retrieval.

``DefaultMatcher`` is also the ``Retriever`` the LLM and NLI tiers use
(``candidates(claim, document)``).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field, replace

import numpy as np

from ..models import Claim, Document, Evidence, Verdict
from .contradict import Cues, contradict
from .cover import FOUND, Coverage, cover
from .embed import SentenceVectors, blas_threads
from .features import FEATURES, empty_features, features
from .fold import fold, matchable
from .retrieve import (
    POOL,
    Candidates,
    ClaimInfo,
    DocIndex,
    Retrieval,
    build_index,
    prepare_claim,
    retrieve,
    without_own_attribution,
)
from .score import check_weights, decide, load_weights, predict, review_reason
from .text import cjk_ratio, statement

__all__ = ["DefaultMatcher", "FEATURES", "Analysis", "load_weights"]

#: relevance (cosine + 0.5 normalised BM25) from which a sentence counts as about the claim; an
#: unrelated sentence of a short page can still be the best one (0.23 for a prompt injection)
RELEVANT = 0.3


@dataclass(frozen=True)
class Analysis:
    """Everything the stages found for one claim and one source."""

    features: dict[str, float]
    evidence: tuple[int, ...]  # sentence indices, in document order
    sentence_scores: dict[int, float]
    missing: tuple[str, ...]
    found: int
    checkable: int
    contradiction: str = ""  # why the claim is contradicted (the verdict's cue), if it is
    conflict: str = ""  # a sign that the source says otherwise (lowers the score; shown)
    ranked: tuple[int, ...] = ()  # best sentences by retrieval score, best first (top 30)
    relevance: dict[int, float] = field(default_factory=dict)  # retrieval score of the ranked sentences


def folded_claim(claim: Claim) -> Claim:
    """``claim`` with its text, translation and context folded and composed as the page is (``fold``: full-width,
    traditional; ``matchable``: NFC, no soft hyphens, no citation markers), the text and translation without a
    list's bullet, Markdown or web addresses (``text.statement``)."""
    text = matchable(fold(statement(claim.text)))
    translation = matchable(fold(statement(claim.translation))) if claim.translation else claim.translation
    context = matchable(fold(claim.context)) if claim.context else claim.context
    if (text, translation, context) == (claim.text, claim.translation, claim.context):
        return claim
    return replace(claim, text=text, translation=translation, context=context)


#: how many sources' indexes ``DefaultMatcher`` keeps, and how many sentences they may hold together
INDEX_CACHE_DOCS = 16
INDEX_CACHE_SENTENCES = 40_000


def _doc_key(doc: Document) -> str:
    return doc.sha256 or hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


class DefaultMatcher:
    name = "default"

    def __init__(self, store=None, weights: dict | None = None) -> None:
        self.vectors = SentenceVectors(store)
        self.weights = weights if weights is not None else load_weights()
        check_weights(self.weights, FEATURES)
        self._index: OrderedDict[str, DocIndex] = OrderedDict()
        self._claims: OrderedDict[tuple, ClaimInfo] = OrderedDict()
        self._claim_vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    # -- caches ----------------------------------------------------------
    def index(self, doc: Document) -> DocIndex:
        key = _doc_key(doc)
        idx = self._index.get(key)
        if idx is None or idx.n != len(doc.sentences):
            idx = build_index(doc)
            self._index[key] = idx
            self._index.move_to_end(key)  # a rebuilt entry keeps its old place otherwise, and could be evicted first
            # bounded by count and by size: the pipeline matches one source at a time, so what is kept serves
            # ``factcheck match`` and re-check; a 1M-character Chinese page's index holds ~60 MB, and sixteen of
            # them would pass the 600 MB the matcher may use. The index just built is always kept.
            kept = sum(i.n for i in self._index.values())
            while len(self._index) > 1 and (len(self._index) > INDEX_CACHE_DOCS or kept > INDEX_CACHE_SENTENCES):
                kept -= self._index.popitem(last=False)[1].n
        else:
            self._index.move_to_end(key)
        return idx

    def claim_info(self, claim: Claim, cross: bool) -> ClaimInfo:
        key = (claim.query, claim.context, cross)
        info = self._claims.get(key)
        if info is None:
            info = prepare_claim(claim, cross)
            self._claims[key] = info
            while len(self._claims) > 64:
                self._claims.popitem(last=False)
        return info

    def _retrieve(self, info: ClaimInfo, idx: DocIndex, doc: Document, cross: bool) -> Retrieval:
        r = retrieve(info, idx, self.vectors, _doc_key(doc), cross, self._claim_vectors.get(info.text))
        self._claim_vectors[info.text] = r.claim_vector
        while len(self._claim_vectors) > 64:
            self._claim_vectors.popitem(last=False)
        return r

    # -- stages ------------------------------------------------------------
    def analyse(self, claim: Claim, doc: Document) -> Analysis:
        with blas_threads():
            return self._analyse(claim, doc)

    def _analyse(self, claim: Claim, doc: Document) -> Analysis:
        claim = folded_claim(claim)  # full-width forms and traditional Chinese folded, as the page is (build_index)
        claim = without_own_attribution(claim, doc)  # "According to Reuters," on Reuters' own page
        idx = self.index(doc)
        cross = (cjk_ratio(claim.query) > 0.3) != idx.cjk
        info = self.claim_info(claim, cross)
        checkable = info.checkable
        if idx.n == 0:
            return Analysis(empty_features(claim.query, info, 0, cross), (), {},
                            tuple(p.text for p in checkable), 0, len(checkable))
        r = self._retrieve(info, idx, doc, cross)
        cov = cover(info, idx, r, idx.page)
        cues = contradict(claim.query, info, idx, r, cov)
        return self._analysis(features(claim.query, info, idx, r, cov, cues), r, cov, cues)

    @staticmethod
    def _analysis(feats: dict[str, float], r: Retrieval, cov: Coverage, cues: Cues) -> Analysis:
        evidence = list(cov.evidence)
        if cues.sentence is not None and cues.sentence not in evidence:
            evidence = sorted([*evidence, cues.sentence])
        scores = {i: r.relevance.get(i, 0.0) for i in evidence}
        missing = tuple(p.text for p, c in zip(cov.parts, cov.by_evidence) if c < FOUND)
        found = int(sum(c >= FOUND for c in cov.by_evidence))
        ranked = r.ranked(POOL)
        return Analysis(features=feats, evidence=tuple(evidence), sentence_scores=scores, missing=missing,
                        found=found, checkable=len(cov.parts), contradiction=cues.contradiction, conflict=cues.conflict,
                        ranked=tuple(ranked), relevance={i: r.relevance[i] for i in ranked})

    # -- verdicts ----------------------------------------------------------
    def score(self, feats: dict[str, float]) -> float:
        return predict(self.weights, feats)

    def match(self, claim: Claim, document: Document) -> Verdict:
        return self.verdict_of(document, self.analyse(claim, document))

    def verdict_of(self, document: Document, a: Analysis) -> Verdict:
        """The verdict for an ``analyse`` result: the score decides (``score.decide``)."""
        if not a.evidence:
            return Verdict("not_supported", 0.0, (), "the source has no text", a.missing, self.name)
        if a.checkable == 0:
            return Verdict("not_supported", 0.0, (), "the claim has no words, names or numbers to look for",
                           (), self.name)
        p = round(self.score(a.features), 4)
        verdict, reason = decide(p, self.weights, a.contradiction, a.features)
        sentences = document.sentences  # as written: the index reads traditional Chinese as simplified
        evidence = tuple(
            Evidence(sentences[i].text, sentences[i].start, sentences[i].end, round(a.sentence_scores[i], 4))
            for i in a.evidence
        )
        explanation = (f"{a.found} of {a.checkable} claim parts found in the evidence; "
                       f"best sentence similarity {a.features['cos_max']:.2f}")
        if reason:
            explanation = reason + "; " + explanation
        elif a.contradiction or a.conflict:
            why = a.contradiction or a.conflict
            explanation = ("but " if verdict == "supported" else "") + why + "; " + explanation
        review = review_reason(p, self.weights, a.features)
        if review:
            explanation += f"; {review}: a person should check"
        return Verdict(verdict, p, evidence, explanation,  # type: ignore[arg-type]
                       a.missing, self.name, needs_review=bool(review))

    # -- the Retriever interface of the other tiers --------------------------
    def candidates(self, claim: Claim, document: Document) -> Candidates:
        a = self.analyse(claim, document)
        relevant = {i for i in a.ranked if a.relevance[i] >= RELEVANT}
        return Candidates(ranked=a.ranked, evidence=a.evidence, relevant=frozenset(relevant),
                          verdict=self.verdict_of(document, a))
