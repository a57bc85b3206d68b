"""Matching: does a source's text support a claim?

``load_matcher(name)`` returns an object with ``match(claim, document) ->
Verdict``. The verdict's ``score`` is the probability that the document
supports the claim; ``evidence`` holds the best sentences with offsets into
``document.text``. The pipeline gives ``unverifiable`` itself when a claim has
no usable source.

Matchers: ``default`` (``default.py``: BM25 + multilingual sentence embeddings,
claim-part coverage, number/date checks, a logistic scorer fitted on WiCE dev;
CPU only, model bundled in a package), ``lexical`` (word overlap, the floor), and
two optional tiers, off by default: ``llm`` (``llm.py``: the default's retrieval,
a language model's verdict over an OpenAI-compatible API named by
``settings.llm_url``) and ``nli`` (``nli.py``: an ONNX NLI cross-encoder from
``settings.nli_model_dir`` over the default's evidence).
``batch.run_batch`` matches claim-source pairs from a JSONL file
(``factcheck match``).
"""

from __future__ import annotations

from typing import Protocol

from ..errors import MatcherError
from ..models import Claim, Document, Verdict

__all__ = ["Matcher", "VectorStore", "load_matcher", "MATCHERS"]


class VectorStore(Protocol):
    """Where sentence vectors are kept between runs (the archive)."""

    def get_vectors(self, key: str, model: str) -> tuple[bytes, int, int] | None: ...

    def put_vectors(self, key: str, model: str, data: bytes, dim: int, count: int) -> None: ...


class Matcher(Protocol):
    name: str

    def match(self, claim: Claim, document: Document) -> Verdict: ...


MATCHERS = ("default", "lexical", "llm", "nli")


def load_matcher(name: str = "default", *, store: VectorStore | None = None, settings=None) -> Matcher:
    """The matcher ``name``, ready to use: a misconfigured tier raises MatcherError here.

    ``settings`` (a ``Settings``; default: from the environment) configures the optional tiers."""
    if name == "default":
        from .default import DefaultMatcher  # lazy: load only the matcher asked for

        return DefaultMatcher(store=store)
    if name == "lexical":
        from .lexical import LexicalMatcher  # lazy: loaded on first use (lazy: load only the matcher asked for)

        return LexicalMatcher()
    if name == "llm":
        from ..config import Settings  # lazy: only the optional tiers need settings
        from .llm import LLMMatcher  # lazy: load only the matcher asked for

        return LLMMatcher(settings if settings is not None else Settings.from_env(), store=store)
    if name == "nli":
        from ..config import Settings  # lazy: only the optional tiers need settings
        from .nli import NLIMatcher  # lazy: load only the matcher asked for (onnxruntime is an extra)

        return NLIMatcher((settings or Settings.from_env()).nli_model_dir, store=store)
    raise MatcherError(f"unknown matcher {name!r}; choose one of: {', '.join(MATCHERS)}")
