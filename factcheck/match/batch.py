"""Batch matching: claim-source pairs in a JSONL file -> verdicts in a JSONL file.

Input, one JSON object per line::

    {"id": "...", "claim": "...", "source_text": "...",
     "translation": "..." (optional), "context": "..." (optional), "source_url": "..." (optional)}

Output, one line per input line, in the same order::

    {"id": "...", "verdict": "supported", "score": 0.83,
     "evidence": [{"text": "...", "start": 10, "end": 52}], "missing": [...], "explanation": "...",
     "needs_review": false}

``score`` is the probability that the source supports the claim: the verdict
is ``supported`` exactly when it is at least 0.5. ``needs_review`` marks a
score in the uncertain band, where a person should look.

Evidence offsets index the *original* ``source_text``:
``source_text[start:end] == text``. To keep that true the document is built
on the source text exactly as given (no whitespace normalisation), and goes
through the same ``matcher.match(claim, document)`` as the pipeline.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from ..extract import guess_language, split_sentences
from ..models import Claim, Document, SourceRef
from . import VectorStore, load_matcher

__all__ = ["run_batch", "read_pairs", "pair_to_inputs", "verdict_to_record"]


def document_exact(url: str, text: str) -> Document:
    """A Document whose text is ``text`` unchanged, so offsets refer to it."""
    return Document(
        url=url, text=text, sentences=split_sentences(text), language=guess_language(text[:1000]),
        extractor="text", sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _optional_str(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: field {key!r} must be a string, got {type(value).__name__}")
    return value or None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole_characters(record: dict, where: str) -> None:
    """JSON joins an escaped surrogate pair ("\\ud83d\\ude00") into its character; a half left alone is no
    character, and no text (nor its sha256, nor the output) can be written with it."""
    for key in ("id", "claim", "source_text", "translation", "context", "source_url"):
        value = record.get(key)
        found = _SURROGATE.search(value) if isinstance(value, str) else None
        if found:
            raise InputError(f"{where}: field {key!r} holds \\u{ord(found.group()):04x} at character {found.start()}, "
                             "half of a surrogate pair without its other half (no character); write the character "
                             "itself, or both halves of its escape (\\ud83d\\ude00)")


def read_pairs(input_path: str | Path) -> Iterator[tuple[int, dict]]:
    """(line number, record) for each non-blank line; InputError names file and line."""
    path = Path(input_path)
    try:
        handle = path.open("r", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read pairs file: {exc.strerror or exc}") from exc
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
                if not isinstance(record, dict):
                    raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
                for key in ("id", "claim", "source_text"):
                    if key not in record:
                        raise InputError(f"{where}: missing required field {key!r} "
                                         "(each line needs id, claim and source_text)")
                if not isinstance(record["id"], (str, int)):
                    raise InputError(f"{where}: field 'id' must be a string")
                for key in ("claim", "source_text"):
                    if not isinstance(record[key], str):
                        raise InputError(f"{where}: field {key!r} must be a string, "
                                         f"got {type(record[key]).__name__}")
                if not record["claim"].strip():
                    raise InputError(f"{where}: field 'claim' is empty")
                for key in ("translation", "context", "source_url"):
                    _optional_str(record, key, where)
                _whole_characters(record, where)
                yield number, record
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from exc


def pair_to_inputs(record: dict, line: int | None = None) -> tuple[Claim, Document]:
    url = record.get("source_url") or f"pair:{record['id']}"
    claim = Claim(
        id=str(record["id"]), text=record["claim"], sources=(SourceRef(url=url),),
        translation=record.get("translation") or None, context=record.get("context") or None, line=line,
    )
    return claim, document_exact(url, record["source_text"])


def verdict_to_record(pair_id: str | int, verdict) -> dict:
    return {
        "id": pair_id,
        "verdict": verdict.verdict,
        "score": verdict.score,
        "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in verdict.evidence],
        "missing": list(verdict.missing),
        "explanation": verdict.explanation,
        "needs_review": verdict.needs_review,
    }


def run_batch(input_path: str | Path, output_path: str | Path, *, matcher_name: str = "default",
              store: VectorStore | None = None, progress: Callable[[int], None] | None = None,
              workers: int = 1, settings=None, executor: str = "local") -> int:
    """Match every pair in ``input_path``; write verdicts to ``output_path``. Returns pairs done.

    The input is validated in full before the matcher loads, so a bad line
    fails fast and no partial output is left behind. ``workers`` > 1 matches
    in that many processes, on ``executor`` ("local" or "dask", see
    factcheck/executor.py); the vectors they compute are still kept in
    ``store``, written by this process.
    ``settings`` configures the ``llm`` matcher (default: from the environment).
    """
    pairs = list(read_pairs(input_path))
    out = Path(output_path)
    tmp = out.with_name(out.name + ".part")
    done = 0
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            for record in _verdicts(pairs, matcher_name, store, workers, settings, executor):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                done += 1
                if progress is not None:
                    progress(done)
        tmp.replace(out)
    except OSError as exc:
        raise InputError(f"{out}: cannot write predictions: {exc.strerror or exc}") from exc
    finally:
        if tmp.exists():
            tmp.unlink()
    return done


def _verdicts(pairs: list[tuple[int, dict]], matcher_name: str, store: VectorStore | None,
              workers: int, settings=None, executor: str = "local") -> Iterator[dict]:
    if (workers <= 1 and executor == "local") or len(pairs) < 2:
        matcher = load_matcher(matcher_name, store=store, settings=settings)
        for number, record in pairs:
            claim, document = pair_to_inputs(record, number)
            yield verdict_to_record(record["id"], matcher.match(claim, document))
        return
    from functools import partial  # lazy: only --workers > 1 or --executor dask gets here

    from ..executor import SourceWork, VectorRow, open_executor  # lazy: the executor loads only for workers
    from .embed import MODEL_ID  # lazy: keeps the sentence-encoder package out of lexical and tier-only runs

    def items() -> Iterator[SourceWork]:
        for number, record in pairs:
            claim, document = pair_to_inputs(record, number)
            cached = store.get_vectors(document.sha256, MODEL_ID) if store is not None else None
            vectors = (VectorRow(document.sha256, MODEL_ID, *cached),) if cached is not None else ()
            yield SourceWork(str(number), (claim,), document=document, vectors=vectors)

    if matcher_name not in ("default", "lexical"):  # an optional tier: fail here, not in each worker
        load_matcher(matcher_name, store=None, settings=settings)
    with open_executor(executor, workers) as pool:
        for (_, record), done in zip(pairs, pool.map(partial(_work, matcher_name, settings), items())):
            if store is not None:  # the vectors the workers computed are kept by this process
                for row in done.vectors:
                    store.put_vectors(row.key, row.model, row.data, row.dim, row.count)
            yield verdict_to_record(record["id"], done.verdicts[0])


class _RelayStore:
    """A worker's VectorStore: serves vectors the parent read, collects new ones for it to write."""

    def __init__(self) -> None:
        self.seed: dict[tuple[str, str], tuple[bytes, int, int]] = {}
        self.puts: list = []

    def get_vectors(self, key: str, model: str) -> tuple[bytes, int, int] | None:
        return self.seed.get((key, model))

    def put_vectors(self, key: str, model: str, data: bytes, dim: int, count: int) -> None:
        from ..executor import VectorRow  # lazy: the executor loads only for workers

        self.puts = [p for p in self.puts if (p.key, p.model) != (key, model)] + [
            VectorRow(key, model, data, dim, count)]


def _load_worker(matcher_name: str, settings=None) -> tuple:
    relay = _RelayStore()
    return load_matcher(matcher_name, store=relay, settings=settings), relay


def _work(matcher_name: str, settings, item):
    """One pair (a SourceWork with one claim and its document) in a worker: a SourceDone."""
    from ..executor import SourceDone, per_process  # lazy: the executor loads only in workers

    matcher, relay = per_process(("batch", matcher_name, settings), lambda: _load_worker(matcher_name, settings))
    relay.seed = {(v.key, v.model): (v.data, v.dim, v.count) for v in item.vectors}
    relay.puts = []
    verdict = matcher.match(item.claims[0], item.document)
    return SourceDone(item.key, item.document, (verdict,), tuple(relay.puts))
