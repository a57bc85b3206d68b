"""Evaluation data: every dev set as one uniform record, ``Pair``.

Sets (``SETS``), their files under ``bench/data/`` and what each loader maps:

- ``wice``: ``wice/dev.jsonl``; context = article title + the text before the
  claim (as ``bench/fit_matcher.py`` feeds the matcher).
- ``factcheckgpt``: ``factcheckgpt/dev.jsonl``; ``label_fine`` has ``contradicted``.
- ``wice_zh``: ``zh/wice_zh.jsonl``, WiCE dev claims rendered in Chinese; the
  source text (and the article title) is joined from ``wice/dev.jsonl`` by ``wice_id``.
- ``zh_native``: ``zh/zh_native.jsonl``, Chinese claims against Chinese sources.
- ``zh_native_en``: ``zh/zh_native_en.jsonl``, those claims rendered in English; the
  source text (and its ``published`` date) is joined from ``zh/zh_native.jsonl`` by ``zh_id``.

A missing file is skipped with a note on stderr; a malformed line is an error
naming file and line. ``Pair.group`` keeps pairs that share a source in one
fold of in-set cross-validation; ``LOSO_GROUPS`` says which sets are left out
together in leave-one-set-out (WiCE and its Chinese rendering share sources, as
the Chinese news pairs and their English rendering do).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"

LABELS3 = ("supported", "partially_supported", "not_supported")
LABELS_FINE = LABELS3 + ("contradicted",)

# set name -> LOSO group; sets in one group are left out together
LOSO_GROUPS = {"wice": "wice+zh", "wice_zh": "wice+zh", "factcheckgpt": "factcheckgpt", "zh_native": "zh_native+en",
               "zh_native_en": "zh_native+en"}
SETS = tuple(LOSO_GROUPS)
#: Sets that are scored but never fitted on (leave-one-set-out trains without them, and so does
#: bench/fit_matcher.py): with the English renderings of the Chinese news claims in training, the
#: left-out WiCE fell 0.749 -> 0.736 and WiCE in Chinese 0.729 -> 0.707 (bench/MATCHER.md, round 6).
EVAL_ONLY = frozenset({"zh_native_en"})


class DataError(Exception):
    """A dev file that cannot be read as the loader expects (message names file and line)."""


@dataclass(frozen=True)
class Pair:
    """One claim against one source text, with its human label."""

    set: str
    id: str
    claim: str
    source_text: str
    label: str  # supported | partially_supported | not_supported
    label_fine: str  # as label, or contradicted
    context: str | None
    translation: str | None
    group: str  # pairs with the same group share a source: one CV fold
    published: str | None = None  # the source's publication date (ISO), where the set gives it

    @property
    def text_hash(self) -> str:
        """A hash of every text the matcher reads (a cache key part)."""
        h = hashlib.sha256()
        for part in (self.claim, self.source_text, self.context or "", self.translation or "", self.published or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()[:16]

    def as_batch_record(self) -> dict:
        """The pair as a ``factcheck match`` input line."""
        return {"id": self.id, "claim": self.claim, "source_text": self.source_text,
                "context": self.context, "translation": self.translation}


def source_key(text: str) -> str:
    return "src:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(row, dict):
                raise DataError(f"{path}:{number}: expected a JSON object")
            yield number, row


def field(row: dict, key: str, where: str) -> str:
    value = row.get(key)
    if not isinstance(value, str) or not value:
        raise DataError(f"{where}: missing or empty string field {key!r}")
    return value


def labels(row: dict, where: str) -> tuple[str, str]:
    label = field(row, "label", where)
    fine = row.get("label_fine") or label
    if label not in LABELS3:
        raise DataError(f"{where}: label {label!r} is not one of {', '.join(LABELS3)}")
    if fine not in LABELS_FINE:
        raise DataError(f"{where}: label_fine {fine!r} is not one of {', '.join(LABELS_FINE)}")
    if fine != label and not (fine == "contradicted" and label == "not_supported"):
        raise DataError(f"{where}: label_fine {fine!r} does not refine label {label!r}")
    return label, fine


def wice_context(row: dict) -> str | None:
    parts = (row.get("claim_title") or "", row.get("claim_context") or "")
    return "\n".join(p for p in parts if p) or None


def load_wice(path: Path) -> list[Pair]:
    out = []
    for number, row in read_jsonl(path):
        where = f"{path}:{number}"
        label, fine = labels(row, where)
        source = field(row, "source_text", where)
        out.append(Pair("wice", field(row, "id", where), field(row, "claim", where), source, label, fine,
                        wice_context(row), None, source_key(source)))
    return out


def load_factcheckgpt(path: Path) -> list[Pair]:
    out = []
    for number, row in read_jsonl(path):
        where = f"{path}:{number}"
        label, fine = labels(row, where)
        pair_id = field(row, "id", where)
        answer = "-".join(pair_id.split("-")[:2])  # fcgpt-<answer line>: claims of one chatbot answer
        out.append(Pair("factcheckgpt", pair_id, field(row, "claim", where), field(row, "source_text", where),
                        label, fine, None, None, answer))
    return out


def load_wice_zh(path: Path) -> list[Pair]:
    """Renderings in ``<data>/zh/``; their sources come from ``<data>/wice/dev.jsonl``."""
    wice = {row["id"]: row for _, row in read_jsonl(path.parent.parent / "wice" / "dev.jsonl")}
    out = []
    for number, row in read_jsonl(path):
        where = f"{path}:{number}"
        label, fine = labels(row, where)
        wice_id = field(row, "wice_id", where)
        if wice_id not in wice:
            raise DataError(f"{where}: wice_id {wice_id!r} is not in {path.parent.parent / 'wice' / 'dev.jsonl'}")
        source = wice[wice_id]["source_text"]
        context = "\n".join(p for p in (wice[wice_id].get("claim_title") or "", row.get("claim_context") or "")
                            if p) or None
        out.append(Pair("wice_zh", field(row, "id", where), field(row, "claim", where), source, label, fine,
                        context, None, source_key(source)))
    return out


def load_zh_native(path: Path) -> list[Pair]:
    out = []
    for number, row in read_jsonl(path):
        where = f"{path}:{number}"
        label, fine = labels(row, where)
        source = field(row, "source_text", where)
        published = row.get("published") if isinstance(row.get("published"), str) else None
        out.append(Pair("zh_native", field(row, "id", where), field(row, "claim", where), source, label, fine,
                        None, None, source_key(source), published or None))
    return out


def load_zh_native_en(path: Path) -> list[Pair]:
    """English renderings in ``<data>/zh/``; their sources come from ``zh_native.jsonl`` beside them."""
    native = {row["id"]: row for _, row in read_jsonl(path.parent / "zh_native.jsonl")}
    out = []
    for number, row in read_jsonl(path):
        where = f"{path}:{number}"
        label, fine = labels(row, where)
        zh_id = field(row, "zh_id", where)
        if zh_id not in native:
            raise DataError(f"{where}: zh_id {zh_id!r} is not in {path.parent / 'zh_native.jsonl'}")
        source = native[zh_id]["source_text"]
        published = native[zh_id].get("published")
        out.append(Pair("zh_native_en", field(row, "id", where), field(row, "claim", where), source, label, fine,
                        None, None, source_key(source), published if isinstance(published, str) else None))
    return out


# set -> (file under the data folder, loader)
LOADERS: dict[str, tuple[str, Callable[[Path], list[Pair]]]] = {
    "wice": ("wice/dev.jsonl", load_wice),
    "factcheckgpt": ("factcheckgpt/dev.jsonl", load_factcheckgpt),
    "wice_zh": ("zh/wice_zh.jsonl", load_wice_zh),
    "zh_native": ("zh/zh_native.jsonl", load_zh_native),
    "zh_native_en": ("zh/zh_native_en.jsonl", load_zh_native_en),
}


def load_sets(names: tuple[str, ...] = SETS, limit: int = 0, data: Path = DATA) -> dict[str, list[Pair]]:
    """The named sets that exist, in the order given.

    ``limit`` keeps N pairs of each, a fixed pseudo-random sample (by a hash of the
    id), so a quick run sees every label and the same pairs each time."""
    out: dict[str, list[Pair]] = {}
    for name in names:
        relative, loader = LOADERS[name]
        path = data / relative
        if not path.exists():
            print(f"note: {name}: {path} not found, set skipped", file=sys.stderr)
            continue
        pairs = loader(path)
        ids = [p.id for p in pairs]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise DataError(f"{path}: id {dup!r} occurs more than once")
        if limit:
            pairs = sorted(pairs, key=lambda p: hashlib.sha256(p.id.encode()).hexdigest())[:limit]
        out[name] = pairs
    return out
