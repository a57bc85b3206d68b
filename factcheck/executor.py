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
stays flat however many sources), and ``stream(fn, lost=...)`` -> a ``Stream``
that takes items one at a time as they come (from the fetching event loop's
callbacks: it never blocks there) and hands back results as they finish:

  local, 1 worker    in this process (a stream: on one background thread)
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

A stream sets aside the items of a dead worker and runs each alone in
``finish()``, when nothing else is in flight: the same rule, later.

A worker keeps what is slow to build (a matcher: the sentence encoder maps its
weights in ~0.3 s) with ``per_process(key, build)``.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, TypeVar

from .errors import InputError
from .models import Claim, Document, Fetch, Verdict

__all__ = ["SourceWork", "SourceDone", "VectorRow", "Executor", "LocalExecutor", "DaskExecutor", "Stream",
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

    def stream(self, fn: Callable[[Any], Any], *, lost: Lost) -> Stream: ...

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


class Stream:
    """Items put one at a time as they come, results taken as they finish (in any order).

    Nothing here waits but ``wait`` and ``finish``: ``put`` submits at once (the caller asks
    ``room()`` first and keeps what does not fit, so at most ``window`` units are in flight and
    memory stays flat), ``ready`` takes what has finished. A unit is a list of up to ``batch``
    items (one Dask task); a partial batch goes out at once when a worker would otherwise idle.
    ``on_done(wake)``: ``wake()`` is called, from any thread, each time a unit finishes.

    The items of a unit whose worker died (``died(exc)``; the pool ``restart``ed if it broke as a
    whole) are set aside and run each alone by ``alone`` in ``finish``, when nothing else is in
    flight: an item whose worker dies again comes back as the executor's ``lost``."""

    def __init__(self, submit: Callable[[list[Any]], Any], *, window: int, alone: Callable[[list[Any]], Iterator[Any]],
                 batch: int = 1, workers: int = 1, died: Callable[[BaseException], bool] = lambda exc: False,
                 restart: Callable[[], None] | None = None) -> None:
        self._submit, self._alone, self._died, self._restart = submit, alone, died, restart
        self._window, self._batch, self._workers = max(1, window), max(1, batch), max(1, workers)
        self._pending: list[tuple[list[Any], Any, int]] = []  # unit, its future, the pool's generation
        self._queued: list[Any] = []  # a batch filling
        self._suspects: list[Any] = []  # items of units whose worker died
        self._generation = 0
        self._wake: Callable[[], None] | None = None

    def on_done(self, wake: Callable[[], None] | None) -> None:
        self._wake = wake

    def room(self) -> bool:
        return len(self._pending) < self._window

    def busy(self) -> bool:
        return bool(self._pending or self._queued)

    def put(self, item: Any) -> None:
        self._queued.append(item)
        if len(self._queued) >= self._batch or len(self._pending) < self._workers:
            self._flush()

    def ready(self) -> list[Any]:
        """The results of every unit finished so far, without waiting."""
        finished = [entry for entry in self._pending if entry[1].done()]  # once: it may change meanwhile
        gone = {id(entry) for entry in finished}
        self._pending = [entry for entry in self._pending if id(entry) not in gone]
        results = [result for entry in finished for result in self._outcome(*entry)]
        if len(self._pending) < self._workers:
            self._flush()  # a worker is free: a partial batch need not wait for more
        return results

    def wait(self) -> None:
        """Until the oldest unit in flight finishes (then ``ready`` has something)."""
        self._flush()
        if self._pending:
            self._pending[0][1].exception()  # waits; what it raised is ``ready``'s to handle

    def finish(self) -> Iterator[Any]:
        """The results of everything put and not yet taken, waiting for it; then the dead workers' items, alone."""
        self._flush()
        while self._pending:
            yield from self._outcome(*self._pending.pop(0))
        suspects, self._suspects = self._suspects, []
        if suspects:
            yield from self._alone(suspects)

    def _flush(self) -> None:
        if not self._queued:
            return
        unit, self._queued = self._queued, []
        try:
            future = self._submit(unit)
        except Exception as exc:
            if self._restart is None or not self._died(exc):
                raise
            self._renew()  # the pool broke before anyone looked: this unit was not in it
            future = self._submit(unit)
        self._pending.append((unit, future, self._generation))
        if self._wake is not None:
            future.add_done_callback(partial(_call, self._wake))

    def _outcome(self, unit: list[Any], future: Any, generation: int) -> list[Any]:
        try:
            return list(future.result())
        except Exception as exc:
            if not self._died(exc):
                raise
            if self._restart is not None and generation == self._generation:
                self._renew()  # broken as a whole: every unit in flight with it comes here too
            self._suspects.extend(unit)
            return []

    def _renew(self) -> None:
        assert self._restart is not None
        self._restart()
        self._generation += 1


def _call(wake: Callable[[], None], _future: object) -> None:
    wake()


def _never(items: list[Any]) -> Iterator[Any]:
    raise AssertionError("a thread does not die alone")  # no ``died``: nothing is ever set aside
    yield  # a generator


class LocalExecutor:
    """In this process (1 worker) or in a pool of spawned processes."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self._pool: Any = None
        self._thread: ThreadPoolExecutor | None = None
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

    def stream(self, fn: Callable[[Any], Any], *, lost: Lost) -> Stream:
        """On the pool; with one worker, on one thread of this process: the stage then runs while
        the event loop waits on the network (the encoder and the parsers let go of the GIL)."""
        if self._pool is None:
            if self._thread is None:
                self._thread = ThreadPoolExecutor(1, thread_name_prefix="factcheck-stage")
            thread = self._thread

            def on_thread(unit: list[Any]) -> Future[list[Any]]:
                return thread.submit(_run_batch, fn, unit)

            return Stream(on_thread, window=WINDOW_PER_WORKER, alone=_never)

        def submit(unit: list[Any]) -> Future[list[Any]]:
            return self._pool.submit(_run_batch, fn, unit)  # self._pool: the pool of now (restarts)

        return Stream(submit, window=self.workers * WINDOW_PER_WORKER, workers=self.workers,
                      died=lambda exc: isinstance(exc, BrokenProcessPool), restart=self._restart,
                      alone=partial(self._alone, fn, lost=lost))

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

    def close(self, *, abandon: bool = False) -> None:
        """Shut the workers down once their work in flight is done; or, to ``abandon`` it (Ctrl-C, or an
        error the run stops on), stop them now: what they were doing is lost with the run, and only this
        process writes the archive, so nothing of it was kept anyway. Waiting could take as long as the
        slowest page in flight takes to match, and a pool shut down just as its worker took the next item
        could wait for that one too (CPython gh-125886)."""
        if self._pool is not None:
            if abandon:
                for process in list((getattr(self._pool, "_processes", None) or {}).values()):
                    process.terminate()  # CPython keeps the pool's processes there (3.14: terminate_workers())
            self._pool.shutdown(wait=not abandon, cancel_futures=True)
            self._pool = None
        if self._thread is not None:  # not waiting: after Ctrl-C its one running item ends by itself
            self._thread.shutdown(wait=False, cancel_futures=True)
            self._thread = None
            _kept.clear()  # what the thread built (a matcher) lives as long as its executor, not the process

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(abandon=exc[0] is not None)


NO_WORKER_GRACE = 30.0  # seconds a Dask cluster may have no worker while a suspect item waits (restarts take ~1-3 s)


class NoWorkerLeft(Exception):
    """Every Dask worker died under an item and none came back."""


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
                    yield self._alone_result(submit([item]))
                except (KilledWorker, NoWorkerLeft):
                    if lost is None:
                        raise
                    yield [lost(item, WORKER_DIED)]

        batches = _windowed(submit, _batched(items, DASK_BATCH), self.workers * 2,
                            died=lambda exc: isinstance(exc, KilledWorker) and lost is not None, retry=alone)
        return (result for batch in batches for result in batch)

    def stream(self, fn: Callable[[Any], Any], *, lost: Lost) -> Stream:
        from distributed import KilledWorker  # lazy: dask is an optional extra

        def submit(unit: list[Any]) -> Any:
            return self._client.submit(_run_batch, fn, unit, pure=False)

        def alone(items: list[Any]) -> Iterator[Any]:
            for item in items:
                try:
                    yield self._alone_result(submit([item]))[0]
                except (KilledWorker, NoWorkerLeft):
                    yield lost(item, WORKER_DIED)

        return Stream(submit, window=self.workers * 2, batch=DASK_BATCH, workers=self.workers,
                      died=lambda exc: isinstance(exc, KilledWorker), alone=alone)

    def _alone_result(self, future: Any) -> Any:
        """A suspect item's result. Its workers died under it before, and if every worker is dead and none
        comes back (seen on a loaded machine: the nannies did not restart them), Dask waits forever; after
        ``NO_WORKER_GRACE`` seconds with no worker, the item counts as one whose worker died."""
        from distributed import TimeoutError as DaskTimeout  # lazy: dask is an optional extra

        alone_since: float | None = None
        while True:
            try:
                return future.result(timeout=1.0)
            except DaskTimeout:
                if self._client.scheduler_info().get("workers"):
                    alone_since = None
                elif alone_since is None:
                    alone_since = time.monotonic()
                elif time.monotonic() - alone_since > NO_WORKER_GRACE:
                    future.cancel()
                    raise NoWorkerLeft(f"no Dask worker for {NO_WORKER_GRACE:g} s") from None

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
