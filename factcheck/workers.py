"""The pipeline's expensive stage, extract and match per source, on an executor's workers.

``pipeline.run`` hands each source's check to a ``Primer`` as soon as it is
recorded, while the rest is still being fetched: it sends every fetched source
whose extracted document or verdicts the archive lacks through
``settings.executor`` with ``settings.workers`` (factcheck/executor.py), as
``SourceWork`` items (the response, or the archived document, and the claims
that cite it), and stores what comes back (documents, sentence vectors,
verdicts) in the archive, from this one process. So the CPU works while the
network waits, and a run takes about the longer of fetching and computing, not
their sum. The pipeline's own loop then finds everything cached. With the
local executor and one worker nothing is sent: the pipeline extracts and
matches as it goes, after fetching (a thread beside the event loop cost more
CPU than the wall time it saved).

A source whose worker process dies under it twice (the executor re-runs what
a dead worker held, each item alone) is returned as unreadable, with why: the
pipeline reports it and does not read it in its own process, where it could
take the whole run down.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from .archive import Archive, ArchivedFetch
from .config import Settings
from .executor import Executor, SourceDone, SourceWork, Stream, VectorRow, open_executor, per_process
from .extract import EXTRACTOR_VERSION, extract
from .match import Matcher, load_matcher
from .match.cache import CachedMatcher
from .models import Claim, Fetch

__all__ = ["Primer", "prime_archive", "run_source", "Stage"]


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


class Primer:
    """Extract and match each fetched source on ``settings.executor`` as soon as its check is
    recorded, while the rest is still being fetched; store what comes back in the archive.

    ``fetched(record)`` is ``check_urls``' hook: it runs in the fetching event loop, so it never
    waits. It sends the source when the executor has room, and otherwise keeps only its record
    (the body stays in the archive, read back when there is room): memory stays flat however far
    the workers lag. A finished item wakes the event loop (``call_soon_threadsafe``), which stores
    its result and sends the next. ``finish()``, once fetching is over, sends and stores the rest
    and returns the sources whose worker died on them twice (URL -> why), which nobody should
    read in this process.

    Only live copies with a body are sent; whatever is not primed here (an archived fallback copy,
    a source whose verdict was dropped) the pipeline still computes itself, so priming changes
    where and when work runs, not results. The archive is only touched from this process's thread."""

    def __init__(self, archive: Archive, claims: Iterable[Claim], verdicts: Matcher, settings: Settings,
                 say: Callable[[str], None] = lambda message: None) -> None:
        self._archive, self._settings, self._say = archive, settings, say
        # no verdict cache: nothing to fill. One local worker: the pipeline extracts and matches itself, after
        # fetching; the stage on a thread beside the event loop cost 10-60% more CPU for a few % of wall time
        # (bench/scale.py run 1, quiet machine: 1,000 sources lexical 17.8 -> 19.6 CPU s, 19.1 -> 18.0 s wall;
        # 2,000 with 2 s pages 22.6 -> 36.0 CPU s, 34.7 -> 35.0 s wall; 500 default 20.7 -> 25.6, 21.5 -> 22.9)
        one_here = settings.executor == "local" and settings.workers <= 1
        self._verdicts = verdicts if isinstance(verdicts, CachedMatcher) and not one_here else None
        cited: dict[str, list[Claim]] = {}
        for claim in claims:
            for url in dict.fromkeys(ref.url for ref in claim.sources):
                cited.setdefault(url, []).append(claim)
        self._cited = {url: tuple(citing) for url, citing in cited.items()}
        self._sent: dict[str, tuple[ArchivedFetch, tuple[Claim, ...]]] = {}
        self._backlog: deque[ArchivedFetch] = deque()  # fetched, no room yet: records without bodies
        self._executor: Executor | None = None
        self._stream: Stream | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._count = 0
        self._failed = False  # the executor failed: the pipeline does the rest itself
        self._error: Exception | None = None  # raised by a wake-up in the event loop (an archive error)
        self.unreadable: dict[str, str] = {}

    def __enter__(self) -> Primer:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close(*exc)

    def fetched(self, record: ArchivedFetch) -> None:
        """One source's check, just recorded (with its body): send it, or keep its record for later."""
        self._raise()
        if self._verdicts is None or self._failed:
            return
        try:
            self._loop = asyncio.get_running_loop()  # where finished items wake us
        except RuntimeError:
            self._loop = None
        self._take()
        if self._stream is not None and not self._stream.room():
            self._backlog.append(replace(record, fetch=replace(record.fetch, body=None)))
        else:
            self._send(record)

    def finish(self) -> dict[str, str]:
        """Fetching is over: send what is left, store every result; the sources not read (URL -> why)."""
        self._loop = None
        try:
            self._raise()
            while self._backlog and self._stream is not None:
                try:
                    self._stream.wait()
                except Exception as exc:  # noqa: BLE001 - the executor failed, not a source
                    self._give_up(exc)
                    break
                self._take()
            results = self._stream.finish() if self._stream is not None else iter(())
            while True:
                try:
                    done = next(results)
                except StopIteration:
                    break
                except Exception as exc:  # noqa: BLE001 - the executor failed (its cluster went away)
                    self._give_up(exc)
                    break
                self._store(done)
        finally:
            self._close()
        return self.unreadable

    def _send(self, record: ArchivedFetch) -> None:
        assert self._verdicts is not None
        url = record.fetch.url
        item = _work_item(self._archive, url, record, self._cited.get(url, ()), self._verdicts, EXTRACTOR_VERSION)
        if item is None or self._failed:
            return
        if self._stream is None:
            self._open()
        assert self._stream is not None
        self._sent[url] = (replace(record, fetch=replace(record.fetch, body=None)), item.claims)
        try:
            self._stream.put(item)
        except Exception as exc:  # noqa: BLE001 - the executor failed, not a source
            self._give_up(exc)

    def _open(self) -> None:
        settings = self._settings
        self._executor = open_executor(settings.executor, settings.workers, settings.scheduler or None)
        self._stream = self._executor.stream(partial(run_source, Stage(settings.matcher, settings)), lost=_lost)
        self._stream.on_done(self._wake)
        if settings.executor != "local" or self._executor.workers > 1:  # one local worker: a thread, said nothing
            self._say(f"extracting and matching on the {settings.executor} executor, "
                      f"{self._executor.workers} worker(s)")

    def _wake(self) -> None:
        """An item finished (on any thread): let the event loop store it and send the next."""
        loop = self._loop
        if loop is None:
            return
        try:
            loop.call_soon_threadsafe(self._woken)
        except RuntimeError:  # the loop closed meanwhile: fetching is over, ``finish`` takes the rest
            pass

    def _woken(self) -> None:
        try:
            self._take()
        except Exception as exc:  # the event loop would only log it: raised at the next ``fetched``/``finish``
            self._error = self._error or exc

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _take(self) -> None:
        """Store what has finished; send what now fits (from this process's thread only)."""
        if self._stream is None:
            return
        try:
            results = self._stream.ready()
        except Exception as exc:  # noqa: BLE001 - the executor failed, not a source
            self._give_up(exc)
            return
        for done in results:
            self._store(done)
        while self._backlog and self._stream is not None and self._stream.room():
            self._send(self._backlog.popleft())

    def _store(self, done: SourceDone) -> None:
        assert self._verdicts is not None
        record, claims = self._sent.pop(done.key)
        if done.lost:
            self._say(f"not read: {done.key}: {done.lost}")
            self.unreadable[done.key] = done.lost
        _store(self._archive, record, claims, done, self._verdicts, EXTRACTOR_VERSION)  # archive errors do stop
        self._count += 1

    def _give_up(self, exc: Exception) -> None:
        self._say(f"the {self._settings.executor} executor failed after {self._count} sources "
                  f"({type(exc).__name__}); the rest is extracted and matched in this process")
        self._failed, self._stream = True, None
        self._backlog.clear()
        self._sent.clear()

    def _close(self, *exc: object) -> None:
        """Close the executor; on an exception (``exc``, as ``__exit__`` gets it: Ctrl-C), through its own
        ``__exit__``, which stops the workers without waiting on their work in flight."""
        self._loop, self._stream = None, None
        if self._executor is not None:
            executor, self._executor = self._executor, None
            if exc and exc[0] is not None:
                executor.__exit__(*exc)
            else:
                executor.close()


def prime_archive(archive: Archive, records: Mapping[str, ArchivedFetch], claims: Iterable[Claim],
                  verdicts: Matcher, settings: Settings,
                  say: Callable[[str], None] = lambda message: None) -> dict[str, str]:
    """``Primer`` after the fact: every fetched source of ``records`` (the pipeline's fresh
    ``ArchivedFetch``es by URL, with or without bodies) sent at once; the sources not read."""
    with Primer(archive, claims, verdicts, settings, say) as primer:
        for record in records.values():
            primer.fetched(record)
        return primer.finish()


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
