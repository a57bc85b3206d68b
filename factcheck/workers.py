"""The pipeline's expensive stage, extract and match per source, on an executor's workers.

``pipeline.run`` calls ``prime_archive`` once, after fetching: it sends every
fetched source whose extracted document or verdicts the archive lacks through
``settings.executor`` with ``settings.workers`` (factcheck/executor.py), as
``SourceWork`` items (the response, or the archived document, and the claims
that cite it), and stores what comes back (documents, sentence vectors,
verdicts) in the archive, from this one process. The pipeline's own loop then
finds everything cached. With the local executor and one worker it does
nothing: the pipeline extracts and matches as it goes.

A source whose worker process dies under it twice (the executor re-runs what
a dead worker held, each item alone) is returned as unreadable, with why: the
pipeline reports it and does not read it in its own process, where it could
take the whole run down.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import Any

from .archive import Archive, ArchivedFetch
from .config import Settings
from .executor import SourceDone, SourceWork, VectorRow, open_executor, per_process
from .extract import EXTRACTOR_VERSION, extract
from .match import Matcher, load_matcher
from .match.cache import CachedMatcher
from .models import Claim, Fetch

__all__ = ["prime_archive", "run_source", "Stage"]


@dataclass(frozen=True)
class Stage:
    """What a worker needs to build its matcher: picklable, the same on every worker."""

    matcher: str = "default"
    settings: Settings | None = None  # for the optional tiers (llm, nli)


class RelayStore:
    """A worker's VectorStore: serves the vectors an item brought, collects the new ones."""

    def __init__(self) -> None:
        self.seed: dict[tuple[str, str], tuple[bytes, int, int]] = {}
        self.puts: dict[tuple[str, str], VectorRow] = {}

    def reset(self, rows: Iterable[VectorRow]) -> None:
        self.seed = {(v.key, v.model): (v.data, v.dim, v.count) for v in rows}
        self.puts = {}

    def get_vectors(self, key: str, model: str) -> tuple[bytes, int, int] | None:
        put = self.puts.get((key, model))
        return (put.data, put.dim, put.count) if put is not None else self.seed.get((key, model))

    def put_vectors(self, key: str, model: str, data: bytes, dim: int, count: int) -> None:
        self.puts[(key, model)] = VectorRow(key, model, data, dim, count)


def _load(stage: Stage) -> tuple[Any, RelayStore]:
    relay = RelayStore()
    return load_matcher(stage.matcher, store=relay, settings=stage.settings), relay


def run_source(stage: Stage, work: SourceWork) -> SourceDone:
    """Extract (when given a fetch) and match every claim: the stage, in whatever process runs it."""
    document, extracted = work.document, False
    try:
        if document is None and work.fetch is not None:
            document, extracted = extract(work.fetch), True
        if document is None or not work.claims:
            return SourceDone(work.key, document, extracted=extracted)
        matcher, relay = per_process(("matcher", stage), partial(_load, stage))
        relay.reset(work.vectors)
        verdicts = tuple(matcher.match(claim, document) for claim in work.claims)
    except Exception as exc:  # noqa: BLE001 - one hostile source: the pipeline retries it in its own process
        return SourceDone(work.key, None, failed=f"{type(exc).__name__}: {exc}"[:200])
    return SourceDone(work.key, document, verdicts, tuple(relay.puts.values()), extracted)


