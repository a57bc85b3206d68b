"""Run one picklable function over many picklable work items, here or on other processes.

The expensive, stateless stage of factcheck (extract and match, one source at
a time) goes through this interface; everything stateful stays with the
caller, in one process: the network (and its politeness), the archive
(documents, vectors, verdicts). Work items are plain frozen dataclasses
(``SourceWork`` in, ``SourceDone`` out) so they pickle to any process; the
functions that run them live with the stage (``factcheck/workers.py`` for
``run``, ``factcheck/match/batch.py`` for ``match``).

Executors (``open_executor(kind, workers)``), all with ``map(fn, items, lost=...)``
-> results in input order, with a bounded number of items in flight (memory
stays flat however many sources):

  local, 1 worker    in this process
  local, N workers   a pool of N spawned processes (``concurrent.futures``)
  dask               a Dask ``distributed`` cluster (extra ``factcheck[dask]``):
                     a LocalCluster of N processes on 127.0.0.1 with the
                     dashboard off, or the scheduler at ``address``

A worker that dies (killed, out of memory, a parser's segfault) takes the items
it held with it: a process pool breaks as a whole, Dask gives up on a task
after its retries. Each item of what failed is then run again alone (the pool
restarted); an item whose worker dies again is the cause, and comes back as
``lost(item, why)`` (without ``lost``: ``ExecutorError``). So one hostile
source costs its own result, never the run's, and the others are not re-run
in the caller's process.

A worker keeps what is slow to build (a matcher: the sentence encoder maps its
weights in ~0.3 s) with ``per_process(key, build)``.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, TypeVar

from .errors import InputError
from .models import Claim, Document, Fetch, Verdict

__all__ = ["SourceWork", "SourceDone", "VectorRow", "Executor", "LocalExecutor", "DaskExecutor",
           "open_executor", "per_process", "EXECUTORS", "WORKER_DIED"]

EXECUTORS = ("local", "dask")
#: Items in flight per worker: enough to keep every worker busy, few enough to keep memory flat.
WINDOW_PER_WORKER = 4
#: Items per Dask task.
DASK_BATCH = 8

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class VectorRow:
    """Sentence vectors of one document, as the archive's ``VectorStore`` keeps them."""

    key: str
    model: str
    data: bytes
    dim: int
    count: int


@dataclass(frozen=True)
class SourceWork:
    """One source and the claims to match on it. Give ``fetch`` (a body to extract) or ``document``."""

    key: str  # the caller's name for it (a URL, a pair's line): comes back in SourceDone
    claims: tuple[Claim, ...]
    fetch: Fetch | None = None
    document: Document | None = None
    vectors: tuple[VectorRow, ...] = ()  # already computed for this document (saves re-embedding)


@dataclass(frozen=True)
class SourceDone:
    key: str
    document: Document | None  # None: nothing could be extracted (then no verdicts)
    verdicts: tuple[Verdict, ...] = ()  # one per claim, in order
    vectors: tuple[VectorRow, ...] = ()  # computed by this item: the caller stores them
    extracted: bool = False  # the document was extracted here (the caller archives it)
    failed: str = ""  # why the stage raised on this item (the caller then does it itself)
    lost: str = ""  # why no process could run this item (its worker died on it twice)


_kept: dict[Hashable, Any] = {}


def per_process(key: Hashable, build: Callable[[], T]) -> T:
    """What ``build()`` returns, built once per process and key (a worker's matcher)."""
    if key not in _kept:
        _kept[key] = build()
    built: T = _kept[key]
    return built


#: What a lost item's result says (``map(..., lost=...)``): the process died under it, twice.
WORKER_DIED = ("its worker process died twice while on it (killed, out of memory, or a crash in a parser); "
               "it was not tried in the main process")

Lost = Callable[[Any, str], Any]


