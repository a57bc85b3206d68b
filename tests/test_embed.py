"""The sentence encoder's ready-to-map copy (match/embed.py): same vectors as the package's own load."""

from __future__ import annotations

import json

import numpy as np
import pytest

from factcheck.match import embed

TEXTS = [
    "Musk and Altman co-founded OpenAI in December 2015 as a nonprofit.",
    "马斯克和奥尔特曼于2015年12月共同创立了OpenAI。",
    "Die Inflation stieg im März auf 7,3 Prozent.",
    "  Ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ and   extra   spaces\u00a0here ",
    "",
    "Revenue rose 12% to $4.1bn, the company said on Tuesday.",
]


@pytest.fixture(scope="module")
def mapped(tmp_path_factory):
    """A cold cache written by one Embedder, then read by a second one (the path every later run takes)."""
    cache = tmp_path_factory.mktemp("models")
    writer = embed.Embedder(model_cache=cache)
    reader = embed.Embedder(model_cache=cache)
    return writer, reader, cache


def test_mapped_model_embeds_exactly_like_the_package_load(mapped):
    _, reader, _ = mapped
    plain = embed.Embedder(model_cache=None)
    assert plain.mapped_from is None and reader.mapped_from is not None
    texts = TEXTS + [f"Sentence {i} of a longer batch about the budget of {1990 + i}." for i in range(60)]
    assert np.array_equal(reader.encode(texts), plain.encode(texts))
    tok_a, tok_b = reader.model._tokenizer, plain.model._tokenizer
    for text in TEXTS:
        assert tok_a.encode(text) == tok_b.encode(text)
        assert tok_a.encode(text, out_type=str) == tok_b.encode(text, out_type=str)


def test_mapped_weights_are_memory_maps_of_one_versioned_directory(mapped):
    writer, reader, cache = mapped
    assert writer.mapped_from == reader.mapped_from == embed.mapped_dir(cache)
    assert reader.mapped_from.parent == cache
    assert isinstance(reader.model._backend.table.base, np.memmap) or isinstance(reader.model._backend.table,
                                                                                  np.memmap)
    assert not reader.model._backend.table.flags.writeable
    assert not [p for p in cache.iterdir() if p.name.startswith(".tmp-")]  # no half-written copy left


def test_damaged_copy_is_written_again(tmp_path):
    target = embed.mapped_dir(tmp_path)
    target.mkdir(parents=True)
    (target / "manifest.json").write_text("{not json", encoding="utf-8")
    repaired = embed.Embedder(model_cache=tmp_path)
    assert repaired.mapped_from == target
    assert json.loads((target / "manifest.json").read_text(encoding="utf-8"))["arrays"]
    plain = embed.Embedder(model_cache=None)
    assert np.array_equal(repaired.encode(TEXTS[:3]), plain.encode(TEXTS[:3]))


def test_unwritable_cache_falls_back_to_the_package_load(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    assert embed.Embedder(model_cache=blocker / "models").mapped_from is None