def prime_archive(archive: Archive, records: Mapping[str, ArchivedFetch], claims: Iterable[Claim],
                  verdicts: Matcher, settings: Settings,
                  say: Callable[[str], None] = lambda message: None) -> dict[str, str]:
    """Extract and match, on ``settings.executor`` with ``settings.workers``, every fetched source
    whose document or verdicts the archive lacks; store what comes back. Returns the sources whose
    worker died on them twice (URL -> why), which nobody should read in this process.
    Does nothing for the local executor with one worker: the pipeline then does it all itself.

    ``records`` are the pipeline's fresh ``ArchivedFetch``es by URL. Only live copies with a body
    are sent; whatever is not primed here (an archived fallback copy, a source whose verdict was
    dropped) the pipeline still computes itself, so priming changes where work runs, not results."""
    if settings.executor == "local" and settings.workers <= 1:
        return {}  # in this process: the pipeline extracts and matches as it goes
    if not isinstance(verdicts, CachedMatcher):  # no verdict cache to fill: the pipeline matches itself
        return {}
    cited: dict[str, list[Claim]] = {}
    for claim in claims:
        for url in dict.fromkeys(ref.url for ref in claim.sources):
            cited.setdefault(url, []).append(claim)
    sent: dict[str, tuple[ArchivedFetch, tuple[Claim, ...]]] = {}

    def items() -> Iterator[SourceWork]:
        for url, record in records.items():
            item = _work_item(archive, url, record, tuple(cited.get(url, ())), verdicts, EXTRACTOR_VERSION)
            if item is not None:
                sent[url] = (record, item.claims)
                yield item

    work = items()
    first = next(work, None)
    if first is None:
        return {}
    count, unreadable = 0, dict[str, str]()
    stage = Stage(settings.matcher, settings)
    with open_executor(settings.executor, settings.workers, settings.scheduler or None) as executor:
        say(f"extracting and matching on the {settings.executor} executor, {executor.workers} worker(s)")
        results = executor.map(partial(run_source, stage), chain([first], work), lost=_lost)
        while True:
            try:
                done = next(results)
            except StopIteration:
                break
            except Exception as exc:  # noqa: BLE001 - the executor failed (its cluster went away), not a source
                say(f"the {settings.executor} executor failed after {count} sources ({type(exc).__name__}); "
                    "the rest is extracted and matched in this process")
                break
            record, sent_claims = sent.pop(done.key)
            if done.lost:
                say(f"not read: {done.key}: {done.lost}")
                unreadable[done.key] = done.lost
            _store(archive, record, sent_claims, done, verdicts, EXTRACTOR_VERSION)  # archive errors do stop
            count += 1
    return unreadable


def _lost(work: SourceWork, why: str) -> SourceDone:
    return SourceDone(work.key, None, lost=why)


def _work_item(archive: Archive, url: str, record: ArchivedFetch, claims: tuple[Claim, ...],
               verdicts: CachedMatcher, version: str) -> SourceWork | None:
    """The item for one fetched source, or None when the archive already has all it needs."""
    fetch = record.fetch
    if not (fetch.alive and record.has_body and record.body_sha256):
        return None
    document = archive.get_document(record.body_sha256, version, fetch.final_url or fetch.url)
    if document is None:  # a new body: extract there, and match every claim on it
        full = fetch if fetch.body else _with_body(archive, record)
        return SourceWork(url, claims, fetch=full) if full is not None else None
    todo = tuple(claim for claim in claims if verdicts.cached(claim, document) is None)
    if not todo:
        return None
    from .match.embed import MODEL_ID  # lazy: numpy and the model's module, only when priming

    got = archive.get_vectors(document.sha256, MODEL_ID)
    vectors = (VectorRow(document.sha256, MODEL_ID, *got),) if got is not None else ()
    return SourceWork(url, todo, document=document, vectors=vectors)


def _with_body(archive: Archive, record: ArchivedFetch) -> Fetch | None:
    """The check with its body, read back from the archive (the run's records carry none)."""
    full = archive.fetch_by_id(record.id)
    return full.fetch if full is not None and full.fetch.body else None


def _store(archive: Archive, record: ArchivedFetch, claims: tuple[Claim, ...], done: SourceDone,
           verdicts: CachedMatcher, version: str) -> None:
    if done.document is None or record.body_sha256 is None:
        return
    if done.extracted:
        archive.put_document(record.body_sha256, version, done.document)
    for row in done.vectors:
        archive.put_vectors(row.key, row.model, row.data, row.dim, row.count)
    for claim, verdict in zip(claims, done.verdicts):
        verdicts.remember(claim, done.document, verdict)