class Executor(Protocol):
    workers: int

    def map(self, fn: Callable[[T], R], items: Iterable[T], *, lost: Callable[[T, str], R] | None = None
            ) -> Iterator[R]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_batch(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    return [fn(item) for item in batch]


def _windowed(submit: Callable[[Any], Any], units: Iterable[Any], window: int, *,
              died: Callable[[BaseException], bool], retry: Callable[[list[Any]], Iterator[Any]],
              together: bool = False) -> Iterator[Any]:
    """Results of ``submit(unit).result()`` in input order, with at most ``window`` submitted ahead.

    A unit whose worker died (``died(exc)``) gives ``retry(units)``'s results instead: itself, and
    every unit in flight when they fail ``together`` (a process pool breaks as a whole)."""
    pending: deque[tuple[Any, Any]] = deque()
    source = iter(units)
    while True:
        while len(pending) < window and (unit := next(source, _END)) is not _END:
            pending.append((unit, submit(unit)))
        if not pending:
            return
        unit, future = pending.popleft()
        try:
            result = future.result()
        except Exception as exc:
            if not died(exc):
                raise
            failed = [unit]
            if together:
                failed += [u for u, _ in pending]
                pending.clear()
            yield from retry(failed)
            continue
        yield result


_END = object()


class LocalExecutor:
    """In this process (1 worker) or in a pool of spawned processes."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._pool: Any = None
        if self.workers > 1:
            self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the parent may hold BLAS threads, an open SQLite connection, an event loop
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))

    def map(self, fn: Callable[[T], R], items: Iterable[T], *, lost: Callable[[T, str], R] | None = None
            ) -> Iterator[R]:
        if self._pool is None:
            return (fn(item) for item in items)

        def died(exc: BaseException) -> bool:
            return isinstance(exc, BrokenProcessPool) and lost is not None

        return _windowed(lambda item: self._pool.submit(fn, item), items, self.workers * WINDOW_PER_WORKER,
                         died=died, retry=partial(self._alone, fn, lost=lost), together=True)

    def _alone(self, fn: Callable[[T], R], items: list[T], *, lost: Lost | None) -> Iterator[R]:
        """Each of ``items`` on a fresh pool, one at a time: the one its worker dies on again is lost."""
        self._restart()  # broken: every item in flight failed with it
        for item in items:
            try:
                yield self._pool.submit(fn, item).result()
            except BrokenProcessPool:
                self._restart()
                if lost is None:
                    raise
                yield lost(item, WORKER_DIED)

    def _restart(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._new_pool()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DaskExecutor:
    """On a Dask cluster: a LocalCluster of ``workers`` processes here, or the scheduler at ``address``."""

    def __init__(self, workers: int = 1, address: str | None = None) -> None:
        try:  # lazy: dask is an optional extra, and heavy to import
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise InputError("the dask executor needs the optional extra: pip install 'factcheck[dask]'") from exc
        self._cluster = None
        if address is None:
            # 127.0.0.1 only; no dashboard (the scheduler's small HTTP server for health checks listens on
            # a free port of 127.0.0.1); one thread per process (the stage is CPU-bound)
            self._cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                         host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR,
                                         scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
            self._client = Client(self._cluster)
        else:
            self._client = Client(address)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})) or workers)

    def map(self, fn: Callable[[T], R], items: Iterable[T], *, lost: Callable[[T, str], R] | None = None
            ) -> Iterator[R]:
        # A task per DASK_BATCH items: the scheduler's cost per task (~10 ms of CPU on this machine,
        # measured) is then shared. pure=False: equal batches (a page cited twice) are still two tasks.
        from distributed import KilledWorker  # lazy: dask is an optional extra

        def submit(batch: list[T]) -> Any:
            return self._client.submit(_run_batch, fn, batch, pure=False)

        def alone(batches: list[list[T]]) -> Iterator[list[R]]:
            for item in (item for batch in batches for item in batch):
                try:
                    yield submit([item]).result()
                except KilledWorker:
                    if lost is None:
                        raise
                    yield [lost(item, WORKER_DIED)]

        batches = _windowed(submit, _batched(items, DASK_BATCH), self.workers * 2,
                            died=lambda exc: isinstance(exc, KilledWorker) and lost is not None, retry=alone)
        return (result for batch in batches for result in batch)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_executor(kind: str, workers: int, address: str | None = None) -> Executor:
    """``kind`` is "local" or "dask" (InputError otherwise, or when dask is not installed)."""
    if kind == "local":
        return LocalExecutor(workers)
    if kind == "dask":
        return DaskExecutor(workers, address)
    raise InputError(f"unknown executor {kind!r}; choose one of: {', '.join(EXECUTORS)}")
