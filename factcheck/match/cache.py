"""Verdicts kept between runs, so a re-run over unchanged pages does no matching.

A verdict depends on the matcher (its name, the package version, its source
code and, for the default matcher, its fitted weights), the claim (text, translation, context)
and the document's text. ``CachedMatcher`` keys on exactly these, keeps the
verdicts in a ``VerdictStore`` (the archive), and loads the real matcher only
when some pair is not in the store, so a run whose pages all answered 304
skips the model load too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from .. import __version__
from ..models import Claim, Document, Evidence, Verdict

__all__ = ["CachedMatcher", "code_digest", "VerdictStore", "verdict_to_json", "verdict_from_json", "MATCHER_VERSION"]

#: Bumped whenever verdicts change meaning, so cached verdicts are not reused across the change.
#: 2: the score decides (supported exactly when >= 0.5), no caps, needs_review.
MATCHER_VERSION = 2


class VerdictStore(Protocol):
    def get_verdict(self, key: str) -> str | None: ...

    def put_verdict(self, key: str, data: str) -> None: ...


def verdict_to_json(verdict: Verdict) -> str:
    return json.dumps({
        "verdict": verdict.verdict, "score": verdict.score, "explanation": verdict.explanation,
        "missing": list(verdict.missing), "matcher": verdict.matcher,
        "evidence": [[e.text, e.start, e.end, e.score] for e in verdict.evidence],
        "needs_review": verdict.needs_review,
    }, ensure_ascii=False)


def verdict_from_json(data: str) -> Verdict:
    raw = json.loads(data)
    return Verdict(
        verdict=raw["verdict"], score=raw["score"], explanation=raw["explanation"],
        missing=tuple(raw["missing"]), matcher=raw["matcher"],
        evidence=tuple(Evidence(text, start, end, score) for text, start, end, score in raw["evidence"]),
        needs_review=bool(raw.get("needs_review", False)),
    )


def _weights_digest(name: str) -> str:
    if name != "default":
        return ""
    from .score import weights_text  # lazy: only the default matcher has fitted weights

    return hashlib.sha256(weights_text().encode("utf-8")).hexdigest()[:16]


def code_digest(package: Path = Path(__file__).parent) -> str:
    """A digest of the matcher's own source files: a change to how verdicts are computed (a number
    pattern, a stop word) must not reuse verdicts cached before it, even when nobody bumps
    ``MATCHER_VERSION``."""
    digest = hashlib.sha256()
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class CachedMatcher:
    """A matcher whose verdicts are looked up in ``store`` before being computed."""

    def __init__(self, name: str, store: VerdictStore, load: Callable[[], object], *, eager: bool = False,
                 identity: str = "") -> None:
        """``identity`` names what else the verdicts depend on (an LLM's URL and model, an NLI
        model's directory), so that changing it does not reuse old verdicts."""
        self.name = name
        self.store = store
        self._load = load
        self._inner = load() if eager else None
        self._version = (f"{name}/{__version__}/{MATCHER_VERSION}/{_weights_digest(name)}/{code_digest()}"
                         f"/{identity}")
        self.hits = 0
        self.misses = 0

    def _key(self, claim: Claim, document: Document) -> str:
        text_key = document.sha256 or hashlib.sha256(document.text.encode("utf-8")).hexdigest()
        payload = json.dumps([self._version, claim.text, claim.translation, claim.context, text_key])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def match(self, claim: Claim, document: Document) -> Verdict:
        cached = self.cached(claim, document)
        if cached is not None:
            self.hits += 1
            return cached
        if self._inner is None:
            self._inner = self._load()
        verdict = self._inner.match(claim, document)  # type: ignore[attr-defined]
        self.misses += 1
        self.remember(claim, document, verdict)
        return verdict

    def cached(self, claim: Claim, document: Document) -> Verdict | None:
        data = self.store.get_verdict(self._key(claim, document))
        return verdict_from_json(data) if data is not None else None

    def remember(self, claim: Claim, document: Document, verdict: Verdict) -> None:
        """Keep a verdict computed elsewhere (executor.prime_archive) or here."""
        if verdict.matcher in ("", self.name):  # a tier's fallback verdict is not kept: ask again next run
            self.store.put_verdict(self._key(claim, document), verdict_to_json(verdict))
